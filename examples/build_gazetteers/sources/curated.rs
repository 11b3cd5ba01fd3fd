//! Curated seeds (CC0, hand-written for the project): religions, ethnic groups,
//! armed groups, international organisations, news outlets, geographic regions and
//! features, and notable people. The seeds are sanity-checked here: forms that are
//! wrong or ambiguous are dropped (see [`DROPPED_FORMS`] and [`keep_form`]).

use std::path::Path;

use super::Context;
use crate::model::{Gazetteer, Kind, SourceDoc};
use crate::text::{arabic_article_variants, read_source, tsv_rows, with_ascii_variant};

/// Seed files with the kind and rank of their entries.
pub const SEED_FILES: &[(&str, Kind, u8)] = &[
    ("religions.tsv", Kind::Group, 90),
    ("ethnic_groups.tsv", Kind::Group, 60),
    ("armed_groups.tsv", Kind::Group, 70),
    ("international_organisations.tsv", Kind::Organisation, 90),
    ("news_outlets.tsv", Kind::Organisation, 70),
    ("geo_regions_features.tsv", Kind::Place, 75),
    ("notable_people.tsv", Kind::Person, 80),
];

/// Seed forms judged wrong or too ambiguous, with the reason.
const DROPPED_FORMS: &[(&str, &str)] = &[
    ("Amazon", "in news almost always the company, not the river"),
    ("Francis", "common given name (Pope Francis)"),
    ("Karen", "common given name (Karen people: Kayin kept)"),
    ("Fleming", "common surname"),
    ("Han", "common East Asian surname"),
    ("Fur", "common English word"),
    ("Maya", "common given name (Mayan kept)"),
    (
        "Dawn",
        "common English word and given name (Pakistani newspaper)",
    ),
    (
        "MENA",
        "usually the region acronym, not the Egyptian news agency",
    ),
    (
        "Palestine Red Crescent Society",
        "a different body from the Red Crescent movement",
    ),
    (
        "Iraqi Red Crescent",
        "a different body from the Red Crescent movement",
    ),
    (
        "ABC News (Australia)",
        "parenthetical disambiguator is not a surface form",
    ),
    ("Security Council", "also names national security councils"),
    ("Human Rights Council", "also names national bodies"),
];

/// Regnal and papal styles: titles that are part of how their bearers are named
/// ("King Salman", "Pope Francis"), so a seed form may start with one.
const REGNAL_STYLES: &[&str] = &[
    "King", "Queen", "Pope", "Emperor", "Empress", "Tsar", "Czar", "Shah", "Sultan", "Pharaoh",
];

/// Whether a person's seed form starts with a title that is outside a person
/// mention's span (GUIDELINES: "Mr Al Sadr" is the mention "Al Sadr"): one of the
/// library's titles (`gazetteer_ner::TITLES`), "Grand" before one ("Grand Ayatollah"),
/// but no regnal style.
fn starts_with_title(form: &str) -> bool {
    let mut words = form.split(' ');
    let first = words.next().unwrap_or("");
    let title = if first == "Grand" {
        words.next().unwrap_or("")
    } else {
        first
    };
    gazetteer_ner::TITLES.contains(&title) && !REGNAL_STYLES.contains(&title)
}

/// Seed forms that contain a census name or common word but are kept because they
/// name the entity unambiguously in news.
const KEPT_SINGLE_WORDS: &[&str] = &[
    "Saddam", "Moqtada", "Muqtada", "Assad", "Trump", "Biden", "Obama", "Lula", "Hamas", "Houthis",
    "Basij", "Tamils", "Hindus", "Sikhs", "Xi",
];

/// Builds `curated-seeds.tsv`.
pub fn build(dir: &Path, ctx: &Context) -> Gazetteer {
    let mut gaz = Gazetteer::new(
        "curated-seeds.tsv",
        &[
            "Curated seeds: religions, ethnic groups, armed groups, international organisations,",
            "news outlets, regions and geographic features, notable people.",
            "Source: /work/shared/gazetteer-sources/curated-seeds, hand-written for this project, CC0 1.0.",
            "Sanity-checked and filtered by the gazetteer-ner generator.",
        ],
        SourceDoc {
            source: "`curated-seeds/*.tsv`, hand-written for this project",
            licence: "CC0 1.0",
            attribution: "none required",
            taken: "All seven seed files. Checked by hand; dropped: forms with a leading \"the\" \
                    (\"the Levant\" becomes \"Levant\"), lower-case descriptive forms \
                    (\"evangelical Christians\"), parenthetical disambiguators, person forms \
                    that start with a title (\"Ayatollah Khamenei\", \"Sheikh Tamim\": the \
                    title is outside the span), single words that are common English words, \
                    US census given names or top-5,000 surnames (Harris, Bush, Francis, Karen, \
                    Fleming...), and a short list of wrong or ambiguous forms (Amazon as a \
                    river, MENA as a news agency, \"Security Council\", Dawn). IRGC, Quds Force \
                    and Basij are typed `organisation` (state forces, \"armies as \
                    institutions\"); other armed groups `group`.",
        },
    );
    gaz.protected
        .extend(KEPT_SINGLE_WORDS.iter().map(|s| s.to_string()));
    for (file, kind, rank) in SEED_FILES {
        for row in tsv_rows(&read_source(dir, &format!("curated-seeds/{file}"))) {
            let forms_field = row.last().map(String::as_str).unwrap_or("");
            let kind = if row.get(2).is_some_and(|k| k.starts_with("state military")) {
                Kind::Organisation
            } else {
                *kind
            };
            add_seed_row(&mut gaz, kind, &row[0], forms_field, *rank, ctx);
        }
    }
    gaz
}

/// Adds one seed row: the canonical name (or its first kept form) and kept forms.
fn add_seed_row(
    gaz: &mut Gazetteer,
    kind: Kind,
    canonical: &str,
    forms: &str,
    rank: u8,
    ctx: &Context,
) {
    let mut kept: Vec<String> = Vec::new();
    for form in std::iter::once(canonical).chain(forms.split('|')) {
        let form = form.strip_prefix("the ").unwrap_or(form);
        if keep_form(kind, form, ctx) {
            for variant in arabic_article_variants(form) {
                for v in with_ascii_variant(&variant) {
                    if !kept.contains(&v) {
                        kept.push(v);
                    }
                }
            }
        }
    }
    let Some(name) = kept.first().cloned() else {
        return;
    };
    gaz.add(kind, &name, kept, rank);
}

/// True if a seed form passes the sanity checks described in the module docs.
fn keep_form(kind: Kind, form: &str, ctx: &Context) -> bool {
    let first = form.split(' ').next().unwrap_or("");
    let lower_descriptive = first.starts_with(char::is_lowercase)
        && !crate::text::is_particle(first.split('-').next().unwrap_or(""))
        && !first.contains('-');
    let single = !form.contains(' ');
    let ambiguous_single = single
        && !KEPT_SINGLE_WORDS.contains(&form)
        && !ctx.is_known_acronym(form)
        && ctx.is_ambiguous_word(form);
    !form.is_empty()
        && !form.contains(['(', ')'])
        && !DROPPED_FORMS.iter().any(|(f, _)| *f == form)
        && !lower_descriptive
        && !ambiguous_single
        && !(kind == Kind::Person && form.contains(' ') && starts_with_title(form))
}
