//! Stage 4, rules: names that no gazetteer holds, found from the cues
//! around them.
//!
//! Each rule is a small named unit in a file of its own that reads the
//! tokens (and the gazetteer's word lists) and proposes candidates:
//!
//! - [`title`]: a title or role word before a name makes it a person
//!   ("Mr Abdul Karim", "cleric Moqtada Al Sadr");
//! - [`designator`]: a word that completes a name gives its kind
//!   ("Diyala province", "Ministry of Oil", "Harvard University");
//! - [`acronym`]: "Popular Mobilisation Forces (PMF)" proposes the long
//!   form when it is a run of capitalised words whose initials spell the
//!   acronym;
//! - [`given_name`]: a capitalised sequence that starts with a known given
//!   name is a person ("Abdul Karim Hassan"), and so, where nothing else
//!   explains it, is a lone common given name ("Gloria");
//! - [`learned`]: rules learned from unlabelled news type the runs nothing
//!   else explains, and choose between the readings of an ambiguous list
//!   hit (run by the extractor after the others, when it has such rules).
//!
//! Rules only propose. Overlaps, sentence-initial words and aliases are the
//! resolver's business.

pub(crate) mod acronym;
pub(crate) mod cues;
pub(crate) mod designator;
pub(crate) mod given_name;
pub(crate) mod learned;
pub(crate) mod title;

use crate::candidate::Candidate;
use crate::gazetteer::{Lexeme, Lexicon};
use crate::tokenizer::{Keys, Shape, Token, TokenKind};
use cues::Cue;

/// What every rule reads: the tokens of one text with their keys and the
/// facts the word lists and cue lists give about them.
pub(crate) struct Context<'a> {
    /// The visible text.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: &'a [Token],
    /// Their keys.
    pub keys: &'a Keys,
    /// Given names, surnames and stop words.
    pub lexicon: &'a Lexicon,
    /// What the word lists and cue lists say about the tokens.
    lists: Lists,
    /// The last run found by [`Context::name_run_end`], with and without
    /// "of" and "for" (see [`Memo`]).
    end_memo: [Memo; 2],
    /// The last run found by [`Context::name_run_start`], likewise.
    start_memo: [Memo; 2],
}

/// A stretch `from..to` of a name run that a look-up of its end (or start)
/// went through: every name word in it leads to the same end (start), so
/// the next look-up from inside it needs no second scan. The rules look
/// runs up in text order, often several times in one run ("Harvard
/// University University …", "Lake Lake …"), and a scan each time made
/// them quadratic in the run's length.
#[derive(Default)]
struct Memo(std::cell::Cell<(usize, usize)>);

impl Memo {
    fn get(&self) -> (usize, usize) {
        self.0.get()
    }

    fn set(&self, from: usize, to: usize) {
        self.0.set((from, to));
    }
}

/// What a [`Context`] finds out about the tokens of a text. The next
/// text's context reuses its memory: allocating and zeroing these lists
/// for every text cost more than keeping them.
#[derive(Default)]
pub(crate) struct Lists {
    /// What the word lists and cue lists say about each token.
    facts: Vec<Facts>,
    /// The name words (see [`Context::is_name_word`]), in order: where
    /// the name runs start, rather than a test of every token (whether a
    /// token is a name word is as good as random to the branch predictor).
    name_words: Vec<usize>,
    /// See [`Context::name_runs`].
    name_runs: Vec<(usize, usize)>,
    /// The titles and role words (see [`Context::is_title`]), in order.
    titles: Vec<usize>,
    /// The words some designator is spelled like, in order.
    designators: Vec<usize>,
}

/// What the word lists and cue lists say about one token.
///
/// The rules ask about every token several times; keeping its facts in one
/// record, with the questions they ask most already answered, makes each
/// question one load and a test of a flag that is rarely set, which the
/// branch predictor gets right, instead of a chase through an `Option`.
#[derive(Clone, Copy, Default)]
struct Facts {
    /// Its cues, if it is a cue word.
    cue: Option<&'static Cue>,
    /// Its word-list facts (all false unless it is a capitalised word).
    lexeme: Lexeme,
    /// See [`Context::is_name_word`].
    name_word: bool,
    /// A name word that may continue a run from the token before it: not
    /// the first of its sentence or after a hard break.
    continues: bool,
    /// See [`Context::is_title`].
    title: bool,
    /// See [`Context::is_particle`].
    particle: bool,
    /// Never the first word of a name: a determiner or a stop word (see
    /// [`Context::trim_start`]).
    droppable: bool,
}

impl<'a> Context<'a> {
    /// Looks up every token in the word lists and cue lists.
    ///
    /// Few tokens need a look-up: the words that pass the cue filter, and
    /// the capitalised words. Whether a token is either is as good as random
    /// to the branch predictor, so each block of 64 tokens is first marked
    /// in two bit sets without a branch, and then the marked tokens are
    /// looked up, cues first (a stop word's look-up adds to what its cue
    /// says).
    pub fn new(
        text: &'a str,
        tokens: &'a [Token],
        keys: &'a Keys,
        lexicon: &'a Lexicon,
        memory: Lists,
    ) -> Self {
        let Lists {
            mut facts,
            mut name_words,
            mut name_runs,
            mut titles,
            mut designators,
        } = memory;
        facts.clear();
        facts.resize(tokens.len(), Facts::default());
        name_words.clear();
        titles.clear();
        designators.clear();
        let cue_lists = cues::Cues::get();
        for (block, block_tokens) in tokens.chunks(64).enumerate() {
            let base = block * 64;
            let (maybe_cues, capitalised) = mark(block_tokens, keys, base, cue_lists);
            for i in set_bits(maybe_cues).map(|j| base + j) {
                let Some(cue) = cue_lists.lookup_token(keys, i) else {
                    continue;
                };
                let token = &tokens[i];
                let facts = &mut facts[i];
                facts.cue = Some(cue);
                facts.title = (cue.title && token.shape.is_capitalised())
                    || (cue.role && token.shape == Shape::Lower);
                facts.particle = cue.particle;
                facts.droppable = cue.determiner;
                if facts.title {
                    titles.push(i);
                }
                if !cue.designators.is_empty() {
                    designators.push(i);
                }
            }
            for i in set_bits(capitalised).map(|j| base + j) {
                let token = &tokens[i];
                let facts = &mut facts[i];
                facts.lexeme = lexicon.lookup_token(keys, i);
                facts.droppable |= facts.lexeme.stopword;
                facts.name_word = !is_contraction(&text.as_bytes()[token.start..token.end]);
                facts.continues = facts.name_word && !token.hard_break && !token.sentence_start;
                if facts.name_word {
                    name_words.push(i);
                }
            }
        }
        let mut cx = Context {
            text,
            tokens,
            keys,
            lexicon,
            lists: Lists {
                facts,
                name_words,
                name_runs: Vec::new(),
                titles,
                designators,
            },
            end_memo: Default::default(),
            start_memo: Default::default(),
        };
        // Found once for the rules and the resolver, which both go through
        // them.
        name_runs.clear();
        let mut done = 0;
        for &start in &cx.lists.name_words {
            if start >= done {
                done = cx.name_run_continues::<false>(start + 1, false, tokens.len());
                let trimmed = cx.trim_start_and_titles(start, done);
                if trimmed < done {
                    name_runs.push((trimmed, done));
                }
            }
        }
        cx.lists.name_runs = name_runs;
        cx
    }

    /// Gives back the lists, for the next text's context to reuse.
    pub fn into_lists(self) -> Lists {
        self.lists
    }

    /// The titles and role words (see [`Context::is_title`]), in order.
    /// They are few: the title rule starts from them rather than pass over
    /// every token.
    pub fn titles(&self) -> impl Iterator<Item = usize> + '_ {
        self.lists.titles.iter().copied()
    }

    /// The words some designator is spelled like, in order (few, like
    /// [`Context::titles`]).
    pub fn designators(&self) -> impl Iterator<Item = usize> + '_ {
        self.lists.designators.iter().copied()
    }

    /// The name words (see [`Context::is_name_word`]), in order.
    pub fn name_words(&self) -> impl Iterator<Item = usize> + '_ {
        self.lists.name_words.iter().copied()
    }

    /// The runs of name words ([`Context::name_run_end`] without "of" and
    /// "for"), in order, the name words inside each skipped: each from its
    /// first name word after any titles, determiners and stop words (see
    /// [`Context::trim_start_and_titles`]) to its end, and none that is
    /// nothing but those. A title inside a run that a name word follows
    /// starts a new run ("Mr Smith Mr Jones" gives "Smith" and "Jones").
    pub fn name_runs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.lists.name_runs.iter().copied()
    }

    /// The text of token `i`.
    pub fn word(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.text)
    }

    /// The word-list facts of token `i` (all false unless capitalised).
    pub fn lexeme(&self, i: usize) -> Lexeme {
        self.lists.facts[i].lexeme
    }

    /// The cues of token `i`, if it is a cue word.
    pub fn cue(&self, i: usize) -> Option<&'static Cue> {
        self.lists.facts[i].cue
    }

    /// Whether token `i` is a title ("Mr", "President") or a lower-case
    /// role word ("cleric").
    pub fn is_title(&self, i: usize) -> bool {
        self.lists.facts[i].title
    }

    /// Whether token `i` is a particle ("Al", "bin") in any case.
    pub fn is_particle(&self, i: usize) -> bool {
        self.lists.facts[i].particle
    }

    /// Whether token `i` is a capitalised word that could be part of a name
    /// (not a contraction such as "I'm").
    pub fn is_name_word(&self, i: usize) -> bool {
        self.lists.facts[i].name_word
    }

    /// Whether token `i` is a stop word.
    pub fn is_stopword(&self, i: usize) -> bool {
        self.lists.facts[i].lexeme.stopword
    }

    /// Whether token `i` joins the name words on either side of it: a
    /// connector word ("of", "al"), a hyphen or apostrophe written without
    /// spaces ("Al-Sadr", "Kata'ib"), or, when `plural_possessive`, an
    /// apostrophe closing a plural ("Kurdistan Workers' Party"); when `body`,
    /// also "of" and "for". Never over a hard break.
    fn joins(&self, i: usize, plural_possessive: bool, body: bool) -> bool {
        let Some(joiner) = self.tokens.get(i) else {
            return false;
        };
        if i == 0 || i + 1 >= self.tokens.len() {
            return false;
        }
        let next = &self.tokens[i + 1];
        if !self.is_name_word(i - 1)
            || !self.is_name_word(i + 1)
            || joiner.hard_break
            || next.hard_break
        {
            return false;
        }
        let word = joiner.text(self.text);
        match joiner.kind {
            TokenKind::Word if joiner.shape == Shape::Lower => self
                .cue(i)
                .is_some_and(|c| c.connector || (body && c.body_connector)),
            TokenKind::Punct if !joiner.space_before => match word {
                "-" | "'" | "’" if !next.space_before => true,
                // A middle initial: "Mario J. Lucero".
                "." => {
                    let initial = &self.tokens[i - 1];
                    initial.shape == Shape::Upper && initial.end - initial.start == 1
                }
                "'" | "’" => plural_possessive && self.word(i - 1).ends_with('s'),
                _ => false,
            },
            _ => false,
        }
    }

    /// Whether tokens `i..end` may be part of a name that goes on from the
    /// token before them: no hard break precedes any of them.
    pub fn joined(&self, i: usize, end: usize) -> bool {
        self.tokens
            .get(i..end)
            .is_some_and(|tokens| !tokens.iter().any(|t| t.hard_break))
    }

    /// Whether token `i` may continue a name run from the token before it.
    fn continues(&self, i: usize) -> bool {
        self.lists.facts[i].continues
    }

    /// The end (exclusive) of the run of name words starting at `start`:
    /// capitalised words and the joiners between them. Returns `start` when
    /// token `start` is not a name word. `body` allows "of" and "for".
    ///
    /// Token `start` begins the run whatever comes before it: a caller that
    /// continues a name with the run checks [`Context::joined`] first.
    #[inline]
    pub fn name_run_end(&self, start: usize, body: bool) -> usize {
        if !self.lists.facts.get(start).is_some_and(|f| f.name_word) {
            return start;
        }
        // Every name word of a run leads to its end.
        let memo = &self.end_memo[usize::from(body)];
        let (from, to) = memo.get();
        if (from..to).contains(&start) {
            return to;
        }
        let end = self.name_run_continues::<false>(start + 1, body, self.tokens.len());
        memo.set(start, end);
        end
    }

    /// The end of a person's name that starts at `start`, a name word: the
    /// end of its run ([`Context::name_run_end`] without "of" and "for"),
    /// or the first title inside the run that a name word follows, which
    /// starts another name ("Mr Smith Mr Jones"). The scan stops once it
    /// reaches token `limit`, which the end passes by at most the two tokens
    /// of a joiner and a word.
    pub fn person_name_end(&self, start: usize, limit: usize) -> usize {
        if !self.is_name_word(start) {
            return start;
        }
        self.name_run_continues::<true>(start + 1, false, limit.min(self.tokens.len()))
    }

    /// The end of a name run whose words so far end before `end`, looking
    /// at tokens before `limit` only. With `SPLIT`, a title inside the run
    /// that a name word follows ends it (see [`Context::starts_name`]).
    fn name_run_continues<const SPLIT: bool>(
        &self,
        mut end: usize,
        body: bool,
        limit: usize,
    ) -> usize {
        while end < limit {
            // A joiner needs a name word after it, which most tokens after
            // a run lack: testing that first spares most calls of `joins`.
            let name_word_next = self.lists.facts.get(end + 1).is_some_and(|f| f.name_word);
            if self.continues(end) {
                if SPLIT && self.starts_name(end) {
                    break;
                }
                end += 1;
            } else if name_word_next && self.joins(end, false, body) {
                end += 2;
            } else if body && self.of_the(end) {
                end += 3;
            } else {
                break;
            }
        }
        end
    }

    /// Whether token `i` is a title that a name word continuing its run
    /// follows: there, inside a run, another name starts ("Smith Mr
    /// Jones").
    pub fn starts_name(&self, i: usize) -> bool {
        self.lists.facts[i].title && self.lists.facts.get(i + 1).is_some_and(|f| f.continues)
    }

    /// Whether tokens `i..i + 3` are "of the" and a name word, which join
    /// the names of bodies and places ("National Library of the
    /// Netherlands"), with no hard break before any of them.
    fn of_the(&self, i: usize) -> bool {
        i + 2 < self.tokens.len()
            && self.keys.get(i) == "of"
            && self.keys.get(i + 1) == "the"
            && self.tokens[i + 1].shape == Shape::Lower
            && self.is_name_word(i + 2)
            && self.joined(i, i + 3)
    }

    /// The start of the run of name words that ends just before `end`, or
    /// `end` when token `end - 1` is not a name word. Plural possessives
    /// join here, since the word after them completes the name.
    pub fn name_run_start(&self, end: usize, body: bool) -> usize {
        if end == 0 || !self.is_name_word(end - 1) {
            return end;
        }
        // Every name word of a run leads back to its start: a scan that
        // reaches the stretch the last one went through ends there.
        let memo = &self.start_memo[usize::from(body)];
        let (from, to) = memo.get();
        let mut start = end - 1;
        loop {
            if (from..to).contains(&start) {
                memo.set(from, to.max(end));
                return from;
            }
            if start == 0 || self.tokens[start].hard_break || self.tokens[start].sentence_start {
                break;
            }
            if self.is_name_word(start - 1) {
                start -= 1;
            } else if start >= 2 && self.joins(start - 1, true, body) {
                start -= 2;
            } else {
                break;
            }
        }
        memo.set(start, end);
        start
    }
}

/// Marks the tokens of a block of up to 64, from token `base` on, that may
/// be cue words and that are capitalised words, in two bit sets.
///
/// Kept out of line: inlined into [`Context::new`], whose loops hold more
/// than the registers do, this loop kept its sums on the stack.
#[inline(never)]
fn mark(tokens: &[Token], keys: &Keys, base: usize, cue_lists: cues::Cues) -> (u64, u64) {
    let (mut maybe_cues, mut capitalised) = (0, 0);
    for (j, token) in tokens.iter().enumerate() {
        // Only words are cue words or name words.
        let word = token.kind == TokenKind::Word;
        let maybe_cue = word & cue_lists.may_hold(keys.hash(base + j));
        maybe_cues |= u64::from(maybe_cue) << j;
        capitalised |= u64::from(word & token.shape.is_capitalised()) << j;
    }
    (maybe_cues, capitalised)
}

/// The positions of the bits set in `bits`, lowest first.
fn set_bits(mut bits: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        let at = bits.trailing_zeros() as usize;
        bits &= bits.wrapping_sub(1);
        (at < 64).then_some(at)
    })
}

/// Whether a word is a contraction ("I'm", "We'll", "Don't"), which is
/// capitalised at the start of a sentence but never part of a name.
fn is_contraction(word: &[u8]) -> bool {
    // Every ending has an apostrophe (or 0x99, the last byte of "’") second
    // or third from the end of a word of three bytes or more, which few
    // words have: testing those two bytes settles most words without a
    // branch per ending.
    let [.., third, second, _] = word else {
        return false;
    };
    let apostrophe = |b: u8| (b == b'\'') | (b == 0x99);
    if !(apostrophe(*second) | apostrophe(*third)) {
        return false;
    }
    const ENDINGS: [&str; 12] = [
        "'m", "'ll", "'ve", "'re", "'d", "n't", "’m", "’ll", "’ve", "’re", "’d", "n’t",
    ];
    ENDINGS
        .iter()
        .any(|ending| word.len() > ending.len() && word.ends_with(ending.as_bytes()))
}

/// Runs every rule and appends what they propose.
pub(crate) fn run(cx: &Context<'_>, out: &mut Vec<Candidate>) {
    title::find(cx, out);
    designator::find(cx, out);
    acronym::find(cx, out);
    given_name::find(cx, out);
}

impl Context<'_> {
    /// Like [`Context::trim_start`], and drops titles too ("Mr",
    /// "President"): where a person's name starts in a run.
    pub fn trim_start_and_titles(&self, mut start: usize, end: usize) -> usize {
        loop {
            let trimmed = self.trim_start(start, end);
            if trimmed < end && self.is_title(trimmed) {
                start = trimmed + 1;
            } else {
                return trimmed;
            }
        }
    }

    /// Drops leading determiners, stop words and punctuation from a run, so
    /// that "The Kurdistan Workers' Party" gives "Kurdistan Workers' Party".
    pub fn trim_start(&self, mut start: usize, end: usize) -> usize {
        while start < end {
            if !self.lists.facts[start].droppable && self.tokens[start].kind != TokenKind::Punct {
                break;
            }
            start += 1;
        }
        start
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Runs one rule on a text with a small lexicon and lists its proposals.

    use super::Context;
    use crate::candidate::Candidate;
    use crate::gazetteer::{Entry, EntryKind, Matcher, Origin};
    use crate::tokenizer::{Keys, tokenize};

    /// "kind text" for each proposal of `rule` on `text`.
    pub fn proposals(rule: fn(&Context<'_>, &mut Vec<Candidate>), text: &str) -> Vec<String> {
        let words = [
            (EntryKind::GivenName, "Abdul"),
            (EntryKind::GivenName, "Jane"),
            (EntryKind::Surname, "Smith"),
            (EntryKind::Stopword, "The"),
            (EntryKind::Stopword, "Some"),
            (EntryKind::Stopword, "May"),
        ];
        let entries: Vec<_> = words
            .iter()
            .map(|&(kind, word)| (Entry::new(kind, word).rank(80), Origin::Default))
            .collect();
        let records: Vec<_> = entries.iter().map(|(e, o)| (e.record(), *o)).collect();
        let matcher = Matcher::new(&records).unwrap();
        let tokens = tokenize(text);
        let keys = Keys::new(text, &tokens);
        let cx = Context::new(text, &tokens, &keys, matcher.lexicon(), Default::default());
        let mut out = Vec::new();
        rule(&cx, &mut out);
        out.iter()
            .map(|c: &Candidate| {
                format!(
                    "{} {}",
                    c.kind,
                    &text[tokens[c.start].start..tokens[c.end - 1].end]
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::{is_contraction, set_bits};

    #[test]
    fn set_bits_lowest_first() {
        assert_eq!(set_bits(0b1010_0001).collect::<Vec<_>>(), [0, 5, 7]);
        assert_eq!(set_bits(1 << 63).collect::<Vec<_>>(), [63]);
        assert_eq!(set_bits(0).count(), 0);
    }

    #[test]
    fn contractions_with_either_apostrophe() {
        for word in [
            "I'm",
            "We'll",
            "They've",
            "You're",
            "I'd",
            "Don't",
            "I’m",
            "We’ll",
            "They’ve",
            "You’re",
            "I’d",
            "Don’t",
        ] {
            assert!(is_contraction(word.as_bytes()), "{word}");
        }
        for word in ["O'Neill", "Kata’ib", "'m", "Ahmed", "M", "Don’"] {
            assert!(!is_contraction(word.as_bytes()), "{word}");
        }
    }
}
