//! The apostrophe rule: a name transliterated with an apostrophe for a
//! sound English does not write is the name the lists hold without it
//! ("Ba’ath" is "Baath", "Shi'ite" is "Shiite").
//!
//! The gazetteer sources list such names both ways when they list them
//! at all (GeoNames' "Ash Shuhada'" beside "Shuhada", "Ba'ath" beside
//! "Baath"), most of them one way only. A word of a name run that no
//! candidate covers, with an apostrophe between letters, is looked up as
//! a one-word form with its apostrophes dropped, and matches the forms
//! written that way (asked by the learned rule, which finds those runs). An apostrophe before the ending of a contraction
//! ("We'll", "She’d") is left alone: "Shell" is no reading of "She'll".

use crate::candidate::Candidate;
use crate::document::Document;
use crate::gazetteer::Matcher;
use crate::tokenizer::bytes::{splat, zero_bytes};
use crate::tokenizer::push_key;

/// The shortest word the rule looks at: a letter, an apostrophe and two
/// letters.
const SHORTEST: usize = 4;

/// Appends the gazetteer's readings of the words of the name run
/// `start..end`, which no candidate covers, that are written with an
/// apostrophe its forms do not have; says whether there were any.
///
/// Asked by the learned rule of the runs no candidate covers (a few in a
/// hundred), not of every word: looking for apostrophes in every name
/// word cost 2% of the extraction.
pub(crate) fn find(
    cx: &Document<'_>,
    matcher: &Matcher,
    (start, end): (usize, usize),
    out: &mut Vec<Candidate>,
) -> bool {
    let text = cx.text.as_bytes();
    // Most runs have no apostrophe: the run's bytes are looked over at
    // once, eight at a time, before any word's.
    if !apostrophe_byte_in(text, cx.tokens[start].start(), cx.tokens[end - 1].end()) {
        return false;
    }
    let before = out.len();
    let mut written = String::new();
    let mut key = String::new();
    for i in start..end {
        let token = &cx.tokens[i];
        let bytes = &text[token.start()..token.end()];
        if bytes.len() < SHORTEST || !bytes.iter().copied().any(is_apostrophe_byte) {
            continue;
        }
        if !without_apostrophes(cx.word(i), &mut written) {
            continue;
        }
        key.clear();
        push_key(&written, &mut key);
        matcher.find_word(&key, &written, i, out);
    }
    out.len() > before
}

/// Whether byte `b` is an apostrophe or may end one: 0x99 ends "’".
fn is_apostrophe_byte(b: u8) -> bool {
    b == b'\'' || b == 0x99
}

/// Whether any of bytes `from..to` of `text` is an apostrophe or may end
/// one (see [`is_apostrophe_byte`]): read eight bytes at a time, each
/// block masked to the bytes of the span and tested for either byte at
/// once, rather than a byte at a time with two tests for each.
fn apostrophe_byte_in(text: &[u8], from: usize, to: usize) -> bool {
    let has_zero = |block: u64| zero_bytes(block) != 0;
    let mut at = from;
    while at < to {
        // The last bytes of a text are read one by one.
        let Some(block) = text[at..].first_chunk::<8>() else {
            return text[at..to].iter().copied().any(is_apostrophe_byte);
        };
        let taken = (to - at).min(8);
        // The bytes past the span are made zero, which neither byte is.
        let block = u64::from_le_bytes(*block) & (u64::MAX >> (64 - 8 * taken));
        if has_zero(block ^ splat(b'\'')) || has_zero(block ^ splat(0x99)) {
            return true;
        }
        at += 8;
    }
    false
}

/// Writes to `out` `word` without the apostrophes it has between letters,
/// and says whether there were any, none of them before a contraction's
/// ending.
fn without_apostrophes(word: &str, out: &mut String) -> bool {
    out.clear();
    let mut dropped = false;
    let mut chars = word.char_indices().peekable();
    let mut before: Option<char> = None;
    while let Some((at, c)) = chars.next() {
        let apostrophe = matches!(c, '\'' | '’' | 'ʼ');
        let between = apostrophe
            && before.is_some_and(char::is_alphabetic)
            && chars.peek().is_some_and(|&(_, next)| next.is_alphabetic());
        if between {
            let rest = &word[at + c.len_utf8()..];
            let ending: String = rest
                .chars()
                .take_while(|c| c.is_alphabetic())
                .flat_map(char::to_lowercase)
                .collect();
            if ending.chars().count() < 2 || matches!(ending.as_str(), "ll" | "ve" | "re") {
                return false;
            }
            dropped = true;
        } else {
            out.push(c);
        }
        before = Some(c);
    }
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EntityKind;
    use crate::candidate::Evidence;
    use crate::gazetteer::Entry;
    use crate::rules::testing::learned_proposals;

    /// "kind text" of each reading of `text` the rule adds, with a
    /// gazetteer of `entries` and no learned rules.
    fn run(entries: &[Entry], text: &str) -> Vec<String> {
        learned_proposals("", entries, text, |c| c.evidence == Evidence::Gazetteer)
            .into_iter()
            .filter(|c| c.contains(['\'', '’']))
            .collect()
    }

    #[test]
    fn a_name_written_with_an_apostrophe_is_the_listed_name_without_it() {
        let entries = [Entry::new(EntityKind::Place, "Qarvana")];
        assert_eq!(
            run(&entries, "Troops left Qar’vana today."),
            ["place Qar’vana"]
        );
        assert_eq!(
            run(&entries, "Troops left Qar'vana today."),
            ["place Qar'vana"]
        );
    }

    #[test]
    fn contractions_listed_spellings_and_other_cases_are_left_alone() {
        let entries = [
            Entry::new(EntityKind::Organisation, "Shell"),
            Entry::new(EntityKind::Place, "Qarvana"),
            Entry::new(EntityKind::Place, "Zu'bar"),
        ];
        assert!(run(&entries, "She'll go. She’ll stay.").is_empty());
        // The plain spelling and the listed one match as they are, and
        // the rule adds nothing to them.
        assert_eq!(
            run(&entries, "Troops left Qarvana and Zu'bar today."),
            ["place Zu'bar"]
        );
        // The case of the form must agree.
        assert!(run(&entries, "Troops left QAR'Vana today.").is_empty());
    }

    proptest::proptest! {
        #[test]
        fn a_span_has_an_apostrophe_byte_where_one_of_its_bytes_is_one(
            text in "([a-z'. ]|’|ę|\\PC)*",
            from in 0usize..40,
            len in 0usize..40,
        ) {
            let bytes = text.as_bytes();
            let from = from.min(bytes.len());
            let to = (from + len).min(bytes.len());
            let expected = bytes[from..to].iter().copied().any(is_apostrophe_byte);
            proptest::prop_assert_eq!(apostrophe_byte_in(bytes, from, to), expected);
        }
    }

    #[test]
    fn apostrophes_between_letters_go() {
        let mut out = String::new();
        assert!(without_apostrophes("Da’wa", &mut out));
        assert_eq!(out, "Dawa");
        assert!(!without_apostrophes("We're", &mut out));
        assert!(!without_apostrophes("Iraq'", &mut out));
        assert!(!without_apostrophes("O'N", &mut out));
    }
}
