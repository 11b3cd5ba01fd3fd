//! Compiling entries into the matcher's tables.
//!
//! The one compiler of gazetteer tables: the build script runs it on the
//! default gazetteers and embeds the tables it makes (see `build.rs`); at
//! run time it adds a user's entries to those tables, or compiles them
//! alone.

use std::borrow::Cow;

use super::{CompiledEntry, Form, Matcher, NONE, Node, Span, remix};
use crate::gazetteer::entry::Record;
use crate::gazetteer::filter::WordFilter;
use crate::gazetteer::lexicon::{Lexicon, Word};
use crate::gazetteer::table::owned;
use crate::gazetteer::{Notice, Origin};
use crate::hash::{chain, hash_key};
use crate::tokenizer::{Token, push_key, tokenize_into};
use crate::{EntityKind, EntryError, Error, Limit};

/// Turns forms into keys and token bounds, reusing its buffers.
#[derive(Default)]
struct Keyer {
    tokens: Vec<Token>,
    key: String,
    bounds: Vec<[u16; 2]>,
}

impl Keyer {
    /// Computes the key and token bounds of `form`, as [`Keys`] would for
    /// the same text.
    ///
    /// [`Keys`]: crate::tokenizer::Keys
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
                    .push([offset(start)?, offset(start + word.len())?]);
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
            self.bounds
                .push([offset(token.start())?, offset(token.end())?]);
        }
        Ok(())
    }
}

impl Matcher {
    /// Compiles entries; among entries that share a key, user entries shadow
    /// default ones.
    pub fn new(records: &[(Record<'_>, Origin)]) -> Result<Matcher, Error> {
        let mut matcher = Matcher {
            lexicon: Lexicon::new(),
            singles: WordFilter::new(19),
            continues: WordFilter::new(21),
            ..Matcher::default()
        };
        matcher.extend(records)?;
        Ok(matcher)
    }

    /// Adds entries, which shadow the entries of an earlier origin that
    /// share their key, as if they had been compiled with them (see
    /// [`Matcher::new`]). Tables read in place are copied to the heap.
    pub fn extend(&mut self, records: &[(Record<'_>, Origin)]) -> Result<(), Error> {
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
        if entity_forms > 0 {
            self.phrases.reserve(entity_forms * 3 / 2);
            owned(&mut self.forms, entity_forms);
            owned(&mut self.bounds, entity_forms);
            self.texts_mut().reserve(entity_bytes + records.len() * 16);
        }
        if words > 0 {
            self.lexicon.reserve(words);
        }
        let mut keyer = Keyer::default();
        for &(record, origin) in records {
            record.validate().map_err(|problem| Error::InvalidEntry {
                name: record.name.to_string(),
                problem,
            })?;
            let Some(kind) = record.kind.entity() else {
                for form in record.surface_forms() {
                    keyer.key(form)?;
                    let word = self.lexicon.word_or_insert(&keyer.key, origin);
                    if origin > word.origin() {
                        *word = Word::new(origin);
                    }
                    if origin == word.origin() {
                        word.add(record.kind, record.rank);
                    }
                }
                continue;
            };
            let id =
                u32::try_from(self.entries.len()).map_err(|_| Error::TooLarge(Limit::Entries))?;
            let name = self.store(record.name)?;
            owned(&mut self.entries, 1).push(CompiledEntry::new(kind, name, record.rank));
            for form in record.surface_forms() {
                keyer.key(form)?;
                if !keyer.bounds.is_empty() {
                    self.add(&keyer, form, id, origin)?;
                }
            }
        }
        // A user's entity entry lifts a default stop word of the same key.
        if records.iter().any(|&(_, origin)| origin == Origin::User) {
            for (key, word) in self.lexicon.words_mut() {
                let shadowed = self
                    .phrases
                    .get(key)
                    .is_some_and(|node| node.forms != NONE && node.origin() == Origin::User);
                if word.origin() == Origin::Default && shadowed {
                    word.lift_stopword();
                }
            }
        }
        Ok(())
    }

    /// The text arena, copied to the heap first if it is read in place.
    fn texts_mut(&mut self) -> &mut String {
        if let Cow::Borrowed(texts) = self.texts {
            self.texts = Cow::Owned(texts.to_string());
        }
        self.texts.to_mut()
    }

    /// Copies a string into the text arena.
    fn store(&mut self, s: &str) -> Result<Span, Error> {
        let overflow = |_| Error::TooLarge(Limit::Text);
        let start = u32::try_from(self.texts.len()).map_err(overflow)?;
        let len = u32::try_from(s.len()).map_err(overflow)?;
        self.texts_mut().push_str(s);
        Ok(Span { start, len })
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
        } else if origin < node.origin()
            || (origin == Origin::User && self.note_clashes(node, form, id))
        {
            // A default under a user form, or a user form given twice.
            return Ok(());
        } else if origin == node.origin() {
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
        let next = if node.forms != NONE && origin == node.origin() {
            node.forms
        } else {
            NONE
        };
        let text = self.store(form)?;
        let bounds =
            u32::try_from(self.bounds.len()).map_err(|_| Error::TooLarge(Limit::Tokens))?;
        let (&first, others) = keyer
            .bounds
            .split_first()
            .expect("a form of a token or more");
        owned(&mut self.bounds, others.len()).extend_from_slice(others);
        let index = u32::try_from(self.forms.len()).map_err(|_| Error::TooLarge(Limit::Forms))?;
        owned(&mut self.forms, 1).push(Form {
            text,
            first,
            bounds,
            entry: id,
            next,
        });
        let lower_first = form.chars().next().is_some_and(char::is_lowercase);
        let node = self.phrases.value_mut(slot);
        node.forms = index;
        node.origin = origin as u8;
        let single = keyer.bounds.len() == 1;
        node.lower_first |= u8::from(lower_first && single);
        let first_word = hash_key(key.split(' ').next().unwrap_or(key));
        if !single && (node_was_new || lower_first) {
            self.mark_prefixes(key, first_word, lower_first);
        }
        if single {
            self.singles.insert_hashed(remix(first_word));
        }
        self.lexicon.add_first_word(first_word, lower_first);
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
            let notice = if node.origin() == Origin::Default {
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
        (entry.kind(), self.text(entry.name).to_string())
    }

    /// Marks every proper prefix of `key` as continued by a longer form
    /// (in the table and, by [`chain`] hashes from `first_word`, the hash
    /// of its first word, in `continues`), and its first word as starting
    /// a lower-case form if `lower_first`.
    fn mark_prefixes(&mut self, key: &str, first_word: u64, lower_first: bool) {
        for (n, (end, _)) in key.match_indices(' ').enumerate() {
            let node = self.phrases.get_or_insert_with(&key[..end], Node::default);
            node.longer = 1;
            node.lower_first |= u8::from(lower_first && n == 0);
        }
        let mut hash = first_word;
        for word in key.split(' ').skip(1) {
            hash = chain(hash, hash_key(word));
            self.continues.insert_hashed(hash);
        }
    }
}
