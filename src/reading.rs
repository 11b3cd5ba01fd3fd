//! An input as the extractor reads it: its visible text, and that text's
//! sentences and tokens, with the way back to offsets in the input.
//!
//! Views of the output that show the text (an HTML page of the highlighted
//! text) or label its tokens (CoNLL's one token a line) need the text and
//! tokens the extractor saw, so that every mention falls on whole tokens.

use crate::markup::{Markup, Visible};
use crate::tokenizer::{MAX_TEXT_LEN, tokenize};
use crate::window::windows;

/// The visible text of an input and its sentences of tokens.
///
/// ```
/// use gazetteer_ner::{Markup, Reading};
///
/// let input = "<p>Talks in <b>Basra</b>. Iraq agreed.</p>";
/// let reading = Reading::new(input, Markup::Auto);
/// assert_eq!(reading.text().trim(), "Talks in Basra. Iraq agreed.");
/// let words: Vec<Vec<&str>> = reading
///     .sentences()
///     .iter()
///     .map(|sentence| sentence.iter().map(|t| &input[t.start..t.end]).collect())
///     .collect();
/// assert_eq!(words, [vec!["Talks", "in", "Basra", "."], vec!["Iraq", "agreed", "."]]);
/// ```
#[derive(Clone, Debug)]
pub struct Reading<'a> {
    visible: Visible<'a>,
}

/// One token of a [`Reading`]: where it is in the visible text and in the
/// input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenSpan {
    /// Byte offset of its first byte in the input as given.
    pub start: usize,
    /// Byte offset one past its last byte in the input.
    pub end: usize,
    /// Byte offset of its first byte in the visible text.
    pub visible_start: usize,
    /// Byte offset one past its last byte in the visible text.
    pub visible_end: usize,
}

impl<'a> Reading<'a> {
    /// Reads `input` as HTML or plain text as `markup` decides, as
    /// [`Extractor::extract`](crate::Extractor::extract) does under the same
    /// setting.
    pub fn new(input: &'a str, markup: Markup) -> Self {
        Reading {
            visible: Visible::new(input, markup),
        }
    }

    /// The text a reader sees: the input itself when it is plain text.
    pub fn text(&self) -> &str {
        self.visible.text()
    }

    /// Maps the span `start..end` of the visible text to a span of the
    /// input (widened to whole character references).
    pub fn to_input(&self, start: usize, end: usize) -> (usize, usize) {
        self.visible.to_input(start, end)
    }

    /// The tokens of the visible text, in order, grouped by sentence: a
    /// sentence starts after `.`, `!` or `?` and at every hard break (a
    /// blank line, a block element, a line break that does not wrap a
    /// paragraph). A mention's offsets are always the start of one token
    /// and the end of one.
    ///
    /// A visible text longer than 1 GiB is tokenized in windows of at most
    /// that, as the extractor reads it.
    pub fn sentences(&self) -> Vec<Vec<TokenSpan>> {
        let mut sentences: Vec<Vec<TokenSpan>> = Vec::new();
        let text = self.text();
        for window in windows(text, MAX_TEXT_LEN) {
            let offset = window.start;
            for token in tokenize(&text[window]) {
                let (visible_start, visible_end) = (offset + token.start(), offset + token.end());
                let (start, end) = self.to_input(visible_start, visible_end);
                let span = TokenSpan {
                    start,
                    end,
                    visible_start,
                    visible_end,
                };
                match sentences.last_mut() {
                    Some(sentence) if !(token.sentence_start || token.hard_break) => {
                        sentence.push(span)
                    }
                    _ => sentences.push(vec![span]),
                }
            }
        }
        sentences
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract;

    #[test]
    fn mentions_fall_on_token_boundaries_of_the_input() {
        let input = "<p>Mr Moqtada Al Sadr &amp; <em>Iraq</em>&#8217;s PMF.</p>\n<p>Basra</p>";
        let reading = Reading::new(input, Markup::Auto);
        let tokens: Vec<TokenSpan> = reading.sentences().concat();
        for entity in extract(input) {
            for mention in entity.mentions {
                assert!(
                    tokens.iter().any(|t| t.start == mention.start),
                    "{mention:?}"
                );
                assert!(tokens.iter().any(|t| t.end == mention.end), "{mention:?}");
            }
        }
        let basra = tokens.last().unwrap();
        assert_eq!(&input[basra.start..basra.end], "Basra");
        assert_eq!(
            &reading.text()[basra.visible_start..basra.visible_end],
            "Basra"
        );
    }

    #[test]
    fn a_paragraph_break_starts_a_sentence() {
        let reading = Reading::new("Talks in Basra\n\nIraq agreed", Markup::Plain);
        let lengths: Vec<usize> = reading.sentences().iter().map(Vec::len).collect();
        assert_eq!(lengths, [3, 2]);
    }
}
