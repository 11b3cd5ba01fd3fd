//! How a feature is written in a rule file: its tag, its view and the
//! hash of its text, which is what the rules are looked up by. The build
//! script reads the rule files with these too (see [`super::table`]).

#![cfg_attr(
    not(any(test, feature = "learn", gazetteer_ner_defaults_at_run_time)),
    allow(
        dead_code,
        reason = "the build script reads the rule files; the library, the image it writes"
    )
)]

use crate::hash::{chain, hash_key};

/// Which half of the features a feature belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum View {
    /// The name's own words and shape.
    Spelling,
    /// The words around the name.
    Context,
}

/// The tags of the features, in the order of their index (see [`tag_of`]).
pub(crate) const TAGS_WRITTEN: [&str; 11] =
    ["F", "W", "H", "S3", "S4", "X", "L1", "L2", "R1", "R2", "AP"];

/// The index of a feature's tag in [`TAGS_WRITTEN`], from the feature's text.
pub(crate) fn tag_of(text: &str) -> Option<u8> {
    let tag = parts(text).next()?;
    TAGS_WRITTEN.iter().position(|&t| t == tag).map(|i| i as u8)
}

impl View {
    /// The name used in rule files.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            View::Spelling => "spelling",
            View::Context => "context",
        }
    }

    /// The view of a feature by its tag, or `None` for an unknown tag.
    pub(crate) fn of_tag(tag: &str) -> Option<View> {
        match tag {
            "F" | "W" | "H" | "S3" | "S4" | "X" => Some(View::Spelling),
            "L1" | "L2" | "R1" | "R2" | "AP" => Some(View::Context),
            _ => None,
        }
    }
}

/// The index of each tag in [`TAGS_WRITTEN`].
pub(crate) mod tag {
    pub const F: u8 = 0;
    pub const W: u8 = 1;
    pub const H: u8 = 2;
    pub const S3: u8 = 3;
    pub const S4: u8 = 4;
    pub const X: u8 = 5;
    pub const L1: u8 = 6;
    pub const L2: u8 = 7;
    pub const R1: u8 = 8;
    pub const R2: u8 = 9;
    pub const AP: u8 = 10;
}

/// The hash of a feature written as text: its space-separated parts
/// chained (see the module docs of [`super::features`]). `None` for text that is not a feature.
pub(crate) fn hash_text(text: &str) -> Option<(View, u64)> {
    let view = View::of_tag(parts(text).next()?)?;
    let hash = parts(text).fold(0, |hash, part| chain(hash, hash_key(part)));
    Some((view, hash))
}

/// The space-separated parts of a feature's text. (Split by a test of each
/// character: the parts are short, and the searcher of the character `' '`
/// calls `memchr` for each, which made reading the embedded rules cost
/// more.)
fn parts(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_space)
}

/// Whether a character is the space that parts a feature's text.
fn is_space(c: char) -> bool {
    c == ' '
}
