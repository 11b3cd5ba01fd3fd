//! OFAC Specially Designated Nationals list (public domain): sanctioned individuals,
//! designated terrorist groups and sanctioned companies/bodies, all at low rank.

use std::path::Path;

use super::{Context, entry_acronyms, good_alias};
use crate::model::{Gazetteer, Kind, SourceDoc};
use crate::text::{arabic_article_variants, field, read_source, tsv_rows, with_ascii_variant};

/// Words that show an SDGT-designated entity is an armed or militant group rather
/// than a company, charity or other body (FTO-listed entities are always groups).
const GROUP_WORDS: &[&str] = &[
    "BRIGADE",
    "BRIGADES",
    "ARMY",
    "FRONT",
    "MOVEMENT",
    "ORGANIZATION",
    "JIHAD",
    "MUJAHIDIN",
    "MUJAHIDEEN",
    "TIGERS",
    "FORCE",
    "FORCES",
    "BATTALION",
    "BATTALIONS",
    "PARTY",
    "QA'IDA",
    "QAIDA",
    "HIZBALLAH",
    "HAMAS",
    "TALIBAN",
    "LASHKAR",
    "LASHKAR-E-TAYYIBA",
    "JAISH",
    "JAYSH",
    "HARAKAT",
    "KATA'IB",
    "KATAIB",
    "SARAYA",
    "ANSAR",
    "ASA'IB",
    "SHABAAB",
    "NETWORK",
    "CELLS",
    "REVOLUTIONARY",
    "LIBERATION",
    "RESISTANCE",
    "VOLUNTEER",
    "COMMANDOS",
    "MILITIA",
    "EMIRATE",
    "JAMA'AT",
    "JAMAAT",
    "JEMAAH",
    "TEHRIK",
    "MARTYRS",
    "FIGHTERS",
    "GUARD",
    "GUARDS",
    "LEGION",
    "SQUAD",
    "UNIT",
];

/// Common Arabic given names: a kunya "Abu X" / "Umm X" with one of these is
/// shared by countless people and is not used as an alias.
const COMMON_KUNYA_NAMES: &[&str] = &[
    "Ali", "Muhammad", "Mohammed", "Mohammad", "Muhammed", "Ahmad", "Ahmed", "Hassan", "Hasan",
    "Hussein", "Husayn", "Husain", "Omar", "Umar", "Abdullah", "Abdallah", "Khalid", "Khaled",
    "Ibrahim", "Yusuf", "Yousef", "Mahmoud", "Mahmud", "Mustafa", "Hamza", "Hamzah", "Bakr",
    "Abbas", "Salman", "Sulayman", "Suleiman", "Uthman", "Usama", "Osama", "Zaid", "Zayd", "Musa",
    "Isa", "Yahya", "Hamid", "Jafar", "Ja'far", "Abd", "Bilal", "Talha", "Anas",
];

/// Builds `ofac-sdn.tsv`.
pub fn build(dir: &Path, ctx: &Context) -> Gazetteer {
    let mut gaz = Gazetteer::new(
        "ofac-sdn.tsv",
        &[
            "Individuals, designated groups and entities from the US Treasury OFAC Specially",
            "Designated Nationals (SDN) list, snapshot 2024-05-03. Public domain (US Government",
            "work); courtesy credit: U.S. Department of the Treasury, Office of Foreign Assets Control.",
            "Low ranks: most entries are obscure. Converted to natural case by gazetteer-ner's generator.",
        ],
        SourceDoc {
            source: "US Treasury OFAC SDN list, 2024-05-03 snapshot (`ofac-sdn/sdn_people_and_entities.tsv`)",
            licence: "Public domain (US Government work)",
            attribution: "none required (courtesy: U.S. Department of the Treasury, OFAC)",
            taken: "Individuals as `person` (rank 10; 15 with SDGT/FTO programmes) with their \
                    a.k.a./f.k.a./n.k.a. names turned into natural order; entities with FTO \
                    (rank 40), and SDGT entities whose name marks an armed group (Brigades, Army, Front, \
                    Movement, Jaish, Harakat...; rank 15), \
                    as `group`; all other entities (companies, banks, bodies) as `organisation` \
                    (rank 10). Vessels and aircraft are left out. Names converted from UPPERCASE \
                    with Arabic-article variants (al-X, Al-X, Al X). Aliases must have two \
                    tokens (or be a well-known acronym / 4+ letter unambiguous word for \
                    entities); generic kunyas (\"Abu Ali\") and aliases shared by two entries \
                    are dropped.",
        },
    );
    for row in tsv_rows(&read_source(dir, "ofac-sdn/sdn_people_and_entities.tsv")) {
        let programs: Vec<&str> = field(&row, 4).split('|').collect();
        let terror = programs.contains(&"SDGT") || programs.contains(&"FTO");
        let aliases: Vec<&str> = field(&row, 6)
            .split('|')
            .filter(|a| !a.is_empty())
            .collect();
        match field(&row, 1) {
            "individual" => add_individual(&mut gaz, field(&row, 3), &aliases, terror, ctx),
            "entity" => {
                let fto = programs.contains(&"FTO");
                add_entity(&mut gaz, field(&row, 2), &aliases, fto, terror, ctx);
            }
            _ => {}
        }
    }
    gaz.drop_ambiguous_aliases();
    gaz
}

/// "AL-TIKRITI, Saddam Hussein" → "Saddam Hussein AL-TIKRITI" (input still uncased).
fn natural_order(name: &str) -> String {
    match name.split_once(", ") {
        Some((last, first)) if !last.contains(' ') || last.chars().all(|c| !c.is_lowercase()) => {
            format!("{first} {last}")
        }
        _ => name.to_string(),
    }
}

/// True if an alias is a generic kunya such as "Abu Ali" or "Umm Ahmad".
fn is_generic_kunya(form: &str) -> bool {
    let words: Vec<&str> = form.split([' ', '-']).collect();
    words.len() == 2
        && ["Abu", "Umm", "Abou"].contains(&words[0])
        && COMMON_KUNYA_NAMES.contains(&words[1])
}

/// All cased surface variants of one uncased name.
fn person_variants(raw: &str, ctx: &Context) -> Vec<String> {
    let cased = ctx.case(&natural_order(raw), &Default::default());
    arabic_article_variants(&cased)
        .iter()
        .flat_map(|v| with_ascii_variant(v))
        .collect()
}

/// Adds one sanctioned individual.
fn add_individual(gaz: &mut Gazetteer, name: &str, aliases: &[&str], terror: bool, ctx: &Context) {
    let forms = person_variants(name, ctx);
    let Some(canonical) = forms.first().cloned() else {
        return;
    };
    let mut all: Vec<String> = forms;
    for a in aliases {
        all.extend(person_variants(a, ctx));
    }
    let all: Vec<String> = all
        .into_iter()
        .filter(|f| f.split_whitespace().count() >= 2 && !is_generic_kunya(f))
        .collect();
    gaz.add(Kind::Person, &canonical, all, if terror { 15 } else { 10 });
}

/// Adds one designated entity as a group or organisation.
fn add_entity(
    gaz: &mut Gazetteer,
    name: &str,
    aliases: &[&str],
    fto: bool,
    terror: bool,
    ctx: &Context,
) {
    let raw: Vec<String> = std::iter::once(name)
        .chain(aliases.iter().copied())
        .map(str::to_string)
        .collect();
    let armed = name
        .split([' ', '-'])
        .any(|w| GROUP_WORDS.contains(&w.trim_end_matches(',')));
    let (kind, rank) = if fto {
        (Kind::Group, 40)
    } else if terror && armed {
        (Kind::Group, 15)
    } else {
        (Kind::Organisation, 10)
    };
    let acronyms = entry_acronyms(&raw);
    let forms: Vec<String> = raw
        .iter()
        .map(|f| ctx.case(f, &acronyms))
        .flat_map(|f| arabic_article_variants(&f))
        .flat_map(|f| with_ascii_variant(&f))
        .collect();
    let canonical = forms[0].clone();
    if !canonical.contains(' ') && !good_alias(&canonical, ctx) {
        return;
    }
    let aliases: Vec<String> = forms.into_iter().filter(|f| good_alias(f, ctx)).collect();
    gaz.add(kind, &canonical, aliases, rank);
}
