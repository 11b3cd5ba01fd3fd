//! Where sentences start: after `.`, `!` and `?`, but not after an
//! abbreviation, an initial or a word with inner periods.

use super::{Shape, Token, TokenKind};
use crate::wordlists::ABBREVIATIONS;

/// Whether `word` is one of the [`ABBREVIATIONS`], all of two to four
/// bytes, compared as numbers ([`abbreviation_code`]).
pub(super) fn is_abbreviation(word: &[u8]) -> bool {
    const CODES: [u64; ABBREVIATIONS.len()] = {
        let mut codes = [0; ABBREVIATIONS.len()];
        let mut i = 0;
        while i < codes.len() {
            codes[i] = abbreviation_code(ABBREVIATIONS[i].as_bytes());
            i += 1;
        }
        codes
    };
    (2..=4).contains(&word.len()) && CODES.contains(&abbreviation_code(word))
}

/// A word of at most four bytes as one number: its bytes, then its length.
const fn abbreviation_code(word: &[u8]) -> u64 {
    let mut code = (word.len() as u64) << 32;
    let mut i = 0;
    while i < word.len() {
        code |= (word[i] as u64) << (8 * i);
        i += 1;
    }
    code
}

/// Whether the punctuation token just pushed ends a sentence.
pub(super) fn ends_sentence(tokens: &[Token], text: &str) -> bool {
    match tokens[tokens.len() - 1].text(text) {
        "!" | "?" => true,
        "." | "…" => period_ends_sentence(tokens, text),
        _ => false,
    }
}

/// Whether the period (or ellipsis) just pushed ends a sentence: not when
/// it closes an abbreviation, a word with inner periods ("U.S") or a
/// capital initial.
pub(super) fn period_ends_sentence(tokens: &[Token], text: &str) -> bool {
    let [.., prev, last] = tokens else {
        return true;
    };
    if prev.kind != TokenKind::Word || prev.end != last.start {
        return true;
    }
    // Read as bytes, which spares the checks of character boundaries.
    let word = &text.as_bytes()[prev.start()..prev.end()];
    let initial = prev.shape == Shape::Upper && prev.text(text).chars().nth(1).is_none();
    !(initial || is_abbreviation(word) || word.contains(&b'.'))
}

pub(super) fn is_opening(piece: &str) -> bool {
    matches!(
        piece,
        "\"" | "'" | "“" | "‘" | "(" | "[" | "«" | "-" | "—" | "–" | "*" | "•"
    )
}
