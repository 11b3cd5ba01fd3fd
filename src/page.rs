//! Web pages read as people read them: the article's entities, its title
//! and its byline (the `main-content` feature).

use std::ops::Range;

use crate::markup::Visible;
use crate::markup::main_content::main_content;
use crate::{Entity, Extractor};

/// What [`Extractor::extract_page`] found in a web page.
///
/// Serialises (with the `serde` feature) as
/// `{"title":…,"byline":…,"article":[{"start":…,"end":…},…],"entities":[…]}`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Page {
    /// The article's title, when the readability step finds one (from the
    /// page's `<title>`, its metadata or its headline).
    pub title: Option<String>,
    /// The article's author line as the page gives it ("By Ann Smith"),
    /// when the readability step finds one.
    pub byline: Option<String>,
    /// The byte ranges of the page that hold the article's text, sorted and
    /// disjoint; `None` when the input is plain text or no article was
    /// found.
    pub article: Option<Vec<Range<usize>>>,
    /// The entities: of the article alone with
    /// [`ExtractorBuilder::main_content`](crate::ExtractorBuilder::main_content),
    /// of the whole page otherwise (and when no article was found). Offsets
    /// point into the page as given.
    pub entities: Vec<Entity>,
}

impl Extractor {
    /// Reads `page` as a web page: finds its article with a readability
    /// step (dom_smoothie, a port of Mozilla's Readability), and returns the
    /// article's title, byline and place in the page with the entities.
    ///
    /// With [`ExtractorBuilder::main_content`](crate::ExtractorBuilder::main_content)
    /// the entities are those of the article, and [`Extractor::extract`]
    /// returns the same; without it, those of the whole page. Input that the
    /// builder's [`Markup`](crate::Markup) setting reads as plain text has
    /// no article, title or byline.
    ///
    /// The article comes back from the readability step as new HTML; its
    /// visible text is found again, block by block and in order, in the
    /// page's visible text, and only those stretches of the page are read,
    /// so every offset points into `page` as given.
    ///
    /// ```
    /// use gazetteer_ner::{Extractor, Markup};
    ///
    /// let story = "<p>Talks in Basra went on for a third day on Tuesday, officials said, \
    ///              as delegations met in the city's old customs house.</p>".repeat(6);
    /// let page = format!(
    ///     "<html><head><title>Talks go on in Basra</title></head><body>\
    ///      <nav><a href=/>Home</a> <a href=/w>Baghdad News</a></nav>\
    ///      <article><h1>Talks go on in Basra</h1><p class=byline>By Ann Smith</p>{story}</article>\
    ///      </body></html>"
    /// );
    /// let extractor = Extractor::builder().markup(Markup::Html).main_content(true).build()?;
    /// let found = extractor.extract_page(&page);
    /// assert_eq!(found.title.as_deref(), Some("Talks go on in Basra"));
    /// assert_eq!(found.byline.as_deref(), Some("By Ann Smith"));
    /// let basra = &found.entities[0];
    /// assert_eq!(basra.name, "Basra");
    /// for m in &basra.mentions {
    ///     assert_eq!(&page[m.start..m.end], "Basra");
    /// }
    /// # Ok::<(), gazetteer_ner::Error>(())
    /// ```
    pub fn extract_page(&self, page: &str) -> Page {
        let visible = Visible::new(page, self.markup_setting());
        if !self.markup_setting().is_html(page) {
            return Page {
                entities: self.extract_visible(page, &visible),
                ..Page::default()
            };
        }
        let Some(found) = main_content(page, &visible) else {
            return Page {
                entities: self.extract_visible(page, &visible),
                ..Page::default()
            };
        };
        let entities = if self.main_content {
            self.extract_visible(page, &found.visible)
        } else {
            self.extract_visible(page, &visible)
        };
        Page {
            title: found.title,
            byline: found.byline,
            article: Some(found.ranges),
            entities,
        }
    }
}
