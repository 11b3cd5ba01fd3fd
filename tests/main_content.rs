//! The main-content option on hand-written pages of the shapes real news
//! pages have: menus, a headline in `<title>` and in the body, a byline
//! link beside a date, related links, cookie banners and footers.
#![cfg(feature = "main-content")]

use std::sync::OnceLock;

use gazetteer_ner::{Entity, Extractor, Markup, Page};
use proptest::prelude::*;

/// The extractor reading HTML, with or without main content, built once.
fn extractor(main_content: bool) -> &'static Extractor {
    static BUILT: [OnceLock<Extractor>; 2] = [OnceLock::new(), OnceLock::new()];
    BUILT[usize::from(main_content)].get_or_init(|| {
        Extractor::builder()
            .markup(Markup::Html)
            .main_content(main_content)
            .build()
            .expect("the default gazetteers build")
    })
}

/// A paragraph of story text long enough for a readability step to take
/// the element that holds it for the article.
fn story(sentence: &str) -> String {
    format!("<p>{}</p>\n", format!("{sentence} ").repeat(5))
}

/// A news page: a menu, a cookie banner, the article (headline, byline
/// link and date, paragraphs), related links and a footer.
fn page() -> String {
    format!(
        "<!DOCTYPE html><html><head><title>Talks go on in Basra | The Daily Item</title>\
         <style>p {{ margin: 0 }}</style></head><body>\
         <div class=\"cookie-banner\"><p>We use cookies. <a href=\"/cookies\">Manage Cookies</a></p></div>\
         <nav class=\"menu\"><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">Kirkuk Edition</a></li>\
         <li><a href=\"/sport\">Sport</a></li><li><a href=\"/contact\">Contact Us</a></li></ul></nav>\
         <main><article>\
         <h1>Talks go on in Basra</h1>\
         <div class=\"byline\">By <a href=\"/by/ann-smith\">Ann Smith</a><time>Dec 22</time></div>\
         {}{}{}\
         </article>\
         <aside class=\"related\"><h2>Related</h2><ul><li><a href=\"/r1\">Floods in Mosul</a></li>\
         <li><a href=\"/r2\">Elections in Erbil</a></li></ul></aside></main>\
         <footer><a href=\"/about\">About Us</a> <a href=\"/privacy\">Privacy Policy</a> \
         <p>Copyright Daily Item, Karbala</p></footer></body></html>",
        story("The talks in Basra went on for a third day on Tuesday, officials said."),
        story("Delegates met in the old customs house near the port of Basra."),
        story("Officials from Baghdad are expected to join them on Thursday."),
    )
}

fn names(entities: &[Entity]) -> Vec<&str> {
    entities.iter().map(|e| e.name.as_str()).collect()
}

fn assert_slices(input: &str, entities: &[Entity]) {
    for m in entities.iter().flat_map(|e| &e.mentions) {
        assert_eq!(&input[m.start..m.end], m.text);
    }
}

#[test]
fn only_the_articles_mentions_are_kept() {
    let page = page();
    let whole = extractor(false).extract(&page);
    for outside in ["Mosul", "Erbil", "Karbala", "Kirkuk"] {
        assert!(
            names(&whole).iter().any(|n| n.contains(outside)),
            "{outside} is on the page: {:?}",
            names(&whole)
        );
    }
    let main = extractor(true).extract(&page);
    assert_slices(&page, &main);
    let kept = names(&main);
    assert!(
        kept.contains(&"Basra") && kept.contains(&"Baghdad"),
        "{kept:?}"
    );
    for outside in ["Mosul", "Erbil", "Karbala", "Kirkuk"] {
        assert!(!kept.iter().any(|n| n.contains(outside)), "{kept:?}");
    }
}

#[test]
fn offsets_point_into_the_body_not_the_page_title() {
    let page = page();
    let body = page.find("<body>").unwrap();
    let main = extractor(true).extract(&page);
    for m in main.iter().flat_map(|e| &e.mentions) {
        assert!(m.start > body, "{m:?} lies before the body");
    }
}

#[test]
fn title_and_byline_come_with_the_page() {
    let page = page();
    let found: Page = extractor(true).extract_page(&page);
    assert_eq!(found.title.as_deref(), Some("Talks go on in Basra"));
    // The byline as the readability step reads it, date and all.
    assert!(
        found
            .byline
            .as_deref()
            .is_some_and(|b| b.starts_with("By Ann Smith")),
        "{:?}",
        found.byline
    );
    let article = found.article.expect("an article");
    assert!(!article.is_empty());
    for range in &article {
        let text = &page[range.clone()];
        assert!(
            !text.contains("Mosul") && !text.contains("Privacy"),
            "{text}"
        );
    }
    assert_eq!(found.entities, extractor(true).extract(&page));
    // Without the option, the page's title and byline still come, with
    // every entity of the page.
    let whole = extractor(false).extract_page(&page);
    assert_eq!(whole.title.as_deref(), Some("Talks go on in Basra"));
    assert_eq!(whole.entities, extractor(false).extract(&page));
}

#[test]
fn a_batch_gives_what_one_by_one_gives() {
    let pages = [page(), page().replace("Baghdad", "Najaf")];
    let main = extractor(true);
    let batch = main.extract_batch(&pages, None);
    assert_eq!(batch[0], main.extract(&pages[0]));
    assert_eq!(batch[1], main.extract(&pages[1]));
}

#[test]
fn plain_text_is_read_whole() {
    let text = "Talks in Basra went on. Officials from Baghdad joined.";
    let auto = Extractor::builder().main_content(true).build().unwrap();
    assert_eq!(auto.extract(text), extractor(false).extract(text));
    let found = auto.extract_page(text);
    assert_eq!(found.title, None);
    assert_eq!(found.article, None);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any mix of tags, text and names: no panic, and every mention slices
    /// the page to its text.
    #[test]
    fn any_page_gives_mentions_that_slice_it(parts in prop::collection::vec(
        prop::sample::select(vec![
            "<p>", "</p>", "<div class=\"menu\">", "</div>", "<a href=\"/x\">", "</a>", "<h1>",
            "</h1>", "<article>", "</article>", "<nav>", "</nav>", "<title>", "</title>",
            "<script>", "</script>", "<br>", "&amp;", "&eacute;", " ", "\n", "Basra ",
            "Talks in Baghdad went on. ", "Mr Ann Smith said. ", "Contact Us ", "é", "<",
        ]),
        0..120,
    )) {
        let page: String = parts.concat();
        let main = extractor(true);
        let found = main.extract_page(&page);
        for m in found.entities.iter().flat_map(|e| &e.mentions) {
            prop_assert_eq!(page.get(m.start..m.end), Some(m.text.as_str()));
        }
        for range in found.article.iter().flatten() {
            prop_assert!(range.start <= range.end && range.end <= page.len());
        }
    }
}
