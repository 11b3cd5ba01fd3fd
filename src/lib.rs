//! Named entities from English news text, fast: gazetteers, rules and an
//! alias resolver instead of a statistical model.
//!
//! ```
//! use gazetteer_ner::{extract, EntityKind};
//!
//! let text = "Iraq's Popular Mobilisation Forces (PMF) left Baghdad. The PMF said.";
//! let entities = extract(text);
//! let pmf = entities.iter().find(|e| e.kind == EntityKind::Group).unwrap();
//! assert_eq!(pmf.mentions.len(), 3);
//! for m in &pmf.mentions {
//!     assert_eq!(&text[m.start..m.end], m.text);
//! }
//! ```
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! input ─► markup ─► tokenizer ─► document ─► gazetteer ─► rules ─► resolver ─► Vec<Entity>
//! ```
//!
//! - [`markup`]: HTML or plain text in; the visible text and a map back to
//!   input offsets out;
//! - tokenizer: words, numbers and punctuation with their casing, their
//!   sentence position and the hard breaks (paragraphs, blocks) no name
//!   crosses;
//! - document: the tokens with what the word lists say of each, and the
//!   runs of capitalised words, found once and read by the stages after;
//! - [`gazetteer`]: known names, matched on tokens;
//! - rules: names the gazetteers lack, from titles, designators, acronym
//!   definitions and given names;
//! - resolver: from the candidates and the document, one reading per span,
//!   aliases merged into entities.
//!
//! A custom gazetteer adds to (or, with
//! [`ExtractorBuilder::default_gazetteers`], replaces) the embedded one:
//!
//! ```
//! use gazetteer_ner::{EntityKind, Extractor};
//!
//! let extractor = Extractor::builder()
//!     .gazetteer_data("mine.tsv", "organisation\tAcme Widgets\tAcme\t60\n")
//!     .build()?;
//! let entities = extractor.extract("Acme Widgets said. Acme agreed.");
//! assert_eq!(entities[0].kind, EntityKind::Organisation);
//! assert_eq!(entities[0].mentions.len(), 2);
//! # Ok::<(), gazetteer_ner::Error>(())
//! ```
//!
//! Web pages can be read as people read them: with the `main-content`
//! feature (off by default), `ExtractorBuilder::main_content` keeps only
//! the mentions in a page's article, and `Extractor::extract_page` also
//! returns its title and byline as a `Page`.
//!
//! Entities serialise to JSON with serde (the `serde` feature, on by
//! default):
//!
//! ```
//! # #[cfg(feature = "serde")] {
//! let entities = gazetteer_ner::extract("Talks in Baghdad.");
//! let json = serde_json::to_string(&entities).unwrap();
//! assert_eq!(
//!     json,
//!     r#"[{"kind":"place","name":"Baghdad","mentions":[{"start":9,"end":16,"text":"Baghdad"}]}]"#
//! );
//! # }
//! ```

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod batch;
mod boilerplate;
mod candidate;
mod document;
mod entity;
mod error;
pub mod explain;
mod extractor;
pub mod gazetteer;
mod hash;
mod learned;
pub mod markup;
#[cfg(feature = "main-content")]
mod page;
mod reading;
mod resolver;
mod rules;
mod rust_source;
#[cfg(feature = "internals")]
pub mod tokenizer;
#[cfg(not(feature = "internals"))]
mod tokenizer;
mod window;
mod wordlists;

pub use entity::{Entity, EntityKind, Mention};
pub use error::{EntryError, Error, Limit, LineError, UnknownKind};
pub use extractor::{DEFAULT_WINDOW_SIZE, Extractor, ExtractorBuilder, extract};
pub use gazetteer::{Entry, EntryKind, Notice};
#[cfg(feature = "learn")]
pub use learned::learner as learn;
pub use markup::Markup;
#[cfg(feature = "main-content")]
pub use page::Page;
pub use reading::{Reading, TokenSpan};
pub use wordlists::TITLES;
