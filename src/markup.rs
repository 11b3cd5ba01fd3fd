//! Stage 1, markup: turns the input into the text a reader sees.
//!
//! Plain text passes through untouched. HTML loses its tags, comments and
//! the contents of `<script>` and `<style>`, and its character references
//! (`&amp;`, `&#8217;`) are decoded. Block-level tags (`<p>`, `<br>`,
//! `<li>`, headings …) become a line break so that the words on either side
//! never join into one name; inline tags (`<a>`, `<b>` …) vanish.
//!
//! Every later stage works on the visible text; [`Visible::to_input`] maps a
//! span of it back to byte offsets in the input exactly as given.

use std::borrow::Cow;

/// How the extractor treats its input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Markup {
    /// HTML when the input contains something shaped like a tag (`<p`,
    /// `</a`, `<!--`), plain text otherwise.
    #[default]
    Auto,
    /// Always HTML: tags are hidden and character references decoded.
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

/// True when `input` holds a `<` followed by a letter, `/` or `!`.
fn looks_like_html(input: &str) -> bool {
    let bytes = input.as_bytes();
    // Plain text, the usual input, holds no `<` at all. A test of each
    // block of bytes with no branch per byte, which the compiler turns
    // into vector instructions, settles a block several times faster than
    // a byte search; only blocks with a `<` are looked at closer.
    const BLOCK: usize = 256;
    bytes.chunks(BLOCK).enumerate().any(|(block, chunk)| {
        chunk.iter().fold(false, |any, &b| any | (b == b'<'))
            && chunk.iter().enumerate().any(|(j, &b)| {
                b == b'<'
                    && bytes
                        .get(block * BLOCK + j + 1)
                        .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'/' || b == b'!')
            })
    })
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
            }
        }
    }

    /// The text a reader sees.
    pub fn text(&self) -> &str {
        &self.text
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

/// Tags after which (or before which) a line break is seen.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "title",
    "tr",
    "ul",
];

/// Elements whose content is never visible.
const HIDDEN_ELEMENTS: &[&str] = &["script", "style", "template", "noscript"];

struct Stripper<'a> {
    input: &'a str,
    text: String,
    segments: Vec<Segment>,
}

impl Stripper<'_> {
    fn verbatim(&mut self, from: usize, to: usize) {
        if from >= to {
            return;
        }
        self.segments.push(Segment {
            visible: self.text.len(),
            input: from,
            input_len: to - from,
            verbatim: true,
        });
        self.text.push_str(&self.input[from..to]);
    }

    fn replaced(&mut self, from: usize, to: usize, with: &str) {
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
    };
    let mut pos = 0;
    let mut run_start = 0;
    while pos < bytes.len() {
        match bytes[pos] {
            b'<' => {
                let Some(tag) = Tag::parse(input, pos) else {
                    pos += 1;
                    continue;
                };
                out.verbatim(run_start, pos);
                let mut end = tag.end;
                if let Some(name) = tag.hidden_element(input) {
                    end = find_closing(input, end, name);
                }
                if tag.is_block(input) {
                    out.replaced(pos, end, "\n");
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
    }
}

/// A tag, comment or declaration found at some `<`.
struct Tag {
    /// Byte range of the tag's name (empty for comments and declarations).
    name: (usize, usize),
    closing: bool,
    /// Offset one past the closing `>`.
    end: usize,
}

impl Tag {
    fn parse(input: &str, at: usize) -> Option<Tag> {
        let bytes = input.as_bytes();
        let rest = &input[at..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            let end = comment.find("-->").map_or(input.len(), |i| at + 4 + i + 3);
            return Some(Tag {
                name: (at, at),
                closing: false,
                end,
            });
        }
        let next = *bytes.get(at + 1)?;
        let (closing, name_start) = match next {
            b'/' => (true, at + 2),
            b'!' | b'?' => (false, at + 1),
            b if b.is_ascii_alphabetic() => (false, at + 1),
            _ => return None,
        };
        if closing && !bytes.get(name_start)?.is_ascii_alphabetic() {
            return None;
        }
        let mut name_end = name_start;
        while name_end < bytes.len() && (bytes[name_end].is_ascii_alphanumeric()) {
            name_end += 1;
        }
        let end = find_tag_end(bytes, name_end);
        Some(Tag {
            name: (name_start, name_end),
            closing,
            end,
        })
    }

    fn name<'i>(&self, input: &'i str) -> &'i str {
        &input[self.name.0..self.name.1]
    }

    fn is_block(&self, input: &str) -> bool {
        let name = self.name(input);
        BLOCK_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name))
    }

    fn hidden_element(&self, input: &str) -> Option<&'static str> {
        if self.closing {
            return None;
        }
        let name = self.name(input);
        HIDDEN_ELEMENTS
            .iter()
            .find(|t| t.eq_ignore_ascii_case(name))
            .copied()
    }
}

/// The offset one past the `>` that closes a tag whose name ends at `from`,
/// skipping `>` inside quoted attribute values. An unclosed tag runs to the
/// end of the input.
fn find_tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (None, b'>') => return i + 1,
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            _ => {}
        }
    }
    bytes.len()
}

/// The offset one past the closing tag of a hidden element, or the end of
/// the input when it is never closed.
fn find_closing(input: &str, from: usize, name: &str) -> usize {
    let bytes = input.as_bytes();
    let mut pos = from;
    while let Some(i) = input[pos..].find("</") {
        let start = pos + i;
        let name_start = start + 2;
        let name_end = name_start + name.len();
        if input
            .get(name_start..name_end)
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
        {
            return find_tag_end(bytes, name_end);
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

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        let v = Visible::new("Tom & Jerry < 3", Markup::Auto);
        assert!(matches!(v.text, Cow::Borrowed(_)));
        assert_eq!(v.to_input(4, 5), (4, 5));
    }

    #[test]
    fn tags_and_attributes_are_hidden() {
        assert_eq!(
            visible(r#"<a href="https://example.com/iraq/">Iraq</a> ok"#),
            "Iraq ok"
        );
        assert_eq!(visible(r#"<img alt="a > b">x"#), "x");
    }

    #[test]
    fn block_tags_become_line_breaks() {
        assert_eq!(visible("<p>Iraq</p><p>Iran</p>"), "\nIraq\n\nIran\n");
        assert_eq!(visible("Iraq<br/>Iran"), "Iraq\nIran");
    }

    #[test]
    fn scripts_styles_and_comments_are_hidden() {
        assert_eq!(
            visible("a<script>var Iraq = '<p>';</script>b<!-- Iran -->c<style>p{}</style>d"),
            "abcd"
        );
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
    fn a_tag_is_found_anywhere_even_across_blocks() {
        for at in [0, 1, 63, 64, 255, 256, 300] {
            let before = "x".repeat(at);
            assert!(looks_like_html(&format!("{before}<p>")), "{at}");
            assert!(looks_like_html(&format!("{before}< b <!--")), "{at}");
            assert!(!looks_like_html(&format!("{before}a < b <")), "{at}");
        }
    }

    #[test]
    fn markup_setting_overrides_detection() {
        assert_eq!(Visible::new("<b>x</b>", Markup::Plain).text(), "<b>x</b>");
        assert_eq!(Visible::new("a &amp; b", Markup::Html).text(), "a & b");
        assert_eq!(Visible::new("a &amp; b", Markup::Auto).text(), "a &amp; b");
        assert_eq!(Visible::new("a < b > c", Markup::Auto).text(), "a < b > c");
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
        ] {
            let v = Visible::new(input, Markup::Html);
            let len = v.text().len();
            let (s, e) = v.to_input(0, len);
            assert!(s <= e && e <= input.len());
        }
    }
}
