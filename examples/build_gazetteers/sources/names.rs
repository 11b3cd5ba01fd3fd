//! Given names and surnames: US Census 1990 (public domain) and `nam_dict` (GFDL,
//! kept in its own file).

use std::collections::BTreeMap;
use std::path::Path;

use super::Context;
use crate::model::{Gazetteer, Kind, SourceDoc};
use crate::text::{field, name_case, read_source, tsv_rows, with_ascii_variant};
use crate::wordlists::PLACE_NAME_PREFIXES;

/// Census given names up to this frequency rank (in the male or female list) are
/// kept even if they are also common words ("Crystal", "Amber").
const FREQUENT_GIVEN_NAME_RANK: u32 = 200;

/// Census surnames beyond this rank that are common words ("Right", "Officer",
/// "Current") are dropped; frequent ones (Brown, White, Young) stay.
const COMMON_WORD_SURNAME_RANK: u32 = 5_000;

/// True if a given name is kept as evidence for the given-name rule. Dropped: names
/// of one or two letters that are not census given names ("In", "Oh", "Se"), names
/// that are common English words or stopwords ("The", "Royal", "God") unless they
/// are frequent census names, and words that begin place names ("San", "Wadi").
fn good_given_name(name: &str, ctx: &Context) -> bool {
    let frequent = ctx
        .given_name_rank(name)
        .is_some_and(|r| r <= FREQUENT_GIVEN_NAME_RANK);
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    if letters <= 2 && !ctx.is_given_name(name) {
        return false;
    }
    if PLACE_NAME_PREFIXES.contains(&name) {
        return false;
    }
    !(ctx.is_common_word(name) || ctx.is_stopword(name)) || frequent
}

/// Census surnames beyond this frequency rank are left out (rare names add little
/// evidence and many forms).
const MAX_SURNAME_RANK: u32 = 40_000;

/// Rank from a census frequency relative to the most frequent name: the top name
/// gets 100, each factor of 10 less frequent loses 25, floor 5.
fn frequency_rank(freq: f64, max_freq: f64) -> u8 {
    if freq <= 0.0 || max_freq <= 0.0 {
        return 5;
    }
    (100.0 + 25.0 * (freq / max_freq).log10())
        .round()
        .clamp(5.0, 100.0) as u8
}

/// Reads a census list into name → frequency percent (names natural-cased).
fn census_list(dir: &Path, file: &str, max_rank: u32) -> BTreeMap<String, f64> {
    tsv_rows(&read_source(dir, &format!("names-us-census-1990/{file}")))
        .into_iter()
        .filter(|r| {
            field(r, 3)
                .parse::<u32>()
                .is_ok_and(|rank| rank <= max_rank)
        })
        .map(|r| (name_case(field(&r, 0)), field(&r, 1).parse().unwrap_or(0.0)))
        .collect()
}

/// Builds `names-census-1990.tsv`: given names (male and female lists merged) and
/// the most frequent surnames, ranked by frequency.
pub fn build_census(dir: &Path, ctx: &Context) -> Gazetteer {
    let mut gaz = Gazetteer::new(
        "names-census-1990.tsv",
        &[
            "Given names and surnames from the US Census Bureau 1990 frequently occurring names",
            "lists (public domain; via the `names` 0.3.0 PyPI package). Rank from frequency.",
        ],
        SourceDoc {
            source: "US Census Bureau 1990 name lists (`names-us-census-1990/`)",
            licence: "Public domain (US Government work)",
            attribution: "none required (courtesy: US Census Bureau)",
            taken: "All male and female first names (merged; the higher frequency wins) as \
                    `given-name`, and the 40,000 most frequent surnames as `surname`, converted \
                    to natural case (McDonald, O'Brien is not recoverable: the lists have no \
                    apostrophes). Rank = 100 + 25·log10(freq / top freq), floor 5.",
        },
    );
    let mut given: BTreeMap<String, f64> = BTreeMap::new();
    for file in ["male_first_names.tsv", "female_first_names.tsv"] {
        for (name, freq) in census_list(dir, file, u32::MAX) {
            let e = given.entry(name).or_default();
            *e = e.max(freq);
        }
    }
    let max_given = given.values().copied().fold(0.0, f64::max);
    for (name, freq) in given.iter().filter(|(n, _)| good_given_name(n, ctx)) {
        gaz.add(
            Kind::GivenName,
            name,
            [""; 0],
            frequency_rank(*freq, max_given),
        );
    }
    let surnames = census_list(dir, "surnames.tsv", MAX_SURNAME_RANK);
    let max_surname = surnames.values().copied().fold(0.0, f64::max);
    let rank_of = |n: &str| ctx.surname_rank(n).unwrap_or(u32::MAX);
    for (name, freq) in surnames
        .iter()
        .filter(|(n, _)| !(ctx.is_common_word(n) && rank_of(n) > COMMON_WORD_SURNAME_RANK))
    {
        gaz.add(
            Kind::Surname,
            name,
            [""; 0],
            frequency_rank(*freq, max_surname),
        );
    }
    gaz
}

/// Builds `given-names-nam-dict.tsv` from `nam_dict`'s first names (GFDL).
pub fn build_nam_dict(dir: &Path, ctx: &Context) -> Gazetteer {
    let mut gaz = Gazetteer::new(
        "given-names-nam-dict.tsv",
        &[
            "International given names derived from nam_dict.txt by Jörg Michael (2007-2008),",
            "as shipped in the gender-guesser 0.4.0 package.",
            "Copyright (c) 2007-2008 Jörg Michael.",
            "Permission is granted to copy, distribute and/or modify this document under the",
            "terms of the GNU Free Documentation License, Version 1.2 or any later version",
            "published by the Free Software Foundation; with no Invariant Sections, no",
            "Front-Cover Texts, and no Back-Cover Texts. See https://www.gnu.org/licenses/fdl-1.2.html",
            "This file is a modified version: names with a frequency of at least 2 in some",
            "country (or any frequency in Arabia/Persia) were kept, ASCII variants added, and",
            "ranks derived from the highest per-country frequency.",
        ],
        SourceDoc {
            source: "nam_dict.txt by Jörg Michael via gender-guesser 0.4.0 (`names-nam-dict/first_names.tsv`)",
            licence: "GNU FDL 1.2 or later (copyleft) — kept in its own file",
            attribution: "Copyright (c) 2007-2008 Jörg Michael; GNU Free Documentation License 1.2+",
            taken: "First names whose highest per-country frequency is at least 2 (of 13), or \
                    that occur at all in the Arabia/Persia column, as `given-name`, with an ASCII \
                    variant where the name has diacritics. Rank = highest frequency × 100 / 13.",
        },
    );
    for row in tsv_rows(&read_source(dir, "names-nam-dict/first_names.tsv")) {
        let mut max_freq = 0u32;
        let mut arabic = false;
        for pair in field(&row, 2).split('|') {
            if let Some((country, f)) = pair.rsplit_once(':') {
                let f: u32 = f.parse().unwrap_or(0);
                max_freq = max_freq.max(f);
                arabic |= country == "Arabia/Persia" && f > 0;
            }
        }
        if max_freq < 2 && !arabic {
            continue;
        }
        let name = field(&row, 0);
        if !good_given_name(name, ctx) {
            continue;
        }
        let rank = (max_freq * 100 / 13).clamp(5, 100) as u8;
        let forms: Vec<String> = with_ascii_variant(name)
            .into_iter()
            .filter(|f| good_given_name(f, ctx))
            .collect();
        gaz.add(Kind::GivenName, name, forms, rank);
    }
    gaz
}
