//! Stage 4, rules: names that no gazetteer holds, found from the cues
//! around them.
//!
//! Each rule is a small named unit in a file of its own that reads the
//! document ([`crate::document`]: the tokens, what the word lists say about
//! them, the name runs) and proposes candidates:
//!
//! - [`title`]: a title or role word before a name makes it a person
//!   ("Mr Abdul Karim", "cleric Moqtada Al Sadr");
//! - [`designator`]: a word that completes a name gives its kind
//!   ("Karbala province", "Ministry of Oil", "Harvard University");
//! - [`numbered_unit`]: an ordinal before a military formation names it,
//!   an organisation ("101st Airborne Division");
//! - [`acronym`]: "Popular Mobilisation Forces (PMF)" proposes the long
//!   form when it is a run of capitalised words whose initials spell the
//!   acronym;
//! - [`given_name`]: a capitalised sequence that starts with a known given
//!   name is a person ("Abdul Karim Hassan"), and so, where nothing else
//!   explains it, is a lone common given name ("Gloria");
//! - [`initial`]: a capitalised sequence that starts with initials is a
//!   person ("M. Ashcombe");
//! - [`head_word`]: an organisation's head word alone is its short name
//!   where the document names it ("... the University");
//! - [`institution`]: a body of state named by its common noun alone,
//!   capitalised mid-sentence, is an organisation ("the Senate voted");
//! - [`results`]: in a sports report, the names of a results line or a
//!   table row are teams ("Harlow 6 Denton 2");
//! - [`learned`]: rules learned from unlabelled news type the runs nothing
//!   else explains, and choose between the readings of an ambiguous list
//!   hit (run by the extractor after the others, when it has such rules);
//! - [`unlisted_acronym`]: asked by the learned rule of every lone word
//!   they leave untyped, an acronym no list holds is an organisation
//!   where the learned context rules say so or "the" comes before it
//!   ("security firm RSA", "talks with the RSA");
//! - [`apostrophe`]: asked by the learned rule of every run no candidate
//!   covers, a word written with an apostrophe between letters is the
//!   listed name without it ("Ba’ath", "Baath");
//! - [`pronoun_person`]: handed the lone words the learned rule leaves
//!   untyped, a word that personal pronouns follow again and again in the
//!   document is a person ("Galois returned after his expulsion").
//!
//! A person's name a rule proposes does not end in the pronoun "I" ("Mr.
//! Collins I know").
//!
//! Rules only propose. Overlaps, sentence-initial words and aliases are the
//! resolver's business.

pub(crate) mod acronym;
pub(crate) mod apostrophe;
pub(crate) mod designator;
pub(crate) mod given_name;
pub(crate) mod head_word;
pub(crate) mod initial;
pub(crate) mod institution;
pub(crate) mod learned;
pub(crate) mod numbered_unit;
pub(crate) mod pronoun_person;
pub(crate) mod results;
pub(crate) mod title;
pub(crate) mod unlisted_acronym;

use crate::EntityKind;
use crate::candidate::Candidate;
use crate::document::Document;
use crate::gazetteer::Matcher;
use crate::tokenizer::Shape;
use crate::wordlists::FIRST_PERSON_VERBS;

/// Runs every rule and appends what they propose to `out`, which holds
/// the gazetteer's readings, in text order; `matcher` is the gazetteer's,
/// which the initial rule asks for a place a compass initial shortens.
pub(crate) fn run(cx: &Document<'_>, matcher: &Matcher, out: &mut Vec<Candidate>) {
    let listed = out.len();
    title::find(cx, out);
    designator::find(cx, out);
    numbered_unit::find(cx, out);
    acronym::find(cx, out);
    given_name::find(cx, out);
    initial::find(cx, matcher, listed, out);
    results::find(cx, out);
    head_word::find(cx, out);
    institution::find(cx, out);
    for candidate in &mut out[listed..] {
        if ends_in_pronoun_i(cx, candidate) {
            candidate.end -= 1;
        }
    }
}

/// Whether a person's name the rules propose ends in the pronoun "I",
/// not a regnal number: a verb only "I" takes comes after it
/// ([`FIRST_PERSON_VERBS`]: "Mr. Collins I know", "It's Tomas I think"),
/// where a king takes "knows" ("Henry I knows").
///
/// The last word is asked first, as one test of its first byte and its
/// length: few names end in "I", where the kind and the length went
/// either way from candidate to candidate.
fn ends_in_pronoun_i(cx: &Document<'_>, candidate: &Candidate) -> bool {
    cx.is_byte(candidate.end - 1, b'I')
        && (candidate.kind == EntityKind::Person) & (candidate.len() >= 2)
        && cx
            .tokens
            .get(candidate.end)
            .is_some_and(|next| next.shape == Shape::Lower && next.space_before)
        && FIRST_PERSON_VERBS.contains(&cx.word(candidate.end))
}

#[cfg(test)]
pub(crate) mod testing {
    //! Runs one rule, or the learned rules, on a text with a small lexicon
    //! and lists their proposals.

    use super::Document;
    use crate::Extractor;
    use crate::candidate::Candidate;
    use crate::gazetteer::{Entry, EntryKind, Matcher, Origin};
    use crate::learned::LearnedRules;
    use crate::rules::learned::{Scratch, find};
    use crate::tokenizer::{Keys, Token, tokenize};

    /// "kind text" for each proposal of `rule` on `text`.
    pub fn proposals(rule: fn(&Document<'_>, &mut Vec<Candidate>), text: &str) -> Vec<String> {
        let words = [
            (EntryKind::GivenName, "Abdul"),
            (EntryKind::GivenName, "Jane"),
            (EntryKind::Surname, "Smith"),
            (EntryKind::Stopword, "The"),
            (EntryKind::Stopword, "Some"),
            (EntryKind::Stopword, "May"),
        ];
        let entries: Vec<_> = words
            .iter()
            .map(|&(kind, word)| (Entry::new(kind, word).rank(80), Origin::Default))
            .collect();
        let records: Vec<_> = entries.iter().map(|(e, o)| (e.record(), *o)).collect();
        let matcher = Matcher::new(&records).unwrap();
        let tokens = tokenize(text);
        let keys = Keys::new(text, &tokens);
        let cx = Document::new(text, &tokens, &keys, matcher.lexicon(), Default::default());
        let mut out = Vec::new();
        rule(&cx, &mut out);
        out.iter().map(|c| described(text, &tokens, c)).collect()
    }

    /// "kind text" for each candidate that `keep` keeps once the learned
    /// rules `rules` (in the format of the rule files) have run on `text`,
    /// with a gazetteer of `entries`.
    pub fn learned_proposals(
        rules: &str,
        entries: &[Entry],
        text: &str,
        keep: fn(&Candidate) -> bool,
    ) -> Vec<String> {
        let records: Vec<_> = entries
            .iter()
            .map(|e| (e.record(), Origin::Default))
            .collect();
        let matcher = Matcher::new(&records).unwrap();
        let rules = LearnedRules::parse("test", rules).unwrap();
        let tokens = tokenize(text);
        let keys = Keys::new(text, &tokens);
        let cx = Document::new(text, &tokens, &keys, matcher.lexicon(), Default::default());
        let mut out = Vec::new();
        matcher.find(text, &tokens, &keys, cx.form_starts(), &mut out);
        find(&cx, &matcher, &rules, &mut Scratch::default(), &mut out);
        out.iter()
            .filter(|c| keep(c))
            .map(|c| described(text, &tokens, c))
            .collect()
    }

    /// "kind text" of every mention the default extractor finds in `text`,
    /// entity by entity.
    pub fn default_mentions(text: &str) -> Vec<String> {
        let extractor = Extractor::builder().build().unwrap();
        extractor
            .extract(text)
            .iter()
            .flat_map(|e| {
                e.mentions
                    .iter()
                    .map(move |m| format!("{} {}", e.kind, m.text))
            })
            .collect()
    }

    /// "kind text" of candidate `c` of `text`, whose tokens are `tokens`.
    fn described(text: &str, tokens: &[Token], c: &Candidate) -> String {
        format!(
            "{} {}",
            c.kind,
            &text[tokens[c.start].start()..tokens[c.end - 1].end()]
        )
    }
}

#[cfg(test)]
mod tests {
    use super::testing::default_mentions as mentions;

    #[test]
    fn a_name_ends_before_the_pronoun_i_but_keeps_a_regnal_number() {
        assert_eq!(
            mentions("Thank you, Mr. Harwick I think you waited."),
            ["person Harwick"]
        );
        assert_eq!(
            mentions("Then King Aldric I knows the way."),
            ["person Aldric I"]
        );
    }
}
