//! Party Facts core parties (MIT): political parties, typed `organisation` per the
//! project guidelines.

use std::path::Path;

use super::{Context, good_alias};
use crate::model::{Gazetteer, Kind, SourceDoc, mit_header};
use crate::text::{csv_rows, field, read_source, with_ascii_variant};

/// Builds `parties-partyfacts.tsv`.
pub fn build(dir: &Path, ctx: &Context) -> Gazetteer {
    let mut gaz = Gazetteer::new(
        "parties-partyfacts.tsv",
        &mit_header(
            &[
                "Political parties from Party Facts (hdigital/partyfactsdata, core parties).",
                "MIT License. Copyright (c) Holger Döring and Sven Regel (Party Facts).",
            ],
            &[
                "Please cite: Döring, Holger and Sven Regel (2019). Party Facts: A database of",
                "political parties worldwide. Party Politics 25(2): 84-96.",
            ],
        ),
        SourceDoc {
            source: "hdigital/partyfactsdata `import/elecglob/partyfacts-core-parties.csv` (`partyfacts/`)",
            licence: "MIT",
            attribution: "MIT notice kept; cite Döring, Holger & Sven Regel (2019), \"Party Facts: \
                          A database of political parties worldwide\", Party Politics 25(2)",
            taken: "Every non-technical party as `organisation` (parties are organisations per \
                    the guidelines). Canonical name = first part of `name_english`; other parts \
                    of `name_english` and `name` (split on \" / \") and `name_short` as aliases. \
                    `name_other` (mostly other scripts) is not used. Short names are kept only \
                    if 4+ characters or a well-known acronym (KDP, PUK, ANC, BJP...); single \
                    words that are common words or census names, and aliases claimed by two \
                    parties, are dropped. Rank = 15 + 0.6 × vote share (max 60) + 10 if active.",
        },
    );
    let rows = csv_rows(&read_source(dir, "partyfacts/partyfacts-core-parties.csv"));
    for row in rows.iter().skip(1) {
        if !field(row, 2).is_empty() {
            continue;
        }
        let english: Vec<&str> = split_names(field(row, 5));
        let original: Vec<&str> = split_names(field(row, 4));
        // The first English (else original) name that is specific enough: a party
        // whose English name is a common word ("Enough", "Modern") is named by its
        // original name ("Chega", "Nowoczesna").
        let Some(canonical) = english
            .iter()
            .chain(original.iter())
            .copied()
            .find(|n| n.contains(' ') || good_alias(n, ctx))
        else {
            continue;
        };
        let mut forms: Vec<String> = Vec::new();
        for f in english.iter().chain(original.iter()) {
            forms.extend(with_ascii_variant(f));
        }
        let short = field(row, 3);
        if short.chars().any(char::is_uppercase) {
            forms.push(short.to_string());
        }
        let forms: Vec<String> = forms.into_iter().filter(|f| good_alias(f, ctx)).collect();
        let share: f64 = field(row, 9).parse().unwrap_or(0.0);
        let active = field(row, 8).is_empty() || field(row, 8) >= "2015";
        let rank = 15.0 + 0.6 * share.min(60.0) + if active { 10.0 } else { 0.0 };
        gaz.add(Kind::Organisation, canonical, forms, rank.round() as u8);
    }
    gaz.drop_ambiguous_aliases();
    gaz
}

/// Splits a multi-name cell ("Kurdistan List / Kurdistan Alliance") into names.
fn split_names(cell: &str) -> Vec<&str> {
    cell.split(" / ")
        .map(str::trim)
        .filter(|s| !s.is_empty() && !s.contains(['(', ')']))
        .collect()
}
