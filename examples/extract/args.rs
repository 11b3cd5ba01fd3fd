//! The command line.

use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::{Parser, ValueEnum};
use gazetteer_ner::{EntityKind, Markup};

use crate::offsets::Offsets;
use crate::status::report;
use crate::view::Format;

/// Named entities from text files or JSON Lines, as JSON.
#[derive(Debug, Parser)]
#[command(
    name = "extract",
    version,
    after_help = "Exit status: 0 success, 1 some --jsonl lines failed, 2 some input could not be \
                  read or the run could not be done."
)]
pub struct Cli {
    /// Input files; stdin when none is given or for `-`. With several, each
    /// output object says which one it came from ("file").
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Print each document's JSON on one line instead of pretty-printed.
    #[arg(long)]
    pub compact: bool,

    /// Read JSON Lines `{"id":…,"text":…}`, write one `{"id":…,"entities":[…]}` line per record
    /// (the id copied as written; blank lines skipped; a bad line gives an error line in its place).
    #[arg(long)]
    pub jsonl: bool,

    /// With --jsonl: stop at the first line or input that fails.
    #[arg(long, requires = "jsonl")]
    pub strict: bool,

    /// With --jsonl: worker threads (default and most: the cores available).
    #[arg(long, value_name = "N", requires = "jsonl")]
    pub threads: Option<NonZeroUsize>,

    /// How to read the input: HTML or plain text, detected by default.
    #[arg(long, value_enum, value_name = "MODE", default_value_t = MarkupArg::Auto)]
    pub markup: MarkupArg,

    /// Add a gazetteer file, or every *.tsv file of a directory (repeatable).
    #[arg(long = "gazetteers", value_name = "PATH")]
    pub gazetteers: Vec<PathBuf>,

    /// Leave out the embedded default gazetteers.
    #[arg(long)]
    pub no_default_gazetteers: bool,

    /// Read invalid UTF-8 (and, in --jsonl text, lone surrogate escapes) as
    /// U+FFFD, with a warning, instead of failing; offsets still count the
    /// input's bytes.
    #[arg(long)]
    pub lossy: bool,

    /// Keep only the mentions in a web page's article (needs the main-content
    /// feature); each output object then gives the article's title and byline.
    #[arg(long)]
    pub main_content: bool,

    /// Say on every mention why it is one ("why": what found it, the rule that joined it to its
    /// entity and the mention it joined, the reading chosen where its form had several, and on
    /// a sports report's venue why it is apart from the side of its name).
    #[arg(long)]
    pub explain: bool,

    /// Output format. json: the entities (the default). html: a self-contained page with a section
    /// per input (not with --jsonl), its visible text with each mention highlighted in its kind's colour;
    /// hover names the entity, a click outlines all its mentions. displacy: spaCy's manual
    /// displaCy format {"text","ents":[{"start","end","label"}],"title"}, code-point offsets into
    /// the visible text (one line per record with --jsonl, the id as title). conll: one
    /// "TOKEN TAG" line per token, BIO tags, a blank line after each sentence, "-DOCSTART- O"
    /// before each document when there are several. Labels in displacy and conll: person PER,
    /// group GRP, place LOC, organisation ORG.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = Format::Json)]
    pub format: Format,

    /// Unit of "start" and "end" in the JSON output: bytes (UTF-8, the default), chars (Unicode
    /// code points, Python's indices) or utf16 (UTF-16 code units, JavaScript's), counted in the
    /// text as read (a skipped byte-order mark counts one; with --lossy a replaced sequence one).
    #[arg(long, value_enum, value_name = "UNIT", default_value_t = Offsets::Bytes)]
    pub offsets: Offsets,

    /// Keep only entities of these kinds: comma-separated, of person, group, place, organisation.
    #[arg(long, value_name = "KINDS", value_delimiter = ',', value_parser = parse_kind)]
    pub kinds: Vec<EntityKind>,

    /// Show progress on stderr: records done, MB, MB/s, errors and, for files, the time left.
    /// On by default with --jsonl when stderr is a terminal.
    #[arg(long)]
    pub progress: bool,

    /// At the end, write on stderr the records, bytes, failed records, time and entities per kind.
    #[arg(long)]
    pub summary: bool,
}

/// Reads one kind of `--kinds`.
fn parse_kind(kind: &str) -> Result<EntityKind, String> {
    kind.parse().map_err(|_| {
        format!("unknown kind {kind:?}: the kinds are person, group, place, organisation")
    })
}

/// The values of `--markup`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MarkupArg {
    /// HTML when the input shows markup prose does not hold (a doctype, a
    /// properly closed HTML element, …), plain text otherwise.
    Auto,
    /// Always plain text: every byte is visible.
    Plain,
    /// Always HTML: tags are hidden, character references decoded.
    Html,
}

impl From<MarkupArg> for Markup {
    fn from(markup: MarkupArg) -> Markup {
        match markup {
            MarkupArg::Auto => Markup::Auto,
            MarkupArg::Plain => Markup::Plain,
            MarkupArg::Html => Markup::Html,
        }
    }
}

impl Cli {
    /// The worker threads for `--jsonl`: as many as asked, but no more than
    /// the cores available (more would only take turns on them), which is
    /// also the default. A request above the cores is capped with a note.
    pub fn worker_threads(&self) -> usize {
        let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
        match self.threads.map(NonZeroUsize::get) {
            None => cores,
            Some(asked) if asked > cores => {
                report(format_args!(
                    "note: --threads {asked} capped at {cores}, the cores available"
                ));
                cores
            }
            Some(asked) => asked,
        }
    }
}
