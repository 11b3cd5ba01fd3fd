//! Propagation: once a document has named an entity, a bare use of one of
//! its names elsewhere is a mention too, with the same kind.
//!
//! The names propagated are every mention's own words; for persons, every
//! ending of their name ("Al Sadr", "Sadr" from "Moqtada Al Sadr") except a
//! lone particle or stop word, and their given name ("Isabel" of "Isabel
//! Ruiz"); and for other entities the acronym their
//! initials spell ("ARC" for "Arab Reform Council"), matched only where it
//! is written in capitals. A name that two entities share is ambiguous and
//! not propagated. A sentence-initial word before a name ("Later Al Sadr
//! left") may be left out of the run. A use must be a
//! whole run of capitalised words (a title may precede it), so "Sadr" in
//! "Sadr City" is not taken for the man.

use super::Cluster;
use super::alias::{name_key, words};
use crate::EntityKind;
use crate::hash::WordMap;
use crate::rules::{Context, acronym, cues};

/// Names (their words' keys joined by spaces) and the cluster each belongs
/// to, or `None` when two clusters share it.
type Names = WordMap<String, Option<usize>>;

fn claim(names: &mut Names, name: String, index: usize) {
    let slot = names.entry(name).or_insert(Some(index));
    if *slot != Some(index) {
        *slot = None;
    }
}

/// Every name the document's entities are known by.
struct Known {
    names: Names,
    acronyms: Names,
    /// The most words in a name.
    longest: usize,
}

/// Adds the further mentions of every cluster's names.
pub(crate) fn propagate(cx: &Context<'_>, clusters: &mut [Cluster]) {
    let mut names = Names::default();
    let mut acronyms = Names::default();
    let mut longest = 0;
    for (index, cluster) in clusters.iter().enumerate() {
        for &(s, e) in &cluster.mentions {
            let w = words(cx, s, e);
            let endings = if cluster.kind == EntityKind::Person {
                w.len()
            } else {
                1
            };
            for skip in 0..endings {
                let name = &w[skip..];
                if name.is_empty()
                    || (name.len() == 1 && (cues::is_particle(name[0]) || is_stopword(cx, name[0])))
                {
                    continue;
                }
                longest = longest.max(name.len());
                claim(&mut names, name.join(" "), index);
            }
        }
        if cluster.kind == EntityKind::Person {
            // A full name's given name ("Isabel" of "Isabel Ruiz").
            for &(s, e) in &cluster.mentions {
                if e - s >= 2 && cx.lexeme(s).given_name {
                    claim(&mut names, cx.keys.get(s).to_string(), index);
                }
            }
            continue;
        }
        for &(s, e) in &cluster.mentions {
            let Some(initials) = acronym::initials((s..e).map(|i| cx.word(i))) else {
                continue;
            };
            if e - s >= 2 && initials.chars().count() >= 2 {
                claim(&mut acronyms, initials, index);
            }
        }
    }
    if names.is_empty() {
        return;
    }
    let mut taken = vec![false; cx.tokens.len()];
    for cluster in clusters.iter() {
        for &(s, e) in &cluster.mentions {
            taken[s..e].fill(true);
        }
    }
    let known = Known {
        names,
        acronyms,
        longest,
    };
    let mut key = String::new();
    let mut run = 0;
    while run < cx.tokens.len() {
        let end = cx.name_run_end(run, false);
        if end == run {
            run += 1;
            continue;
        }
        // A title, determiner or stop word before the name is not part of it.
        let start = cx.trim_start_and_titles(run, end);
        if start >= end {
            run = end;
            continue;
        }
        if let Some((index, start)) = find_name(cx, &known, &taken, (start, end), &mut key) {
            clusters[index].mentions.push((start, end));
        }
        run = end;
    }
}

/// The cluster whose name the run `start..end` spells, and where the name
/// starts: the run less its first word is tried too when that word starts
/// a sentence.
fn find_name(
    cx: &Context<'_>,
    known: &Known,
    taken: &[bool],
    (start, end): (usize, usize),
    key: &mut String,
) -> Option<(usize, usize)> {
    if taken[start..end].iter().any(|&t| t) {
        return None;
    }
    let mut lookup = |s: usize| -> Option<(usize, usize)> {
        let word = cx.word(s);
        let single_acronym = end - s == 1 && acronym::is_acronym(&cx.tokens[s], word);
        if end - s > known.longest && !single_acronym {
            return None;
        }
        key.clear();
        name_key(cx, s, end, key);
        let found = known.names.get(key.as_str()).or_else(|| {
            single_acronym
                .then(|| known.acronyms.get(acronym::letters(word).as_str()))
                .flatten()
        });
        found.copied().flatten().map(|index| (index, s))
    };
    lookup(start).or_else(|| {
        (cx.tokens[start].sentence_start && start + 1 < end)
            .then(|| lookup(start + 1))
            .flatten()
    })
}

fn is_stopword(cx: &Context<'_>, key: &str) -> bool {
    cx.lexicon.get_key(key).stopword
}
