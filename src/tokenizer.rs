//! Stage 2, tokenizer: splits visible text into words, numbers and
//! punctuation, following Unicode word boundaries (UAX #29).
//!
//! Two refinements make the tokens fit names: a possessive `'s` (or `’s`)
//! becomes a token of its own, so "Iraq's" gives `Iraq` and `'s`; and every
//! token records the casing and position facts that later stages need
//! ([`Shape`], sentence and line starts, headlines, and the hard breaks
//! that no name crosses).
//!
//! # Hard breaks
//!
//! A name never runs on over a paragraph or a block of its own, so the
//! token after one records a hard break ([`Token::hard_break`]), which
//! every later stage that joins tokens honours. A hard break is:
//!
//! - a blank line (HTML's block-level and hidden elements reach the
//!   tokenizer as one: see [`crate::markup`]);
//! - the line break after a headline ([`Token::headline`]; a line that
//!   wraps on is never one in title case);
//! - a form feed, a vertical tab, and the Unicode line and paragraph
//!   separators (U+2028, U+2029, U+0085);
//! - any other line break (`\n`, `\r\n`, `\r`) but one that wraps a
//!   paragraph: in a hard-wrapped text (its longest line has
//!   [`WRAP_WIDTHS`] bytes), a break after a line at least three quarters
//!   as long as the longest, before a line that does not start with white
//!   space (an indented line starts a paragraph). A wrap is read as a
//!   space: "the Soviet\nUnion" names the Soviet Union, and the word after
//!   it does not start a sentence.
//!
//! Gazetteer entries go through the same tokenizer as the text, so that
//! "Iran-backed", "U.S." and "O'Neill" split the same way on both sides.

use unicode_segmentation::UnicodeSegmentation;

use crate::hash::{BLOCK, Block, hash_bytes};

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes or periods ("O'Neill", "U.S").
    Word,
    /// Starts with a digit.
    Number,
    /// A possessive `'s` split off the word before it.
    Possessive,
    /// Anything else that is not white space.
    Punct,
}

/// The casing of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// No upper-case letter: "province", "al".
    Lower,
    /// An upper-case first letter and some lower-case letter: "Iraq", "McDonald".
    Capitalised,
    /// Letters, all upper case: "PMF", "U.S", "IRAQ".
    Upper,
    /// A lower-case first letter with some upper-case letter: "iPhone", "al-Sadr" parts aside.
    Mixed,
    /// No letters at all: numbers and punctuation.
    NoLetters,
}

impl Shape {
    /// The shape of `s`.
    pub fn of(s: &str) -> Shape {
        if s.is_ascii() {
            return Shape::of_ascii(s.as_bytes());
        }
        let mut upper = false;
        let mut lower = false;
        let mut first_upper = None;
        for c in s.chars() {
            if c.is_uppercase() {
                upper = true;
                first_upper.get_or_insert(true);
            } else if c.is_lowercase() {
                lower = true;
                first_upper.get_or_insert(false);
            }
        }
        match (first_upper, upper, lower) {
            (None, _, _) => Shape::NoLetters,
            (Some(true), _, true) => Shape::Capitalised,
            (Some(true), _, false) => Shape::Upper,
            (Some(false), true, _) => Shape::Mixed,
            (Some(false), false, _) => Shape::Lower,
        }
    }

    /// The shape of an ASCII word whose first byte is a letter.
    fn of_ascii_word(bytes: &[u8]) -> Shape {
        let case = bytes[1..]
            .iter()
            .fold(0, |case, &b| case | FLAGS[usize::from(b)]);
        Shape::of_ascii_letters(bytes[0], case)
    }

    /// The shape of an ASCII word from its first letter and the [`UPPER`]
    /// and [`LOWER`] flags of the rest.
    fn of_ascii_letters(first: u8, case: u8) -> Shape {
        let (upper, lower) = (case & UPPER != 0, case & LOWER != 0);
        match (first.is_ascii_uppercase(), upper, lower) {
            (true, _, true) => Shape::Capitalised,
            (true, _, false) => Shape::Upper,
            (false, true, _) => Shape::Mixed,
            (false, false, _) => Shape::Lower,
        }
    }

    fn of_ascii(bytes: &[u8]) -> Shape {
        let Some(first) = bytes.iter().position(u8::is_ascii_alphabetic) else {
            return Shape::NoLetters;
        };
        let rest = &bytes[first + 1..];
        if bytes[first].is_ascii_uppercase() {
            if rest.iter().any(u8::is_ascii_lowercase) {
                Shape::Capitalised
            } else {
                Shape::Upper
            }
        } else if rest.iter().any(u8::is_ascii_uppercase) {
            Shape::Mixed
        } else {
            Shape::Lower
        }
    }

    /// Whether the word starts with an upper-case letter.
    pub fn is_capitalised(self) -> bool {
        matches!(self, Shape::Capitalised | Shape::Upper)
    }
}

/// One token: a half-open byte range of the visible text and its facts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the token's first byte in the visible text.
    pub start: usize,
    /// Byte offset one past the token's last byte.
    pub end: usize,
    /// What the token is made of.
    pub kind: TokenKind,
    /// Its casing.
    pub shape: Shape,
    /// Whether it begins a sentence (first token, or after `.`, `!`, `?` or
    /// a hard break, skipping opening quotes and brackets).
    pub sentence_start: bool,
    /// Whether a line break precedes it (or it is the first token).
    pub line_start: bool,
    /// Whether a hard break precedes it (or it is the first token): a
    /// boundary that no mention spans (see the [module docs](self)).
    pub hard_break: bool,
    /// Whether white space separates it from the token before.
    pub space_before: bool,
    /// Whether its line is a headline: written in capitals (no word with a
    /// lower-case letter, one longer than a letter), or in title case (four or
    /// more words longer than three letters, all capitalised, no number, no
    /// full stop at the end, and no wrap into the next line: a line of names
    /// and figures is a table row or a result, "Bowling : Tom Ashby
    /// 10-0-50-0 , Ali Rahim 9-0-54-1"). Capitals there say nothing about
    /// names.
    pub headline: Headline,
}

/// How a token's line is written, when it is a headline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Headline {
    /// Running text.
    #[default]
    No,
    /// Every word in capitals: "IRAQ AND IRAN TALK".
    Capitals,
    /// Every long word capitalised: "Pirelli Cables Look To Tap Growth".
    TitleCase,
}

impl Token {
    /// The token's text in the visible text it came from.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// Whether this is a word starting with an upper-case letter.
    pub fn is_capitalised_word(&self) -> bool {
        self.kind == TokenKind::Word && self.shape.is_capitalised()
    }
}

/// Abbreviations whose final period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Gen", "Lt", "Col", "Capt", "Sgt", "Maj", "Rev", "Sen",
    "Rep", "Gov", "Jr", "Sr", "Mt", "No", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", "vs", "etc", "Inc", "Co", "Corp", "Ltd", "Bros", "Adm", "Cmdr",
    "Pres", "Supt", "Fr", "Hon",
];

/// Splits `text` into tokens.
///
/// ```
/// use gazetteer_ner::tokenizer::{tokenize, TokenKind};
///
/// let text = "Iraq's Iran-backed groups.";
/// let words: Vec<&str> = tokenize(text).iter().map(|t| t.text(text)).collect();
/// assert_eq!(words, ["Iraq", "'s", "Iran", "-", "backed", "groups", "."]);
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    tokenize_into(text, &mut tokens);
    tokens
}

/// Like [`tokenize`], into a vector that is cleared first, so that a caller
/// tokenizing many short texts can reuse one allocation.
///
/// One pass over the bytes: plain ASCII is split and classified as it is
/// scanned, with the same segments as [`for_each_segment`]. A run between
/// white space that holds any other character is redone from its start by
/// UAX #29.
pub fn tokenize_into(text: &str, tokens: &mut Vec<Token>) {
    tokens.clear();
    let bytes = text.as_bytes();
    let mut state = State::new();
    let mut lines = Lines::default();
    // Where the current run of non-white-space bytes began, and the tokens
    // and state there. (A line break ends a run, so the run is of the
    // current line.)
    let mut run = (0, 0, state);
    let mut pos = 0;
    while pos < bytes.len() {
        let b = bytes[pos];
        // Words first: they begin most steps.
        if FLAGS[usize::from(b)] & WORD == 0 {
            if b.is_ascii_whitespace() {
                // "\r\n" is one line break, found at its "\r".
                let after_cr = b == b'\n' && pos > 0 && bytes[pos - 1] == b'\r';
                if matches!(b, b'\n' | b'\r' | 0x0c) && !after_cr {
                    let crlf = b == b'\r' && bytes.get(pos + 1) == Some(&b'\n');
                    let kind = if b == 0x0c { Break::Hard } else { Break::Line };
                    let next = pos + 1 + usize::from(crlf);
                    state.line_break(&mut lines, tokens, text, (pos, next), kind);
                }
                state.space_before = true;
                pos += 1;
                run = (pos, tokens.len(), state);
                continue;
            }
            if !b.is_ascii() {
                let (start, count, before) = run;
                tokens.truncate(count);
                state = before;
                // A combining mark after white space belongs to it: start
                // from the white space, a boundary in UAX #29. Not from a
                // line break, which it never joins, and which was taken in.
                let from = if start > 0 && !matches!(bytes[start - 1], b'\n' | b'\r' | 0x0b | 0x0c)
                {
                    start - 1
                } else {
                    start
                };
                let end = chunk_end(bytes, pos);
                unicode_chunk(tokens, &mut state, &mut lines, text, (from, end));
                pos = end;
                continue;
            }
            pos += 1;
            if b == 0x0b {
                // A vertical tab is white space with a line break, which
                // ends a run as a line feed does.
                state.line_break(&mut lines, tokens, text, (pos - 1, pos), Break::Hard);
                state.space_before = true;
                run = (pos, tokens.len(), state);
                continue;
            }
            let opens_sentence = state.sentence_start;
            state.push(tokens, (pos - 1, pos), TokenKind::Punct, Shape::NoLetters);
            state.sentence_start = match b {
                b'!' | b'?' => true,
                b'.' => period_ends_sentence(tokens, text),
                b'"' | b'\'' | b'(' | b'[' | b'-' | b'*' => opens_sentence,
                _ => false,
            };
            continue;
        }
        let (stop, case) = word_run_end(bytes, pos);
        // Only a word joined over an apostrophe can end in a possessive.
        let stem = if case & APOSTROPHE != 0 {
            ascii_possessive_stem(bytes, pos, stop)
        } else {
            stop
        };
        // `b` is the word's first byte.
        if b.is_ascii_alphabetic() {
            let shape = if stem == stop {
                Shape::of_ascii_letters(b, case)
            } else {
                Shape::of_ascii_word(&bytes[pos..stem])
            };
            state.push(tokens, (pos, stem), TokenKind::Word, shape);
        } else if b.is_ascii_digit() {
            state.push(tokens, (pos, stem), TokenKind::Number, Shape::NoLetters);
        } else {
            // Underscores first: a word if any letter or digit follows.
            let word = &bytes[pos..stem];
            let kind = if word.len() > 1 && word.iter().any(u8::is_ascii_alphanumeric) {
                TokenKind::Word
            } else {
                TokenKind::Punct
            };
            push_token(tokens, &mut state, text, (pos, stem), kind);
        }
        if stem < stop {
            state.push(
                tokens,
                (stem, stop),
                TokenKind::Possessive,
                Shape::NoLetters,
            );
        }
        pos = stop;
    }
    mark_headline(text, &mut tokens[lines.first..], false);
}

/// What a line break may be.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Break {
    /// `\n`, `\r\n` or `\r`: a hard break, or a wrap inside a paragraph.
    Line,
    /// Always a hard break: a form feed, a vertical tab, U+2028, U+2029 or
    /// U+0085.
    Hard,
}

/// How long, in bytes, the longest line of a hard-wrapped text is: text is
/// wrapped for a terminal or a mail at 80 columns or fewer, and a text of
/// shorter lines is a list, a table or a few words, not a paragraph.
pub const WRAP_WIDTHS: std::ops::RangeInclusive<usize> = 40..=80;

/// The line the tokenizer is in, and the width the text is wrapped to.
#[derive(Default)]
struct Lines {
    /// The line's first byte.
    begin: usize,
    /// The line's first token.
    first: usize,
    /// The wrap width, found when a line break first asks (most texts have
    /// no line break that could be a wrap).
    width: Option<Option<usize>>,
}

impl Lines {
    /// The length of the longest line of `text`, white space at its end
    /// left out, when it is one of the [`WRAP_WIDTHS`].
    fn width(&mut self, text: &str) -> Option<usize> {
        *self.width.get_or_insert_with(|| {
            let mut widest = 0;
            for line in text.as_bytes().split(|&b| b == b'\n') {
                widest = widest.max(line.trim_ascii_end().len());
                if widest > *WRAP_WIDTHS.end() {
                    return None;
                }
            }
            WRAP_WIDTHS.contains(&widest).then_some(widest)
        })
    }

    /// Whether the line break `at..next`, which ends the current line,
    /// wraps a paragraph (see the module docs).
    fn is_wrap(&mut self, text: &str, (at, next): (usize, usize)) -> bool {
        let bytes = text.as_bytes();
        // An indented line starts a paragraph.
        if bytes
            .get(next)
            .is_none_or(|&b| b.is_ascii_whitespace() || b == 0x0b)
        {
            return false;
        }
        let Some(width) = self.width(text) else {
            return false;
        };
        let len = bytes[self.begin..at].trim_ascii_end().len();
        4 * len >= 3 * width
    }
}

/// The end of the word `pos..stop`, joined over an apostrophe, before a
/// possessive `'s` that ends it; `stop` when there is none.
///
/// Out of line and cold, so that the word scan tests only the rare
/// apostrophe, not the word's length, which is as likely short as not.
#[cold]
#[inline(never)]
fn ascii_possessive_stem(bytes: &[u8], pos: usize, stop: usize) -> usize {
    if stop - pos >= 3
        && matches!(bytes[stop - 1], b's' | b'S')
        && bytes[stop - 2] == b'\''
        && bytes[pos..stop - 2].iter().any(u8::is_ascii_alphanumeric)
    {
        stop - 2
    } else {
        stop
    }
}

/// Tokens of `start..end` by the UAX #29 word boundaries.
fn unicode_chunk(
    tokens: &mut Vec<Token>,
    state: &mut State,
    lines: &mut Lines,
    text: &str,
    (start, end): (usize, usize),
) {
    for (offset, piece) in text[start..end].split_word_bound_indices() {
        let span = (start + offset, start + offset + piece.len());
        push_piece(tokens, state, lines, text, span);
    }
}

/// Adds the segment `start..end`: white space sets the state, a word
/// ending in a possessive gives two tokens, anything else one.
fn push_piece(
    tokens: &mut Vec<Token>,
    state: &mut State,
    lines: &mut Lines,
    text: &str,
    (start, end): (usize, usize),
) {
    let piece = &text[start..end];
    let first_byte = piece.as_bytes()[0];
    let white = if first_byte.is_ascii() {
        first_byte.is_ascii_whitespace() || first_byte == 0x0b
    } else {
        piece.chars().next().is_some_and(char::is_whitespace)
    };
    if white {
        // UAX #29 gives every line break a segment of its own ("\r\n"
        // one).
        let kind = match piece {
            "\n" | "\r" | "\r\n" => Some(Break::Line),
            "\u{2028}" | "\u{2029}" | "\u{85}" | "\u{b}" | "\u{c}" => Some(Break::Hard),
            _ => None,
        };
        if let Some(kind) = kind {
            state.line_break(lines, tokens, text, (start, end), kind);
        }
        state.space_before = true;
        return;
    }
    if let Some(stem) = possessive_stem(piece) {
        push(tokens, state, text, start, start + stem);
        push(tokens, state, text, start + stem, end);
    } else {
        push(tokens, state, text, start, end);
    }
}

/// Sets [`Token::headline`] for the tokens of one line, and tells whether
/// it is a headline. A line that `wraps` on into the next is no headline in
/// title case: a paragraph's line may hold four capitalised words and no
/// full stop ("said the Student Loan Marketing").
fn mark_headline(text: &str, line: &mut [Token], wraps: bool) -> bool {
    let Some(last) = line.last() else {
        return false;
    };
    let words = || line.iter().filter(|t| t.kind == TokenKind::Word);
    let long = || words().filter(|t| t.end - t.start > 3);
    let kind = if words().any(|t| t.end - t.start > 1) && words().all(|t| t.shape == Shape::Upper) {
        Headline::Capitals
    } else if !wraps
        && long().nth(3).is_some()
        && long().all(|t| t.shape.is_capitalised())
        && !line.iter().any(|t| t.kind == TokenKind::Number)
        && !matches!(last.text(text), "." | "!" | "?")
    {
        Headline::TitleCase
    } else {
        Headline::No
    };
    if kind != Headline::No {
        for token in line {
            token.headline = kind;
        }
    }
    kind != Headline::No
}

/// Calls `f` with the byte range of every word-boundary segment of `text`
/// (UAX #29), white space included.
///
/// Runs of plain ASCII between white space take a fast path that gives the
/// same segments as `unicode-segmentation`; any other run is handed to it,
/// starting from the white space before the run, where UAX #29 always has
/// a boundary.
pub fn for_each_segment(text: &str, mut f: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        if bytes[pos].is_ascii_whitespace() {
            // One segment per white-space byte run, CR LF kept together;
            // line breaks are segments of their own, as in UAX #29.
            let start = pos;
            pos += 1;
            if bytes[start] == b'\r' && bytes.get(pos) == Some(&b'\n') {
                pos += 1;
            } else if bytes[start] == b' ' {
                while pos < bytes.len() && bytes[pos] == b' ' {
                    pos += 1;
                }
            }
            // A combining mark after white space belongs to it.
            if pos < bytes.len() && !bytes[pos].is_ascii() {
                let chunk_end = chunk_end(bytes, pos);
                unicode_segments(text, start, chunk_end, &mut f);
                pos = chunk_end;
                continue;
            }
            f(start, pos);
            continue;
        }
        let end = chunk_end(bytes, pos);
        if bytes[pos..end].is_ascii() {
            ascii_segments(bytes, pos, end, &mut f);
        } else {
            unicode_segments(text, pos, end, &mut f);
        }
        pos = end;
    }
}

/// The end of the run of non-white-space bytes starting at `pos`, a
/// boundary in UAX #29 but for one case: horizontal white space stays
/// together (WB3d), so a run ending in a non-ASCII space (U+2000, U+3000)
/// goes on over the ASCII spaces after it, and over the next run.
fn chunk_end(bytes: &[u8], pos: usize) -> usize {
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

fn unicode_segments(text: &str, start: usize, end: usize, f: &mut impl FnMut(usize, usize)) {
    for (offset, piece) in text[start..end].split_word_bound_indices() {
        f(start + offset, start + offset + piece.len());
    }
}

/// Segments a run of ASCII without white space by the UAX #29 rules that
/// apply to ASCII: letters, digits and underscores join (WB5, WB8-WB10,
/// WB13a-b); a mid-letter or mid-number-letter between two letters joins
/// them (WB6-7); a mid-number or mid-number-letter between two digits
/// joins them (WB11-12); everything else stands alone.
fn ascii_segments(bytes: &[u8], start: usize, end: usize, f: &mut impl FnMut(usize, usize)) {
    let mut pos = start;
    while pos < end {
        if FLAGS[usize::from(bytes[pos])] & WORD == 0 {
            f(pos, pos + 1);
            pos += 1;
            continue;
        }
        let (stop, _) = word_run_end(&bytes[..end], pos);
        f(pos, stop);
        pos = stop;
    }
}

/// Facts about a byte for the word scan: a word class (letter, digit or
/// underscore), the case of a letter, and whether it may join words.
const WORD: u8 = 1;
const UPPER: u8 = 2;
const LOWER: u8 = 4;
/// A character that joins two letters: ':' (MidLetter), '.' and '\''
/// (MidNumLet, Single_Quote).
const JOINS_LETTERS: u8 = 8;
/// A character that joins two digits: '.' and '\'' (MidNumLet,
/// Single_Quote), ',' and ';' (MidNum).
const JOINS_DIGITS: u8 = 32;
/// A digit.
const DIGIT: u8 = 64;
/// Not in [`FLAGS`]: the word scan's note that it joined letters over an
/// apostrophe.
const APOSTROPHE: u8 = 16;

/// The UAX #29 word-break facts of every ASCII byte that is not white
/// space: [`WORD`] for letters, digits and '_' (ALetter, Numeric,
/// ExtendNumLet), with [`UPPER`], [`LOWER`] or [`DIGIT`], and
/// [`JOINS_LETTERS`] and [`JOINS_DIGITS`] for the middle characters; none
/// for the bytes of non-ASCII characters.
const FLAGS: [u8; 256] = {
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
    table
};

/// The end of the ASCII word segment starting at `pos`, whose byte is of a
/// word class, within a run of non-white-space bytes that ends at or
/// before the end of `bytes`; and the [`UPPER`] and [`LOWER`] flags of its
/// letters after the first byte, with [`APOSTROPHE`] when an apostrophe
/// joins two of them.
///
/// Inlined: it runs for nearly every token, and most words end in their
/// first eight bytes, where a call would cost as much as the scan.
#[inline]
fn word_run_end(bytes: &[u8], pos: usize) -> (usize, u8) {
    let mut j = pos + 1;
    let mut case = 0;
    loop {
        // Eight bytes at a time while they last, then byte by byte; either
        // way `j` ends at the first byte that is not a word byte, if any.
        loop {
            let Some(chunk) = bytes.get(j..j + 8) else {
                while let Some(&b) = bytes.get(j)
                    && FLAGS[usize::from(b)] & WORD != 0
                {
                    case |= FLAGS[usize::from(b)];
                    j += 1;
                }
                break;
            };
            let (len, flags) = word_bytes(u64::from_le_bytes(
                chunk.try_into().expect("a chunk of eight bytes"),
            ));
            case |= flags;
            j += len;
            if len < 8 {
                break;
            }
        }
        // A single middle character between two letters or two digits.
        let mid = bytes.get(j).map_or(0, |&b| FLAGS[usize::from(b)]);
        if mid & (JOINS_LETTERS | JOINS_DIGITS) == 0 {
            return (j, case);
        }
        let Some(&next) = bytes.get(j + 1) else {
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
        if bytes[j] == b'\'' {
            case |= APOSTROPHE;
        }
        j += 2;
    }
}

/// `byte` in every byte of a word.
const fn splat(byte: u8) -> u64 {
    byte as u64 * 0x0101_0101_0101_0101
}

/// The top bit of every byte.
const HIGH: u64 = splat(0x80);

/// How many of the eight bytes of `chunk` (first byte lowest) are word
/// bytes before the first that is not, and the [`UPPER`] and [`LOWER`]
/// flags of those, as [`FLAGS`] gives them: the word scan, eight bytes in
/// one step and one branch.
fn word_bytes(chunk: u64) -> (usize, u8) {
    // Each test leaves the top bit of a byte set where it holds. Bytes are
    // compared on their low seven bits, so no sum carries into the next
    // byte; non-ASCII bytes are ruled out at the end.
    let low = chunk & !HIGH;
    let at_least = |bytes: u64, b: u8| (bytes + splat(0x80 - b)) & HIGH;
    // Setting the case bit (0x20) makes every letter lower case and no
    // other byte a letter.
    let folded = low | splat(0x20);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    let digit = at_least(low, b'0') & !at_least(low, b'9' + 1);
    let underscore = !((low ^ splat(b'_')) + splat(0x7f)) & HIGH;
    let stops = !((letter | digit | underscore) & !chunk) & HIGH;
    // The bits below the first byte that is not a word byte; all of them
    // when every byte is.
    let run = (stops & stops.wrapping_neg()).wrapping_sub(1);
    let letters = letter & run;
    // The case bit moved up to the top of its byte: set in lower case.
    let lower = low << 2;
    let flags = if letters & !lower != 0 { UPPER } else { 0 }
        | if letters & lower != 0 { LOWER } else { 0 };
    (stops.trailing_zeros() as usize / 8, flags)
}

/// The position facts of the token to come.
#[derive(Clone, Copy)]
struct State {
    space_before: bool,
    line_start: bool,
    sentence_start: bool,
    hard_break: bool,
}

impl State {
    /// The state at the start of a text.
    fn new() -> State {
        State {
            space_before: false,
            line_start: true,
            sentence_start: true,
            hard_break: true,
        }
    }

    /// Takes in the line break at bytes `at..next`: marks the headline of
    /// the line it ends, and makes it a hard break or a wrap (see the
    /// module docs).
    fn line_break(
        &mut self,
        lines: &mut Lines,
        tokens: &mut [Token],
        text: &str,
        (at, next): (usize, usize),
        kind: Break,
    ) {
        // A line with no token: a blank line, or the start of the text.
        let blank = self.line_start;
        let wraps = !blank && kind == Break::Line && lines.is_wrap(text, (at, next));
        let headline = mark_headline(text, &mut tokens[lines.first..], wraps);
        let hard = !wraps || headline;
        self.line_start = true;
        if hard {
            self.hard_break = true;
            self.sentence_start = true;
        }
        lines.begin = next;
        lines.first = tokens.len();
    }

    /// Adds a token with the position facts so far, which it ends; a
    /// token that is not punctuation ends a sentence start too.
    fn push(
        &mut self,
        tokens: &mut Vec<Token>,
        (start, end): (usize, usize),
        kind: TokenKind,
        shape: Shape,
    ) {
        tokens.push(Token {
            start,
            end,
            kind,
            shape,
            sentence_start: self.sentence_start,
            line_start: self.line_start,
            hard_break: self.hard_break,
            space_before: self.space_before,
            headline: Headline::No,
        });
        self.space_before = false;
        self.line_start = false;
        self.hard_break = false;
        self.sentence_start &= kind == TokenKind::Punct;
    }
}

/// Adds the segment `start..end` as one token, classifying it.
fn push(tokens: &mut Vec<Token>, state: &mut State, text: &str, start: usize, end: usize) {
    let piece = &text[start..end];
    let first = piece.as_bytes()[0];
    let kind = if first.is_ascii_alphabetic() {
        TokenKind::Word
    } else if first.is_ascii_digit() {
        TokenKind::Number
    } else if piece == "'s" || piece == "’s" || piece == "'S" || piece == "’S" {
        TokenKind::Possessive
    } else if first.is_ascii() && piece.len() == 1 {
        TokenKind::Punct
    } else if piece.chars().next().is_some_and(char::is_numeric) {
        TokenKind::Number
    } else if piece.chars().any(char::is_alphanumeric) {
        TokenKind::Word
    } else {
        TokenKind::Punct
    };
    push_token(tokens, state, text, (start, end), kind);
}

/// Adds the token `span` of `kind`, with its shape and the state's
/// position facts, and updates the state.
fn push_token(
    tokens: &mut Vec<Token>,
    state: &mut State,
    text: &str,
    (start, end): (usize, usize),
    kind: TokenKind,
) {
    let piece = &text[start..end];
    let shape = if kind == TokenKind::Word {
        Shape::of(piece)
    } else {
        Shape::NoLetters
    };
    state.push(tokens, (start, end), kind, shape);
    if kind == TokenKind::Punct {
        state.sentence_start =
            ends_sentence(tokens, text) || (state.sentence_start && is_opening(piece));
    }
}

/// Whether `word` is one of the [`ABBREVIATIONS`], all of two to four
/// bytes, compared as numbers ([`abbreviation_code`]).
fn is_abbreviation(word: &str) -> bool {
    const CODES: [u64; ABBREVIATIONS.len()] = {
        let mut codes = [0; ABBREVIATIONS.len()];
        let mut i = 0;
        while i < codes.len() {
            codes[i] = abbreviation_code(ABBREVIATIONS[i].as_bytes());
            i += 1;
        }
        codes
    };
    (2..=4).contains(&word.len()) && CODES.contains(&abbreviation_code(word.as_bytes()))
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
fn ends_sentence(tokens: &[Token], text: &str) -> bool {
    match tokens[tokens.len() - 1].text(text) {
        "!" | "?" => true,
        "." | "…" => period_ends_sentence(tokens, text),
        _ => false,
    }
}

/// Whether the period (or ellipsis) just pushed ends a sentence: not when
/// it closes an abbreviation, a word with inner periods ("U.S") or a
/// capital initial.
fn period_ends_sentence(tokens: &[Token], text: &str) -> bool {
    let [.., prev, last] = tokens else {
        return true;
    };
    if prev.kind != TokenKind::Word || prev.end != last.start {
        return true;
    }
    let word = prev.text(text);
    let initial = prev.shape == Shape::Upper && word.chars().nth(1).is_none();
    !(initial || is_abbreviation(word) || word.contains('.'))
}

fn is_opening(piece: &str) -> bool {
    matches!(
        piece,
        "\"" | "'" | "“" | "‘" | "(" | "[" | "«" | "-" | "—" | "–" | "*" | "•"
    )
}

/// For a word ending in a possessive `'s`, the length of the word before it.
fn possessive_stem(piece: &str) -> Option<usize> {
    if piece.len() < 3 || !matches!(piece.as_bytes()[piece.len() - 1], b's' | b'S') {
        return None;
    }
    for suffix in ["'s", "’s", "'S", "’S"] {
        if let Some(stem) = piece.strip_suffix(suffix)
            && stem.chars().any(char::is_alphanumeric)
        {
            return Some(stem.len());
        }
    }
    None
}

/// Appends the matching key of a token to `out`: its text in lower case,
/// with typographic apostrophes and dashes made plain, so that "IRAQ",
/// "Iraq" and "iraq" share a key and casing is checked separately.
pub fn push_key(token: &str, out: &mut String) {
    if token.is_ascii() {
        let start = out.len();
        out.push_str(token);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in token.chars() {
        match c {
            '’' | '‘' | 'ʼ' | '`' => out.push('\''),
            '–' | '—' | '‐' | '‑' => out.push('-'),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// The matching keys of a text's tokens (see [`push_key`]), laid out in one
/// string with a space before every key and after the last, so that a
/// phrase's keys can be searched as `" new york "`.
///
/// ```
/// use gazetteer_ner::tokenizer::{tokenize, Keys};
///
/// let text = "New YORK’s";
/// let keys = Keys::new(text, &tokenize(text));
/// assert_eq!(keys.joined(), " new york 's ");
/// assert_eq!(keys.get(1), "york");
/// ```
#[derive(Clone, Debug, Default)]
pub struct Keys {
    joined: String,
    /// Where each token's key lies in `joined`, and its hash.
    keys: Vec<KeySpan>,
    /// The text in ASCII lower case, then a block of spaces; kept for its
    /// memory.
    lower: Vec<u8>,
}

/// One token's key in [`Keys`].
#[derive(Clone, Copy, Debug)]
struct KeySpan {
    start: usize,
    end: usize,
    /// The hash of the key, computed once for every table that looks it up.
    hash: u64,
}

impl Keys {
    /// The keys of `tokens`, which were taken from `text`.
    pub fn new(text: &str, tokens: &[Token]) -> Keys {
        let mut keys = Keys::default();
        keys.refill(text, tokens);
        keys
    }

    /// Replaces these keys with those of `tokens`, taken from `text`,
    /// reusing their memory: a caller keying many texts allocates once.
    ///
    /// ```
    /// use gazetteer_ner::tokenizer::{tokenize, Keys};
    ///
    /// let mut keys = Keys::new("A long first text", &tokenize("A long first text"));
    /// keys.refill("Iraq’s", &tokenize("Iraq’s"));
    /// assert_eq!(keys.joined(), " iraq 's ");
    /// ```
    pub fn refill(&mut self, text: &str, tokens: &[Token]) {
        // Lower-casing the whole text at once is cheaper than token by
        // token; the spaces after it let every token's key be read as a
        // whole block.
        let lower = &mut self.lower;
        lower.clear();
        lower.extend_from_slice(text.as_bytes());
        lower.make_ascii_lowercase();
        lower.resize(text.len() + BLOCK, b' ');
        let lower = &lower[..];
        // Room for every key no longer than its token, a space before each
        // and after the last, and a block copied whole past the last. The
        // spaces are in place from the start; each key then overwrites
        // what a block before it left after its own end.
        let mut joined = std::mem::take(&mut self.joined).into_bytes();
        joined.clear();
        joined.resize(text.len() + tokens.len() + 1 + BLOCK, b' ');
        let mut at = 1;
        let mut other = String::new();
        // Extended from an iterator of known length: one reservation, not
        // a capacity check for every key.
        self.keys.clear();
        self.keys.extend(tokens.iter().map(|token| {
            let len = token.end - token.start;
            let block = lower[token.start..].first_chunk().expect("a block");
            let key = Block::read(block, len);
            let (len, hash) = if len <= BLOCK && key.is_ascii() {
                // Most keys: the block copied whole, which spares a branch
                // on every length; the space after the key cuts it back.
                joined[at..at + BLOCK].copy_from_slice(block);
                (len, key.hash())
            } else {
                other.clear();
                push_key(token.text(text), &mut other);
                // A few characters have a longer lower case.
                let longer = other.len().saturating_sub(len);
                joined.resize(joined.len() + longer, b' ');
                joined[at..at + other.len()].copy_from_slice(other.as_bytes());
                (other.len(), hash_bytes(other.as_bytes()))
            };
            let span = KeySpan {
                start: at,
                end: at + len,
                hash,
            };
            at += len;
            joined[at] = b' ';
            at += 1;
            span
        }));
        joined.truncate(at);
        self.joined = String::from_utf8(joined).expect("keys are made of whole characters");
    }

    /// The hash of token `i`'s key.
    pub(crate) fn hash(&self, i: usize) -> u64 {
        self.keys[i].hash
    }

    /// The key of token `i`.
    pub fn get(&self, i: usize) -> &str {
        let KeySpan { start, end, .. } = self.keys[i];
        &self.joined[start..end]
    }

    /// The keys of tokens `first..end`, joined by single spaces.
    pub fn span(&self, first: usize, end: usize) -> &str {
        if first >= end {
            return "";
        }
        &self.joined[self.keys[first].start..self.keys[end - 1].end]
    }

    /// Every key, each preceded by a space, with a space at the end.
    pub fn joined(&self) -> &str {
        &self.joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn wide_spaces_and_ascii_spaces_stay_one_segment() {
        use unicode_segmentation::UnicodeSegmentation;
        for text in [
            "\u{2000} ",
            "a\u{3000}  b",
            " \u{1680} \u{205f} x",
            "x\u{2007} y",
            "\u{200a}\n ",
        ] {
            let mut ours = Vec::new();
            for_each_segment(text, |s, e| ours.push(&text[s..e]));
            let theirs: Vec<&str> = text.split_word_bounds().collect();
            assert_eq!(ours, theirs, "{text:?}");
        }
    }

    #[test]
    fn splits_possessives_hyphens_and_abbreviations() {
        assert_eq!(texts("Iraq’s"), ["Iraq", "’s"]);
        assert_eq!(texts("Workers' Party"), ["Workers", "'", "Party"]);
        assert_eq!(texts("US-led"), ["US", "-", "led"]);
        assert_eq!(texts("the U.S. said"), ["the", "U.S", ".", "said"]);
        assert_eq!(texts("O'Neill"), ["O'Neill"]);
    }

    #[test]
    fn kinds_and_shapes() {
        let text = "PMF al Sadr's 2003 iPhone (";
        let toks = tokenize(text);
        let facts: Vec<_> = toks.iter().map(|t| (t.kind, t.shape)).collect();
        assert_eq!(
            facts,
            [
                (TokenKind::Word, Shape::Upper),
                (TokenKind::Word, Shape::Lower),
                (TokenKind::Word, Shape::Capitalised),
                (TokenKind::Possessive, Shape::NoLetters),
                (TokenKind::Number, Shape::NoLetters),
                (TokenKind::Word, Shape::Mixed),
                (TokenKind::Punct, Shape::NoLetters),
            ]
        );
    }

    #[test]
    fn sentence_starts() {
        let text = "Some went. \"Thousands came!\" Mr. Smith met Dr Jones in the U.S. on Friday.\nIt rained";
        let starts: Vec<&str> = tokenize(text)
            .iter()
            .filter(|t| t.sentence_start && t.kind == TokenKind::Word)
            .map(|t| t.text(text))
            .collect();
        assert_eq!(starts, ["Some", "Thousands", "Mr", "It"]);
    }

    #[test]
    fn line_starts_and_spacing() {
        let text = "A b\nC(d";
        let toks = tokenize(text);
        let lines: Vec<bool> = toks.iter().map(|t| t.line_start).collect();
        assert_eq!(lines, [true, false, true, false, false]);
        let spaces: Vec<bool> = toks.iter().map(|t| t.space_before).collect();
        assert_eq!(spaces, [false, true, true, false, false]);
    }

    fn uax29(text: &str) -> Vec<(usize, &str)> {
        text.split_word_bound_indices().collect()
    }

    fn ours(text: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        for_each_segment(text, |s, e| out.push((s, &text[s..e])));
        out
    }

    #[test]
    fn ascii_fast_path_agrees_with_uax29() {
        for text in [
            "U.S. troops, 1,000.5 of them; a:b O'Neill's e-mail_x 3'4 a.1 1.a",
            "  double  spaces\r\nand\ttabs\n\n",
            "...'quoted'... \"x\" (y) [z] a-b a_1 _a_ 9_9 x'' ''x a..b 1,,2",
            "Iraq’s café – naïve \u{301}x \u{200d}y e\u{301}",
        ] {
            assert_eq!(ours(text), uax29(text), "on {text:?}");
        }
    }

    /// Tokens made segment by segment from [`for_each_segment`], which the
    /// property tests hold to UAX #29, through the general path.
    fn reference_tokens(text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        let mut state = State::new();
        let mut lines = Lines::default();
        for_each_segment(text, |start, end| {
            push_piece(&mut tokens, &mut state, &mut lines, text, (start, end));
        });
        mark_headline(text, &mut tokens[lines.first..], false);
        tokens
    }

    proptest::proptest! {
        #[test]
        fn one_pass_tokens_equal_segment_by_segment_tokens(
            text in "([A-Za-z0-9 .,:;'_!?\"()\n\r\t\x0b-]|\\PC|[’–é\u{301}\u{85}]){0,80}"
        ) {
            proptest::prop_assert_eq!(tokenize(&text), reference_tokens(&text));
        }
    }

    #[test]
    fn one_pass_tokens_on_examples() {
        for text in [
            "Iraq's U.S. 1,000.5 _a_ __'s x's 3's Mr. Smith. \"Yes!\" (No) - * e\u{0b}f",
            "  \u{301}x \n\u{301}y\r\n café’s IRAQ’S",
            "IRAQ TALKS\u{2028}Big Cables Look To Tap\u{b}THE END\nCafé Owners Look To Tap",
        ] {
            assert_eq!(tokenize(text), reference_tokens(text), "on {text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn eight_byte_word_scan_agrees_with_the_byte_table(chunk: [u8; 8]) {
            let len = chunk
                .iter()
                .position(|&b| FLAGS[usize::from(b)] & WORD == 0)
                .unwrap_or(8);
            let flags = chunk[..len]
                .iter()
                .fold(0, |f, &b| f | FLAGS[usize::from(b)]) & (UPPER | LOWER);
            proptest::prop_assert_eq!(word_bytes(u64::from_le_bytes(chunk)), (len, flags));
        }
    }

    #[test]
    fn eight_byte_word_scan_on_every_byte() {
        for b in 0..=255u8 {
            let chunk = [b'a', b, b'Z', b'_', b'0', b'9', b'z', b'A'];
            let expected = if FLAGS[usize::from(b)] & WORD != 0 {
                8
            } else {
                1
            };
            assert_eq!(
                word_bytes(u64::from_le_bytes(chunk)).0,
                expected,
                "byte {b:#x}"
            );
        }
    }

    #[test]
    fn abbreviations_are_two_to_four_letters() {
        // `is_abbreviation` looks only at words of these lengths.
        assert!(ABBREVIATIONS.iter().all(|a| (2..=4).contains(&a.len())));
        assert!(is_abbreviation("Sept") && !is_abbreviation("Sep."));
    }

    #[test]
    fn headlines_by_line() {
        let text =
            "IRAQ AND IRAN TALK\nPirelli Cables Look To Tap Growth\nPirelli cables look up.\nA B";
        let kinds: Vec<Headline> = tokenize(text).iter().map(|t| t.headline).collect();
        assert_eq!(kinds[0], Headline::Capitals);
        assert_eq!(kinds[4], Headline::TitleCase);
        assert!(kinds[10..].iter().all(|&k| k == Headline::No));
        let results = "Romania - Marius Vasilescu ( 31st ) , Florin Pavelescu ( 75th )";
        assert!(tokenize(results).iter().all(|t| t.headline == Headline::No));
    }

    /// The words of `text` after a hard break.
    fn after_hard_breaks(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .filter(|t| t.hard_break)
            .map(|t| t.text(text))
            .collect()
    }

    #[test]
    fn blank_lines_and_separators_are_hard_breaks() {
        assert_eq!(
            after_hard_breaks("Talks in Basra\n\nJones said\n \t\nIt rained"),
            ["Talks", "Jones", "It"]
        );
        assert_eq!(
            after_hard_breaks("a\r\n\r\nb\u{2029}c\u{b}d\u{c}e\u{2028}f\u{85}g"),
            ["a", "b", "c", "d", "e", "f", "g"]
        );
    }

    #[test]
    fn line_breaks_of_unwrapped_text_and_after_headlines_are_hard_breaks() {
        // A line longer than any wrap: the text is not hard-wrapped.
        let long = "x ".repeat(*WRAP_WIDTHS.end());
        assert_eq!(
            after_hard_breaks(&format!("{long}Iraq\nIran")),
            ["x", "Iran"]
        );
        // A headline, then a line as long: the headline's end is a boundary.
        let text = "IRAQ AND IRAN TALK OF PEACE IN THE CAPITAL\nBASRA officials met on Tuesday";
        assert_eq!(after_hard_breaks(text), ["IRAQ", "BASRA"]);
        // Lines too short to be a wrapped paragraph: a list, a byline.
        assert_eq!(
            after_hard_breaks("Talks in Basra\nJones said so"),
            ["Talks", "Jones"]
        );
    }

    #[test]
    fn a_wrap_inside_a_paragraph_is_no_hard_break() {
        let text = "The ministers met in the capital on Tuesday to discuss the Soviet\n\
                    Union and its trade with the rest of the region, officials said.\r\n\
                    \x20   A second meeting is planned.\n\
                    Short line\n\
                    Next";
        assert_eq!(after_hard_breaks(text), ["The", "A", "Short", "Next"]);
        let tokens = tokenize(text);
        let union = tokens.iter().find(|t| t.text(text) == "Union").unwrap();
        assert!(union.line_start && !union.sentence_start && union.space_before);
        // A wrapped line in title case is no headline.
        let text = "On Monday, The Royal Naval Staff College Building Fund\n\
                    Committee met in the capital to talk about the plans for the year.";
        assert_eq!(after_hard_breaks(text), ["On"]);
        assert!(tokenize(text).iter().all(|t| t.headline == Headline::No));
    }

    /// The keys as [`push_key`] makes them, one token at a time.
    fn assert_keys_are_push_keys(text: &str) {
        let tokens = tokenize(text);
        let keys = Keys::new(text, &tokens);
        let mut joined = String::from(" ");
        for (i, token) in tokens.iter().enumerate() {
            let mut key = String::new();
            push_key(token.text(text), &mut key);
            assert_eq!(keys.get(i), key, "token {i} of {text:?}");
            assert_eq!(keys.hash(i), crate::hash::hash_key(&key), "{key:?}");
            joined.push_str(&key);
            joined.push(' ');
        }
        assert_eq!(keys.joined(), joined, "on {text:?}");
    }

    proptest::proptest! {
        #[test]
        fn keys_are_the_keys_of_each_token(
            text in "([A-Za-z0-9 .,'_\n-]|\\PC|[’–İé]){0,60}"
        ) {
            assert_keys_are_push_keys(&text);
        }
    }

    #[test]
    fn keys_of_long_and_unusual_tokens() {
        for text in [
            "",
            "Internationalisation counter-revolutionaries İSTANBUL",
            "KATA’IB x 1234567890123456 12345678901234567 Ab",
        ] {
            assert_keys_are_push_keys(text);
        }
    }

    #[test]
    fn keys_fold_case_and_typography() {
        let mut key = String::new();
        push_key("Kata’ib", &mut key);
        push_key("IRAQ", &mut key);
        assert_eq!(key, "kata'ibiraq");
    }
}
