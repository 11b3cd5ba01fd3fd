//! One module per source folder; each builds one output file. [`Context`] holds the
//! shared word lists used for filtering.

pub mod annie;
pub mod companies;
pub mod countryinfo;
pub mod curated;
pub mod geonames;
pub mod handwritten;
pub mod names;
pub mod newspapers;
pub mod ofac_sdn;
pub mod partyfacts;
pub mod phoenix;
pub mod universities;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::text::{field, fold_diacritics, name_case, natural_case, read_source, tsv_rows};
use crate::wordlists::{COMMON_WORD_PLACES, COMMON_WORDS, KNOWN_ACRONYMS, stopwords};

/// Census surnames up to this frequency rank count as "common" for filtering.
const COMMON_SURNAME_RANK: u32 = 5_000;

/// Shared filtering knowledge: acronyms, common words and US Census names (public
/// domain, so using them to filter does not tie any output to a copyleft source).
pub struct Context {
    acronyms: BTreeSet<String>,
    common_words: BTreeSet<String>,
    stopwords: BTreeSet<&'static str>,
    given_names: BTreeSet<String>,
    given_name_rank: BTreeMap<String, u32>,
    surname_rank: BTreeMap<String, u32>,
}

impl Context {
    /// Loads the word lists, the census names and the all-caps forms of the curated
    /// seeds (which are treated as known acronyms).
    pub fn load(dir: &Path) -> Self {
        let mut acronyms: BTreeSet<String> = KNOWN_ACRONYMS.iter().map(|s| s.to_string()).collect();
        for file in curated::SEED_FILES {
            for row in tsv_rows(&read_source(dir, &format!("curated-seeds/{}", file.0))) {
                for form in row.last().map(String::as_str).unwrap_or("").split('|') {
                    if form.len() >= 2
                        && !form.contains(' ')
                        && form
                            .chars()
                            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                    {
                        acronyms.insert(form.to_string());
                    }
                }
            }
        }
        let mut common_words: BTreeSet<String> =
            stopwords().iter().map(|s| s.to_string()).collect();
        common_words.extend(COMMON_WORD_PLACES.iter().map(|s| s.to_string()));
        common_words.extend(COMMON_WORDS.iter().map(|s| s.to_string()));

        let mut given_names = BTreeSet::new();
        let mut given_name_rank: BTreeMap<String, u32> = BTreeMap::new();
        for file in ["male_first_names.tsv", "female_first_names.tsv"] {
            let text = read_source(dir, &format!("names-us-census-1990/{file}"));
            for row in tsv_rows(&text) {
                let name = name_case(field(&row, 0));
                let rank: u32 = field(&row, 3).parse().unwrap_or(u32::MAX);
                let best = given_name_rank.entry(name.clone()).or_insert(rank);
                *best = (*best).min(rank);
                given_names.insert(name);
            }
        }
        let mut surname_rank = BTreeMap::new();
        for row in tsv_rows(&read_source(dir, "names-us-census-1990/surnames.tsv")) {
            let rank: u32 = field(&row, 3).parse().unwrap_or(u32::MAX);
            surname_rank.insert(name_case(field(&row, 0)), rank);
        }
        Context {
            acronyms,
            common_words,
            stopwords: stopwords(),
            given_names,
            given_name_rank,
            surname_rank,
        }
    }

    /// Natural case for an UPPERCASE source name, keeping known acronyms and any
    /// `extra` acronyms (e.g. the initials of the entry's long name) upper case.
    pub fn case(&self, s: &str, extra: &BTreeSet<String>) -> String {
        if extra.is_empty() {
            natural_case(s, &self.acronyms)
        } else {
            let all: BTreeSet<String> = self.acronyms.union(extra).cloned().collect();
            natural_case(s, &all)
        }
    }

    /// True if `s` (or its diacritic-folded form) is a stopword or a common English
    /// word (see [`COMMON_WORDS`]), written capitalised or in lower case ("Open",
    /// "open"). An ALL-CAPS token is an acronym ("ICE", "WHO") and is compared as
    /// written only.
    pub fn is_common_word(&self, s: &str) -> bool {
        let folded = fold_diacritics(s);
        if self.common_words.contains(s) || self.common_words.contains(&folded) {
            return true;
        }
        // Only plain capitalised or lower-case spellings are compared case-blind:
        // "LeT" (Lashkar-e-Taiba) is not "Let".
        let cased = name_case(&folded);
        (folded == cased || folded.chars().all(|c| !c.is_uppercase()))
            && self.common_words.contains(&cased)
    }

    /// True if `s` is a stopword (in any casing): pronouns, determiners, titles...
    pub fn is_stopword(&self, s: &str) -> bool {
        self.stopwords.contains(s) || self.stopwords.contains(name_case(s).as_str())
    }

    /// How common `s` is as a US person name: 2 for a frequent one (a top-500 census
    /// given name or a top-2,000 surname), 1 for any census given name or a top-10,000
    /// surname, 0 otherwise.
    pub fn person_name_weight(&self, s: &str) -> u8 {
        let given = self.given_name_rank.get(s).copied();
        let surname = self.surname_rank.get(s).copied();
        if given.is_some_and(|r| r <= 500) || surname.is_some_and(|r| r <= 2_000) {
            2
        } else if given.is_some() || surname.is_some_and(|r| r <= 10_000) {
            1
        } else {
            0
        }
    }

    /// Frequency rank of a census surname (1 = most frequent), if it is one.
    pub fn surname_rank(&self, s: &str) -> Option<u32> {
        self.surname_rank.get(s).copied()
    }

    /// Frequency rank of a census given name (1 = most frequent), if it is one.
    pub fn given_name_rank(&self, s: &str) -> Option<u32> {
        self.given_name_rank.get(s).copied()
    }

    /// True if `s` is a known short acronym that may be emitted despite its length.
    pub fn is_known_acronym(&self, s: &str) -> bool {
        self.acronyms.contains(s)
    }

    /// True if `s` is a US census given name.
    pub fn is_given_name(&self, s: &str) -> bool {
        self.given_names.contains(s)
    }

    /// True if `s` is a census given name or a census surname of any frequency.
    pub fn is_census_name(&self, s: &str) -> bool {
        self.given_names.contains(s) || self.surname_rank.contains_key(s)
    }

    /// True if a single-token form is too ambiguous to name one entity: a common
    /// word, a US census given name or a common US surname (top 5,000).
    pub fn is_ambiguous_word(&self, s: &str) -> bool {
        self.is_common_word(s)
            || self.given_names.contains(s)
            || self
                .surname_rank
                .get(s)
                .is_some_and(|r| *r <= COMMON_SURNAME_RANK)
    }
}

/// True if a single token is written in capitals (two or more letters, none lower
/// case): "WHO", "ICE", "U.S.".
pub fn is_acronym_shaped(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    !s.contains(' ') && letters >= 2 && !s.chars().any(char::is_lowercase)
}

/// Upper-case initials of the capitalised words of a name ("Islamic Revolutionary
/// Guard Corps" → "IRGC"), used to recognise an entry's own acronym.
pub fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// The acronyms of an entry: its single-token ALL-CAPS forms that equal the initials
/// of one of its multi-word forms.
pub fn entry_acronyms(forms: &[String]) -> BTreeSet<String> {
    let inits: BTreeSet<String> = forms
        .iter()
        .filter(|f| f.contains(' '))
        .map(|f| initials(f))
        .collect();
    forms
        .iter()
        .filter(|f| !f.contains(' ') && inits.contains(f.as_str()))
        .cloned()
        .collect()
}

/// True if a surface form is acceptable as an alias in a generated file: at least
/// two tokens, or one token that is a known acronym or a long enough unambiguous
/// word (four or more letters, not a common word or census name).
pub fn good_alias(form: &str, ctx: &Context) -> bool {
    if form.split_whitespace().count() >= 2 {
        return !form.contains(['(', ')', '+', '*', '?', '"', '#'])
            && !form
                .split_whitespace()
                .any(|t| t.chars().all(|c| c.is_ascii_digit() || c == '.'));
    }
    let letters = form.chars().filter(|c| c.is_alphabetic()).count();
    ctx.is_known_acronym(form) || (letters >= 4 && !ctx.is_ambiguous_word(form))
}
