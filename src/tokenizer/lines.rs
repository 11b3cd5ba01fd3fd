//! Lines: which line breaks are hard breaks and which wrap a paragraph,
//! and which lines are headlines.

use super::{Headline, Shape, Token, TokenKind};

/// What a line break may be.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Break {
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
pub(super) struct Lines {
    /// The line's first byte.
    pub(super) begin: usize,
    /// The line's first token.
    pub(super) first: usize,
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
    pub(super) fn is_wrap(&mut self, text: &str, (at, next): (usize, usize)) -> bool {
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

/// Whether `token` is a full stop, an exclamation mark or a question
/// mark: its length and its first byte asked as one, where a comparison
/// of its text with each went either way from line to line.
fn ends_sentence_mark(text: &str, token: &Token) -> bool {
    let first = text.as_bytes()[token.start()];
    (token.end - token.start == 1) & matches!(first, b'.' | b'!' | b'?')
}

/// Sets [`Token::headline`] for the tokens of one line, and tells whether
/// it is a headline. A line that `wraps` on into the next is no headline in
/// title case: a paragraph's line may hold four capitalised words and no
/// full stop ("said the Student Loan Marketing").
pub(super) fn mark_headline(text: &str, line: &mut [Token], wraps: bool) -> bool {
    let Some(last) = line.last() else {
        return false;
    };
    let words = || line.iter().filter(|t| t.kind == TokenKind::Word);
    let long = || words().filter(|t| t.end - t.start > 3);
    // Each test in the order that fails soonest on running text: at its
    // first word, at its last token (most lines of running text end in a
    // full stop), or at its first long word in lower case, whose place
    // changes from line to line.
    let kind = if words().all(|t| t.shape == Shape::Upper) && words().any(|t| t.end - t.start > 1) {
        Headline::Capitals
    } else if !wraps
        && !ends_sentence_mark(text, last)
        && long().all(|t| t.shape.is_capitalised())
        && long().nth(3).is_some()
        && !line.iter().any(|t| t.kind == TokenKind::Number)
    {
        Headline::TitleCase
    } else {
        Headline::RunningText
    };
    if kind != Headline::RunningText {
        for token in line {
            token.headline = kind;
        }
    }
    kind != Headline::RunningText
}
