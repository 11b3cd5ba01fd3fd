//! The pronoun rule: a word no list holds and no other rule types is a
//! person where the document, again and again, goes on about it with "he"
//! or "she" ("Galois returned to mathematics after his expulsion";
//! "Theodorus asserted his influence").
//!
//! Biographies, histories and stories name their people by a single
//! word that no list can hold: a surname, a saint's or a character's name.
//! One use says little, but the document says the same of every use ("one
//! sense per discourse"): the rule gathers, over the lone capitalised
//! words the learned rule leaves untyped, what follows each use in its
//! clause, and types every use of a word at once.
//!
//! A use right after a preposition of what a person is in or part of
//! ([`WITHIN`]: "a member of Scientology all his life", "at Tabennese
//! for years after his demotion") says nothing: the pronoun after it is
//! about the clause's subject. After any other use, up to [`WINDOW`]
//! tokens are read, up to the end of the
//! sentence or the next capitalised word (another name the pronoun may be
//! about): the first pronoun met is personal ([`PERSON_PRONOUNS`]: "he",
//! "his", "her") or not ([`THING_PRONOUNS`]: "it", "its", "they",
//! "which"). A word is a person when at least [`LEAST_PERSONAL`] of its
//! uses are followed by a personal pronoun, more than by one that is not,
//! and at least one use is mid-sentence, where its capital says it is a
//! name; and when it is no word: not a stop word, not a word the article
//! corpus mostly writes in lower case, and not written in lower case in
//! the document itself ("Motel" and "motel").
//!
//! The candidates carry [`Evidence::PronounContext`].

use std::ops::Range;
use std::sync::LazyLock;

use crate::EntityKind;
use crate::candidate::{Candidate, Evidence};
use crate::document::Document;
use crate::hash::hash_key;
use crate::learned::CommonWords;
use crate::tokenizer::{Shape, TokenKind};
use crate::wordlists::{PERSON_PRONOUNS, THING_PRONOUNS, WITHIN};

/// How many tokens after a use are read for a pronoun.
pub(crate) const WINDOW: usize = 8;

/// The fewest uses of a word followed by a personal pronoun that make it
/// a person.
pub(crate) const LEAST_PERSONAL: u32 = 2;

/// The memory the rule keeps from one text for the next.
#[derive(Default)]
pub(crate) struct Scratch {
    /// The lone words left untyped, by token index, in text order.
    lone: Vec<usize>,
    /// Those that may be names, by their key's hash and token index.
    uses: Vec<(u64, usize)>,
    /// The words the pronouns make persons, each by its key's hash and
    /// where its uses are in `uses`, in the order of the hashes.
    persons: Vec<(u64, Range<usize>)>,
    /// For each of `persons`, whether the document writes it in lower
    /// case somewhere.
    lower: Vec<bool>,
}

impl Scratch {
    /// Forgets the last text's words.
    pub(crate) fn clear(&mut self) {
        self.lone.clear();
    }

    /// Notes token `at`, a lone word in running text that no candidate
    /// covers and no learned rule types.
    pub(crate) fn push(&mut self, at: usize) {
        self.lone.push(at);
    }
}

/// What follows one use of a word in its clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Follows {
    /// A personal pronoun first.
    Personal,
    /// A pronoun of a thing or a group first.
    Thing,
    /// No pronoun.
    Nothing,
}

/// Proposes a person for every use of the lone words in `scratch` that
/// the pronouns after them make persons.
pub(crate) fn find(
    cx: &Document<'_>,
    common: &CommonWords,
    scratch: &mut Scratch,
    out: &mut Vec<Candidate>,
) {
    let Scratch {
        lone,
        uses,
        persons,
        lower,
    } = scratch;
    // One use proves nothing: most texts end here.
    if lone.len() < LEAST_PERSONAL as usize {
        return;
    }
    // Most words are used once, and sorting them all to find the others
    // would cost more than the rule: a bit per hash, set on a word's first
    // use and copied to `twice` on the next, picks the words that may be
    // used twice (a few others share their bits), and only those are
    // sorted and read.
    let (mut once, mut twice) = ([0u64; 16], [0u64; 16]);
    let bit = |hash: u64| ((hash >> 6) as usize & 15, 1u64 << (hash & 63));
    let may_be_name = |at: usize| {
        let token = &cx.tokens[at];
        token.kind == TokenKind::Word && token.shape == Shape::Capitalised
    };
    for &at in lone.iter() {
        if may_be_name(at) {
            let (word, mask) = bit(cx.keys.hash(at));
            twice[word] |= once[word] & mask;
            once[word] |= mask;
        }
    }
    uses.clear();
    uses.extend(lone.iter().filter_map(|&at| {
        let hash = cx.keys.hash(at);
        let (word, mask) = bit(hash);
        (twice[word] & mask != 0 && may_be_name(at)).then_some((hash, at))
    }));
    uses.sort_unstable();
    persons.clear();
    let mut group_start = 0;
    for group in uses.chunk_by(|a, b| a.0 == b.0) {
        let group_range = group_start..group_start + group.len();
        group_start = group_range.end;
        let (hash, first) = group[0];
        let mid_sentence = group.iter().any(|&(_, at)| {
            let token = &cx.tokens[at];
            !token.sentence_start && !token.line_start
        });
        if group.len() < LEAST_PERSONAL as usize
            || !mid_sentence
            || cx.is_stopword(first)
            || common.all_common(std::iter::once(hash))
        {
            continue;
        }
        let (mut personal, mut thing) = (0, 0);
        for &(_, at) in group {
            if at > 0 && WITHIN.contains(&cx.keys.get(at - 1)) {
                continue;
            }
            match follows(cx, at, &PRONOUNS) {
                Follows::Personal => personal += 1,
                Follows::Thing => thing += 1,
                Follows::Nothing => {}
            }
        }
        if personal < LEAST_PERSONAL || personal <= thing {
            continue;
        }
        persons.push((hash, group_range));
    }
    if persons.is_empty() {
        return;
    }
    written_in_lower_case(cx, persons, lower);
    for ((_, range), &written) in persons.iter().zip(lower.iter()) {
        if written {
            continue;
        }
        out.extend(uses[range.clone()].iter().map(|&(_, at)| Candidate {
            start: at,
            end: at + 1,
            kind: EntityKind::Person,
            entry: None,
            evidence: Evidence::PronounContext,
            rank: 0,
        }));
    }
}

/// What follows token `at` in its clause: the first pronoun within
/// [`WINDOW`] tokens, before the sentence ends or another capitalised
/// word comes.
fn follows(cx: &Document<'_>, at: usize, pronouns: &Pronouns) -> Follows {
    let end = cx.tokens.len().min(at + 1 + WINDOW);
    for i in at + 1..end {
        let token = &cx.tokens[i];
        if token.sentence_start
            || token.hard_break
            || matches!(token.shape, Shape::Capitalised | Shape::Upper)
        {
            break;
        }
        // Compared by hash: the keys' hashes are known, and few words are
        // short and in lower case.
        let hash = cx.keys.hash(i);
        if token.kind == TokenKind::Punct {
            if hash == pronouns.clause_end {
                break;
            }
        } else if token.shape == Shape::Lower && pronouns.may_be_one(hash) {
            if pronouns.person.contains(&hash) {
                return Follows::Personal;
            }
            if pronouns.thing.contains(&hash) {
                return Follows::Thing;
            }
        }
    }
    Follows::Nothing
}

/// The hashes of the pronouns' keys, and of the semicolon that ends a
/// clause (a full stop ends a sentence: the next token starts one).
struct Pronouns {
    person: Vec<u64>,
    thing: Vec<u64>,
    /// A bit for the top six bits of each pronoun's hash: most words have
    /// none of them, and are no pronoun without a search of the lists.
    filter: u64,
    clause_end: u64,
}

impl Pronouns {
    /// Whether the word of key hash `hash` may be a pronoun.
    fn may_be_one(&self, hash: u64) -> bool {
        self.filter & 1 << (hash >> 58) != 0
    }
}

static PRONOUNS: LazyLock<Pronouns> = LazyLock::new(|| {
    let hashes = |words: &[&str]| words.iter().map(|w| hash_key(w)).collect::<Vec<_>>();
    let (person, thing) = (hashes(PERSON_PRONOUNS), hashes(THING_PRONOUNS));
    let filter = person
        .iter()
        .chain(&thing)
        .fold(0, |f, h| f | 1 << (h >> 58));
    Pronouns {
        person,
        thing,
        filter,
        clause_end: hash_key(";"),
    }
});

/// Sets `lower[k]` to whether the document writes the word of `words[k]`,
/// by its key's hash (the words sorted by it), in lower case somewhere:
/// then it is a word, capitalised where it is ("Motel").
///
/// One pass over the tokens for all the words, which ends once each is
/// found: a long text has more words to ask about as well as more tokens.
fn written_in_lower_case(cx: &Document<'_>, words: &[(u64, Range<usize>)], lower: &mut Vec<bool>) {
    lower.clear();
    lower.resize(words.len(), false);
    // A bit for the top six bits of each word's hash, as for the pronouns.
    let filter = words.iter().fold(0u64, |f, &(h, _)| f | 1 << (h >> 58));
    let mut left = words.len();
    for (i, token) in cx.tokens.iter().enumerate() {
        if token.shape != Shape::Lower {
            continue;
        }
        let hash = cx.keys.hash(i);
        if filter & 1 << (hash >> 58) == 0 {
            continue;
        }
        if let Ok(k) = words.binary_search_by_key(&hash, |&(h, _)| h)
            && !lower[k]
        {
            lower[k] = true;
            left -= 1;
            if left == 0 {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::default_mentions;

    /// "kind text" of every mention the default extractor finds in `text`,
    /// sorted.
    fn mentions(text: &str) -> Vec<String> {
        let mut found = default_mentions(text);
        found.sort();
        found
    }

    #[test]
    fn a_word_that_personal_pronouns_follow_is_a_person_at_every_use() {
        let text = "The letter reached Zorvath in the spring. Zorvath read the \
                    letter twice before his answer went out. Later Zorvath \
                    left the town, and his friends followed him. The \
                    council thanked Zorvath.";
        assert_eq!(mentions(text), ["person Zorvath"; 4]);
    }

    #[test]
    fn uses_after_a_preposition_of_membership_or_place_say_nothing() {
        let text = "He spent years at Zorvath before his return. A member \
                    of Zorvath all his life, he stayed. Later Zorvath grew.";
        assert!(mentions(text).is_empty(), "{:?}", mentions(text));
    }

    #[test]
    fn one_use_with_a_pronoun_is_not_enough() {
        let text = "The letter reached Zorvath in the spring, and his \
                    friends read it. The council thanked Zorvath.";
        assert!(mentions(text).is_empty(), "{:?}", mentions(text));
    }

    #[test]
    fn pronouns_of_things_weigh_against() {
        // Two uses followed by "his", two by "its" or "their".
        let text = "Work on Zorvath began when his son met the owners. \
                    Then Zorvath grew, and his boats with it. Visitors \
                    saw Zorvath as their home. The storm cost Zorvath its \
                    harbour.";
        assert!(mentions(text).is_empty(), "{:?}", mentions(text));
    }

    #[test]
    fn a_word_the_document_writes_in_lower_case_is_no_name() {
        let text = "The letter reached Zorvath in the spring. Zorvath read \
                    the letter before his answer went out. Later Zorvath left \
                    the town, and his friends followed. Every zorvath \
                    knows this.";
        assert!(mentions(text).is_empty(), "{:?}", mentions(text));
    }

    #[test]
    fn each_word_is_kept_or_left_by_its_own_lower_case_uses() {
        // Two words the pronouns make persons, asked about in one look
        // over the document: only the one it writes in lower case is left.
        let text = "The letter reached Zorvath in the spring. Zorvath read \
                    the letter before his answer went out. Later Zorvath left \
                    the town, and his friends followed. Then Quellan came, \
                    and his horse was tired. Quellan rested while his men \
                    ate. Every zorvath knows this.";
        assert_eq!(mentions(text), ["person Quellan"; 2]);
    }
}
