//! Acronyms: what one is ("PMF", "U.N."), and the initials a name spells
//! ("Popular Mobilisation Forces" spells "pmf"). The acronym rule proposes
//! the long form before "(PMF)"; the resolver joins an acronym to the
//! entity whose name it spells, defined or not, and finds its further
//! uses. All of them ask here.

use super::Document;
use crate::tokenizer::{Shape, Token, TokenKind};

/// The longest acronym considered.
const MAX_LETTERS: usize = 10;

/// Small words an acronym usually skips ("Democratic Front of Kurdistan and
/// the Gulf (DFKG)").
pub(crate) const SKIPPED: &[&str] = &[
    "of", "and", "the", "for", "&", "-", "de", "du", "des", "in", "on",
];

impl Document<'_> {
    /// Whether token `i` can be an acronym: a word of two to ten letters,
    /// all capitals.
    pub fn is_acronym(&self, i: usize) -> bool {
        let token = &self.tokens[i];
        token.kind == TokenKind::Word
            && token.shape == Shape::Upper
            && (2..=MAX_LETTERS)
                .contains(&self.word(i).chars().filter(|c| c.is_alphabetic()).count())
    }

    /// The acronym that `mentions` (token ranges) all are, when every one
    /// is the same single word and that word can be an acronym.
    pub fn acronym_of(&self, mentions: &[(usize, usize)]) -> Option<&str> {
        let &(s, e) = mentions.first()?;
        let word = self.word(s);
        let all_same = mentions
            .iter()
            .all(|&(ms, me)| me - ms == 1 && self.word(ms) == word);
        (e - s == 1 && all_same && self.is_acronym(s)).then_some(word)
    }

    /// The initials of the capitalised words of tokens `start..end`,
    /// lower-cased, skipping small words; `None` when some other word is
    /// not capitalised.
    pub fn initials(&self, start: usize, end: usize) -> Option<String> {
        let mut initials = String::new();
        self.push_initials(start, end, &mut initials)
            .then_some(initials)
    }

    /// [`Document::initials`] appended to `out`; false (with `out` in any
    /// state) when some word is not capitalised.
    pub fn push_initials(&self, start: usize, end: usize, out: &mut String) -> bool {
        push_initials((start..end).map(|i| self.word(i)), out)
    }

    /// The initials of tokens `start..end` as an acronym of a name that
    /// holds one is made: every acronym among the words gives all its
    /// letters ("usda" of "U.S. Department of Agriculture"), and
    /// punctuation is passed over ("bsa" of "Building Societies'
    /// Association"), appended to `out`. False (with `out` in any state)
    /// when these are the initials [`Document::push_initials`] writes or it
    /// writes none for want of a word, when every word is an acronym (a
    /// line in capitals), or when some word is not capitalised.
    pub fn push_spelled_out_initials(&self, start: usize, end: usize, out: &mut String) -> bool {
        // Most names hold neither punctuation nor a word in capitals, and
        // are not read again. Every token is asked, the answers joined as
        // plain values: a branch on each went either way from name to name.
        let other = |t: &Token| (t.kind != TokenKind::Word) | (t.shape == Shape::Upper);
        if !self.tokens[start..end]
            .iter()
            .fold(false, |any, t| any | other(t))
        {
            return false;
        }
        let (mut words, mut acronyms, mut differs) = (0, 0, false);
        for i in start..end {
            let word = self.word(i);
            if SKIPPED.contains(&word) {
                continue;
            }
            match self.tokens[i].kind {
                TokenKind::Word => {}
                TokenKind::Punct | TokenKind::Possessive => {
                    differs = true;
                    continue;
                }
                TokenKind::Number => return false,
            }
            words += 1;
            if self.is_acronym(i) {
                push_letters(word, out);
                acronyms += 1;
                differs = true;
                continue;
            }
            match word.chars().next() {
                Some(c) if c.is_ascii_uppercase() => out.push(c.to_ascii_lowercase()),
                Some(c) if c.is_uppercase() => out.extend(c.to_lowercase()),
                _ => return false,
            }
        }
        differs && acronyms < words
    }

    /// Whether token `acronym` spells the initials of the capitalised words
    /// of tokens `start..end`, ignoring small words, case and periods.
    pub fn spells_initials(&self, acronym: usize, start: usize, end: usize) -> bool {
        let (acronym, words) = (self.word(acronym), (start..end).map(|i| self.word(i)));
        spells_ascii_initials(acronym, words.clone())
            .unwrap_or_else(|| spells_initials(acronym, words))
    }
}

/// [`Document::push_initials`] of `words`.
fn push_initials<'w>(words: impl Iterator<Item = &'w str>, out: &mut String) -> bool {
    for word in words {
        if SKIPPED.contains(&word) {
            continue;
        }
        match word.chars().next() {
            // Most initials are ASCII capitals, lower-cased in place.
            Some(c) if c.is_ascii_uppercase() => out.push(c.to_ascii_lowercase()),
            Some(c) if c.is_uppercase() => out.extend(c.to_lowercase()),
            _ => return false,
        }
    }
    true
}

/// Whether `acronym` spells the initials of the capitalised words of
/// `words` (see [`Document::spells_initials`]): the two compared letter by
/// letter as they are read, without a string written for either.
pub(crate) fn spells_initials<'w>(acronym: &str, words: impl Iterator<Item = &'w str>) -> bool {
    let mut capitalised = true;
    let initials = words
        .filter(|word| !SKIPPED.contains(word))
        .map_while(|word| match word.chars().next() {
            Some(c) if c.is_uppercase() => Some(c),
            _ => {
                capitalised = false;
                None
            }
        })
        .flat_map(char::to_lowercase);
    let spelled = acronym
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase);
    // Equal sequences read the initials to their end, which a word not
    // capitalised cuts short.
    spelled.eq(initials) && capitalised
}

/// [`spells_initials`] read byte by byte, as most acronyms and names are
/// ASCII: `None` when `acronym` is not, or the first letter of a word read
/// before the answer is known is not.
fn spells_ascii_initials<'w>(acronym: &str, words: impl Iterator<Item = &'w str>) -> Option<bool> {
    if !acronym.is_ascii() {
        return None;
    }
    let mut spelled = acronym
        .bytes()
        .filter(u8::is_ascii_alphabetic)
        .map(|b| b.to_ascii_lowercase());
    for word in words.filter(|word| !SKIPPED.contains(word)) {
        match word.bytes().next() {
            Some(b) if b.is_ascii_uppercase() => {
                if spelled.next() != Some(b.to_ascii_lowercase()) {
                    return Some(false);
                }
            }
            Some(b) if !b.is_ascii() => return None,
            // A word not capitalised, or none.
            _ => return Some(false),
        }
    }
    Some(spelled.next().is_none())
}

/// The letters of an acronym, lower-cased: "U.N." gives "un".
pub(crate) fn letters(acronym: &str) -> String {
    let mut letters = String::new();
    push_letters(acronym, &mut letters);
    letters
}

/// [`letters`] appended to `out`.
pub(crate) fn push_letters(acronym: &str, out: &mut String) {
    for c in acronym.chars() {
        // Most acronyms are ASCII, lower-cased in place.
        if c.is_ascii() {
            if c.is_ascii_alphabetic() {
                out.push(c.to_ascii_lowercase());
            }
        } else if c.is_alphabetic() {
            out.extend(c.to_lowercase());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_ignore_small_words_and_case() {
        assert!(spells_initials("U.N.", ["United", "Nations"].into_iter()));
        assert!(spells_initials(
            "AFIG",
            ["Arab", "Front", "of", "Iraq", "and", "the", "Gulf"].into_iter()
        ));
        assert!(!spells_initials("UN", ["United", "nations"].into_iter()));
        assert!(!spells_initials(
            "UN",
            ["United", "Nations", "talks"].into_iter()
        ));
        assert!(!spells_initials("UNT", ["United", "Nations"].into_iter()));
        assert!(!spells_initials("U", ["United", "Nations"].into_iter()));
        assert!(spells_initials("ÉU", ["États", "Unis"].into_iter()));
        assert_eq!(letters("U.N."), "un");
        assert_eq!(letters("É.-U."), "éu");
    }

    #[test]
    fn ascii_initials_give_the_answer_of_any_initials_or_leave_it() {
        let cases: &[(&str, &[&str])] = &[
            ("U.N.", &["United", "Nations"]),
            (
                "AFIG",
                &["Arab", "Front", "of", "Iraq", "and", "the", "Gulf"],
            ),
            ("UN", &["United", "nations"]),
            ("UN", &["United", "Nations", "talks"]),
            ("UNT", &["United", "Nations"]),
            ("UN", &["United", "Ésta"]),
            ("UK", &["Upper", "\u{212A}ilda"]),
            ("XN", &["United", "Ésta"]),
        ];
        for &(acronym, words) in cases {
            let ascii = spells_ascii_initials(acronym, words.iter().copied());
            let any = spells_initials(acronym, words.iter().copied());
            assert!(
                ascii.is_none_or(|spells| spells == any),
                "{acronym} {words:?}"
            );
        }
        let ascii =
            |acronym: &str, words: &[&str]| spells_ascii_initials(acronym, words.iter().copied());
        assert_eq!(ascii("U.N.", &["United", "Nations"]), Some(true));
        assert_eq!(ascii("UN", &["United", "nations"]), Some(false));
        // A letter outside ASCII, in the acronym or first in a word read
        // before a difference, is left to the general reading: the Kelvin
        // sign lower-cases to "k".
        assert_eq!(ascii("ÉU", &["États", "Unis"]), None);
        assert_eq!(ascii("UK", &["Upper", "\u{212A}ilda"]), None);
        assert!(spells_initials("UK", ["Upper", "\u{212A}ilda"].into_iter()));
        assert_eq!(ascii("XN", &["United", "Ésta"]), Some(false));
    }
}
