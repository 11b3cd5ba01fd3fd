//! Hipo university-domains-list (MIT): universities worldwide.

use std::path::Path;

use super::{Context, good_alias};
use crate::model::{Gazetteer, Kind, SourceDoc, mit_header};
use crate::text::{field, read_source, tsv_rows, with_ascii_variant};

/// Builds `universities.tsv`.
pub fn build(dir: &Path, ctx: &Context) -> Gazetteer {
    let mut gaz = Gazetteer::new(
        "universities.tsv",
        &mit_header(
            &[
                "Universities from Hipo/university-domains-list.",
                "MIT License. Copyright (c) 2014 Hipo.",
            ],
            &[],
        ),
        SourceDoc {
            source: "Hipo/university-domains-list `world_universities_and_domains.json` (`university-domains-list/universities.tsv`)",
            licence: "MIT (Copyright (c) 2014 Hipo)",
            attribution: "MIT notice kept in the file header",
            taken: "Every university name as `organisation` (rank 20), with an ASCII variant; a \
                    bracketed acronym becomes an alias only if it is a well-known acronym or \
                    4+ letters. Single-word names that are common words are dropped.",
        },
    );
    for row in tsv_rows(&read_source(
        dir,
        "university-domains-list/universities.tsv",
    )) {
        let raw = field(&row, 0);
        let (name, inner) = match raw.split_once('(') {
            Some((n, rest)) => (n.trim(), rest.split(')').next().unwrap_or("").trim()),
            None => (raw.trim(), ""),
        };
        if !name.contains(' ') && !good_alias(name, ctx) {
            continue;
        }
        let mut forms = with_ascii_variant(name);
        if !inner.is_empty() && good_alias(inner, ctx) {
            forms.push(inner.to_string());
        }
        gaz.add(Kind::Organisation, name, forms, 20);
    }
    gaz.drop_ambiguous_aliases();
    gaz
}
