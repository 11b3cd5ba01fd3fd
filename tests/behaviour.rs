//! Behaviour cases kept as data: `tests/data/behaviour.json` holds short
//! texts written for the tests and the entities expected from them, so a
//! new case (or a regression found by error analysis) is one entry.
//!
//! Each case has a `name`, a `text`, the `entities` expected (kind,
//! optional name, and every mention's text in text order), and optionally:
//! `gazetteers: "none"` to run without the embedded defaults, `extra` for
//! gazetteer lines added by the user, `markup: "html"` or `"plain"` to
//! force how the text is read, `exhaustive: true` when no other entity may
//! be found, and `absent`: texts that must not be a mention.

use gazetteer_ner::{Entity, Extractor, Markup, extract};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    #[serde(default)]
    gazetteers: Option<String>,
    #[serde(default)]
    extra: Option<String>,
    #[serde(default)]
    markup: Option<String>,
    entities: Vec<Expected>,
    #[serde(default)]
    exhaustive: bool,
    #[serde(default)]
    absent: Vec<String>,
}

#[derive(Deserialize)]
struct Expected {
    kind: String,
    #[serde(default)]
    name: Option<String>,
    mentions: Vec<String>,
}

fn describe(entities: &[Entity]) -> String {
    entities
        .iter()
        .map(|e| {
            let mentions: Vec<&str> = e.mentions.iter().map(|m| m.text.as_str()).collect();
            format!("{} {:?} {:?}", e.kind, e.name, mentions)
        })
        .collect::<Vec<_>>()
        .join("\n  ")
}

fn run(case: &Case) -> Result<(), String> {
    let defaults = case.gazetteers.as_deref() != Some("none");
    let markup = match case.markup.as_deref() {
        None => Markup::Auto,
        Some("html") => Markup::Html,
        Some("plain") => Markup::Plain,
        Some(other) => return Err(format!("unknown markup {other:?}")),
    };
    let entities = if defaults && case.extra.is_none() && markup == Markup::Auto {
        // The shared default extractor, built once for all cases.
        extract(&case.text)
    } else {
        let mut builder = Extractor::builder()
            .default_gazetteers(defaults)
            .markup(markup);
        if let Some(extra) = &case.extra {
            builder = builder.gazetteer_data("extra", extra.as_bytes());
        }
        builder
            .build()
            .map_err(|e| e.to_string())?
            .extract(&case.text)
    };
    let found = describe(&entities);
    for m in entities.iter().flat_map(|e| &e.mentions) {
        if case.text.get(m.start..m.end) != Some(m.text.as_str()) {
            return Err(format!("mention {m:?} does not match the input"));
        }
        if m.text.lines().any(|line| line.trim().is_empty()) {
            return Err(format!("mention {m:?} spans a blank line"));
        }
        if case.absent.contains(&m.text) {
            return Err(format!(
                "{:?} must not be a mention; found:\n  {found}",
                m.text
            ));
        }
    }
    for expected in &case.entities {
        let hit = entities.iter().any(|e| {
            e.kind.as_str() == expected.kind
                && expected.name.as_ref().is_none_or(|n| *n == e.name)
                && e.mentions
                    .iter()
                    .map(|m| &m.text)
                    .eq(expected.mentions.iter())
        });
        if !hit {
            return Err(format!(
                "expected {} {:?} {:?}; found:\n  {found}",
                expected.kind, expected.name, expected.mentions
            ));
        }
    }
    if case.exhaustive && entities.len() != case.entities.len() {
        return Err(format!(
            "expected exactly {} entities; found:\n  {found}",
            case.entities.len()
        ));
    }
    Ok(())
}

#[test]
fn behaviour_cases() {
    let data = include_str!("data/behaviour.json");
    let cases: Vec<Case> = serde_json::from_str(data).expect("behaviour.json is valid");
    assert!(!cases.is_empty());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| run(case).err().map(|e| format!("{}:\n  {e}", case.name)))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
