//! Merging mentions into entities.
//!
//! Mentions become one entity when (each rule a step of [`merge`]):
//!
//! - same entry: they match the same gazetteer entry;
//! - same name: they spell the same name with the same kind;
//! - middle name: two person names share their first and last words and
//!   one has more in between ("Thomas Edward Brackley"), or is the same
//!   but for the letters after it ("Colin Marwick MP");
//! - person suffix: a person's name ends with the other's ("Al Sadr",
//!   "Sadr" in "Moqtada Al Sadr"), and no other person of the document
//!   could be meant, or the persons it could mean are named less often
//!   than that one (the main person: "Padalecki" is "Jared Padalecki",
//!   named twice, not "his mother Sherri Padalecki", named once), but
//!   for the one person whose name follows the same title ("Dr Nelson" of
//!   "Dr Alondra Nelson", not of "Senator Bill Nelson");
//! - given name: a lone given name starts one person's full name in the
//!   document ("Lucia" … "Lucia Moreno"), or the full name of the main
//!   person of those it starts; so does a lone word the lists do not give
//!   as a given name that ends no person's name ("Branson" … "Branson
//!   Anderson");
//! - person surname: a one-word place or organisation reading of a word
//!   that ends a person's name in the document ("Jordan" after "Martin
//!   Jordan"), unless a locative word says it is a place ("in Jordan");
//! - abbreviated names: a place or organisation whose name writes some
//!   words of the one place or organisation of the same kind written in
//!   full as initials ("E. Tarvia Grain Council", "U.K. Harbour Authority"
//!   of "Upper Kilda Harbour Authority") is that one; taken before the
//!   head-word step, so that a lone head word then finds one organisation
//!   ("the Council");
//! - head word: an organisation named by its head word alone ("the
//!   University", "the House"), a designator of organisations, and the one
//!   organisation of the document whose name of two or more words starts
//!   or ends with that word ("Wexford University", "House of
//!   Representatives");
//! - organisation ending: an organisation named by the last words of the
//!   one organisation of the document whose longer name ends with them
//!   ("Harbour Authority" … "Oxley Harbour Authority"), not after a small
//!   word ("of the", a particle; a stop word with a capital, "Kingdom", is
//!   a word of the name), by its name less a legal form ("Halvard
//!   Controls" … "Halvard Controls Inc"),
//!   less a designator it may go without ("Wexford University" …
//!   "Wexford") or less a qualifier after "of" or "for" ("Tarnwell
//!   Institute of Technology" … "Tarnwell Institute"); a gazetteer listing
//!   the two apart keeps them apart only when the short name comes first;
//! - acronym definition: an acronym follows the name in parentheses,
//!   "Popular Mobilisation Forces (PMF)", even one a gazetteer lists as an
//!   entity of its own: the document says which it means;
//! - acronym initials: an acronym spells the initials of exactly one
//!   group, organisation or place of the document, before or after it,
//!   with or without the legal forms that name ends with ("HC" …
//!   "Halvard Controls Inc"), an acronym among its words giving all its
//!   letters ("UNQO" … "U.N. Quellan Office"); so does one a gazetteer
//!   lists ("QTB" … "Quellan Transit Board"), but not a name of one word
//!   and its legal form ("HI", "Halvard Inc"), nor, for an acronym of two
//!   letters, a long form when its entry is named by another ("Quellan
//!   Bank" for "QB" keeps it from "Quarry Board"; the entry's name spelled
//!   another way, "Organisation" for "Organization", is the same), and the
//!   entity is then named by the document's long form;
//! - spelled initials: initials written with or without periods or spaces
//!   ("O.P.B.", "OPB", "O. P. B.") are one name.
//!
//! A wrong merge is worse than a missed one: wherever two entities could be
//! meant, nothing is merged, but for the main person, whom a story names
//! more often than the others who share a name with it.

use std::ops::Index;

use super::hash_slots::{HashSlots, mixed};
use super::initials::{Initials, Letters};
use super::name_index::{NameIndex, Spelled};
use super::{Cluster, Pool, recycled};
use crate::EntityKind;
use crate::candidate::Candidate;
use crate::document::acronym::{SKIPPED, letters, push_letters, spells_initials};
use crate::document::cues::{Position, lookup};
use crate::document::{Document, EMPTY_NAME};
use crate::gazetteer::Matcher;
use crate::hash::chain;
use crate::tokenizer::{Shape, Token, TokenKind, tokenize};
use crate::wordlists::{BODY_CONNECTORS, LOCATIVE};

/// Where each cluster moves in a merge step (see [`apply`]), and whether
/// any does: most steps of most documents move none, and [`apply`] then
/// needs no walk over the clusters. [`apply`] leaves every target empty,
/// for the next step and the next document.
#[derive(Default)]
struct Targets {
    /// The cluster that each cluster moves into, if it moves.
    into: Vec<Option<usize>>,
    /// Whether any cluster moves.
    moving: bool,
    /// Whether any cluster has moved since [`Targets::reset`], leaving its
    /// cluster empty.
    moved: bool,
}

impl Targets {
    /// Makes room for the targets of `clusters` clusters, none of which
    /// moves: the targets [`apply`] left are all empty, and only those
    /// past them are written.
    fn reset(&mut self, clusters: usize) {
        debug_assert!(self.into.iter().all(Option::is_none));
        self.into.truncate(clusters);
        self.into.resize(clusters, None);
        self.moving = false;
        self.moved = false;
    }

    /// Moves cluster `cluster` into `target`, or nowhere.
    fn set(&mut self, cluster: usize, target: Option<usize>) {
        self.into[cluster] = target;
        self.moving |= target.is_some();
    }
}

/// The buffers of [`merge`] that hold no borrowed text, kept for the next
/// document (see [`super::Memory`]).
#[derive(Default)]
pub(crate) struct Buffers {
    /// The keys of names with punctuation between their words.
    written: String,
    /// The first cluster of each gazetteer entry, by the entry
    /// [`mixed`].
    by_entry: HashSlots,
    /// The first cluster of each name, and its kind.
    by_name: NameIndex<(EntityKind, usize)>,
    /// Where each cluster moves in a merge step.
    into: Targets,
    /// The persons each merge step matches names against.
    people: People,
    /// The words of the clusters' names (emptied, see
    /// [`super::recycled`]), their hashes and where each name ends (see
    /// [`LongestNames`]).
    name_words: Vec<&'static str>,
    name_hashes: Vec<u64>,
    name_ends: Vec<usize>,
    /// The organisations and their shorter names (see
    /// [`merge_organisation_endings`]).
    endings: Endings,
    /// Which tokens a mention takes (see [`define_acronyms`]).
    taken: Vec<bool>,
    /// The tokens at which the long form of an acronym defined in the
    /// text ends (see [`define_acronyms`]).
    long_form_ends: Vec<bool>,
    /// The buffers of [`merge_acronyms`].
    acronyms: AcronymBuffers,
    /// The clusters whose first mention starts with a word in capitals
    /// (see [`list_in_capitals`]).
    in_capitals: Vec<usize>,
    /// The letters of the clusters named by initials alone (see
    /// [`merge_spelled_initials`]).
    spelled: SpelledInitials,
    /// The names with abbreviated words and those they may stand for (see
    /// [`merge_abbreviated_names`]).
    abbreviated: Abbreviated,
}

/// The buffers of [`merge_acronyms`], kept for the next document.
#[derive(Default)]
struct AcronymBuffers {
    /// Which cluster has a mention ending at each token, and which
    /// clusters each set of initials spells.
    ends_at: Vec<Option<usize>>,
    initials: Initials,
    /// The clusters named by an acronym that may join another.
    joining: Vec<usize>,
}

/// Groups the chosen mentions into entities, which it leaves in
/// `clusters` (given empty): those that share an entry or a name, then
/// clusters by person names and acronyms.
pub(crate) fn merge(
    cx: &Document<'_>,
    matcher: &Matcher,
    chosen: &[Candidate],
    clusters: &mut Vec<Cluster>,
    pool: &mut Pool,
    buffers: &mut Buffers,
) {
    merge_same(cx, chosen, clusters, pool, buffers);
    let names = LongestNames::of(
        cx,
        clusters,
        recycled(std::mem::take(&mut buffers.name_words)),
        std::mem::take(&mut buffers.name_hashes),
        std::mem::take(&mut buffers.name_ends),
    );
    // One buffer of targets for every step: each step fills it and
    // [`apply`] empties it again.
    let into = &mut buffers.into;
    into.reset(clusters.len());
    // And one index of persons, which each step refills.
    let people = &mut buffers.people;
    // The steps by person names need a person, or two, to match names
    // against; a merge never makes a person, and many documents name one
    // or none. The persons are listed once for the steps' passes over them,
    // which pass over those a merge empties.
    people.list_persons(clusters);
    let persons = people.persons.len();
    if persons >= 2 {
        // Persons with full names by their first word, indexed once for
        // the steps by middle names and by given names: the merges between
        // them only empty clusters, which both pass over.
        people.fill_first_words(clusters, &names);
        merge_middle_names(&names, people, into);
        apply(clusters, into, pool);
    }
    if persons > 0 {
        // Indexed once for the steps by suffixes and by surnames: the
        // merges between them only empty clusters, which both pass over.
        people.fill_endings(clusters, &names);
    }
    if persons >= 2 {
        merge_person_suffixes(cx, clusters, &names, people, into);
        apply(clusters, into, pool);
        merge_given_names(cx, clusters, &names, people, into);
        apply(clusters, into, pool);
    }
    if persons > 0 {
        merge_person_surnames(cx, clusters, &names, people, into);
        apply(clusters, into, pool);
    }
    // An abbreviated word has a period after it, in the name: a name with
    // punctuation between its words, which [`merge_same`] wrote out. Most
    // documents have none, and no name to look at for one.
    if !buffers.written.is_empty() {
        merge_abbreviated_names(cx, clusters, into, &mut buffers.abbreviated);
        apply(clusters, into, pool);
    }
    // The organisations standing, listed once for the steps by their
    // names: a merge empties some, and the later step passes over those.
    let organisations = &mut buffers.endings.organisations;
    list_standing(clusters, EntityKind::Organisation, organisations);
    merge_head_words(cx, clusters, &names, organisations, into);
    apply(clusters, into, pool);
    merge_organisation_endings(cx, clusters, &names, into, &mut buffers.endings);
    apply(clusters, into, pool);
    // The clusters emptied so far stay until the end: the steps by acronyms
    // and initials pass over a cluster without mentions, and keep the
    // order of the others.
    buffers.name_words = recycled(names.words);
    buffers.name_hashes = names.hashes;
    buffers.name_ends = names.ends;
    define_acronyms(
        cx,
        chosen,
        clusters,
        &mut buffers.taken,
        &mut buffers.long_form_ends,
    );
    // Only a cluster whose first mention starts with a word in capitals
    // may be named by an acronym or by initials: listed once for both
    // steps, the second of which passes over those the first empties.
    let in_capitals = &mut buffers.in_capitals;
    list_in_capitals(cx, clusters, in_capitals);
    merge_acronyms(
        cx,
        matcher,
        clusters,
        in_capitals,
        into,
        &mut buffers.acronyms,
    );
    apply(clusters, into, pool);
    merge_spelled_initials(cx, clusters, in_capitals, into, &mut buffers.spelled);
    apply(clusters, into, pool);
    // Many documents merge no cluster into another, and have none to drop.
    if into.moved {
        clusters.retain(|c| !c.mentions.is_empty());
    }
}

/// The words of each person's or organisation's longest mention, all in
/// one vector rather than a vector per cluster. A merge moves a shorter
/// name into a longer one and empties the shorter cluster, so the names of
/// the clusters still standing do not change until the end of [`merge`], where the emptied
/// clusters are dropped.
struct LongestNames<'t> {
    words: Vec<&'t str>,
    /// The hash of each word's key, as the document's keys have it.
    hashes: Vec<u64>,
    /// Where each cluster's words start in `words`, and then where the
    /// last cluster's end: cluster `i`'s words are `ends[i]..ends[i + 1]`,
    /// read without a test of whether `i` is the first.
    ends: Vec<usize>,
}

impl<'t> LongestNames<'t> {
    /// The lower-cased words (punctuation left out) of the last of each
    /// person's or organisation's mentions with the most words, in the
    /// memory of `words` and the hashes and ends in that of `hashes` and
    /// `ends`. The other clusters have no words here: no step matches their
    /// names by words.
    fn of(
        cx: &Document<'t>,
        clusters: &[Cluster],
        mut words: Vec<&'t str>,
        mut hashes: Vec<u64>,
        mut ends: Vec<usize>,
    ) -> LongestNames<'t> {
        let count = |&(s, e): &(usize, usize)| name_words(cx, s, e).count();
        words.clear();
        words.reserve(clusters.len() * 2);
        hashes.clear();
        ends.clear();
        ends.push(0);
        for cluster in clusters {
            if !matches!(cluster.kind, EntityKind::Person | EntityKind::Organisation) {
                ends.push(words.len());
                continue;
            }
            // Most clusters have one mention, whose words need no count.
            let longest = match cluster.mentions.as_slice() {
                [only] => Some(only),
                mentions => mentions.iter().max_by_key(|m| count(m)),
            };
            if let Some(&(s, e)) = longest {
                let e = if cluster.kind == EntityKind::Person {
                    less_postnominals(cx, s, e)
                } else {
                    e
                };
                for i in name_words(cx, s, e) {
                    words.push(cx.keys.get(i));
                    hashes.push(cx.keys.hash(i));
                }
            }
            ends.push(words.len());
        }
        LongestNames {
            words,
            hashes,
            ends,
        }
    }

    /// The hashes of the keys of cluster `cluster`'s words.
    fn hashes(&self, cluster: usize) -> &[u64] {
        &self.hashes[self.ends[cluster]..self.ends[cluster + 1]]
    }
}

/// Where a person's name `start..end` ends without the letters after it
/// ("Colin Marwick" of "Colin Marwick MP", "Ada Brennick FRS"): the words in
/// capitals that end a name whose words before them are not in capitals
/// (a headline's "COLIN MARWICK" keeps its words), but for a regnal number
/// ("Edward III") or a legal form ("AG").
fn less_postnominals(cx: &Document<'_>, start: usize, end: usize) -> usize {
    let mut kept = end;
    // A regnal number ("Edward III") is part of the name, and a legal form
    // ("AG", "LP") says the name is a company's.
    let postnominal = |i: usize| {
        cx.tokens[i].kind == TokenKind::Word
            && cx.tokens[i].shape == Shape::Upper
            && cx.is_acronym(i)
            && !cx.word(i).chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
            && !is_legal_form(cx.keys.get(i))
    };
    while kept - start > 1 && postnominal(kept - 1) {
        kept -= 1;
    }
    // Most names end without such letters, and need no look at the word
    // before them.
    if kept == end {
        return end;
    }
    let before = (start..kept)
        .rev()
        .find(|&i| cx.tokens[i].kind == TokenKind::Word);
    match before {
        Some(i) if cx.tokens[i].shape != Shape::Upper => kept,
        _ => end,
    }
}

/// The hash of a name from the key hashes of its words, folded from its
/// last word back as [`Document::name_hash`] folds a name of the text.
fn name_hash(word_hashes: &[u64]) -> u64 {
    word_hashes
        .iter()
        .rev()
        .fold(EMPTY_NAME, |hash, &word| chain(hash, word))
}

/// The persons of a document by the hashes of the words the merge steps
/// match their names by, in the order of the hashes and, for equal hashes,
/// of the clusters. A document names a few persons: a sorted vector,
/// filled once for the steps that share it, costs less than a map.
#[derive(Default)]
struct People {
    /// The persons standing before the steps by person names, in cluster
    /// order.
    persons: Vec<usize>,
    /// The persons with full names by the hash of their first word.
    by_hash: Vec<(u64, usize)>,
    /// The persons by the hash of every ending of their names shorter
    /// than the whole (see [`People::fill_endings`]), in the same order.
    by_ending: Vec<(u64, usize)>,
    /// The persons indexed in `by_ending`, in cluster order, each with the
    /// hash of its whole name, the last of the fold of its endings.
    wholes: Vec<(usize, u64)>,
    /// A bit for each hash in `by_ending`, the bit its top six bits
    /// number: a hash whose bit is not set ends no person's name, which
    /// [`People::may_end`] answers without a search.
    ending_bits: u64,
    /// A run of persons, regrouped (see [`merge_middle_names`]).
    regrouped: Vec<usize>,
}

impl People {
    /// Lists the persons of `clusters` still standing.
    fn list_persons(&mut self, clusters: &[Cluster]) {
        list_standing(clusters, EntityKind::Person, &mut self.persons);
    }

    /// Refills the index of first words with the persons still standing
    /// whose names have two words or more. Persons a later merge empties
    /// stay in it: its users pass over them.
    fn fill_first_words(&mut self, clusters: &[Cluster], names: &LongestNames<'_>) {
        self.by_hash.clear();
        self.by_hash.extend(
            self.persons
                .iter()
                .filter(|&&index| is_person(clusters, index))
                .filter_map(|&index| match names.hashes(index) {
                    [first, _, ..] => Some((*first, index)),
                    _ => None,
                }),
        );
        self.by_hash.sort_unstable();
    }

    /// Refills the index of endings with the persons still standing
    /// under the hash of every ending of their names shorter than the
    /// whole ("Al Sadr" and "Sadr" of "Moqtada Al Sadr"), each hashed as
    /// [`chain`] folds a name from its last word back. Persons a later
    /// merge empties stay in it: its users pass over them.
    fn fill_endings(&mut self, clusters: &[Cluster], names: &LongestNames<'_>) {
        self.by_ending.clear();
        self.wholes.clear();
        self.ending_bits = 0;
        for &index in self.persons.iter().filter(|&&i| is_person(clusters, i)) {
            let hashes = names.hashes(index);
            let mut hash = EMPTY_NAME;
            for &word in hashes.get(1..).unwrap_or_default().iter().rev() {
                hash = chain(hash, word);
                self.by_ending.push((hash, index));
                self.ending_bits |= name_bit(hash);
            }
            let whole = hashes.first().map_or(hash, |&first| chain(hash, first));
            self.wholes.push((index, whole));
        }
        self.by_ending.sort_unstable();
        self.by_ending.dedup();
    }

    /// Whether a person's name may have an ending hashed `hash`: false
    /// for most names, which need no search of the index then.
    fn may_end(&self, hash: u64) -> bool {
        self.ending_bits & name_bit(hash) != 0
    }

    /// The one person whose name has an ending hashed `hash` that `is`
    /// takes, if exactly one is.
    fn sole_ending(&self, hash: u64, is: impl Fn(usize) -> bool) -> Option<usize> {
        let mut owners = self.ending(hash).filter(|&person| is(person));
        match (owners.next(), owners.next()) {
            (Some(person), None) => Some(person),
            _ => None,
        }
    }

    /// The persons indexed under `hash`, in cluster order. Two words may
    /// share a hash: callers compare the words too.
    fn get(&self, hash: u64) -> impl Iterator<Item = usize> + '_ {
        owners(&self.by_hash, hash)
    }

    /// The persons whose names have an ending hashed `hash`, in cluster
    /// order, each once. Two endings may share a hash: callers compare the
    /// words too.
    fn ending(&self, hash: u64) -> impl Iterator<Item = usize> + '_ {
        owners(&self.by_ending, hash)
    }
}

/// The bit of a bit set of names' hashes ([`People::ending_bits`]) for a
/// name hashed `hash`, from its top six bits, which the last
/// multiplication of [`chain`] mixes best.
fn name_bit(hash: u64) -> u64 {
    1 << (hash >> 58)
}

/// The persons of `index`, sorted by hash, under `hash`.
fn owners(index: &[(u64, usize)], hash: u64) -> impl Iterator<Item = usize> + '_ {
    let from = index.partition_point(|&(h, _)| h < hash);
    index[from..]
        .iter()
        .take_while(move |&&(h, _)| h == hash)
        .map(|&(_, person)| person)
}

impl<'t> Index<usize> for LongestNames<'t> {
    type Output = [&'t str];

    fn index(&self, cluster: usize) -> &[&'t str] {
        &self.words[self.ends[cluster]..self.ends[cluster + 1]]
    }
}

/// Fills `list` with the clusters of kind `kind` still standing, in
/// cluster order.
fn list_standing(clusters: &[Cluster], kind: EntityKind, list: &mut Vec<usize>) {
    list_clusters(clusters, list, |cluster| {
        (cluster.kind == kind) & !cluster.mentions.is_empty()
    });
}

/// Fills `list` with the clusters whose first mention starts with a word
/// in capitals, in cluster order.
fn list_in_capitals(cx: &Document<'_>, clusters: &[Cluster], list: &mut Vec<usize>) {
    list_clusters(clusters, list, |cluster| {
        cluster
            .mentions
            .first()
            .is_some_and(|&(s, _)| cx.tokens[s].shape == Shape::Upper)
    });
}

/// Fills `list` with the clusters `keep` takes, in cluster order. Each
/// cluster is written at the list's end, which moves on by one or by none:
/// a branch on `keep`'s answer, which goes either way from cluster to
/// cluster, was mispredicted often.
#[inline]
fn list_clusters(clusters: &[Cluster], list: &mut Vec<usize>, keep: impl Fn(&Cluster) -> bool) {
    list.clear();
    list.resize(clusters.len(), 0);
    let mut count = 0;
    for (i, cluster) in clusters.iter().enumerate() {
        list[count] = i;
        count += usize::from(keep(cluster));
    }
    list.truncate(count);
}

/// Whether cluster `i` is a person still standing.
fn is_person(clusters: &[Cluster], i: usize) -> bool {
    clusters[i].kind == EntityKind::Person && !clusters[i].mentions.is_empty()
}

/// Makes the acronym in "Popular Mobilisation Forces (PMF)" a mention of
/// the long form's entity when no stage proposed it on its own. The
/// clusters' mentions are those of `chosen`, the mentions [`merge`] was
/// given.
fn define_acronyms(
    cx: &Document<'_>,
    chosen: &[Candidate],
    clusters: &mut [Cluster],
    taken: &mut Vec<bool>,
    long_form_ends: &mut Vec<bool>,
) {
    // A long form needs "(" and ")" around the token right after it. Most
    // documents have none after a name of two words or more, and need no
    // flags for the tokens taken, marked the first time one has. Asked of
    // the mentions as [`merge`] was given them (the clusters hold the same
    // mentions), in one walk rather than one for each cluster's, whose ends
    // the processor mispredicted; the bracket, rare, is asked before the
    // words, one or more from mention to mention. Each definition is kept
    // by where its long form ends.
    let mut marked = false;
    let mut defined = false;
    let bytes = cx.text.as_bytes();
    for c in chosen {
        let (s, e) = (c.start, c.end);
        let (open, acronym, close) = (e, e + 1, e + 2);
        // The first byte alone first: many tokens after a name are of one
        // byte, few start with a bracket.
        if close >= cx.tokens.len() || bytes[cx.tokens[open].start()] != b'(' {
            continue;
        }
        if !(cx.is_byte(open, b'(') && e - s > 1 && cx.is_byte(close, b')')) {
            continue;
        }
        if !marked {
            taken.clear();
            taken.resize(cx.tokens.len(), false);
            for c in chosen {
                taken[c.start..c.end].fill(true);
            }
            long_form_ends.clear();
            long_form_ends.resize(cx.tokens.len() + 1, false);
            marked = true;
        }
        if !taken[acronym] && cx.is_acronym(acronym) && cx.spells_initials(acronym, s, e) {
            taken[acronym] = true;
            long_form_ends[e] = true;
            defined = true;
        }
    }
    if !defined {
        return;
    }
    for cluster in clusters.iter_mut() {
        let mut defined_here = Vec::new();
        for &(_, e) in &cluster.mentions {
            if long_form_ends[e] {
                defined_here.push((e + 1, e + 2));
            }
        }
        if !defined_here.is_empty() {
            cluster.mentions.extend(defined_here);
        }
    }
}

/// Groups the chosen mentions, in text order, into clusters of those that
/// share a gazetteer entry or spell the same name with the same kind.
/// (Kept out of line: inlined into [`merge`] with the other steps, its loop
/// over the mentions took more instructions, and its code changed with
/// every change to them.)
#[inline(never)]
fn merge_same(
    cx: &Document<'_>,
    chosen: &[Candidate],
    merged: &mut Vec<Cluster>,
    pool: &mut Pool,
    buffers: &mut Buffers,
) {
    let Buffers {
        written,
        by_entry,
        by_name,
        ..
    } = buffers;
    // The keys of names with punctuation between their words are written
    // into one buffer; the keys of the others are in the document's keys
    // already.
    written.clear();
    by_entry.reset(chosen.len());
    by_name.reset(chosen.len());
    for c in chosen {
        // Names of different kinds are different names. The texts are
        // compared only for a name of the same hash.
        let (hash, spelled) = Spelled::hashed(cx, c.start, c.end, written);
        let hash = hash ^ c.kind as u64;
        let written = &*written;
        let named = by_name.find(hash, |other, &(kind, _)| {
            kind == c.kind && other.same(&spelled, cx, written)
        });
        let target = c
            .entry
            .and_then(|e| by_entry.get(mixed(e)))
            .map(|t| t as usize)
            .or_else(|| named.map(|i| by_name.value(i).1));
        // The entry the cluster gets with this mention, if it had none: a
        // cluster is indexed by its entry once, when it gets it.
        let (index, gotten) = match target {
            Some(t) => {
                let had = merged[t].entry.is_some();
                merged[t].join(c);
                (t, merged[t].entry.filter(|_| !had))
            }
            None => {
                merged.push(Cluster::from_candidate(c, pool));
                (merged.len() - 1, c.entry)
            }
        };
        if let Some(e) = gotten {
            // As many clusters as tokens at most, which are fewer than 2^32.
            by_entry.insert_new(mixed(e), index as u32);
        }
        if named.is_none() {
            by_name.insert(hash, spelled, (c.kind, index));
        }
    }
}

fn merge_person_suffixes(
    cx: &Document<'_>,
    clusters: &[Cluster],
    names: &LongestNames<'_>,
    people: &mut People,
    into: &mut Targets,
) {
    // Persons by the endings of their names (indexed by [`merge`]): only
    // those indexed under the whole short name can end with it. (Indexed by
    // their last words, every "Smith" of a document was checked against
    // every other.) The persons are those indexed, all standing, with the
    // hashes of their whole names; most end no other person's name, which
    // is asked first.
    for &(short, whole) in &people.wholes {
        let short_words = &names[short];
        if !people.may_end(whole) || short_words.is_empty() {
            continue;
        }
        // Walked twice rather than collected: there are one or two.
        let longer = || {
            people.ending(whole).filter(|&long| {
                names[long].len() > short_words.len() && names[long].ends_with(short_words)
            })
        };
        // Every longer name must be an ending of the longest one: "Sadr"
        // joins "Moqtada Al Sadr" even when "Al Sadr" is seen too, but not
        // when "Moqtada Al Sadr" and "Mohammed Al Sadr" both are.
        let Some(longest) = longer().max_by_key(|&l| names[l].len()) else {
            continue;
        };
        let consistent = longer().all(|l| names[longest].ends_with(&names[l]));
        // Otherwise it is the person the document names most often, if one
        // is ("Padalecki" of "Jared Padalecki", named twice, and "Sherri
        // Padalecki", once), as propagation gives a shared name.
        // Or the one person of those whose name follows the title that the
        // short name follows ("Dr Nelson" of "Dr Alondra Nelson", not of
        // "Senator Bill Nelson").
        let target = if consistent {
            Some(longest)
        } else {
            same_title(cx, clusters, short, longer()).or_else(|| main_person(clusters, longer()))
        };
        if let Some(target) = target
            && !(short_words.len() == 1 && cx.is_particle_key(short_words[0]))
        {
            into.set(short, Some(target));
        }
    }
}

/// "Thomas Brackley" joins "Thomas Edward Brackley": when exactly two persons
/// share first and last words, the shorter name joins the longer.
fn merge_middle_names(names: &LongestNames<'_>, people: &mut People, into: &mut Targets) {
    let ends = |index: usize| match names[index] {
        [first, .., last] => Some((first, last)),
        _ => None,
    };
    // Runs of persons indexed under the same first word (by [`merge`]):
    // regrouped by their first and last words, in cluster order within a
    // group, each set of exactly two persons that share them merges. (Each
    // person compared with every other of its run was quadratic in the
    // persons sharing a first and last name.)
    let People {
        by_hash, regrouped, ..
    } = people;
    for run in by_hash.chunk_by(|a, b| a.0 == b.0) {
        if run.len() < 2 {
            continue;
        }
        regrouped.clear();
        regrouped.extend(run.iter().map(|&(_, index)| index));
        regrouped.sort_by_key(|&index| (ends(index), index));
        for set in regrouped.chunk_by(|&a, &b| ends(a) == ends(b)) {
            let &[a, b] = set else {
                continue;
            };
            let (short, long) = if names[a].len() < names[b].len() {
                (a, b)
            } else {
                (b, a)
            };
            if names[short].len() < names[long].len() {
                into.set(short, Some(long));
            } else if names[a] == names[b] {
                // One name, written once with letters after it ("Colin
                // Marwick MP", "Colin Marwick"): the later joins the first.
                into.set(a.max(b), Some(a.min(b)));
            }
        }
    }
}

/// The key of the title right before token `start` ("Dr" of "Dr. Alondra
/// Nelson"), if one is.
fn title_before<'t>(cx: &Document<'t>, start: usize) -> Option<&'t str> {
    let before = start.checked_sub(1)?;
    let title = match cx.word(before) {
        "." => before.checked_sub(1)?,
        _ => before,
    };
    cx.is_title(title).then(|| cx.keys.get(title))
}

/// Of `persons`, the one whose mentions follow a title that a mention of
/// cluster `short` follows too, if exactly one does.
fn same_title(
    cx: &Document<'_>,
    clusters: &[Cluster],
    short: usize,
    persons: impl Iterator<Item = usize>,
) -> Option<usize> {
    let titled = |person: usize, title: &str| {
        clusters[person]
            .mentions
            .iter()
            .any(|&(s, _)| title_before(cx, s) == Some(title))
    };
    let titles = clusters[short]
        .mentions
        .iter()
        .filter_map(|&(s, _)| title_before(cx, s));
    let mut same = persons.filter(|&person| titles.clone().any(|title| titled(person, title)));
    match (same.next(), same.next()) {
        (Some(person), None) => Some(person),
        _ => None,
    }
}

/// Of `persons`, the one with more mentions than each of the others, if
/// one has: the person a story is about ("Jared Padalecki", twice, and
/// "his mother Sherri Padalecki", once).
fn main_person(clusters: &[Cluster], persons: impl Iterator<Item = usize>) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    let mut tied = false;
    for person in persons {
        let count = clusters[person].mentions.len();
        match best {
            Some((_, most)) if count < most => {}
            Some((_, most)) if count == most => tied = true,
            _ => {
                best = Some((person, count));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(person, _)| person)
}

/// "Lucia" joins "Lucia Moreno" when she is the only person of the
/// document whose full name starts with that given name, or the one of
/// those the document names most often (see [`main_person`]).
fn merge_given_names(
    cx: &Document<'_>,
    clusters: &[Cluster],
    names: &LongestNames<'_>,
    people: &mut People,
    into: &mut Targets,
) {
    // Persons with full names, by their first word (indexed by [`merge`]).
    if people.by_hash.is_empty() {
        return;
    }
    for &index in &people.persons {
        let cluster = &clusters[index];
        if !is_person(clusters, index) || cluster.mentions.iter().any(|&(s, e)| e - s != 1) {
            continue;
        }
        let (s, _) = cluster.mentions[0];
        // The word's key is read only where a name's word has its hash.
        let given = || cx.keys.get(s);
        // A word the lists do not give as a given name may be one still
        // when it ends no person's name ("Branson" of "Branson Anderson").
        let ends_a_name = || {
            people
                .ending(chain(EMPTY_NAME, cx.keys.hash(s)))
                .any(|person| names[person].last() == Some(&given()))
        };
        if !cx.lexeme(s).given_name && ends_a_name() {
            continue;
        }
        let named = || {
            people
                .get(cx.keys.hash(s))
                .filter(|&person| is_person(clusters, person) && names[person][0] == given())
        };
        into.set(index, main_person(clusters, named()));
    }
}

/// One reading per document: when a person of the document is called
/// "Martin Jordan", a one-word mention "Jordan" that a gazetteer took for the
/// country is the man, unless a locative word ("in Jordan") says otherwise.
fn merge_person_surnames(
    cx: &Document<'_>,
    clusters: &[Cluster],
    names: &LongestNames<'_>,
    people: &mut People,
    into: &mut Targets,
) {
    // Persons with full names, by their last word: the one-word endings of
    // the index [`merge`] filled, which holds the persons standing then.
    if people.by_ending.is_empty() {
        return;
    }
    let one_word = |&(s, e): &(usize, usize)| e - s == 1;
    for (index, cluster) in clusters.iter().enumerate() {
        let Some(&(s, e)) = cluster.mentions.first() else {
            continue;
        };
        // The kind, the first mention's words and whether its first word
        // may end a person's name in one test, rarely passed, a person
        // counted as one more word: each went either way from cluster to
        // cluster. (A mention has one word or more.) Both are numbers, zero
        // when the cluster may be a surname, or'ed: two tests joined by a
        // `|` of their truths were still made two branches.
        let ending = chain(EMPTY_NAME, cx.keys.hash(s));
        let other_words = ((e - s) + usize::from(cluster.kind == EntityKind::Person)) ^ 1;
        let ends_none = u64::from(!people.may_end(ending));
        if other_words as u64 | ends_none != 0 || !cluster.mentions[1..].iter().all(one_word) {
            continue;
        }
        // The word's key is read only where a name's ending has its hash.
        let person = people.sole_ending(ending, |person| {
            is_person(clusters, person) && names[person].last() == Some(&cx.keys.get(s))
        });
        // The locative words are looked for only before the few words that
        // end a person's name.
        let locative = |&(s, _): &(usize, usize)| s > 0 && LOCATIVE.contains(&cx.keys.get(s - 1));
        if person.is_some() && !cluster.mentions.iter().any(locative) {
            into.set(index, person);
        }
    }
}

/// "The University" joins "Wexford University" when it is the only
/// organisation of the document whose name starts or ends with that head
/// word; with two ("Wexford University", "Oxley University") either could
/// be meant, and neither is joined. `organisations` are the organisations
/// standing, in cluster order.
fn merge_head_words(
    cx: &Document<'_>,
    clusters: &[Cluster],
    names: &LongestNames<'_>,
    organisations: &[usize],
    into: &mut Targets,
) {
    // Whether the first word is a head word asked first: few are, where
    // the walk over the mentions for their words ended after one, two or
    // more from organisation to organisation.
    for &index in organisations {
        let cluster = &clusters[index];
        if !is_head_word(cx, cluster.mentions[0].0)
            || cluster.mentions.iter().any(|&(s, e)| e - s != 1)
        {
            continue;
        }
        let head = names[index][0];
        let mut named = organisations.iter().copied().filter(|&long| {
            let words = &names[long];
            words.len() > 1 && (words[0] == head || words.last() == Some(&head))
        });
        if let (Some(long), None) = (named.next(), named.next()) {
            into.set(index, Some(long));
        }
    }
}

/// The buffers of [`merge_organisation_endings`].
#[derive(Default)]
struct Endings {
    /// The organisations standing, in cluster order: listed by [`merge`]
    /// for [`merge_head_words`], and left with those that have names for
    /// [`merge_organisation_endings`].
    organisations: Vec<usize>,
    /// The organisations by the hashes of their shorter names.
    shorter: Vec<(u64, usize)>,
    /// The hash of each organisation's whole name, in the order of
    /// `organisations`.
    wholes: Vec<u64>,
}

/// "Harbour Authority" joins "Oxley Harbour Authority", and "Gulls"
/// "Tarnwell Gulls", when the one organisation of the document whose
/// longer name ends with those words (not after a small word: "of the",
/// "de") is that one; "Halvard Controls" joins "Halvard Controls Inc"
/// when the longer name adds only a legal form ("Inc", "Corp", see
/// [`is_legal_form`]); "Wexford" joins "Wexford University" when it adds a
/// designator it may be left without (see [`name_less_designator`]), and
/// "Tarnwell Institute" "Tarnwell Institute of Technology" (see
/// [`name_less_qualifier`]). A lone head word is left to
/// [`merge_head_words`]; two names a gazetteer lists as different entries
/// stay apart unless the short one comes after the long one.
fn merge_organisation_endings(
    cx: &Document<'_>,
    clusters: &mut [Cluster],
    names: &LongestNames<'_>,
    into: &mut Targets,
    Endings {
        organisations,
        shorter,
        wholes,
    }: &mut Endings,
) {
    // The organisations [`merge`] listed that still stand and have names,
    // kept for the passes below rather than asked of every cluster in each.
    organisations.retain(|&i| !clusters[i].mentions.is_empty() && !names[i].is_empty());
    // Most documents name fewer than two organisations.
    if organisations.len() < 2 {
        return;
    }
    // Each organisation by the hash of every shorter name it may be called
    // by: its endings, each hashed as [`chain`] folds a name from its last
    // word back, and its name less a legal form. (Each organisation
    // compared with every other was quadratic in the organisations of a
    // document.) The hash of the whole name is the last of the fold.
    shorter.clear();
    wholes.clear();
    for &long in organisations.iter() {
        let (words, hashes) = (&names[long], names.hashes(long));
        let mut hash = EMPTY_NAME;
        for count in 1..words.len() {
            hash = chain(hash, hashes[words.len() - count]);
            shorter.push((hash, long));
        }
        wholes.push(chain(hash, hashes[0]));
        // "News Corp Ltd" may be called "News Corp" and "News".
        let forms = words.iter().rev().take_while(|w| is_legal_form(w)).count();
        for kept in (words.len() - forms).max(1)..words.len() {
            let hash = name_hash(&hashes[..kept]);
            shorter.push((hash, long));
        }
        // "Wexford University" may be called "Wexford", and "Tarnwell
        // Institute of Technology" "Tarnwell Institute".
        if let Some(kept) = name_less_designator(words).or_else(|| name_less_qualifier(words)) {
            shorter.push((name_hash(&hashes[..kept]), long));
        }
    }
    shorter.sort_unstable();
    shorter.dedup();
    // A bit for each shorter name's hash (see [`name_bit`]): most names
    // are no other's shorter name, and need no search.
    let shorter_bits = shorter
        .iter()
        .fold(0, |bits, &(hash, _)| bits | name_bit(hash));
    for (&short, &whole) in organisations.iter().zip(wholes.iter()) {
        if shorter_bits & name_bit(whole) == 0 {
            continue;
        }
        let words = &names[short];
        let cluster = &clusters[short];
        if words.len() == 1 && is_head_word(cx, cluster.mentions[0].0) {
            continue;
        }
        let from = shorter.partition_point(|&(hash, _)| hash < whole);
        // Two names may share a hash: the words settle it.
        let joins = |long: usize| {
            let long_words = &names[long];
            let listed_apart = matches!(
                (cluster.entry, clusters[long].entry),
                (Some(a), Some(b)) if a != b
            );
            // Shortened, the name must be the long one's alone: "Halvard"
            // is not "Halvard Bank" when "Halvard Controls" is named too
            // (but may be when "Halvard Bank of Oxley" is).
            let shortened = || {
                (name_less_designator(long_words) == Some(words.len())
                    || name_less_qualifier(long_words) == Some(words.len()))
                    && !organisations.iter().any(|&other| {
                        other != long
                            && other != short
                            && names[other].starts_with(words)
                            && !names[other].starts_with(long_words)
                    })
            };
            let names_it = (long_words.ends_with(words)
                && !ends_after_small_word(cx, &clusters[long], long_words, words.len()))
                || (long_words.starts_with(words)
                    && (legal_form_after(long_words, words.len()) || shortened()));
            // A short name that comes after the long one refers back to it,
            // even where a gazetteer lists the two apart ("Wexford
            // University" … "Wexford").
            let introduced = first_start(&clusters[long]) < first_start(cluster);
            names_it && (!listed_apart || introduced)
        };
        let mut longer = shorter[from..]
            .iter()
            .take_while(|&&(hash, _)| hash == whole)
            .map(|&(_, long)| long)
            .filter(|&long| joins(long));
        if let (Some(long), None) = (longer.next(), longer.next()) {
            into.set(short, Some(long));
        }
    }
    // A longer name may join a longer one still ("Halvard" joins "Halvard
    // Motors", which joins "Halvard Motors Inc"): each joins the last of
    // its chain, whose names grow longer at each step.
    if !into.moving {
        return;
    }
    let into = &mut into.into;
    for short in 0..into.len() {
        let mut target = into[short];
        while let Some(next) = target.and_then(|t| into[t]) {
            target = Some(next);
        }
        into[short] = target;
    }
    // A listed short name joined to an unlisted longer one does not name
    // it: "Harbour Trust" may be listed for another trust than "Oxley
    // Harbour Trust".
    for (short, target) in into.iter().enumerate() {
        if let Some(long) = *target
            && clusters[long].entry.is_none()
        {
            clusters[short].entry = None;
        }
    }
}

/// Where the first mention of `cluster` starts.
fn first_start(cluster: &Cluster) -> usize {
    cluster
        .mentions
        .iter()
        .map(|&(s, _)| s)
        .min()
        .unwrap_or(usize::MAX)
}

/// Whether the word of `words` (the longest name of `cluster`) before its
/// last `count` is a small word: a particle, a word an acronym skips
/// ("of", "the", "and", see [`SKIPPED`]) however written, or another stop
/// word written in lower case. The ending is then a name of its own inside
/// the longer one ("Fenwick Gallery" in "Friends of the Fenwick Gallery").
/// A stop word written with a capital is a word of the name ("Kingdom",
/// "Republic", "Council": "Home Office" of "United Kingdom Home Office");
/// in a name in capitals, where case says nothing, it stays a small word.
fn ends_after_small_word(
    cx: &Document<'_>,
    cluster: &Cluster,
    words: &[&str],
    count: usize,
) -> bool {
    let at = words.len() - count - 1;
    let before = words[at];
    if cx.is_particle_key(before) || SKIPPED.contains(&before) {
        return true;
    }
    // Most words before an ending are no stop word, and need no look at
    // how the text writes them.
    if !cx.is_stopword_key(before) {
        return false;
    }
    // The name's words are those of its last mention with the most words
    // (see [`LongestNames::of`]): any mention with as many gives the same
    // word.
    let written = cluster.mentions.iter().find_map(|&(s, e)| {
        (name_words(cx, s, e).count() == words.len())
            .then(|| name_words(cx, s, e).nth(at))
            .flatten()
    });
    written.is_none_or(|i| cx.tokens[i].shape != Shape::Capitalised)
}

/// Whether `word`, lower-cased, is a word of a company's legal form, that
/// a name may be written with or without ("Halvard Controls Inc",
/// "Halvard Controls"). A match rather than a list: asked of the last
/// words of every organisation's name, and of the capitals after a
/// person's.
fn is_legal_form(word: &str) -> bool {
    matches!(
        word,
        "inc"
            | "incorporated"
            | "corp"
            | "corporation"
            | "co"
            | "company"
            | "ltd"
            | "limited"
            | "plc"
            | "llc"
            | "lp"
            | "ag"
            | "sa"
            | "nv"
            | "gmbh"
    )
}

/// Whether the words of `long` after its first `count` are all words of a
/// legal form.
fn legal_form_after(long: &[&str], count: usize) -> bool {
    long[count..].iter().all(|word| is_legal_form(word))
}

/// Whether `key` is a designator of organisations written after a name
/// ("university", "institute").
fn is_designator_key(key: &str) -> bool {
    lookup(key).is_some_and(|cue| {
        cue.designators(Position::After)
            .any(|d| d.kind == EntityKind::Organisation)
    })
}

/// Whether `word`, lower-cased, is one of the designators of organisations
/// that a body is named without as well as with: "Wexford University" is
/// "Wexford", "Halvard Motors" "Halvard". Others name a part or a product
/// of the body named alone ("Halvard News", "Halvard Office", "Halvard
/// Foundation") or the body of a place ("Wexford Council").
fn is_dropped_designator(word: &str) -> bool {
    matches!(
        word,
        "university"
            | "college"
            | "institute"
            | "school"
            | "academy"
            | "group"
            | "holdings"
            | "industries"
            | "motors"
            | "airlines"
            | "airways"
            | "party"
            | "bank"
    )
}

/// How many words of an organisation's name `words` are left without the
/// designators that end it and that it may be named without (see
/// [`is_dropped_designator`], and legal forms: "Halvard" of "Halvard Motors
/// Inc"), when the name is more than them and what is
/// left does not end with a designator of its own: "Wexford" of "Wexford
/// University", but nothing of "Oxley University Press", whose "Oxley
/// University" is another body.
fn name_less_designator(words: &[&str]) -> Option<usize> {
    if words.len() < 2 {
        return None;
    }
    let designators = words
        .iter()
        .rev()
        .take_while(|w| is_dropped_designator(w) || is_legal_form(w))
        .count();
    let kept = words.len() - designators;
    (designators > 0 && kept > 0 && !is_designator_key(words[kept - 1])).then_some(kept)
}

/// How many words of an organisation's name `words` come before a
/// qualifier that starts with "of" or "for", when those are two or more
/// and end with a designator: "Tarnwell Institute" of "Tarnwell Institute
/// of Technology", "Oxley Arts Foundation" of "Oxley Arts Foundation for
/// the Young". A lone designator ("University" of "University of
/// Wexford") is left to [`merge_head_words`].
fn name_less_qualifier(words: &[&str]) -> Option<usize> {
    let kept = words.iter().position(|w| BODY_CONNECTORS.contains(w))?;
    (kept > 1 && is_designator_key(words[kept - 1])).then_some(kept)
}

/// Whether token `i` is a designator of organisations, after a name
/// ("University") or before "of" ("House of").
fn is_head_word(cx: &Document<'_>, i: usize) -> bool {
    cx.cue(i).is_some_and(|cue| {
        cue.designators(Position::After)
            .chain(cue.designators(Position::BeforeOf))
            .any(|d| d.kind == EntityKind::Organisation)
    })
}

/// Whether word token `i` is written as initials, each standing for a
/// word: a block of capitals with periods ("U.K", the last period a token
/// of its own) or a capital letter before a period ("N."). Most words have
/// no period after them, which is asked first.
fn is_initials(cx: &Document<'_>, i: usize) -> bool {
    let period_after =
        i + 1 < cx.tokens.len() && cx.is_byte(i + 1, b'.') && !cx.tokens[i + 1].space_before;
    if !period_after || cx.tokens[i].shape != Shape::Upper {
        return false;
    }
    let word = cx.word(i);
    word.len() == 1 || word.contains('.')
}

/// Whether a mention `start..end` may have initials in it (see
/// [`is_initials`]): a period inside it. Asked of a name before its words.
/// A period after a name, which most often ends a sentence, is not read: a
/// name written in full may end a sentence.
fn has_period(cx: &Document<'_>, start: usize, end: usize) -> bool {
    (start + 1..end).any(|i| cx.is_byte(i, b'.'))
}

/// The word tokens of mention `start..end`.
fn name_words<'d>(
    cx: &'d Document<'_>,
    start: usize,
    end: usize,
) -> impl Iterator<Item = usize> + 'd {
    (start..end).filter(|&i| cx.tokens[i].kind == TokenKind::Word)
}

/// The hash of the initials of the words a mention `start..end` stands
/// for: a word's first letter, or each letter of a block of initials ("U.K
/// Treasury" and "United Kingdom Treasury" both give "ukt"), folded as
/// [`chain`] folds words.
fn initials_hash(cx: &Document<'_>, start: usize, end: usize) -> u64 {
    let mut hash = EMPTY_NAME;
    for i in name_words(cx, start, end) {
        let key = cx.keys.get(i);
        if is_initials(cx, i) {
            for c in key.chars().filter(|c| c.is_alphabetic()) {
                hash = chain(hash, u64::from(c));
            }
        } else if let Some(c) = key.chars().next() {
            hash = chain(hash, u64::from(c));
        }
    }
    hash
}

/// Whether mention `short` abbreviates mention `long` word for word: its
/// words in full are the long one's, in order, and each block of initials
/// the initials of as many capitalised words of it.
fn abbreviates(
    cx: &Document<'_>,
    (short_start, short_end): (usize, usize),
    (long_start, long_end): (usize, usize),
) -> bool {
    let mut long = name_words(cx, long_start, long_end);
    for i in name_words(cx, short_start, short_end) {
        let key = cx.keys.get(i);
        if !is_initials(cx, i) {
            if long.next().map(|j| cx.keys.get(j)) != Some(key) {
                return false;
            }
            continue;
        }
        // An initial stands for a capitalised word longer than a letter.
        for letter in key.chars().filter(|c| c.is_alphabetic()) {
            let stands_for = long.next().is_some_and(|j| {
                let word = cx.keys.get(j);
                cx.tokens[j].shape != Shape::Lower && word.len() > 1 && word.starts_with(letter)
            });
            if !stands_for {
                return false;
            }
        }
    }
    long.next().is_none()
}

/// The buffers of [`merge_abbreviated_names`].
#[derive(Default)]
struct Abbreviated {
    /// The clusters whose first mention has an abbreviated word, with that
    /// mention.
    short: Vec<(usize, (usize, usize))>,
    /// The places and organisations written in full, by the hash of their
    /// longest mention's initials (see [`initials_hash`]), with that
    /// mention.
    by_initials: Vec<(u64, usize, (usize, usize))>,
}

/// "E. Tarvia Grain Council" joins "East Tarvia Grain Council": a place or
/// organisation whose name writes words of the one place or organisation
/// of the same kind written in full as initials (see [`abbreviates`]) is
/// that one, even where a gazetteer lists the two apart: two sources may
/// list one body under both spellings. A name of initials alone ("U.N.",
/// "N.J.") is left to the acronym steps: a list may give a state's
/// initials and a city's name written in full.
fn merge_abbreviated_names(
    cx: &Document<'_>,
    clusters: &[Cluster],
    into: &mut Targets,
    Abbreviated { short, by_initials }: &mut Abbreviated,
) {
    // Names with a period in them and a word in full first: most
    // documents have none, and need no index of the others.
    short.clear();
    for (index, cluster) in clusters.iter().enumerate() {
        let Some(&(s, e)) = cluster.mentions.first() else {
            continue;
        };
        if e - s > 1
            && matches!(cluster.kind, EntityKind::Place | EntityKind::Organisation)
            && has_period(cx, s, e)
            && name_words(cx, s, e).any(|i| is_initials(cx, i))
            && name_words(cx, s, e).any(|i| !is_initials(cx, i))
        {
            short.push((index, (s, e)));
        }
    }
    if short.is_empty() {
        return;
    }
    by_initials.clear();
    for (index, cluster) in clusters.iter().enumerate() {
        if !matches!(cluster.kind, EntityKind::Place | EntityKind::Organisation) {
            continue;
        }
        let longest = cluster
            .mentions
            .iter()
            .max_by_key(|&&(s, e)| name_words(cx, s, e).count());
        if let Some(&(s, e)) = longest
            && name_words(cx, s, e).nth(1).is_some()
            && !has_period(cx, s, e)
        {
            by_initials.push((initials_hash(cx, s, e), index, (s, e)));
        }
    }
    by_initials.sort_unstable_by_key(|&(hash, index, _)| (hash, index));
    for &(index, mention) in short.iter() {
        let cluster = &clusters[index];
        let hash = initials_hash(cx, mention.0, mention.1);
        let from = by_initials.partition_point(|&(h, _, _)| h < hash);
        let mut longer = by_initials[from..]
            .iter()
            .take_while(|&&(h, _, _)| h == hash)
            .filter(|&&(_, long, long_mention)| {
                long != index
                    && clusters[long].kind == cluster.kind
                    && abbreviates(cx, mention, long_mention)
            })
            .map(|&(_, long, _)| long);
        if let (Some(long), None) = (longer.next(), longer.next()) {
            into.set(index, Some(long));
        }
    }
}

/// Joins each cluster named by an acronym alone to the long form it
/// spells: the name it follows in brackets, or else the one group,
/// organisation or place of the document whose initials it spells (see
/// the module docs for when a listed acronym does).
fn merge_acronyms(
    cx: &Document<'_>,
    matcher: &Matcher,
    clusters: &mut [Cluster],
    in_capitals: &[usize],
    into: &mut Targets,
    buffers: &mut AcronymBuffers,
) {
    let AcronymBuffers {
        ends_at,
        initials,
        joining,
    } = buffers;
    // Only a cluster named by an acronym alone may join another. (An
    // acronym is one token: the look-up is left for those.) Whether its
    // mentions are one acronym is asked once, by the loop below, of a first
    // mention of one word in capitals, which only an acronym's is: asked of
    // the clusters `in_capitals` lists, which have mentions.
    let may_join = |c: &Cluster| {
        let (s, e) = c.mentions[0];
        e - s == 1
    };
    // The clusters that may join, and the first letters of their acronyms:
    // only a mention whose first word starts with one of them may spell
    // one, and the initials of the others are not written.
    // Whether one of them follows a bracket, as a defined acronym does:
    // most acronyms are not defined, and the long forms that end before
    // one are then not needed.
    joining.clear();
    let mut firsts = Letters::default();
    let mut bracketed = false;
    for &index in in_capitals {
        let cluster = &clusters[index];
        if may_join(cluster)
            && let Some(acronym) = cx.acronym_of(&cluster.mentions)
        {
            joining.push(index);
            firsts.add(acronym);
            bracketed |= (cluster.mentions.iter()).any(|&(s, _)| s > 0 && cx.is_byte(s - 1, b'('));
        }
    }
    if joining.is_empty() {
        return;
    }
    // Which clusters each set of initials spells. Undefined, an acronym
    // joins no person: a person's initials are read only where an acronym
    // may be defined, and most documents define none.
    initials.clear();
    for (index, cluster) in clusters.iter().enumerate() {
        if !bracketed && cluster.kind == EntityKind::Person {
            continue;
        }
        for &(s, e) in &cluster.mentions {
            if e - s > 1 && firsts.may_start(cx.word(s)) {
                initials.add(cx, s, e, index);
                initials.add_spelled_out(cx, s, e, index);
                // "Halvard Controls Inc" spells "HC" as well as "HCI".
                if let Some(named) = long_form_less_legal_forms(cx, s, e) {
                    initials.add(cx, s, named, index);
                    initials.add_spelled_out(cx, s, named, index);
                }
            }
        }
    }
    // No name spells an acronym's letters in most documents: none joins.
    if initials.is_empty() {
        return;
    }
    initials.sort();
    // Which cluster has a mention ending at each token, where an acronym
    // may be defined.
    if bracketed {
        ends_at.clear();
        ends_at.resize(cx.tokens.len() + 1, None);
        for (index, cluster) in clusters.iter().enumerate() {
            for &(_, e) in &cluster.mentions {
                ends_at[e] = Some(index);
            }
        }
    }
    for &short in joining.iter() {
        let cluster = &clusters[short];
        // Every mention is the acronym, as the loop above found.
        let at = cluster.mentions[0].0;
        let acronym = cx.word(at);
        let spelled = initials.spelled_by(acronym);
        // Defined: "LONG ( ACRONYM )".
        let definition = |&(s, _): &(usize, usize)| {
            let open = s.checked_sub(1)?;
            let closed = s + 1 < cx.tokens.len() && cx.is_byte(s + 1, b')');
            let long = ends_at[open].filter(|_| closed && cx.is_byte(open, b'('))?;
            // `spelled` is in cluster order: searched, not scanned, for a
            // document of many definitions of one acronym.
            let spells = spelled.binary_search_by_key(&long, |s| s.cluster);
            (long != short && spells.is_ok()).then_some(long)
        };
        let defined = if bracketed {
            cluster.mentions.iter().find_map(definition)
        } else {
            None
        };
        // A listed acronym a definition joins to a long form: the entity
        // the long form names is the document's, not the one the gazetteer
        // lists ("SIAC" may be another body), and it is named by its long
        // form.
        if let Some(long) = defined {
            into.set(short, Some(long));
            clusters[short].entry = None;
            continue;
        }
        // Undefined, an acronym joins the one group, organisation or place
        // of the document whose initials it spells, before or after it.
        let mut others = spelled
            .iter()
            .map(|s| s.cluster)
            .filter(|&l| l != short && clusters[l].kind != EntityKind::Person);
        let (Some(long), None) = (others.next(), others.next()) else {
            continue;
        };
        // A listed acronym joins a long form of two words or more before
        // any legal form ("Halvard Controls Inc", not "Halvard Inc" for
        // "HI"); one of two letters, which spell many names, only when its
        // entry is named by no other long form ("US" as the gazetteer's
        // "United States", not a document's "Universal Studios"); one of
        // three or more stands for the document's long form, as a defined
        // one does. Joined, the entity is the document's, named by its long
        // form.
        if let Some(entry) = cluster.entry {
            let long_form = clusters[long].mentions.iter().find_map(|&(s, e)| {
                let named = end_less_legal_forms(cx, s, e);
                let spells = spelled_by(cx, at, s, e) || spelled_by(cx, at, s, named);
                (e - s > 1 && has_two_words(cx, s, named) && spells).then_some((s, named))
            });
            let two_letters = acronym.chars().filter(|c| c.is_alphabetic()).count() == 2;
            let named_otherwise = long_form.is_none_or(|(s, e)| {
                two_letters && names_another_long_form(cx, matcher.entry_name(entry), acronym, s, e)
            });
            if named_otherwise {
                continue;
            }
            clusters[short].entry = None;
        }
        into.set(short, Some(long));
    }
}

/// Where mention `start..end` ends less the legal forms it ends with:
/// "Halvard Controls Inc" at "Controls".
fn end_less_legal_forms(cx: &Document<'_>, start: usize, end: usize) -> usize {
    (start..end)
        .rev()
        .find(|&i| !is_legal_form(cx.keys.get(i)))
        .map_or(start, |i| i + 1)
}

/// Where mention `start..end` ends less the legal forms it ends with, when
/// it ends with some and two words or more come before them: a long form
/// an acronym may spell without them ("HC" of "Halvard Controls Inc"; not
/// "H" of "Halvard Inc").
fn long_form_less_legal_forms(cx: &Document<'_>, start: usize, end: usize) -> Option<usize> {
    let named = end_less_legal_forms(cx, start, end);
    (named < end && has_two_words(cx, start, named)).then_some(named)
}

/// Whether acronym token `acronym` spells the initials of tokens
/// `start..end`, read either way (see
/// [`Document::push_spelled_out_initials`]).
fn spelled_by(cx: &Document<'_>, acronym: usize, start: usize, end: usize) -> bool {
    let mut initials = String::new();
    cx.spells_initials(acronym, start, end)
        || (cx.push_spelled_out_initials(start, end, &mut initials)
            && initials == letters(cx.word(acronym)))
}

/// The initials of mention `start..end` that [`merge_acronyms`] reads
/// beside [`Document::initials`]: spelled out (see
/// [`Document::push_spelled_out_initials`]), and less the legal forms it
/// ends with, when two words or more come before them ("hc" of "Halvard
/// Controls Inc"), either way.
pub(crate) fn other_initials(cx: &Document<'_>, start: usize, end: usize) -> Vec<String> {
    let mut others = Vec::new();
    let mut spelled_out = |end: usize| {
        let mut initials = String::new();
        if cx.push_spelled_out_initials(start, end, &mut initials) {
            others.push(initials);
        }
    };
    spelled_out(end);
    if let Some(named) = long_form_less_legal_forms(cx, start, end) {
        spelled_out(named);
        others.extend(cx.initials(start, named));
    }
    others
}

/// Whether tokens `start..end` hold two words or more, the small words
/// initials skip left out: a name of one word and a legal form ("Halvard
/// Inc") is no long form of an acronym ("HI").
fn has_two_words(cx: &Document<'_>, start: usize, end: usize) -> bool {
    name_words(cx, start, end)
        .filter(|&i| !SKIPPED.contains(&cx.word(i)))
        .count()
        >= 2
}

/// Whether `name`, the name of a listed acronym's entry, is a long form of
/// `acronym` (of two letters) other than the document's mention
/// `start..end`: a name of two words or more whose initials it spells,
/// with or without the legal forms it ends with, and whose words are not
/// the mention's, legal forms left out. Two words are the same when their
/// first four letters are, whatever their case: "Organization" and
/// "Organisation", "Centre" and "Center" are spellings of one word. A name
/// that spells no long form of the acronym ("NBA" itself) names none.
fn names_another_long_form(
    cx: &Document<'_>,
    name: &str,
    acronym: &str,
    start: usize,
    end: usize,
) -> bool {
    let tokens = tokenize(name);
    let name_words = || tokens.iter().map(|t| t.text(name));
    let legal_form = |word: &str| is_legal_form(&word.to_lowercase());
    let named = tokens.len() - name_words().rev().take_while(|w| legal_form(w)).count();
    let spelled = |count: usize| spells_initials(acronym, name_words().take(count));
    if tokens.len() < 2 || !(spelled(tokens.len()) || spelled(named)) {
        return false;
    }
    let significant = |word: &&str| {
        !SKIPPED.contains(word) && word.chars().any(char::is_alphabetic) && !legal_form(word)
    };
    let stem = |word: &str| {
        word.chars()
            .take(4)
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let theirs = name_words().filter(significant).map(stem);
    let ours = (start..end).map(|i| cx.word(i)).filter(significant);
    !theirs.eq(ours.map(stem))
}

/// The clusters named by initials alone, each by its letters: all the
/// letters in one string, and for each cluster where its letters are in it.
#[derive(Default)]
struct SpelledInitials {
    letters: String,
    clusters: Vec<(std::ops::Range<usize>, usize)>,
}

/// The letters of mention `start..end`, lower-cased, appended to `out`,
/// when it is initials alone, however written: one acronym ("OPB",
/// "O.P.B.") or capital letters each alone, with or without periods ("O. P.
/// B.", "O P B"). False, with `out` in any state, otherwise.
fn push_spelled_initials(cx: &Document<'_>, start: usize, end: usize, out: &mut String) -> bool {
    // Most names are words with a small letter.
    let capitals = |t: &Token| t.kind != TokenKind::Word || t.shape == Shape::Upper;
    if !cx.tokens[start..end].iter().all(capitals) {
        return false;
    }
    let from = out.len();
    for i in start..end {
        let word = cx.word(i);
        let mut chars = word.chars();
        match (chars.next(), chars.next()) {
            (Some('.'), None) => {}
            (Some(c), None) if c.is_uppercase() => out.extend(c.to_lowercase()),
            // One acronym, whose last period may be a token of its own
            // ("O.P.B" and "."), not a run of words in capitals.
            _ if cx.is_acronym(i) && (end - start == 1 || word.contains('.')) => {
                push_letters(word, out)
            }
            _ => return false,
        }
    }
    out[from..].chars().count() > 1
}

/// "O. P. B." joins "OPB" and "O.P.B.": initials written with or without
/// periods or spaces are one name. The clusters named by initials alone
/// with the same letters are one entity when they have one kind (the
/// first listed in a gazetteer, or else the first), or when a gazetteer
/// lists only one of them, which the others join.
fn merge_spelled_initials(
    cx: &Document<'_>,
    clusters: &[Cluster],
    in_capitals: &[usize],
    into: &mut Targets,
    spelled: &mut SpelledInitials,
) {
    let SpelledInitials {
        letters,
        clusters: by_letters,
    } = spelled;
    letters.clear();
    by_letters.clear();
    // Initials start with a capital letter alone or an acronym: only two
    // clusters named so can be one, and most documents have fewer, whose
    // letters need not be read. `in_capitals` lists them, and those that
    // [`merge_acronyms`] emptied since, passed over.
    if in_capitals.len() < 2 {
        return;
    }
    for &index in in_capitals {
        let cluster = &clusters[index];
        let Some(&(s, e)) = cluster.mentions.first() else {
            continue;
        };
        let from = letters.len();
        if !push_spelled_initials(cx, s, e, letters) {
            letters.truncate(from);
            continue;
        }
        let to = letters.len();
        // The other mentions, mostly the same text again, spelled after
        // the first's letters and compared with them.
        let first = &cx.text[cx.tokens[s].start()..cx.tokens[e - 1].end()];
        let spells_same = cluster.mentions[1..].iter().all(|&(ms, me)| {
            if &cx.text[cx.tokens[ms].start()..cx.tokens[me - 1].end()] == first {
                return true;
            }
            let same =
                push_spelled_initials(cx, ms, me, letters) && letters[to..] == letters[from..to];
            letters.truncate(to);
            same
        });
        if spells_same {
            by_letters.push((from..to, index));
        } else {
            letters.truncate(from);
        }
    }
    if by_letters.len() < 2 {
        return;
    }
    let letters = &*letters;
    by_letters.sort_by(|(a, i), (b, j)| letters[a.clone()].cmp(&letters[b.clone()]).then(i.cmp(j)));
    for group in by_letters.chunk_by(|(a, _), (b, _)| letters[a.clone()] == letters[b.clone()]) {
        if group.len() < 2 {
            continue;
        }
        let mut listed = group
            .iter()
            .map(|&(_, i)| i)
            .filter(|&i| clusters[i].entry.is_some());
        let (first_listed, more_listed) = (listed.next(), listed.next());
        let one_kind = group
            .iter()
            .all(|&(_, i)| clusters[i].kind == clusters[group[0].1].kind);
        let target = match first_listed {
            Some(listed) if one_kind || more_listed.is_none() => listed,
            None if one_kind => group[0].1,
            _ => continue,
        };
        for &(_, index) in group {
            if index != target {
                into.set(index, Some(target));
            }
        }
    }
}

/// Moves each cluster `i` with `into[i] = Some(j)` into cluster
/// `j`, leaving cluster `i` empty, and empties `into` for the next step
/// (without a look at the clusters when none moves). A target never moves
/// itself: it is the longest name of its kind that ends with (or spells)
/// the other.
fn apply(clusters: &mut [Cluster], into: &mut Targets, pool: &mut Pool) {
    if !std::mem::take(&mut into.moving) {
        return;
    }
    into.moved = true;
    for (i, target) in into.into.iter_mut().enumerate() {
        if let Some(j) = target.take() {
            let cluster = clusters[i].take();
            clusters[j].absorb(cluster, pool);
        }
    }
}
