//! Propagation: once a document has named an entity, a bare use of one of
//! its names elsewhere is a mention too, with the same kind.
//!
//! The names propagated are every mention's own words; for persons, every
//! ending of their name ("Al Sadr", "Sadr" from "Moqtada Al Sadr") except a
//! lone particle or stop word; and acronyms merged into an entity. A name
//! that two entities share is ambiguous and not propagated. A use must be a
//! whole run of capitalised words (a title may precede it), so "Sadr" in
//! "Sadr City" is not taken for the man.

use std::collections::HashMap;

use super::Cluster;
use super::alias::words;
use crate::EntityKind;
use crate::rules::{Context, cues};

/// Adds the further mentions of every cluster's names.
pub(crate) fn propagate(cx: &Context<'_>, clusters: &mut [Cluster]) {
    let mut names: HashMap<Vec<String>, Option<usize>> = HashMap::new();
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
            start = if trimmed < end && cues::TITLES.contains(&cx.word(trimmed)) {
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
        if !taken[start..end].iter().any(|&t| t) && end - start <= longest {
            if let Some(Some(index)) = names.get(&words(cx, start, end)) {
                clusters[*index].mentions.push((start, end));
            }
        }
        run = end;
    }
}

fn is_stopword(cx: &Context<'_>, word: &str) -> bool {
    cx.lexicon.get(word).stopword
}
