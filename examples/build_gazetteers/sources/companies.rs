//! S&P 500 constituents (ODC-PDDL): major companies with short names.
//! The NYSE/NASDAQ listing files are deliberately not used (upstream NASDAQ notice).

use std::path::Path;

use super::Context;
use crate::model::{Gazetteer, Kind, SourceDoc};
use crate::text::{csv_rows, field, read_source, with_ascii_variant};

/// Legal-form and generic suffixes stripped to derive a short company name.
const SUFFIXES: &[&str] = &[
    ", Inc.",
    " Inc.",
    " Inc",
    " Incorporated",
    " Corporation",
    " Corp.",
    " Corp",
    " Co.",
    " Company",
    " Companies",
    " Group",
    " Holdings",
    " Holding",
    " plc",
    " PLC",
    " Ltd.",
    " Ltd",
    " N.V.",
    " S.A.",
    " AG",
    " SE",
    " & Co.",
    " Limited",
    " Inc. (The)",
];

/// Short names that are ordinary words in running text and so are not emitted
/// ("Target prices...", "Block", "Match").
const AMBIGUOUS_SHORT_NAMES: &[&str] = &[
    "Target",
    "Ball",
    "Match",
    "Block",
    "Progressive",
    "Booking",
    "Mosaic",
    "Carrier",
    "Southern",
    "Global",
    "Corning",
    "Equity",
    "Public",
    "Principal",
    "Best",
    "General",
    "American",
    "United",
    "Republic",
    "Fair",
    "Church",
    "Dollar",
    "Pool",
    "Waters",
    "Snap",
    "Steel",
    "Brown",
    "Tapestry",
    "Mobile",
    "Jack",
    "Henry",
    "Ross",
    "Franklin",
    "Dover",
    "Edison",
    "Hess",
    "Eaton",
];

/// The company name without its legal suffixes ("Apple Inc." → "Apple"), if that
/// differs from the name and is not an ordinary word.
pub fn short_name(name: &str, ctx: &Context) -> Option<String> {
    let mut short = name.strip_prefix("The ").unwrap_or(name).to_string();
    while let Some(s) = SUFFIXES.iter().find_map(|s| short.strip_suffix(s)) {
        short = s.trim_end_matches(',').to_string();
    }
    let usable = short != name
        && short.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !ctx.is_common_word(&short)
        && !AMBIGUOUS_SHORT_NAMES.contains(&short.as_str());
    usable.then_some(short)
}

/// Builds `companies-sp500.tsv`.
pub fn build(dir: &Path, ctx: &Context) -> Gazetteer {
    let mut gaz = Gazetteer::new(
        "companies-sp500.tsv",
        &[
            "S&P 500 constituent companies (datasets/s-and-p-500-companies, data/constituents.csv).",
            "Open Data Commons Public Domain Dedication and License (ODC-PDDL) 1.0.",
            "Short names (legal suffixes stripped) added by the gazetteer-ner generator.",
        ],
        SourceDoc {
            source: "datasets/s-and-p-500-companies `data/constituents.csv` (`companies/sp500_constituents.csv`)",
            licence: "ODC-PDDL 1.0",
            attribution: "none required",
            taken: "The `Security` (company name) column as `organisation` (rank 45); \
                    \"Walt Disney Company (The)\" becomes \"The Walt Disney Company\"; legal \
                    suffixes (Inc., Corp., Company, plc, Holdings...) are stripped to add a \
                    short alias (\"Apple Inc.\" → \"Apple\") unless the short form is a common \
                    word or on a hand-written ambiguity list (Target, Block, Match...). Ticker \
                    symbols are not emitted. The NYSE/NASDAQ listing files are not used.",
        },
    );
    for row in csv_rows(&read_source(dir, "companies/sp500_constituents.csv"))
        .iter()
        .skip(1)
    {
        let security = field(row, 1).trim();
        let security = match security.split_once(" (Class") {
            Some((base, _)) => base,
            None => security,
        };
        let name = match security.strip_suffix(" (The)") {
            Some(rest) => format!("The {rest}"),
            None => security.to_string(),
        };
        let mut forms = with_ascii_variant(&name);
        if let Some(short) = short_name(&name, ctx) {
            forms.push(short);
            if let Some(rest) = name.strip_prefix("The ") {
                forms.push(rest.to_string());
            }
        }
        gaz.add(Kind::Organisation, &name, forms, 45);
    }
    gaz
}
