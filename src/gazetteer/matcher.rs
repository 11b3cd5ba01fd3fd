//! The compiled form of a gazetteer: a hash table of token-key phrases, the
//! entries behind each phrase, and the word lists the rules consult.
//!
//! Every surface form is tokenized and keyed ([`Keys`]) the way text is, and
//! stored under the key of each of its prefixes, so that the matcher walks
//! the text's tokens once, extending a phrase token by token only while
//! some form continues it. Looking a phrase up costs one hash of a slice
//! of the text's keys: no allocation, and no pass over the raw text.
//!
//! (An Aho-Corasick automaton over the same keys finds the same matches,
//! but building one for the default gazetteers' 160 thousand forms took
//! 0.75 s against a budget of 0.3 s for the whole start-up, and its scan
//! visits every byte where this visits every token.)
//!
//! Strings live in arenas ([`KeyTable`] for keys, one `String` for forms
//! and names) so that building and dropping the tables makes a handful of
//! allocations, not one per form.

use super::entry::Record;
use super::filter::WordFilter;
use super::table::KeyTable;
use super::{EntryKind, Lexeme, Lexicon, Notice, Origin};
use crate::candidate::{Candidate, Evidence};
use crate::hash::{GOLDEN, chain, hash_key};
use crate::tokenizer::{Headline, Keys, Shape, Token, TokenKind, push_key, tokenize_into};
use crate::{EntityKind, EntryError, Error, Limit};

/// No form.
const NONE: u32 = u32::MAX;

/// A range of the matcher's text arena.
#[derive(Clone, Copy, Debug, Default)]
struct Span {
    start: u32,
    len: u32,
}

/// An entity entry after compilation.
#[derive(Clone, Copy, Debug)]
struct CompiledEntry {
    kind: EntityKind,
    name: Span,
    rank: u8,
}

/// One spelling of a phrase for one entry: the form as written, where its
/// tokens are, and the next spelling of the same phrase.
#[derive(Clone, Copy, Debug)]
struct Form {
    text: Span,
    /// Start of the form's token bounds in `Matcher::bounds`; there are as
    /// many as the phrase has tokens.
    bounds: u32,
    entry: u32,
    next: u32,
}

/// What the table holds for a phrase key.
#[derive(Clone, Copy, Debug)]
struct Node {
    /// The first spelling of this phrase, or [`NONE`].
    forms: u32,
    /// Whether a longer form starts with this phrase.
    longer: bool,
    /// Whether some form starting with this phrase is written with a
    /// lower-case first letter ("al-Sadr"); if none is, a lower-case word in
    /// the text cannot start a match.
    lower_first: bool,
    /// Where this phrase's spellings came from.
    origin: Origin,
}

impl Default for Node {
    fn default() -> Self {
        Node {
            forms: NONE,
            longer: false,
            lower_first: false,
            origin: Origin::Default,
        }
    }
}

/// The gazetteer matcher.
#[derive(Clone, Debug, Default)]
pub(crate) struct Matcher {
    phrases: KeyTable<Node>,
    /// The first words of all forms, then the first words of forms written
    /// with a lower-case first letter. An array, so that the tokens are
    /// matched against one or the other by index: a branch on the token's
    /// case would be mispredicted every few words.
    starts: [WordFilter; 2],
    /// The keys of one-word forms, by the [`remix`] of their hash. Most
    /// words that start a form only start longer ones ("New", "United"),
    /// and most times the next word does not continue any (see
    /// `continues`): asking this filter and that one first settles those
    /// words without a phrase-table look-up, which costs up to four cache
    /// misses.
    singles: WordFilter<2>,
    /// Every prefix of two or more words of a form's key, by its
    /// [`chain`] hash: most words after a phrase's first do not continue
    /// it, and this settles them without hashing and looking up the span.
    continues: WordFilter<2>,
    forms: Vec<Form>,
    /// Token bounds of forms, relative to the form's start.
    bounds: Vec<(u16, u16)>,
    /// Forms and entry names.
    texts: String,
    entries: Vec<CompiledEntry>,
    phrase_count: usize,
    lexicon: Lexicon,
    notices: Vec<Notice>,
}

/// Turns forms into keys and token bounds, reusing its buffers.
#[derive(Default)]
struct Keyer {
    tokens: Vec<Token>,
    key: String,
    bounds: Vec<(u16, u16)>,
}

impl Keyer {
    /// Computes the key and token bounds of `form`, as [`Keys`] would for
    /// the same text.
    fn key(&mut self, form: &str) -> Result<(), Error> {
        self.key.clear();
        self.bounds.clear();
        let too_long = || Error::InvalidEntry {
            name: form.to_string(),
            problem: EntryError::TooLong(form.len()),
        };
        let offset = |i: usize| u16::try_from(i).map_err(|_| too_long());
        let simple =
            form.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' ') && !form.contains("  ");
        if simple {
            // Words of ASCII letters and digits split at single spaces.
            let mut start = 0;
            for word in form.split(' ') {
                self.bounds
                    .push((offset(start)?, offset(start + word.len())?));
                start += word.len() + 1;
            }
            self.key
                .extend(form.bytes().map(|b| b.to_ascii_lowercase() as char));
            return Ok(());
        }
        tokenize_into(form, &mut self.tokens);
        for (i, token) in self.tokens.iter().enumerate() {
            if i > 0 {
                self.key.push(' ');
            }
            push_key(token.text(form), &mut self.key);
            self.bounds.push((offset(token.start)?, offset(token.end)?));
        }
        Ok(())
    }
}

impl Matcher {
    /// Compiles entries; among entries that share a key, user entries shadow
    /// default ones.
    pub fn new<'a>(records: &[(Record<'a>, Origin)]) -> Result<Matcher, Error> {
        // Room for every form and its prefixes, so the tables never rehash.
        let (mut entity_forms, mut entity_bytes, mut words) = (0, 0, 0);
        for (record, _) in records {
            for form in record.surface_forms() {
                if record.kind.entity().is_some() {
                    entity_forms += 1;
                    entity_bytes += form.len();
                } else {
                    words += 1;
                }
            }
        }
        let mut matcher = Matcher {
            phrases: KeyTable::with_capacity(entity_forms * 3 / 2),
            starts: [WordFilter::new(20), WordFilter::new(14)],
            singles: WordFilter::new(19),
            continues: WordFilter::new(21),
            forms: Vec::with_capacity(entity_forms),
            bounds: Vec::with_capacity(entity_forms * 2),
            texts: String::with_capacity(entity_bytes + records.len() * 16),
            ..Matcher::default()
        };
        let mut lexicon: KeyTable<(Origin, Lexeme)> = KeyTable::with_capacity(words);
        let mut keyer = Keyer::default();
        for &(record, origin) in records {
            record.validate().map_err(|problem| Error::InvalidEntry {
                name: record.name.to_string(),
                problem,
            })?;
            let Some(kind) = record.kind.entity() else {
                for form in record.surface_forms() {
                    keyer.key(form)?;
                    let slot =
                        lexicon.get_or_insert_with(&keyer.key, || (origin, Lexeme::default()));
                    if origin > slot.0 {
                        *slot = (origin, Lexeme::default());
                    }
                    if origin == slot.0 {
                        match record.kind {
                            EntryKind::GivenName => {
                                slot.1.given_name = true;
                                slot.1.given_rank = slot.1.given_rank.max(record.rank);
                            }
                            EntryKind::Surname => {
                                slot.1.surname = true;
                                slot.1.surname_rank = slot.1.surname_rank.max(record.rank);
                            }
                            _ => slot.1.stopword = true,
                        }
                    }
                }
                continue;
            };
            let id = u32::try_from(matcher.entries.len())
                .map_err(|_| Error::TooLarge(Limit::Entries))?;
            let name = matcher.store(record.name)?;
            matcher.entries.push(CompiledEntry {
                kind,
                name,
                rank: record.rank,
            });
            for form in record.surface_forms() {
                keyer.key(form)?;
                if !keyer.bounds.is_empty() {
                    matcher.add(&keyer, form, id, origin)?;
                }
            }
        }
        // A user's entity entry lifts a default stop word of the same key.
        for (key, (origin, lexeme)) in lexicon.iter_mut() {
            let shadowed = matcher
                .phrases
                .get(key)
                .is_some_and(|node| node.forms != NONE && node.origin == Origin::User);
            if *origin == Origin::Default && shadowed {
                lexeme.stopword = false;
            }
        }
        matcher.lexicon = Lexicon::new(lexicon);
        Ok(matcher)
    }

    /// Copies a string into the text arena.
    fn store(&mut self, s: &str) -> Result<Span, Error> {
        let overflow = |_| Error::TooLarge(Limit::Text);
        let start = u32::try_from(self.texts.len()).map_err(overflow)?;
        let len = u32::try_from(s.len()).map_err(overflow)?;
        self.texts.push_str(s);
        Ok(Span { start, len })
    }

    fn text(&self, span: Span) -> &str {
        &self.texts[span.start as usize..(span.start + span.len) as usize]
    }

    /// Adds one spelling of an entry under the phrase key the keyer holds,
    /// and marks the key's prefixes as continued.
    fn add(&mut self, keyer: &Keyer, form: &str, id: u32, origin: Origin) -> Result<(), Error> {
        let key = keyer.key.as_str();
        let slot = self.phrases.index_or_insert_with(key, Node::default);
        let node = *self.phrases.value_mut(slot);
        let node_was_new = node.forms == NONE;
        if node_was_new {
            self.phrase_count += 1;
        } else if origin < node.origin
            || (origin == Origin::User && self.note_clashes(node, form, id))
        {
            // A default under a user form, or a user form given twice.
            return Ok(());
        } else if origin == node.origin {
            // The same spelling of the same entry twice adds nothing.
            let mut f = node.forms;
            while f != NONE {
                let existing = self.forms[f as usize];
                if existing.entry == id && self.text(existing.text) == form {
                    return Ok(());
                }
                f = existing.next;
            }
        }
        let next = if node.forms != NONE && origin == node.origin {
            node.forms
        } else {
            NONE
        };
        let text = self.store(form)?;
        let bounds =
            u32::try_from(self.bounds.len()).map_err(|_| Error::TooLarge(Limit::Tokens))?;
        self.bounds.extend_from_slice(&keyer.bounds);
        let index = u32::try_from(self.forms.len()).map_err(|_| Error::TooLarge(Limit::Forms))?;
        self.forms.push(Form {
            text,
            bounds,
            entry: id,
            next,
        });
        let lower_first = form.chars().next().is_some_and(char::is_lowercase);
        let node = self.phrases.value_mut(slot);
        node.forms = index;
        node.origin = origin;
        let single = keyer.bounds.len() == 1;
        node.lower_first |= lower_first && single;
        let first_word = hash_key(key.split(' ').next().unwrap_or(key));
        if !single && (node_was_new || lower_first) {
            self.mark_prefixes(key, first_word, lower_first);
        }
        if lower_first {
            self.starts[1].insert_hashed(first_word);
        }
        if single {
            self.singles.insert_hashed(remix(first_word));
        }
        self.starts[0].insert_hashed(first_word);
        Ok(())
    }

    /// Records what a user form added under an existing phrase clashes
    /// with; returns whether the form repeats one already there, and so
    /// adds nothing.
    fn note_clashes(&mut self, node: Node, form: &str, id: u32) -> bool {
        let ours = self.reading(id);
        let mut repeated = false;
        let mut f = node.forms;
        while f != NONE {
            let existing = self.forms[f as usize];
            let theirs = self.reading(existing.entry);
            let notice = if node.origin == Origin::Default {
                Notice::Shadowed {
                    form: form.to_string(),
                    default: theirs,
                    user: ours.clone(),
                }
            } else if existing.entry == id || theirs == ours {
                repeated = true;
                Notice::Duplicate {
                    form: form.to_string(),
                    entry: ours.clone(),
                }
            } else {
                Notice::Conflict {
                    form: form.to_string(),
                    first: theirs,
                    second: ours.clone(),
                }
            };
            self.notices.push(notice);
            f = existing.next;
        }
        repeated
    }

    /// An entry's kind and name.
    fn reading(&self, id: u32) -> (EntityKind, String) {
        let entry = self.entries[id as usize];
        (entry.kind, self.text(entry.name).to_string())
    }

    /// What the user's gazetteer data clashed with while compiling.
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// Marks every proper prefix of `key` as continued by a longer form
    /// (in the table and, by [`chain`] hashes from `first_word`, the hash
    /// of its first word, in `continues`), and its first word as starting
    /// a lower-case form if `lower_first`.
    fn mark_prefixes(&mut self, key: &str, first_word: u64, lower_first: bool) {
        for (n, (end, _)) in key.match_indices(' ').enumerate() {
            let node = self.phrases.get_or_insert_with(&key[..end], Node::default);
            node.longer = true;
            node.lower_first |= lower_first && n == 0;
        }
        let mut hash = first_word;
        for word in key.split(' ').skip(1) {
            hash = chain(hash, hash_key(word));
            self.continues.insert_hashed(hash);
        }
    }

    /// The number of entity entries.
    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }

    /// The number of distinct surface-form keys.
    pub fn pattern_count(&self) -> usize {
        self.phrase_count
    }

    /// The canonical name of an entry.
    pub fn entry_name(&self, id: u32) -> &str {
        self.text(self.entries[id as usize].name)
    }

    /// The word lists.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Heap bytes held.
    pub fn memory_usage(&self) -> usize {
        self.phrases.memory_usage()
            + self
                .starts
                .iter()
                .map(WordFilter::memory_usage)
                .sum::<usize>()
            + self.singles.memory_usage()
            + self.continues.memory_usage()
            + self.forms.capacity() * std::mem::size_of::<Form>()
            + self.bounds.capacity() * 4
            + self.texts.capacity()
            + self.entries.capacity() * std::mem::size_of::<CompiledEntry>()
            + self.lexicon.memory_usage()
    }

    /// The tokens of a form as written.
    fn written(&self, form: &Form, len: usize) -> impl Iterator<Item = &str> {
        let text = self.text(form.text);
        self.bounds[form.bounds as usize..form.bounds as usize + len]
            .iter()
            .map(move |&(s, e)| &text[s as usize..e as usize])
    }

    /// Appends a candidate for every entry whose form matches the tokens.
    pub fn find(&self, text: &str, tokens: &[Token], keys: &Keys, out: &mut Vec<Candidate>) {
        if self.phrases.is_empty() {
            return;
        }
        // Whether a token may start a form is a coin toss to the branch
        // predictor (one word in five passes the first-word filters, with
        // punctuation between): the tokens that may are gathered a block at
        // a time without a branch on the answer, then looked at in turn.
        let mut firsts = [0u32; BLOCK];
        for block in (0..tokens.len()).step_by(BLOCK) {
            let n = self.gather_firsts(block, tokens, keys, &mut firsts);
            for &first in &firsts[..n] {
                self.find_at(first as usize, text, tokens, keys, out);
            }
        }
    }

    /// Writes to the front of `firsts` the tokens of the block that starts
    /// at token `block` which may start a form, and returns how many.
    ///
    /// Not inlined: in one body with the look-ups, its loop kept its
    /// pointers on the stack and reloaded them for every token.
    #[inline(never)]
    fn gather_firsts(
        &self,
        block: usize,
        tokens: &[Token],
        keys: &Keys,
        firsts: &mut [u32; BLOCK],
    ) -> usize {
        let end = tokens.len().min(block + BLOCK);
        let mut n = 0;
        for (first, token) in (block..end).zip(&tokens[block..end]) {
            let filter = &self.starts[usize::from(token.shape == Shape::Lower)];
            let may_start =
                (token.kind != TokenKind::Punct) & filter.may_contain_hashed(keys.hash(first));
            // `n` is at most `first - block`, so the mask changes nothing
            // but spares a bounds check.
            firsts[n % BLOCK] = first as u32;
            n += usize::from(may_start);
        }
        n
    }

    /// Appends a candidate for every entry with a form that starts at token
    /// `first`, a word the first-word filters let through.
    fn find_at(
        &self,
        first: usize,
        text: &str,
        tokens: &[Token],
        keys: &Keys,
        out: &mut Vec<Candidate>,
    ) {
        // A word that is no one-word form matters only if the next word
        // may continue a phrase it starts.
        let next = first + 1;
        if !self.singles.may_contain_hashed(remix(keys.hash(first)))
            && (next >= tokens.len()
                || tokens[next].hard_break
                || !self
                    .continues
                    .may_contain_hashed(chain(keys.hash(first), keys.hash(next))))
        {
            return;
        }
        let Some(&node) = self.phrases.get_hashed(keys.get(first), keys.hash(first)) else {
            return;
        };
        if tokens[first].shape == Shape::Lower && !node.lower_first {
            return;
        }
        let mut node = node;
        let mut end = first + 1;
        let mut prefix = keys.hash(first);
        loop {
            let mut f = node.forms;
            while f != NONE {
                let form = &self.forms[f as usize];
                let range = first..end;
                let written = self.written(form, end - first);
                if case_agrees(text, &tokens[range], written) {
                    let entry = &self.entries[form.entry as usize];
                    out.push(Candidate {
                        start: first,
                        end,
                        kind: entry.kind,
                        entry: Some(form.entry),
                        evidence: Evidence::Gazetteer,
                        rank: entry.rank,
                    });
                }
                f = form.next;
            }
            if !node.longer || end >= tokens.len() || tokens[end].hard_break {
                break;
            }
            prefix = chain(prefix, keys.hash(end));
            end += 1;
            if !self.continues.may_contain_hashed(prefix) {
                break;
            }
            match self.phrases.get(keys.span(first, end)) {
                Some(next) => node = *next,
                None => break,
            }
        }
    }
}

/// How many tokens [`Matcher::find`] looks at in one go.
const BLOCK: usize = 128;

/// A word's hash with its bits mixed, for a filter that must not share
/// false positives with filters taking the word's [`hash_key`] as it is:
/// they all read the same bits of the hash they are given.
fn remix(hash: u64) -> u64 {
    hash.rotate_left(32).wrapping_mul(GOLDEN)
}

/// Whether the text tokens spell the form acceptably (see the module docs).
fn case_agrees<'f>(text: &str, tokens: &[Token], written: impl Iterator<Item = &'f str>) -> bool {
    tokens.iter().zip(written).all(|(token, written)| {
        let seen = token.text(text);
        if token.kind != TokenKind::Word || seen == written {
            return true;
        }
        if token.headline == Headline::Capitals {
            return true;
        }
        // A lower-case word of the form, capitalised in the text.
        let mut w = written.chars();
        let mut s = seen.chars();
        match (w.next(), s.next()) {
            (Some(wc), Some(sc)) => {
                wc.is_lowercase() && sc.is_uppercase() && sc.to_lowercase().eq([wc]) && w.eq(s)
            }
            _ => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Entry;
    use crate::tokenizer::tokenize;

    fn matcher(entries: &[(Entry, Origin)]) -> Matcher {
        let records: Vec<_> = entries.iter().map(|(e, o)| (e.record(), *o)).collect();
        Matcher::new(&records).unwrap()
    }

    fn found(m: &Matcher, text: &str) -> Vec<(String, EntityKind)> {
        let tokens = tokenize(text);
        let keys = Keys::new(text, &tokens);
        let mut out = Vec::new();
        m.find(text, &tokens, &keys, &mut out);
        out.iter()
            .map(|c| {
                (
                    text[tokens[c.start].start..tokens[c.end - 1].end].to_string(),
                    c.kind,
                )
            })
            .collect()
    }

    fn default(entry: Entry) -> (Entry, Origin) {
        (entry, Origin::Default)
    }

    #[test]
    fn matches_whole_tokens_with_case_rules() {
        let m = matcher(&[
            default(Entry::new(EntityKind::Place, "Iran")),
            default(Entry::new(EntityKind::Place, "May")),
            default(Entry::new(EntityKind::Person, "Moqtada al-Sadr")),
        ]);
        assert_eq!(
            found(&m, "Iranian Iran-backed may"),
            [("Iran".into(), EntityKind::Place)]
        );
        assert_eq!(found(&m, "Moqtada Al-Sadr").len(), 1);
        assert_eq!(found(&m, "moqtada al-sadr").len(), 0);
        assert_eq!(found(&m, "IRAN TALKS\nIRAN talks").len(), 1);
    }

    #[test]
    fn reports_overlapping_readings() {
        let m = matcher(&[
            default(Entry::new(EntityKind::Place, "New York")),
            default(Entry::new(EntityKind::Place, "York")),
            default(Entry::new(EntityKind::Person, "York")),
        ]);
        assert_eq!(found(&m, "New York").len(), 3);
    }

    #[test]
    fn user_entries_shadow_defaults_of_the_same_form() {
        let m = matcher(&[
            default(Entry::new(EntityKind::Place, "Jordan")),
            (Entry::new(EntityKind::Person, "Jordan"), Origin::User),
            default(Entry::new(EntityKind::Place, "Amman")),
        ]);
        assert_eq!(
            found(&m, "Jordan Amman"),
            [
                ("Jordan".into(), EntityKind::Person),
                ("Amman".into(), EntityKind::Place)
            ]
        );
    }

    #[test]
    fn forms_do_not_cross_line_breaks() {
        let m = matcher(&[default(Entry::new(EntityKind::Place, "New York"))]);
        assert!(found(&m, "New\nYork").is_empty());
    }

    #[test]
    fn lexicon_records_word_lists() {
        let m = matcher(&[
            default(Entry::new(EntryKind::GivenName, "Abdul")),
            default(Entry::new(EntryKind::Stopword, "May")),
            default(Entry::new(EntryKind::Surname, "May")),
        ]);
        let may = m.lexicon().get_key("may");
        assert!(may.stopword && may.surname && !may.given_name);
        assert!(m.lexicon().get_key("abdul").given_name);
        assert_eq!(m.entry_count(), 0);
    }
}
