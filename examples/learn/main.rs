//! Learns the rules of `gazetteers/learned/rules.tsv` and mines the names
//! of `gazetteers/mined-*.tsv` from the article corpus.
//!
//! ```text
//! cargo run --release --features learn --example learn -- ../shared/corpus gazetteers
//! ```
//!
//! Reads every `articles/*.jsonl` file of the corpus directory in file-name
//! order (one `{"id": …, "text": …}` document a line) and hands the texts
//! to [`gazetteer_ner::learn::Learner`], with the labelled GUM training set
//! (`train/gum-train.jsonl`, never the dev sets) to check which classes of
//! rules may type names no list holds; whose seeds come from the default
//! gazetteers without the files it writes (nor the ANNIE lists, kept apart
//! for their licence) and without learned rules; then writes the rules file
//! and the mined gazetteers into the output directory and prints what
//! happened round by round. The same corpus gives byte-identical files.
//! Rebuild after running it: the default gazetteers are embedded in the
//! crate.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gazetteer_ner::learn::{GoldSpan, Learner, Params};
use gazetteer_ner::{EntityKind, Extractor};

/// The default gazetteer files the learner does not take its seeds from.
const NOT_SEEDS: [&str; 2] = ["mined-*", "annie-*"];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, rules] = args.as_slice()
        && flag == "--explain"
    {
        return explain(Path::new(rules));
    }
    let [corpus, output] = args.as_slice() else {
        eprintln!(
            "usage: learn <corpus-dir> <gazetteer-dir>\n       learn --explain RULES.tsv < DOCS.jsonl"
        );
        return ExitCode::from(2);
    };
    match run(Path::new(corpus), Path::new(output)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(corpus: &Path, output: &Path) -> Result<(), String> {
    let mut builder = Extractor::builder().learned_rules(false);
    for pattern in NOT_SEEDS {
        if gazetteer_ner::gazetteer::default_file_names()
            .any(|n| n.starts_with(&pattern[..pattern.len() - 1]))
        {
            builder = builder.leave_out_default(pattern);
        }
    }
    let extractor = builder
        .build()
        .map_err(|e| format!("cannot build the extractor: {e}"))?;
    let mut learner = Learner::new(&extractor, Params::default());
    for path in article_files(corpus)? {
        let file = fs::File::open(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for (n, line) in BufReader::new(file).lines().enumerate() {
            let line = line.map_err(|e| format!("{}: {e}", path.display()))?;
            let doc: serde_json::Value = serde_json::from_str(&line)
                .map_err(|e| format!("{}, line {}: {e}", path.display(), n + 1))?;
            let text = doc["text"]
                .as_str()
                .ok_or_else(|| format!("{}, line {}: no \"text\"", path.display(), n + 1))?;
            learner.add_text(text);
        }
    }
    add_validation(&mut learner, &corpus.join("train/gum-train.jsonl"))?;
    let learned = learner.learn();
    print!("{}", learned.log());
    let learned_dir = output.join("learned");
    fs::create_dir_all(&learned_dir).map_err(|e| format!("{}: {e}", learned_dir.display()))?;
    let mut files = vec![
        (learned_dir.join("rules.tsv"), learned.rules_file()),
        (
            learned_dir.join("common-words.tsv"),
            learned.common_words_file(),
        ),
    ];
    files.extend(
        learned
            .mined_files()
            .into_iter()
            .map(|(name, text)| (output.join(name), text)),
    );
    for (path, text) in files {
        fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

/// Prints, for every document of a JSON Lines file on standard input,
/// one JSON line per example: its byte span, whether it is covered, common
/// or a lone sentence-initial word, and the rules it fires.
fn explain(rules: &Path) -> ExitCode {
    let result = (|| {
        let read =
            |path: &Path| fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()));
        let common = read(&rules.with_file_name("common-words.tsv"))?;
        let rules = read(rules)?;
        let extractor = Extractor::builder()
            .learned_rules(false)
            .build()
            .map_err(|e| e.to_string())?;
        for line in std::io::stdin().lines() {
            let line = line.map_err(|e| e.to_string())?;
            let doc: serde_json::Value = serde_json::from_str(&line).map_err(|e| e.to_string())?;
            let text = doc["text"].as_str().ok_or("a line without \"text\"")?;
            let seen = gazetteer_ner::learn::explain(&extractor, &rules, &common, text)
                .map_err(|e| e.to_string())?;
            for e in seen {
                let fired: Vec<serde_json::Value> = e
                    .fired
                    .iter()
                    .map(|(f, k, s, c)| serde_json::json!([f, k, s, c]))
                    .collect();
                let out = serde_json::json!({
                    "id": doc["id"], "start": e.start, "end": e.end,
                    "initial": e.lone_initial, "covered": e.covered, "common": e.common,
                    "fired": fired,
                });
                println!("{out}");
            }
        }
        Ok::<(), String>(())
    })();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Adds the labelled texts of a corpus file as validation texts: persons,
/// places, and groups and organisations as one kind (the rules do not tell
/// them apart), other names as no kind.
fn add_validation(learner: &mut Learner<'_>, path: &Path) -> Result<(), String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    for (n, line) in text.lines().enumerate() {
        let bad = |what: &str| format!("{}, line {}: {what}", path.display(), n + 1);
        let doc: serde_json::Value = serde_json::from_str(line).map_err(|e| bad(&e.to_string()))?;
        let text = doc["text"].as_str().ok_or_else(|| bad("no \"text\""))?;
        let mut gold = Vec::new();
        for entity in doc["entities"]
            .as_array()
            .ok_or_else(|| bad("no \"entities\""))?
        {
            let offset = |key: &str| {
                entity[key]
                    .as_u64()
                    .map(|v| v as usize)
                    .ok_or_else(|| bad("an entity without offsets"))
            };
            let kind = match entity["label"].as_str() {
                Some("person") => Some(EntityKind::Person),
                Some("place") => Some(EntityKind::Place),
                Some("organisation" | "group") => Some(EntityKind::Organisation),
                _ => None,
            };
            gold.push(GoldSpan {
                start: offset("start")?,
                end: offset("end")?,
                kind,
            });
        }
        learner.add_validation(text, gold);
    }
    Ok(())
}

/// The corpus's `articles/*.jsonl` files, in file-name order.
fn article_files(corpus: &Path) -> Result<Vec<PathBuf>, String> {
    let dir = corpus.join("articles");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("{} holds no *.jsonl file", dir.display()));
    }
    Ok(files)
}
