//! Name runs: capitalised words and the joiners between them ("Moqtada
//! Al-Sadr", "Kurdistan Workers' Party", "Royal Library of the
//! Netherlands"), where the rules look for names and the resolver for
//! further uses of the names it knows.

use super::Document;
use crate::tokenizer::{Shape, TokenKind};

/// A stretch `from..to` of a name run that a look-up of its end (or start)
/// went through: every name word in it leads to the same end (start), so
/// the next look-up from inside it needs no second scan. The rules look
/// runs up in text order, often several times in one run ("Harvard
/// University University …", "Lake Lake …"), and a scan each time made
/// them quadratic in the run's length.
#[derive(Default)]
pub(super) struct Memo(std::cell::Cell<(usize, usize)>);

impl Memo {
    fn get(&self) -> (usize, usize) {
        self.0.get()
    }

    fn set(&self, from: usize, to: usize) {
        self.0.set((from, to));
    }
}

/// The bytes of "’", which joins words as "'" does.
const TYPOGRAPHIC_APOSTROPHE: &[u8] = "’".as_bytes();

impl Document<'_> {
    /// Finds the name runs (see [`Document::name_runs`]).
    ///
    /// The name words inside a run are passed by their count, which the
    /// scan of the run gives: a test of each name word, whether a run
    /// before it held it, went either way from word to word. Where its
    /// name starts is found without a scan for most runs (see below).
    pub(super) fn find_name_runs(&mut self) {
        let mut name_runs = std::mem::take(&mut self.found.name_runs);
        // At most a run for each name word, each written at the list's
        // end, which moves on only for a run left with a name: a branch on
        // that went either way from run to run. The list is only ever
        // lengthened, its length kept from text to text, and the runs are
        // counted apart: zeroed for each text, it was zeroed at a size
        // that changed from call to call.
        if name_runs.len() < self.found.name_words.len() {
            name_runs.resize(self.found.name_words.len(), (0, 0));
        }
        let mut count = 0;
        let mut rest = self.found.name_words.as_slice();
        while let [start, ..] = *rest {
            let (end, later) = self.run_from(start);
            // A run takes name words of the list only: as many are left.
            rest = &rest[1 + later..];
            // The first word, a name word, dropped or kept by a sum: a
            // branch on it went either way. A scan past it only where the
            // run goes on after a word dropped, which few do.
            let first_dropped = self.facts(start).dropped_at_start();
            let trimmed = if first_dropped & (start + 1 < end) {
                self.trim_start_and_titles(start + 1, end)
            } else {
                start + usize::from(first_dropped)
            };
            name_runs[count] = (trimmed, end);
            count += usize::from(trimmed < end);
        }
        self.found.name_runs = name_runs;
        self.found.name_run_count = count;
    }

    /// The end of the run of name words from name word `start`
    /// ([`Document::name_run_end`] without "of" and "for"), and how many
    /// name words it takes after `start`: one a step, a name word that
    /// continues it or a joiner and the name word after it. The scan of
    /// [`Document::name_run_continues`] without its limit and "of the",
    /// which counts its steps: counted there, its other callers took more
    /// instructions.
    fn run_from(&self, start: usize) -> (usize, usize) {
        let mut end = start + 1;
        let mut later = 0;
        loop {
            if self.facts_of(end).is_some_and(|f| f.continues()) {
                end += 1;
            } else if self.facts_of(end + 1).is_some_and(|f| f.name_word())
                && self.joins(end, false, false)
            {
                end += 2;
            } else {
                return (end, later);
            }
            later += 1;
        }
    }

    /// The runs of name words ([`Document::name_run_end`] without "of" and
    /// "for"), in order, the name words inside each skipped: each from its
    /// first name word after any titles, determiners and stop words (see
    /// [`Document::trim_start_and_titles`]) to its end, and none that is
    /// nothing but those. A title inside a run that a name word follows
    /// starts a new run ("Mr Smith Mr Jones" gives "Smith" and "Jones").
    pub fn name_runs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.found.name_runs[..self.found.name_run_count]
            .iter()
            .copied()
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
        match joiner.kind {
            TokenKind::Word if joiner.shape == Shape::Lower => self
                .cue(i)
                .is_some_and(|c| c.connector || (body && c.body_connector)),
            // The text read for punctuation alone, as bytes: the words,
            // half the calls, need none, and bytes no check of character
            // boundaries.
            TokenKind::Punct if !joiner.space_before => {
                match &self.text.as_bytes()[joiner.start()..joiner.end()] {
                    b"-" | b"'" | TYPOGRAPHIC_APOSTROPHE if !next.space_before => true,
                    // A middle initial: "Mario J. Lanzetti".
                    b"." => {
                        let initial = &self.tokens[i - 1];
                        initial.shape == Shape::Upper && initial.end() - initial.start() == 1
                    }
                    b"'" | TYPOGRAPHIC_APOSTROPHE => {
                        plural_possessive && self.word(i - 1).ends_with('s')
                    }
                    _ => false,
                }
            }
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
    pub fn continues(&self, i: usize) -> bool {
        self.facts(i).continues()
    }

    /// The end (exclusive) of the run of name words starting at `start`:
    /// capitalised words and the joiners between them. Returns `start` when
    /// token `start` is not a name word. `body` allows "of" and "for".
    ///
    /// Token `start` begins the run whatever comes before it: a caller that
    /// continues a name with the run checks [`Document::joined`] first.
    #[inline]
    pub fn name_run_end(&self, start: usize, body: bool) -> usize {
        if !self.facts_of(start).is_some_and(|f| f.name_word()) {
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
    /// end of its run ([`Document::name_run_end`] without "of" and "for"),
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
    /// that a name word follows ends it (see [`Document::starts_name`]).
    fn name_run_continues<const SPLIT: bool>(
        &self,
        mut end: usize,
        body: bool,
        limit: usize,
    ) -> usize {
        while end < limit {
            // A joiner needs a name word after it, which most tokens after
            // a run lack: testing that first spares most calls of `joins`.
            let name_word_next = self.facts_of(end + 1).is_some_and(|f| f.name_word());
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
        self.facts(i).title() && self.facts_of(i + 1).is_some_and(|f| f.continues())
    }

    /// Whether tokens `i..i + 3` are "of the" and a name word, which join
    /// the names of bodies and places ("Royal Library of the
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

    /// Where a person's name that starts at `start` and runs to at most
    /// `end` ends: before the first later word that is a stop word and no
    /// name ("Regina Ip In the ...", "Hugh McGuire Sunday", "SALLY BROWNING
    /// AND"). Capitals carry a run over such words, though a name does not
    /// go on through them; a stop word that is also a name stays
    /// ("Theresa May", "Rose"), and so does a single letter, an initial or
    /// a regnal number ("Eugene A. Nida", "Abbas I").
    pub fn person_words_end(&self, start: usize, end: usize) -> usize {
        (start + 1..end)
            .find(|&i| {
                let word = self.lexeme(i);
                word.stopword
                    && !word.given_name
                    && !word.surname
                    && self.tokens[i].end() - self.tokens[i].start() > 1
            })
            .unwrap_or(end)
    }

    /// Like [`Document::trim_start`], and drops titles too ("Mr",
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
            if !self.facts(start).droppable() && self.tokens[start].kind != TokenKind::Punct {
                break;
            }
            start += 1;
        }
        start
    }
}
