//! The library's errors as Python exceptions.

use gazetteer_ner::Error;
use pyo3::exceptions::PyOSError;
use pyo3::prelude::*;

/// The Python exception for `err`.
///
/// A file that cannot be read raises `OSError` (its subclass for the
/// errno, `FileNotFoundError` say) with `filename` set; bad gazetteer data
/// raises `gazetteer_ner.GazetteerError` (a `ValueError`) with the file in
/// `path` and the 1-based line in `line` where the error has them.
pub fn to_py_err(py: Python<'_>, err: Error) -> PyErr {
    let message = err.to_string();
    let (path, line) = match &err {
        Error::Io { path, source } => {
            let filename = path.display().to_string();
            // The message without the "(os error N)" that `errno` carries.
            let reason = source.to_string();
            let reason = reason.split(" (os error").next().unwrap_or(&reason);
            let strerror = format!("cannot read gazetteer: {reason}");
            return match source.raw_os_error() {
                // OSError(errno, strerror, filename) picks the subclass.
                Some(errno) => PyOSError::new_err((errno, strerror, filename)),
                None => PyOSError::new_err((message,)),
            };
        }
        Error::InvalidUtf8 {
            source_name, line, ..
        } => (Some(source_name.clone()), Some(*line)),
        Error::Malformed {
            source_name, line, ..
        } => (Some(source_name.clone()), Some(*line)),
        _ => (None, None),
    };
    gazetteer_error(py, &message, path, line)
}

/// A `gazetteer_ner.GazetteerError`, defined in Python.
pub fn gazetteer_error(
    py: Python<'_>,
    message: &str,
    path: Option<String>,
    line: Option<usize>,
) -> PyErr {
    let made = py
        .import("gazetteer_ner.errors")
        .and_then(|m| m.getattr("GazetteerError"))
        .and_then(|class| class.call1((message, path, line)));
    match made {
        Ok(exception) => PyErr::from_value(exception),
        Err(err) => err,
    }
}
