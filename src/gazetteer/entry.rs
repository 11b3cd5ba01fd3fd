//! One gazetteer entry: a canonical name, its surface forms, a kind and a rank.

use std::fmt;
use std::str::FromStr;

use crate::{EntityKind, EntryError, UnknownKind};

/// What a gazetteer entry says about its name.
///
/// Besides the four entity kinds, a gazetteer can hold word lists that the
/// rules use as evidence without ever making a mention from them alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum EntryKind {
    /// The name of an entity of this kind.
    Entity(EntityKind),
    /// A first name: "Abdul Karim said" is a person because "Abdul" is one.
    GivenName,
    /// A family name: "Jane Smithers" is a person when "Smithers" is one.
    Surname,
    /// A capitalised word that is never a mention on its own ("May",
    /// "Reading", "Some").
    Stopword,
}

impl EntryKind {
    /// The name used in gazetteer files.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Entity(kind) => kind.as_str(),
            EntryKind::GivenName => "given-name",
            EntryKind::Surname => "surname",
            EntryKind::Stopword => "stopword",
        }
    }

    /// The entity kind, for entries that name an entity.
    pub fn entity(self) -> Option<EntityKind> {
        match self {
            EntryKind::Entity(kind) => Some(kind),
            _ => None,
        }
    }
}

impl From<EntityKind> for EntryKind {
    fn from(kind: EntityKind) -> Self {
        EntryKind::Entity(kind)
    }
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EntryKind {
    type Err = UnknownKind;

    /// Parses a kind as gazetteer files write it.
    ///
    /// ```
    /// use gazetteer_ner::{EntityKind, EntryKind};
    ///
    /// assert_eq!("place".parse(), Ok(EntryKind::Entity(EntityKind::Place)));
    /// assert_eq!("given-name".parse(), Ok(EntryKind::GivenName));
    /// assert_eq!("city".parse::<EntryKind>().unwrap_err().name(), "city");
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "given-name" => Ok(EntryKind::GivenName),
            "surname" => Ok(EntryKind::Surname),
            "stopword" => Ok(EntryKind::Stopword),
            _ => s
                .parse::<EntityKind>()
                .map(EntryKind::Entity)
                .map_err(|_| UnknownKind::entry(s)),
        }
    }
}

/// Where an entry came from; user entries take priority over defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub(crate) enum Origin {
    /// The gazetteers embedded in the crate.
    Default = 0,
    /// Files or entries given to the builder.
    User = 1,
}

impl Origin {
    /// The origin stored as `number` (`origin as u8`); any number but 0
    /// reads as [`Origin::User`].
    pub fn from_number(number: u8) -> Origin {
        if number == Origin::Default as u8 {
            Origin::Default
        } else {
            Origin::User
        }
    }
}

/// One gazetteer entry.
///
/// ```
/// use gazetteer_ner::{EntityKind, Entry};
///
/// let entry = Entry::new(EntityKind::Group, "Popular Mobilisation Forces")
///     .alias("Hashd al-Shaabi")
///     .rank(80);
/// assert_eq!(entry.surface_forms().count(), 2);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Entry {
    /// What the entry names.
    pub kind: EntryKind,
    /// The canonical name, reported as the entity's name.
    pub name: String,
    /// Other surface forms of the same referent.
    pub aliases: Vec<String>,
    /// Prominence from 0 (obscure) to 100 (a household name); among
    /// overlapping readings of equal length the higher rank wins.
    pub rank: u8,
}

impl Entry {
    /// The highest rank.
    pub const MAX_RANK: u8 = 100;

    /// An entry with no aliases and rank 50.
    pub fn new(kind: impl Into<EntryKind>, name: impl Into<String>) -> Self {
        Entry {
            kind: kind.into(),
            name: name.into(),
            aliases: Vec::new(),
            rank: 50,
        }
    }

    /// Adds a surface form.
    #[must_use]
    pub fn alias(mut self, alias: impl Into<String>) -> Self {
        self.aliases.push(alias.into());
        self
    }

    /// Sets the rank, capped at [`Entry::MAX_RANK`].
    #[must_use]
    pub fn rank(mut self, rank: u8) -> Self {
        self.rank = rank.min(Self::MAX_RANK);
        self
    }

    /// The name followed by the aliases.
    pub fn surface_forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }

    /// Checks that the entry can be matched: a name and aliases that are
    /// neither empty nor padded, without tabs, `|` or line breaks, with a
    /// letter or digit, and a rank of at most [`Entry::MAX_RANK`].
    ///
    /// [`ExtractorBuilder::build`](crate::ExtractorBuilder::build) checks
    /// every entry; this is the same check, for data made in code.
    ///
    /// # Errors
    ///
    /// The first [`EntryError`] found, naming the form at fault.
    ///
    /// ```
    /// use gazetteer_ner::{EntityKind, Entry, EntryError};
    ///
    /// assert_eq!(Entry::new(EntityKind::Place, "Iraq").validate(), Ok(()));
    /// let bad = Entry::new(EntityKind::Place, "Iraq").alias("Ir|aq");
    /// assert_eq!(bad.validate(), Err(EntryError::Separator("Ir|aq".to_string())));
    /// ```
    pub fn validate(&self) -> Result<(), EntryError> {
        self.record().validate()
    }

    /// The entry as the matcher reads it.
    pub(crate) fn record(&self) -> Record<'_> {
        Record {
            kind: self.kind,
            name: &self.name,
            aliases: Aliases::List(&self.aliases),
            rank: self.rank,
        }
    }
}

/// An entry borrowed from gazetteer data or from an [`Entry`]: what the
/// matcher compiles, without copying each string first.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Record<'a> {
    pub kind: EntryKind,
    pub name: &'a str,
    pub aliases: Aliases<'a>,
    pub rank: u8,
}

/// The aliases of a [`Record`].
#[derive(Clone, Copy, Debug)]
pub(crate) enum Aliases<'a> {
    /// A gazetteer file's field: forms separated by `|` (empty for none).
    Joined(&'a str),
    /// An entry's list.
    List(&'a [String]),
}

impl<'a> Record<'a> {
    /// The name followed by the aliases.
    pub fn surface_forms(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let (joined, list) = match self.aliases {
            Aliases::Joined(joined) => (Some(joined).filter(|j| !j.is_empty()), &[][..]),
            Aliases::List(list) => (None, list),
        };
        std::iter::once(self.name)
            .chain(joined.into_iter().flat_map(|j| j.split('|')))
            .chain(list.iter().map(String::as_str))
    }

    /// See [`Entry::validate`].
    pub fn validate(&self) -> Result<(), EntryError> {
        for form in self.surface_forms() {
            if form.trim().is_empty() {
                return Err(EntryError::Empty);
            }
            if form.trim() != form {
                return Err(EntryError::Padded(form.to_string()));
            }
            if form.contains(['\t', '|', '\n', '\r']) {
                return Err(EntryError::Separator(form.to_string()));
            }
            if !form.chars().any(char::is_alphanumeric) {
                return Err(EntryError::NoLetterOrDigit(form.to_string()));
            }
        }
        if self.rank > Entry::MAX_RANK {
            return Err(EntryError::Rank(self.rank));
        }
        Ok(())
    }
}

impl From<Record<'_>> for Entry {
    fn from(record: Record<'_>) -> Entry {
        Entry {
            kind: record.kind,
            name: record.name.to_string(),
            aliases: record.surface_forms().skip(1).map(str::to_string).collect(),
            rank: record.rank,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_and_print() {
        for s in [
            "person",
            "group",
            "place",
            "organisation",
            "given-name",
            "surname",
            "stopword",
        ] {
            assert_eq!(s.parse::<EntryKind>().unwrap().as_str(), s);
        }
        let err = "city".parse::<EntryKind>().unwrap_err();
        assert_eq!(err.name(), "city");
        assert!(err.to_string().contains("unknown kind \"city\""));
    }

    #[test]
    fn validation_rejects_unmatchable_forms() {
        let ok = Entry::new(EntityKind::Place, "Iraq").alias("Irak");
        assert!(ok.validate().is_ok());
        let form = |s: &str| s.to_string();
        for (bad, problem) in [
            ("", EntryError::Empty),
            (" Iraq", EntryError::Padded(form(" Iraq"))),
            ("Ir|aq", EntryError::Separator(form("Ir|aq"))),
            ("--", EntryError::NoLetterOrDigit(form("--"))),
            ("a\tb", EntryError::Separator(form("a\tb"))),
        ] {
            let entry = Entry::new(EntityKind::Place, "Iraq").alias(bad);
            assert_eq!(entry.validate(), Err(problem), "{bad:?}");
        }
        let mut high = Entry::new(EntityKind::Place, "Iraq");
        high.rank = 101;
        assert_eq!(high.validate(), Err(EntryError::Rank(101)));
    }
}
