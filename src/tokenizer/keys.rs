//! The matching keys of tokens: their text in lower case, made plain,
//! with each key's hash.

use std::borrow::Cow;

use super::Token;
use super::bytes::HIGH;
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

/// The matching keys of a text's tokens (see [`push_key`]), each read as
/// one string, and those of a run of tokens joined by single spaces, so
/// that a phrase's keys can be looked up as `"new york"`.
///
/// Most keys are not written at all: the key of a token of plain ASCII is
/// its text in lower case, which lies in place in the lower-cased copy of
/// the whole text, and so do the keys of a run of such tokens, joined by
/// the single spaces between them, where the text writes its words so.
/// Only the keys of the few other tokens are written, after that copy.
///
/// ```
/// # #[cfg(feature = "internals")] {
/// use gazetteer_ner::tokenizer::{tokenize, Keys};
///
/// let text = "New YORK’s";
/// let keys = Keys::new(text, &tokenize(text));
/// assert_eq!(keys.joined(), " new york 's ");
/// assert_eq!(keys.get(1), "york");
/// assert_eq!(keys.span(0, 2), "new york");
/// # }
/// ```
#[derive(Clone, Debug, Default)]
pub struct Keys {
    /// The text in ASCII lower case and a block of spaces, then the keys
    /// that do not lie in it, each followed by a space, and a block of
    /// spaces, so that every key can be read as a whole block
    /// ([`Keys::short`]).
    lowered: String,
    /// Where each token's key lies in `lowered`, and its hash.
    spans: Vec<KeySpan>,
    /// The keys written after the text while they are made, moved to the
    /// end of `lowered` after; kept for its memory.
    written: String,
}

/// One token's key in [`Keys`]: sixteen bytes, its offsets kept in 32
/// bits as a token's are, for the passes over every token's hash.
#[derive(Clone, Copy, Debug)]
struct KeySpan {
    /// Where the key starts in `Keys::lowered`.
    start: u32,
    /// Where it ends.
    end: u32,
    /// The hash of the key, computed once for every table that looks it up.
    hash: u64,
}

impl KeySpan {
    /// Where the key starts and ends in `Keys::lowered`.
    fn range(self) -> (usize, usize) {
        (self.start as usize, self.end as usize)
    }
}

/// The spaces after the lower-cased text and after the written keys.
const BLOCK_OF_SPACES: &str = match std::str::from_utf8(&[b' '; SHORT_KEY_BYTES]) {
    Ok(spaces) => spaces,
    Err(_) => panic!("spaces are text"),
};

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
        let lowered = &mut self.lowered;
        lowered.clear();
        lowered.push_str(text);
        lowered.make_ascii_lowercase();
        lowered.push_str(BLOCK_OF_SPACES);
        let bytes = lowered.as_bytes();
        // The keys written out go after the text and its block of spaces.
        let base = bytes.len();
        let written = &mut self.written;
        written.clear();
        // The tokens between the text's bytes that are not ASCII are plain
        // ASCII, and their keys need no test for it: in most news texts,
        // all of them or nearly. Each such byte is found 64 bytes at a
        // time, and the tokens before it by a binary search; only the
        // token that holds it, or the first after it, is tested.
        self.spans.clear();
        let mut rest = tokens;
        let mut from = 0;
        while !rest.is_empty() {
            let ascii = from + ascii_prefix(&text.as_bytes()[from..]);
            let (plain, after) =
                rest.split_at(rest.partition_point(|token| token.end as usize <= ascii));
            // Extended from an iterator of known length: one reservation,
            // not a capacity check for every key.
            self.spans.extend(
                plain
                    .iter()
                    .map(|token| key_span::<false>(text, bytes, token, written, base)),
            );
            let Some((token, after)) = after.split_first() else {
                break;
            };
            self.spans
                .push(key_span::<true>(text, bytes, token, written, base));
            from = token.end as usize;
            rest = after;
        }
        lowered.push_str(written);
        lowered.push_str(BLOCK_OF_SPACES);
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
        let (start, end) = self.spans[i].range();
        &self.lowered[start..end]
    }

    /// The bytes of token `i`'s key: [`Keys::get`] without the check that
    /// its ends fall on character boundaries, for the tables that compare
    /// keys as bytes.
    pub(crate) fn bytes(&self, i: usize) -> &[u8] {
        let (start, end) = self.spans[i].range();
        &self.lowered.as_bytes()[start..end]
    }

    /// Token `i`'s key read as one block, which a table compares with the
    /// block of its own key in a few instructions; of its first
    /// [`SHORT_KEY_BYTES`] bytes when it is longer (see [`ShortKey::read`]).
    pub(crate) fn short(&self, i: usize) -> ShortKey {
        let (start, end) = self.spans[i].range();
        let block = self.lowered.as_bytes()[start..]
            .first_chunk()
            .expect("a block of spaces after the last key");
        ShortKey::read(block, end - start)
    }

    /// The keys of tokens `first..end`, joined by single spaces: where
    /// they lie so (see [`Keys`]), borrowed; otherwise written out.
    pub fn span(&self, first: usize, end: usize) -> Cow<'_, str> {
        // Most spans asked for are of one word, which lies in one piece.
        if end == first + 1 {
            return Cow::Borrowed(self.get(first));
        }
        match self.in_place(first, end) {
            Some((from, to)) => Cow::Borrowed(&self.lowered[from..to]),
            None => Cow::Owned(self.written_out(first, end)),
        }
    }

    /// The key of the one token `first`, as a run that a caller looking
    /// a phrase up word by word grows a token at a time
    /// ([`KeyRun::grow`]); `written` is a buffer it lends for the keys of
    /// a run that do not lie in place, cleared first.
    pub(crate) fn run<'w>(&self, first: usize, written: &'w mut Vec<u8>) -> KeyRun<'w> {
        let (start, end) = self.spans[first].range();
        written.clear();
        KeyRun {
            end: first + 1,
            in_place: Some((start, end)),
            written,
        }
    }

    /// Where the keys of tokens `first..end` lie in `lowered` joined by
    /// single spaces, if they do: each key but the last followed by one
    /// space, then the next. (Nothing, the empty span, lies anywhere.)
    fn in_place(&self, first: usize, end: usize) -> Option<(usize, usize)> {
        let [head, rest @ ..] = self.spans.get(first..end)? else {
            return Some((0, 0));
        };
        let bytes = self.lowered.as_bytes();
        let mut last = head;
        for span in rest {
            let end = last.end as usize;
            if span.start as usize != end + 1 || bytes[end] != b' ' {
                return None;
            }
            last = span;
        }
        Some((head.start as usize, last.end as usize))
    }

    /// The keys of tokens `first..end` written out, joined by single
    /// spaces.
    #[cold]
    fn written_out(&self, first: usize, end: usize) -> String {
        let mut joined = String::new();
        for i in first..end {
            if i > first {
                joined.push(' ');
            }
            joined.push_str(self.get(i));
        }
        joined
    }

    /// Every key, each preceded by a space, with a space at the end.
    #[cfg(any(test, feature = "internals"))]
    pub fn joined(&self) -> String {
        let mut joined = String::from(" ");
        for i in 0..self.spans.len() {
            joined.push_str(self.get(i));
            joined.push(' ');
        }
        joined
    }
}

/// The keys of a run of tokens, joined by single spaces ([`Keys::run`]):
/// where they lie so in place, known from where the run's keys lay before
/// it grew, so that only the newest key is checked as a phrase grows;
/// otherwise written out, the newest key added to those written before.
pub(crate) struct KeyRun<'w> {
    /// One past the run's last token.
    end: usize,
    /// Where its keys lie in [`Keys`] joined by single spaces, if they do
    /// (see `Keys::in_place`): once they do not, no longer run does.
    in_place: Option<(usize, usize)>,
    /// Its keys joined by single spaces, once they no longer lie in place.
    written: &'w mut Vec<u8>,
}

impl KeyRun<'_> {
    /// Takes the next token into the run.
    pub(crate) fn grow(&mut self, keys: &Keys) {
        let (start, end) = keys.spans[self.end].range();
        self.end += 1;
        match self.in_place {
            Some((from, to)) if start == to + 1 && keys.lowered.as_bytes()[to] == b' ' => {
                self.in_place = Some((from, end));
            }
            _ => self.write(keys, (start, end)),
        }
    }

    /// Adds the key at `start..end` to the keys written out, after those that
    /// lay in place until now, if they did.
    #[cold]
    fn write(&mut self, keys: &Keys, (start, end): (usize, usize)) {
        let lowered = keys.lowered.as_bytes();
        if let Some((from, to)) = self.in_place.take() {
            self.written.extend_from_slice(&lowered[from..to]);
        }
        self.written.push(b' ');
        self.written.extend_from_slice(&lowered[start..end]);
    }

    /// The bytes of the run's keys, joined by single spaces.
    pub(crate) fn bytes<'r>(&'r self, keys: &'r Keys) -> &'r [u8] {
        match self.in_place {
            Some((from, to)) => &keys.lowered.as_bytes()[from..to],
            None => self.written,
        }
    }
}

/// The key span of `token`, whose text `lowered` holds in ASCII lower
/// case followed by a block of spaces, and which, unless `MAY_BE_OTHER`,
/// is known to be plain ASCII; a key that does not lie in place is
/// appended to `written`, which will follow `lowered` from `base`.
#[inline(always)]
fn key_span<const MAY_BE_OTHER: bool>(
    text: &str,
    lowered: &[u8],
    token: &Token,
    written: &mut String,
    base: usize,
) -> KeySpan {
    let (start, end) = (token.start, token.end);
    // A range of fixed length from an offset that fits in 32 bits: one
    // bounds check, where `first_chunk` takes two.
    let from = start as usize;
    let block: &[u8; SHORT_KEY_BYTES] = lowered[from..from + SHORT_KEY_BYTES]
        .try_into()
        .expect("a block");
    let len = (end - start) as usize;
    let in_place = if len <= SHORT_KEY_BYTES {
        // Read after the length is known to fit, so the mask's index
        // needs no clamp.
        Some(ShortKey::read(block, len)).filter(|key| !MAY_BE_OTHER || key.is_ascii())
    } else {
        None
    };
    // Most keys lie in place, nothing written. The span is made from the
    // values of either path, not returned by both: the cold path's span,
    // returned through memory, made the common one go through memory too.
    let (start, end, hash) = match in_place {
        Some(key) => (start, end, key.hash()),
        None if MAY_BE_OTHER => other_key_span(text, lowered, (start, end), written, base),
        // A long token of plain ASCII: in place too, its hash made out of
        // line, so that the loop over plain tokens keeps nothing for the
        // keys written out.
        None => (start, end, long_key_hash(&lowered[from..end as usize])),
    };
    KeySpan { start, end, hash }
}

/// [`hash_bytes`] of a key longer than [`SHORT_KEY_BYTES`] bytes, out of
/// line: a few tokens in a thousand have one.
#[cold]
#[inline(never)]
fn long_key_hash(key: &[u8]) -> u64 {
    hash_bytes(key)
}

/// How many bytes `bytes` starts with that are ASCII: read 64 at a time,
/// then eight, then one.
fn ascii_prefix(bytes: &[u8]) -> usize {
    let (blocks, _) = bytes.as_chunks::<64>();
    let ascii_blocks = blocks
        .iter()
        .take_while(|block| {
            let (words, _) = block.as_chunks::<8>();
            words
                .iter()
                .fold(0, |high, word| high | u64::from_le_bytes(*word))
                & HIGH
                == 0
        })
        .count();
    let mut at = ascii_blocks * 64;
    let (words, _) = bytes[at..].as_chunks::<8>();
    for word in words {
        let high = u64::from_le_bytes(*word) & HIGH;
        if high != 0 {
            return at + high.trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    at + bytes[at..]
        .iter()
        .take_while(|byte| byte.is_ascii())
        .count()
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

/// Where the key of the token `start..end` lies (its start and end) and
/// its hash, for a token of more than [`SHORT_KEY_BYTES`] bytes or not
/// plain ASCII, whose text in ASCII lower case `lowered` holds: in place
/// when the token is plain ASCII; otherwise appended to `written`, which
/// will follow `lowered` from `base`.
///
/// Out of line and cold: a few tokens in a thousand take this path, and
/// inlined into [`Keys::refill`] its values kept the loop's own in memory
/// rather than registers, for every token.
#[cold]
#[inline(never)]
fn other_key_span(
    text: &str,
    lowered: &[u8],
    (start, end): (u32, u32),
    written: &mut String,
    base: usize,
) -> (u32, u32, u64) {
    let in_place = &lowered[start as usize..end as usize];
    if in_place.is_ascii() {
        return (start, end, hash_bytes(in_place));
    }
    let from = written.len();
    push_key(&text[start as usize..end as usize], written);
    let to = written.len();
    let hash = hash_bytes(&written.as_bytes()[from..]);
    written.push(' ');
    (offset(base + from), offset(base + to), hash)
}

/// An offset in [`Keys::lowered`](Keys) in 32 bits. The keys of a text
/// of at most [`MAX_TEXT_LEN`](super::MAX_TEXT_LEN) bytes always fit: a key written out is of
/// a token with a character of two bytes or more, which lower-cased
/// takes at most half as many bytes again, and the space after the key
/// at most half as many as the token, so the keys written out take at
/// most twice the text, and the whole at most three times it and two
/// blocks of spaces.
fn offset(at: usize) -> u32 {
    u32::try_from(at).expect("the keys of a text of at most MAX_TEXT_LEN bytes")
}

#[cfg(test)]
mod tests {
    use super::{Keys, SHORT_KEY_BYTES, ascii_prefix};
    use crate::tokenizer::tokenize;

    #[test]
    fn the_ascii_prefix_ends_at_the_first_byte_not_ascii() {
        let ascii = "The harbour board of Eastmere met the river council of Tarnwick ".repeat(4);
        assert_eq!(ascii_prefix(ascii.as_bytes()), ascii.len());
        for at in (0..ascii.len()).step_by(7) {
            let mut text = ascii.clone();
            text.insert(at, 'é');
            assert_eq!(ascii_prefix(text.as_bytes()), at, "at {at}");
        }
    }

    #[test]
    fn keys_take_at_most_three_times_the_text() {
        // Tokens of two-byte characters that lower-case to three bytes
        // ("Ⱥ", "İ"), each key written out with a space after it: the
        // most the keys can take for the text's bytes (see `offset`).
        for text in ["Ⱥ", "Ⱥ,Ⱥ,Ⱥ", "ȺȺȺ", "İ.İ.İ", "é é", "ȺxȺ-Ⱥ"] {
            let keys = Keys::new(text, &tokenize(text));
            let most = 3 * text.len() + 2 * SHORT_KEY_BYTES;
            assert!(keys.lowered.len() <= most, "{text:?}");
        }
    }
}
