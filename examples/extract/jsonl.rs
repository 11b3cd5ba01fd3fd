//! JSON Lines mode: one record per line in, one result line per record out.

use std::borrow::Cow;
use std::io::{self, BufRead, BufReader, Write};
use std::num::NonZeroUsize;

use gazetteer_ner::{Entity, Extractor};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

use crate::Failure;
use crate::args::Cli;
use crate::input::Input;
use crate::status::{Status, report};

/// How many JSON Lines are read, processed and written at a time.
const BATCH_LINES: usize = 1024;

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

/// Extracts the entities of every record of `inputs`, one line each.
pub fn run(
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
    let mut reader = BufReader::new(
        input
            .open()
            .map_err(|e| Failure::Fatal(input.cannot_read(&e)))?,
    );
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
