//! Stage 3, gazetteers: lists of known names and the matcher that finds
//! them among the tokens of a text.
//!
//! Entries come from gazetteer files (see [`parse`] for the format), from
//! code ([`Entry`]) and, unless a builder says otherwise, from the files in
//! the crate's `gazetteers/` folder, which are embedded in the library.
//!
//! # Matching
//!
//! Entries are tokenized by the same tokenizer as the text and matched on
//! whole tokens only, through a hash table of their lower-cased token keys
//! (see the matcher's notes for why not an automaton). A match is then checked for case, token by token: the text must
//! spell the form as written ("May" matches the entry `May`, "may" does
//! not), except that an all-capitals line (a headline) matches any casing
//! and a lower-case word of the form ("al", "province") also matches its
//! capitalised spelling. Every match of every form is reported; choosing
//! among overlapping readings is the resolver's job.
//!
//! When an entry added by the user shares a surface form with a default
//! entry, the user's entry wins: the default entries of that form are not
//! matched at all.

mod entry;
mod file;
mod filter;
mod lexicon;
mod matcher;
mod table;

use entry::Record;
pub use entry::{Entry, EntryKind};
pub use file::{parse, read_dir, read_file};

use crate::EntityKind;
pub(crate) use filter::WordFilter;
pub(crate) use lexicon::{Lexeme, Lexicon};
pub(crate) use matcher::Matcher;
pub(crate) use table::KeyTable;

/// Something in the user's gazetteer data that did not stop the build but
/// that its author should know: nothing is dropped without a notice.
///
/// ```
/// use gazetteer_ner::{gazetteer::Notice, EntityKind, Entry, Extractor};
///
/// let extractor = Extractor::builder()
///     .default_gazetteers(false)
///     .entry(Entry::new(EntityKind::Place, "Jordan"))
///     .entry(Entry::new(EntityKind::Person, "Jordan"))
///     .build()?;
/// assert!(matches!(extractor.notices(), [Notice::Conflict { .. }]));
/// # Ok::<(), gazetteer_ner::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Notice {
    /// The same form of the same entity was given twice; it is kept once.
    Duplicate {
        /// The surface form.
        form: String,
        /// The entity's kind and name.
        entry: (EntityKind, String),
    },
    /// One form names two different entities (two kinds, or two names);
    /// both are kept, and the resolver chooses by context and rank.
    Conflict {
        /// The surface form.
        form: String,
        /// The entity given first.
        first: (EntityKind, String),
        /// The entity given later.
        second: (EntityKind, String),
    },
    /// A user form hides the default entries spelled the same way.
    Shadowed {
        /// The surface form.
        form: String,
        /// The default entity no longer matched under this form.
        default: (EntityKind, String),
        /// The user's entity matched instead.
        user: (EntityKind, String),
    },
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Notice::Duplicate { form, entry } => {
                write!(
                    f,
                    "{form:?} is given twice for the {} {:?}",
                    entry.0, entry.1
                )
            }
            Notice::Conflict {
                form,
                first,
                second,
            } => write!(
                f,
                "{form:?} names both the {} {:?} and the {} {:?}; both are kept",
                first.0, first.1, second.0, second.1
            ),
            Notice::Shadowed {
                form,
                default,
                user,
            } => write!(
                f,
                "{form:?} now names the {} {:?}, hiding the default {} {:?}",
                user.0, user.1, default.0, default.1
            ),
        }
    }
}

/// Where an entry came from; user entries take priority over defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Origin {
    /// The gazetteers embedded in the crate.
    Default,
    /// Files or entries given to the builder.
    User,
}

/// The entries of the embedded default gazetteers, file by file in
/// file-name order.
///
/// ```
/// let entries = gazetteer_ner::gazetteer::default_entries().unwrap();
/// assert!(entries.iter().any(|e| e.name == "Iraq"));
/// ```
pub fn default_entries() -> Result<Vec<Entry>, crate::Error> {
    Ok(default_records()?.into_iter().map(Entry::from).collect())
}

/// The entries of the embedded default gazetteers, borrowed from the
/// embedded data.
pub(crate) fn default_records() -> Result<Vec<Record<'static>>, crate::Error> {
    let mut records = Vec::with_capacity(200_000);
    for (name, data) in DEFAULT_FILES {
        for record in file::records(name, data.as_bytes())? {
            records.push(record?);
        }
    }
    Ok(records)
}

/// The embedded default gazetteer files, as (file name, contents), in
/// file-name order: every `gazetteers/*.tsv` of the crate (see `build.rs`).
pub(crate) const DEFAULT_FILES: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/default_gazetteers.rs"));
