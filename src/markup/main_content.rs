//! The main content of a web page: its article, as a readability step
//! finds it, and the page's visible text cut down to it.
//!
//! [`dom_smoothie`], a port of Mozilla's Readability, parses the page and
//! returns the article as new HTML with its title and byline. The article's
//! offsets mean nothing in the page, so its visible text is found again in
//! the page's visible text ([`align`](super::align)), and the page's
//! [`Visible`] keeps only those stretches: the later stages read the
//! article's words, and every offset still maps back to the page as given.

use std::borrow::Cow;
use std::ops::Range;

use super::{Markup, Segment, Visible, align::align};

/// What a readability step found in a page.
pub(crate) struct MainContent<'a> {
    /// The page's visible text, cut down to the article.
    pub visible: Visible<'a>,
    /// The article's stretches of the input, sorted and disjoint.
    pub ranges: Vec<Range<usize>>,
    /// The article's title, if any.
    pub title: Option<String>,
    /// The article's author line, if any.
    pub byline: Option<String>,
}

/// What is seen between two stretches of the article that are not
/// neighbours in the page: a blank line, which no name crosses.
const GAP: &str = "\n\n";

/// Finds the article of the HTML page `input` and cuts `page`, the page's
/// visible text, down to it. `None` when the readability step finds no
/// article.
pub(crate) fn main_content<'a>(input: &'a str, page: &Visible<'a>) -> Option<MainContent<'a>> {
    let mut readability = dom_smoothie::Readability::new(input, None, None).ok()?;
    let article = readability.parse().ok()?;
    let article_text = Visible::new(&article.content, Markup::Html);
    let kept = align(page.text(), article_text.text());
    let visible = page.keep(&kept);
    let ranges = kept
        .iter()
        .map(|r| {
            let (s, e) = page.to_input(r.start, r.end);
            s..e
        })
        .collect();
    let non_empty = |s: String| {
        let s = s.trim().to_string();
        (!s.is_empty()).then_some(s)
    };
    Some(MainContent {
        visible,
        ranges,
        title: non_empty(article.title),
        byline: article.byline.and_then(non_empty),
    })
}

impl<'a> Visible<'a> {
    /// This visible text cut down to the stretches `kept` (byte ranges of
    /// the text, sorted and disjoint), joined by [`GAP`]. Offsets in the
    /// result map to the same input as before; a gap maps to the input
    /// between the stretches it joins.
    fn keep(&self, kept: &[Range<usize>]) -> Visible<'a> {
        let whole = [Segment {
            visible: 0,
            input: 0,
            input_len: self.text.len(),
            verbatim: true,
        }];
        let segments = if self.segments.is_empty() {
            &whole[..]
        } else {
            &self.segments
        };
        let mut text = String::new();
        let mut out: Vec<Segment> = Vec::new();
        let mut breaks = Vec::new();
        let mut last_input_end = None;
        for range in kept {
            let (input_start, input_end) = self.to_input(range.start, range.end);
            if let Some(prev) = last_input_end {
                out.push(Segment {
                    visible: text.len(),
                    input: prev,
                    input_len: input_start.saturating_sub(prev),
                    verbatim: false,
                });
                text.push_str(GAP);
            }
            let at = text.len();
            let from = self.breaks.partition_point(|&b| b < range.start);
            let to = self.breaks.partition_point(|&b| b <= range.end);
            breaks.extend(self.breaks[from..to].iter().map(|b| at + (b - range.start)));
            let first = segments
                .partition_point(|s| s.visible <= range.start)
                .saturating_sub(1);
            for (i, s) in segments.iter().enumerate().skip(first) {
                if s.visible >= range.end {
                    break;
                }
                let seg_end = segments.get(i + 1).map_or(self.text.len(), |n| n.visible);
                let from = s.visible.max(range.start);
                let to = seg_end.min(range.end);
                if from >= to {
                    continue;
                }
                let input = if s.verbatim {
                    s.input + (from - s.visible)
                } else {
                    s.input
                };
                out.push(Segment {
                    visible: text.len(),
                    input,
                    input_len: if s.verbatim { to - from } else { s.input_len },
                    verbatim: s.verbatim,
                });
                text.push_str(&self.text[from..to]);
            }
            last_input_end = Some(input_end);
        }
        if out.is_empty() {
            out.push(Segment {
                visible: 0,
                input: 0,
                input_len: 0,
                verbatim: true,
            });
        }
        Visible {
            text: Cow::Owned(text),
            segments: out,
            breaks,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_stretches_map_back_to_the_input() {
        let input =
            "<p>Menu</p><p>Caf&eacute; in <b>Basra</b></p><div>Ad</div><p>Smith &amp; Jones</p>";
        let page = Visible::new(input, Markup::Html);
        let text = page.text();
        let cafe = text.find("Café").unwrap();
        let basra_end = text.find("Basra").unwrap() + "Basra".len();
        let smith = text.find("Smith").unwrap();
        let jones_end = text.find("Jones").unwrap() + "Jones".len();
        let kept = page.keep(&[cafe..basra_end, smith..jones_end]);
        assert_eq!(kept.text(), "Café in Basra\n\nSmith & Jones");
        let map = |word: &str| {
            let at = kept.text().find(word).unwrap();
            let (s, e) = kept.to_input(at, at + word.len());
            &input[s..e]
        };
        assert_eq!(map("Café"), "Caf&eacute;");
        assert_eq!(map("Basra"), "Basra");
        assert_eq!(map("Smith & Jones"), "Smith &amp; Jones");
        // The gap maps to what lies between the stretches in the input.
        let gap = kept.text().find("\n\n").unwrap();
        let (s, e) = kept.to_input(gap, gap + 2);
        assert_eq!(&input[s..e], "</b></p><div>Ad</div><p>");
    }

    #[test]
    fn nothing_kept_is_an_empty_text() {
        let page = Visible::new("<p>Menu</p>", Markup::Html);
        let kept = page.keep(&[]);
        assert_eq!(kept.text(), "");
        assert_eq!(kept.to_input(0, 0), (0, 0));
    }

    #[test]
    fn the_article_of_a_page_is_kept_with_its_title() {
        let body = "The talks in Basra went on for a third day on Tuesday, officials said. \
                    Delegations from both sides met in the city's old customs house. "
            .repeat(4);
        let input = format!(
            "<html><head><title>Talks go on in Basra</title></head><body>\
             <nav><ul><li><a href=/>Home</a></li><li><a href=/s>Sport</a></li></ul></nav>\
             <article><h1>Talks go on in Basra</h1><p class=byline>By Ann Smith</p>\
             <p>{body}</p><p>{body}</p></article>\
             <footer><a href=/c>Contact Us</a></footer></body></html>"
        );
        let page = Visible::new(&input, Markup::Html);
        let found = main_content(&input, &page).unwrap();
        assert_eq!(found.title.as_deref(), Some("Talks go on in Basra"));
        assert_eq!(found.byline.as_deref(), Some("By Ann Smith"));
        let text = found.visible.text();
        assert!(text.contains("customs house"), "{text}");
        assert!(
            !text.contains("Sport") && !text.contains("Contact"),
            "{text}"
        );
        for r in &found.ranges {
            assert!(!input[r.clone()].contains("<nav") && !input[r.clone()].contains("<footer"));
        }
    }
}
