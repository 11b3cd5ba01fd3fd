//! `--format`, `--kinds` and `--offsets`: what is written of each input's
//! entities, and how.
//!
//! JSON (the default) is written by [`crate::document`] and
//! [`crate::jsonl`]; the other formats each have a module: [`html`] (a
//! page of the highlighted text), [`displacy`] (spaCy's manual displaCy
//! format) and [`conll`] (one token a line with BIO tags). They show the
//! text as the extractor read it: an HTML input's visible text, and with
//! `--lossy` the text with U+FFFD in place of invalid sequences.

pub mod conll;
pub mod displacy;
pub mod html;

use clap::ValueEnum;
use gazetteer_ner::{Entity, EntityKind, Markup, TokenSpan};

use crate::lossy::OffsetMap;
use crate::offsets::Offsets;

/// The values of `--format`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The entities as JSON (JSON Lines with --jsonl).
    #[default]
    Json,
    /// One self-contained HTML page: a section per input, its text with each
    /// mention highlighted in its kind's colour, and its entities by kind.
    Html,
    /// spaCy's manual displaCy format, {"text","ents":[{"start","end","label"}],"title"},
    /// with code-point offsets into the (visible) text.
    Displacy,
    /// One token a line with its BIO tag, a blank line after each sentence.
    Conll,
}

/// What the options ask of each input's entities and their output.
#[derive(Clone, Debug, Default)]
pub struct View {
    pub format: Format,
    pub offsets: Offsets,
    /// The kinds to keep; every kind when empty.
    pub kinds: Vec<EntityKind>,
    /// How the extractor reads its inputs, which the views read alike.
    pub markup: Markup,
}

impl View {
    /// Drops the entities of kinds not asked for.
    pub fn keep_kinds(&self, entities: &mut Vec<Entity>) {
        if !self.kinds.is_empty() {
            entities.retain(|e| self.kinds.contains(&e.kind));
        }
    }

    /// Moves the offsets of `entities` from the text as read to the unit
    /// of `--offsets` in the input: with `bytes`, through `map` to the
    /// input's bytes; otherwise counted in `text`, after `base` units (a
    /// skipped byte-order mark).
    pub fn json_offsets(&self, entities: &mut [Entity], text: &str, map: &OffsetMap, base: usize) {
        match self.offsets {
            Offsets::Bytes => map.apply(entities),
            unit => unit.convert(entities, text, base),
        }
    }

    /// Appends the view of one document or record in a format other than
    /// JSON and HTML: `text` as read, its `entities` with offsets into it, `title`
    /// the input's name or record's id, `several` whether the output holds
    /// several documents.
    pub fn push(
        &self,
        out: &mut Vec<u8>,
        text: &str,
        entities: &[Entity],
        title: Option<&str>,
        several: bool,
        compact: bool,
    ) {
        match self.format {
            Format::Json => unreachable!("JSON is written by the modes themselves"),
            Format::Html => unreachable!("the HTML page is written by document mode"),
            Format::Displacy => displacy::push(out, text, self.markup, entities, title, compact),
            Format::Conll => {
                if several {
                    out.extend_from_slice(conll::DOCSTART.as_bytes());
                }
                conll::push(out, text, self.markup, entities);
            }
        }
    }
}

/// The short label of a kind in the displaCy and CoNLL formats, after
/// CoNLL 2003's: `PER`, `GRP` (nationalities, religious and ethnic groups,
/// movements, militias), `LOC`, `ORG`.
pub fn label(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "PER",
        EntityKind::Group => "GRP",
        EntityKind::Place => "LOC",
        EntityKind::Organisation => "ORG",
        _ => "MISC",
    }
}

/// Every mention of `entities` (the `(start, end)` of each that
/// `mentions` gives) as `(start, end, entity index)`, in text order; a
/// mention that overlaps one before it (which the extractor does not
/// produce) is left out, so that the spans can be marked in one pass.
pub fn spans<'a, E, M>(
    entities: &'a [E],
    mentions: impl Fn(&'a E) -> M,
) -> Vec<(usize, usize, usize)>
where
    M: Iterator<Item = (usize, usize)>,
{
    let mut spans: Vec<(usize, usize, usize)> = entities
        .iter()
        .enumerate()
        .flat_map(|(i, e)| mentions(e).map(move |(start, end)| (start, end, i)))
        .collect();
    spans.sort_unstable();
    let mut end = 0;
    spans.retain(|&(s, e, _)| {
        let keep = s >= end;
        if keep {
            end = e;
        }
        keep
    });
    spans
}

/// The `(start, end)` of each mention of `entity`, for [`spans`].
pub fn mention_spans(entity: &Entity) -> impl Iterator<Item = (usize, usize)> + '_ {
    entity.mentions.iter().map(|m| (m.start, m.end))
}

/// Where each of `spans` (offsets into the input) lies in the visible
/// text, found by the tokens it starts and ends on (the same offsets for
/// plain text); `None` for a span that does not fall on tokens, which the
/// extractor does not produce.
pub fn visible_spans(
    tokens: &[TokenSpan],
    spans: &[(usize, usize, usize)],
) -> Vec<Option<(usize, usize)>> {
    spans
        .iter()
        .map(|&(start, end, _)| {
            let first = tokens.binary_search_by_key(&start, |t| t.start).ok()?;
            let last = tokens.binary_search_by_key(&end, |t| t.end).ok()?;
            Some((tokens[first].visible_start, tokens[last].visible_end))
        })
        .collect()
}
