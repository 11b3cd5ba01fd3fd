//! `--format displacy`: spaCy's manual displaCy format,
//! `{"text":…,"ents":[{"start":…,"end":…,"label":…}],"title":…}`, for
//! `spacy.displacy.render(doc, style="ent", manual=True)`.
//!
//! `text` is the visible text (an HTML input's text without its tags) and
//! `start`/`end` are code-point offsets into it, as Python slices it;
//! `label` is the kind's short label ([`super::label`]), `title` the input's
//! name or the record's id, after its file's name when a `--jsonl` run
//! reads several (`null` for stdin and for a record without one).

use gazetteer_ner::{Entity, Markup, Reading};
use serde::Serialize;

use super::{label, mention_spans, spans, visible_spans};
use crate::offsets::Offsets;

/// One input in the displaCy format.
#[derive(Debug, Serialize)]
pub struct Displacy<'a> {
    pub text: &'a str,
    pub ents: Vec<Ent>,
    pub title: Option<&'a str>,
}

/// One mention in the displaCy format.
#[derive(Debug, Serialize)]
pub struct Ent {
    pub start: usize,
    pub end: usize,
    pub label: &'static str,
}

/// Writes `entities` of `text` (byte offsets into it) to `out` as one
/// displaCy object on one line, pretty-printed unless `compact`.
pub fn push(
    out: &mut Vec<u8>,
    text: &str,
    markup: Markup,
    entities: &[Entity],
    title: Option<&str>,
    compact: bool,
) {
    let reading = Reading::new(text, markup);
    let tokens = reading.sentences().concat();
    let spans = spans(entities, mention_spans);
    let visible: Vec<(usize, usize, usize)> = visible_spans(&tokens, &spans)
        .into_iter()
        .zip(&spans)
        .filter_map(|(place, &(_, _, i))| place.map(|(start, end)| (start, end, i)))
        .collect();
    let chars = Offsets::Chars.table(
        reading.text(),
        0,
        visible.iter().flat_map(|&(start, end, _)| [start, end]),
    );
    let document = Displacy {
        text: reading.text(),
        ents: visible
            .iter()
            .map(|&(start, end, i)| Ent {
                start: chars.get(start),
                end: chars.get(end),
                label: label(entities[i].kind),
            })
            .collect(),
        title,
    };
    if compact {
        serde_json::to_writer(&mut *out, &document)
    } else {
        serde_json::to_writer_pretty(&mut *out, &document)
    }
    .expect("a displaCy object serialises");
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use gazetteer_ner::{EntityKind, Entry, Extractor};

    #[test]
    fn offsets_are_code_points_of_the_visible_text() {
        let extractor = Extractor::builder()
            .default_gazetteers(false)
            .entry(Entry::new(EntityKind::Place, "Zürich"))
            .entry(Entry::new(EntityKind::Person, "Ann Smith"))
            .build()
            .unwrap();
        let input = "<p>😀 <b>Ann Smith</b> &amp; Zürich</p>";
        let entities = extractor.extract(input);
        let mut out = Vec::new();
        push(
            &mut out,
            input,
            Markup::Auto,
            &entities,
            Some("a.html"),
            true,
        );
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let text = value["text"].as_str().unwrap();
        let chars: Vec<char> = text.chars().collect();
        let ents = value["ents"].as_array().unwrap();
        let shown: Vec<(String, &str)> = ents
            .iter()
            .map(|e| {
                let (s, end) = (e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap());
                (
                    chars[s as usize..end as usize].iter().collect(),
                    e["label"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("Ann Smith".to_string(), "PER"),
                ("Zürich".to_string(), "LOC")
            ]
        );
        assert!(!text.contains('<'));
        assert_eq!(value["title"], "a.html");
    }
}
