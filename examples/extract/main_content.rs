//! `--main-content`: only the mentions in a web page's article, found by a
//! readability step, with the article's title and byline in the output.
//! Needs the crate's `main-content` feature; without it `main.rs` refuses
//! the option with a message that says so.

use gazetteer_ner::{Entity, Extractor};
use serde::Serialize;
use serde_json::value::RawValue;

/// The article's title and byline, written before `entities` with
/// `--main-content` (`null` when the page has none, or for plain text).
#[derive(Debug, Default, Serialize)]
pub struct PageFacts {
    pub title: Option<String>,
    pub byline: Option<String>,
}

/// A JSON Lines result line with `--main-content`:
/// `{"file":…,"id":…,"title":…,"byline":…,"entities":[…]}`.
#[derive(Serialize)]
pub struct PageRecord<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a RawValue>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub page: Option<&'a PageFacts>,
    pub entities: &'a [Entity],
}

/// The entities of `text`, with `explain` each mention's reasons, and with
/// `main_content` the page's title and byline.
pub fn extract(
    extractor: &Extractor,
    text: &str,
    main_content: bool,
    explain: bool,
) -> (Option<PageFacts>, Vec<Entity>) {
    #[cfg(feature = "main-content")]
    if main_content {
        let page = extractor.extract_page(text);
        let facts = PageFacts {
            title: page.title,
            byline: page.byline,
        };
        // The explaining call reads the same article (the extractor is
        // built to keep only it).
        let entities = if explain {
            extractor.explain(text)
        } else {
            page.entities
        };
        return (Some(facts), entities);
    }
    let _ = main_content;
    let entities = if explain {
        extractor.explain(text)
    } else {
        extractor.extract(text)
    };
    (None, entities)
}
