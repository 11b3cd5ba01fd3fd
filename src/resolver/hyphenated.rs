//! Hyphenated given names: "Lee Cheuk-yan", "Wong Kwok-kin". Chinese and
//! Korean given names of two syllables are written with a hyphen and the
//! second syllable in lower case, which no name run takes: the person's
//! mention ends at the first syllable. A chosen person of two words or
//! more goes on over the hyphen and a short lower-case word joined to it
//! without a space, unless that word makes a compound of the name
//! ([`HYPHEN_COMBINERS`]: "Andy Warhol-like", or a word in "-ed":
//! "Bill Clinton-backed").

use crate::EntityKind;
use crate::candidate::Candidate;
use crate::document::Document;
use crate::tokenizer::{Shape, TokenKind};
use crate::wordlists::HYPHEN_COMBINERS;

/// Whether hyphenated given names are read whole. Off, for the ablation,
/// a person's mention ends before the hyphen.
const WIDEN_HYPHENATED: bool = true;

/// The longest second syllable taken, in bytes ("hoon", "chung").
const LONGEST_SYLLABLE: usize = 5;

/// The longest first syllable before the hyphen, in bytes ("Cheuk").
const LONGEST_FIRST: usize = 6;

/// Widens the chosen persons whose last word is the first syllable of a
/// hyphenated given name over the second. `chosen` is in text order,
/// without overlaps, and stays so: the tokens taken are lower case and a
/// hyphen, which no candidate starts with.
pub(crate) fn widen(cx: &Document<'_>, chosen: &mut [Candidate]) {
    if !WIDEN_HYPHENATED {
        return;
    }
    let tokens = cx.tokens;
    for k in 0..chosen.len() {
        let c = chosen[k];
        if c.kind != EntityKind::Person || c.len() < 2 || c.end + 1 >= tokens.len() {
            continue;
        }
        let (first, hyphen, second) = (&tokens[c.end - 1], &tokens[c.end], &tokens[c.end + 1]);
        // The tokens' facts first: most persons have no word joined after
        // them, which is known before any text is read.
        if hyphen.space_before
            || second.space_before
            || second.kind != TokenKind::Word
            || second.shape != Shape::Lower
            || !first.is_capitalised_word()
            || first.end() - first.start() > LONGEST_FIRST
        {
            continue;
        }
        let syllable = cx.word(c.end + 1);
        let joined = cx.word(c.end) == "-"
            && tokens
                .get(c.end + 2)
                .is_none_or(|t| t.space_before || cx.word(c.end + 2) != "-");
        if joined
            && syllable.len() <= LONGEST_SYLLABLE
            && !syllable.ends_with("ed")
            && !HYPHEN_COMBINERS.contains(&syllable)
            && chosen.get(k + 1).is_none_or(|next| next.start >= c.end + 2)
        {
            chosen[k].end = c.end + 2;
        }
    }
}
