//! Propagation: once a document has named an entity, a bare use of one of
//! its names elsewhere is a mention too, with the same kind.
//!
//! The names propagated are every mention's own words; for persons, every
//! ending of their name ("Al Sadr", "Sadr" from "Moqtada Al Sadr") except a
//! lone particle or stop word; and for other entities the acronym their
//! initials spell ("ARC" for "Arab Reform Council"), matched only where it
//! is written in capitals. A name that two entities share is ambiguous and
//! not propagated. A sentence-initial word before a name ("Later Al Sadr
//! left") may be left out of the run. A use must be a
//! whole run of capitalised words (a title may precede it), so "Sadr" in
//! "Sadr City" is not taken for the man.

use std::collections::HashMap;

use super::Cluster;
use super::alias::words;
use crate::EntityKind;
use crate::rules::{Context, acronym, cues};

/// Adds the further mentions of every cluster's names.
pub(crate) fn propagate(cx: &Context<'_>, clusters: &mut [Cluster]) {
    let mut names: HashMap<Vec<String>, Option<usize>> = HashMap::new();
    let mut acronyms: HashMap<String, Option<usize>> = HashMap::new();
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
                let name = w[skip..].to_vec();
                if name.is_empty()
                    || (name.len() == 1
                        && (cues::is_particle(&name[0]) || is_stopword(cx, &name[0])))
                {
                    continue;
                }
                longest = longest.max(name.len());
                let slot = names.entry(name).or_insert(Some(index));
                if *slot != Some(index) {
                    *slot = None;
                }
            }
        }
    }
    for (index, cluster) in clusters.iter().enumerate() {
        if cluster.kind == EntityKind::Person {
            continue;
        }
        for &(s, e) in &cluster.mentions {
            let Some(initials) = acronym::initials((s..e).map(|i| cx.word(i))) else {
                continue;
            };
            if e - s < 2 || initials.chars().count() < 2 {
                continue;
            }
            let slot = acronyms.entry(initials).or_insert(Some(index));
            if *slot != Some(index) {
                *slot = None;
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
    let mut run = 0;
    while run < cx.tokens.len() {
        let end = cx.name_run_end(run, false);
        if end == run {
            run += 1;
            continue;
        }
        // A title, determiner or stop word before the name is not part of it.
        let mut start = run;
        loop {
            let trimmed = cx.trim_start(start, end);
            start = if trimmed < end && cx.is_title(trimmed) {
                trimmed + 1
            } else {
                trimmed
            };
            if start == trimmed || start >= end {
                break;
            }
        }
        if start >= end {
            run = end;
            continue;
        }
        if let Some((index, start)) = find_name(cx, &names, &acronyms, &taken, start, end, longest)
        {
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
    names: &HashMap<Vec<String>, Option<usize>>,
    acronyms: &HashMap<String, Option<usize>>,
    taken: &[bool],
    start: usize,
    end: usize,
    longest: usize,
) -> Option<(usize, usize)> {
    if taken[start..end].iter().any(|&t| t) {
        return None;
    }
    let lookup = |s: usize| -> Option<(usize, usize)> {
        let word = cx.word(s);
        let found = if end - s == 1 && acronym::is_acronym(&cx.tokens[s], word) {
            names
                .get(&words(cx, s, end))
                .or_else(|| acronyms.get(&acronym::letters(word)))
        } else if end - s <= longest {
            names.get(&words(cx, s, end))
        } else {
            None
        };
        found.copied().flatten().map(|index| (index, s))
    };
    lookup(start).or_else(|| {
        (cx.tokens[start].sentence_start && start + 1 < end)
            .then(|| lookup(start + 1))
            .flatten()
    })
}

fn is_stopword(cx: &Context<'_>, word: &str) -> bool {
    cx.lexicon.get(word).stopword
}
