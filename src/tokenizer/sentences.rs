//! Where sentences start: after `.`, `!` and `?`, but not after an
//! abbreviation, an initial or a word with inner periods.

use super::bytes::{splat, zero_bytes};
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
    let bytes = text.as_bytes();
    let word = &bytes[prev.start()..prev.end()];
    let initial = prev.shape == Shape::Upper && prev.text(text).chars().nth(1).is_none();
    !(initial || is_abbreviation(word) || holds_period(bytes, prev.start(), word.len()))
}

/// Whether the `len` bytes of `text` from `start`, a word, hold a full
/// stop: for a word of one to eight bytes with eight bytes of the text
/// from its start, asked of all its bytes at once, where a search byte
/// by byte went round as many times as the word is long.
fn holds_period(text: &[u8], start: usize, len: usize) -> bool {
    match text[start..].first_chunk::<8>() {
        Some(chunk) if (1..=8).contains(&len) => {
            // The top bit of the first byte that is a full stop, and
            // perhaps of some bytes after it, but of none before it.
            let first_stop = zero_bytes(u64::from_le_bytes(*chunk) ^ splat(b'.'));
            let word = u64::MAX >> (64 - 8 * len);
            first_stop & word != 0
        }
        _ => text[start..start + len].contains(&b'.'),
    }
}

pub(super) fn is_opening(piece: &str) -> bool {
    matches!(
        piece,
        "\"" | "'" | "“" | "‘" | "(" | "[" | "«" | "-" | "—" | "–" | "*" | "•"
    )
}

#[cfg(test)]
mod tests {
    use super::holds_period;

    #[test]
    fn a_word_holds_a_period_as_a_search_byte_by_byte_finds() {
        let text = b"U.S Eastmere a.b.c. x. .y Harbourmaster.s ab.";
        for start in 0..text.len() {
            for len in 1..=text.len() - start {
                let expected = text[start..start + len].contains(&b'.');
                assert_eq!(holds_period(text, start, len), expected, "{start} {len}");
            }
        }
    }
}
