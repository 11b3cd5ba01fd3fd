//! The checks behind the fuzz targets, shared with `tests/robustness.rs`
//! (which includes this file as a module) so that a saved crash input is
//! replayed through exactly what found it.
//!
//! Every check panics on a violation: that is what the fuzzer reports.

use std::sync::LazyLock;

use gazetteer_ner::markup::Visible;
use gazetteer_ner::{Entity, Extractor, Markup, extract, gazetteer};

/// The name gazetteer data is given in the `gazetteer_parse` checks; every
/// error about it must name it.
pub const GAZETTEER_NAME: &str = "fuzz.tsv";

/// The fixed text extracted with an extractor built from fuzzed gazetteer
/// data.
pub const GAZETTEER_TEXT: &str = "Iraq's Popular Mobilisation Forces (PMF) met in Baghdad. \
     Mr Al Sadr said the PMF would stay. <p>Acme &amp; Sons</p> Jane Smithers left.";

/// At most this many entries of fuzzed gazetteer data are also written
/// into a text and extracted.
const MAX_ENTRIES_IN_TEXT: usize = 64;

static HTML: LazyLock<Extractor> = LazyLock::new(|| {
    Extractor::builder()
        .markup(Markup::Html)
        .build()
        .expect("the HTML extractor builds")
});

/// The invariants every extraction result keeps: each mention slices the
/// input to its text on character boundaries, is not empty, and comes
/// after the previous mention of its entity without overlapping it;
/// entities have a name and at least one mention and come in order of
/// first mention.
pub fn check_entities(text: &str, entities: &[Entity]) -> Result<(), String> {
    let mut previous_first = None;
    for (index, entity) in entities.iter().enumerate() {
        if entity.name.is_empty() {
            return Err(format!("entity {index} has an empty name: {entity:?}"));
        }
        let Some(first) = entity.mentions.first() else {
            return Err(format!("entity {index} has no mention: {entity:?}"));
        };
        for m in &entity.mentions {
            if m.start >= m.end {
                return Err(format!("entity {index}: empty or reversed mention {m:?}"));
            }
            if !(text.is_char_boundary(m.start) && text.is_char_boundary(m.end)) {
                return Err(format!(
                    "entity {index}: mention {m:?} not on character boundaries"
                ));
            }
            if text.get(m.start..m.end) != Some(m.text.as_str()) {
                return Err(format!(
                    "entity {index}: mention {m:?} but the input there is {:?}",
                    text.get(m.start..m.end)
                ));
            }
        }
        for pair in entity.mentions.windows(2) {
            if pair[0].end > pair[1].start {
                return Err(format!(
                    "entity {index}: mentions overlap or are out of order: {:?} then {:?}",
                    pair[0], pair[1]
                ));
            }
        }
        if let Some((previous_index, previous)) = previous_first
            && previous > first.start
        {
            return Err(format!(
                "entity {index} (first mention at {}) comes after entity \
                 {previous_index} (first mention at {previous})",
                first.start
            ));
        }
        previous_first = Some((index, first.start));
    }
    Ok(())
}

/// Extracts `text` with `extractor` and panics, naming `label`, if the
/// result breaks an invariant.
pub fn check_extraction(label: &str, extractor: &Extractor, text: &str) {
    let entities = extractor.extract(text);
    if let Err(problem) = check_entities(text, &entities) {
        panic!("{label}: {problem}\ninput: {text:?}");
    }
}

/// Builds the extractors [`check_text`] uses, so that a fuzz target can
/// pay for building them before its first input: under the fuzzer's
/// instrumentation the build takes seconds, and the first input would
/// otherwise count them against its time limit (`-timeout`).
pub fn init() {
    extract("");
    LazyLock::force(&HTML);
}

/// The `extract_text` target: valid UTF-8 goes through the default
/// extractor (`gazetteer_ner::extract`, built once per process) and one
/// that always reads HTML; other bytes are ignored.
pub fn check_text(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let entities = extract(text);
    if let Err(problem) = check_entities(text, &entities) {
        panic!("default extractor: {problem}\ninput: {text:?}");
    }
    check_extraction("HTML extractor", &HTML, text);
}

/// The number of records gazetteer data holds by the documented format:
/// one per line that is neither blank nor a `#` comment, after an
/// optional byte order mark. `None` when the data is not UTF-8.
pub fn record_count(data: &[u8]) -> Option<usize> {
    let text = std::str::from_utf8(data).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    Some(
        text.lines()
            .filter(|line| !(line.trim().is_empty() || line.starts_with('#')))
            .count(),
    )
}

/// The `gazetteer_parse` target: `data` as a gazetteer file.
///
/// - parsing returns `Ok` or an error that names the file and a line;
/// - data that does not parse does not build an extractor either;
/// - data that parses gives one valid entry per record, none lost;
/// - an extractor built from it (when it builds) keeps the invariants on
///   a fixed text and on a text made of the entries' own names.
pub fn check_gazetteer(data: &[u8]) {
    let parsed = gazetteer::parse(GAZETTEER_NAME, data);
    let built = Extractor::builder()
        .default_gazetteers(false)
        .gazetteer_data(GAZETTEER_NAME, data)
        .build();
    let entries = match parsed {
        Err(err) => {
            let message = err.to_string();
            assert!(
                message.contains(GAZETTEER_NAME) && message.contains("line "),
                "the error does not name the file and line: {message}"
            );
            assert!(
                built.is_err(),
                "data that does not parse ({message}) built an extractor"
            );
            return;
        }
        Ok(entries) => entries,
    };
    let expected = record_count(data).expect("data that parses is UTF-8");
    assert_eq!(
        entries.len(),
        expected,
        "parsing kept {} of {expected} records",
        entries.len()
    );
    for entry in &entries {
        if let Err(problem) = entry.validate() {
            panic!("parsing gave an invalid entry {entry:?}: {problem}");
        }
    }
    let Ok(extractor) = built else {
        return;
    };
    check_extraction("fuzzed gazetteer, fixed text", &extractor, GAZETTEER_TEXT);
    let mut text = String::new();
    for entry in entries.iter().take(MAX_ENTRIES_IN_TEXT) {
        text.push_str(&entry.name);
        text.push_str(" said. ");
        for alias in entry.aliases.iter().take(2) {
            text.push_str("The ");
            text.push_str(alias);
            text.push_str(", ");
        }
    }
    check_extraction("fuzzed gazetteer, its own names", &extractor, &text);
}

/// What an input of the `extract_text` target gives its checks to check:
/// a mention (its offsets and text), two entities (their order), an entity
/// mentioned twice (the order of its mentions, and that they do not
/// overlap), a mention next to a character of more than one byte (its
/// character boundaries), and a mention the HTML extractor finds after a
/// tag or a character reference has changed the visible text (offsets
/// mapped back to the input).
///
/// The regression cases must exercise all of them (`tests/robustness.rs`),
/// and the `covers` target minimises a corpus input for one of them.
pub fn text_properties(data: &[u8]) -> Vec<&'static str> {
    let Ok(text) = std::str::from_utf8(data) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let entities = extract(text);
    let mentions = || entities.iter().flat_map(|e| &e.mentions);
    if mentions().next().is_some() {
        found.push("mention");
    }
    if entities.len() >= 2 {
        found.push("two entities");
    }
    if entities.iter().any(|e| e.mentions.len() >= 2) {
        found.push("entity mentioned twice");
    }
    let wide = |c: Option<char>| c.is_some_and(|c| c.len_utf8() > 1);
    if mentions().any(|m| {
        !m.text.is_ascii()
            || wide(text[..m.start].chars().next_back())
            || wide(text[m.end..].chars().next())
    }) {
        found.push("mention next to a wide character");
    }
    // Where the visible text of the HTML reading first differs from the
    // input: a mention after it has offsets that the map back moved.
    let visible = Visible::new(text, Markup::Html);
    let changed = text
        .bytes()
        .zip(visible.text().bytes())
        .position(|(a, b)| a != b)
        .or((visible.text().len() != text.len()).then(|| text.len().min(visible.text().len())));
    if let Some(changed) = changed
        && HTML
            .extract(text)
            .iter()
            .flat_map(|e| &e.mentions)
            .any(|m| m.start >= changed)
    {
        found.push("HTML mention after markup");
    }
    found
}

/// What an input of the `gazetteer_parse` target gives its checks to
/// check: an error (its file and line), records among comments or blank
/// lines (that none is lost), and entries that an extractor finds in a
/// text of their names.
pub fn gazetteer_properties(data: &[u8]) -> Vec<&'static str> {
    let mut found = Vec::new();
    let Ok(entries) = gazetteer::parse(GAZETTEER_NAME, data) else {
        found.push("error");
        return found;
    };
    let text = std::str::from_utf8(data).unwrap_or_default();
    let skipped = text
        .lines()
        .any(|line| line.trim().is_empty() || line.starts_with('#'));
    if entries.len() >= 2 && skipped {
        found.push("records among comments or blank lines");
    }
    let built = Extractor::builder()
        .default_gazetteers(false)
        .gazetteer_data(GAZETTEER_NAME, data)
        .build();
    let names: String = entries
        .iter()
        .map(|e| format!("{} said. ", e.name))
        .collect();
    if built.is_ok_and(|extractor| !extractor.extract(&names).is_empty()) {
        found.push("entries found in a text");
    }
    found
}
