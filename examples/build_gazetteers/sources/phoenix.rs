//! Phoenix/CAMEO actor dictionaries (MIT, Open Event Data Alliance): non-state armed
//! groups (MilNonState) and international actors (IGOs, NGOs, media, companies and
//! IGO heads). The Countries dictionary is not used: it is generated from CountryInfo
//! (CC BY-SA), whose people go into the CountryInfo file instead.

use std::collections::BTreeMap;
use std::path::Path;

use super::companies::short_name;
use super::{Context, entry_acronyms, good_alias};
use crate::model::{Gazetteer, Kind, SourceDoc};
use crate::text::{arabic_article_variants, field, read_source, tsv_rows, with_ascii_variant};

/// Words that mark a dictionary line as a role or description rather than a name
/// ("UN SECRETARY GENERAL", "FOREIGN OWNED VESSEL", "EARL SLACK ... spokesman").
const ROLE_WORDS: &[&str] = &[
    "SECRETARY",
    "SPOKESMAN",
    "SPOKESWOMAN",
    "SPOKESPERSON",
    "OFFICIAL",
    "OFFICIALS",
    "CHIEF",
    "PEACEKEEPER",
    "PEACEKEEPERS",
    "DIRECTOR",
    "REPRESENTATIVE",
    "ENVOY",
    "MEMBER",
    "MEMBERS",
    "STAFF",
    "WORKER",
    "WORKERS",
    "EMPLOYEE",
    "EMPLOYEES",
    "CHAIRMAN",
    "INSPECTOR",
    "INSPECTORS",
    "DELEGATE",
    "DELEGATION",
    "VESSEL",
    "TROOPS",
    "OBSERVER",
    "OBSERVERS",
    "MONITORS",
    "EXPERT",
    "EXPERTS",
    "AGENT",
    "EXECUTIVE",
    "PRESIDENT",
    "HEAD",
    "LEADER",
    "COMMANDER",
    "SOLDIER",
    "SOLDIERS",
    "CONTINGENT",
    "MISSION",
    "FOREIGN",
    "OWNED",
    "GENERAL-SECRETARY",
    "SECRETARY-GENERAL",
    "MILITANTS",
    "GUNMEN",
    "REBELS",
    "SUPPORTERS",
    "CHIEF",
    "SECY",
    "SEC.",
    "GEN",
    "GEN.",
    "MR",
    "MR.",
    "DR",
    "DR.",
];

/// Words that show a name is an organisation even if it starts with a given name.
const ORG_WORDS: &[&str] = &[
    "COMPANY",
    "CORPORATION",
    "CORP",
    "BANK",
    "GROUP",
    "INTERNATIONAL",
    "ASSOCIATION",
    "FOUNDATION",
    "INSTITUTE",
    "FUND",
    "COUNCIL",
    "COMMITTEE",
    "NETWORK",
    "ORGANIZATION",
    "ORGANISATION",
    "AGENCY",
    "SOCIETY",
    "UNION",
    "FEDERATION",
    "CENTER",
    "CENTRE",
    "MOTORS",
    "AIRLINES",
    "AIRWAYS",
    "OIL",
    "ENERGY",
    "NEWS",
    "TIMES",
    "PRESS",
    "RADIO",
    "TELEVISION",
    "TRUST",
    "HOLDINGS",
    "INDUSTRIES",
    "LIMITED",
    "LTD",
    "INC",
    "PLC",
    "UNIVERSITY",
    "FRONT",
    "ARMY",
    "BRIGADE",
    "BRIGADES",
    "MOVEMENT",
    "PARTY",
    "LEAGUE",
];

/// One dictionary entry: its forms (canonical first), codes and comment.
struct Actor {
    file: String,
    forms: Vec<String>,
    codes: String,
    comment: String,
}

/// Builds `phoenix.tsv`.
pub fn build(dir: &Path, ctx: &Context) -> Gazetteer {
    let mut gaz = Gazetteer::new(
        "phoenix.tsv",
        &[
            "Armed groups, international organisations, NGOs, media, companies and IGO heads",
            "from the Phoenix/CAMEO actor dictionaries (openeventdata/petrarch2).",
            "The MIT License (MIT). Copyright (c) 2014 Open Event Data Alliance.",
            "Permission is hereby granted, free of charge, to any person obtaining a copy of this",
            "software and associated documentation files (the \"Software\"), to deal in the Software",
            "without restriction, including without limitation the rights to use, copy, modify,",
            "merge, publish, distribute, sublicense, and/or sell copies of the Software, and to",
            "permit persons to whom the Software is furnished to do so, subject to the following",
            "conditions: The above copyright notice and this permission notice shall be included",
            "in all copies or substantial portions of the Software.",
            "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,",
            "INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A",
            "PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT",
            "HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF",
            "CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE",
            "OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.",
            "MilNonState names were derived from the START TOPS database (Kenwick, Kim & Leonard 2013).",
        ],
        SourceDoc {
            source: "openeventdata/petrarch2 `Phoenix.MilNonState.actors.txt` and \
                     `Phoenix.International.actors.txt` via `actors_parsed.tsv`",
            licence: "MIT (Copyright (c) 2014 Open Event Data Alliance)",
            attribution: "MIT notice kept in the file header; MilNonState derived from START TOPS \
                          (Kenwick, Kim & Leonard 2013)",
            taken: "MilNonState entries as `group` (rank 30). International entries as \
                    `organisation`: IGO 50, media (MED codes) 40, companies (MNC) 30, NGO 25; \
                    heads of IGOs (comment `IGOrulers`) as `person` (rank 40). Role and \
                    description lines (\"UN SECRETARY GENERAL\", \"FOREIGN OWNED VESSEL\") and \
                    other individual staff names are dropped; MilNonState entries that name a \
                    person (\"Abu Ayyub al-Masri\") are typed `person`. Company short names \
                    drop legal suffixes (Inc, Corp...). Names converted from UPPERCASE to \
                    natural case, parenthesised acronyms split off, aliases of fewer than 4 \
                    letters kept only if well-known acronyms, aliases claimed by two entries \
                    dropped. The Countries dictionary is not used: it is generated from \
                    CountryInfo (CC BY-SA) and its people are in the CountryInfo file.",
        },
    );
    for actor in load_actors(&read_source(
        dir,
        "phoenix-cameo-dictionaries/actors_parsed.tsv",
    )) {
        add_actor(&mut gaz, &actor, ctx);
    }
    gaz.drop_ambiguous_aliases();
    gaz
}

/// Groups the parsed rows of the MilNonState and International files into entries.
fn load_actors(text: &str) -> Vec<Actor> {
    let mut actors: BTreeMap<(String, u32), Actor> = BTreeMap::new();
    for row in tsv_rows(text) {
        let file = field(&row, 0);
        if file.contains("Countries") {
            continue;
        }
        let key = (file.to_string(), field(&row, 1).parse().unwrap_or(0));
        let actor = actors.entry(key).or_insert_with(|| Actor {
            file: file.to_string(),
            forms: vec![field(&row, 2).to_string()],
            codes: field(&row, 5).to_string(),
            comment: field(&row, 6).to_string(),
        });
        let form = field(&row, 3).to_string();
        if !actor.forms.contains(&form) {
            actor.forms.push(form);
        }
    }
    actors.into_values().collect()
}

/// True if an UPPERCASE dictionary form is a role or description, not a name.
fn is_role(form: &str) -> bool {
    form.split([' ', '_']).any(|w| ROLE_WORDS.contains(&w))
}

/// Splits "ADEN ABYAN ISLAMIC ARMY (AAIA)" into the name and its bracketed acronym.
fn split_parenthesis(form: &str) -> Vec<String> {
    match form.split_once('(') {
        Some((name, rest)) => {
            let inner = rest.split(')').next().unwrap_or("").trim();
            vec![name.trim().to_string(), inner.to_string()]
        }
        None => vec![form.trim().to_string()],
    }
}

/// Classifies and adds one actor entry.
fn add_actor(gaz: &mut Gazetteer, actor: &Actor, ctx: &Context) {
    let code = actor.codes.get(..3).unwrap_or("");
    let is_ruler = actor.comment.contains("rulers");
    let first_form = actor.forms.first().map(String::as_str).unwrap_or("");
    let (kind, rank) = if actor.file.contains("MilNonState") {
        let org_word = first_form
            .split_whitespace()
            .any(|w| ORG_WORDS.contains(&w));
        if looks_like_person(first_form, ctx) || (first_form.starts_with("ABU ") && !org_word) {
            (Kind::Person, 30)
        } else {
            (Kind::Group, 30)
        }
    } else if is_ruler {
        (Kind::Person, 40)
    } else if code == "IGO" {
        (Kind::Organisation, 50)
    } else if code == "MED"
        || actor
            .codes
            .split('|')
            .next()
            .is_some_and(|c| c.contains("MED"))
    {
        (Kind::Organisation, 40)
    } else if code == "MNC" {
        (Kind::Organisation, 30)
    } else if code == "NGO" {
        (Kind::Organisation, 25)
    } else {
        return;
    };
    let raw: Vec<String> = actor
        .forms
        .iter()
        .filter(|f| !f.contains(['+', ',']) && !is_role(f))
        .flat_map(|f| split_parenthesis(f))
        .filter(|f| !f.is_empty())
        .collect();
    let Some(first) = raw.first() else {
        return;
    };
    if kind == Kind::Organisation && looks_like_person(first, ctx) {
        return;
    }
    let acronyms = entry_acronyms(&raw);
    let mut forms: Vec<String> = Vec::new();
    for f in &raw {
        let cased = ctx.case(f, &acronyms);
        let variants = if kind == Kind::Organisation {
            vec![cased]
        } else {
            arabic_article_variants(&cased)
        };
        for v in variants {
            forms.extend(with_ascii_variant(&v));
        }
    }
    if code == "MNC" {
        let shorts: Vec<String> = forms.iter().filter_map(|f| short_name(f, ctx)).collect();
        forms.extend(shorts);
    }
    let name = forms[0].clone();
    if !good_alias(&name, ctx) && !name.contains(' ') {
        return;
    }
    let aliases: Vec<String> = forms.into_iter().filter(|f| good_alias(f, ctx)).collect();
    gaz.add(kind, &name, aliases, rank);
}

/// True if an UPPERCASE name looks like an individual's name ("EARL SLACK",
/// "GILLIAN MELLSOP"): two to four words, the first a census given name, and no
/// organisation word.
fn looks_like_person(form: &str, ctx: &Context) -> bool {
    let words: Vec<&str> = form.split_whitespace().collect();
    let first = crate::text::name_case(words.first().unwrap_or(&""));
    (2..=4).contains(&words.len())
        && ctx.is_given_name(&first)
        && !words.iter().any(|w| ORG_WORDS.contains(w))
}
