//! The given-name rule: a run of capitalised words that starts with a known
//! given name is a person ("Abdul Karim Hassan", "Ilona Kertesz"); and where
//! nothing else explains them, so are a lone common given name ("Gloria")
//! and a run that ends with a common surname ("Kowalski Smith").
//!
//! Titles, determiners and stop words before the run are not part of it,
//! nor is a sentence-initial word that is not a name ("Later Jane Smith
//! said"), except a common given name that is a word too, right before a
//! run of names a surname ends, mid-sentence: "Bill Green", "Rose Doyle"
//! (not a month: "in June Doyle said"; not "Mark IV Acquisition Corp"). Headlines (lines in capitals or title case) and a lone word that
//! starts a sentence are left alone: there, capitals say nothing.
//!
//! The last two are the weakest evidence there is ([`Evidence::Guess`]):
//! the resolver takes it only where no other reading overlaps, so "Jordan"
//! stays a place and "Florence" a city. (Tried on the dev sets and dropped:
//! guessing "organisation" for unknown acronyms and repeated capitalised
//! words, or "person" for runs that merely end with a surname, cost more
//! precision than it won recall.)

use crate::EntityKind;
use crate::candidate::{Candidate, Evidence};
use crate::document::Document;
use crate::tokenizer::{Headline, Shape, TokenKind};
use crate::wordlists::MONTHS;

/// The lowest given-name rank that makes a lone capitalised word a person.
const LONE_GIVEN_NAME_RANK: u8 = 40;

/// The lowest surname rank that makes a run ending with it a person guess.
const SURNAME_RANK: u8 = 60;

/// Proposes a person for every run that starts with a given name.
pub(crate) fn find(cx: &Document<'_>, out: &mut Vec<Candidate>) {
    for (run, end) in cx.name_runs() {
        let start = trim_initial(cx, run, end);
        if start >= end || cx.tokens[start].headline != Headline::RunningText {
            continue;
        }
        let end = cx.person_words_end(start, end);
        let with_word = word_given_name_before(cx, start, end);
        let start = with_word.unwrap_or(start);
        let first = cx.lexeme(start);
        let last = cx.lexeme(end - 1);
        let surnamed = end - start >= 2 && last.surname && last.surname_rank >= SURNAME_RANK;
        if !(first.given_name || surnamed)
            || (first.stopword && with_word.is_none())
            || cx.is_particle(start)
        {
            continue;
        }
        let evidence = if end - start >= 2 && first.given_name {
            Evidence::GivenName
        } else if surnamed || (first.given_rank >= LONE_GIVEN_NAME_RANK && lone_name(cx, start)) {
            Evidence::Guess
        } else {
            continue;
        };
        out.push(Candidate {
            start,
            end,
            kind: EntityKind::Person,
            entry: None,
            evidence,
            rank: 0,
        });
    }
}

/// The token before a run `start..end` that a surname ends, if it is a
/// common given name that the lists hold as a stop word too ("Bill",
/// "Rose"): capitalised mid-sentence, a space before the run, and neither
/// a title nor a month ("Major", "June").
fn word_given_name_before(cx: &Document<'_>, start: usize, end: usize) -> Option<usize> {
    let before = start.checked_sub(1)?;
    let (token, word) = (&cx.tokens[before], cx.lexeme(before));
    // Read only for the few words before a run that pass the rest.
    let last = || cx.lexeme(end - 1);
    let takes = word.stopword
        && word.given_name
        && word.given_rank >= LONE_GIVEN_NAME_RANK
        && token.kind == TokenKind::Word
        && token.shape == Shape::Capitalised
        && !token.sentence_start
        && !token.line_start
        && cx.tokens[start].space_before
        && !cx.tokens[start].hard_break
        && !cx.is_title(before)
        && !MONTHS
            .iter()
            .any(|month| cx.word(before).eq_ignore_ascii_case(month))
        && last().surname
        && !last().stopword
        && (start..end).all(|i| is_name_part(cx, i));
    takes.then_some(before)
}

/// Whether token `i` may be a word of a person's name that a common word
/// starts: a listed given name or surname, an initial, or the punctuation
/// between them ("Green", "K.", "Lewis-Francis"; not "IV" or "Corp").
fn is_name_part(cx: &Document<'_>, i: usize) -> bool {
    let token = &cx.tokens[i];
    let word = cx.lexeme(i);
    token.kind == TokenKind::Punct
        || word.surname
        || word.given_name
        || (token.shape == Shape::Upper && token.end() - token.start() == 1)
}

/// Whether a lone word may be guessed a person: not first in its sentence,
/// written as a name ("Gloria", not "GLORIA" or "S").
fn lone_name(cx: &Document<'_>, i: usize) -> bool {
    let token = &cx.tokens[i];
    !token.sentence_start && token.shape == Shape::Capitalised && token.end() - token.start() > 1
}

/// Drops a sentence-initial word that is not a known name ("Later Cofinec
/// said") from the front of a run, and the titles, determiners and stop
/// words after it. (Those before it the run is trimmed of already.)
fn trim_initial(cx: &Document<'_>, mut start: usize, end: usize) -> usize {
    loop {
        // The lexeme is read only for a word that starts a sentence; the
        // run's length and the word's place are one test, rarely passed.
        let initial_word = (start + 1 < end)
            & cx.tokens
                .get(start)
                .is_some_and(|token| token.sentence_start)
            && {
                let first = cx.lexeme(start);
                !first.given_name && !first.surname
            };
        if !initial_word {
            return start;
        }
        start = cx.trim_start_and_titles(start + 1, end);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::proposals;

    #[test]
    fn runs_starting_with_a_given_name_are_persons() {
        assert_eq!(
            proposals(
                super::find,
                "Abdul Karim Hassan met Jane Smith and Mr Abdul Bakr."
            ),
            [
                "person Abdul Karim Hassan",
                "person Jane Smith",
                "person Abdul Bakr"
            ]
        );
        assert!(proposals(super::find, "May Day").is_empty());
    }

    #[test]
    fn a_name_ends_before_a_stop_word_that_is_no_name() {
        assert_eq!(
            proposals(super::find, "He met Jane Smith Some Day and Jane A. Smith."),
            ["person Jane Smith", "person Jane A. Smith"]
        );
    }

    #[test]
    fn middle_initials_join_and_contractions_do_not() {
        assert_eq!(
            proposals(super::find, "Later Jane K. Smith spoke. I'm Jane Kowalski."),
            ["person Jane K. Smith", "person Jane Kowalski"]
        );
    }

    #[test]
    fn a_lone_common_given_name_is_a_guess() {
        assert_eq!(
            proposals(
                super::find,
                "Talks with Jane went on. Later Jane Kowalski left."
            ),
            ["person Jane", "person Jane Kowalski"]
        );
        assert_eq!(
            proposals(
                super::find,
                "Shares of Cofinec fell while Kowalski Smith left."
            ),
            ["person Kowalski Smith"]
        );
    }

    #[test]
    fn a_common_given_name_that_is_a_word_starts_a_name_before_a_surname() {
        let extractor = crate::Extractor::builder().build().unwrap();
        let persons = |text: &str| -> Vec<String> {
            extractor
                .extract(text)
                .iter()
                .filter(|e| e.kind == crate::EntityKind::Person)
                .flat_map(|e| e.mentions.iter().map(|m| m.text.clone()))
                .collect()
        };
        assert_eq!(
            persons("The committee, on which Bill Green serves, met Rose Doyle."),
            ["Bill Green", "Rose Doyle"]
        );
        assert!(!persons("Shares fell in June Doyle said.").contains(&"June Doyle".to_string()));
        assert!(!persons("Bill Green left.").contains(&"Bill Green".to_string()));
        assert!(persons("Shares of Mark IV Acquisition Corp rose.").is_empty());
    }

    #[test]
    fn headlines_and_lone_sentence_starts_are_left_alone() {
        assert!(
            proposals(
                super::find,
                "Jane Cables Look To Tap Chinese Growth\nJane rose."
            )
            .is_empty()
        );
    }
}
