//! A Python `str` as the Rust text the library reads.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

/// The text of a Python `str`, owned, so that extraction can run without
/// the GIL.
pub struct Text {
    /// The text as UTF-8.
    pub string: String,
    /// Whether `string` differs from the Python `str`: a `str` can hold
    /// lone surrogates (from `surrogateescape` decoding, say), which UTF-8
    /// cannot. Each is then replaced by U+FFFD, one code point for one, so
    /// that code-point offsets into `string` are offsets into the `str`.
    pub lossy: bool,
}

impl Text {
    /// Reads a Python `str`.
    pub fn read(s: &Bound<'_, PyString>) -> PyResult<Text> {
        match s.to_cow() {
            Ok(text) => Ok(Text {
                string: text.into_owned(),
                lossy: false,
            }),
            // Only lone surrogates make a `str` unencodable as UTF-8.
            Err(_) => Ok(Text {
                string: replace_lone_surrogates(s)?,
                lossy: true,
            }),
        }
    }
}

/// `s` with every lone surrogate replaced by U+FFFD, one for one.
fn replace_lone_surrogates(s: &Bound<'_, PyString>) -> PyResult<String> {
    // UTF-32 keeps one unit per code point, surrogates included, where
    // UTF-16 would pair a high and a low surrogate into one character.
    let encoded = s.call_method1("encode", ("utf-32-le", "surrogatepass"))?;
    let units = encoded.cast::<PyBytes>()?.as_bytes();
    Ok(units
        .chunks_exact(4)
        .map(|unit| {
            let code = u32::from_le_bytes([unit[0], unit[1], unit[2], unit[3]]);
            char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
        })
        .collect())
}
