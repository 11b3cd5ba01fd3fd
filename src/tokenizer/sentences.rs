//! Where sentences start: after `.`, `!` and `?`, but not after an
//! abbreviation, an initial or a word with inner periods.

use super::bytes::{splat, zero_bytes};
use super::{Shape, Token, TokenKind};
use crate::wordlists::ABBREVIATIONS;

/// Whether `word` is one of the [`ABBREVIATIONS`].
pub(super) fn is_abbreviation(word: &[u8]) -> bool {
    let mut block = [0; 8];
    match block.get_mut(..word.len()) {
        Some(prefix) => {
            prefix.copy_from_slice(word);
            is_abbreviation_block(u64::from_le_bytes(block))
        }
        None => false,
    }
}

/// Whether the word of one or more bytes whose first eight bytes `block`
/// holds, the first lowest and zeros after the last when it has fewer,
/// is one of the [`ABBREVIATIONS`]: the block is looked up in a table at
/// the slot of its hash ([`ABBREVIATION_TABLE`]), with no branch. The
/// block of a word of eight bytes or more has no zero byte, and is none
/// of theirs.
fn is_abbreviation_block(block: u64) -> bool {
    let (slots, multiplier) = &ABBREVIATION_TABLE;
    slots[abbreviation_slot(block, *multiplier)] == block
}

/// The slot of [`ABBREVIATION_TABLE`] of a word's block by the hash of
/// `multiplier`: the top byte of their product.
const fn abbreviation_slot(block: u64, multiplier: u64) -> usize {
    (block.wrapping_mul(multiplier) >> 56) as usize
}

/// The blocks of the [`ABBREVIATIONS`] (see [`is_abbreviation_block`]),
/// each at its slot of 256, the others `u64::MAX`, no block's; and the
/// multiplier of their hash ([`abbreviation_slot`]), the first of a fixed
/// sequence that puts no two in one slot, found when compiling.
const ABBREVIATION_TABLE: ([u64; 256], u64) = {
    let mut trial: u64 = 1;
    loop {
        let multiplier = trial.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        let mut slots = [u64::MAX; 256];
        let mut clash = false;
        let mut i = 0;
        while i < ABBREVIATIONS.len() && !clash {
            let word = ABBREVIATIONS[i].as_bytes();
            assert!(
                !word.is_empty() && word.len() < 8,
                "an abbreviation has one to seven bytes"
            );
            let mut block = 0;
            let mut j = 0;
            while j < word.len() {
                block |= (word[j] as u64) << (8 * j);
                j += 1;
            }
            let slot = abbreviation_slot(block, multiplier);
            clash = slots[slot] != u64::MAX;
            slots[slot] = block;
            i += 1;
        }
        if !clash {
            break (slots, multiplier);
        }
        trial += 1;
    }
};

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
///
/// Each of the three asked of plain values and the answers joined with
/// no branch, where tests of the word's length before each, a search for
/// the full stop and one of the abbreviations went either way from word
/// to word.
pub(super) fn period_ends_sentence(tokens: &[Token], text: &str) -> bool {
    let [.., prev, last] = tokens else {
        return true;
    };
    if prev.kind != TokenKind::Word || prev.end != last.start {
        return true;
    }
    // Read as bytes, which spares the checks of character boundaries.
    let bytes = text.as_bytes();
    let (start, len) = (prev.start(), prev.end() - prev.start());
    // A word in capitals of one character, as long as its first byte
    // says the character is (the text is UTF-8).
    let first = bytes[start];
    let width =
        1 + usize::from(first >= 0xc0) + usize::from(first >= 0xe0) + usize::from(first >= 0xf0);
    let initial = (prev.shape == Shape::Upper) & (width == len);
    !(initial | closes_word(bytes, start, len))
}

/// Whether the `len` bytes of `text` from `start`, a word, are one of the
/// [`ABBREVIATIONS`] or hold a full stop: for a word of one to sixteen
/// bytes with sixteen bytes of the text from its start, asked of its
/// bytes as one block.
fn closes_word(text: &[u8], start: usize, len: usize) -> bool {
    match text[start..].first_chunk::<16>() {
        Some(block) if (1..=16).contains(&len) => {
            let block = u128::from_le_bytes(*block);
            let word = u128::MAX >> (128 - 8 * len);
            // The top bit of the first byte of each half that is a full
            // stop, and perhaps of some bytes after it, but of none
            // before it.
            let stops = |half: u64| u128::from(zero_bytes(half ^ splat(b'.')));
            let first_stops = stops(block as u64) | (stops((block >> 64) as u64) << 64);
            is_abbreviation_block((block & word) as u64) | (first_stops & word != 0)
        }
        _ => {
            let word = &text[start..start + len];
            is_abbreviation(word) || word.contains(&b'.')
        }
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
    use super::{closes_word, is_abbreviation};
    use crate::wordlists::ABBREVIATIONS;

    #[test]
    fn a_word_closes_as_a_search_byte_by_byte_and_the_list_say() {
        let text = b"U.S Eastmere a.b.c. x. .y Harbourmaster.s ab. Gen Capt Capts Mrs.Tarnwick";
        for start in 0..text.len() {
            for len in 1..=text.len() - start {
                let word = &text[start..start + len];
                let listed = ABBREVIATIONS.iter().any(|a| a.as_bytes() == word);
                let expected = listed || word.contains(&b'.');
                assert_eq!(closes_word(text, start, len), expected, "{start} {len}");
            }
        }
    }

    #[test]
    fn every_abbreviation_and_no_longer_word_is_one() {
        for abbreviation in ABBREVIATIONS {
            let word = abbreviation.as_bytes();
            assert!(is_abbreviation(word), "{abbreviation}");
            assert!(!is_abbreviation(&[word, b"x"].concat()), "{abbreviation}x");
        }
    }
}
