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

use super::{Entry, EntryKind, Lexeme, Lexicon, Origin};
use crate::candidate::{Candidate, Evidence};
use crate::hash::WordMap;
use crate::tokenizer::{Keys, Shape, Token, TokenKind, push_key, tokenize_into};
use crate::{EntityKind, Error};

/// An entity entry after compilation.
#[derive(Clone, Debug)]
pub(crate) struct CompiledEntry {
    pub kind: EntityKind,
    pub name: Box<str>,
    pub rank: u8,
}

/// One spelling of a phrase: the form as written, where its tokens are,
/// and the entries it names.
#[derive(Clone, Debug)]
struct Form {
    text: Box<str>,
    bounds: Box<[(u32, u32)]>,
    entries: Vec<u32>,
}

impl Form {
    /// The tokens of the form as written.
    fn tokens(&self) -> impl Iterator<Item = &str> {
        self.bounds
            .iter()
            .map(|&(s, e)| &self.text[s as usize..e as usize])
    }
}

/// What the table holds for a phrase key.
#[derive(Clone, Copy, Debug, Default)]
struct Node {
    /// The spellings of this phrase, an index into `Matcher::spellings`.
    spellings: Option<u32>,
    /// Whether a longer form starts with this phrase.
    longer: bool,
    /// Whether some form starting with this phrase is written with a
    /// lower-case first letter ("al-Sadr"); if none is, a lower-case word in
    /// the text cannot start a match.
    lower_first: bool,
}

/// The gazetteer matcher.
#[derive(Clone, Debug, Default)]
pub(crate) struct Matcher {
    phrases: WordMap<Box<str>, Node>,
    spellings: Vec<Vec<Form>>,
    entries: Vec<CompiledEntry>,
    lexicon: Lexicon,
}

/// Turns forms into keys and token bounds, reusing its buffers.
#[derive(Default)]
struct Keyer {
    tokens: Vec<Token>,
    key: String,
    bounds: Vec<(u32, u32)>,
}

impl Keyer {
    /// Computes the key and token bounds of `form`, as [`Keys`] would for
    /// the same text.
    fn key(&mut self, form: &str) {
        self.key.clear();
        self.bounds.clear();
        let simple =
            form.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' ') && !form.contains("  ");
        if simple {
            // Words of ASCII letters and digits split at single spaces.
            let mut start = 0;
            for word in form.split(' ') {
                self.bounds
                    .push((start as u32, (start + word.len()) as u32));
                start += word.len() + 1;
            }
            self.key
                .extend(form.bytes().map(|b| b.to_ascii_lowercase() as char));
            return;
        }
        tokenize_into(form, &mut self.tokens);
        for (i, token) in self.tokens.iter().enumerate() {
            if i > 0 {
                self.key.push(' ');
            }
            push_key(token.text(form), &mut self.key);
            self.bounds.push((token.start as u32, token.end as u32));
        }
    }
}

impl Matcher {
    /// Compiles entries; among entries that share a key, user entries shadow
    /// default ones.
    pub fn new(entries: Vec<(Entry, Origin)>) -> Result<Matcher, Error> {
        let mut matcher = Matcher::default();
        matcher.phrases.reserve(entries.len() * 3);
        let mut origins: Vec<Origin> = Vec::new();
        let mut lexicon: WordMap<Box<str>, (Origin, Lexeme)> = WordMap::default();
        let mut keyer = Keyer::default();
        for (entry, origin) in entries {
            entry.validate().map_err(|message| Error::InvalidEntry {
                name: entry.name.clone(),
                message,
            })?;
            let Some(kind) = entry.kind.entity() else {
                for form in entry.surface_forms() {
                    keyer.key(form);
                    let slot = match lexicon.get_mut(keyer.key.as_str()) {
                        Some(slot) => slot,
                        None => lexicon
                            .entry(keyer.key.as_str().into())
                            .or_insert((origin, Lexeme::default())),
                    };
                    if origin > slot.0 {
                        *slot = (origin, Lexeme::default());
                    }
                    if origin == slot.0 {
                        match entry.kind {
                            EntryKind::GivenName => slot.1.given_name = true,
                            EntryKind::Surname => slot.1.surname = true,
                            _ => slot.1.stopword = true,
                        }
                    }
                }
                continue;
            };
            let id = u32::try_from(matcher.entries.len())
                .map_err(|_| Error::Matcher("more than 2^32 entries".to_string()))?;
            for form in entry.surface_forms() {
                keyer.key(form);
                if !keyer.bounds.is_empty() {
                    matcher.add(&keyer, form, id, origin, &mut origins)?;
                }
            }
            matcher.entries.push(CompiledEntry {
                kind,
                name: entry.name.into_boxed_str(),
                rank: entry.rank,
            });
        }
        // A user's entity entry lifts a default stop word of the same key.
        for (key, (origin, lexeme)) in lexicon.iter_mut() {
            let shadowed = matcher
                .phrases
                .get(key)
                .and_then(|node| node.spellings)
                .is_some_and(|i| origins[i as usize] == Origin::User);
            if *origin == Origin::Default && shadowed {
                lexeme.stopword = false;
            }
        }
        matcher.lexicon = Lexicon::new(
            lexicon
                .into_iter()
                .map(|(key, (_, lexeme))| (key, lexeme))
                .collect(),
        );
        Ok(matcher)
    }

    /// Adds one spelling of an entry under the phrase key the keyer holds,
    /// and the key's prefixes.
    fn add(
        &mut self,
        keyer: &Keyer,
        form: &str,
        id: u32,
        origin: Origin,
        origins: &mut Vec<Origin>,
    ) -> Result<(), Error> {
        let key = keyer.key.as_str();
        let index = match self.phrases.get(key).and_then(|n| n.spellings) {
            Some(index) => index,
            None => {
                let index = u32::try_from(self.spellings.len())
                    .map_err(|_| Error::Matcher("more than 2^32 surface forms".to_string()))?;
                self.spellings.push(Vec::new());
                origins.push(origin);
                self.insert_prefixes(key, index);
                index
            }
        };
        let i = index as usize;
        if origin < origins[i] {
            return Ok(());
        }
        if origin > origins[i] {
            self.spellings[i].clear();
            origins[i] = origin;
        }
        let forms = &mut self.spellings[i];
        match forms.iter_mut().find(|f| &*f.text == form) {
            Some(existing) => {
                if !existing.entries.contains(&id) {
                    existing.entries.push(id);
                }
            }
            None => forms.push(Form {
                text: form.into(),
                bounds: keyer.bounds.as_slice().into(),
                entries: vec![id],
            }),
        }
        if form.chars().next().is_some_and(char::is_lowercase) {
            let first = key.split(' ').next().unwrap_or(key);
            if let Some(node) = self.phrases.get_mut(first) {
                node.lower_first = true;
            }
        }
        Ok(())
    }

    /// Makes a node for `key` pointing at `index`, and marks every shorter
    /// prefix of it as continued.
    fn insert_prefixes(&mut self, key: &str, index: u32) {
        let prefix_ends = key
            .match_indices(' ')
            .map(|(i, _)| i)
            .chain(std::iter::once(key.len()));
        for end in prefix_ends {
            let prefix = &key[..end];
            let node = match self.phrases.get_mut(prefix) {
                Some(node) => node,
                None => self.phrases.entry(prefix.into()).or_default(),
            };
            if end == key.len() {
                node.spellings = Some(index);
            } else {
                node.longer = true;
            }
        }
    }

    /// The number of entity entries.
    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }

    /// The number of distinct surface-form keys.
    pub fn pattern_count(&self) -> usize {
        self.spellings.len()
    }

    /// An entry by id.
    pub fn entry(&self, id: u32) -> &CompiledEntry {
        &self.entries[id as usize]
    }

    /// The word lists.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Heap bytes held, roughly.
    pub fn memory_usage(&self) -> usize {
        let phrases: usize = self
            .phrases
            .keys()
            .map(|k| k.len() + std::mem::size_of::<(Box<str>, Node)>() + 8)
            .sum();
        let forms: usize = self
            .spellings
            .iter()
            .flatten()
            .map(|f| {
                std::mem::size_of::<Form>()
                    + f.text.len()
                    + f.bounds.len() * 8
                    + f.entries.capacity() * 4
            })
            .sum();
        let entries: usize = self
            .entries
            .iter()
            .map(|e| std::mem::size_of::<CompiledEntry>() + e.name.len())
            .sum();
        phrases + forms + entries + self.lexicon.memory_usage()
    }

    /// Appends a candidate for every entry whose form matches the tokens.
    pub fn find(&self, text: &str, tokens: &[Token], keys: &Keys, out: &mut Vec<Candidate>) {
        if self.phrases.is_empty() {
            return;
        }
        let caps_lines = caps_lines(tokens);
        for first in 0..tokens.len() {
            let token = &tokens[first];
            if token.kind == TokenKind::Punct {
                continue;
            }
            let Some(node) = self.phrases.get(keys.get(first)) else {
                continue;
            };
            if token.shape == Shape::Lower && !node.lower_first {
                continue;
            }
            let mut node = *node;
            let mut end = first + 1;
            loop {
                if let Some(index) = node.spellings {
                    let range = first..end;
                    for form in &self.spellings[index as usize] {
                        if case_agrees(
                            text,
                            &tokens[range.clone()],
                            &caps_lines[range.clone()],
                            form,
                        ) {
                            for &id in form.entries.iter() {
                                let entry = &self.entries[id as usize];
                                out.push(Candidate {
                                    start: first,
                                    end,
                                    kind: entry.kind,
                                    entry: Some(id),
                                    evidence: Evidence::Gazetteer,
                                    rank: entry.rank,
                                });
                            }
                        }
                    }
                }
                if !node.longer || end >= tokens.len() || tokens[end].line_start {
                    break;
                }
                end += 1;
                match self.phrases.get(keys.span(first, end)) {
                    Some(next) => node = *next,
                    None => break,
                }
            }
        }
    }
}

/// For each token, whether its line has capital letters but no lower-case
/// word (a headline or dateline written in capitals).
fn caps_lines(tokens: &[Token]) -> Vec<bool> {
    let mut flags = vec![false; tokens.len()];
    let mut line = 0;
    while line < tokens.len() {
        let mut end = line + 1;
        while end < tokens.len() && !tokens[end].line_start {
            end += 1;
        }
        let words = || {
            tokens[line..end]
                .iter()
                .filter(|t| t.kind == TokenKind::Word)
        };
        let caps = words().any(|t| t.shape == Shape::Upper && t.end - t.start > 1)
            && words().all(|t| matches!(t.shape, Shape::Upper));
        if caps {
            flags[line..end].fill(true);
        }
        line = end;
    }
    flags
}

/// Whether the text tokens spell the form acceptably (see the module docs).
fn case_agrees(text: &str, tokens: &[Token], caps: &[bool], form: &Form) -> bool {
    tokens
        .iter()
        .zip(caps)
        .zip(form.tokens())
        .all(|((token, &caps_line), written)| {
            let seen = token.text(text);
            if token.kind != TokenKind::Word || seen == written {
                return true;
            }
            if caps_line {
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
    use crate::tokenizer::tokenize;

    fn matcher(entries: &[(Entry, Origin)]) -> Matcher {
        Matcher::new(entries.to_vec()).unwrap()
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
        let may = m.lexicon().get("MAY");
        assert!(may.stopword && may.surname && !may.given_name);
        assert!(m.lexicon().get("Abdul").given_name);
        assert_eq!(m.entry_count(), 0);
    }
}
