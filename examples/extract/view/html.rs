//! `--format html`: one self-contained page, to read the text of each
//! input with its entities.
//!
//! The page holds a section per input (`id="doc-K"`, K counting from 0),
//! with the input's name as its heading. A section shows the input's visible text (an HTML input's text without
//! its tags) with each mention marked as `<mark data-kind="…"
//! data-entity="N">`, `N` the entity's index in the JSON output, in its
//! kind's colour. Hovering a mention shows its entity's name and kind;
//! clicking one (or an entity in the side list) outlines every mention of
//! that entity, as does a link to the page ending in `#entity-N` (in the
//! first document) or `#doc-K-entity-N`. Each section's side list gives
//! its entities by kind, most mentioned first, with their mention counts.
//! Everything is inline: no network.
//!
//! The page is built from the entities as JSON, so that whatever the JSON
//! of a mention carries beyond its span shows with it: a mention with a
//! `why` (the explanation of how it was found and joined, when the
//! extractor gives one) shows it on hover too, and carries it as
//! `data-why`.

use std::fmt::Write as _;

use gazetteer_ner::{Entity, EntityKind, Markup, Reading};
use serde::Deserialize;
use serde_json::Value;

use super::{spans, visible_spans};

/// An entity as the page reads it from its JSON.
#[derive(Debug, Deserialize)]
pub struct PageEntity {
    pub kind: EntityKind,
    pub name: String,
    pub mentions: Vec<PageMention>,
}

/// A mention as the page reads it from its JSON.
#[derive(Debug, Deserialize)]
pub struct PageMention {
    pub start: usize,
    pub end: usize,
    /// How the mention was found and joined, when the JSON says.
    #[serde(default)]
    pub why: Option<Value>,
}

/// The page's entities, read from their JSON form.
pub fn page_entities(entities: &[Entity]) -> Vec<PageEntity> {
    let json = serde_json::to_value(entities).expect("entities serialise");
    serde_json::from_value(json).expect("entities read back")
}

/// Writes the start of the page, up to its first document, to `out`;
/// `title` names the page.
pub fn push_start(out: &mut Vec<u8>, title: &str) {
    let mut page = String::with_capacity(4096);
    page.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(page, "<title>{} · entities</title>", escape(title));
    page.push_str(STYLE);
    page.push_str("</head>\n<body>\n");
    out.extend_from_slice(page.as_bytes());
}

/// Writes the section of one document to `out`: `text` (the input as
/// read) with its `entities` (byte offsets into `text`) marked, and the
/// side list of its entities; `title` names the input, `index` counts the
/// documents of the page from 0.
pub fn push_document(
    out: &mut Vec<u8>,
    text: &str,
    markup: Markup,
    entities: &[PageEntity],
    title: &str,
    index: usize,
) {
    let reading = Reading::new(text, markup);
    let tokens = reading.sentences().concat();
    let spans = spans(entities, |e| e.mentions.iter().map(|m| (m.start, m.end)));
    let mut whys = std::collections::HashMap::new();
    for entity in entities {
        for m in &entity.mentions {
            if let Some(why) = &m.why {
                whys.insert(m.start, why.to_string());
            }
        }
    }
    let visible = visible_spans(&tokens, &spans);

    let mut page = String::with_capacity(text.len() * 2 + 4096);
    let _ = writeln!(page, "<section id=\"doc-{index}\">\n<main>");
    let _ = writeln!(page, "<h1>{}</h1>", escape(title));
    page.push_str("<div class=\"text\">");
    let seen = reading.text();
    let mut at = 0;
    for (&(input_start, _, i), &place) in spans.iter().zip(&visible) {
        let Some((start, end)) = place else { continue };
        push_gap(&mut page, &seen[at..start], at == 0);
        let entity = &entities[i];
        let kind = entity.kind.as_str();
        let mut hover = format!("{} ({kind})", entity.name);
        let why = whys.get(&input_start);
        if let Some(why) = why {
            let _ = write!(hover, "\nwhy: {why}");
        }
        let _ = write!(
            page,
            "<mark data-kind=\"{kind}\" data-entity=\"{i}\" title=\"{}\"",
            escape(&hover)
        );
        if let Some(why) = why {
            let _ = write!(page, " data-why=\"{}\"", escape(why));
        }
        let _ = write!(page, ">{}</mark>", escape(&seen[start..end]));
        at = end;
    }
    push_gap(&mut page, seen[at..].trim_end(), at == 0);
    page.push_str("</div>\n</main>\n");
    push_side_list(&mut page, entities);
    page.push_str("</section>\n");
    out.extend_from_slice(page.as_bytes());
}

/// Writes the end of the page, after its last document, to `out`.
pub fn push_end(out: &mut Vec<u8>) {
    out.extend_from_slice(SCRIPT.as_bytes());
    out.extend_from_slice(b"</body>\n</html>\n");
}

/// The side list: per kind, its entities, most mentioned first.
fn push_side_list(page: &mut String, entities: &[PageEntity]) {
    page.push_str("<aside>\n<h2>Entities</h2>\n");
    for kind in EntityKind::ALL {
        let mut of_kind: Vec<(usize, &PageEntity)> = entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == kind)
            .collect();
        if of_kind.is_empty() {
            continue;
        }
        of_kind.sort_by_key(|(i, e)| (std::cmp::Reverse(e.mentions.len()), *i));
        let kind = kind.as_str();
        let _ = writeln!(
            page,
            "<h3 data-kind=\"{kind}\">{kind} <span class=\"count\">{}</span></h3>\n<ul>",
            of_kind.len()
        );
        for (i, entity) in of_kind {
            let _ = writeln!(
                page,
                "<li data-kind=\"{kind}\" data-target=\"{i}\">{} <span class=\"count\">{}</span></li>",
                escape(&entity.name),
                entity.mentions.len()
            );
        }
        page.push_str("</ul>\n");
    }
    page.push_str("</aside>\n");
}

/// Appends the text between two mentions, where white space holding a
/// blank line (an HTML input's blocks leave many) shows as one blank line,
/// and none at the `start` of the text.
fn push_gap(page: &mut String, gap: &str, start: bool) {
    let mut rest = if start { gap.trim_start() } else { gap };
    while let Some(blank) = rest.find("\n") {
        let run_start = rest[..blank].trim_end_matches([' ', '\t', '\r']).len();
        let after = rest[blank..].trim_start();
        let run = &rest[run_start..rest.len() - after.len()];
        page.push_str(&escape(&rest[..run_start]));
        if run.matches('\n').count() >= 2 {
            page.push_str("\n\n");
        } else {
            page.push_str(&escape(run));
        }
        rest = after;
    }
    page.push_str(&escape(rest));
}

/// `text` with the characters HTML gives a meaning to escaped, for text
/// and for attribute values in double quotes.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            c => escaped.push(c),
        }
    }
    escaped
}

const STYLE: &str = "<style>
body { margin: 0; font: 16px/1.6 Georgia, serif; color: #222; background: #fdfdfb; }
section { display: flex; gap: 2em; border-bottom: 1px solid #ddd; }
main { flex: 3; padding: 1em 2em; min-width: 0; }
aside { flex: 1; min-height: 50vh; padding: 1em; border-left: 1px solid #ddd; font: 14px/1.5 system-ui, sans-serif; background: #f6f6f3; }
h1 { font: 600 18px system-ui, sans-serif; color: #555; }
.text { white-space: pre-wrap; max-width: 48em; }
mark { border-radius: 3px; padding: 0 2px; cursor: pointer; color: inherit; }
[data-kind=person] { --kind: #ffd8a8; }
[data-kind=group] { --kind: #c3f0c8; }
[data-kind=place] { --kind: #a5e4f3; }
[data-kind=organisation] { --kind: #d0bfff; }
mark, h3 { background: var(--kind); }
h3 { margin: 1em 0 0.3em; padding: 0 4px; border-radius: 3px; font-size: 14px; }
ul { list-style: none; margin: 0; padding: 0; }
li { cursor: pointer; padding: 0 4px; margin: 1px 0; border-left: 4px solid var(--kind); }
.count { color: #666; font-size: 12px; }
.selected { outline: 2px solid #222; }
li.selected { font-weight: bold; }
</style>
";

const SCRIPT: &str = "<script>
(function () {
  // Entities are numbered within their document's section.
  function select(section, id) {
    document.querySelectorAll('.selected').forEach(function (e) { e.classList.remove('selected'); });
    if (!section || id === null) return;
    section.querySelectorAll('mark[data-entity=\"' + id + '\"], li[data-target=\"' + id + '\"]')
      .forEach(function (e) { e.classList.add('selected'); });
  }
  document.addEventListener('click', function (event) {
    var hit = event.target.closest('mark[data-entity], li[data-target]');
    select(hit && hit.closest('section'), hit ? (hit.dataset.entity || hit.dataset.target) : null);
  });
  // A link to the page can pick an entity: page.html#entity-3 in the first
  // document, page.html#doc-2-entity-3 in the third.
  var picked = /^#(?:doc-(\\d+)-)?entity-(\\d+)$/.exec(location.hash);
  if (picked) select(document.getElementById('doc-' + (picked[1] || '0')), picked[2]);
  document.body.dataset.mentions = document.querySelectorAll('mark[data-entity]').length;
})();
</script>
";

#[cfg(test)]
mod tests {
    use super::*;
    use gazetteer_ner::Entry;
    use gazetteer_ner::Extractor;

    fn page(input: &str, entities: &[PageEntity]) -> String {
        let mut out = Vec::new();
        push_start(&mut out, "a <test>");
        push_document(&mut out, input, Markup::Auto, entities, "a <test>", 0);
        push_end(&mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn each_mention_is_marked_with_its_kind_and_entity() {
        let extractor = Extractor::builder()
            .default_gazetteers(false)
            .entry(Entry::new(EntityKind::Person, "Ann Smith").alias("Smith"))
            .entry(Entry::new(EntityKind::Place, "Basra"))
            .build()
            .unwrap();
        let input = "<p>Ann Smith &amp; co left <b>Basra</b>.</p><p>Smith said x<y.</p>";
        let entities = page_entities(&extractor.extract(input));
        let html = page(input, &entities);
        assert!(html.contains(
            "<mark data-kind=\"person\" data-entity=\"0\" title=\"Ann Smith (person)\">Ann Smith</mark> &amp; co left \
             <mark data-kind=\"place\" data-entity=\"1\" title=\"Basra (place)\">Basra</mark>."
        ), "{html}");
        assert!(html.contains(">Smith</mark> said x&lt;y."), "{html}");
        assert_eq!(html.matches("<mark ").count(), 3);
        assert!(html.contains("<title>a &lt;test&gt; · entities</title>"));
        assert!(html.contains("<li data-kind=\"person\" data-target=\"0\">Ann Smith <span class=\"count\">2</span></li>"));
        assert!(!html.contains("<p>"), "tags of the input are not shown");
        assert!(!html.contains("http"), "the page loads nothing");
    }

    #[test]
    fn a_why_in_the_json_shows_on_hover() {
        // A hand-made entity list: the extractor gives no `why` yet.
        let entities: Vec<PageEntity> = serde_json::from_str(
            r#"[{"kind":"person","name":"Ann Smith","mentions":[
                {"start":0,"end":9,"text":"Ann Smith","why":{"found":"gazetteer"}},
                {"start":16,"end":21,"text":"Smith","why":{"found":"alias","joined":"surname of","to":0}}]}]"#,
        )
        .unwrap();
        let html = page("Ann Smith left. Smith said.", &entities);
        assert!(
            html.contains(
                "title=\"Ann Smith (person)\nwhy: {&quot;found&quot;:&quot;gazetteer&quot;}\" \
             data-why=\"{&quot;found&quot;:&quot;gazetteer&quot;}\">Ann Smith</mark>"
            ),
            "{html}"
        );
        assert!(html.contains("&quot;joined&quot;:&quot;surname of&quot;"));
        assert_eq!(html.matches(" data-why=").count(), 2);
        let plain = page_entities(
            &Extractor::builder()
                .build()
                .unwrap()
                .extract("Ann Smith left Basra."),
        );
        assert!(
            plain
                .iter()
                .flat_map(|e| &e.mentions)
                .all(|m| m.why.is_none())
        );
        assert!(!page("Ann Smith left Basra.", &plain).contains("data-why"));
    }
}
