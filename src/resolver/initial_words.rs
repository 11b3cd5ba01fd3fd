//! Common words that begin a sentence: "Tape the edges down", "Fully half
//! of all aid". The capital of a sentence's first word says nothing, and a
//! word the corpus mostly writes in lower case (the learned common words,
//! see [`crate::learned`]) that a list knows as a place or a person there
//! is most likely the word, not the name.
//!
//! An entity goes when every one of its mentions is such a word: one word
//! alone (no other capitalised word joined to it), first in its sentence,
//! common, and proposed as a place or person by weak evidence only (a
//! one-word list hit, a learned rule, a guess; never a title or a
//! definition). An entity that also has a mention written mid-sentence, or
//! a longer name the resolver joined the word to ("Tape" … "Walter Tape"),
//! stays whole.

use super::{Cluster, Pool, wanted_marks};
use crate::EntityKind;
use crate::candidate::{Candidate, Evidence};
use crate::document::Document;
use crate::learned::CommonWords;

/// Whether entities named only by common words that begin sentences are
/// dropped. Off, for the ablation, they stay as the lists and rules found
/// them.
const DROP_INITIAL_WORDS: bool = true;

/// Drops the clusters whose every mention is a lone sentence-initial
/// common word of weak evidence. `chosen` are the chosen candidates, in
/// text order, that the clusters were made of.
pub(crate) fn drop_common(
    cx: &Document<'_>,
    chosen: &[Candidate],
    common: &CommonWords,
    clusters: &mut Vec<Cluster>,
    pool: &mut Pool,
) {
    if !DROP_INITIAL_WORDS {
        return;
    }
    // Most documents have no such word, and need no look at their
    // clusters. Their facts are asked of every candidate with no branch on
    // each (see [`wanted_marks`]), the words' of those few that have them.
    let mut initial = Vec::new();
    for chunk in chosen.chunks(64) {
        let mut marks = wanted_marks(chunk, |c| is_weak_initial_word(cx, c));
        while marks != 0 {
            let c = &chunk[marks.trailing_zeros() as usize];
            marks &= marks - 1;
            if common.all_common(cx.word_hashes(c.start, c.end)) {
                initial.push(c.start);
            }
        }
    }
    if initial.is_empty() {
        return;
    }
    // In text order, as `chosen` is.
    let is_initial = |&(s, e): &(usize, usize)| e == s + 1 && initial.binary_search(&s).is_ok();
    clusters.retain_mut(|cluster| {
        let keep = !cluster.mentions.iter().all(is_initial);
        if !keep {
            pool.give_back(std::mem::take(&mut cluster.mentions));
        }
        keep
    });
}

/// Whether `c` is one word that begins a sentence, proposed as a place or
/// person by weak evidence: a word dropped if the corpus mostly writes it
/// in lower case. Asked with no branch on its answer.
fn is_weak_initial_word(cx: &Document<'_>, c: &Candidate) -> bool {
    (c.len() == 1)
        & matches!(c.kind, EntityKind::Place | EntityKind::Person)
        & weak(c.evidence)
        & cx.tokens[c.start].sentence_start
}

/// Whether evidence of a lone word says no more than that some list or
/// learned rule knows the word as a name.
fn weak(evidence: Evidence) -> bool {
    match evidence {
        Evidence::Gazetteer
        | Evidence::Guess
        | Evidence::LearnedSpelling
        | Evidence::LearnedContext => true,
        Evidence::Title
        | Evidence::Designator
        | Evidence::Compound
        | Evidence::Acronym
        | Evidence::AcronymContext
        | Evidence::PronounContext
        | Evidence::Institution
        | Evidence::GivenName => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::Extractor;
    use crate::resolver::tests::resolved_by;

    /// "kind: mention | mention" for each entity of `text`, on a gazetteer
    /// written here, with the default learned rules and their common words
    /// or without them.
    fn resolved(learned: bool, gazetteer: &str, text: &str) -> Vec<String> {
        resolved_by(
            Extractor::builder()
                .default_gazetteers(false)
                .learned_rules(learned)
                .gazetteer_data("test.tsv", gazetteer),
            text,
        )
    }

    const PLACES: &str = "place\tTape\nplace\tFully\nplace\tBasra\n";

    #[test]
    fn a_common_word_that_begins_a_sentence_is_no_place() {
        let text = "Tape the bottom of the box. Fully half of it is done.";
        assert!(resolved(true, PLACES, text).is_empty());
        // Without the common words, the lists have their way.
        assert_eq!(
            resolved(false, PLACES, text),
            ["place: Tape", "place: Fully"]
        );
        // A word the corpus writes with a capital stays a name.
        assert_eq!(resolved(true, PLACES, "Basra fell."), ["place: Basra"]);
    }

    #[test]
    fn a_common_word_named_elsewhere_stays_a_name() {
        // Written mid-sentence too.
        assert_eq!(
            resolved(true, PLACES, "Tape was taken. We drove to Tape."),
            ["place: Tape | Tape"]
        );
        // Joined to a longer name.
        assert_eq!(
            resolved(
                true,
                "place\tTape\nperson\tWalter Tape\n",
                "Walter Tape came. Tape said no."
            ),
            ["person: Walter Tape | Tape"]
        );
        // A person a title names: the place reading of the word goes, and
        // the word is found again as the person's name.
        assert_eq!(
            resolved(true, "place\tTape\n", "She met Mr Tape. Tape said no."),
            ["person: Tape | Tape"]
        );
    }
}
