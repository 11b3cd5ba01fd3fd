//! The one pass over the bytes that makes the tokens.

use unicode_segmentation::UnicodeSegmentation;

use super::bytes::{
    APOSTROPHE, DIGIT, FLAGS, LOWER, UPPER, WORD, chunk_end, lone_character_end, word_run_end,
};
use super::lines::{Break, Lines, mark_headline};
use super::sentences::{ends_sentence, is_opening, period_ends_sentence};
use super::{Headline, MAX_TEXT_LEN, Shape, Token, TokenKind};

/// Like [`tokenize`](super::tokenize), into a vector that is cleared first, so that a caller
/// tokenizing many short texts can reuse one allocation.
///
/// One pass over the bytes: plain ASCII is split and classified as it is
/// scanned, with the same segments as [`for_each_segment`](super::for_each_segment). A run between
/// white space that holds any other character is redone from its start by
/// UAX #29, but for a currency sign, a dash or a curly double quote
/// between ASCII bytes, a token of its own ([`lone_character_end`]), and a
/// curly single quote inside a word, which the word scan joins over as
/// over an apostrophe.
///
/// # Panics
///
/// If `text` is longer than [`MAX_TEXT_LEN`], 1 GiB; the extractor never
/// gives the tokenizer such a text.
pub fn tokenize_into(text: &str, tokens: &mut Vec<Token>) {
    assert!(
        text.len() <= MAX_TEXT_LEN,
        "a text to tokenize is at most 1 GiB"
    );
    tokens.clear();
    let bytes = text.as_bytes();
    let mut state = State::new();
    let mut lines = Lines::default();
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
                continue;
            }
            if !b.is_ascii() {
                if let Some(end) = lone_character_end(bytes, pos) {
                    push(tokens, &mut state, text, pos, end);
                    pos = end;
                    continue;
                }
                let run = run_start(bytes, tokens, state, pos);
                state = run.2;
                pos = redo_run(tokens, &mut state, &mut lines, text, run, pos);
                continue;
            }
            pos += 1;
            if b == 0x0b {
                // A vertical tab is white space with a line break, which
                // ends a run as a line feed does.
                state.line_break(&mut lines, tokens, text, (pos - 1, pos), Break::Hard);
                state.space_before = true;
                continue;
            }
            push_ascii_punct(tokens, &mut state, text, pos - 1);
            // The plain space after a punctuation mark is taken here, as
            // after a word.
            if bytes.get(pos) == Some(&b' ') {
                state.space_before = true;
                pos += 1;
            }
            continue;
        }
        pos = push_ascii_word(tokens, &mut state, text, pos);
    }
    mark_headline(text, &mut tokens[lines.first..], false);
}

/// Adds the ASCII word that starts at `pos`, whose first byte is a letter,
/// a digit or an underscore, and the possessive `'s` that may end it;
/// returns where it ends, past the space after it if there is one.
#[inline]
fn push_ascii_word(tokens: &mut Vec<Token>, state: &mut State, text: &str, pos: usize) -> usize {
    let bytes = text.as_bytes();
    let first = FLAGS[usize::from(bytes[pos])];
    let (stop, case) = word_run_end(bytes, pos);
    // Only a word joined over an apostrophe can end in a possessive.
    if case & APOSTROPHE == 0 {
        let shape = || Shape::of_ascii_letters(first, case);
        push_ascii_word_token(tokens, state, text, (pos, stop), first, shape);
    } else {
        push_apostrophe_word(tokens, state, text, (pos, stop));
    }
    // The plain space after most words is taken here rather than by a step
    // of the scan of its own, as the scan would take it.
    if bytes.get(stop) == Some(&b' ') {
        state.space_before = true;
        return stop + 1;
    }
    stop
}

/// Adds the ASCII word `pos..end`, whose first byte is a letter, a digit or
/// an underscore, of [`FLAGS`] `first`, and whose shape, if it is made of
/// letters, is `shape()`.
#[inline]
fn push_ascii_word_token(
    tokens: &mut Vec<Token>,
    state: &mut State,
    text: &str,
    (pos, end): (usize, usize),
    first: u8,
    shape: impl FnOnce() -> Shape,
) {
    if first & (UPPER | LOWER) != 0 {
        state.push(tokens, (pos, end), TokenKind::Word, shape());
    } else if first & DIGIT != 0 {
        state.push(tokens, (pos, end), TokenKind::Number, Shape::NoLetters);
    } else {
        // Underscores first: a word if any letter or digit follows.
        let word = &text.as_bytes()[pos..end];
        let kind = if word.len() > 1 && word.iter().any(u8::is_ascii_alphanumeric) {
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        push_token(tokens, state, text, (pos, end), kind);
    }
}

/// Adds the word `pos..stop`, joined over an apostrophe or a curly single
/// quote and otherwise ASCII, and the possessive `'s` or `’s` that may end
/// it.
///
/// Out of line and cold, so that the word scan tests only the rare
/// apostrophe, not where the word's stem ends, for every word.
#[cold]
#[inline(never)]
fn push_apostrophe_word(
    tokens: &mut Vec<Token>,
    state: &mut State,
    text: &str,
    (pos, stop): (usize, usize),
) {
    let bytes = text.as_bytes();
    let stem = ascii_possessive_stem(bytes, pos, stop);
    let shape = || Shape::of_ascii_word(&bytes[pos..stem]);
    let first = FLAGS[usize::from(bytes[pos])];
    push_ascii_word_token(tokens, state, text, (pos, stem), first, shape);
    if stem < stop {
        state.push(
            tokens,
            (stem, stop),
            TokenKind::Possessive,
            Shape::NoLetters,
        );
    }
}

/// Adds the ASCII punctuation byte at `at`, which may end a sentence or,
/// after a sentence start, open one.
///
/// A full stop asks the tokens before it; any other mark's part is read
/// from [`PUNCT_SENTENCE`], where a branch for each kind of mark went
/// either way from mark to mark.
#[inline]
fn push_ascii_punct(tokens: &mut Vec<Token>, state: &mut State, text: &str, at: usize) {
    let opens_sentence = state.sentence_start;
    state.push(tokens, (at, at + 1), TokenKind::Punct, Shape::NoLetters);
    let b = text.as_bytes()[at];
    state.sentence_start = if b == b'.' {
        period_ends_sentence(tokens, text)
    } else {
        let keeps = ENDS_SENTENCE | (u8::from(opens_sentence) * OPENS_SENTENCE);
        PUNCT_SENTENCE[usize::from(b)] & keeps != 0
    };
}

/// In [`PUNCT_SENTENCE`]: a mark that ends a sentence, `!` and `?`.
const ENDS_SENTENCE: u8 = 1;
/// In [`PUNCT_SENTENCE`]: a mark that may open a sentence, after a
/// sentence start: a quote, a bracket, a dash or a star.
const OPENS_SENTENCE: u8 = 2;

/// What an ASCII punctuation mark other than the full stop does to a
/// sentence start: [`ENDS_SENTENCE`], [`OPENS_SENTENCE`] or neither.
const PUNCT_SENTENCE: [u8; 256] = {
    let mut table = [0; 256];
    table[b'!' as usize] = ENDS_SENTENCE;
    table[b'?' as usize] = ENDS_SENTENCE;
    let opening = *b"\"'([-*";
    let mut i = 0;
    while i < opening.len() {
        table[opening[i] as usize] = OPENS_SENTENCE;
        i += 1;
    }
    table
};

/// Where the run of non-white-space bytes that holds `pos` began (after
/// the last white space before it, a vertical tab among them, or at the
/// start of the text), how many tokens there were then, and the state
/// there, given the tokens and `state` so far.
///
/// Found only when a run needs redoing, rather than kept at every space:
/// every byte of the run before `pos` is ASCII, of a character of its own
/// ([`lone_character_end`]) or of a curly single quote inside a word, and
/// began or joined a token,
/// so the run's first token, if any, holds the state the run began with.
/// (A line break ends a run, so the run is of the current line.)
fn run_start(bytes: &[u8], tokens: &[Token], state: State, pos: usize) -> (usize, usize, State) {
    let start = bytes[..pos]
        .iter()
        .rposition(|&b| b.is_ascii_whitespace() || b == 0x0b)
        .map_or(0, |at| at + 1);
    let count = tokens.partition_point(|t| t.start() < start);
    let state = tokens.get(count).map_or(state, State::of);
    (start, count, state)
}

/// Redoes by UAX #29 the run of non-white-space bytes that `run` began
/// (its first byte, and the tokens and state there), in which the byte at
/// `pos` is not ASCII; `state` is the run's. Returns where the run ends.
fn redo_run(
    tokens: &mut Vec<Token>,
    state: &mut State,
    lines: &mut Lines,
    text: &str,
    (start, count, _): (usize, usize, State),
    pos: usize,
) -> usize {
    let bytes = text.as_bytes();
    tokens.truncate(count);
    // A combining mark after white space belongs to it: start from the
    // white space, a boundary in UAX #29. Not from a line break, which it
    // never joins, and which was taken in.
    let from = if start > 0 && !matches!(bytes[start - 1], b'\n' | b'\r' | 0x0b | 0x0c) {
        start - 1
    } else {
        start
    };
    let end = chunk_end(bytes, pos);
    unicode_chunk(tokens, state, lines, text, (from, end));
    end
}

/// The end of the word `pos..stop`, joined over an apostrophe or a curly
/// single quote, before a possessive `'s` or `’s` that ends it; `stop`
/// when there is none.
fn ascii_possessive_stem(bytes: &[u8], pos: usize, stop: usize) -> usize {
    let ([stem @ .., b'\'', b's' | b'S'] | [stem @ .., 0xe2, 0x80, 0x99, b's' | b'S']) =
        &bytes[pos..stop]
    else {
        return stop;
    };
    if stem.iter().any(u8::is_ascii_alphanumeric) {
        pos + stem.len()
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
pub(super) fn push_piece(
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

/// The position facts of the token to come, laid out as in a [`Token`]
/// (`sentence_start` to `space_before`), so that pushing a token copies
/// them in one move.
#[derive(Clone, Copy)]
#[repr(C)]
pub(super) struct State {
    sentence_start: bool,
    line_start: bool,
    hard_break: bool,
    space_before: bool,
}

impl State {
    /// The state at the start of a text.
    pub(super) fn new() -> State {
        State {
            space_before: false,
            line_start: true,
            sentence_start: true,
            hard_break: true,
        }
    }

    /// The state a token was pushed with.
    fn of(token: &Token) -> State {
        State {
            sentence_start: token.sentence_start,
            line_start: token.line_start,
            hard_break: token.hard_break,
            space_before: token.space_before,
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
        // A line with no token, a blank line or the start of the text, is
        // no headline and ends in a hard break: asked once, where the
        // test that the line wraps and the headline's of its tokens asked
        // it again, each an outcome that went either way from line to
        // line (paragraphs are often a line each, between blank lines).
        let hard = self.line_start || {
            let wraps = kind == Break::Line && lines.is_wrap(text, (at, next));
            let headline = mark_headline(text, &mut tokens[lines.first..], wraps);
            !wraps || headline
        };
        self.line_start = true;
        self.hard_break |= hard;
        self.sentence_start |= hard;
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
        // Both offsets are within the text, which is no longer than
        // `MAX_TEXT_LEN` (see `tokenize_into`).
        tokens.push(Token {
            start: start as u32,
            end: end as u32,
            kind,
            shape,
            sentence_start: self.sentence_start,
            line_start: self.line_start,
            hard_break: self.hard_break,
            space_before: self.space_before,
            headline: Headline::RunningText,
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
