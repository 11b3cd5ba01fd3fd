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
//! Each input is one document (plain text or HTML). For each input, in the
//! order given, one JSON object is printed:
//!
//! ```text
//! {"entities":[{"kind":"place","name":"Baghdad","mentions":[{"start":9,"end":16,"text":"Baghdad"}]}]}
//! ```
//!
//! pretty-printed by default, on one line with `--compact`. `start` and
//! `end` are UTF-8 byte offsets into the input, end exclusive. An empty
//! input gives `{"entities":[]}`. An input that is not valid UTF-8 is an
//! error naming the file and the byte offset of the first invalid byte;
//! with `--lossy`, invalid bytes are replaced with U+FFFD instead, a warning
//! naming the file goes to stderr, and offsets then refer to the replaced
//! text. Inputs are processed in order and the first one that cannot be
//! read stops the run (exit 2).
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
//! - `2`: could not run: usage error, an input that cannot be read (missing,
//!   unreadable, a directory, invalid UTF-8 in document mode), a bad
//!   gazetteer, or an output error other than a closed stdout.

use std::borrow::Cow;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use gazetteer_ner::{Entity, Extractor};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

/// How many JSON Lines are read, processed and written at a time.
const BATCH_LINES: usize = 1024;

/// Named entities from text files or JSON Lines, as JSON.
#[derive(Debug, Parser)]
#[command(
    name = "extract",
    after_help = "Exit status: 0 success, 1 some --jsonl lines failed, 2 could not run."
)]
struct Cli {
    /// Input files; stdin when none is given or for `-`.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,

    /// Print each document's JSON on one line instead of pretty-printed.
    #[arg(long)]
    compact: bool,

    /// Read JSON Lines `{"id":…,"text":…}`, write one `{"id":…,"entities":[…]}` line per line.
    #[arg(long)]
    jsonl: bool,

    /// With --jsonl: stop at the first line that cannot be processed.
    #[arg(long, requires = "jsonl")]
    strict: bool,

    /// With --jsonl: number of worker threads (default: all cores).
    #[arg(long, value_name = "N", requires = "jsonl")]
    threads: Option<NonZeroUsize>,

    /// Add a gazetteer file, or every *.tsv file of a directory (repeatable).
    #[arg(long = "gazetteers", value_name = "PATH")]
    gazetteers: Vec<PathBuf>,

    /// Leave out the embedded default gazetteers.
    #[arg(long)]
    no_default_gazetteers: bool,

    /// Replace invalid UTF-8 with U+FFFD (with a warning) instead of failing.
    #[arg(long)]
    lossy: bool,
}

/// Why a run ended early.
#[derive(Debug)]
enum Failure {
    /// Writing to stdout failed.
    Output(io::Error),
    /// Anything else that stops the run; the message is ready to print.
    Fatal(String),
}

/// How a run that went to the end went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Ok,
    RecordsFailed,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(Status::Ok) => ExitCode::SUCCESS,
        Ok(Status::RecordsFailed) => ExitCode::from(1),
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

/// Writes one line to stderr, ignoring failure: there is nowhere left to
/// report it.
fn report(message: fmt::Arguments<'_>) {
    let _ = writeln!(io::stderr().lock(), "{message}");
}

fn run(cli: &Cli) -> Result<Status, Failure> {
    let extractor = build_extractor(cli)?;
    let inputs = inputs(&cli.files);
    let mut out = BufWriter::new(io::stdout().lock());
    let status = if cli.jsonl {
        run_jsonl(cli, &extractor, &inputs, &mut out)?
    } else {
        run_documents(cli, &extractor, &inputs, &mut out)?;
        Status::Ok
    };
    out.flush().map_err(Failure::Output)?;
    Ok(status)
}

fn build_extractor(cli: &Cli) -> Result<Extractor, Failure> {
    let mut builder = Extractor::builder().default_gazetteers(!cli.no_default_gazetteers);
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

// ---------------------------------------------------------------- inputs --

/// One input: stdin or a file.
#[derive(Debug)]
enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// The input's name in messages.
    fn name(&self) -> Cow<'_, str> {
        match self {
            Input::Stdin => Cow::Borrowed("<stdin>"),
            Input::File(path) => path.to_string_lossy(),
        }
    }

    /// Opens the input for buffered reading.
    fn open(&self) -> Result<Box<dyn BufRead>, Failure> {
        match self {
            Input::Stdin => Ok(Box::new(io::stdin().lock())),
            Input::File(path) => open_file(path)
                .map_err(|e| Failure::Fatal(format!("cannot read {}: {e}", path.display()))),
        }
    }
}

fn inputs(files: &[PathBuf]) -> Vec<Input> {
    if files.is_empty() {
        return vec![Input::Stdin];
    }
    files
        .iter()
        .map(|path| {
            if path.as_os_str() == "-" {
                Input::Stdin
            } else {
                Input::File(path.clone())
            }
        })
        .collect()
}

fn open_file(path: &Path) -> io::Result<Box<dyn BufRead>> {
    let file = File::open(path)?;
    if file.metadata()?.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory",
        ));
    }
    Ok(Box::new(BufReader::new(file)))
}

// --------------------------------------------------------- document mode --

#[derive(Serialize)]
struct Document<'a> {
    entities: &'a [Entity],
}

fn run_documents(
    cli: &Cli,
    extractor: &Extractor,
    inputs: &[Input],
    out: &mut impl Write,
) -> Result<(), Failure> {
    for input in inputs {
        let text = read_document(input, cli.lossy)?;
        let entities = extractor.extract(&text);
        write_document(out, &entities, cli.compact).map_err(Failure::Output)?;
    }
    Ok(())
}

/// Reads a whole input as text, replacing invalid UTF-8 when `lossy`.
fn read_document(input: &Input, lossy: bool) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    input
        .open()?
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::Fatal(format!("cannot read {}: {e}", input.name())))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
            let what = format!(
                "{} is not valid UTF-8 at byte {offset} (line {line})",
                input.name()
            );
            if !lossy {
                return Err(Failure::Fatal(format!(
                    "{what}; use --lossy to replace invalid bytes"
                )));
            }
            report(format_args!(
                "warning: {what}; invalid bytes replaced with U+FFFD, offsets refer to the replaced text"
            ));
            Ok(String::from_utf8_lossy(&bytes).into_owned())
        }
    }
}

fn write_document(out: &mut impl Write, entities: &[Entity], compact: bool) -> io::Result<()> {
    let document = Document { entities };
    let json = if compact {
        serde_json::to_vec(&document)
    } else {
        serde_json::to_vec_pretty(&document)
    }
    .map_err(io::Error::other)?;
    out.write_all(&json)?;
    out.write_all(b"\n")
}

// ------------------------------------------------------- JSON Lines mode --

/// What JSON Lines processing needs besides the lines themselves.
struct JsonlContext<'a> {
    extractor: &'a Extractor,
    pool: rayon::ThreadPool,
    strict: bool,
    lossy: bool,
}

/// One raw input line and its 1-based number.
struct RawLine {
    number: usize,
    bytes: Vec<u8>,
}

/// A usable input line.
struct Record {
    id: Option<Value>,
    text: String,
}

/// Why an input line could not be used.
struct LineError {
    id: Option<Value>,
    message: String,
}

/// An input line after reading and decoding.
struct Parsed {
    number: usize,
    record: Result<Record, LineError>,
    warning: Option<String>,
}

/// An input line's result, ready to write.
struct Outcome {
    number: usize,
    result: Result<Vec<u8>, LineError>,
    warning: Option<String>,
}

#[derive(Serialize)]
struct OutputRecord<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a Value>,
    entities: &'a [Entity],
}

#[derive(Serialize)]
struct OutputError<'a> {
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a Value>,
    error: &'a str,
}

fn run_jsonl(
    cli: &Cli,
    extractor: &Extractor,
    inputs: &[Input],
    out: &mut impl Write,
) -> Result<Status, Failure> {
    let threads = cli
        .threads
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Failure::Fatal(format!("cannot start {threads} threads: {e}")))?;
    let cx = JsonlContext {
        extractor,
        pool,
        strict: cli.strict,
        lossy: cli.lossy,
    };
    let mut status = Status::Ok;
    for input in inputs {
        if jsonl_input(&cx, input, out)? == Status::RecordsFailed {
            status = Status::RecordsFailed;
            if cx.strict {
                break;
            }
        }
    }
    Ok(status)
}

/// Processes one JSON Lines input, batch by batch.
fn jsonl_input(
    cx: &JsonlContext<'_>,
    input: &Input,
    out: &mut impl Write,
) -> Result<Status, Failure> {
    let mut reader = input.open()?;
    let mut next_number = 1;
    let mut status = Status::Ok;
    loop {
        let batch = read_batch(&mut reader, &mut next_number)
            .map_err(|e| Failure::Fatal(format!("cannot read {}: {e}", input.name())))?;
        if batch.is_empty() {
            return Ok(status);
        }
        let outcomes = process_batch(cx, batch);
        for outcome in outcomes {
            if write_outcome(out, &input.name(), &outcome).map_err(Failure::Output)? {
                status = Status::RecordsFailed;
                if cx.strict {
                    report(format_args!("stopping at the first bad line (--strict)"));
                    return Ok(status);
                }
            }
        }
        out.flush().map_err(Failure::Output)?;
    }
}

/// Reads up to [`BATCH_LINES`] lines; an empty batch means end of input.
fn read_batch(reader: &mut dyn BufRead, next_number: &mut usize) -> io::Result<Vec<RawLine>> {
    let mut batch = Vec::with_capacity(BATCH_LINES);
    while batch.len() < BATCH_LINES {
        let mut bytes = Vec::new();
        if reader.read_until(b'\n', &mut bytes)? == 0 {
            break;
        }
        batch.push(RawLine {
            number: *next_number,
            bytes,
        });
        *next_number += 1;
    }
    Ok(batch)
}

/// Parses a batch, then extracts entities from its records, both in
/// parallel. In strict mode, lines after the first bad one are dropped
/// before extraction.
fn process_batch(cx: &JsonlContext<'_>, batch: Vec<RawLine>) -> Vec<Outcome> {
    cx.pool.install(|| {
        let mut parsed: Vec<Parsed> = batch
            .into_par_iter()
            .map(|line| parse_line(line, cx.lossy))
            .collect();
        if cx.strict
            && let Some(bad) = parsed.iter().position(|p| p.record.is_err())
        {
            parsed.truncate(bad + 1);
        }
        parsed
            .into_par_iter()
            .map(|p| extract_record(cx.extractor, p))
            .collect()
    })
}

fn parse_line(line: RawLine, lossy: bool) -> Parsed {
    let (record, warning) = match decode_line(&line.bytes, lossy) {
        Ok((text, warning)) => (parse_record(&text), warning),
        Err(e) => (Err(e), None),
    };
    Parsed {
        number: line.number,
        record,
        warning,
    }
}

/// The line as text without its line ending, and a warning if invalid
/// UTF-8 was replaced.
fn decode_line(bytes: &[u8], lossy: bool) -> Result<(Cow<'_, str>, Option<String>), LineError> {
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LineError {
            id: None,
            message: "blank line".to_string(),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), None)),
        Err(e) => {
            let what = format!("invalid UTF-8 at byte {} of the line", e.valid_up_to());
            let text = String::from_utf8_lossy(bytes);
            if lossy {
                Ok((text, Some(format!("{what} replaced with U+FFFD"))))
            } else {
                let id = parse_record(&text).map_or_else(|e| e.id, |r| r.id);
                Err(LineError { id, message: what })
            }
        }
    }
}

fn parse_record(line: &str) -> Result<Record, LineError> {
    let error = |id, message: String| LineError { id, message };
    let value: Value =
        serde_json::from_str(line).map_err(|e| error(None, format!("invalid JSON: {e}")))?;
    let Value::Object(mut object) = value else {
        return Err(error(
            None,
            format!("expected a JSON object, found {}", json_type(&value)),
        ));
    };
    let id = object.remove("id");
    match object.remove("text") {
        Some(Value::String(text)) => Ok(Record { id, text }),
        Some(other) => Err(error(
            id,
            format!("\"text\" must be a string, found {}", json_type(&other)),
        )),
        None => Err(error(id, "missing \"text\" field".to_string())),
    }
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn extract_record(extractor: &Extractor, parsed: Parsed) -> Outcome {
    let result = parsed.record.and_then(|record| {
        let entities = extractor.extract(&record.text);
        let output = OutputRecord {
            id: record.id.as_ref(),
            entities: &entities,
        };
        serde_json::to_vec(&output).map_err(|e| LineError {
            id: record.id.clone(),
            message: format!("cannot serialise the result: {e}"),
        })
    });
    Outcome {
        number: parsed.number,
        result,
        warning: parsed.warning,
    }
}

/// Writes one outcome (and its messages to stderr); returns whether the
/// line failed.
fn write_outcome(out: &mut impl Write, input: &str, outcome: &Outcome) -> io::Result<bool> {
    let number = outcome.number;
    if let Some(warning) = &outcome.warning {
        report(format_args!("warning: {input}, line {number}: {warning}"));
    }
    match &outcome.result {
        Ok(json) => {
            out.write_all(json)?;
            out.write_all(b"\n")?;
            Ok(false)
        }
        Err(e) => {
            report(format_args!("error: {input}, line {number}: {}", e.message));
            let record = OutputError {
                line: number,
                id: e.id.as_ref(),
                error: &e.message,
            };
            // Serialised first so that a closed stdout keeps its error kind.
            let json = serde_json::to_vec(&record).map_err(io::Error::other)?;
            out.write_all(&json)?;
            out.write_all(b"\n")?;
            Ok(true)
        }
    }
}
