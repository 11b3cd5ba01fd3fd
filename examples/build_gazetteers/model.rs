//! The in-memory gazetteer model and its TSV serialisation.
//!
//! Everything is kept in `BTreeMap`/`BTreeSet` so that iteration order, and therefore
//! the generated files, depend only on the input data.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::text::clean_form;

/// The entry kinds understood by the library's parser.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Person,
    Group,
    Place,
    Organisation,
    GivenName,
    Surname,
    Stopword,
}

impl Kind {
    /// All kinds, in output order.
    pub const ALL: [Kind; 7] = [
        Kind::Person,
        Kind::Group,
        Kind::Place,
        Kind::Organisation,
        Kind::GivenName,
        Kind::Surname,
        Kind::Stopword,
    ];

    /// The kind as written in the first TSV column.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Group => "group",
            Kind::Place => "place",
            Kind::Organisation => "organisation",
            Kind::GivenName => "given-name",
            Kind::Surname => "surname",
            Kind::Stopword => "stopword",
        }
    }
}

/// One gazetteer line: a canonical name, its other surface forms and a prominence rank.
#[derive(Clone, Debug)]
pub struct Entry {
    pub kind: Kind,
    pub name: String,
    pub aliases: BTreeSet<String>,
    pub rank: u8,
}

/// Describes where a generated file came from; rendered into `SOURCES.md`.
pub struct SourceDoc {
    /// Human-readable source name(s) and upstream location.
    pub source: &'static str,
    /// Licence of the source data (and so of the generated file).
    pub licence: &'static str,
    /// Attribution text the source asks for (or a courtesy credit).
    pub attribution: &'static str,
    /// What was taken and how it was filtered.
    pub taken: &'static str,
}

/// One generated TSV file: a comment header plus entries keyed by `(kind, name)`.
pub struct Gazetteer {
    pub file_name: &'static str,
    pub header: Vec<String>,
    pub doc: SourceDoc,
    /// Forms that the final filters must keep (country short forms, demonyms,
    /// hand-checked seed words): see `filters::apply`.
    pub protected: BTreeSet<String>,
    entries: BTreeMap<(Kind, String), Entry>,
}

impl Gazetteer {
    /// Creates an empty gazetteer file with the given comment header lines.
    pub fn new(file_name: &'static str, header: &[&str], doc: SourceDoc) -> Self {
        Gazetteer {
            file_name,
            header: header.iter().map(|s| s.to_string()).collect(),
            doc,
            protected: BTreeSet::new(),
            entries: BTreeMap::new(),
        }
    }

    /// Rewrites or drops every surface form: `fix(kind, form)` returns the form to
    /// keep (possibly changed) or `None`. An entry whose canonical name goes takes
    /// its longest remaining form as name (ties: alphabetical); an entry with no
    /// form left is removed; entries that end up with the same name are merged.
    pub fn fix_forms(&mut self, mut fix: impl FnMut(Kind, &str) -> Option<String>) {
        let old = std::mem::take(&mut self.entries);
        for ((kind, name), entry) in old {
            let new_name = fix(kind, &name);
            let mut aliases: Vec<String> =
                entry.aliases.iter().filter_map(|a| fix(kind, a)).collect();
            let canonical = match new_name {
                Some(n) => n,
                None => {
                    let Some(best) = aliases
                        .iter()
                        .max_by(|a, b| a.len().cmp(&b.len()).then(b.cmp(a)))
                        .cloned()
                    else {
                        continue;
                    };
                    best
                }
            };
            aliases.retain(|a| *a != canonical);
            let merged = self
                .entries
                .entry((kind, canonical.clone()))
                .or_insert_with(|| Entry {
                    kind,
                    name: canonical.clone(),
                    aliases: BTreeSet::new(),
                    rank: entry.rank,
                });
            merged.rank = merged.rank.max(entry.rank);
            merged.aliases.extend(aliases);
        }
    }

    /// Adds an entry, or merges it into an existing entry with the same kind and name
    /// (aliases are united, the higher rank wins). Forms that fail [`clean_form`] are
    /// dropped; an entry whose name is invalid is ignored.
    pub fn add<I, S>(&mut self, kind: Kind, name: &str, aliases: I, rank: u8)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let Some(name) = clean_form(name) else {
            return;
        };
        let entry = self
            .entries
            .entry((kind, name.clone()))
            .or_insert_with(|| Entry {
                kind,
                name: name.clone(),
                aliases: BTreeSet::new(),
                rank,
            });
        entry.rank = entry.rank.max(rank.min(100));
        for alias in aliases {
            if let Some(alias) = clean_form(alias.as_ref())
                && alias != name
            {
                entry.aliases.insert(alias);
            }
        }
    }

    /// Removes aliases that more than one entry of the same kind claims, or that are
    /// the canonical name of another entry of that kind: such a form does not identify
    /// one referent. Canonical names are never removed.
    pub fn drop_ambiguous_aliases(&mut self) {
        let mut claims: BTreeMap<(Kind, String), usize> = BTreeMap::new();
        for entry in self.entries.values() {
            for alias in &entry.aliases {
                *claims.entry((entry.kind, alias.clone())).or_default() += 1;
            }
        }
        let names: BTreeSet<(Kind, String)> = self.entries.keys().cloned().collect();
        for entry in self.entries.values_mut() {
            let kind = entry.kind;
            entry.aliases.retain(|alias| {
                let key = (kind, alias.clone());
                claims.get(&key) == Some(&1) && !names.contains(&key)
            });
        }
    }

    /// Iterates over the entries in output order.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.values()
    }

    /// Number of entries and of surface forms (names plus aliases) of one kind.
    pub fn counts(&self, kind: Kind) -> (usize, usize) {
        self.entries
            .values()
            .filter(|e| e.kind == kind)
            .fold((0, 0), |(n, f), e| (n + 1, f + 1 + e.aliases.len()))
    }

    /// Serialises the file: `#` header lines, then one TSV line per entry.
    pub fn to_tsv(&self) -> String {
        let mut out = String::new();
        for line in &self.header {
            if line.is_empty() {
                out.push_str("#\n");
            } else {
                let _ = writeln!(out, "# {line}");
            }
        }
        out.push_str("#\n# kind\tname\taliases\trank\n");
        for e in self.entries.values() {
            let aliases: Vec<&str> = e.aliases.iter().map(String::as_str).collect();
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}",
                e.kind.as_str(),
                e.name,
                aliases.join("|"),
                e.rank
            );
        }
        out
    }
}

/// The permission notice of the MIT licence, which MIT-licensed sources
/// ask to keep with what is derived from them.
const MIT_PERMISSION: [&str; 8] = [
    "Permission is hereby granted, free of charge, to any person obtaining a copy of this",
    "software and associated documentation files (the \"Software\"), to deal in the Software",
    "without restriction, including without limitation the rights to use, copy, modify,",
    "merge, publish, distribute, sublicense, and/or sell copies of the Software, and to",
    "permit persons to whom the Software is furnished to do so, subject to the following",
    "conditions: The above copyright notice and this permission notice shall be included",
    "in all copies or substantial portions of the Software.",
    "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.",
];

/// A file header for an MIT-licensed source: `before` (what and whose),
/// the licence's permission notice, then `after`.
pub fn mit_header(before: &[&'static str], after: &[&'static str]) -> Vec<&'static str> {
    [before, &MIT_PERMISSION[..], after].concat()
}
