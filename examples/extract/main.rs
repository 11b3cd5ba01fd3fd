//! `extract`: named entities from text files or JSON Lines, as JSON.
//!
//! # Usage
//!
//! ```text
//! cargo run --release --example extract -- [OPTIONS] [FILE]...
//! ```
//!
//! With no `FILE`, or with `-`, the input is read from stdin. A UTF-8
//! byte-order mark at the start of an input is skipped (offsets still count
//! its three bytes).
//!
//! ## Document mode (the default)
//!
//! Each input is one document (plain text or HTML, see `--markup`). For
//! each input, in the order given, one JSON object is printed:
//!
//! ```text
//! {"entities":[{"kind":"place","name":"Baghdad","mentions":[{"start":9,"end":16,"text":"Baghdad"}]}]}
//! ```
//!
//! pretty-printed by default, on one line with `--compact`. `start` and
//! `end` are UTF-8 byte offsets into the input, end exclusive. An empty
//! input gives `{"entities":[]}`. An input that is not valid UTF-8 is an
//! error naming the file and the byte offset of the first invalid byte;
//! with `--lossy`, each invalid sequence is read as U+FFFD instead, with a
//! warning naming the file on stderr, and offsets still point into the
//! input's bytes as given (a mention's `text` is then the text as read: the
//! input's bytes `start..end`, except that an invalid sequence inside the
//! span, if any, reads U+FFFD).
//!
//! ## JSON Lines mode (`--jsonl`)
//!
//! Each input line is a JSON object `{"id":…,"text":…}` and gives one
//! output line, in input order:
//!
//! ```text
//! {"id":…,"entities":[…]}
//! ```
//!
//! The `id` (any JSON value) is copied exactly as written, its raw JSON
//! text (`1e400` stays `1e400`), and left out when the input has none;
//! other fields are ignored. Offsets point into the `text` value as given,
//! escapes decoded. Output lines are always compact (`--compact` changes
//! nothing here). A blank line (whitespace only, the last one too) is not a
//! record and gives nothing. A line that cannot be used (invalid UTF-8,
//! invalid JSON, not an object, a missing or non-string `text`, a lone
//! surrogate escape such as `\ud800` in `text`) gives instead
//!
//! ```text
//! {"line":N,"id":…,"error":"…"}
//! ```
//!
//! with its 1-based line number `N` within its input and its `id` when one
//! could be read, plus a message on stderr naming the input and line; the
//! run goes on. With `--strict` the run stops after the first such line
//! (its error line is still printed) and nothing after it is written. With
//! `--lossy`, invalid UTF-8 and lone surrogates in a line become U+FFFD
//! (with a warning) rather than failing it; offsets still point into the
//! text as given, counting each invalid byte as itself and a lone surrogate
//! as the three bytes it takes in WTF-8 (Python's `surrogatepass`).
//!
//! Input is read in chunks of whole lines, processed on `--threads N`
//! threads (default, and at most, the cores available) and written in input
//! order, so the output does not depend on the number of threads. Memory is
//! bounded by bytes, not lines: at most 64 MiB of input and output are in
//! flight (read and not yet written), beyond one line longer than that,
//! which is read whole. Each line is answered as soon as it is read, so a
//! program can write a line to `extract`'s stdin and wait for its answer.
//!
//! ## Several inputs
//!
//! With two or more inputs, each output object starts with the input it
//! came from, as given on the command line (`-` for stdin):
//! `{"file":"a.jsonl","id":…,"entities":[…]}`, `{"file":"a.txt","entities":[…]}`.
//! An input that cannot be read (missing, unreadable, a directory, invalid
//! UTF-8 in document mode) is reported in its place as
//! `{"file":…,"error":"…"}` and on stderr, and the other inputs are still
//! processed (with `--strict`, the run stops there); the exit status is
//! then 2. With one input, there is no `"file"` field, and an input that
//! cannot be read is reported on stderr only.
//!
//! ## Gazetteers
//!
//! `--gazetteers PATH` (repeatable) adds a gazetteer file, or every `*.tsv`
//! file of a directory, to the embedded default gazetteers;
//! `--no-default-gazetteers` leaves the defaults out. A gazetteer that
//! cannot be read or parsed stops the run with a message naming the file
//! (and line).
//!
//! ## Views
//!
//! `--format` chooses what is written for each input: `json` (the above),
//! `html` (a self-contained page of each input's text with its mentions
//! marked, a section per input; not with `--jsonl`), `displacy` (spaCy's manual displaCy format, code-point
//! offsets) or `conll` (one token a line with BIO tags); see the [`view`]
//! modules. `--offsets bytes|chars|utf16` sets the unit of the JSON
//! offsets ([`offsets`]); `--kinds person,place` keeps only those kinds.
//! `--progress` (on by default for `--jsonl` when stderr is a terminal)
//! and `--summary` report on stderr what the run has done ([`progress`]).
//!
//! # Exit status
//!
//! - `0`: success (also when stdout is closed early, e.g. by `| head`: the
//!   program then stops quietly);
//! - `1`: `--jsonl` only: at least one line failed (every other line was
//!   processed, or, with `--strict`, the run stopped at the failed line);
//! - `2`: some input could not be read (the others were processed), or the
//!   run could not be done: a usage error, a bad gazetteer, or an output
//!   error other than a closed stdout.
//!
//! # Code
//!
//! One module per job: [`args`] (the command line), [`input`] (files and
//! stdin), [`document`] and [`jsonl`] (the two modes), [`lossy`] (text
//! read lossily, with offsets back to the bytes as given), [`main_content`]
//! (`--main-content`: a web page's article, title and byline), [`output`] (the
//! JSON objects besides a document's), [`view`] (`--format`, `--kinds`: the
//! HTML, displaCy and CoNLL views), [`offsets`] (`--offsets`), [`progress`]
//! (`--progress`, `--summary`) and [`status`] (exit status and messages). `examples/throughput.rs` includes the JSON Lines path to
//! time it in process.

mod args;
mod document;
mod input;
mod jsonl;
mod lossy;
mod main_content;
mod offsets;
mod output;
mod progress;
mod status;
mod view;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;
use gazetteer_ner::Extractor;

use crate::args::Cli;
use crate::input::Input;
use crate::offsets::Offsets;
use crate::progress::Progress;
use crate::status::{Status, report};
use crate::view::{Format, View};

/// Why a run ended early.
#[derive(Debug)]
enum Failure {
    /// Writing to stdout failed.
    Output(io::Error),
    /// Anything else that stops the run; the message is ready to print.
    Fatal(String),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(status) => ExitCode::from(status as u8),
        Err(Failure::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Output(e)) => {
            report(format_args!("error: cannot write output: {e}"));
            ExitCode::from(2)
        }
        Err(Failure::Fatal(message)) => {
            report(format_args!("error: {message}"));
            ExitCode::from(2)
        }
    }
}

fn run(cli: &Cli) -> Result<Status, Failure> {
    if cli.main_content && !cfg!(feature = "main-content") {
        return Err(Failure::Fatal(
            "--main-content needs the main-content feature: cargo run --release \
             --features main-content --example extract -- --main-content …"
                .to_string(),
        ));
    }
    if cli.offsets != Offsets::Bytes && cli.format != Format::Json {
        return Err(Failure::Fatal(
            "--offsets applies to --format json only (displacy always counts code points)"
                .to_string(),
        ));
    }
    let inputs = Input::all(&cli.files);
    if cli.format == Format::Html && cli.jsonl {
        return Err(Failure::Fatal(
            "--format html writes one page of whole documents: give files (not --jsonl); \
             for a corpus, --format displacy gives one object per record"
                .to_string(),
        ));
    }
    let threads = if cli.jsonl { cli.worker_threads() } else { 1 };
    let extractor = build_extractor(cli)?;
    let label_files = inputs.len() > 1;
    let view = View {
        format: cli.format,
        offsets: cli.offsets,
        kinds: cli.kinds.clone(),
        markup: cli.markup.into(),
    };
    let mut progress = Progress::new(&inputs, cli.progress, cli.jsonl, cli.summary);
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout());
    let status = if cli.jsonl {
        let options = jsonl::Options {
            threads,
            strict: cli.strict,
            lossy: cli.lossy,
            label_files,
            main_content: cli.main_content,
            explain: cli.explain,
            view,
        };
        jsonl::run(&extractor, &inputs, &options, &mut out, &mut progress)
    } else {
        let options = document::Options {
            compact: cli.compact,
            lossy: cli.lossy,
            label_files,
            main_content: cli.main_content,
            explain: cli.explain,
            view,
        };
        document::run(&extractor, &inputs, &options, &mut out, &mut progress)
    }
    .map_err(Failure::Output)?;
    out.flush().map_err(Failure::Output)?;
    Ok(status)
}

fn build_extractor(cli: &Cli) -> Result<Extractor, Failure> {
    let mut builder = Extractor::builder()
        .default_gazetteers(!cli.no_default_gazetteers)
        .markup(cli.markup.into());
    #[cfg(feature = "main-content")]
    {
        builder = builder.main_content(cli.main_content);
    }
    for path in &cli.gazetteers {
        builder = if path.is_file() {
            builder.gazetteer_file(path)
        } else {
            builder.gazetteer_dir(path)
        };
    }
    let extractor = builder.build().map_err(|e| Failure::Fatal(e.to_string()))?;
    for notice in extractor.notices() {
        report(format_args!("warning: gazetteers: {notice}"));
    }
    Ok(extractor)
}
