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

use std::cell::OnceCell;
use std::ops::Range;

use super::Cluster;
use super::name_index::{NameIndex, Spelled};
use crate::EntityKind;
use crate::document::acronym;
use crate::document::{Document, EMPTY_NAME};
use crate::tokenizer::TokenKind;

/// Names and the cluster each belongs to, or `None` when two clusters
/// share it.
type Names = NameIndex<Option<usize>>;

/// Every name the document's entities are known by.
struct Known<'n, 'c> {
    names: &'n Names,
    /// The names written out (see [`Spelled::Written`]).
    written: &'n str,
    /// The most words in a name.
    longest: usize,
    /// The acronyms, made only once a run needs them: most documents have
    /// no lone acronym that is not a mention already.
    acronyms: OnceCell<Acronyms>,
    /// The clusters before propagation, which the acronyms are made of.
    clusters: &'c [Cluster],
}

/// A name claimed for a cluster, before the names are indexed.
struct Claim {
    name: Spelled,
    hash: u64,
    index: usize,
}

/// The buffers of [`propagate`] that hold no borrowed text, kept for the
/// next document (see [`super::Memory`]).
#[derive(Default)]
pub(crate) struct Buffers {
    claims: Vec<Claim>,
    /// The names with punctuation between their words, written out.
    written: String,
    names: Names,
    /// Whether each token is in a mention already.
    taken: Vec<bool>,
    /// The further mentions: cluster, start and end.
    found: Vec<(usize, usize, usize)>,
}

/// Adds the further mentions of every cluster's names.
pub(crate) fn propagate(cx: &Document<'_>, clusters: &mut [Cluster], buffers: &mut Buffers) {
    let Buffers {
        claims,
        written,
        names,
        taken,
        found,
    } = buffers;
    claims.clear();
    // Only names with punctuation between their words are written out;
    // the keys of the others are in the document's keys already.
    written.clear();
    // The word tokens of a mention, and where each word's key starts in
    // `written` when the mention is written out.
    let mut words: Vec<usize> = Vec::new();
    let mut word_starts: Vec<usize> = Vec::new();
    let mut longest = 0;
    for (index, cluster) in clusters.iter().enumerate() {
        let person = cluster.kind == EntityKind::Person;
        for &(s, e) in &cluster.mentions {
            words.clear();
            words.extend((s..e).filter(|&i| cx.tokens[i].kind == TokenKind::Word));
            let written_out = words.len() < e - s;
            if written_out {
                word_starts.clear();
                let start = written.len();
                for &i in &words {
                    if written.len() > start {
                        written.push(' ');
                    }
                    word_starts.push(written.len());
                    written.push_str(cx.keys.get(i));
                }
            }
            // For persons, every ending of the name; for others, the name.
            // The hash of each ending is folded from the last word back.
            let mut hash = EMPTY_NAME;
            for (skip, &token) in words.iter().enumerate().rev() {
                hash = cx.fold_word(hash, token);
                if !person && skip > 0 {
                    continue;
                }
                let count = words.len() - skip;
                if count == 1
                    && (cx.is_particle(token) || is_stopword(cx, token, cx.keys.get(token)))
                {
                    continue;
                }
                longest = longest.max(count);
                let name = if written_out {
                    Spelled::Written(word_starts[skip]..written.len())
                } else {
                    Spelled::Keys(token, e)
                };
                claims.push(Claim { name, hash, index });
            }
        }
        if person {
            // A full name's given name ("Isabel" of "Isabel Ruiz").
            for &(s, e) in &cluster.mentions {
                if e - s >= 2 && cx.lexeme(s).given_name {
                    claims.push(Claim {
                        name: Spelled::Keys(s, s + 1),
                        hash: cx.fold_word(EMPTY_NAME, s),
                        index,
                    });
                }
            }
        }
    }
    if claims.is_empty() {
        return;
    }
    names.clear();
    for claimed in claims.iter() {
        let text = claimed.name.text(cx, written);
        let same = |other: &Spelled, _: &Option<usize>| other.text(cx, written) == text;
        match names.find(claimed.hash, same) {
            // A name two clusters claim is ambiguous.
            Some(i) => {
                let owner = names.value_mut(i);
                if *owner != Some(claimed.index) {
                    *owner = None;
                }
            }
            None => names.insert(claimed.hash, claimed.name.clone(), Some(claimed.index)),
        }
    }
    taken.clear();
    taken.resize(cx.tokens.len(), false);
    for cluster in clusters.iter() {
        for &(s, e) in &cluster.mentions {
            taken[s..e].fill(true);
        }
    }
    // The further mentions are added once every run has been looked at:
    // the acronyms are made of the mentions before propagation.
    found.clear();
    {
        let known = Known {
            names,
            written,
            longest,
            acronyms: OnceCell::new(),
            clusters,
        };
        let mut key = String::new();
        // A title, determiner or stop word before the name is not part of
        // it, and is trimmed from the runs already.
        for (start, end) in cx.name_runs() {
            if let Some((index, start)) = find_name(cx, &known, taken, (start, end), &mut key) {
                found.push((index, start, end));
            }
        }
    }
    for &(index, start, end) in found.iter() {
        clusters[index].mentions.push((start, end));
    }
}

/// The acronyms that the initials of the document's entities other than
/// persons spell ("arc" for "Arab Reform Council"), matched only where
/// written in capitals.
struct Acronyms {
    /// The acronyms, lower-cased, one after the other.
    letters: String,
    /// Where each acronym is in `letters`, and its cluster, in the order of
    /// the acronyms.
    spelled: Vec<(Range<usize>, usize)>,
}

impl Acronyms {
    /// The acronyms of the mentions of `clusters`: only a mention of two
    /// tokens or more may spell one.
    fn new(cx: &Document<'_>, clusters: &[Cluster]) -> Acronyms {
        let mut letters = String::new();
        let mut spelled = Vec::new();
        for (index, cluster) in clusters.iter().enumerate() {
            if cluster.kind == EntityKind::Person {
                continue;
            }
            for &(s, e) in cluster.mentions.iter().filter(|&&(s, e)| e - s >= 2) {
                let start = letters.len();
                let spells = cx.push_initials(s, e, &mut letters);
                if spells && letters[start..].chars().count() >= 2 {
                    spelled.push((start..letters.len(), index));
                } else {
                    letters.truncate(start);
                }
            }
        }
        spelled.sort_by(|(a, _), (b, _)| letters[a.clone()].cmp(&letters[b.clone()]));
        Acronyms { letters, spelled }
    }

    /// The cluster whose acronym `key` is, like a look-up of the names:
    /// `Some(None)` when two clusters spell it.
    fn get(&self, key: &str) -> Option<Option<usize>> {
        let text = |range: &Range<usize>| &self.letters[range.clone()];
        let from = self.spelled.partition_point(|(range, _)| text(range) < key);
        let mut owners = self.spelled[from..]
            .iter()
            .take_while(|(range, _)| text(range) == key)
            .map(|&(_, index)| index);
        let first = owners.next()?;
        Some(owners.all(|index| index == first).then_some(first))
    }
}

/// The cluster whose name the run `start..end` spells, and where the name
/// starts: the run less its first word is tried too when that word starts
/// a sentence.
fn find_name(
    cx: &Document<'_>,
    known: &Known<'_, '_>,
    taken: &[bool],
    (start, end): (usize, usize),
    key: &mut String,
) -> Option<(usize, usize)> {
    if taken[start..end].iter().any(|&t| t) {
        return None;
    }
    let mut lookup = |s: usize| -> Option<(usize, usize)> {
        let word = cx.word(s);
        let single_acronym = end - s == 1 && cx.is_acronym(s);
        if end - s > known.longest && !single_acronym {
            return None;
        }
        // A name two entities share (`Some(None)`) settles it too: no
        // acronym is tried then.
        let text = run_key(cx, s, end, key);
        let same = |other: &Spelled, _: &Option<usize>| other.text(cx, known.written) == text;
        let mut found = known
            .names
            .find(cx.name_hash(s, end), same)
            .map(|i| *known.names.value(i));
        if found.is_none() && single_acronym {
            key.clear();
            acronym::push_letters(word, key);
            let acronyms = known
                .acronyms
                .get_or_init(|| Acronyms::new(cx, known.clusters));
            found = acronyms.get(key);
        }
        found.flatten().map(|index| (index, s))
    };
    lookup(start).or_else(|| {
        (cx.tokens[start].sentence_start && start + 1 < end)
            .then(|| lookup(start + 1))
            .flatten()
    })
}

/// The name key of the run `start..end` (see [`Spelled::of`]), written
/// into `buf` only when the document's keys do not hold it already.
fn run_key<'a>(cx: &Document<'a>, start: usize, end: usize, buf: &'a mut String) -> &'a str {
    buf.clear();
    let spelled = Spelled::of(cx, start, end, buf);
    spelled.text(cx, buf)
}

/// Whether word token `token`, whose key is `key`, is a stop word. The
/// context knows that of capitalised words already; others are looked up.
fn is_stopword(cx: &Document<'_>, token: usize, key: &str) -> bool {
    if cx.tokens[token].shape.is_capitalised() {
        cx.is_stopword(token)
    } else {
        cx.is_stopword_key(key)
    }
}
