//! The unlisted-acronym rule: an acronym that no list holds and that no
//! definition explains is an organisation when the words around it say so
//! ("said security firm RSA", "WRU chairman David Pickering").
//!
//! Most acronyms in the news are names, and most names written that way
//! are organisations; but many are not names at all ("TV", "GDP", "1400
//! GMT", "sea surface salinity (SSS)"). The rule asks three things of a
//! word before it proposes it:
//!
//! - its form: two to six capital letters, nothing else ("ITV1", "U.N."
//!   and "PSON.L" are not taken), not a roman numeral ("XV"), in running
//!   text (a headline is all capitals), not a dateline ("LONDON, March 9"),
//!   not a ticker or a definition in brackets ("<LLY>", "(FAO)": a
//!   definition is the acronym rule's and the resolver's), not a unit after
//!   a number ("1400 GMT");
//! - that it is no word: not a stop word, not a word the article corpus
//!   mostly writes in lower case ("FIRST", "NOTE"), not one of the
//!   abbreviations of things that are no names ([`NOT_NAMES`]), and not
//!   used as a noun in the document ("a PC", "PCs") or defined there by
//!   words in lower case ("sea surface salinity (SSS)");
//! - its context: the learned context rules ([`crate::learned`]) that its
//!   neighbours fire, read with the confidence a rule has for a name no
//!   list holds: the organisation rules' best must reach
//!   [`CONFIDENCE`], or the article "the" come right before it in the
//!   middle of a sentence ("the QRX said"); and no rule for another kind
//!   reach [`CONFIDENCE`].
//!
//! An acronym that spells the initials of a name the document gives, or
//! is a name of it in capitals, is left to the resolver, which joins it to
//! that name. The candidates the rule makes carry
//! [`Evidence::AcronymContext`]; the resolver propagates each to the
//! acronym's other uses in the document.

use crate::EntityKind;
use crate::candidate::{Candidate, Evidence};
use crate::document::Document;
use crate::document::acronym::letters;
use crate::hash::hash_key;
use crate::learned::features::{Example, Features};
use crate::learned::{Decision, LearnedRules, NEW_NAME_CONFIDENCE};
use crate::tokenizer::{Headline, Shape, TokenKind};

/// The least confidence of the organisation context rules that makes an
/// unlisted acronym an organisation: the learned rules' threshold for a
/// name no list holds.
pub(crate) const CONFIDENCE: f32 = NEW_NAME_CONFIDENCE;

/// The fewest and the most letters of an acronym the rule takes.
const LETTERS: std::ops::RangeInclusive<usize> = 2..=6;

/// The most tokens before a dateline's last word on its line ("ST. LOUIS").
const DATELINE_WORDS: usize = 4;

/// Abbreviations, written in capitals, of things that are no names:
/// units, times, common nouns, roles and the legal forms of companies
/// ("SA", "AG", which end a name). Sorted, for a binary search.
pub(crate) const NOT_NAMES: &[&str] = &[
    "AB", "AD", "AG", "AI", "AIDS", "AKA", "AM", "ASA", "ATM", "BC", "BCE", "BST", "BV", "CD",
    "CDT", "CEO", "CET", "CFO", "CO", "COO", "CORP", "CST", "CTO", "CV", "DIY", "DJ", "DNA", "DVD",
    "EDT", "EST", "FAQ", "FM", "GB", "GDP", "GHZ", "GMBH", "GMT", "GNP", "GPS", "HD", "HDTV",
    "HIV", "HQ", "HR", "ICU", "ID", "INC", "IPO", "IQ", "IT", "KB", "KG", "KK", "KM", "KWH", "LCD",
    "LED", "LLC", "LLP", "LTD", "MB", "MBA", "MC", "MEP", "MHZ", "MP", "MPH", "MRI", "MSP", "MVP",
    "MW", "NB", "NV", "OK", "OY", "OYJ", "PC", "PDF", "PDT", "PIN", "PLC", "PM", "PR", "PS", "PST",
    "QC", "RIP", "RNA", "RPM", "SA", "SMS", "SPA", "SUV", "TB", "TBA", "TBC", "TV", "UFO", "URL",
    "USB", "UTC", "UV", "VAT", "VIP", "VR", "WMD",
];

/// What the rule learns about one text's acronyms as the learned rule
/// asks it about them, one run after another, kept for the next text with
/// its memory.
///
/// Each is a look over the whole text made once for the text rather than
/// once for each acronym: a long text has more acronyms to decide as well
/// as more tokens to look over.
#[derive(Default)]
pub(crate) struct Acronyms {
    /// The acronyms looked at so far, by the hash of their key, each with
    /// whether it is a name (neither a word of the document nor a name's
    /// initials).
    decided: Vec<(u64, bool)>,
    /// Whether `capitals` holds the text's tokens yet.
    capitals_found: bool,
    /// The tokens that may be an acronym or its plural, each with the hash
    /// of its key: two to seven bytes, all but the last ASCII capitals, and
    /// so name words ([`a_word_in_the_document`] looks at no other).
    capitals: Vec<(u64, usize)>,
    /// How many of the candidates listed so far [`Acronyms::names`]
    /// and [`Acronyms::initials`] hold.
    listed: usize,
    /// The first tokens of the candidates of one token, each with the hash
    /// of its key.
    names: Vec<(u64, usize)>,
    /// The initials of the candidates of more tokens that have them (see
    /// [`Document::push_initials`]) and are as long as an acronym the rule
    /// takes, each packed into a number ([`packed`]).
    initials: Vec<u64>,
    /// The initials of one candidate, written.
    spelled: String,
}

impl Acronyms {
    /// Forgets the last text's acronyms, keeping the memory.
    pub(crate) fn clear(&mut self) {
        self.decided.clear();
        self.capitals_found = false;
        self.capitals.clear();
        self.listed = 0;
        self.names.clear();
        self.initials.clear();
        self.spelled.clear();
    }
}

/// The candidate the rule makes of `example`, a run no candidate covers,
/// if it is an unlisted acronym whose context types it; `listed` are the
/// candidates of the text, which only grow while the text's runs are
/// looked at, and `acronyms` what the rule found out about the text so far.
pub(crate) fn propose(
    cx: &Document<'_>,
    rules: &LearnedRules,
    features: &mut Features,
    example: Example,
    listed: &[Candidate],
    acronyms: &mut Acronyms,
) -> Option<Candidate> {
    let at = example.start;
    if example.end != at + 1 || !shaped_like_one(cx, at) || !stands_alone(cx, at) {
        return None;
    }
    if is_a_word(cx, rules, at) {
        return None;
    }
    let mut decision = Decision::new(rules);
    features.context(cx, at, at + 1, &mut decision);
    let kind = EntityKind::Organisation;
    let contested = EntityKind::ALL
        .iter()
        .any(|&k| k != kind && decision.confidence[k as usize] >= CONFIDENCE);
    let typed =
        !contested && (decision.confidence[kind as usize] >= CONFIDENCE || after_the(cx, at));
    if !typed {
        return None;
    }
    // Each look over the whole document is made once per acronym: a
    // document uses its acronyms again and again.
    let hash = cx.keys.hash(at);
    let name = match acronyms.decided.iter().find(|&&(h, _)| h == hash) {
        Some(&(_, name)) => name,
        None => {
            let name = !a_word_in_the_document(cx, at, acronyms)
                && !named_otherwise(cx, at, listed, acronyms);
            acronyms.decided.push((hash, name));
            name
        }
    };
    if !name {
        return None;
    }
    Some(Candidate {
        start: at,
        end: at + 1,
        kind,
        entry: None,
        evidence: Evidence::AcronymContext,
        rank: 0,
    })
}

/// Whether the acronym at `at` follows the article "the" in the middle of
/// its sentence ("talks with the QRX"): a name in capitals that English
/// writes with "the" names a body ("the UN", "the FBI"), where the
/// abbreviations of things are written with "a" or in the plural as well,
/// which [`a_word_in_the_document`] looks for. Not "The" that begins a
/// sentence, which in conversation and in headings leads into anything.
fn after_the(cx: &Document<'_>, at: usize) -> bool {
    at > 0 && !cx.tokens[at].line_start && cx.word(at - 1) == "the"
}

/// Whether token `at` is two to six capital letters in running text, and
/// neither a roman numeral ("XV") nor a credit rating ("AA", "BBB").
fn shaped_like_one(cx: &Document<'_>, at: usize) -> bool {
    // Most words asked about are no capitals: the token's shape says so
    // before its bytes are read.
    let token = &cx.tokens[at];
    if token.kind != TokenKind::Word
        || token.shape != Shape::Upper
        || token.headline != Headline::RunningText
    {
        return false;
    }
    let word = cx.word(at).as_bytes();
    let numeral = || word.iter().all(|b| matches!(b, b'I' | b'V' | b'X' | b'L'));
    let rating = || {
        word.iter().all(|b| matches!(b, b'A' | b'B' | b'C'))
            && word.windows(2).all(|w| w[0] >= w[1])
    };
    LETTERS.contains(&word.len())
        && word.iter().all(u8::is_ascii_uppercase)
        && !numeral()
        && !rating()
}

/// Whether token `at` stands alone: not in brackets (a ticker, or a
/// definition), not the first word of a compound ("AA-minus", "HD-ready"),
/// not after a number (a unit), and not in a dateline ("ST. LOUIS, MO.,
/// March 3 -").
fn stands_alone(cx: &Document<'_>, at: usize) -> bool {
    let tokens = cx.tokens;
    let on_line = |i: usize| !tokens[i].line_start;
    let before = (at > 0 && on_line(at)).then(|| at - 1);
    let after = (at + 1 < tokens.len() && on_line(at + 1)).then_some(at + 1);
    let bracket_before = before.is_some_and(|i| matches!(cx.word(i), "(" | "<" | "["));
    let bracket_after = after.is_some_and(|i| matches!(cx.word(i), ")" | ">" | "]"));
    let compound = after.is_some_and(|i| !tokens[i].space_before && cx.word(i) == "-");
    let number_before = before.is_some_and(|i| tokens[i].kind == TokenKind::Number);
    !(bracket_before || bracket_after || compound || number_before || in_dateline(cx, at))
}

/// Whether token `at` is in a dateline: from the start of its line, words
/// in capitals and periods, then a comma, a bracket or a dash.
fn in_dateline(cx: &Document<'_>, at: usize) -> bool {
    let tokens = cx.tokens;
    let mut start = at;
    while !tokens[start].line_start {
        if start == 0 || at - start >= DATELINE_WORDS {
            return false;
        }
        start -= 1;
        let dateline_word =
            tokens[start].shape == Shape::Upper || matches!(cx.word(start), "." | "/");
        if !dateline_word {
            return false;
        }
    }
    tokens
        .get(at + 1)
        .is_some_and(|t| !t.line_start && matches!(cx.word(at + 1), "," | "(" | "-" | "–" | "—"))
}

/// Whether token `at`, in capitals, is a word rather than a name: a stop
/// word, a word the corpus mostly writes in lower case, or one of
/// [`NOT_NAMES`].
fn is_a_word(cx: &Document<'_>, rules: &LearnedRules, at: usize) -> bool {
    cx.is_stopword(at)
        || NOT_NAMES.binary_search(&cx.word(at)).is_ok()
        || rules.common.all_common(cx.word_hashes(at, at + 1))
}

/// Whether the document uses the acronym at `at` as a common noun, after
/// "a" or "an" or with a plural "s" ("PCs"), or defines it by a word in
/// lower case: one before "(ACRONYM)" that starts with its last letter
/// ("sea surface salinity (SSS)"), or one after "ACRONYM (" that starts
/// with its first ("LED (light-emitting diode)").
///
/// Looks only at the tokens that may be the acronym or its plural
/// ([`Acronyms::capitals`]), found in one pass over the name words the
/// first time, and compares the hashes of their keys, listed with them.
fn a_word_in_the_document(cx: &Document<'_>, at: usize, acronyms: &mut Acronyms) -> bool {
    if !acronyms.capitals_found {
        acronyms.capitals_found = true;
        // A token that starts with a capital is a name word unless it ends
        // in a contraction ("I'm"), whose apostrophe no token here has.
        // Its second byte is asked first, a capital in few name words but
        // in every such token longer than two bytes: a test of its length
        // first went either way from word to word.
        for i in cx.name_words() {
            let word = cx.word(i).as_bytes();
            if (word.len() == 2 || word.get(1).is_some_and(u8::is_ascii_uppercase))
                && (2..=LETTERS.end() + 1).contains(&word.len())
                && word[..word.len() - 1].iter().all(u8::is_ascii_uppercase)
            {
                acronyms.capitals.push((cx.keys.hash(i), i));
            }
        }
    }
    let word = cx.word(at);
    let bytes = word.as_bytes();
    let (first, last) = (bytes[0], bytes[bytes.len() - 1]);
    let tokens = cx.tokens;
    let hash = cx.keys.hash(at);
    let mut plural = cx.keys.get(at).to_string();
    plural.push('s');
    let plural_hash = hash_key(&plural);
    let is = |i: Option<usize>, texts: &[&str]| {
        i.is_some_and(|i| i < tokens.len() && texts.contains(&cx.word(i)))
    };
    let lower_from = |i: Option<usize>, letter: u8| {
        i.is_some_and(|i| {
            i < tokens.len()
                && tokens[i].kind == TokenKind::Word
                && tokens[i].shape == Shape::Lower
                && cx.word(i).as_bytes()[0] == letter.to_ascii_lowercase()
        })
    };
    acronyms.capitals.iter().any(|&(h, i)| {
        if h == plural_hash {
            let other = cx.word(i);
            return other.len() == word.len() + 1 && other.starts_with(word);
        }
        if h != hash || cx.word(i) != word {
            return false;
        }
        let (before, after) = (i.checked_sub(1), Some(i + 1));
        is(before, &["a", "an", "A", "An"])
            || (is(before, &["("]) && is(after, &[")"]) && lower_from(i.checked_sub(2), last))
            || (is(after, &["("]) && lower_from(Some(i + 2), first))
    })
}

/// Whether the acronym at `at` spells the initials of a name of `listed`,
/// or is one of them in capitals: the resolver joins it to that name.
///
/// The initials of each candidate are written once, into `acronyms`,
/// when a first acronym after it is asked about.
fn named_otherwise(
    cx: &Document<'_>,
    at: usize,
    listed: &[Candidate],
    acronyms: &mut Acronyms,
) -> bool {
    for c in &listed[acronyms.listed..] {
        if c.len() == 1 {
            acronyms.names.push((cx.keys.hash(c.start), c.start));
            continue;
        }
        acronyms.spelled.clear();
        if cx.push_initials(c.start, c.end, &mut acronyms.spelled)
            && let Some(initials) = packed(&acronyms.spelled)
        {
            acronyms.initials.push(initials);
        }
    }
    acronyms.listed = listed.len();
    let (hash, key) = (cx.keys.hash(at), cx.keys.get(at));
    acronyms
        .names
        .iter()
        .any(|&(h, i)| h == hash && cx.keys.get(i) == key)
        || packed(&letters(cx.word(at))).is_some_and(|spelled| acronyms.initials.contains(&spelled))
}

/// `letters` packed into a number, its bytes in order and zeros after
/// them, when they are as many as an acronym the rule takes has
/// ([`LETTERS`]): two strings of letters, which hold no zero byte, are
/// equal when their numbers are.
fn packed(letters: &str) -> Option<u64> {
    let bytes = letters.as_bytes();
    LETTERS.contains(&bytes.len()).then(|| {
        let mut block = [0; 8];
        block[..bytes.len()].copy_from_slice(bytes);
        u64::from_le_bytes(block)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Entry;
    use crate::rules::testing::learned_proposals;

    /// Context rules that type no new name, as in the default rules: the
    /// one class used for new names is of spelling.
    const RULES: &str = "use\tS4\tperson\t9\t10\n\
                         context\tL2 security firm\torganisation\t0.99\n\
                         context\tR1 officials\torganisation\t0.99\n\
                         context\tL1 in\tplace\t0.99\n\
                         context\tR1 said\tperson\t0.99\n\
                         context\tL2 st .\torganisation\t0.99\n";

    /// "kind text" for each candidate this rule makes when the learned
    /// rules run on `text`, with a gazetteer of `entries`.
    fn run(entries: &[Entry], text: &str) -> Vec<String> {
        learned_proposals(RULES, entries, text, |c| {
            c.evidence == Evidence::AcronymContext
        })
    }

    #[test]
    fn context_makes_an_unlisted_acronym_an_organisation() {
        assert_eq!(
            run(
                &[],
                "Analysts at security firm QRX agreed. The QRXT officials left."
            ),
            ["organisation QRX", "organisation QRXT"]
        );
    }

    #[test]
    fn the_article_before_an_unlisted_acronym_makes_it_an_organisation() {
        assert_eq!(
            run(&[], "Talks with the QRX ended. Later QRX agreed."),
            ["organisation QRX"]
        );
        // Not "The" that begins a sentence, nor against another kind's
        // context.
        assert!(run(&[], "The QRX ended. Later QRX agreed.").is_empty());
        assert!(run(&[], "Talks with the QRX said no.").is_empty());
    }

    #[test]
    fn other_kinds_context_and_no_context_type_nothing() {
        assert!(run(&[], "Talks in QRX went on. QRX agreed.").is_empty());
        // The organisation rule fires, and so does the place rule.
        assert!(run(&[], "Talks in QRX officials ended.").is_empty());
    }

    #[test]
    fn words_numbers_and_units_are_no_acronyms_of_names() {
        for text in [
            "Analysts at security firm PC agreed.",
            "Analysts at security firm SA agreed.",
            "Analysts at security firm XIV agreed.",
            "Analysts at security firm BBB agreed.",
            "Analysts at security firm QRXTUVW agreed.",
            "Analysts at security firm QR2 agreed.",
            "At 1400 QRX officials left.",
        ] {
            assert!(run(&[], text).is_empty(), "{text}");
        }
    }

    #[test]
    fn brackets_compounds_and_datelines_are_left_alone() {
        for text in [
            "Analysts at security firm (QRX) agreed.",
            "Analysts at security firm <QRX> agreed.",
            "Analysts at security firm QRX-based agreed.",
            "ST. QRX, March 3 - The firm grew.",
        ] {
            assert!(run(&[], text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_document_that_uses_it_as_a_noun_or_defines_it_in_words_keeps_it() {
        for text in [
            "He bought a QRX. Analysts at security firm QRX agreed.",
            "Two QRXs. Analysts at security firm QRX agreed.",
            "The quick rotating xenon (QRX) burns. Analysts at security firm QRX agreed.",
            "The QRX (quick rotating xenon) burns. Analysts at security firm QRX agreed.",
        ] {
            assert!(run(&[], text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_name_of_the_document_it_spells_is_left_to_the_resolver() {
        let entries = [Entry::new(EntityKind::Organisation, "Quarry Rock Xenon")];
        assert!(
            run(
                &entries,
                "The Quarry Rock Xenon grew. Analysts at security firm QRX agreed."
            )
            .is_empty()
        );
    }

    #[test]
    fn each_acronym_of_a_document_is_decided_on_its_own() {
        // What the first acronym's looks over the document found serves
        // the later ones: each is still kept or left by its own uses.
        let entries = [Entry::new(EntityKind::Organisation, "Zebra Pine Mills")];
        let text = "Analysts at security firm QRX agreed. He bought a KLT. \
                    Zebra Pine Mills grew. Analysts at security firm KLT agreed. \
                    Analysts at security firm ZPM agreed. \
                    Analysts at security firm QRXT agreed.";
        assert_eq!(
            run(&entries, text),
            ["organisation QRX", "organisation QRXT"]
        );
    }

    #[test]
    fn initials_are_packed_apart_when_as_long_as_an_acronym() {
        assert_eq!(packed("qrx"), packed("qrx"));
        assert_ne!(packed("qrx"), packed("qr"));
        assert_ne!(packed("qrx"), packed("qrxt"));
        assert!(packed("q").is_none());
        assert!(packed("qrxtuvw").is_none());
    }

    #[test]
    fn the_words_that_are_no_names_are_sorted_capitals() {
        assert!(NOT_NAMES.windows(2).all(|w| w[0] < w[1]));
        assert!(
            NOT_NAMES
                .iter()
                .all(|w| w.bytes().all(|b| b.is_ascii_uppercase()))
        );
    }
}
