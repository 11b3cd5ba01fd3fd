//! Document mode: each input is one text, and gives one JSON object.

use std::io::{self, Read, Write};

use gazetteer_ner::{Entity, Extractor};
use serde::Serialize;

use crate::args::Cli;
use crate::input::Input;
use crate::{Failure, report};

#[derive(Serialize)]
struct Document<'a> {
    entities: &'a [Entity],
}

/// Extracts the entities of each input in turn, one JSON object each.
pub fn run(
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
