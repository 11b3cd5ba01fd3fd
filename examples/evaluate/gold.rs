//! Reading and checking gold files (the corpus JSON Lines format).

use std::fmt;
use std::path::{Path, PathBuf};

use gazetteer_ner::EntityKind;
use serde::Deserialize;

use crate::scoring::{GoldLabel, GoldSpan, GroupPolicy, Span};

/// One gold document.
#[derive(Clone, Debug)]
pub struct GoldDoc {
    /// The document id.
    pub id: String,
    /// The text the offsets point into.
    pub text: String,
    /// Gold mentions, `misc` included.
    pub gold: Vec<GoldSpan>,
    /// re3d `optional` spans (empty elsewhere).
    pub optional: Vec<Span>,
    /// `meta.source`, if any.
    pub source: Option<String>,
}

/// One gold file, read and checked.
#[derive(Clone, Debug)]
pub struct GoldFile {
    /// The path as given.
    pub path: PathBuf,
    /// The file name without its extension (`conll03-dev`): the key of
    /// floors.
    pub stem: String,
    /// Its documents, in file order.
    pub docs: Vec<GoldDoc>,
}

/// A gold file that cannot be used, with the place to look.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldError {
    /// The file.
    pub path: PathBuf,
    /// The 1-based line, when the problem is on one.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for GoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

#[derive(Deserialize)]
struct RawDoc {
    id: String,
    text: String,
    entities: Vec<RawEntity>,
    #[serde(default)]
    optional: Vec<RawSpan>,
    #[serde(default)]
    meta: Option<RawMeta>,
}

#[derive(Deserialize)]
struct RawEntity {
    start: usize,
    end: usize,
    label: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    cluster: Option<String>,
}

#[derive(Deserialize)]
struct RawSpan {
    start: usize,
    end: usize,
    #[serde(default)]
    text: Option<String>,
}

#[derive(Deserialize)]
struct RawMeta {
    #[serde(default)]
    source: Option<String>,
}

/// Parses a gold label.
fn parse_label(label: &str) -> Option<GoldLabel> {
    Some(match label {
        "misc" => GoldLabel::Misc,
        other => GoldLabel::Kind(other.parse::<EntityKind>().ok()?),
    })
}

/// The referent a `cluster` id names, without a CoNLL `#label` suffix.
///
/// CoNLL cluster ids are `<Wikipedia title>#<label>`; the label is there to
/// keep a demonym (`misc`, never scored) apart from its country. Between
/// the scored labels it only splits one referent that the annotators typed
/// differently (`DETROIT` the team as `ORG` here and `LOC` there, both
/// linked to `Detroit_Tigers`), which would make merging them look wrong.
pub fn identity(cluster: &str) -> &str {
    match cluster.rsplit_once('#') {
        Some((title, label)) if !title.is_empty() && parse_label(label).is_some() => title,
        _ => cluster,
    }
}

/// Checks that `start..end` is a span of `text` on character boundaries
/// and, if `expected` is given, that it holds that text.
fn check_span(text: &str, start: usize, end: usize, expected: Option<&str>) -> Result<(), String> {
    if start >= end {
        return Err(format!("empty or reversed span {start}..{end}"));
    }
    let Some(actual) = text.get(start..end) else {
        return Err(format!(
            "span {start}..{end} is outside the text ({} bytes) or not on character boundaries",
            text.len()
        ));
    };
    match expected {
        Some(e) if e != actual => Err(format!("span {start}..{end} holds {actual:?}, not {e:?}")),
        _ => Ok(()),
    }
}

/// Parses one line of a gold file.
pub fn parse_doc(line: &str) -> Result<GoldDoc, String> {
    let raw: RawDoc = serde_json::from_str(line).map_err(|e| {
        // serde's own "at line 1 column N" would read as a line of the file.
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or_default();
        format!("not a gold document (column {}): {message}", e.column())
    })?;
    let mut gold = Vec::with_capacity(raw.entities.len());
    for (i, e) in raw.entities.iter().enumerate() {
        let label = parse_label(&e.label)
            .ok_or_else(|| format!("entity {i}: unknown label {:?}", e.label))?;
        check_span(&raw.text, e.start, e.end, e.text.as_deref())
            .map_err(|m| format!("entity {i}: {m}"))?;
        gold.push(GoldSpan {
            start: e.start,
            end: e.end,
            label,
            cluster: e.cluster.as_deref().map(|c| identity(c).to_string()),
        });
    }
    let mut optional = Vec::with_capacity(raw.optional.len());
    for (i, o) in raw.optional.iter().enumerate() {
        check_span(&raw.text, o.start, o.end, o.text.as_deref())
            .map_err(|m| format!("optional span {i}: {m}"))?;
        optional.push((o.start, o.end));
    }
    Ok(GoldDoc {
        id: raw.id,
        text: raw.text,
        gold,
        optional,
        source: raw.meta.and_then(|m| m.source),
    })
}

/// Parses a whole gold file held in memory; `path` names it in errors.
pub fn parse_file(path: &Path, bytes: &[u8]) -> Result<GoldFile, GoldError> {
    let error = |line: Option<usize>, message: String| GoldError {
        path: path.to_path_buf(),
        line,
        message,
    };
    let mut docs = Vec::new();
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let line =
            std::str::from_utf8(line).map_err(|e| error(Some(i + 1), format!("not UTF-8: {e}")))?;
        docs.push(parse_doc(line).map_err(|m| error(Some(i + 1), m))?);
    }
    if docs.is_empty() {
        return Err(error(None, "no documents".to_string()));
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(GoldFile {
        path: path.to_path_buf(),
        stem,
        docs,
    })
}

/// Reads and parses a gold file.
pub fn read_file(path: &Path) -> Result<GoldFile, GoldError> {
    let bytes = std::fs::read(path).map_err(|e| GoldError {
        path: path.to_path_buf(),
        line: None,
        message: format!("cannot read: {e}"),
    })?;
    parse_file(path, &bytes)
}

/// Whether a document comes from GUM (by `meta.source` or id).
pub fn is_gum(doc: &GoldDoc) -> bool {
    doc.source.as_deref().is_some_and(|s| s.starts_with("GUM")) || doc.id.starts_with("gum-")
}

/// The automatic group policy of a file's documents (see the crate doc):
/// set aside unmatched `group` predictions where the gold has no `group`
/// label at all (CoNLL) or is GUM (no adjectival demonyms); score them
/// elsewhere (re3d).
pub fn auto_group_policy(file: &GoldFile, doc: &GoldDoc) -> GroupPolicy {
    let file_has_groups = file
        .docs
        .iter()
        .flat_map(|d| &d.gold)
        .any(|g| g.label == GoldLabel::Kind(EntityKind::Group));
    if !file_has_groups || is_gum(doc) {
        GroupPolicy::SetAside
    } else {
        GroupPolicy::Scored
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"id":"d1","text":"Glen Marlowe in London","entities":[{"start":0,"end":12,"label":"person","text":"Glen Marlowe","cluster":"P"},{"start":16,"end":22,"label":"place"}],"optional":[{"start":16,"end":22,"text":"London"}],"meta":{"source":"x"}}"#;

    #[test]
    fn reads_a_good_document() {
        let f = parse_file(
            Path::new("dir/set-dev.jsonl"),
            format!("{GOOD}\n\n{GOOD}\n").as_bytes(),
        )
        .unwrap();
        assert_eq!(f.stem, "set-dev");
        assert_eq!(f.docs.len(), 2);
        assert_eq!(f.docs[0].gold[0].cluster.as_deref(), Some("P"));
        assert_eq!(f.docs[0].optional, vec![(16, 22)]);
    }

    #[test]
    fn cluster_ids_lose_their_label_suffix() {
        assert_eq!(identity("Detroit_Tigers#organisation"), "Detroit_Tigers");
        assert_eq!(identity("Detroit_Tigers#place"), "Detroit_Tigers");
        assert_eq!(identity("c126"), "c126");
        assert_eq!(identity("C#_(programming)"), "C#_(programming)");
        assert_eq!(identity("#place"), "#place");
    }

    #[test]
    fn errors_name_file_and_line() {
        let bad = GOOD.replace("\"start\":0,\"end\":12", "\"start\":0,\"end\":99");
        let e =
            parse_file(Path::new("g.jsonl"), format!("{GOOD}\n{bad}\n").as_bytes()).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.to_string().starts_with("g.jsonl:2: entity 0:"), "{e}");
    }

    #[test]
    fn rejects_bad_input_without_panicking() {
        let cases = [
            "not json".to_string(),
            r#"{"id":"a","text":"x"}"#.to_string(), // no entities: an article file
            GOOD.replace("\"person\"", "\"PER\""),
            GOOD.replace("\"text\":\"Glen Marlowe\"", "\"text\":\"Glen Marlowes\""),
            GOOD.replace("\"start\":0,\"end\":12", "\"start\":12,\"end\":0"),
            r#"{"id":"a","text":"é","entities":[{"start":0,"end":1,"label":"place"}]}"#.to_string(),
        ];
        for c in cases {
            assert!(
                parse_file(Path::new("g.jsonl"), c.as_bytes()).is_err(),
                "{c}"
            );
        }
        assert!(parse_file(Path::new("g.jsonl"), b"\n").is_err());
        assert!(parse_file(Path::new("g.jsonl"), b"\xff\xfe").is_err());
    }
}
