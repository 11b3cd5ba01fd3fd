//! The errors of the crate: [`Error`] for building an extractor, and the
//! typed reasons it carries.

use std::fmt;
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
    #[error("gazetteer {source_name}, line {line}: {problem}")]
    Malformed {
        /// The file (or the name given to in-memory data).
        source_name: String,
        /// The 1-based line number.
        line: usize,
        /// What is wrong with the line.
        problem: LineError,
    },
    /// An entry added in code is unusable (for example an empty name).
    #[error("invalid gazetteer entry {name:?}: {problem}")]
    InvalidEntry {
        /// The entry's name as given.
        name: String,
        /// What is wrong with it.
        problem: EntryError,
    },
    /// The gazetteers hold more than the matcher can address.
    #[error("cannot build the gazetteer matcher: more than {0}")]
    TooLarge(Limit),
    /// A line of a file of learned rules or common words
    /// (`gazetteers/learned/`) does not follow its format.
    #[error("learned rules {source_name}, line {line}: {message}")]
    MalformedRules {
        /// The file (or the name given to in-memory data).
        source_name: String,
        /// The 1-based line number.
        line: usize,
        /// What is wrong with the line.
        message: String,
    },
    /// A pattern given to
    /// [`ExtractorBuilder::leave_out_default`](crate::ExtractorBuilder::leave_out_default)
    /// names no default gazetteer file.
    #[error("no default gazetteer file is named {pattern:?} (see gazetteer::default_file_names)")]
    UnknownDefaultGazetteer {
        /// The pattern as given.
        pattern: String,
    },
}

/// What is wrong with a line of a gazetteer file (see
/// [`gazetteer::parse`](crate::gazetteer::parse) for the format).
///
/// ```
/// use gazetteer_ner::{gazetteer, Error, LineError};
///
/// let err = gazetteer::parse("mine.tsv", b"place\tIraq\t\tmany\n").unwrap_err();
/// let Error::Malformed { line, problem, .. } = err else { panic!() };
/// assert_eq!(line, 1);
/// assert_eq!(problem, LineError::Rank("many".to_string()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LineError {
    /// The line does not have 2 to 4 tab-separated fields.
    #[error("expected 2 to 4 tab-separated fields (kind, name, aliases, rank), found {found}")]
    Fields {
        /// How many fields the line has.
        found: usize,
    },
    /// The kind field names no kind.
    #[error(transparent)]
    Kind(#[from] UnknownKind),
    /// The rank field is not a whole number from 0 to 100.
    #[error("rank {0:?} is not a whole number from 0 to 100")]
    Rank(String),
    /// The entry the line gives cannot be matched.
    #[error(transparent)]
    Entry(#[from] EntryError),
}

/// Why a gazetteer entry cannot be matched (see
/// [`Entry::validate`](crate::Entry::validate)).
///
/// ```
/// use gazetteer_ner::{EntityKind, Entry, EntryError};
///
/// let entry = Entry::new(EntityKind::Place, "Iraq").alias(" Irak");
/// assert_eq!(entry.validate(), Err(EntryError::Padded(" Irak".to_string())));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EntryError {
    /// The name or an alias is empty or white space.
    #[error("empty name or alias")]
    Empty,
    /// A form has white space at its start or end.
    #[error("{0:?} has leading or trailing white space")]
    Padded(String),
    /// A form holds a tab, `|` or a line break, which the file format
    /// uses as separators.
    #[error("{0:?} contains a tab, '|' or line break")]
    Separator(String),
    /// A form has no letter or digit, so no token of a text can match it.
    #[error("{0:?} has no letter or digit")]
    NoLetterOrDigit(String),
    /// A form is longer than the matcher stores (65,535 bytes); the
    /// length of the form in bytes.
    #[error("a form of {0} bytes is longer than 65535 bytes")]
    TooLong(usize),
    /// The rank is above [`Entry::MAX_RANK`](crate::Entry::MAX_RANK).
    #[error("rank {0} is above 100")]
    Rank(u8),
}

/// The capacity of the gazetteer matcher that the data exceeded (see
/// [`Error::TooLarge`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Limit {
    /// 2^32 entries.
    Entries,
    /// 4 GiB of surface forms' text.
    Text,
    /// 2^32 tokens of surface forms.
    Tokens,
    /// 2^32 surface forms.
    Forms,
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Limit::Entries => "2^32 entries",
            Limit::Text => "4 GiB of gazetteer text",
            Limit::Tokens => "2^32 tokens",
            Limit::Forms => "2^32 surface forms",
        })
    }
}

/// The error returned when a string names no kind: no
/// [`EntityKind`](crate::EntityKind), or no
/// [`EntryKind`](crate::EntryKind).
///
/// ```
/// use gazetteer_ner::EntityKind;
///
/// let err = "location".parse::<EntityKind>().unwrap_err();
/// assert_eq!(err.name(), "location");
/// assert!(err.to_string().contains("expected person, group, place or organisation"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownKind {
    name: String,
    /// The kinds that were expected, as a phrase.
    expected: &'static str,
    /// What was being parsed: "entity kind" or "kind".
    what: &'static str,
}

impl UnknownKind {
    pub(crate) fn entity(name: &str) -> UnknownKind {
        UnknownKind {
            name: name.to_string(),
            expected: "person, group, place or organisation",
            what: "entity kind",
        }
    }

    pub(crate) fn entry(name: &str) -> UnknownKind {
        UnknownKind {
            name: name.to_string(),
            expected: "person, group, place, organisation, given-name, surname or stopword",
            what: "kind",
        }
    }

    /// The string that named no kind.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} {:?} (expected {})",
            self.what, self.name, self.expected
        )
    }
}

impl std::error::Error for UnknownKind {}
