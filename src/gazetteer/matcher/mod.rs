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
//! Strings live in arenas ([`KeyTable`] for keys, one string for forms
//! and names) so that building and dropping the tables makes a handful of
//! allocations, not one per form. Every array holds plain numbers and
//! bytes, so that the default gazetteers' tables, compiled by the build
//! script (see [`compile`]), are read in place from an image (see
//! [`super::image`]).

mod compile;

use std::borrow::Cow;

use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout};

use super::Notice;
use super::Origin;
use super::filter::WordFilter;
use super::image::{ImageError, ImageReader, ImageWriter};
use super::lexicon::Lexicon;
use super::table::{KeyTable, bytes_held, same_bytes};
use crate::EntityKind;
use crate::candidate::{Candidate, Evidence};
use crate::hash::chain;
use crate::tokenizer::{Headline, Keys, Shape, Token, TokenKind};

/// No form.
const NONE: u32 = u32::MAX;

/// A range of the matcher's text arena.
#[derive(Clone, Copy, Debug, Default, FromBytes, IntoBytes, Immutable, KnownLayout)]
#[repr(C)]
struct Span {
    start: u32,
    len: u32,
}

/// An entity entry after compilation.
#[derive(Clone, Copy, Debug, FromBytes, IntoBytes, Immutable, KnownLayout)]
#[repr(C)]
struct CompiledEntry {
    name: Span,
    /// The kind's index in [`EntityKind::ALL`].
    kind: u8,
    rank: u8,
    _padding: [u8; 2],
}

impl CompiledEntry {
    fn new(kind: EntityKind, name: Span, rank: u8) -> CompiledEntry {
        let index = EntityKind::ALL.iter().position(|&k| k == kind);
        CompiledEntry {
            name,
            kind: index.unwrap_or_default() as u8,
            rank,
            _padding: [0; 2],
        }
    }

    fn kind(self) -> EntityKind {
        EntityKind::ALL[usize::from(self.kind) % EntityKind::ALL.len()]
    }
}

/// One spelling of a phrase for one entry: the form as written, where its
/// tokens are, and the next spelling of the same phrase.
#[derive(Clone, Copy, Debug, FromBytes, IntoBytes, Immutable, KnownLayout)]
#[repr(C)]
struct Form {
    text: Span,
    /// The bounds of the form's first token, kept here rather than with
    /// the others: comparing a one-word form with the text then reads no
    /// more than the form and its text, where reading the bounds first
    /// put a third cache miss in a row before the text's.
    first: [u16; 2],
    /// Start of the bounds of the form's other tokens in
    /// `Matcher::bounds`; there are as many as the phrase has tokens
    /// after its first.
    bounds: u32,
    entry: u32,
    next: u32,
}

/// What the table holds for a phrase key.
#[derive(Clone, Copy, Debug, FromBytes, IntoBytes, Immutable, KnownLayout)]
#[repr(C)]
struct Node {
    /// The first spelling of this phrase, or [`NONE`].
    forms: u32,
    /// Whether a longer form starts with this phrase (0 or 1).
    longer: u8,
    /// Whether some form starting with this phrase is written with a
    /// lower-case first letter ("al-Sadr"); if none is, a lower-case word in
    /// the text cannot start a match (0 or 1).
    lower_first: u8,
    /// Where this phrase's spellings came from (an [`Origin`] as a number).
    origin: u8,
    _padding: u8,
}

impl Default for Node {
    fn default() -> Self {
        Node {
            forms: NONE,
            longer: 0,
            lower_first: 0,
            origin: Origin::Default as u8,
            _padding: 0,
        }
    }
}

impl Node {
    fn longer(self) -> bool {
        self.longer != 0
    }

    fn lower_first(self) -> bool {
        self.lower_first != 0
    }

    fn origin(self) -> Origin {
        Origin::from_number(self.origin)
    }
}

/// A token where a form may start, and what the table holds for its
/// word's key.
#[derive(Clone, Copy, Debug)]
struct FirstWord {
    at: usize,
    node: Node,
}

/// The gazetteer matcher.
#[derive(Clone, Debug, Default)]
pub(crate) struct Matcher {
    phrases: KeyTable<Node>,
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
    forms: Cow<'static, [Form]>,
    /// Token bounds of forms after their first, relative to the form's
    /// start.
    bounds: Cow<'static, [[u16; 2]]>,
    /// Forms and entry names.
    texts: Cow<'static, str>,
    entries: Cow<'static, [CompiledEntry]>,
    phrase_count: usize,
    lexicon: Lexicon,
    notices: Vec<Notice>,
}

impl Matcher {
    /// What the user's gazetteer data clashed with while compiling.
    pub fn notices(&self) -> &[Notice] {
        &self.notices
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

    fn text(&self, span: Span) -> &str {
        &self.texts[span.start as usize..(span.start + span.len) as usize]
    }

    /// Bytes held, on the heap or read in place.
    pub fn memory_usage(&self) -> usize {
        let texts = match &self.texts {
            Cow::Borrowed(texts) => texts.len(),
            Cow::Owned(texts) => texts.capacity(),
        };
        self.phrases.memory_usage()
            + self.singles.memory_usage()
            + self.continues.memory_usage()
            + bytes_held(&self.forms)
            + bytes_held(&self.bounds)
            + texts
            + bytes_held(&self.entries)
            + self.lexicon.memory_usage()
    }

    /// Writes the tables to an image, to be read in place by
    /// [`Matcher::read`], all but the texts of forms and names
    /// ([`Matcher::texts`]), which are kept beside it as a string the
    /// compiler checks, so that reading them checks nothing. Notices are
    /// not written: they are for the user's data, which is compiled at run
    /// time.
    #[cfg_attr(
        not(test),
        allow(dead_code, reason = "build.rs writes the images the library reads")
    )]
    pub fn write(&self, image: &mut ImageWriter) {
        self.phrases.write(image);
        self.singles.write(image);
        self.continues.write(image);
        image.array(&self.forms);
        image.array(&self.bounds);
        image.array(&self.entries);
        image.number(self.phrase_count as u64);
        self.lexicon.write(image);
    }

    /// The texts of forms and names, which [`Matcher::write`] leaves out
    /// of the image, and in which [`Matcher::entry_name`]'s names lie.
    pub fn texts(&self) -> &str {
        &self.texts
    }

    /// Reads the tables of an image written by [`Matcher::write`], in
    /// place, with the [`Matcher::texts`] written beside it.
    pub fn read(image: &'static [u8], texts: &'static str) -> Result<Matcher, ImageError> {
        let mut image = ImageReader::new(image)?;
        let matcher = Matcher {
            phrases: KeyTable::read(&mut image)?,
            singles: WordFilter::read(&mut image)?,
            continues: WordFilter::read(&mut image)?,
            forms: Cow::Borrowed(image.array()?),
            bounds: Cow::Borrowed(image.array()?),
            texts: Cow::Borrowed(texts),
            entries: Cow::Borrowed(image.array()?),
            phrase_count: usize::try_from(image.number()?)
                .map_err(|_| image.invalid("a count of phrases"))?,
            lexicon: Lexicon::read(&mut image)?,
            notices: Vec::new(),
        };
        image.finish()?;
        Ok(matcher)
    }

    /// The bytes of the tokens of a form as written, sliced as bytes:
    /// without the checks that each end falls on a character boundary,
    /// which slicing a string makes (see [`case_agrees`]).
    fn written(&self, form: Form, len: usize) -> impl Iterator<Item = &[u8]> {
        let start = form.text.start as usize;
        let text = &self.texts.as_bytes()[start..start + form.text.len as usize];
        let others = len.saturating_sub(1);
        std::iter::once(form.first)
            .take(len)
            .chain(
                self.bounds[form.bounds as usize..form.bounds as usize + others]
                    .iter()
                    .copied(),
            )
            .map(move |[s, e]| &text[s as usize..e as usize])
    }

    /// Appends a candidate for every entry whose form matches the tokens,
    /// looking only at forms that start at the tokens marked in
    /// `form_starts`, a bit per token, 64 tokens to a number: those the
    /// first-word filter lets through, which the document marks in its
    /// one pass over the tokens (see [`Lexicon::may_start_form`] and
    /// `Document::form_starts`).
    pub fn find(
        &self,
        text: &str,
        tokens: &[Token],
        keys: &Keys,
        form_starts: &[u64],
        out: &mut Vec<Candidate>,
    ) {
        if self.phrases.is_empty() {
            return;
        }
        // The keys of a phrase that do not lie in place, written out: one
        // buffer for every phrase.
        let mut written = Vec::new();
        // The phrases of a block's first words, found before any is
        // followed: each look-up misses the caches, and a loop of look-ups
        // alone lets them wait on memory together, where each one's misses
        // waited alone behind the forms of the word before.
        let mut phrases = Vec::with_capacity(64);
        for (block, &bits) in form_starts.iter().enumerate() {
            let base = block * 64;
            let mut bits = self.filter_starts(base, bits, tokens, keys);
            while bits != 0 {
                let first = base + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if let Some(&node) =
                    self.phrases
                        .get_short(keys.bytes(first), keys.short(first), keys.hash(first))
                {
                    phrases.push(FirstWord { at: first, node });
                }
            }
            for first in phrases.drain(..) {
                self.find_at(first, text, tokens, keys, &mut written, out);
            }
        }
    }

    /// Of the tokens marked in `bits` from token `base`, a bit for each
    /// (see [`Matcher::find`]), those where a form may start by the
    /// filters: a word that may be a one-word form, or may start a phrase
    /// that the next word may continue. Most words that may start a form
    /// these settle, in a loop of its own, out of line, whose few values
    /// stay in registers, as they did not among those of the phrases'
    /// look-ups.
    #[inline(never)]
    fn filter_starts(&self, base: usize, bits: u64, tokens: &[Token], keys: &Keys) -> u64 {
        let mut starts = 0;
        let mut bits = bits;
        while bits != 0 {
            let j = bits.trailing_zeros();
            bits &= bits - 1;
            let first = base + j as usize;
            let next = first + 1;
            let hash = keys.hash(first);
            if self.singles.may_contain_hashed(remix(hash))
                || (next < tokens.len()
                    && !tokens[next].hard_break
                    && self
                        .continues
                        .may_contain_hashed(chain(hash, keys.hash(next))))
            {
                starts |= 1 << j;
            }
        }
        starts
    }

    /// Appends a candidate for every entry with a form that starts at
    /// `first`, a word the filters let through ([`Matcher::filter_starts`]);
    /// `written` is for the keys of a phrase that do not lie in place
    /// ([`Keys::run`]).
    fn find_at(
        &self,
        FirstWord {
            at: first,
            mut node,
        }: FirstWord,
        text: &str,
        tokens: &[Token],
        keys: &Keys,
        written: &mut Vec<u8>,
        out: &mut Vec<Candidate>,
    ) {
        if tokens[first].shape == Shape::Lower && !node.lower_first() {
            return;
        }
        let mut end = first + 1;
        let mut prefix = keys.hash(first);
        let mut run = keys.run(first, written);
        loop {
            let mut f = node.forms;
            while f != NONE {
                let form = &self.forms[f as usize];
                let range = first..end;
                let written = self.written(*form, end - first);
                if case_agrees(text, &tokens[range], written) {
                    let entry = &self.entries[form.entry as usize];
                    out.push(Candidate {
                        start: first,
                        end,
                        kind: entry.kind(),
                        entry: Some(form.entry),
                        evidence: Evidence::Gazetteer,
                        rank: entry.rank,
                    });
                }
                f = form.next;
            }
            if !node.longer() || end >= tokens.len() || tokens[end].hard_break {
                break;
            }
            prefix = chain(prefix, keys.hash(end));
            end += 1;
            if !self.continues.may_contain_hashed(prefix) {
                break;
            }
            run.grow(keys);
            match self.phrases.get_bytes(run.bytes(keys)) {
                Some(next) => node = *next,
                None => break,
            }
        }
    }
}

impl Matcher {
    /// The place entry with a form keyed `key` (its words' keys joined by
    /// single spaces: "north tarvia"), the highest ranked of them, and its
    /// rank: a name the text writes otherwise than the lists (see
    /// `rules::initial`).
    pub(crate) fn place_keyed(&self, key: &str) -> Option<(u32, u8)> {
        let node = self.phrases.get(key)?;
        let mut place: Option<(u32, u8)> = None;
        let mut f = node.forms;
        while f != NONE {
            let form = &self.forms[f as usize];
            let entry = &self.entries[form.entry as usize];
            if entry.kind() == EntityKind::Place && place.is_none_or(|(_, rank)| entry.rank > rank)
            {
                place = Some((form.entry, entry.rank));
            }
            f = form.next;
        }
        place
    }

    /// Appends a candidate at token `at` for every entry with a one-word
    /// form keyed `key` and written `written`: a word of the text spelled
    /// another way than its key says (see `rules::apostrophe`).
    pub(crate) fn find_word(&self, key: &str, written: &str, at: usize, out: &mut Vec<Candidate>) {
        let Some(&node) = self.phrases.get(key) else {
            return;
        };
        let mut f = node.forms;
        while f != NONE {
            let form = &self.forms[f as usize];
            if self.written(*form, 1).eq([written.as_bytes()]) {
                let entry = &self.entries[form.entry as usize];
                out.push(Candidate {
                    start: at,
                    end: at + 1,
                    kind: entry.kind(),
                    entry: Some(form.entry),
                    evidence: Evidence::Gazetteer,
                    rank: entry.rank,
                });
            }
            f = form.next;
        }
    }
}

/// A word's hash with its halves swapped, for a filter that must not
/// share false positives with filters taking the word's
/// [`hash_key`](crate::hash::hash_key) as it is: they all read bits 28 and
/// up of the hash they are given (to bit 53 for the lexicon's first words,
/// to 52 for `singles`), which are bits 60 to 63 and 0 to 20 of the word's
/// hash here, mixed as well (see `finish` in [`crate::hash`]). A rotation,
/// where a multiplication after it took two more instructions for every
/// word that may start a form.
fn remix(hash: u64) -> u64 {
    hash.rotate_left(32)
}

/// Whether the text tokens spell the form acceptably (see the module docs),
/// given the bytes of the form's tokens as written.
///
/// A token and the form's word are compared as bytes, nearly always
/// equal: slicing them as strings checked four character boundaries for
/// every word, and the rare words spelled otherwise are read as strings
/// after.
fn case_agrees<'f>(text: &str, tokens: &[Token], written: impl Iterator<Item = &'f [u8]>) -> bool {
    tokens.iter().zip(written).all(|(token, written)| {
        let seen = &text.as_bytes()[token.start()..token.end()];
        token.kind != TokenKind::Word
            || same_bytes(seen, written)
            || token.headline == Headline::Capitals
            || capitalised_in_text(written, token.text(text))
    })
}

/// Whether `written`, a word of a form, starts with a lower-case letter
/// that `seen`, the word in the text, writes in upper case, the rest the
/// same.
#[cold]
fn capitalised_in_text(written: &[u8], seen: &str) -> bool {
    let Ok(written) = std::str::from_utf8(written) else {
        return false;
    };
    let mut w = written.chars();
    let mut s = seen.chars();
    match (w.next(), s.next()) {
        (Some(wc), Some(sc)) => {
            wc.is_lowercase() && sc.is_uppercase() && sc.to_lowercase().eq([wc]) && w.eq(s)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::gazetteer::{Entry, EntryKind};
    use crate::tokenizer::tokenize;

    fn matcher(entries: &[(Entry, Origin)]) -> Matcher {
        let records: Vec<_> = entries.iter().map(|(e, o)| (e.record(), *o)).collect();
        Matcher::new(&records).unwrap()
    }

    fn found(m: &Matcher, text: &str) -> Vec<(String, EntityKind)> {
        let tokens = tokenize(text);
        let keys = Keys::new(text, &tokens);
        let cx = Document::new(text, &tokens, &keys, m.lexicon(), Default::default());
        let mut out = Vec::new();
        m.find(text, &tokens, &keys, cx.form_starts(), &mut out);
        out.iter()
            .map(|c| {
                (
                    text[tokens[c.start].start()..tokens[c.end - 1].end()].to_string(),
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
    fn a_lower_case_first_letter_may_be_capitalised_in_the_text() {
        assert!(capitalised_in_text(b"al", "Al"));
        assert!(capitalised_in_text("éclair".as_bytes(), "Éclair"));
        assert!(!capitalised_in_text("éclair".as_bytes(), "ÉCLAIR"));
        assert!(
            !capitalised_in_text(b"Al", "Al"),
            "not lower case as written"
        );
        assert!(!capitalised_in_text(b"al", "Ab"));
        assert!(!capitalised_in_text(b"", "A"));
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
