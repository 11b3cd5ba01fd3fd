//! Propagation: once a document has named an entity, a bare use of one of
//! its names elsewhere is a mention too, with the same kind.
//!
//! The names propagated are every mention's own words; for persons, every
//! ending of their name ("Al Sadr", "Sadr" from "Moqtada Al Sadr") except a
//! lone particle or stop word, and their given name ("Lucia" of "Lucia
//! Moreno"); and for other entities the acronym their
//! initials spell ("ARC" for "Arab Reform Council"), matched only where it
//! is written in capitals; and for organisations and groups, each
//! capitalised word of their name that is no stop word or cue word
//! ("Mercantile" of "Mercantile Bancorp"), used only after their first
//! mention, in running text, not first in a sentence, and only where no
//! whole name is spelled alike. A name that two entities share is
//! ambiguous and not propagated, except a surname or given name that
//! several persons share: it is the person named most often, if one is. A sentence-initial word before a name ("Later Al Sadr
//! left") may be left out of the run. A use must be a
//! whole run of capitalised words (a title may precede it), so "Sadr" in
//! "Sadr City" is not taken for the man.

use std::borrow::Cow;
use std::cell::OnceCell;

use super::initials::{Initials, Letters};
use super::name_index::{NameIndex, Spelled};
use super::{Cluster, overlap};
use crate::EntityKind;
use crate::document::acronym;
use crate::document::{Document, EMPTY_NAME};
use crate::tokenizer::{Headline, Shape, TokenKind};

/// Names and the cluster each belongs to (see [`Owner`]).
type NameOwners = NameIndex<Owner>;

/// The cluster a name belongs to, as its claims are indexed.
#[derive(Clone, Copy)]
struct Owner {
    /// The claimant chosen so far.
    cluster: usize,
    /// Whether the name is the chosen claimant's own: no other cluster
    /// claims it, or only persons the document names less often (see
    /// [`Claims::index`]).
    sole: bool,
    /// Whether a cluster that is not a person shares it with another, or
    /// it is one cluster's name and a word of another's: no count of
    /// mentions settles that.
    kinds_differ: bool,
    /// Whether it is only a word of the owner's names (see
    /// [`NAME_WORDS`]): used only after the owner's first mention, and never
    /// where a capital says nothing.
    word: bool,
    /// Whether another cluster claims it too as a name of its own: the
    /// chosen claimant is a person named more often than the others (see
    /// [`MAIN_PERSON`]).
    shared: bool,
}

impl Owner {
    /// The cluster the name is a use of, if one claimant is chosen.
    fn get(self) -> Option<usize> {
        (self.sole && !self.kinds_differ).then_some(self.cluster)
    }

    /// What a use of the name is found by.
    fn via(self) -> Via {
        if self.word {
            Via::NameWord
        } else if self.shared {
            Via::MainPerson
        } else {
            Via::Name
        }
    }
}

/// What found a further mention, as an explanation names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Via {
    /// A name the entity is known by, or the acronym its initials spell.
    Name,
    /// A surname or given name several persons share, given to the one
    /// named most often (see [`MAIN_PERSON`]).
    MainPerson,
    /// A word of an organisation's or group's name (see [`NAME_WORDS`]).
    NameWord,
}

/// Every name the document's entities are known by.
struct Known<'n, 'c> {
    owners: &'n NameOwners,
    /// The names written out (see [`Spelled::Written`]).
    written: &'n str,
    /// The most words in a name.
    longest: usize,
    /// The acronyms, made only once a run needs them: most documents have
    /// no lone acronym that is not a mention already.
    acronyms: OnceCell<Acronyms>,
    /// The clusters before propagation, which the acronyms are made of.
    clusters: &'c [Cluster],
    /// The runs looked up, of which those of an acronym alone may be
    /// looked up as one.
    runs: &'n [OpenRun],
}

/// A name claimed for a cluster, before the names are indexed.
struct Claim {
    name: Spelled,
    hash: u64,
    index: usize,
    /// Whether the name is a word of the entity's name (see [`NAME_WORDS`]).
    word: bool,
}

/// The buffers of [`propagate`] that hold no borrowed text, kept for the
/// next document (see [`super::Memory`]).
#[derive(Default)]
pub(crate) struct Buffers {
    claims: Claims,
    owners: NameOwners,
    /// Whether each token is in a mention already.
    taken: Vec<bool>,
    /// The further mentions: cluster, start, end and what found it.
    found: Vec<(usize, usize, usize, Via)>,
    /// The runs no mention takes, and the names they may spell.
    open: OpenRuns,
}

impl Buffers {
    /// What found further mention `start..end` of the last document, if
    /// it is one.
    pub(crate) fn found_by(&self, start: usize, end: usize) -> Option<Via> {
        self.found
            .iter()
            .find(|&&(_, s, e, _)| (s, e) == (start, end))
            .map(|&(.., via)| via)
    }
}

/// A run no mention takes: start, end, the hash of the run's name and, if
/// the run may be looked up less its first word, the hash of that.
type OpenRun = (usize, usize, u64, Option<u64>);

/// The name runs of a document that no mention takes, each with the hash
/// of its name and, where its first word starts a sentence, of its name
/// less that word; and all those hashes, in order. Only a name claimed
/// under one of them can be found: the others are not indexed. (Indexing
/// every name of every entity cost more than looking up the few runs
/// left.)
#[derive(Default)]
struct OpenRuns {
    runs: Vec<OpenRun>,
    /// The hashes of `runs`, sorted, without repeats.
    hashes: Vec<u64>,
    /// One bit for each hash's top six bits: a hash whose bit is not set
    /// is none of them, known without a search.
    bits: u64,
}

impl OpenRuns {
    /// Finds the name runs of `cx` that no token of `taken` is in.
    fn fill(&mut self, cx: &Document<'_>, taken: &[bool]) {
        self.runs.clear();
        self.hashes.clear();
        self.bits = 0;
        for (start, end) in cx.name_runs() {
            // Most runs are a word or two: their first and last tokens asked
            // with no loop, whose end went either way from run to run, and
            // only a longer run's middle by a search.
            let ends_taken = taken[start] | taken[end - 1];
            if ends_taken || (end - start > 2 && taken[start + 1..end - 1].contains(&true)) {
                continue;
            }
            // Folded from the last word back, the hash of the run less its
            // first word comes on the way to that of the whole run.
            let rest = cx.name_hash(start + 1, end);
            let whole = if cx.tokens[start].kind == TokenKind::Word {
                cx.fold_word(rest, start)
            } else {
                rest
            };
            let less_first = (cx.tokens[start].sentence_start && start + 1 < end).then_some(rest);
            self.runs.push((start, end, whole, less_first));
            self.hashes.push(whole);
            self.hashes.extend(less_first);
        }
        self.hashes.sort_unstable();
        self.hashes.dedup();
        for &hash in &self.hashes {
            self.bits |= 1 << (hash >> 58);
        }
    }

    /// Whether some run may spell a name of hash `hash`.
    fn wants(&self, hash: u64) -> bool {
        self.bits & (1 << (hash >> 58)) != 0 && self.hashes.binary_search(&hash).is_ok()
    }
}

/// Adds the further mentions of every cluster's names.
pub(crate) fn propagate(cx: &Document<'_>, clusters: &mut [Cluster], buffers: &mut Buffers) {
    let Buffers {
        claims,
        owners,
        taken,
        found,
        open,
    } = buffers;
    found.clear();
    taken.clear();
    taken.resize(cx.tokens.len(), false);
    for cluster in clusters.iter() {
        for &(s, e) in &cluster.mentions {
            // Most mentions are a word or two: their first and last words
            // marked in place, with no branch on which, and only a longer
            // one's middle by a call that fills memory.
            taken[s] = true;
            taken[e - 1] = true;
            if e - s > 2 {
                taken[s + 1..e - 1].fill(true);
            }
        }
    }
    // A title, determiner or stop word before the name is not part of it,
    // and is trimmed from the runs already.
    open.fill(cx, taken);
    if open.runs.is_empty() {
        return;
    }
    claims.fill(cx, clusters, open);
    if claims.made == 0 {
        return;
    }
    claims.index(cx, clusters, owners);
    // The further mentions are added once every run has been looked at:
    // the acronyms are made of the mentions before propagation.
    {
        let known = Known {
            owners,
            written: &claims.written,
            longest: claims.longest,
            acronyms: OnceCell::new(),
            clusters,
            runs: &open.runs,
        };
        let mut key = String::new();
        for &run in &open.runs {
            if let Some((index, start, via)) = find_name(cx, &known, run, &mut key)
                && !overlap::bound_to_prefix(cx, start, known.clusters[index].kind)
            {
                found.push((index, start, run.1, via));
            }
        }
    }
    for &(index, start, end, _) in found.iter() {
        clusters[index].mentions.push((start, end));
    }
}

/// Whether a surname or given name that several persons of the document
/// share goes to the one it names more often than each of the others (the
/// person a story is about: "Jared Padalecki", twice, and "his mother
/// Sherri Padalecki", once). Off, a name shared is nobody's.
const MAIN_PERSON: bool = true;

/// Whether a capitalised word of an organisation's or group's name
/// ("Mercantile Bancorp" … "Mercantile") names that entity alone later in
/// the document where nothing else claims the word. (The first word of a
/// person's full name that no list knows as a given name was tried too, and
/// lost more than it found: it is often a title or a word of another name.) Off, only the names of
/// [`names_entity`] and [`gives_given_name`] are propagated.
const NAME_WORDS: bool = true;

/// Whether the last `count` of the `words` words of a mention, the first
/// of them token `first`, are a name its entity is known by: for a person
/// every ending of the name ("Al Sadr", "Sadr"), for others the whole
/// name; never a lone particle or stop word.
fn names_entity(cx: &Document<'_>, person: bool, count: usize, words: usize, first: usize) -> bool {
    if !person && count < words {
        return false;
    }
    !(count == 1 && (cx.is_particle(first) || is_stopword(cx, first)))
}

/// Whether mention `start..end` of a person is a full name whose given
/// name ("Lucia" of "Lucia Moreno") the person is known by too.
fn gives_given_name(cx: &Document<'_>, start: usize, end: usize) -> bool {
    end - start >= 2 && cx.lexeme(start).given_name
}

/// The names claimed for the clusters, and where they are spelled.
#[derive(Default)]
struct Claims {
    claims: Vec<Claim>,
    /// Only names with punctuation between their words are written out;
    /// the keys of the others are in the document's keys already.
    written: String,
    /// The most words in a name claimed.
    longest: usize,
    /// How many names were claimed, those no run may spell included.
    made: usize,
    /// The word tokens of the mention at hand.
    words: Vec<usize>,
    /// Where each of those words' keys starts in `written`, when the
    /// mention is written out.
    word_starts: Vec<usize>,
}

impl Claims {
    /// Claims for each cluster the names it is known by (see
    /// [`names_entity`] and [`gives_given_name`]), keeping only those some
    /// run of `open` may spell.
    fn fill(&mut self, cx: &Document<'_>, clusters: &[Cluster], open: &OpenRuns) {
        self.claims.clear();
        self.written.clear();
        self.longest = 0;
        self.made = 0;
        for (index, cluster) in clusters.iter().enumerate() {
            let person = cluster.kind == EntityKind::Person;
            for &(s, e) in &cluster.mentions {
                self.claim_endings(cx, index, person, s, e, open);
            }
            if person {
                for &(s, e) in &cluster.mentions {
                    if gives_given_name(cx, s, e) {
                        self.claim_word(cx, index, s, false, open);
                    }
                }
            }
            if NAME_WORDS {
                self.claim_words(cx, index, cluster, open);
            }
        }
    }

    /// Claims for cluster `index` the endings of its mention `start..end`
    /// that name it, each hashed as the name is folded from its last word
    /// back, and spelled in the document's keys or, when punctuation
    /// stands between the words, written out.
    fn claim_endings(
        &mut self,
        cx: &Document<'_>,
        index: usize,
        person: bool,
        start: usize,
        end: usize,
        open: &OpenRuns,
    ) {
        if !person {
            self.claim_whole(cx, index, start, end, open);
            return;
        }
        let Claims {
            claims,
            written,
            longest,
            made,
            words,
            word_starts,
        } = self;
        words.clear();
        words.extend((start..end).filter(|&i| cx.tokens[i].kind == TokenKind::Word));
        let written_out = words.len() < end - start;
        if written_out {
            word_starts.clear();
            let from = written.len();
            for &i in words.iter() {
                if written.len() > from {
                    written.push(' ');
                }
                word_starts.push(written.len());
                written.push_str(cx.keys.get(i));
            }
        }
        let mut hash = EMPTY_NAME;
        for (skip, &token) in words.iter().enumerate().rev() {
            hash = cx.fold_word(hash, token);
            let count = words.len() - skip;
            if !names_entity(cx, person, count, words.len(), token) {
                continue;
            }
            *longest = (*longest).max(count);
            *made += 1;
            if !open.wants(hash) {
                continue;
            }
            let name = if written_out {
                Spelled::Written(word_starts[skip]..written.len())
            } else {
                Spelled::Keys(token, end)
            };
            claims.push(Claim {
                name,
                hash,
                index,
                word: false,
            });
        }
    }

    /// Claims for cluster `index`, not a person, the name of its mention
    /// `start..end` as [`Claims::claim_endings`] would: the whole name, the
    /// only ending that names it (see [`names_entity`]), hashed in one pass
    /// over the tokens and written out only when a run may spell it.
    fn claim_whole(
        &mut self,
        cx: &Document<'_>,
        index: usize,
        start: usize,
        end: usize,
        open: &OpenRuns,
    ) {
        let mut hash = EMPTY_NAME;
        let mut count = 0;
        let mut first = start;
        for i in (start..end).rev() {
            if cx.tokens[i].kind == TokenKind::Word {
                hash = cx.fold_word(hash, i);
                count += 1;
                first = i;
            }
        }
        if count == 0 || !names_entity(cx, false, count, count, first) {
            return;
        }
        self.longest = self.longest.max(count);
        self.made += 1;
        if !open.wants(hash) {
            return;
        }
        let name = if count == end - start {
            Spelled::Keys(first, end)
        } else {
            let from = self.written.len();
            cx.name_key(start, end, &mut self.written);
            Spelled::Written(from..self.written.len())
        };
        self.claims.push(Claim {
            name,
            hash,
            index,
            word: false,
        });
    }

    /// Counts the one word at `token` as a name cluster `index` claims,
    /// and keeps the claim where a run no mention takes may spell it;
    /// `word` as in [`Claim`].
    fn claim_word(
        &mut self,
        cx: &Document<'_>,
        index: usize,
        token: usize,
        word: bool,
        open: &OpenRuns,
    ) {
        let hash = cx.fold_word(EMPTY_NAME, token);
        self.made += 1;
        if open.wants(hash) {
            self.claims.push(Claim {
                name: Spelled::Keys(token, token + 1),
                hash,
                index,
                word,
            });
        }
    }

    /// Claims for cluster `index` the words of its names that may name it
    /// alone (see [`NAME_WORDS`]): every word of an organisation's or
    /// group's name of two words or more that is capitalised and neither a
    /// stop word, a particle nor a cue word (a designator, title or
    /// connector).
    fn claim_words(&mut self, cx: &Document<'_>, index: usize, cluster: &Cluster, open: &OpenRuns) {
        if !matches!(cluster.kind, EntityKind::Organisation | EntityKind::Group) {
            return;
        }
        for &(s, e) in &cluster.mentions {
            if e - s < 2 {
                continue;
            }
            for i in s..e {
                let token = &cx.tokens[i];
                let own_word = token.kind == TokenKind::Word
                    && token.shape.is_capitalised()
                    && !cx.is_stopword(i)
                    && !cx.is_particle(i)
                    && cx.cue(i).is_none();
                if own_word {
                    self.claim_word(cx, index, i, true, open);
                }
            }
        }
    }

    /// Indexes the names claimed by their owners: a name two clusters
    /// claim is ambiguous, and owned by none, unless both are persons and
    /// one of them has more mentions than any other that claims it (see
    /// [`MAIN_PERSON`]). A word of a name yields to a whole name.
    fn index(&self, cx: &Document<'_>, clusters: &[Cluster], owners: &mut NameOwners) {
        owners.reset(self.claims.len());
        let person = |index: usize| clusters[index].kind == EntityKind::Person;
        let mentions = |index: usize| clusters[index].mentions.len();
        for claimed in &self.claims {
            let text = claimed.name.text(cx, &self.written);
            let same = |other: &Spelled, _: &Owner| other.text(cx, &self.written) == text;
            let index = claimed.index;
            match owners.find(claimed.hash, same) {
                Some(i) => {
                    let owner = owners.value_mut(i);
                    let whole = Owner {
                        cluster: index,
                        sole: true,
                        kinds_differ: false,
                        word: false,
                        shared: false,
                    };
                    match (owner.word, claimed.word) {
                        // A word of a name yields to a whole name.
                        (false, true) => {}
                        (true, false) => *owner = whole,
                        _ if owner.cluster == index => {}
                        (true, true) => owner.kinds_differ = true,
                        (false, false) => {
                            let persons = person(index) && person(owner.cluster);
                            owner.shared = true;
                            if !MAIN_PERSON || !persons {
                                owner.kinds_differ = true;
                            } else if mentions(index) > mentions(owner.cluster) {
                                owner.cluster = index;
                                owner.sole = true;
                            } else if mentions(index) == mentions(owner.cluster) {
                                owner.sole = false;
                            }
                        }
                    }
                }
                None => owners.insert(
                    claimed.hash,
                    claimed.name.clone(),
                    Owner {
                        cluster: index,
                        sole: true,
                        kinds_differ: false,
                        word: claimed.word,
                        shared: false,
                    },
                ),
            }
        }
    }
}

/// The acronyms that the initials of the document's entities other than
/// persons spell ("arc" for "Arab Reform Council"), matched only where
/// written in capitals.
struct Acronyms {
    /// The initials of the mentions of two tokens or more.
    initials: Initials,
}

impl Acronyms {
    /// The acronyms of the mentions of `clusters` that the acronyms alone
    /// among `runs` may be: only a mention of two tokens or more may spell
    /// one, and only one whose first word starts with the first letter of
    /// one of those (see [`Letters`]); the initials of the others are not
    /// written.
    fn new(cx: &Document<'_>, clusters: &[Cluster], runs: &[OpenRun]) -> Acronyms {
        let mut firsts = Letters::default();
        for &(start, end, _, less_first) in runs {
            let first = Some(start);
            let second = less_first.map(|_| start + 1);
            for s in [first, second].into_iter().flatten() {
                if single_acronym(cx, s, end) {
                    firsts.add(cx.word(s));
                }
            }
        }
        let mut initials = Initials::default();
        for (index, cluster) in clusters.iter().enumerate() {
            if cluster.kind == EntityKind::Person {
                continue;
            }
            for &(s, e) in cluster.mentions.iter().filter(|&&(s, e)| e - s >= 2) {
                if firsts.may_start(cx.word(s)) {
                    initials.add(cx, s, e, index);
                }
            }
        }
        initials.sort();
        Acronyms { initials }
    }

    /// The cluster whose acronym `key` is, like a look-up of the names:
    /// `Some(None)` when two clusters spell it. An acronym has two letters
    /// or more.
    fn get(&self, key: &str) -> Option<Option<usize>> {
        if key.chars().count() < 2 {
            return None;
        }
        match self.initials.spelling(key) {
            [] => None,
            [only] => Some(Some(only.cluster)),
            _ => Some(None),
        }
    }
}

/// The cluster whose name the run `start..end`, which no mention takes,
/// spells, where the name starts and what found it: the run less its
/// first word is tried too when that word starts a sentence. The hashes
/// are those of the run's name and of the name less its first word (see
/// [`OpenRuns`]).
fn find_name(
    cx: &Document<'_>,
    known: &Known<'_, '_>,
    (start, end, whole, less_first): OpenRun,
    key: &mut String,
) -> Option<(usize, usize, Via)> {
    let mut lookup = |s: usize, hash: u64| -> Option<(usize, usize, Via)> {
        // Asked only where the answer counts.
        let single_acronym = || single_acronym(cx, s, end);
        if end - s > known.longest && !single_acronym() {
            return None;
        }
        // A name two entities share (`Some(None)`) settles it too: no
        // acronym is tried then. The run's key is written only for a name
        // of its hash, which most runs have none of.
        let same = |other: &Spelled, _: &Owner| {
            other.text(cx, known.written) == run_key(cx, s, end, &mut *key)
        };
        let mut found = known
            .owners
            .find(hash, same)
            .map(|i| *known.owners.value(i))
            .map(|owner| {
                owner
                    .get()
                    .filter(|&index| !owner.word || word_use(cx, known, index, s))
                    .map(|index| (index, owner.via()))
            });
        if found.is_none() && single_acronym() {
            key.clear();
            acronym::push_letters(cx.word(s), key);
            let acronyms = known
                .acronyms
                .get_or_init(|| Acronyms::new(cx, known.clusters, known.runs));
            found = acronyms
                .get(key)
                .map(|owner| owner.map(|index| (index, Via::Name)));
        }
        found.flatten().map(|(index, via)| (index, s, via))
    };
    lookup(start, whole).or_else(|| less_first.and_then(|hash| lookup(start + 1, hash)))
}

/// Whether the run `start..end` is an acronym alone, which may be looked
/// up as one (see [`Acronyms`]). Of the shape first: most runs are no
/// acronym, which it says without a call.
fn single_acronym(cx: &Document<'_>, start: usize, end: usize) -> bool {
    end - start == 1 && cx.tokens[start].shape == Shape::Upper && cx.is_acronym(start)
}

/// Whether the one-word run at `start` may be a use of a word of cluster
/// `index`'s names: after the cluster's first mention, in running text,
/// and not first in its sentence, where a capital says nothing.
fn word_use(cx: &Document<'_>, known: &Known<'_, '_>, index: usize, start: usize) -> bool {
    let token = &cx.tokens[start];
    !token.sentence_start
        && token.headline == Headline::RunningText
        && known.clusters[index]
            .mentions
            .iter()
            .any(|&(s, _)| s < start)
}

/// The name key of the run `start..end` (see [`Spelled::of`]), written
/// into `buf` only when the document's keys do not hold it already.
fn run_key<'a>(cx: &Document<'a>, start: usize, end: usize, buf: &'a mut String) -> Cow<'a, str> {
    buf.clear();
    let spelled = Spelled::of(cx, start, end, buf);
    spelled.text(cx, buf)
}

/// Whether word token `token` is a stop word. The context knows that of
/// capitalised words already; others are looked up by their keys.
fn is_stopword(cx: &Document<'_>, token: usize) -> bool {
    if cx.tokens[token].shape.is_capitalised() {
        cx.is_stopword(token)
    } else {
        cx.is_stopword_key(cx.keys.get(token))
    }
}

#[cfg(test)]
mod tests {
    //! Propagation on small texts, with a gazetteer written here.

    use crate::resolver::tests::resolved;

    const NAMES: &str = "given-name\tGeorge\ngiven-name\tLaura\n";

    #[test]
    fn a_shared_surname_is_the_person_named_most_often() {
        assert_eq!(
            resolved(
                NAMES,
                "George Bush spoke. George Bush met Laura Bush. Later Bush left."
            ),
            [
                "person: George Bush | George Bush | Bush",
                "person: Laura Bush"
            ]
        );
        // As often named, either could be meant.
        assert_eq!(
            resolved(NAMES, "George Bush met Laura Bush. Later Bush left."),
            ["person: George Bush", "person: Laura Bush"]
        );
    }

    #[test]
    fn a_word_of_an_organisation_names_it_later_in_running_text() {
        let gazetteer = "organisation\tMercantile Bancorp\n";
        assert_eq!(
            resolved(
                gazetteer,
                "Shares of Mercantile Bancorp rose. Analysts said Mercantile would gain."
            ),
            ["organisation: Mercantile Bancorp | Mercantile"]
        );
        // Not before the name, nor first in a sentence, where a capital says
        // nothing.
        assert_eq!(
            resolved(
                gazetteer,
                "Analysts said Mercantile would gain. Shares of Mercantile Bancorp rose. \
                 Mercantile rose."
            ),
            ["organisation: Mercantile Bancorp"]
        );
    }

    #[test]
    fn a_word_two_organisations_share_or_a_whole_name_holds_is_not_theirs() {
        let gazetteer = "organisation\tMercantile Bancorp\norganisation\tMercantile Trust\n\
                         given-name\tGeorge\n";
        assert_eq!(
            resolved(
                gazetteer,
                "Mercantile Bancorp and Mercantile Trust rose. Analysts said Mercantile gained."
            ),
            [
                "organisation: Mercantile Bancorp",
                "organisation: Mercantile Trust"
            ]
        );
        assert_eq!(
            resolved(
                gazetteer,
                "George Mercantile joined Mercantile Trust. Later Mercantile left."
            ),
            [
                "person: George Mercantile | Mercantile",
                "organisation: Mercantile Trust"
            ]
        );
    }
}
