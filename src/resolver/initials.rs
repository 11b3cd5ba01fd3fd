//! The initials of a document's mentions of two words or more, and the
//! clusters that spell each: the index an acronym is looked up in, by the
//! acronym merge ([`super::alias`]) and by propagation
//! ([`super::propagate`]).
//!
//! The initials are written in one string and listed in one vector, kept
//! from one document for the next, rather than a map of a string and a
//! vector for each; listed by their hashes first, they are compared as
//! strings only where the hashes are equal, mostly where the initials are.

use std::ops::Range;

use crate::document::Document;
use crate::document::acronym::{self, SKIPPED};
use crate::hash::hash_key;

/// The initials of a mention, where they are written, and its cluster.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Spelling {
    /// The hash of the initials, as [`hash_key`] hashes a key.
    hash: u64,
    /// Where the initials are in [`Initials::written`].
    from: usize,
    to: usize,
    /// The cluster of the mention.
    pub cluster: usize,
}

/// The initials of mentions and the clusters that spell each.
#[derive(Default)]
pub(crate) struct Initials {
    /// The initials of the mentions, one after another.
    written: String,
    /// Each mention's initials: by their hash, the initials, then in
    /// cluster order, once [`Initials::sort`] has run.
    spelled: Vec<Spelling>,
    /// An acronym's letters, looked up.
    letters: String,
}

impl Initials {
    /// Forgets every mention's initials.
    pub(crate) fn clear(&mut self) {
        self.written.clear();
        self.spelled.clear();
    }

    /// Adds the initials of mention `start..end` of cluster `cluster`, if
    /// they are initials (see [`Document::push_initials`]) and the
    /// cluster's mentions added just before it spell others: most clusters
    /// of many mentions repeat one name.
    pub(crate) fn add(&mut self, cx: &Document<'_>, start: usize, end: usize, cluster: usize) {
        self.add_written(cluster, |out| cx.push_initials(start, end, out));
    }

    /// Adds the initials of mention `start..end` of cluster `cluster` as
    /// an acronym of a name that holds one is made, if they are others
    /// (see [`Document::push_spelled_out_initials`]), as [`Initials::add`]
    /// adds its initials.
    pub(crate) fn add_spelled_out(
        &mut self,
        cx: &Document<'_>,
        start: usize,
        end: usize,
        cluster: usize,
    ) {
        self.add_written(cluster, |out| cx.push_spelled_out_initials(start, end, out));
    }

    /// Adds the initials `push` appends to a string, if it says it did,
    /// for cluster `cluster`, unless the cluster's mentions added just
    /// before spell the same.
    fn add_written(&mut self, cluster: usize, push: impl FnOnce(&mut String) -> bool) {
        let from = self.written.len();
        if !push(&mut self.written) {
            self.written.truncate(from);
            return;
        }
        let initials = &self.written[from..];
        let hash = hash_key(initials);
        let repeated = self
            .spelled
            .iter()
            .rev()
            .take_while(|s| s.cluster == cluster)
            .any(|s| s.hash == hash && &self.written[s.from..s.to] == initials);
        if repeated {
            self.written.truncate(from);
        } else {
            let to = self.written.len();
            self.spelled.push(Spelling {
                hash,
                from,
                to,
                cluster,
            });
        }
    }

    /// Whether no mention's initials are listed.
    pub(crate) fn is_empty(&self) -> bool {
        self.spelled.is_empty()
    }

    /// Orders the initials for [`Initials::spelled_by`], each cluster
    /// once under each of its initials.
    pub(crate) fn sort(&mut self) {
        let written = &self.written;
        let initials = |s: &Spelling| &written[s.from..s.to];
        self.spelled.sort_unstable_by(|a, b| {
            (a.hash.cmp(&b.hash))
                .then_with(|| initials(a).cmp(initials(b)))
                .then(a.cluster.cmp(&b.cluster))
        });
        self.spelled.dedup_by(|a, b| {
            (a.hash, a.cluster) == (b.hash, b.cluster) && initials(a) == initials(b)
        });
    }

    /// The mentions, one for each cluster, whose initials `acronym` spells,
    /// in cluster order.
    pub(crate) fn spelled_by(&mut self, acronym: &str) -> &[Spelling] {
        self.letters.clear();
        acronym::push_letters(acronym, &mut self.letters);
        &self.spelled[self.find(&self.letters)]
    }

    /// The mentions, one for each cluster, whose initials are `letters`
    /// (lower-cased, as [`acronym::push_letters`] writes an acronym's), in
    /// cluster order.
    pub(crate) fn spelling(&self, letters: &str) -> &[Spelling] {
        &self.spelled[self.find(letters)]
    }

    /// Where the mentions whose initials are `letters` are listed.
    fn find(&self, letters: &str) -> Range<usize> {
        let hash = hash_key(letters);
        let initials = |s: &Spelling| &self.written[s.from..s.to];
        let first = self
            .spelled
            .partition_point(|s| (s.hash, initials(s)) < (hash, letters));
        let count = self.spelled[first..]
            .iter()
            .take_while(|s| s.hash == hash && initials(s) == letters)
            .count();
        first..first + count
    }
}

/// The first letters of a few acronyms, one bit for each letter from a to
/// z, all of them for a first letter outside those: only a mention whose
/// first word starts with one of them (or is a small word the initials
/// skip) may spell one of the acronyms, and the initials of the others
/// need not be written.
#[derive(Default)]
pub(crate) struct Letters(u32);

impl Letters {
    /// The bits of a first letter, `first`, read as initials are: a letter
    /// from a to z is its own, any other may be any.
    fn of(first: Option<char>) -> u32 {
        match first {
            Some(c) if c.is_ascii_alphabetic() => 1 << (c.to_ascii_lowercase() as u8 - b'a'),
            _ => u32::MAX,
        }
    }

    /// Adds the first letter of `acronym` ("w" of "W.H.B.").
    pub(crate) fn add(&mut self, acronym: &str) {
        self.0 |= match acronym.bytes().next() {
            // Most acronyms start with a letter from A to Z.
            Some(b) if b.is_ascii_alphabetic() => 1 << (b.to_ascii_lowercase() - b'a'),
            _ => Letters::of(acronym.chars().find(|c| c.is_alphabetic())),
        };
    }

    /// Whether a name whose first word is `word` may have initials that
    /// start with one of the letters. A small word the initials skip
    /// ("of", "the") says nothing.
    pub(crate) fn may_start(&self, word: &str) -> bool {
        match word.bytes().next() {
            // Most names start with a capital from A to Z, which no small
            // word does: its bit alone answers.
            Some(b) if b.is_ascii_uppercase() => self.0 & (1 << (b - b'A')) != 0,
            _ => SKIPPED.contains(&word) || self.0 & Letters::of(word.chars().next()) != 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Lexicon;
    use crate::tokenizer::{Keys, tokenize};

    /// The initials that `add` lists from `text`'s mentions, given as
    /// (start, end, cluster), in that order.
    fn initials_of(text: &str, mentions: &[(usize, usize, usize)]) -> Initials {
        let tokens = tokenize(text);
        let keys = Keys::new(text, &tokens);
        let lexicon = Lexicon::new();
        let cx = Document::new(text, &tokens, &keys, &lexicon, Default::default());
        let mut initials = Initials::default();
        for &(start, end, cluster) in mentions {
            initials.add(&cx, start, end, cluster);
        }
        initials
    }

    #[test]
    fn initials_list_the_clusters_that_spell_them_once_each_in_cluster_order() {
        let text =
            "Wexford Harbour Board, West Hill Bank and Wexford Harbour Board met Oxley Port.";
        // Out of cluster order, cluster 1 twice, and "Board met", whose
        // second word is no name, among them.
        let mut initials = initials_of(
            text,
            &[(4, 7, 2), (0, 3, 1), (8, 11, 1), (10, 12, 3), (12, 14, 0)],
        );
        initials.sort();
        let mut clusters = |acronym: &str| -> Vec<usize> {
            let spelled = initials.spelled_by(acronym);
            spelled.iter().map(|s| s.cluster).collect()
        };
        assert_eq!(clusters("WHB"), [1, 2]);
        assert_eq!(clusters("W.H.B."), [1, 2]);
        assert_eq!(clusters("OP"), [0]);
        assert!(clusters("BM").is_empty());
        assert!(clusters("WH").is_empty());
        assert_eq!(
            initials
                .spelling("whb")
                .iter()
                .map(|s| s.cluster)
                .collect::<Vec<_>>(),
            [1, 2]
        );
    }

    #[test]
    fn a_cluster_that_repeats_its_initials_is_listed_once_under_them() {
        let text = "Oxley Port and Oxley Port met Oxley Port Board.";
        assert!(initials_of(text, &[]).is_empty());
        let mut initials = initials_of(text, &[(0, 2, 0), (3, 5, 0), (6, 9, 0)]);
        assert!(!initials.is_empty());
        assert_eq!(initials.spelled.len(), 2);
        initials.sort();
        assert_eq!(initials.spelled_by("OP").len(), 1);
        assert_eq!(initials.spelled_by("OPB").len(), 1);
    }

    #[test]
    fn spelled_out_initials_give_every_letter_of_an_acronym_and_pass_over_punctuation() {
        let text = "U.N. Quellan Office, Quellan Traders' Guild, Quellan Office and UN QUELLAN.";
        let mut initials = initials_of(text, &[]);
        let tokens = tokenize(text);
        let keys = Keys::new(text, &tokens);
        let lexicon = Lexicon::new();
        let cx = Document::new(text, &tokens, &keys, &lexicon, Default::default());
        let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
        let at = |word: &str| words.iter().position(|w| *w == word).unwrap();
        let (un, traders, office, and) = (at("U.N"), at("Traders"), at("Office"), at("and"));
        let plain = words.iter().rposition(|w| *w == "Office").unwrap();
        initials.add_spelled_out(&cx, un, office + 1, 0);
        initials.add_spelled_out(&cx, traders - 1, traders + 3, 1);
        // Neither an acronym nor punctuation: the initials are the plain
        // ones, and not added again.
        initials.add_spelled_out(&cx, plain - 1, plain + 1, 2);
        // Every word an acronym, as in a line in capitals.
        initials.add_spelled_out(&cx, and + 1, and + 3, 3);
        initials.sort();
        let clusters = |initials: &mut Initials, acronym: &str| -> Vec<usize> {
            let spelled = initials.spelled_by(acronym);
            spelled.iter().map(|s| s.cluster).collect()
        };
        assert_eq!(clusters(&mut initials, "UNQO"), [0]);
        assert_eq!(clusters(&mut initials, "QTG"), [1]);
        assert!(clusters(&mut initials, "QO").is_empty());
        assert!(clusters(&mut initials, "UNQUELLAN").is_empty());
    }

    #[test]
    fn only_names_whose_first_letter_an_acronym_starts_with_may_spell_it() {
        let mut firsts = Letters::default();
        firsts.add("W.H.B.");
        firsts.add("OPB");
        assert!(firsts.may_start("Wexford"));
        assert!(firsts.may_start("Oxley"));
        assert!(!firsts.may_start("Harbour"));
        // Initials skip a small word, and a capital outside A to Z may
        // lower-case to any letter.
        assert!(firsts.may_start("the"));
        assert!(firsts.may_start("Émile"));
        // An acronym without a letter from a to z first may be spelled by
        // any name.
        let mut any = Letters::default();
        any.add("ÖVP");
        assert!(any.may_start("Harbour"));
    }
}
