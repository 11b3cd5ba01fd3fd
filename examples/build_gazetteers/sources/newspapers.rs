//! Newspapers: Wikidata query result (CC0) and the fundus publisher list (MIT),
//! each in its own file.

use std::path::Path;

use super::{Context, good_alias};
use crate::model::{Gazetteer, Kind, SourceDoc, mit_header};
use crate::text::{field, read_source, tsv_rows, with_ascii_variant};

/// Generic one-word newspaper titles that name many papers (or none) in running text.
const GENERIC_TITLES: &[&str] = &[
    "Today",
    "Metro",
    "Express",
    "Post",
    "Daily",
    "Herald",
    "Star",
    "Mirror",
    "Independent",
    "Observer",
    "Standard",
    "Record",
    "Tribune",
    "Journal",
    "Press",
    "Chronicle",
    "Gazette",
    "Times",
    "Sun",
    "Courier",
    "Examiner",
    "Guardian",
    "Telegraph",
    "Leader",
    "Citizen",
    "Nation",
    "Republic",
    "Reporter",
    "Sentinel",
    "Globe",
    "Mail",
    "Monitor",
    "Voice",
];

/// Adds one newspaper title with its ASCII variant, unless it is too generic.
fn add_title(gaz: &mut Gazetteer, title: &str, rank: u8, ctx: &Context) {
    let title = title.trim();
    let single = !title.contains(' ');
    if title.chars().filter(|c| c.is_alphabetic()).count() < 4
        || (single && (GENERIC_TITLES.contains(&title) || !good_alias(title, ctx)))
        || title.starts_with('Q') && title[1..].chars().all(|c| c.is_ascii_digit())
    {
        return;
    }
    gaz.add(Kind::Organisation, title, with_ascii_variant(title), rank);
}

/// Builds `newspapers-wikidata.tsv` from the Wikidata newspaper query (CC0).
pub fn build_wikidata(dir: &Path, ctx: &Context) -> Gazetteer {
    let mut gaz = Gazetteer::new(
        "newspapers-wikidata.tsv",
        &[
            "Newspapers from a Wikidata query (instances of newspaper Q11032 with an official",
            "website, about 2023; patrickswickard/international_newspapers). Wikidata data: CC0 1.0.",
        ],
        SourceDoc {
            source: "Wikidata SPARQL result via patrickswickard/international_newspapers (`newspapers/wikidata_newspapers.tsv`)",
            licence: "CC0 1.0 (Wikidata)",
            attribution: "none required (courtesy: Wikidata)",
            taken: "English labels as `organisation` (rank 15) with ASCII variants; labels of \
                    fewer than 4 letters, bare QIDs and generic one-word titles (Metro, Herald, \
                    Star...) or common words are dropped.",
        },
    );
    for row in tsv_rows(&read_source(dir, "newspapers/wikidata_newspapers.tsv")) {
        add_title(&mut gaz, field(&row, 1), 15, ctx);
    }
    gaz
}

/// Builds `newspapers-fundus.tsv` from the fundus supported-publisher list (MIT).
pub fn build_fundus(dir: &Path, ctx: &Context) -> Gazetteer {
    let mut gaz = Gazetteer::new(
        "newspapers-fundus.tsv",
        &mit_header(
            &[
                "News publishers supported by flairNLP/fundus (docs/supported_publishers.md).",
                "MIT License. Copyright (c) 2023 flair.",
            ],
            &[],
        ),
        SourceDoc {
            source: "flairNLP/fundus `docs/supported_publishers.md` (`newspapers/fundus_publishers.tsv`)",
            licence: "MIT",
            attribution: "MIT notice kept in the file header",
            taken: "Publisher names as `organisation` (rank 25), same filters as the Wikidata list.",
        },
    );
    for row in tsv_rows(&read_source(dir, "newspapers/fundus_publishers.tsv")) {
        add_title(&mut gaz, field(&row, 1), 25, ctx);
    }
    gaz
}
