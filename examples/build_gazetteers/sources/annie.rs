//! GATE ANNIE gazetteer lists (LGPL-3.0): companies, organisations and
//! government bodies, newspapers and broadcasters, sports teams, UK
//! universities, regions, provinces and counties, airports, famous people.
//! Under a copyleft licence, so in files of their own (one per kind), each
//! with the LGPL notice.

use std::path::Path;

use super::Context;
use crate::model::{Gazetteer, Kind, SourceDoc};
use crate::text::with_ascii_variant;

/// The lists taken, by output kind, with each list's rank.
const ORGANISATION_LISTS: &[(&str, u8)] = &[
    ("company.lst", 25),
    ("more_company.lst", 25),
    ("companies_uk.lst", 25),
    ("organization.lst", 30),
    ("government.lst", 30),
    ("department.lst", 30),
    ("agency.lst", 30),
    ("ministry.lst", 30),
    ("charities.lst", 20),
    ("political_party.lst", 30),
    ("newspapers.lst", 25),
    ("tvcompany.lst", 25),
    ("radio_stations_uk.lst", 20),
    ("university_uk.lst", 25),
    ("team.lst", 35),
    ("mlb-teams.lst", 35),
    ("nba-teams.lst", 35),
    ("nfl-teams.lst", 35),
];

const PLACE_LISTS: &[(&str, u8)] = &[
    ("region_uk.lst", 30),
    ("province.lst", 25),
    ("region.lst", 40),
    ("mountain.lst", 30),
    ("water.lst", 30),
    ("airport.lst", 30),
    ("airports.lst", 30),
    ("racecourse.lst", 20),
    ("loc_other.lst", 30),
];

const PERSON_LISTS: &[(&str, u8)] = &[
    ("person_full.lst", 50),
    ("cabinet_ministers.lst", 40),
    ("foreign_ministers.lst", 40),
    ("person_sci.lst", 40),
];

/// The LGPL notice every file carries.
const NOTICE: [&str; 7] = [
    "Derived from the GATE ANNIE gazetteer lists (University of Sheffield,",
    "https://gate.ac.uk; GateNLP/gateplugin-ANNIE, commit c0236fada8696faa68781ae1d3e5ba5a520eef25,",
    "src/main/resources/resources/gazetteer/).",
    "This file is free software: you can redistribute it and/or modify it under the terms of",
    "the GNU Lesser General Public License, version 3, as published by the Free Software",
    "Foundation. It is distributed WITHOUT ANY WARRANTY; see the GNU Lesser General Public",
    "License (https://www.gnu.org/licenses/lgpl-3.0.html) for more details.",
];

/// Builds `annie-organisations.tsv`, `annie-places.tsv` and `annie-persons.tsv`.
pub fn build(dir: &Path, _ctx: &Context) -> Vec<Gazetteer> {
    vec![
        build_kind(
            dir,
            "annie-organisations.tsv",
            Kind::Organisation,
            ORGANISATION_LISTS,
            SourceDoc {
                source: "GATE ANNIE gazetteer lists (`gate-annie/`): company.lst, more_company.lst, \
                         companies_uk.lst, organization.lst, government.lst, department.lst, \
                         agency.lst, ministry.lst, charities.lst, political_party.lst, \
                         newspapers.lst, tvcompany.lst, radio_stations_uk.lst, \
                         university_uk.lst, team.lst, mlb-teams.lst, nba-teams.lst, nfl-teams.lst",
                licence: "GNU LGPL 3.0 (GATE, University of Sheffield)",
                attribution: "LGPL notice and source kept in the file header",
                taken: "Every entry as `organisation` (ranks 20-35: companies 25, government \
                        bodies and parties 30, sports teams 35), its `:feature` part cut, with an \
                        ASCII variant; entries written without a capital are left out; the \
                        common-word and short-form filters apply as to every file, and forms \
                        another source gives the same kind are left out. The case \
                        variants (`_cap`, `_lower`) and the ambiguous lists (`company_ambig.lst`) \
                        are not taken.",
            },
        ),
        build_kind(
            dir,
            "annie-places.tsv",
            Kind::Place,
            PLACE_LISTS,
            SourceDoc {
                source: "GATE ANNIE gazetteer lists (`gate-annie/`): region_uk.lst, province.lst, \
                         region.lst, mountain.lst, water.lst, airport.lst, airports.lst, \
                         racecourse.lst, loc_other.lst",
                licence: "GNU LGPL 3.0 (GATE, University of Sheffield)",
                attribution: "LGPL notice and source kept in the file header",
                taken: "Every entry as `place` (ranks 20-40), as for the organisations (forms \
                        another source gives are left out). Cities \
                        (`city*.lst`: GeoNames covers them; `city_uk.lst` is 23,000 villages, \
                        many named like words) and facilities (how to type them is open) are \
                        not taken.",
            },
        ),
        build_kind(
            dir,
            "annie-persons.tsv",
            Kind::Person,
            PERSON_LISTS,
            SourceDoc {
                source: "GATE ANNIE gazetteer lists (`gate-annie/`): person_full.lst, \
                         cabinet_ministers.lst, foreign_ministers.lst, person_sci.lst",
                licence: "GNU LGPL 3.0 (GATE, University of Sheffield)",
                attribution: "LGPL notice and source kept in the file header",
                taken: "Every entry as `person` (ranks 40-50), as for the organisations (forms \
                        another source gives are left out); the person filters (no lone census \
                        name, no digit) apply.",
            },
        ),
    ]
}

fn build_kind(
    dir: &Path,
    file_name: &'static str,
    kind: Kind,
    lists: &[(&str, u8)],
    doc: SourceDoc,
) -> Gazetteer {
    let header: Vec<&str> = NOTICE.to_vec();
    let mut gaz = Gazetteer::new(file_name, &header, doc);
    for &(list, rank) in lists {
        for entry in read_list(dir, list) {
            let forms = with_ascii_variant(&entry);
            gaz.add(kind, &entry, forms, rank);
        }
    }
    gaz
}

/// The entries of one list: its lines without their `:feature=value` part,
/// trimmed, leaving out empty lines, entries with an HTML-escaped
/// ampersand, and entries with no capital letter or that start with a
/// lower-case letter (other than an Arabic article, "al-Jazeera").
/// `companies_uk.lst` is ISO-8859-1; the others UTF-8.
fn read_list(dir: &Path, list: &str) -> Vec<String> {
    let path = dir.join("gate-annie").join(list);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: cannot read source file {}: {e}", path.display());
            std::process::exit(1);
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => e.into_bytes().iter().map(|&b| char::from(b)).collect(),
    };
    text.lines()
        .map(|line| line.split(':').next().unwrap_or("").trim().to_string())
        .filter(|entry| {
            let first_lower = entry.starts_with(char::is_lowercase)
                && !["al-", "el-", "al "].iter().any(|p| entry.starts_with(p));
            // A few entries carry an HTML-escaped ampersand ("AT&amp;T").
            let escaped = entry.to_lowercase().contains("&amp;");
            !entry.is_empty() && entry.chars().any(char::is_uppercase) && !first_lower && !escaped
        })
        .collect()
}
