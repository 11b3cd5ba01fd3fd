//! CountryInfo (CC BY-SA 3.0, Philip A. Schrodt): heads of state and government,
//! cabinet members and geographic features/regions. Share-alike, so everything
//! derived from it is kept in its own file.

use std::path::Path;

use super::{Context, good_alias};
use crate::model::{Gazetteer, Kind, SourceDoc};
use crate::text::{arabic_article_variants, field, read_source, tsv_rows, with_ascii_variant};

/// Words that mark a Regions/GeogFeatures line as a description, not a name.
const GENERIC_PLACE_WORDS: &[&str] = &["CANTON", "PROVINCE", "PROVINCES", "REGION", "REGIONS"];

/// Builds `countryinfo.tsv`.
pub fn build(dir: &Path, ctx: &Context) -> Gazetteer {
    let mut gaz = Gazetteer::new(
        "countryinfo.tsv",
        &[
            "Leaders, cabinet members and geographic features derived from CountryInfo.120116.txt",
            "(openeventdata/CountryInfo), (c) 2012 Philip A. Schrodt, Penn State Event Data Project.",
            "Licensed under Creative Commons Attribution-ShareAlike 3.0 (CC BY-SA 3.0,",
            "https://creativecommons.org/licenses/by-sa/3.0/). This derived file is offered under",
            "the same licence. Changes: converted from UPPERCASE to natural case, Arabic-article",
            "variants added, filtered and ranked by the gazetteer-ner generator.",
        ],
        SourceDoc {
            source: "openeventdata/CountryInfo `CountryInfo.120116.txt` (`countryinfo/countryinfo_parsed.tsv`)",
            licence: "CC BY-SA 3.0 (share-alike) — kept in its own file",
            attribution: "(c) 2012 Philip A. Schrodt, Penn State Event Data Project; CC BY-SA 3.0",
            taken: "`Leader` rows (heads of state/government about 1960-2009) as `person` rank 50; \
                    `Government` rows (cabinet members 2003-2011) as `person` rank 25; aliases \
                    from the aliases column; Arabic-article variants. `GeogFeatures` and \
                    `Regions` as `place` rank 30 (single words only if 5+ letters and not a \
                    common word or census name). Nationality, capitals and cities are not used \
                    (covered by the demonym list and GeoNames).",
        },
    );
    for row in tsv_rows(&read_source(dir, "countryinfo/countryinfo_parsed.tsv")) {
        let name = field(&row, 4);
        let aliases: Vec<&str> = field(&row, 5)
            .split('|')
            .filter(|a| !a.is_empty())
            .collect();
        match field(&row, 2) {
            "Leader" => add_person(&mut gaz, name, &aliases, 50, ctx),
            "Government" => add_person(&mut gaz, name, &aliases, 25, ctx),
            "GeogFeatures" | "Regions" => add_place(&mut gaz, name, &aliases, ctx),
            _ => {}
        }
    }
    gaz.drop_ambiguous_aliases();
    gaz
}

/// Adds a leader or minister with cased, Arabic-article and ASCII variants.
fn add_person(gaz: &mut Gazetteer, name: &str, aliases: &[&str], rank: u8, ctx: &Context) {
    let no_extra = Default::default();
    let forms: Vec<String> = std::iter::once(name)
        .chain(aliases.iter().copied())
        .map(|f| ctx.case(f, &no_extra))
        .flat_map(|f| arabic_article_variants(&f))
        .flat_map(|f| with_ascii_variant(&f))
        .filter(|f| f.split_whitespace().count() >= 2)
        .collect();
    if let Some(canonical) = forms.first() {
        gaz.add(Kind::Person, &canonical.clone(), forms, rank);
    }
}

/// Adds a region or geographic feature if its name is specific enough.
fn add_place(gaz: &mut Gazetteer, name: &str, aliases: &[&str], ctx: &Context) {
    let no_extra = Default::default();
    let forms: Vec<String> = std::iter::once(name)
        .chain(aliases.iter().copied())
        .filter(|f| {
            !f.split_whitespace()
                .any(|w| GENERIC_PLACE_WORDS.contains(&w))
        })
        .map(|f| ctx.case(f, &no_extra))
        .flat_map(|f| with_ascii_variant(&f))
        .filter(|f| {
            f.contains(' ')
                || (f.chars().count() >= 5 && good_alias(f, ctx) && !ctx.is_census_name(f))
        })
        .collect();
    if let Some(canonical) = forms.first() {
        gaz.add(Kind::Place, &canonical.clone(), forms, 30);
    }
}
