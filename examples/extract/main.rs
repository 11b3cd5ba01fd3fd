//! `extract`: named entities from text files or JSON Lines, as JSON.
//!
//! # Usage
//!
//! ```text
//! cargo run --release --example extract -- [OPTIONS] [FILE]...
//! ```
//!
//! With no `FILE`, or with `-`, the input is read from stdin.
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
//! `end` are UTF-8 byte offsets into the input, end exclusive. A UTF-8
//! byte-order mark at the start is skipped (offsets still count its three
//! bytes). An empty input gives `{"entities":[]}`. An input that is not
//! valid UTF-8 is an error naming the file and the byte offset of the first
//! invalid byte; with `--lossy`, each invalid sequence is read as U+FFFD
//! instead, with a warning naming the file on stderr, and offsets still
//! point into the input's bytes as given (a mention's `text` is then the
//! text as read: the input's bytes `start..end`, except that an invalid
//! sequence inside the span, if any, reads U+FFFD).
//!
//! With two or more inputs, each object starts with the input it came
//! from, as given on the command line (`-` for stdin):
//! `{"file":"a.txt","entities":[…]}`. An input that cannot be read
//! (missing, unreadable, a directory, invalid UTF-8) is then reported in
//! its place as `{"file":…,"error":"…"}` and on stderr, the other inputs
//! are still processed, and the exit status is 2. With one input, there is
//! no `"file"` field, and an input that cannot be read is reported on
//! stderr only.
//!
//! ## JSON Lines mode (`--jsonl`)
//!
//! Each input line is a JSON object `{"id":…,"text":…}` and gives exactly
//! one output line, in input order:
//!
//! ```text
//! {"id":…,"entities":[…]}
//! ```
//!
//! The `id` (any JSON value) is copied as is, and left out when the input
//! has none; other fields are ignored. Output lines are always compact
//! (`--compact` changes nothing here). A line that cannot be used (invalid
//! UTF-8, invalid JSON, not an object, a missing or non-string `text`, or a
//! blank line) gives instead
//!
//! ```text
//! {"line":N,"id":…,"error":"…"}
//! ```
//!
//! with its 1-based line number `N` within its input and its `id` when one
//! could be read, plus a message on stderr naming the input and line; the
//! run goes on. With `--strict` the run stops after the first such line
//! (its error line is still printed) and no later line is processed. With
//! `--lossy`, invalid UTF-8 in a line is replaced with U+FFFD (with a
//! warning) rather than failing the line.
//!
//! Input is read line by line in batches of 1024 lines, which are processed
//! in parallel on `--threads N` threads (default: all cores) and written in
//! input order, so memory stays flat whatever the corpus size and the
//! output does not depend on the number of threads. Output is flushed after
//! each batch.
//!
//! ## Markup
//!
//! `--markup auto` (the default) reads an input as HTML when it looks like
//! HTML and as plain text otherwise; `--markup html` and `--markup plain`
//! force one or the other, for every input and every JSON Lines record.
//!
//! ## Gazetteers
//!
//! `--gazetteers PATH` (repeatable) adds a gazetteer file, or every `*.tsv`
//! file of a directory, to the embedded default gazetteers;
//! `--no-default-gazetteers` leaves the defaults out. A gazetteer that
//! cannot be read or parsed stops the run with a message naming the file
//! (and line).
//!
//! # Exit status
//!
//! - `0`: success (also when stdout is closed early, e.g. by `| head`: the
//!   program then stops quietly);
//! - `1`: `--jsonl` only: at least one line failed (every other line was
//!   processed, or, with `--strict`, the run stopped at the failed line);
//! - `2`: some input could not be read (missing, unreadable, a directory,
//!   invalid UTF-8 in document mode; the others were processed), or the run
//!   could not be done: a usage error, a bad gazetteer, or an output error
//!   other than a closed stdout.

mod args;
mod document;
mod input;
mod jsonl;
mod lossy;
mod output;
mod status;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;
use gazetteer_ner::Extractor;

use crate::args::Cli;
use crate::input::Input;
use crate::status::{Status, report};

/// Why a run ended early.
#[derive(Debug)]
pub enum Failure {
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
    let extractor = build_extractor(cli)?;
    let inputs = Input::all(&cli.files);
    let mut out = BufWriter::new(io::stdout().lock());
    let status = if cli.jsonl {
        jsonl::run(cli, &extractor, &inputs, &mut out)?
    } else {
        let options = document::Options {
            compact: cli.compact,
            lossy: cli.lossy,
            label_files: inputs.len() > 1,
        };
        document::run(&extractor, &inputs, &options, &mut out).map_err(Failure::Output)?
    };
    out.flush().map_err(Failure::Output)?;
    Ok(status)
}
fn build_extractor(cli: &Cli) -> Result<Extractor, Failure> {
    let mut builder = Extractor::builder()
        .default_gazetteers(!cli.no_default_gazetteers)
        .markup(cli.markup.into());
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
