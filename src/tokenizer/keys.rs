//! The matching keys of tokens: their text in lower case, made plain,
//! with each key's hash.

use super::Token;
use crate::hash::{SHORT_KEY_BYTES, ShortKey, hash_bytes};

/// Appends the matching key of a token to `out`: its text in lower case,
/// with typographic apostrophes and dashes made plain, so that "IRAQ",
/// "Iraq" and "iraq" share a key and casing is checked separately.
pub fn push_key(token: &str, out: &mut String) {
    if token.is_ascii() {
        let start = out.len();
        out.push_str(token);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in token.chars() {
        match c {
            '’' | '‘' | 'ʼ' | '`' => out.push('\''),
            '–' | '—' | '‐' | '‑' => out.push('-'),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// The matching keys of a text's tokens (see [`push_key`]), laid out in one
/// string with a space before every key and after the last, so that a
/// phrase's keys can be searched as `" new york "`.
///
/// ```
/// # #[cfg(feature = "internals")] {
/// use gazetteer_ner::tokenizer::{tokenize, Keys};
///
/// let text = "New YORK’s";
/// let keys = Keys::new(text, &tokenize(text));
/// assert_eq!(keys.joined(), " new york 's ");
/// assert_eq!(keys.get(1), "york");
/// # }
/// ```
#[derive(Clone, Debug, Default)]
pub struct Keys {
    /// The keys as [`Keys::joined`] gives them, then a block of spaces.
    joined: String,
    /// Where the keys end in `joined`, before the block of spaces.
    end: usize,
    /// Where each token's key lies in `joined`, and its hash.
    spans: Vec<KeySpan>,
    /// The text in ASCII lower case, then a block of spaces; kept for its
    /// memory.
    lower: Vec<u8>,
}

/// One token's key in [`Keys`].
#[derive(Clone, Copy, Debug)]
struct KeySpan {
    start: usize,
    end: usize,
    /// The hash of the key, computed once for every table that looks it up.
    hash: u64,
}

impl Keys {
    /// The keys of `tokens`, which were taken from `text`.
    pub fn new(text: &str, tokens: &[Token]) -> Keys {
        let mut keys = Keys::default();
        keys.refill(text, tokens);
        keys
    }

    /// Replaces these keys with those of `tokens`, taken from `text`,
    /// reusing their memory: a caller keying many texts allocates once.
    ///
    /// ```
    /// # #[cfg(feature = "internals")] {
    /// use gazetteer_ner::tokenizer::{tokenize, Keys};
    ///
    /// let mut keys = Keys::new("A long first text", &tokenize("A long first text"));
    /// keys.refill("Iraq’s", &tokenize("Iraq’s"));
    /// assert_eq!(keys.joined(), " iraq 's ");
    /// # }
    /// ```
    pub fn refill(&mut self, text: &str, tokens: &[Token]) {
        // Lower-casing the whole text at once is cheaper than token by
        // token; the spaces after it let every token's key be read as a
        // whole block.
        let lower = &mut self.lower;
        lower.clear();
        lower.extend(text.bytes().map(|b| b.to_ascii_lowercase()));
        lower.resize(text.len() + SHORT_KEY_BYTES, b' ');
        let lower = &lower[..];
        // Room for every key no longer than its token, a space before each
        // and after the last, and a block copied whole past the last. Every
        // byte up to the space after the last key is written below: the
        // space first, then each key and the space after it, over what
        // the block before it left after its own end. So the memory is
        // grown, not cleared, and what the last text left in it is written
        // over rather than filled with spaces first.
        let mut joined = std::mem::take(&mut self.joined).into_bytes();
        let room = text.len() + tokens.len() + 1 + SHORT_KEY_BYTES;
        if joined.len() < room {
            joined.resize(room, b' ');
        }
        joined[0] = b' ';
        let mut at = 1;
        let mut other = String::new();
        // Extended from an iterator of known length: one reservation, not
        // a capacity check for every key.
        self.spans.clear();
        self.spans.extend(tokens.iter().map(|token| {
            let len = token.end() - token.start();
            // A range of fixed length from an offset that fits in 32 bits:
            // one bounds check, where `first_chunk` takes two.
            let block: &[u8; SHORT_KEY_BYTES] = lower
                [token.start()..token.start() + SHORT_KEY_BYTES]
                .try_into()
                .expect("a block");
            let short = if len <= SHORT_KEY_BYTES {
                // Read after the length is known to fit, so the mask's
                // index needs no clamp.
                Some(ShortKey::read(block, len)).filter(|key| key.is_ascii())
            } else {
                None
            };
            let (len, hash) = if let Some(key) = short {
                // Most keys: the block copied whole, which spares a branch
                // on every length; the space after the key cuts it back.
                // Taken with the byte after it as one array, whose one
                // bounds check covers the space too.
                let out: &mut [u8; SHORT_KEY_BYTES + 1] = joined[at..]
                    .first_chunk_mut()
                    .expect("room for a block and a space");
                out[..SHORT_KEY_BYTES].copy_from_slice(block);
                out[len] = b' ';
                (len, key.hash())
            } else {
                let (len, hash) = write_other_key(token.text(text), &mut joined, at, &mut other);
                joined[at + len] = b' ';
                (len, hash)
            };
            let span = KeySpan {
                start: at,
                end: at + len,
                hash,
            };
            at += len + 1;
            span
        }));
        // A block of spaces after the last key, so that every key can be
        // read as a block ([`Keys::short`]).
        let padded = at + SHORT_KEY_BYTES;
        joined.resize(padded.max(joined.len()), b' ');
        joined.truncate(padded);
        joined[at..].fill(b' ');
        self.end = at;
        self.joined = String::from_utf8(joined).expect("keys are made of whole characters");
    }

    /// The hash of token `i`'s key.
    pub(crate) fn hash(&self, i: usize) -> u64 {
        self.spans[i].hash
    }

    /// The hashes of the keys of tokens `first..end`: for a pass over
    /// many tokens, which the compiler sees are as many as the hashes and
    /// so checks no index.
    pub(crate) fn hashes(&self, first: usize, end: usize) -> Hashes<'_> {
        Hashes(&self.spans[first..end])
    }

    /// The key of token `i`.
    pub fn get(&self, i: usize) -> &str {
        let KeySpan { start, end, .. } = self.spans[i];
        &self.joined[start..end]
    }

    /// The bytes of token `i`'s key: [`Keys::get`] without the check that
    /// its ends fall on character boundaries, for the tables that compare
    /// keys as bytes.
    pub(crate) fn bytes(&self, i: usize) -> &[u8] {
        let KeySpan { start, end, .. } = self.spans[i];
        &self.joined.as_bytes()[start..end]
    }

    /// Token `i`'s key read as one block, which a table compares with the
    /// block of its own key in a few instructions; of its first
    /// [`SHORT_KEY_BYTES`] bytes when it is longer (see [`ShortKey::read`]).
    pub(crate) fn short(&self, i: usize) -> ShortKey {
        let KeySpan { start, end, .. } = self.spans[i];
        let block = self.joined.as_bytes()[start..]
            .first_chunk()
            .expect("a block of spaces after the last key");
        ShortKey::read(block, end - start)
    }

    /// The keys of tokens `first..end`, joined by single spaces.
    pub fn span(&self, first: usize, end: usize) -> &str {
        if first >= end {
            return "";
        }
        &self.joined[self.spans[first].start..self.spans[end - 1].end]
    }

    /// The bytes of the keys of tokens `first..end`, joined by single
    /// spaces: [`Keys::span`] without the checks that its ends fall on
    /// character boundaries, for the tables that look keys up as bytes.
    pub(crate) fn span_bytes(&self, first: usize, end: usize) -> &[u8] {
        if first >= end {
            return &[];
        }
        &self.joined.as_bytes()[self.spans[first].start..self.spans[end - 1].end]
    }

    /// Every key, each preceded by a space, with a space at the end.
    #[cfg(any(test, feature = "internals"))]
    pub fn joined(&self) -> &str {
        &self.joined[..self.end]
    }
}

/// The hashes of the keys of some tokens ([`Keys::hashes`]).
pub(crate) struct Hashes<'k>(&'k [KeySpan]);

impl Hashes<'_> {
    /// The hash of the key of the `j`th of the tokens.
    #[inline]
    pub(crate) fn get(&self, j: usize) -> u64 {
        self.0[j].hash
    }
}

/// Writes to `joined` at `at` the key of `token`, a token of more than
/// [`SHORT_KEY_BYTES`] bytes or not plain ASCII, using `other` for its
/// memory; returns the key's length and hash.
///
/// Out of line and cold: a few tokens in a thousand take this path, and
/// inlined into [`Keys::refill`] its values kept the loop's own in memory
/// rather than registers, for every token.
#[cold]
#[inline(never)]
fn write_other_key(
    token: &str,
    joined: &mut Vec<u8>,
    at: usize,
    other: &mut String,
) -> (usize, u64) {
    other.clear();
    push_key(token, other);
    // A few characters have a longer lower case.
    let longer = other.len().saturating_sub(token.len());
    joined.resize(joined.len() + longer, b' ');
    joined[at..at + other.len()].copy_from_slice(other.as_bytes());
    (other.len(), hash_bytes(other.as_bytes()))
}
