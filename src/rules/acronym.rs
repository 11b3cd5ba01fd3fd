//! The acronym rule: "Popular Mobilisation Forces (PMF)" defines `PMF` as
//! the acronym of the capitalised words before it.
//!
//! The rule proposes the long form (as an organisation, the usual kind of
//! an acronym-bearing name, unless a gazetteer or designator says
//! otherwise); the resolver then makes the acronym, here and wherever else
//! it occurs in the document, a mention of the long form's entity.

use crate::EntityKind;
use crate::candidate::{Candidate, Evidence};
use crate::document::Document;
use crate::tokenizer::{Shape, Token, TokenKind};

/// The longest acronym considered.
const MAX_LETTERS: usize = 10;

/// Small words an acronym usually skips ("Islamic State of Iraq and the
/// Levant (ISIL)").
const SKIPPED: &[&str] = &[
    "of", "and", "the", "for", "&", "-", "de", "du", "des", "in", "on",
];

/// Whether `word` can be an acronym: two to ten letters, all capitals.
pub(crate) fn is_acronym(token: &Token, word: &str) -> bool {
    token.kind == TokenKind::Word
        && token.shape == Shape::Upper
        && (2..=MAX_LETTERS).contains(&word.chars().filter(|c| c.is_alphabetic()).count())
}

/// The initials of a name's capitalised words, lower-cased, skipping
/// small words; `None` when some other word is not capitalised.
pub(crate) fn initials<'w>(words: impl Iterator<Item = &'w str>) -> Option<String> {
    let mut initials = String::new();
    push_initials(words, &mut initials).then_some(initials)
}

/// [`initials`] appended to `out`; false (with `out` in any state) when
/// some word is not capitalised.
pub(crate) fn push_initials<'w>(words: impl Iterator<Item = &'w str>, out: &mut String) -> bool {
    for word in words {
        if SKIPPED.contains(&word) {
            continue;
        }
        match word.chars().next() {
            Some(c) if c.is_uppercase() => out.extend(c.to_lowercase()),
            _ => return false,
        }
    }
    true
}

/// The letters of an acronym, lower-cased: "U.N." gives "un".
pub(crate) fn letters(acronym: &str) -> String {
    let mut letters = String::new();
    push_letters(acronym, &mut letters);
    letters
}

/// [`letters`] appended to `out`.
pub(crate) fn push_letters(acronym: &str, out: &mut String) {
    out.extend(
        acronym
            .chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase),
    );
}

/// Whether `acronym` spells the initials of the capitalised words of
/// `words`, ignoring small words, case and periods.
pub(crate) fn spells_initials<'w>(acronym: &str, words: impl Iterator<Item = &'w str>) -> bool {
    initials(words).is_some_and(|i| i == letters(acronym))
}

/// Proposes the long form before every "(ACRONYM)".
pub(crate) fn find(cx: &Document<'_>, out: &mut Vec<Candidate>) {
    let tokens = cx.tokens;
    // Every acronym, a word in capitals, is a name word: starting from
    // those in capitals costs less than a search of the text for "(".
    for at in cx.name_words() {
        if tokens[at].shape != Shape::Upper || at < 2 || at + 1 >= tokens.len() {
            continue;
        }
        let open = at - 1;
        if tokens[open].kind != TokenKind::Punct || cx.word(open) != "(" || cx.word(at + 1) != ")" {
            continue;
        }
        let acronym = cx.word(at);
        // The definition and the long form are of one paragraph.
        if !is_acronym(&tokens[at], acronym) || !cx.joined(open, at + 2) {
            continue;
        }
        let letters = acronym.chars().filter(|c| c.is_alphabetic()).count();
        let mut start = open;
        let mut capitals = 0;
        while start > 0 && capitals < letters {
            let prev = start - 1;
            let word = cx.word(prev);
            if cx.is_name_word(prev) {
                capitals += 1;
            } else if !SKIPPED.contains(&word) {
                break;
            }
            start = prev;
            if tokens[start].hard_break {
                break;
            }
        }
        let start = cx.trim_start(start, open);
        let words = (start..open).map(|i| cx.word(i));
        if start < open && cx.is_name_word(start) && spells_initials(acronym, words) {
            out.push(Candidate {
                start,
                end: open,
                kind: EntityKind::Organisation,
                entry: None,
                evidence: Evidence::Acronym,
                rank: 0,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::proposals;

    #[test]
    fn long_forms_before_defined_acronyms() {
        assert_eq!(
            proposals(
                find,
                "Iraq's Popular Mobilisation Forces (PMF) and the Islamic State of Iraq and the Levant (ISIL)"
            ),
            [
                "organisation Popular Mobilisation Forces",
                "organisation Islamic State of Iraq and the Levant"
            ]
        );
    }

    #[test]
    fn a_definition_does_not_reach_over_a_hard_break() {
        assert!(proposals(find, "Popular Mobilisation Forces\n\n(PMF) left").is_empty());
        assert!(proposals(find, "Popular\n\nMobilisation Forces (PMF) left").is_empty());
    }

    #[test]
    fn mismatched_initials_propose_nothing() {
        assert!(proposals(find, "the Popular Forces (PMF) and (UN) and Some Body (SB)").is_empty());
    }

    #[test]
    fn initials_ignore_small_words_and_case() {
        assert!(spells_initials("U.N.", ["United", "Nations"].into_iter()));
        assert!(!spells_initials("UN", ["United", "nations"].into_iter()));
    }
}
