//! The JSON objects the CLI writes besides a document's entities.

use serde::Serialize;

/// An input that could not be read, in its place among the outputs of a
/// run with several inputs: `{"file":…,"error":"…"}`.
#[derive(Serialize)]
pub struct InputError<'a> {
    pub file: &'a str,
    pub error: &'a str,
}
