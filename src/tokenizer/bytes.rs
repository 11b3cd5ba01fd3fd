//! Facts about ASCII bytes for the word scan, and the scan itself: where a
//! run of non-white-space bytes ends, and where an ASCII word ends within
//! it, eight bytes at a time.

/// The end of the run of non-white-space bytes starting at `pos`, a
/// boundary in UAX #29 but for one case: horizontal white space stays
/// together (WB3d), so a run ending in a non-ASCII space (U+2000, U+3000)
/// goes on over the ASCII spaces after it, and over the next run.
pub(super) fn chunk_end(bytes: &[u8], pos: usize) -> usize {
    let mut end = pos;
    loop {
        end = bytes[end..]
            .iter()
            .position(u8::is_ascii_whitespace)
            .map_or(bytes.len(), |i| end + i);
        if bytes.get(end) != Some(&b' ') || !ends_in_wide_space(&bytes[pos..end]) {
            return end;
        }
        while bytes.get(end) == Some(&b' ') {
            end += 1;
        }
    }
}

/// Whether `bytes` end in a non-ASCII character of UAX #29's WSegSpace
/// class: U+1680, U+2000 to U+2006, U+2008 to U+200A, U+205F or U+3000.
fn ends_in_wide_space(bytes: &[u8]) -> bool {
    match *bytes {
        [.., 0xe1, 0x9a, 0x80] => true,
        [.., 0xe2, 0x80, last] => matches!(last, 0x80..=0x86 | 0x88..=0x8a),
        [.., 0xe2, 0x81, 0x9f] => true,
        [.., 0xe3, 0x80, 0x80] => true,
        _ => false,
    }
}

/// The end of the character at `pos` when it is one of the characters of
/// UAX #29's word-break class Other that news writes between ASCII (`£`,
/// `€`, `–`, `—`, `“`, `”`) and the byte after it is ASCII or the end of
/// the text; `None` otherwise.
///
/// Such a character is a segment of its own, and it joins neither the
/// letters nor the digits on either side of it, as a byte of the word
/// scan that is not a word byte or a middle character does not: the
/// ASCII segments around it are those the scan finds, and the run that
/// holds it needs no redoing by UAX #29. A byte after it that is not
/// ASCII may be a mark that joins it (Extend, Format, ZWJ), which only
/// the redo handles.
pub(super) fn lone_character_end(bytes: &[u8], pos: usize) -> Option<usize> {
    let len = match bytes[pos..] {
        // '£'
        [0xc2, 0xa3, ..] => 2,
        // '€'; '–', '—', '“' and '”'
        [0xe2, 0x82, 0xac, ..] | [0xe2, 0x80, 0x93 | 0x94 | 0x9c | 0x9d, ..] => 3,
        _ => return None,
    };
    let end = pos + len;
    bytes.get(end).is_none_or(u8::is_ascii).then_some(end)
}

/// Facts about a byte for the word scan: a word class (letter, digit or
/// underscore), the case of a letter, and whether it may join words.
pub(super) const WORD: u8 = 1;
pub(super) const UPPER: u8 = 2;
pub(super) const LOWER: u8 = 4;
/// A character that joins two letters: ':' (MidLetter), '.' and '\''
/// (MidNumLet, `Single_Quote`), and the curly single quotes '‘' and '’'
/// (MidNumLet), whose first byte has the flag.
pub(super) const JOINS_LETTERS: u8 = 8;
/// A character that joins two digits: '.' and '\'' (MidNumLet,
/// `Single_Quote`), ',' and ';' (MidNum), and '‘' and '’' as above.
pub(super) const JOINS_DIGITS: u8 = 32;
/// A digit.
pub(super) const DIGIT: u8 = 64;
/// Not in [`FLAGS`]: the word scan's note that it joined letters over an
/// apostrophe or a curly single quote.
pub(super) const APOSTROPHE: u8 = 16;

/// The UAX #29 word-break facts of every ASCII byte that is not white
/// space: [`WORD`] for letters, digits and '_' (ALetter, Numeric,
/// ExtendNumLet), with [`UPPER`], [`LOWER`] or [`DIGIT`], and
/// [`JOINS_LETTERS`] and [`JOINS_DIGITS`] for the middle characters; none
/// for the bytes of non-ASCII characters but 0xe2, the first of the curly
/// single quotes, which may be one ([`middle_width`] tells).
pub(super) const FLAGS: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b'A'..=b'Z' => WORD | UPPER,
            b'a'..=b'z' => WORD | LOWER,
            b'0'..=b'9' => WORD | DIGIT,
            b'_' => WORD,
            b':' => JOINS_LETTERS,
            b'.' | b'\'' => JOINS_LETTERS | JOINS_DIGITS,
            b',' | b';' => JOINS_DIGITS,
            _ => 0,
        };
        b += 1;
    }
    table[0xe2] = JOINS_LETTERS | JOINS_DIGITS;
    table
};

/// How many bytes the middle character that `bytes` start with takes: 1
/// for an ASCII byte, 3 for a curly single quote ('‘' or '’', the
/// apostrophe of typeset text), and `None` for any other character, which
/// joins nothing.
fn middle_width(bytes: &[u8]) -> Option<usize> {
    match bytes {
        [b, ..] if b.is_ascii() => Some(1),
        [0xe2, 0x80, 0x98 | 0x99, ..] => Some(3),
        _ => None,
    }
}

/// The end of the ASCII word segment starting at `pos`, whose byte is of a
/// word class, within a run of non-white-space bytes that ends at or
/// before the end of `bytes`; and the [`UPPER`] and [`LOWER`] flags of its
/// letters after the first byte, with [`APOSTROPHE`] when an apostrophe
/// or a curly single quote joins two of them (the word is then not all
/// ASCII when the quote is curly).
///
/// Letters are scanned eight bytes at a time ([`letter_bytes`]); the rarer
/// word bytes, digits and underscores, and the last few bytes of the text,
/// byte by byte.
///
/// Inlined: it runs for nearly every token, and most words end in their
/// first eight bytes, where a call would cost as much as the scan.
#[inline]
pub(super) fn word_run_end(bytes: &[u8], pos: usize) -> (usize, u8) {
    let mut j = pos + 1;
    let mut case = 0;
    loop {
        // Eight bytes at a time while they and the byte after them last
        // and hold letters; `j` ends at the first byte that is not a
        // letter, if any.
        while let Some(chunk) = bytes[j..].first_chunk::<9>() {
            let [eight @ .., _] = *chunk;
            let (len, flags) = letter_bytes(u64::from_le_bytes(eight));
            case |= flags;
            j += len;
            if len < 8 {
                // Most words end at the byte that stopped the step: a
                // space, a punctuation mark that joins nothing, or a mark
                // that joins only what a letter or a digit follows, when
                // an ASCII byte below '0' follows it, white space, a
                // control byte or a punctuation mark (the comma or full
                // stop that ends many words, before a space or a quote,
                // a bracket or another mark). Both bytes are read
                // from the step's, with no bounds check, and the second
                // chooses which flags of the first are asked, where the
                // mark's own test went either way from word to word.
                let joins = if chunk[len + 1] < b'0' {
                    WORD
                } else {
                    WORD | JOINS_LETTERS | JOINS_DIGITS
                };
                if FLAGS[usize::from(chunk[len])] & joins == 0 {
                    return (j, case);
                }
                break;
            }
        }
        // Then byte by byte over the word bytes that are not letters, or
        // that the eight-byte steps did not reach.
        while let Some(&b) = bytes.get(j)
            && FLAGS[usize::from(b)] & WORD != 0
        {
            case |= FLAGS[usize::from(b)];
            j += 1;
        }
        // A single middle character between two letters or two digits.
        let mid = bytes.get(j).map_or(0, |&b| FLAGS[usize::from(b)]);
        if mid & (JOINS_LETTERS | JOINS_DIGITS) == 0 {
            return (j, case);
        }
        let Some(width) = middle_width(&bytes[j..]) else {
            return (j, case);
        };
        let Some(&next) = bytes.get(j + width) else {
            return (j, case);
        };
        let [prev, next] = [bytes[j - 1], next].map(|b| FLAGS[usize::from(b)]);
        let letter = |flags: u8| flags & (UPPER | LOWER) != 0;
        let digit = |flags: u8| flags & DIGIT != 0;
        let letters = mid & JOINS_LETTERS != 0 && letter(prev) && letter(next);
        let digits = mid & JOINS_DIGITS != 0 && digit(prev) && digit(next);
        if !(letters || digits) {
            return (j, case);
        }
        case |= next;
        if matches!(bytes[j], b'\'' | 0xe2) {
            case |= APOSTROPHE;
        }
        j += width + 1;
    }
}

/// `byte` in every byte of a word.
pub(crate) const fn splat(byte: u8) -> u64 {
    byte as u64 * 0x0101_0101_0101_0101
}

/// The top bit of every byte.
pub(crate) const HIGH: u64 = splat(0x80);

/// The top bits of the bytes of `block` that are zero, as far as the
/// first: the subtraction's borrow sets the top bit of the lowest zero
/// byte, and perhaps of bytes after it, but of none before it, and no top
/// bit is set when no byte is zero.
pub(crate) const fn zero_bytes(block: u64) -> u64 {
    block.wrapping_sub(splat(1)) & !block & HIGH
}

/// How many of the eight bytes of `chunk` (first byte lowest) are ASCII
/// letters before the first that is not, and the [`UPPER`] and [`LOWER`]
/// flags of those, as [`FLAGS`] gives them: the word scan, eight bytes in
/// one step and one branch.
///
/// Letters only: digits and underscores, a few words in a hundred, stop
/// the step and are taken byte by byte ([`word_run_end`]), which spares
/// every step the two tests of theirs.
pub(super) fn letter_bytes(chunk: u64) -> (usize, u8) {
    // Each test leaves the top bit of a byte set where it holds. A sum
    // carries into the next byte only from a byte that is not ASCII, which
    // ends the run: no byte before it is touched, and none after it counts.
    let at_least = |bytes: u64, b: u8| bytes.wrapping_add(splat(0x80 - b));
    // Setting the case bit (0x20) makes every letter lower case and no
    // other ASCII byte a letter. A byte that is not ASCII fails the tests
    // on its own: folded, it is 0xa0 to 0xbf or 0xe0 to 0xff, at least
    // 'z' + 1 unless that sum passes 0xff, and then not at least 'a'
    // either, whose sum passes 0xff too.
    let folded = chunk | splat(0x20);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1) & HIGH;
    let stops = letter ^ HIGH;
    // The bits below the first byte that is not a letter; all of them
    // when every byte is one.
    let run = (stops & stops.wrapping_neg()).wrapping_sub(1);
    let letters = letter & run;
    // The case bit moved up to the top of its byte: set in lower case.
    let lower = letters & (chunk << 2);
    let upper = letters ^ lower;
    let flags = (u8::from(upper != 0) * UPPER) | (u8::from(lower != 0) * LOWER);
    (stops.trailing_zeros() as usize / 8, flags)
}
