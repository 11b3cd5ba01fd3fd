//! The one error type of the crate.

use std::io;
use std::path::PathBuf;

/// Everything that can go wrong while building an [`Extractor`](crate::Extractor).
///
/// Extraction itself never fails: any `&str` is valid input. Errors come
/// from gazetteer data, and each variant carries what a user needs to find
/// and fix the problem.
///
/// ```
/// use gazetteer_ner::{Error, Extractor};
///
/// let err = Extractor::builder()
///     .gazetteer_file("no/such/file.tsv")
///     .build()
///     .unwrap_err();
/// assert!(matches!(err, Error::Io { .. }));
/// assert!(err.to_string().contains("no/such/file.tsv"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A gazetteer file or directory could not be read (missing, unreadable,
    /// or a directory where a file was expected).
    #[error("cannot read gazetteer {}: {source}", path.display())]
    Io {
        /// The path that could not be read.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },
    /// A gazetteer file is not valid UTF-8.
    #[error("gazetteer {source_name} is not valid UTF-8 at byte {byte_offset} (line {line})")]
    InvalidUtf8 {
        /// The file (or the name given to in-memory data).
        source_name: String,
        /// The 1-based line holding the first invalid byte.
        line: usize,
        /// The byte offset of the first invalid byte.
        byte_offset: usize,
    },
    /// A line of a gazetteer file does not follow the format.
    #[error("gazetteer {source_name}, line {line}: {message}")]
    Malformed {
        /// The file (or the name given to in-memory data).
        source_name: String,
        /// The 1-based line number.
        line: usize,
        /// What is wrong with the line.
        message: String,
    },
    /// An entry added in code is unusable (for example an empty name).
    #[error("invalid gazetteer entry {name:?}: {message}")]
    InvalidEntry {
        /// The entry's name as given.
        name: String,
        /// What is wrong with it.
        message: String,
    },
    /// The gazetteer matcher could not be built (for example because the
    /// gazetteer holds more than 2^32 forms or 4 GiB of text).
    #[error("cannot build the gazetteer matcher: {0}")]
    Matcher(String),
}
