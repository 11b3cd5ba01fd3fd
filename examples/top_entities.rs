//! `top_entities`: the most mentioned entities of a corpus run, by kind.
//!
//! Reads the output of `extract --jsonl` (or of `extract` in document
//! mode: any sequence of JSON objects with an `entities` list, one a line
//! or pretty-printed) from the files given or stdin, and lists per kind the
//! entities with the most mentions, with the number of documents (output
//! objects) that mention them. An entity is its kind and name: the same
//! name in two documents is counted as one entity. Error objects (`{"line":
//! …,"error":…}`) are skipped and counted.
//!
//! ```text
//! cargo run --release --example extract -- --jsonl articles.jsonl > entities.jsonl
//! cargo run --release --example top_entities -- entities.jsonl
//! cargo run --release --example top_entities -- --tsv --top 100 --kinds person entities.jsonl
//! ```
//!
//! The table gives, per kind, its entity count and the top `--top N`
//! (default 10), most mentioned first (ties: more documents, then by
//! name); `--tsv` writes `kind`, `name`, `mentions`, `documents` columns
//! with a header line instead. Exit status 2 when an input cannot be read
//! or is not JSON.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use gazetteer_ner::EntityKind;
use serde::Deserialize;

/// The most mentioned entities of `extract`'s JSON output, by kind.
#[derive(Debug, Parser)]
#[command(name = "top_entities")]
struct Cli {
    /// Output of `extract` (JSON Lines or JSON documents); stdin when none
    /// is given or for `-`.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,

    /// How many entities to list per kind.
    #[arg(long, value_name = "N", default_value_t = 10)]
    top: usize,

    /// Tab-separated `kind name mentions documents` lines, with a header,
    /// instead of a table.
    #[arg(long)]
    tsv: bool,

    /// Only these kinds (comma-separated: person, group, place, organisation).
    #[arg(long, value_delimiter = ',', value_name = "KINDS", value_parser = parse_kind)]
    kinds: Vec<EntityKind>,
}

fn parse_kind(kind: &str) -> Result<EntityKind, String> {
    kind.parse().map_err(|_| {
        format!("unknown kind {kind:?}: the kinds are person, group, place, organisation")
    })
}

/// One output object of `extract`; anything else in it is ignored.
#[derive(Deserialize)]
struct Document {
    #[serde(default)]
    entities: Option<Vec<Entity>>,
}

#[derive(Deserialize)]
struct Entity {
    kind: String,
    name: String,
    mentions: Vec<serde::de::IgnoredAny>,
}

/// The counts of one entity across the corpus.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Counts {
    mentions: u64,
    documents: u64,
}

/// The counts of every entity, by kind and name.
#[derive(Default)]
struct Corpus {
    entities: HashMap<(EntityKind, String), Counts>,
    documents: u64,
    errors: u64,
}

impl Corpus {
    /// Adds the documents read from `reader`.
    fn read(&mut self, reader: impl Read) -> Result<(), serde_json::Error> {
        let stream = serde_json::Deserializer::from_reader(BufReader::new(reader));
        for document in stream.into_iter::<Document>() {
            let Some(entities) = document?.entities else {
                self.errors += 1;
                continue;
            };
            self.documents += 1;
            let mut seen = HashSet::new();
            for entity in entities {
                let Ok(kind) = entity.kind.parse::<EntityKind>() else {
                    continue;
                };
                let key = (kind, entity.name);
                let counts = self.entities.entry(key.clone()).or_default();
                counts.mentions += entity.mentions.len() as u64;
                if seen.insert(key) {
                    counts.documents += 1;
                }
            }
        }
        Ok(())
    }

    /// The entities of `kind`, most mentioned first, with their count.
    fn top(&self, kind: EntityKind) -> Vec<(&str, Counts)> {
        let mut of_kind: Vec<(&str, Counts)> = self
            .entities
            .iter()
            .filter(|((k, _), _)| *k == kind)
            .map(|((_, name), &counts)| (name.as_str(), counts))
            .collect();
        of_kind.sort_by(|(a, x), (b, y)| {
            (y.mentions, y.documents)
                .cmp(&(x.mentions, x.documents))
                .then(a.cmp(b))
        });
        of_kind
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut corpus = Corpus::default();
    let files = if cli.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        cli.files.clone()
    };
    for path in &files {
        let read = if path.as_os_str() == "-" {
            corpus.read(io::stdin().lock()).map_err(|e| e.to_string())
        } else {
            File::open(path)
                .map_err(|e| e.to_string())
                .and_then(|file| corpus.read(file).map_err(|e| e.to_string()))
        };
        if let Err(e) = read {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    let kinds = if cli.kinds.is_empty() {
        EntityKind::ALL.to_vec()
    } else {
        cli.kinds.clone()
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let written = if cli.tsv {
        write_tsv(&mut out, &corpus, &kinds, cli.top)
    } else {
        write_table(&mut out, &corpus, &kinds, cli.top)
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write output: {e}");
            ExitCode::from(2)
        }
    }
}

fn write_tsv(
    out: &mut impl Write,
    corpus: &Corpus,
    kinds: &[EntityKind],
    top: usize,
) -> io::Result<()> {
    writeln!(out, "kind\tname\tmentions\tdocuments")?;
    for &kind in kinds {
        for (name, counts) in corpus.top(kind).into_iter().take(top) {
            // A tab or line break in a name would break the columns.
            let name = name.replace(['\t', '\n', '\r'], " ");
            writeln!(
                out,
                "{kind}\t{name}\t{}\t{}",
                counts.mentions, counts.documents
            )?;
        }
    }
    Ok(())
}

fn write_table(
    out: &mut impl Write,
    corpus: &Corpus,
    kinds: &[EntityKind],
    top: usize,
) -> io::Result<()> {
    write!(out, "{} documents", corpus.documents)?;
    if corpus.errors > 0 {
        write!(out, " ({} error lines skipped)", corpus.errors)?;
    }
    writeln!(out)?;
    for &kind in kinds {
        let all = corpus.top(kind);
        writeln!(out, "\n{kind}: {} entities", all.len())?;
        if all.is_empty() {
            continue;
        }
        writeln!(out, "  {:>8}  {:>9}  name", "mentions", "documents")?;
        for (name, counts) in all.into_iter().take(top) {
            writeln!(
                out,
                "  {:>8}  {:>9}  {name}",
                counts.mentions, counts.documents
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUN: &str = r#"{"id":1,"entities":[{"kind":"place","name":"Basra","mentions":[{"start":0,"end":5,"text":"Basra"},{"start":9,"end":14,"text":"Basra"}]},{"kind":"person","name":"Ann Smith","mentions":[{"start":20,"end":29,"text":"Ann Smith"}]}]}
{"line":2,"error":"missing \"text\" field"}
{"id":3,"entities":[{"kind":"place","name":"Basra","mentions":[{"start":0,"end":5,"text":"Basra"}]},{"kind":"place","name":"Iraq","mentions":[{"start":7,"end":11,"text":"Iraq"}]}]}
{
  "entities": [{"kind":"place","name":"Iraq","mentions":[{"start":0,"end":4,"text":"Iraq"}]}]
}
"#;

    fn corpus() -> Corpus {
        let mut corpus = Corpus::default();
        corpus.read(RUN.as_bytes()).unwrap();
        corpus
    }

    #[test]
    fn mentions_and_documents_are_counted_per_entity() {
        let corpus = corpus();
        assert_eq!((corpus.documents, corpus.errors), (3, 1));
        let c = |mentions, documents| Counts {
            mentions,
            documents,
        };
        assert_eq!(
            corpus.top(EntityKind::Place),
            [("Basra", c(3, 2)), ("Iraq", c(2, 2))]
        );
        assert_eq!(corpus.top(EntityKind::Person), [("Ann Smith", c(1, 1))]);
        assert!(corpus.top(EntityKind::Group).is_empty());
    }

    #[test]
    fn tsv_has_a_header_and_a_line_per_entity() {
        let mut out = Vec::new();
        write_tsv(
            &mut out,
            &corpus(),
            &[EntityKind::Place, EntityKind::Person],
            1,
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "kind\tname\tmentions\tdocuments\nplace\tBasra\t3\t2\nperson\tAnn Smith\t1\t1\n"
        );
    }

    #[test]
    fn the_table_lists_kinds_with_their_top_entities() {
        let mut out = Vec::new();
        write_table(&mut out, &corpus(), &EntityKind::ALL, 10).unwrap();
        let table = String::from_utf8(out).unwrap();
        assert!(
            table.starts_with("3 documents (1 error lines skipped)\n"),
            "{table}"
        );
        assert!(table.contains("place: 2 entities\n  mentions  documents  name\n         3          2  Basra\n         2          2  Iraq\n"), "{table}");
        assert!(table.contains("group: 0 entities\n"));
    }

    #[test]
    fn input_that_is_not_json_is_an_error() {
        assert!(Corpus::default().read("not json".as_bytes()).is_err());
    }
}
