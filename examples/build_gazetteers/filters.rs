//! Final checks applied to every generated file after the per-source filters, so
//! that no source can bring back a class of junk forms (see "Ambiguity handling" in
//! `SOURCES.md`):
//!
//! - a single-token entity form that is a stopword or a common English word in any
//!   casing ("Okay", "Open", "God", "Time") is dropped, unless it is an ALL-CAPS
//!   acronym or a protected form (country short forms, demonyms, hand-checked seed
//!   words);
//! - a one- or two-character entity form is dropped unless it is a known acronym or
//!   protected ("Ig", "Se", "Ob");
//! - a person, group or organisation form spelled like a country or continent
//!   ("The USA", "Iran", "UK") is dropped;
//! - a person form is dropped if it starts with a determiner or pronoun ("The US",
//!   "I Gede ..."), holds a digit, or is a single token that is a census given name
//!   or a top-5,000 census surname;
//! - "The X" becomes "X" where X is a multi-word name or an acronym (a leading
//!   "the" is outside the mention), but "The Hague" or "The Guardian" stay whole.

use std::collections::BTreeSet;

use crate::model::{Gazetteer, Kind};
use crate::sources::{Context, is_acronym_shaped};

/// Determiners and pronouns that never begin a person's name.
const NON_NAME_STARTS: &[&str] = &[
    "The", "A", "An", "I", "My", "Our", "Your", "His", "Her", "Their", "Its", "This", "That",
    "These", "Those", "We", "You", "He", "She", "They", "It", "Some", "Any", "All", "No", "THE",
];

/// Applies the final checks to all files, with the union of their protected forms.
pub fn apply(files: &mut [Gazetteer], ctx: &Context) {
    let protected: BTreeSet<String> = files.iter().flat_map(|g| g.protected.clone()).collect();
    // The protected forms of the place file are country and continent names.
    let countries: BTreeSet<String> = files
        .iter()
        .filter(|g| g.file_name.starts_with("places-"))
        .flat_map(|g| g.protected.clone())
        .collect();
    for gaz in files.iter_mut() {
        gaz.fix_forms(|kind, form| {
            if kind != Kind::Place && is_entity(kind) && countries.contains(bare(form)) {
                // "The USA" is not a person, "Iran" not a newspaper, "UK" not a party.
                return None;
            }
            fix_form(kind, form, &protected, ctx)
        });
    }
}

/// True for the kinds that are mentions (not word lists).
fn is_entity(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Person | Kind::Group | Kind::Place | Kind::Organisation
    )
}

/// The form to keep for one surface form of an entity, or `None` to drop it.
fn fix_form(kind: Kind, form: &str, protected: &BTreeSet<String>, ctx: &Context) -> Option<String> {
    if !is_entity(kind) || protected.contains(form) {
        return Some(form.to_string());
    }
    let tokens: Vec<&str> = form.split_whitespace().collect();
    if let Some(rest) = form.strip_prefix("The ")
        && kind != Kind::Person
        && (rest.contains(' ') || ctx.is_known_acronym(rest))
    {
        return fix_form(kind, rest, protected, ctx);
    }
    if tokens.len() == 1 {
        if form.chars().count() <= 2 && !ctx.is_known_acronym(form) {
            return None;
        }
        if !is_acronym_shaped(form) && ctx.is_common_word(form) {
            return None;
        }
        if kind == Kind::Person && ctx.is_ambiguous_word(form) {
            return None;
        }
    }
    if kind == Kind::Person {
        let first = tokens.first().copied().unwrap_or("");
        if NON_NAME_STARTS.contains(&first) || form.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    Some(form.to_string())
}

/// A form without a leading article.
fn bare(form: &str) -> &str {
    form.strip_prefix("The ")
        .or_else(|| form.strip_prefix("the "))
        .unwrap_or(form)
}

/// Drops from the files whose names start with `prefix` the forms that a
/// file of another source already gives the same kind: the duplicate
/// would only make the matcher report the same reading twice.
pub fn drop_forms_known_elsewhere(files: &mut [Gazetteer], prefix: &str) {
    let known: BTreeSet<(Kind, String)> = files
        .iter()
        .filter(|g| !g.file_name.starts_with(prefix))
        .flat_map(|g| {
            g.entries().flat_map(|e| {
                std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .map(|form| (e.kind, form.clone()))
            })
        })
        .collect();
    for gaz in files.iter_mut().filter(|g| g.file_name.starts_with(prefix)) {
        gaz.fix_forms(|kind, form| {
            (!known.contains(&(kind, form.to_string()))).then(|| form.to_string())
        });
    }
}
