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

pub(crate) mod bytes;
mod keys;
mod lines;
mod scan;
#[cfg(any(test, feature = "internals"))]
mod segments;
mod sentences;
mod shape;
#[cfg(test)]
mod tests;

pub use keys::{Keys, push_key};
#[cfg(feature = "internals")]
pub use lines::WRAP_WIDTHS;
pub use scan::tokenize_into;
#[cfg(any(test, feature = "internals"))]
pub use segments::for_each_segment;
pub use shape::Shape;

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

/// One token: a half-open byte range of the visible text and its facts.
///
/// Sixteen bytes: its offsets are kept in 32 bits, so the text it comes
/// from is at most 1 GiB ([`MAX_TEXT_LEN`]). A text of many tokens
/// is read through once per stage, and tokens of 24 bytes made that half
/// as much memory again.
///
/// Laid out as declared, so that the four position facts lie together in
/// the order the tokenizer's state keeps them, which copies them in one
/// move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
pub struct Token {
    /// Byte offset of the token's first byte in the visible text.
    start: u32,
    /// Byte offset one past the token's last byte.
    end: u32,
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
    /// Running text, no headline.
    #[default]
    RunningText,
    /// Every word in capitals: "IRAQ AND IRAN TALK".
    Capitals,
    /// Every long word capitalised: "Pirelli Tyres Look To Tap Growth".
    TitleCase,
}

/// The length, in bytes, of the longest text the tokenizer takes, 1 GiB:
/// a token's offsets are kept in 32 bits, and so are those of its key in
/// [`Keys`], which holds the text's keys in up to three times the text's
/// bytes (see `keys::offset`). The extractor reads a longer text in
/// windows no longer than this (see
/// [`ExtractorBuilder::window_size`](crate::ExtractorBuilder::window_size)).
pub const MAX_TEXT_LEN: usize = 1 << 30;

impl Token {
    /// Byte offset of the token's first byte in the visible text.
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// Byte offset one past the token's last byte.
    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// The token's text in the visible text it came from.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start()..self.end()]
    }

    /// Whether this is a word starting with an upper-case letter. Both
    /// facts are read and tested as one: the kind alone went either way
    /// from token to token.
    pub fn is_capitalised_word(&self) -> bool {
        (self.kind == TokenKind::Word) & self.shape.is_capitalised()
    }
}

/// Splits `text` into tokens.
///
/// # Panics
///
/// If `text` is longer than [`MAX_TEXT_LEN`], 1 GiB; the extractor never
/// gives the tokenizer such a text.
///
/// ```
/// # #[cfg(feature = "internals")] {
/// use gazetteer_ner::tokenizer::{tokenize, TokenKind};
///
/// let text = "Iraq's Iran-backed groups.";
/// let words: Vec<&str> = tokenize(text).iter().map(|t| t.text(text)).collect();
/// assert_eq!(words, ["Iraq", "'s", "Iran", "-", "backed", "groups", "."]);
/// # }
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    tokenize_into(text, &mut tokens);
    tokens
}
