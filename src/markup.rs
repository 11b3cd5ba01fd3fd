//! Stage 1, markup: turns the input into the text a reader sees.
//!
//! Plain text passes through untouched. HTML loses its tags, comments and
//! declarations, and the contents of the elements a reader never sees as
//! text (`<script>`, `<style>`, `<svg>`, `<iframe>`, `<noscript>`,
//! `<template>`); its character references (`&amp;`, `&#8217;`) are
//! decoded. The tags of a block-level element (`<p>`, `<br>`, `<li>`,
//! `<td>`, `<tr>`, headings, `<title>`, `<body>` …) and a hidden element as
//! a whole become a blank line, a paragraph break, which no name crosses
//! (see [`Token::hard_break`]); inline tags (`<a>`, `<b>`, `<em>`, `<span>`
//! …) vanish, so that "New <em>York</em> Times" reads as one name.
//!
//! Only a real tag is markup: a `<` and a tag name, then white space, `/`
//! or `>`, closed by a `>` before any other `<` outside quoted attribute
//! values. Any other `<` (`x<y and`, `a<b,`, a tag never closed) stays
//! visible text. [`Markup::Auto`] reads an input as HTML only on evidence
//! that prose does not give (see there).
//!
//! Every later stage works on the visible text; [`Visible::to_input`] maps a
//! span of it back to byte offsets in the input exactly as given.
//!
//! [`Token::hard_break`]: crate::tokenizer::Token::hard_break

use std::borrow::Cow;

#[cfg(feature = "main-content")]
mod align;
#[cfg(feature = "main-content")]
pub(crate) mod main_content;

/// How the extractor treats its input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Markup {
    /// HTML when the input shows markup that prose does not hold: a
    /// document type declaration (`<!DOCTYPE html>`), a comment closed by
    /// `-->`, an HTML element closed properly (`<b>…</b>`: the end tag of an
    /// element after its start tag), an HTML element written self-closed
    /// (`<br/>`), or three start tags of HTML elements (`<p>…<p>…<br>`);
    /// plain text otherwise. HTML elements are those of the HTML standard,
    /// in any case. A `<` before a letter is not enough: `x<y`, `a<b, c`
    /// and a ticker such as `<BAC>` are plain text, and so are the names
    /// and tickers news wires write in brackets that begin with an element's
    /// name, however many (`<Mark Resources Inc>`, `USAir <U> and Sears
    /// <S>`: a start tag with a capital letter and no attribute value counts
    /// only when its element is closed, or when it is bare capitals with text
    /// right after it, as in `<P>One`).
    ///
    /// ```
    /// use gazetteer_ner::Markup;
    ///
    /// assert!(Markup::Auto.is_html("<p>Talks in Basra</p>"));
    /// assert!(Markup::Auto.is_html("Talks<br/>in Basra"));
    /// assert!(!Markup::Auto.is_html("Sales rose when x<y and Basra grew."));
    /// assert!(!Markup::Auto.is_html("BANKAMERICA <BAC> EQUITY OFFER"));
    /// assert!(!Markup::Auto.is_html("USAir <U>, Sears <S> and Du Pont <DD> rose; <U> led."));
    /// assert!(Markup::Auto.is_html("<P>One<P>Two<BR>Three"));
    /// ```
    #[default]
    Auto,
    /// Always HTML: tags are hidden and character references decoded. A
    /// `<` that begins no tag stays visible text.
    Html,
    /// Always plain text: every byte is visible and `&amp;` stays as it is.
    Plain,
}

impl Markup {
    /// Whether `input` is to be read as HTML under this setting.
    pub fn is_html(self, input: &str) -> bool {
        match self {
            Markup::Html => true,
            Markup::Plain => false,
            Markup::Auto => looks_like_html(input),
        }
    }
}

/// How an element's content reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Display {
    /// In the flow of the text around it: its tags vanish.
    Inline,
    /// A block of its own: a reader sees a line break or a new box at its
    /// tags, and no name runs on across them.
    Block,
    /// Never seen as text: the element, content and all, reads as a block
    /// boundary.
    Hidden,
}

use Display::{Block, Hidden, Inline};

/// The elements of HTML, lower case and sorted, and how each reads: the
/// living standard's, and the obsolete ones old pages still use (`center`,
/// `font`, `tt` …). Elements not listed read inline.
const ELEMENTS: &[(&str, Display)] = &[
    ("a", Inline),
    ("abbr", Inline),
    ("acronym", Inline),
    ("address", Block),
    ("area", Inline),
    ("article", Block),
    ("aside", Block),
    ("audio", Inline),
    ("b", Inline),
    ("base", Inline),
    ("bdi", Inline),
    ("bdo", Inline),
    ("big", Inline),
    ("blockquote", Block),
    ("body", Block),
    ("br", Block),
    ("button", Block),
    ("canvas", Inline),
    ("caption", Block),
    ("center", Block),
    ("cite", Inline),
    ("code", Inline),
    ("col", Block),
    ("colgroup", Block),
    ("data", Inline),
    ("datalist", Inline),
    ("dd", Block),
    ("del", Inline),
    ("details", Block),
    ("dfn", Inline),
    ("dialog", Block),
    ("dir", Block),
    ("div", Block),
    ("dl", Block),
    ("dt", Block),
    ("em", Inline),
    ("embed", Inline),
    ("fieldset", Block),
    ("figcaption", Block),
    ("figure", Block),
    ("font", Inline),
    ("footer", Block),
    ("form", Block),
    ("frame", Block),
    ("frameset", Block),
    ("h1", Block),
    ("h2", Block),
    ("h3", Block),
    ("h4", Block),
    ("h5", Block),
    ("h6", Block),
    ("head", Block),
    ("header", Block),
    ("hgroup", Block),
    ("hr", Block),
    ("html", Block),
    ("i", Inline),
    ("iframe", Hidden),
    ("img", Inline),
    ("input", Block),
    ("ins", Inline),
    ("kbd", Inline),
    ("label", Inline),
    ("legend", Block),
    ("li", Block),
    ("link", Inline),
    ("main", Block),
    ("map", Inline),
    ("mark", Inline),
    ("menu", Block),
    ("meta", Inline),
    ("meter", Inline),
    ("nav", Block),
    ("noframes", Block),
    ("noscript", Hidden),
    ("object", Inline),
    ("ol", Block),
    ("optgroup", Block),
    ("option", Block),
    ("output", Inline),
    ("p", Block),
    ("param", Inline),
    ("picture", Inline),
    ("pre", Block),
    ("progress", Inline),
    ("q", Inline),
    ("rp", Inline),
    ("rt", Inline),
    ("ruby", Inline),
    ("s", Inline),
    ("samp", Inline),
    ("script", Hidden),
    ("search", Block),
    ("section", Block),
    ("select", Block),
    ("slot", Inline),
    ("small", Inline),
    ("source", Inline),
    ("span", Inline),
    ("strike", Inline),
    ("strong", Inline),
    ("style", Hidden),
    ("sub", Inline),
    ("summary", Block),
    ("sup", Inline),
    ("svg", Hidden),
    ("table", Block),
    ("tbody", Block),
    ("td", Block),
    ("template", Hidden),
    ("textarea", Block),
    ("tfoot", Block),
    ("th", Block),
    ("thead", Block),
    ("time", Inline),
    ("title", Block),
    ("tr", Block),
    ("track", Inline),
    ("tt", Inline),
    ("u", Inline),
    ("ul", Block),
    ("var", Inline),
    ("video", Inline),
    ("wbr", Inline),
];

/// What a block boundary reads as in the visible text: a blank line.
const BLOCK_BREAK: &str = "\n\n";

/// The index in [`ELEMENTS`] of the HTML element named `name`, in any case.
fn element(name: &[u8]) -> Option<usize> {
    // No element's name is longer than ten letters.
    let mut lower = [0u8; 10];
    let lower = lower.get_mut(..name.len())?;
    lower.copy_from_slice(name);
    lower.make_ascii_lowercase();
    ELEMENTS
        .binary_search_by(|(e, _)| e.as_bytes().cmp(lower))
        .ok()
}

/// The end of the tag name that starts at `from`: ASCII letters and
/// digits, and `-`, `:`, `_` and `.` after the first letter (custom
/// elements, `o:p`). `from` itself when no letter is there.
fn tag_name_end(bytes: &[u8], from: usize) -> usize {
    if !bytes.get(from).is_some_and(u8::is_ascii_alphabetic) {
        return from;
    }
    let mut end = from + 1;
    while bytes
        .get(end)
        .is_some_and(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':' | b'_' | b'.'))
    {
        end += 1;
    }
    end
}

/// Whether a tag name may end before the byte at `at`: white space, `/`,
/// `>` (or the end of the input, where the tag stays unclosed).
fn ends_tag_name(bytes: &[u8], at: usize) -> bool {
    bytes
        .get(at)
        .is_none_or(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
}

/// The offset of the first `<` at or after `from`.
fn next_lt(bytes: &[u8], from: usize) -> Option<usize> {
    // Plain text, the usual input, holds no `<` at all. A test of each
    // block of bytes with no branch per byte, which the compiler turns
    // into vector instructions, settles a block several times faster than
    // a byte search; only a block with a `<` is searched byte by byte.
    // Blocks of 256 bytes: the test of each runs as a loop of 64 bytes at
    // a time, and the work between blocks, a quarter as often as with
    // blocks of 64, cost about as much as a test.
    const CHUNK: usize = 256;
    let mut start = from;
    for chunk in bytes.get(from..)?.chunks(CHUNK) {
        if chunk.iter().fold(false, |any, &b| any | (b == b'<')) {
            return chunk.iter().position(|&b| b == b'<').map(|i| start + i);
        }
        start += chunk.len();
    }
    None
}

/// Whether the start tag from `lt` to `close`, its name ending at
/// `name_end`, has the form in which news wires bracket a company's name
/// or stock ticker: a name with a capital letter and no attribute value
/// (`<Mark Resources Inc>`, `Du Pont Co <DD> said`, `USAir <U>.`), unless
/// it is a bare tag in capitals with text right after it (`<P>One`). Some
/// such names begin with the name of an HTML element, and a wire file read
/// as one document holds hundreds: such a tag alone is no evidence of
/// markup, though its element closed later still is.
fn written_like_a_wire_bracket(bytes: &[u8], lt: usize, name_end: usize, close: usize) -> bool {
    let name = &bytes[lt + 1..name_end];
    let attributes = &bytes[name_end..close];
    let bare_before_text = attributes.iter().all(u8::is_ascii_whitespace)
        && !name.iter().any(u8::is_ascii_lowercase)
        && bytes
            .get(close + 1)
            .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'<');
    name.iter().any(u8::is_ascii_uppercase) && !attributes.contains(&b'=') && !bare_before_text
}

/// Whether `input` shows markup evidence (see [`Markup::Auto`]).
///
/// Each `<` is looked at up to the next `<` or `>` at most, so the test is
/// linear in the input.
fn looks_like_html(input: &str) -> bool {
    let bytes = input.as_bytes();
    // Which elements have had a start tag, and how many start tags there were.
    let mut opened = [false; ELEMENTS.len()];
    let mut start_tags = 0;
    // Whether a `-->` follows the first `<!--`; none follows a later one
    // if none follows the first.
    let mut comment_closes = None;
    let mut at = 0;
    while let Some(lt) = next_lt(bytes, at) {
        at = lt + 1;
        let rest = &bytes[lt + 1..];
        match rest.first() {
            Some(b'!') if rest.starts_with(b"!--") => {
                let closes = *comment_closes.get_or_insert_with(|| input[lt + 4..].contains("-->"));
                if closes {
                    return true;
                }
            }
            Some(b'!')
                if rest
                    .get(1..8)
                    .is_some_and(|d| d.eq_ignore_ascii_case(b"doctype")) =>
            {
                return true;
            }
            Some(b'/') => {
                let name_end = tag_name_end(bytes, lt + 2);
                let known = element(&bytes[lt + 2..name_end]);
                let mut close = name_end;
                while bytes.get(close).is_some_and(u8::is_ascii_whitespace) {
                    close += 1;
                }
                if known.is_some_and(|e| opened[e]) && bytes.get(close) == Some(&b'>') {
                    return true;
                }
            }
            Some(_) => {
                let name_end = tag_name_end(bytes, lt + 1);
                let Some(known) = element(&bytes[lt + 1..name_end]) else {
                    continue;
                };
                if !ends_tag_name(bytes, name_end) {
                    continue;
                }
                // A start tag is closed by a `>` before any other `<`.
                let Some(close) = bytes[name_end..]
                    .iter()
                    .position(|&b| b == b'<' || b == b'>')
                    .map(|i| name_end + i)
                    .filter(|&i| bytes[i] == b'>')
                else {
                    continue;
                };
                if bytes[close - 1] == b'/' {
                    return true;
                }
                opened[known] = true;
                if written_like_a_wire_bracket(bytes, lt, name_end, close) {
                    continue;
                }
                start_tags += 1;
                if start_tags >= 3 {
                    return true;
                }
            }
            None => {}
        }
    }
    false
}

/// One stretch of visible text and where it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Segment {
    /// Offset of the stretch in the visible text.
    visible: usize,
    /// Offset of its source in the input.
    input: usize,
    /// Length of its source in the input. For a verbatim stretch this is
    /// also its visible length; for a decoded reference or a tag turned
    /// into a line break it is the length of the reference or tag.
    input_len: usize,
    /// Whether the stretch was copied byte for byte.
    verbatim: bool,
}

/// The visible text of an input and the map back to the input's offsets.
#[derive(Clone, Debug)]
pub struct Visible<'a> {
    text: Cow<'a, str>,
    /// Empty for plain text, where visible and input offsets are equal.
    segments: Vec<Segment>,
    /// Offsets in the visible text of boundaries that no name crosses but
    /// that a reader sees no line break at (see [`Visible::breaks`]).
    breaks: Vec<usize>,
}

impl<'a> Visible<'a> {
    /// Reads `input` as HTML or plain text as `markup` decides.
    ///
    /// ```
    /// use gazetteer_ner::markup::{Markup, Visible};
    ///
    /// let input = "<p>Tom &amp; Jerry</p>";
    /// let visible = Visible::new(input, Markup::Auto);
    /// assert_eq!(visible.text().trim(), "Tom & Jerry");
    /// let start = visible.text().find("Jerry").unwrap();
    /// let (s, e) = visible.to_input(start, start + 5);
    /// assert_eq!(&input[s..e], "Jerry");
    /// ```
    pub fn new(input: &'a str, markup: Markup) -> Self {
        if markup.is_html(input) {
            strip_html(input)
        } else {
            Visible {
                text: Cow::Borrowed(input),
                segments: Vec::new(),
                breaks: Vec::new(),
            }
        }
    }

    /// The text a reader sees.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Offsets in the text, in order, of element boundaries that no name
    /// crosses although the text runs on there: the end of a link, and the
    /// start of a link right after another tag (`Dan Goodin</a> Dan`,
    /// `<a>CNET</a> <a>Privacy Policy</a>`, `Site Index</span> <a>The New
    /// York Times`). A link that follows text in its paragraph is no
    /// boundary there: `President <a>Barack Obama</a>`.
    ///
    /// ```
    /// use gazetteer_ner::markup::{Markup, Visible};
    ///
    /// let visible = Visible::new("<span>By</span> <a>Ann Smith</a> <time>May 3</time>", Markup::Html);
    /// assert_eq!(visible.text(), "By Ann Smith May 3");
    /// assert_eq!(visible.breaks(), [3, 12]);
    /// ```
    pub fn breaks(&self) -> &[usize] {
        &self.breaks
    }

    /// Maps the visible span `start..end` to a span of the input.
    ///
    /// A span that starts or ends inside a decoded character reference is
    /// widened to cover the whole reference, so the result is always on
    /// character boundaries of the input.
    pub fn to_input(&self, start: usize, end: usize) -> (usize, usize) {
        if self.segments.is_empty() {
            return (start, end);
        }
        let s = self.segment_at(start);
        let input_start = if s.verbatim {
            s.input + (start - s.visible)
        } else {
            s.input
        };
        let e = self.segment_at(end.saturating_sub(1).max(start));
        let input_end = if e.verbatim {
            e.input + (end - e.visible)
        } else {
            e.input + e.input_len
        };
        (input_start, input_end.max(input_start))
    }

    fn segment_at(&self, visible: usize) -> Segment {
        let i = self
            .segments
            .partition_point(|s| s.visible <= visible)
            .saturating_sub(1);
        self.segments[i]
    }
}

struct Stripper<'a> {
    input: &'a str,
    text: String,
    segments: Vec<Segment>,
    /// How many preformatted elements (`<pre>`, `<textarea>`) are open.
    preformatted: usize,
    /// See [`Visible::breaks`].
    breaks: Vec<usize>,
    /// Whether the text before the last break ends in a letter or digit,
    /// so that a capital or digit right after it needs a space to begin a
    /// word of its own.
    after_break_in_word: bool,
}

/// Elements whose line breaks are the text's own: everywhere else, a line
/// break of the HTML source is white space to a reader.
const PREFORMATTED: &[&str] = &["listing", "pre", "textarea", "xmp"];

impl Stripper<'_> {
    /// Copies the text `from..to` of the input. Outside preformatted
    /// elements, a lone line break (`\n` or `\r\n`, with no other line
    /// break in the white space around it) reads as spaces of the same
    /// length, as a browser shows it: "Kaley\n    Cuoco" is one name. A
    /// blank line stays one, so text written as paragraphs keeps them.
    fn verbatim(&mut self, from: usize, to: usize) {
        if from >= to {
            return;
        }
        if std::mem::take(&mut self.after_break_in_word)
            && self.input[from..].starts_with(|c: char| c.is_uppercase() || c.is_numeric())
        {
            // "Smith</a>Dec", "Nolan</a>22": two words, as the link's end
            // says; "<a>York</a>er" stays one.
            self.replaced(from, from, " ");
        }
        self.segments.push(Segment {
            visible: self.text.len(),
            input: from,
            input_len: to - from,
            verbatim: true,
        });
        let bytes = self.input.as_bytes();
        let mut copied = from;
        if self.preformatted == 0 {
            let mut at = from;
            while let Some(i) = bytes[at..to].iter().position(|&b| b == b'\n') {
                let newline = at + i;
                if is_lone_line_break(bytes, newline) {
                    let start = if newline > copied && bytes[newline - 1] == b'\r' {
                        newline - 1
                    } else {
                        newline
                    };
                    self.text.push_str(&self.input[copied..start]);
                    self.text
                        .extend(std::iter::repeat_n(' ', newline + 1 - start));
                    copied = newline + 1;
                }
                at = newline + 1;
            }
        }
        self.text.push_str(&self.input[copied..to]);
    }

    /// Keeps count of open preformatted elements as their tags pass.
    fn track_preformatted(&mut self, tag: &Tag) {
        if !PREFORMATTED
            .iter()
            .any(|p| p.eq_ignore_ascii_case(tag.name(self.input)))
        {
            return;
        }
        if tag.closing {
            self.preformatted = self.preformatted.saturating_sub(1);
        } else if !tag.self_closed {
            self.preformatted += 1;
        }
    }

    fn replaced(&mut self, from: usize, to: usize, with: &str) {
        self.after_break_in_word = false;
        self.segments.push(Segment {
            visible: self.text.len(),
            input: from,
            input_len: to - from,
            verbatim: false,
        });
        self.text.push_str(with);
    }
}

fn strip_html(input: &str) -> Visible<'_> {
    let bytes = input.as_bytes();
    let mut out = Stripper {
        input,
        text: String::with_capacity(input.len()),
        segments: Vec::new(),
        preformatted: 0,
        breaks: Vec::new(),
        after_break_in_word: false,
    };
    let mut ends = TagEnds::new();
    let mut pos = 0;
    let mut run_start = 0;
    while pos < bytes.len() {
        match bytes[pos] {
            b'<' => {
                let Some(tag) = Tag::parse(input, pos, &mut ends) else {
                    pos += 1;
                    continue;
                };
                out.verbatim(run_start, pos);
                out.track_preformatted(&tag);
                if tag.is_link_boundary(input, pos) {
                    out.breaks.push(out.text.len());
                    out.after_break_in_word = out.text.ends_with(char::is_alphanumeric);
                }
                let mut end = tag.end;
                let hidden = tag.hidden_element(input);
                if let Some(name) = hidden {
                    end = find_closing(input, end, name, &mut ends);
                }
                // A blank line inside an inline tag's source still parts
                // what is on either side: no name crosses one (README,
                // "Markup and boundaries").
                if hidden.is_some()
                    || tag.display(input) == Block
                    || holds_blank_line(&bytes[pos..tag.end])
                {
                    out.replaced(pos, end, BLOCK_BREAK);
                }
                pos = end;
                run_start = pos;
            }
            b'&' => {
                if let Some((decoded, len)) = decode_reference(&input[pos..]) {
                    out.verbatim(run_start, pos);
                    let mut buf = [0u8; 4];
                    out.replaced(pos, pos + len, decoded.encode_utf8(&mut buf));
                    pos += len;
                    run_start = pos;
                } else {
                    pos += 1;
                }
            }
            _ => pos += 1,
        }
    }
    out.verbatim(run_start, bytes.len());
    if out.segments.is_empty() {
        out.segments.push(Segment {
            visible: 0,
            input: 0,
            input_len: input.len(),
            verbatim: true,
        });
    }
    Visible {
        text: Cow::Owned(out.text),
        segments: out.segments,
        breaks: out.breaks,
    }
}

/// Whether `bytes` holds a blank line: two line breaks with nothing but
/// white space between them.
fn holds_blank_line(bytes: &[u8]) -> bool {
    let mut breaks = 0;
    for &b in bytes {
        match b {
            b'\n' => {
                breaks += 1;
                if breaks == 2 {
                    return true;
                }
            }
            b' ' | b'\t' | b'\r' => {}
            _ => breaks = 0,
        }
    }
    false
}

/// Whether the line break at `newline` has no other line break in the
/// spaces, tabs and carriage returns around it.
fn is_lone_line_break(bytes: &[u8], newline: usize) -> bool {
    let blank = |b: &&u8| matches!(**b, b' ' | b'\t' | b'\r');
    let before = bytes[..newline].iter().rev().find(|b| !blank(b));
    let after = bytes[newline + 1..].iter().find(|b| !blank(b));
    before != Some(&b'\n') && after != Some(&b'\n')
}

/// A tag, comment or declaration found at some `<`.
struct Tag {
    /// Byte range of the tag's name (empty for comments and declarations).
    name: (usize, usize),
    closing: bool,
    /// Whether it ends in `/>`.
    self_closed: bool,
    /// Offset one past the closing `>`.
    end: usize,
}

impl Tag {
    /// The tag that the `<` at `at` begins, if it begins one: a comment
    /// closed by `-->`; a declaration (`<!DOCTYPE`, `<?xml`) or a tag whose
    /// name ends at white space, `/` or `>`, closed by a `>` (see
    /// [`TagEnds`]).
    fn parse(input: &str, at: usize, ends: &mut TagEnds) -> Option<Tag> {
        let bytes = input.as_bytes();
        if input[at..].starts_with("<!--") {
            let end = ends.comment_end(input, at + 4)?;
            return Some(Tag {
                name: (at, at),
                closing: false,
                self_closed: false,
                end,
            });
        }
        let (closing, name_start) = match *bytes.get(at + 1)? {
            b'/' => (true, at + 2),
            b'!' | b'?' => {
                if !bytes.get(at + 2)?.is_ascii_alphabetic() {
                    return None;
                }
                let end = ends.end(bytes, at)?;
                return Some(Tag {
                    name: (at, at),
                    closing: false,
                    self_closed: false,
                    end,
                });
            }
            _ => (false, at + 1),
        };
        let name_end = tag_name_end(bytes, name_start);
        if name_end == name_start || !ends_tag_name(bytes, name_end) {
            return None;
        }
        let end = ends.end(bytes, at)?;
        Some(Tag {
            name: (name_start, name_end),
            closing,
            self_closed: bytes[end - 2] == b'/',
            end,
        })
    }

    fn name<'i>(&self, input: &'i str) -> &'i str {
        &input[self.name.0..self.name.1]
    }

    /// Whether this tag, found at `at`, is a boundary of a link that no
    /// name crosses (see [`Visible::breaks`]).
    fn is_link_boundary(&self, input: &str, at: usize) -> bool {
        if !self.name(input).eq_ignore_ascii_case("a") {
            return false;
        }
        self.closing || input[..at].trim_end().ends_with('>')
    }

    /// How the element this tag belongs to reads.
    fn display(&self, input: &str) -> Display {
        element(&input.as_bytes()[self.name.0..self.name.1]).map_or(Inline, |e| ELEMENTS[e].1)
    }

    /// The name of the hidden element this tag starts, unless it is empty
    /// (`<svg/>`).
    fn hidden_element<'i>(&self, input: &'i str) -> Option<&'i str> {
        let starts = !self.closing && !self.self_closed;
        (starts && self.display(input) == Hidden).then(|| self.name(input))
    }
}

/// Where the tags of an input end: the `>` that closes the tag a `<`
/// begins is the first one after it outside quoted attribute values
/// (`alt="a > b"`), unless a `<` outside them comes first, or the input
/// ends: then the `<` begins no tag.
///
/// Most tags are closed and skipped whole, so a search from each `<`
/// costs nothing twice. Searches that fail do not skip, and the bytes
/// they read may be read again from a later `<` inside their quotes;
/// once failed searches have read as many bytes as the input holds, the
/// ends of all tags are found in one pass from the end of the input, and
/// looked up from then on. Either way the work is linear in the input.
struct TagEnds {
    /// Bytes read by the searches that failed.
    failed: usize,
    /// Once made: every `<` and the end of its tag, in input order.
    table: Option<Vec<(usize, Option<usize>)>>,
    /// The last `-->` in the input, found when a comment is first met.
    last_comment_close: Option<Option<usize>>,
}

/// The offset one past the `>` that closes a tag, searched from `from` as
/// [`Within::next`] says, a stretch at a time: `Err` with where the search
/// stopped when there is none.
fn search(bytes: &[u8], from: usize) -> Result<usize, usize> {
    let mut i = from;
    loop {
        // Outside values, only `>`, `<` and `=` matter.
        let Some(at) = bytes[i..]
            .iter()
            .position(|&b| matches!(b, b'>' | b'<' | b'='))
        else {
            return Err(bytes.len());
        };
        i += at;
        match bytes[i] {
            b'>' => return Ok(i + 1),
            b'<' => return Err(i),
            _ => {}
        }
        // After `=`: white space, then a quoted value, or any byte but
        // `>` and `<`, taken as outside values.
        i += 1;
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        match bytes.get(i) {
            Some(&quote @ (b'"' | b'\'')) => {
                let Some(close) = bytes[i + 1..].iter().position(|&b| b == quote) else {
                    return Err(bytes.len());
                };
                i += close + 2;
            }
            Some(b'=') => i += 1,
            _ => {}
        }
    }
}

/// Where a search for the end of a tag stands: outside attribute values,
/// right after an `=` (where a quote opens a value), or inside a value
/// quoted with `"` or `'`.
#[derive(Clone, Copy)]
enum Within {
    Tag,
    AfterEquals,
    Double,
    Single,
}

/// What one byte does to a search for the end of a tag.
enum Step {
    /// The search goes on in this state.
    Within(Within),
    /// The byte is the `>` that closes the tag.
    Closed,
    /// The byte is a `<` outside quotes: there was no tag.
    NoTag,
}

impl Within {
    fn next(self, b: u8) -> Step {
        match (self, b) {
            (Within::Tag | Within::AfterEquals, b'>') => Step::Closed,
            (Within::Tag | Within::AfterEquals, b'<') => Step::NoTag,
            (Within::Tag, b'=') => Step::Within(Within::AfterEquals),
            (Within::AfterEquals, b'"') => Step::Within(Within::Double),
            (Within::AfterEquals, b'\'') => Step::Within(Within::Single),
            (Within::AfterEquals, b) if b.is_ascii_whitespace() => {
                Step::Within(Within::AfterEquals)
            }
            (Within::AfterEquals, _) | (Within::Double, b'"') | (Within::Single, b'\'') => {
                Step::Within(Within::Tag)
            }
            (state, _) => Step::Within(state),
        }
    }
}

impl TagEnds {
    fn new() -> TagEnds {
        TagEnds {
            failed: 0,
            table: None,
            last_comment_close: None,
        }
    }

    /// The offset one past the `>` that closes the tag begun by the `<` at
    /// `lt`, or `None` when it begins no tag.
    fn end(&mut self, bytes: &[u8], lt: usize) -> Option<usize> {
        if let Some(table) = &self.table {
            let i = table.partition_point(|&(at, _)| at < lt);
            return table[i].1;
        }
        let found = search(bytes, lt + 1);
        if let Err(read_to) = found {
            self.failed_search(bytes, read_to - lt);
        }
        found.ok()
    }

    /// Counts a failed search of `read` bytes, and makes the table once
    /// failed searches have read as many bytes as the input holds.
    fn failed_search(&mut self, bytes: &[u8], read: usize) {
        self.failed += read;
        if self.failed > bytes.len() {
            self.table = Some(Self::table(bytes));
        }
    }

    /// Every `<` of `bytes` and the end of the tag it begins, found from
    /// the end of the input: where a search from a byte ends, in each
    /// state, follows from where it ends from the next byte.
    fn table(bytes: &[u8]) -> Vec<(usize, Option<usize>)> {
        // Where a search from the byte after the current one ends, by the
        // state it starts in (in the order of `STATES`).
        const STATES: [Within; 4] = [
            Within::Tag,
            Within::AfterEquals,
            Within::Double,
            Within::Single,
        ];
        let mut ends: [Option<usize>; 4] = [None; 4];
        let mut table = Vec::new();
        for (i, &b) in bytes.iter().enumerate().rev() {
            if b == b'<' {
                table.push((i, ends[Within::Tag as usize]));
            }
            ends = STATES.map(|state| match state.next(b) {
                Step::Within(next) => ends[next as usize],
                Step::Closed => Some(i + 1),
                Step::NoTag => None,
            });
        }
        table.reverse();
        table
    }

    /// The offset one past the `-->` that closes a comment whose body
    /// starts at `from`, or `None` when none does.
    fn comment_end(&mut self, input: &str, from: usize) -> Option<usize> {
        // Where the last `-->` is tells at once whether any closes a
        // comment, so that a text full of unclosed `<!--` is read once.
        let last = *self
            .last_comment_close
            .get_or_insert_with(|| input.rfind("-->"));
        if last? < from {
            return None;
        }
        input[from..].find("-->").map(|i| from + i + 3)
    }
}

/// The offset one past the end tag of a hidden element named `name` whose
/// start tag ends at `from`, or the end of the input when it is never
/// closed.
fn find_closing(input: &str, from: usize, name: &str, ends: &mut TagEnds) -> usize {
    let bytes = input.as_bytes();
    let mut pos = from;
    while let Some(i) = input[pos..].find("</") {
        let start = pos + i;
        let name_end = start + 2 + name.len();
        let named = input
            .get(start + 2..name_end)
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        if named
            && ends_tag_name(bytes, name_end)
            && let Some(end) = ends.end(bytes, start)
        {
            return end;
        }
        pos = start + 2;
    }
    input.len()
}

/// Decodes the character reference at the start of `s`, returning the
/// character and the reference's length in bytes.
fn decode_reference(s: &str) -> Option<(char, usize)> {
    let body_end = s.as_bytes().iter().take(34).position(|&b| b == b';')?;
    let body = &s[1..body_end];
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        char::from_u32(code).filter(|&c| c != '\0')?
    } else {
        named_reference(body)?
    };
    Some((c, body_end + 1))
}

fn named_reference(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "agrave" => 'à',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "ntilde" => 'ñ',
        "ccedil" => 'ç',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "Eacute" => 'É',
        "szlig" => 'ß',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visible(input: &str) -> String {
        Visible::new(input, Markup::Auto).text().to_string()
    }

    fn html(input: &str) -> String {
        Visible::new(input, Markup::Html).text().to_string()
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        let v = Visible::new("Tom & Jerry < 3", Markup::Auto);
        assert!(matches!(v.text, Cow::Borrowed(_)));
        assert_eq!(v.to_input(4, 5), (4, 5));
    }

    #[test]
    fn element_names_are_sorted_and_short() {
        assert!(ELEMENTS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(ELEMENTS.iter().all(|(e, _)| e.len() <= 10));
        for name in ["p", "br", "td", "title", "h1", "li"] {
            assert_eq!(
                ELEMENTS[element(name.as_bytes()).unwrap()].1,
                Block,
                "{name}"
            );
        }
        for name in ["script", "style", "svg", "iframe", "noscript", "template"] {
            assert_eq!(
                ELEMENTS[element(name.as_bytes()).unwrap()].1,
                Hidden,
                "{name}"
            );
        }
        assert_eq!(element(b"DIV"), element(b"div"));
        assert_eq!(element(b"bac"), None);
    }

    #[test]
    fn tags_and_attributes_are_hidden() {
        assert_eq!(
            visible(r#"<a href="https://example.com/iraq/">Iraq</a> ok"#),
            "Iraq ok"
        );
        assert_eq!(html(r#"<img alt="a > b">x"#), "x");
        assert_eq!(html("<img alt='a > b' title=\"it's\">x"), "x");
        assert_eq!(html(r#"<a title="x<y">Iraq</a>"#), "Iraq");
        assert_eq!(
            html("<my-widget>Iraq</my-widget><o:p>Iran</o:p>"),
            "IraqIran"
        );
    }

    #[test]
    fn block_tags_become_blank_lines_and_inline_tags_vanish() {
        assert_eq!(
            visible("<p>Iraq</p><p>Iran</p>"),
            "\n\nIraq\n\n\n\nIran\n\n"
        );
        assert_eq!(visible("Iraq<br/>Iran"), "Iraq\n\nIran");
        assert_eq!(html("<td>Iraq</TD><Td>Iran"), "\n\nIraq\n\n\n\nIran");
        assert_eq!(
            visible("<p>New <em>York</em> Times</p>"),
            "\n\nNew York Times\n\n"
        );
    }

    #[test]
    fn lone_line_breaks_in_html_read_as_spaces() {
        assert_eq!(html("<b>Kaley\n    Cuoco</b>"), "Kaley     Cuoco");
        assert_eq!(html("<b>a</b>\r\nb"), "a  b");
        // A blank line stays one; a preformatted element keeps its breaks.
        assert_eq!(html("<b>a</b>\n\nb\n \t\r\nc"), "a\n\nb\n \t\r\nc");
        let pre = html("<PRE>a\nb</PRE>c\nd");
        assert!(pre.contains("a\nb") && pre.ends_with("c d"), "{pre:?}");
        // Offsets still map exactly: the spaces stand for the line break.
        let input = "<b>Kaley\r\nCuoco</b>";
        let v = Visible::new(input, Markup::Html);
        let (s, e) = v.to_input(0, v.text().len());
        assert_eq!(&input[s..e], "Kaley\r\nCuoco");
    }

    #[test]
    fn a_blank_line_inside_an_inline_tag_is_still_a_paragraph_break() {
        // Found by the property test on "New York <S \n\n >B <br> <br>".
        assert_eq!(
            html("<p>New York <S \n\n >Baghdad</p>"),
            "\n\nNew York \n\nBaghdad\n\n"
        );
        // One line break inside a tag is white space, as before.
        assert_eq!(
            html("<p>New York <s\n>Baghdad</p>"),
            "\n\nNew York Baghdad\n\n"
        );
        let found = crate::extract("<p>Talks in Basra <s\n\n>Jones said so.</p>");
        assert!(
            found
                .iter()
                .flat_map(|e| &e.mentions)
                .all(|m| !m.text.contains("\n\n")),
            "{found:?}"
        );
    }

    #[test]
    fn a_link_boundary_between_two_words_keeps_them_apart() {
        let input = "<a>Ann Smith</a><span>Dec 22</span> New <a>York</a>er";
        let v = Visible::new(input, Markup::Html);
        assert_eq!(v.text(), "Ann Smith Dec 22 New Yorker");
        assert_eq!(v.breaks(), [9, 25]);
        let dec = v.text().find("Dec").unwrap();
        let (s, e) = v.to_input(dec - 1, dec + 3);
        assert_eq!(&input[s..e], "Dec");
    }

    #[test]
    fn hidden_elements_become_blank_lines() {
        assert_eq!(
            visible("a<script>var Iraq = '<p>';</script>b<!-- Iran -->c<style>p{}</style>d"),
            "a\n\nbc\n\nd"
        );
        assert_eq!(
            html("a<svg><title>Search Icon</title></svg>b<iframe>Iran</iframe>c"),
            "a\n\nb\n\nc"
        );
        assert_eq!(
            html("a<noscript>Iraq</noscript>b<template><p>Iran</p></template>c"),
            "a\n\nb\n\nc"
        );
        // An empty one hides nothing after it; one never closed hides the rest.
        assert_eq!(html("a<svg/>b</svg>c"), "abc");
        assert_eq!(html("a<script>b</scripts>c"), "a\n\n");
        assert_eq!(html("a<SCRIPT>b</script >c"), "a\n\nc");
    }

    #[test]
    fn references_are_decoded_and_mapped_back() {
        let input = "<b>x</b> Caf&eacute; &#8220;Iraq&#x201D; &bogus; &amp";
        let v = Visible::new(input, Markup::Auto);
        assert_eq!(v.text(), "x Café “Iraq” &bogus; &amp");
        let start = v.text().find("Iraq").unwrap();
        let (s, e) = v.to_input(start, start + 4);
        assert_eq!(&input[s..e], "Iraq");
        let cafe = v.text().find("Café").unwrap();
        let (s, e) = v.to_input(cafe, cafe + "Café".len());
        assert_eq!(&input[s..e], "Caf&eacute;");
    }

    #[test]
    fn markup_evidence_makes_html() {
        for input in [
            "<!DOCTYPE html><title>x",
            "<!doctype html>",
            "a <!-- note --> b",
            "Talks in <b>Basra</b>",
            "<p>Talks in Basra</P >",
            "<DIV class=\"x\">Talks</div>",
            "Talks<br/>in Basra",
            "Talks<br />in Basra",
            "<img src=\"x.png\" />",
            "<p>One<p>Two<br>Three",
            "<p>One<li>Two<p>Three",
            "<P>One<P>Two<BR>Three",
            "USAir <U> fell <B>sharply</B>",
            "<U class=x> <S id=y> <DD title=z>",
            "<Mark id=a> <Video src=b> <Data value=c>",
            "<p>One <mark>two</mark>",
        ] {
            assert!(looks_like_html(input), "{input:?}");
        }
    }

    #[test]
    fn a_lone_lt_or_an_unknown_tag_is_not_markup() {
        for input in [
            "Sales in Baghdad rose when x<y and Basra grew. Mosul next.",
            "Math: if a<b, Iraq wins; Iran loses.",
            "TALKING POINT/BANKAMERICA <BAC> EQUITY OFFER",
            "<DD> and <S> rose",
            "USAir Group <U> said. Sears <S>, Du Pont <DD>: <U> and <I>\n",
            "<B> <P>. <U>, <EM>\n<S>",
            "<Mark Resources Inc> and <Video Shop Inc>, <MARK RESOURCES INC>",
            "<I P Sharp Ltd>, <A/S Shell> and <Data\nAccess Systems>",
            "a < b > c",
            "<p>One<p>Two",
            "x <p and y",
            "the </p> alone",
            "<b>x</i>",
            "<!-- never closed",
            "<!doc",
            "<",
            "",
        ] {
            assert!(!looks_like_html(input), "{input:?}");
        }
    }

    #[test]
    fn markup_is_found_anywhere_even_across_blocks() {
        for at in [0, 1, 63, 64, 65, 255, 256, 300] {
            let before = "x".repeat(at);
            assert!(looks_like_html(&format!("{before}<b>y</b>")), "{at}");
            assert!(looks_like_html(&format!("{before}< b <!-- -->")), "{at}");
            assert!(!looks_like_html(&format!("{before}a < b <")), "{at}");
        }
    }

    #[test]
    fn a_lt_that_begins_no_tag_stays_visible() {
        for text in [
            "Sales in Baghdad rose when x<y and Basra grew. Mosul next.",
            "Math: if a<b, Iraq wins; Iran loses.",
            "<a href=\"x",
            "<!-- x",
            "a < b",
            "<3 and <- and <! and <?",
        ] {
            assert_eq!(html(text), text);
        }
        assert_eq!(html("x<y <b>Iraq</b> z>w"), "x<y Iraq z>w");
        assert_eq!(html("a<b<i>c</i>"), "a<bc");
        assert_eq!(html("<a title=\"x>Iraq</a>"), "<a title=\"x>Iraq");
    }

    #[test]
    fn markup_setting_overrides_detection() {
        assert_eq!(Visible::new("<b>x</b>", Markup::Plain).text(), "<b>x</b>");
        assert_eq!(Visible::new("a &amp; b", Markup::Html).text(), "a & b");
        assert_eq!(Visible::new("a &amp; b", Markup::Auto).text(), "a &amp; b");
        assert_eq!(Visible::new("a < b > c", Markup::Auto).text(), "a < b > c");
        assert_eq!(Visible::new("A <BAC> B", Markup::Auto).text(), "A <BAC> B");
        assert_eq!(Visible::new("A <BAC> B", Markup::Html).text(), "A  B");
    }

    /// Where the tag begun by the `<` at `lt` ends, by a search from it.
    fn searched(bytes: &[u8], lt: usize) -> Option<usize> {
        TagEnds::new().end(bytes, lt)
    }

    proptest::proptest! {
        #[test]
        fn the_table_of_tag_ends_agrees_with_searches(text in "[<>=\"' ax]{0,40}") {
            let bytes = text.as_bytes();
            let table = TagEnds::table(bytes);
            let lts: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] == b'<').collect();
            proptest::prop_assert_eq!(table.iter().map(|&(at, _)| at).collect::<Vec<_>>(), lts);
            for (lt, end) in table {
                proptest::prop_assert_eq!(end, searched(bytes, lt), "at {}", lt);
            }
        }
    }

    #[test]
    fn failed_searches_turn_to_the_table() {
        // Every tag's quote hides the next `<`, and no tag is closed.
        let text = "<a x=\"<a x=\"".repeat(1000);
        let mut ends = TagEnds::new();
        let found: Vec<_> = (0..text.len())
            .filter(|&i| text.as_bytes()[i] == b'<')
            .map(|lt| ends.end(text.as_bytes(), lt))
            .collect();
        assert!(ends.table.is_some());
        assert!(found.iter().all(Option::is_none));
        assert_eq!(html(&text), text);
    }

    #[test]
    fn unclosed_constructs_do_not_panic() {
        for input in [
            "<a href=\"x",
            "<!-- x",
            "<script>x",
            "&#xFFFFFFFF;",
            "&#0;",
            "</",
            "<",
            "<!",
            "<a",
            "<svg",
            "--><!--",
        ] {
            let v = Visible::new(input, Markup::Html);
            let len = v.text().len();
            let (s, e) = v.to_input(0, len);
            assert!(s <= e && e <= input.len());
        }
    }
}
