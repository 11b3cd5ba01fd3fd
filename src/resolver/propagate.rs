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

use super::alias::name_key;
use super::{Cluster, claim};
use crate::EntityKind;
use crate::hash::WordMap;
use crate::rules::{Context, acronym};
use crate::tokenizer::TokenKind;

/// Names (their words' keys joined by spaces) and the cluster each belongs
/// to, or `None` when two clusters share it.
type Names<'n> = WordMap<&'n str, Option<usize>>;

/// Every name the document's entities are known by.
struct Known<'n> {
    names: Names<'n>,
    acronyms: Names<'n>,
    /// The most words in a name.
    longest: usize,
}

/// Where a claimed name is: in the spelled-out names, or the key of a
/// token.
enum Spelled {
    Written(std::ops::Range<usize>),
    Key(usize),
}

/// A name claimed for a cluster, before the names are indexed.
struct Claim {
    name: Spelled,
    index: usize,
    acronym: bool,
}

/// Adds the further mentions of every cluster's names.
pub(crate) fn propagate(cx: &Context<'_>, clusters: &mut [Cluster]) {
    // The names are written into one buffer and indexed once it is done.
    // Both are made large enough up front: a mention makes at most a claim
    // per word and one more (its given name or its acronym), and writes
    // about its text and its initials.
    let (mut most_claims, mut bytes) = (0, 0);
    for &(s, e) in clusters.iter().flat_map(|c| &c.mentions) {
        most_claims += e - s + 1;
        bytes += cx.tokens[e - 1].end - cx.tokens[s].start + e - s;
    }
    let mut written = String::with_capacity(bytes);
    let mut claims = Vec::with_capacity(most_claims);
    // Where each word of a mention starts in `written`, and its token.
    let mut word_starts: Vec<(usize, usize)> = Vec::new();
    let mut longest = 0;
    for (index, cluster) in clusters.iter().enumerate() {
        let person = cluster.kind == EntityKind::Person;
        for &(s, e) in &cluster.mentions {
            word_starts.clear();
            let start = written.len();
            for i in (s..e).filter(|&i| cx.tokens[i].kind == TokenKind::Word) {
                if written.len() > start {
                    written.push(' ');
                }
                word_starts.push((written.len(), i));
                written.push_str(cx.keys.get(i));
            }
            // For persons, every ending of the name; for others, the name.
            let endings = if person { word_starts.len() } else { 1 };
            for (skip, &(from, token)) in word_starts.iter().enumerate().take(endings) {
                let words = word_starts.len() - skip;
                if words == 1 && (cx.is_particle(token) || is_stopword(cx, token, &written[from..]))
                {
                    continue;
                }
                longest = longest.max(words);
                claims.push(Claim {
                    name: Spelled::Written(from..written.len()),
                    index,
                    acronym: false,
                });
            }
        }
        if person {
            // A full name's given name ("Isabel" of "Isabel Ruiz").
            for &(s, e) in &cluster.mentions {
                if e - s >= 2 && cx.lexeme(s).given_name {
                    claims.push(Claim {
                        name: Spelled::Key(s),
                        index,
                        acronym: false,
                    });
                }
            }
            continue;
        }
        for &(s, e) in &cluster.mentions {
            let start = written.len();
            let spelled = acronym::push_initials((s..e).map(|i| cx.word(i)), &mut written);
            if spelled && e - s >= 2 && written[start..].chars().count() >= 2 {
                claims.push(Claim {
                    name: Spelled::Written(start..written.len()),
                    index,
                    acronym: true,
                });
            } else {
                written.truncate(start);
            }
        }
    }
    if !claims.iter().any(|c| !c.acronym) {
        return;
    }
    let mut names = Names::with_capacity_and_hasher(claims.len(), Default::default());
    let mut acronyms = Names::default();
    for claimed in &claims {
        let name = match &claimed.name {
            Spelled::Written(range) => &written[range.clone()],
            Spelled::Key(token) => cx.keys.get(*token),
        };
        let names = if claimed.acronym {
            &mut acronyms
        } else {
            &mut names
        };
        claim(names, name, claimed.index);
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
    for (run, end) in cx.name_runs() {
        // A title, determiner or stop word before the name is not part of it.
        let start = cx.trim_start_and_titles(run, end);
        if start >= end {
            continue;
        }
        if let Some((index, start)) = find_name(cx, &known, &taken, (start, end), &mut key) {
            clusters[index].mentions.push((start, end));
        }
    }
}

/// The cluster whose name the run `start..end` spells, and where the name
/// starts: the run less its first word is tried too when that word starts
/// a sentence.
fn find_name(
    cx: &Context<'_>,
    known: &Known<'_>,
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
        // A name two entities share (`Some(None)`) settles it too: no
        // acronym is tried then.
        let mut found = known.names.get(run_key(cx, s, end, key)).copied();
        if found.is_none() && single_acronym {
            key.clear();
            acronym::push_letters(word, key);
            found = known.acronyms.get(key.as_str()).copied();
        }
        found.flatten().map(|index| (index, s))
    };
    lookup(start).or_else(|| {
        (cx.tokens[start].sentence_start && start + 1 < end)
            .then(|| lookup(start + 1))
            .flatten()
    })
}

/// The name key of the run `start..end` (see [`name_key`]). A run of
/// words only is spelled so in the document's keys already, one space
/// between words, and is not copied; any other is written into `buf`.
fn run_key<'a>(cx: &Context<'a>, start: usize, end: usize, buf: &'a mut String) -> &'a str {
    if cx.tokens[start..end]
        .iter()
        .all(|t| t.kind == TokenKind::Word)
    {
        return cx.keys.span(start, end);
    }
    buf.clear();
    name_key(cx, start, end, buf);
    buf
}

/// Whether word token `token`, whose key is `key`, is a stop word. The
/// context knows that of capitalised words already; others are looked up.
fn is_stopword(cx: &Context<'_>, token: usize, key: &str) -> bool {
    if cx.tokens[token].shape.is_capitalised() {
        cx.is_stopword(token)
    } else {
        cx.lexicon.get_key(key).stopword
    }
}
