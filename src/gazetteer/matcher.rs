//! The compiled form of a gazetteer: an Aho-Corasick automaton over token
//! keys, the entries behind each form, and the word lists the rules consult.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::{Entry, EntryKind, Origin};
use crate::candidate::{Candidate, Evidence};
use crate::hash::WordMap;
use crate::tokenizer::{Keys, Shape, Token, TokenKind, push_key, tokenize};
use crate::{EntityKind, Error};

/// Separates token keys in patterns and haystacks. A form matches only
/// where the text has a token boundary on both sides.
const SEP: char = ' ';

/// An entity entry after compilation.
#[derive(Clone, Debug)]
pub(crate) struct CompiledEntry {
    pub kind: EntityKind,
    pub name: Box<str>,
    pub rank: u8,
}

/// One spelling of a key: its tokens as written and the entries it names.
#[derive(Clone, Debug)]
struct Form {
    tokens: Box<[Box<str>]>,
    entries: Box<[u32]>,
}

/// Word-list facts about a single token key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Lexeme {
    pub given_name: bool,
    pub surname: bool,
    pub stopword: bool,
}

/// Given names, surnames and stop words, by lower-cased key.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    words: WordMap<Box<str>, Lexeme>,
}

impl Lexicon {
    /// The facts about a word, looked up by its key.
    pub fn get(&self, word: &str) -> Lexeme {
        let mut key = String::with_capacity(word.len());
        push_key(word, &mut key);
        self.words.get(key.as_str()).copied().unwrap_or_default()
    }

    /// The facts about every token: looked up for words that start with a
    /// capital letter, the only ones the rules ask about.
    pub fn annotate(&self, tokens: &[Token], keys: &Keys) -> Vec<Lexeme> {
        tokens
            .iter()
            .enumerate()
            .map(|(i, token)| {
                if !token.is_capitalised_word() || self.words.is_empty() {
                    return Lexeme::default();
                }
                self.words.get(keys.get(i)).copied().unwrap_or_default()
            })
            .collect()
    }
}

/// The gazetteer matcher.
#[derive(Clone, Debug)]
pub(crate) struct Matcher {
    automaton: Option<AhoCorasick>,
    /// For each automaton pattern, the spellings that share its key.
    patterns: Vec<Vec<Form>>,
    entries: Vec<CompiledEntry>,
    lexicon: Lexicon,
}

/// A form's tokens as written, and the entry it names.
type Spelling = (Vec<Box<str>>, u32);

/// The key of a token sequence: token keys joined by [`SEP`].
fn key_of(form: &str) -> (String, Vec<Box<str>>) {
    let tokens = tokenize(form);
    let mut key = String::with_capacity(form.len() + 2);
    let mut written = Vec::with_capacity(tokens.len());
    for token in &tokens {
        key.push(SEP);
        push_key(token.text(form), &mut key);
        written.push(token.text(form).into());
    }
    key.push(SEP);
    (key, written)
}

impl Matcher {
    /// Compiles entries; among entries that share a key, user entries shadow
    /// default ones.
    pub fn new(entries: &[(Entry, Origin)]) -> Result<Matcher, Error> {
        // key -> (best origin seen, spellings)
        let mut by_key: HashMap<String, (Origin, Vec<Spelling>)> = HashMap::new();
        let mut compiled = Vec::new();
        let mut lexicon: HashMap<String, (Origin, Lexeme)> = HashMap::new();
        for (entry, origin) in entries {
            entry.validate().map_err(|message| Error::InvalidEntry {
                name: entry.name.clone(),
                message,
            })?;
            let Some(kind) = entry.kind.entity() else {
                for form in entry.surface_forms() {
                    let (key, _) = key_of(form);
                    let slot = lexicon
                        .entry(key.trim_matches(SEP).to_string())
                        .or_insert((*origin, Lexeme::default()));
                    if *origin > slot.0 {
                        *slot = (*origin, Lexeme::default());
                    }
                    if *origin == slot.0 {
                        match entry.kind {
                            EntryKind::GivenName => slot.1.given_name = true,
                            EntryKind::Surname => slot.1.surname = true,
                            _ => slot.1.stopword = true,
                        }
                    }
                }
                continue;
            };
            let id = u32::try_from(compiled.len())
                .map_err(|_| Error::Matcher("more than 2^32 entries".to_string()))?;
            compiled.push(CompiledEntry {
                kind,
                name: entry.name.as_str().into(),
                rank: entry.rank,
            });
            for form in entry.surface_forms() {
                let (key, tokens) = key_of(form);
                if tokens.is_empty() {
                    continue;
                }
                let slot = by_key.entry(key).or_insert((*origin, Vec::new()));
                if *origin > slot.0 {
                    *slot = (*origin, Vec::new());
                }
                if *origin == slot.0 && !slot.1.iter().any(|(t, e)| *e == id && *t == tokens) {
                    slot.1.push((tokens, id));
                }
            }
        }
        // A user's entity entry lifts a default stop word of the same key.
        for (key, (origin, _)) in &by_key {
            let bare = key.trim_matches(SEP);
            if let Some(slot) = lexicon.get_mut(bare)
                && *origin == Origin::User
                && slot.0 == Origin::Default
            {
                slot.1.stopword = false;
            }
        }
        let mut keys: Vec<(String, Vec<Spelling>)> = by_key
            .into_iter()
            .map(|(k, (_, forms))| (k, forms))
            .collect();
        keys.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut patterns = Vec::with_capacity(keys.len());
        let mut keys_only = Vec::with_capacity(keys.len());
        for (key, spellings) in keys {
            let mut forms: Vec<Form> = Vec::new();
            for (tokens, id) in spellings {
                match forms.iter_mut().find(|f| *f.tokens == *tokens) {
                    Some(form) => {
                        let mut ids = form.entries.to_vec();
                        ids.push(id);
                        form.entries = ids.into();
                    }
                    None => forms.push(Form {
                        tokens: tokens.into(),
                        entries: vec![id].into(),
                    }),
                }
            }
            patterns.push(forms);
            keys_only.push(key);
        }
        let automaton = if keys_only.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(&keys_only)
                    .map_err(|e| Error::Matcher(e.to_string()))?,
            )
        };
        Ok(Matcher {
            automaton,
            patterns,
            entries: compiled,
            lexicon: Lexicon {
                words: lexicon
                    .into_iter()
                    .map(|(k, (_, lexeme))| (k.into_boxed_str(), lexeme))
                    .collect(),
            },
        })
    }

    /// The number of entity entries.
    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }

    /// The number of distinct surface-form keys in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
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
        let automaton = self.automaton.as_ref().map_or(0, AhoCorasick::memory_usage);
        let forms: usize = self
            .patterns
            .iter()
            .flatten()
            .map(|f| {
                std::mem::size_of::<Form>()
                    + f.tokens.iter().map(|t| t.len() + 16).sum::<usize>()
                    + f.entries.len() * 4
            })
            .sum();
        let entries: usize = self
            .entries
            .iter()
            .map(|e| std::mem::size_of::<CompiledEntry>() + e.name.len())
            .sum();
        let lexicon: usize = self.lexicon.words.keys().map(|k| k.len() + 24).sum();
        automaton + forms + entries + lexicon
    }

    /// Appends a candidate for every entry whose form matches the tokens.
    pub fn find(&self, text: &str, tokens: &[Token], keys: &Keys, out: &mut Vec<Candidate>) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        let caps_lines = caps_lines(tokens);
        for m in automaton.find_overlapping_iter(keys.joined()) {
            let (first, end) = keys.tokens_in(m.start(), m.end());
            if first >= end {
                continue;
            }
            for form in &self.patterns[m.pattern().as_usize()] {
                if !case_agrees(text, &tokens[first..end], &caps_lines[first..end], form) {
                    continue;
                }
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
        .zip(form.tokens.iter())
        .all(|((token, &caps_line), written)| {
            let seen = token.text(text);
            if token.kind != TokenKind::Word || seen == &**written {
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

    fn matcher(entries: &[(Entry, Origin)]) -> Matcher {
        Matcher::new(entries).unwrap()
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
