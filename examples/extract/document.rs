//! Document mode: each input is one text, and gives one JSON object.

use std::io::{self, Read, Write};

use gazetteer_ner::{Entity, Extractor};
use serde::Serialize;

use crate::input::{BOM, Input};
use crate::lossy::{OffsetMap, push_lossy};
use crate::main_content::{self, PageFacts};
use crate::output::InputError;
use crate::progress::{Progress, Tally};
use crate::status::{Status, report};
use crate::view::{Format, View, html};

/// How a document run goes.
pub struct Options {
    /// One line per document instead of pretty-printed JSON.
    pub compact: bool,
    /// Read invalid UTF-8 as U+FFFD.
    pub lossy: bool,
    /// Say in each output object which input it came from.
    pub label_files: bool,
    /// Keep only a web page's article, and give its title and byline.
    pub main_content: bool,
    /// Say why on every mention.
    pub explain: bool,
    /// The format, kinds and offsets asked for.
    pub view: View,
}

/// A document's entities: `{"file":…,"entities":[…]}`, with
/// `"title":…,"byline":…` before them under `--main-content`.
#[derive(Serialize)]
struct Document<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    page: Option<&'a PageFacts>,
    entities: &'a [Entity],
}

/// Extracts the entities of each input in turn. An input that cannot be
/// read is reported (in its place among the outputs when there are
/// several) and the others are still processed.
///
/// # Errors
///
/// When writing fails; the run stops there.
pub fn run(
    extractor: &Extractor,
    inputs: &[Input],
    options: &Options,
    out: &mut dyn Write,
    progress: &mut Progress,
) -> io::Result<Status> {
    let mut status = Status::Ok;
    let view = &options.view;
    let mut html_page = Vec::new();
    if view.format == Format::Html {
        let title = match inputs {
            [input] => input.name(),
            _ => format!("{} documents", inputs.len()).into(),
        };
        html::push_start(&mut html_page, &title);
        out.write_all(&html_page)?;
    }
    for (index, input) in inputs.iter().enumerate() {
        let label = options.label_files.then(|| input.label());
        let file = label.as_deref();
        let mut tally = Tally {
            records: 1,
            ..Tally::default()
        };
        match read(input, options.lossy) {
            Ok((text, map)) => {
                tally.bytes = map.to_input(text.len()) as u64;
                let (page, mut entities) =
                    main_content::extract(extractor, &text, options.main_content, options.explain);
                view.keep_kinds(&mut entities);
                tally.entities(&entities);
                if view.format == Format::Json {
                    let bom = usize::from(map.to_input(0) > 0);
                    view.json_offsets(&mut entities, &text, &map, bom);
                    let document = Document {
                        file,
                        page: page.as_ref(),
                        entities: &entities,
                    };
                    write(out, &document, options.compact)
                } else if view.format == Format::Html {
                    html_page.clear();
                    html::push_document(
                        &mut html_page,
                        &text,
                        view.markup,
                        &html::page_entities(&entities),
                        &input.name(),
                        index,
                    );
                    out.write_all(&html_page)
                } else {
                    let title = match input {
                        Input::Stdin => None,
                        Input::File(_) => Some(input.name()),
                    };
                    let mut buffer = Vec::new();
                    let several = options.label_files;
                    view.push(
                        &mut buffer,
                        &text,
                        &entities,
                        title.as_deref(),
                        several,
                        options.compact,
                    );
                    out.write_all(&buffer)
                }
            }
            Err(message) => {
                progress.clear();
                report(format_args!("error: {message}"));
                status = Status::InputFailed;
                tally.failed = 1;
                match file.filter(|_| view.format == Format::Json) {
                    Some(file) => write(
                        out,
                        &InputError {
                            file,
                            error: &message,
                        },
                        options.compact,
                    ),
                    None => Ok(()),
                }
            }
        }?;
        progress.add(&tally);
    }
    if view.format == Format::Html {
        html_page.clear();
        html::push_end(&mut html_page);
        out.write_all(&html_page)?;
    }
    progress.finish();
    Ok(status)
}

/// Reads a whole input as text, without a leading byte-order mark, and the
/// map from offsets into the text to offsets into the input. Invalid UTF-8
/// is an error naming the input and the first invalid byte, or with
/// `lossy` is replaced (with a warning).
fn read(input: &Input, lossy: bool) -> Result<(String, OffsetMap), String> {
    let mut bytes = Vec::new();
    input
        .open()
        .and_then(|mut reader| reader.read_to_end(&mut bytes))
        .map_err(|e| input.cannot_read(&e))?;
    let skipped = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    bytes.drain(..skipped);
    let mut map = OffsetMap::default();
    map.point(0, skipped);
    let (valid, bytes) = match String::from_utf8(bytes) {
        Ok(text) => return Ok((text, map)),
        Err(e) => (e.utf8_error().valid_up_to(), e.into_bytes()),
    };
    let offset = skipped + valid;
    let line = 1 + bytes[..valid].iter().filter(|&&b| b == b'\n').count();
    let what = format!(
        "{} is not valid UTF-8 at byte {offset} (line {line})",
        input.name()
    );
    if !lossy {
        return Err(format!("{what}; use --lossy to replace invalid bytes"));
    }
    report(format_args!(
        "warning: {what}; invalid bytes replaced with U+FFFD \
         (offsets still count the input's bytes)"
    ));
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    push_lossy(&bytes, skipped, &mut text, &mut map);
    Ok((text, map))
}

fn write(out: &mut dyn Write, value: &impl Serialize, compact: bool) -> io::Result<()> {
    if compact {
        serde_json::to_writer(&mut *out, value)
    } else {
        serde_json::to_writer_pretty(&mut *out, value)
    }
    .map_err(io::Error::from)?;
    out.write_all(b"\n")
}
