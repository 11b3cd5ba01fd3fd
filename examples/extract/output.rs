//! The JSON objects the CLI writes besides a document's entities.

use gazetteer_ner::Entity;
use serde::Serialize;
use serde_json::value::RawValue;

/// A JSON Lines record's result: `{"file":…,"id":…,"entities":[…]}`.
///
/// `file` is there when the run has several inputs; `id` when the record
/// has one, copied as written.
#[derive(Serialize)]
pub struct Record<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a RawValue>,
    pub entities: &'a [Entity],
}

/// A JSON Lines line that could not be used:
/// `{"file":…,"line":N,"id":…,"error":"…"}`.
#[derive(Serialize)]
pub struct LineError<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<&'a str>,
    pub line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a RawValue>,
    pub error: &'a str,
}

/// An input that could not be read, in its place among the outputs of a
/// run with several inputs: `{"file":…,"error":"…"}`.
#[derive(Serialize)]
pub struct InputError<'a> {
    pub file: &'a str,
    pub error: &'a str,
}

/// Appends `value` to `out` as one line of compact JSON.
pub fn push_line(out: &mut Vec<u8>, value: &impl Serialize) {
    serde_json::to_writer(&mut *out, value)
        .expect("the output objects serialise: their maps have string keys");
    out.push(b'\n');
}
