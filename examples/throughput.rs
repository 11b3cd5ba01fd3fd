//! Throughput of extraction against the limit, measured in one run.
//!
//! ```text
//! cargo run --release --example throughput -- [--threads N] [FILE.jsonl ...]
//! ```
//!
//! Reads the `text` of every line of the JSONL files (by default the news
//! corpus in `../shared/corpus/articles/`), then times over the same texts:
//!
//! - building the default extractor (what the first `extract()` pays);
//! - a raw Aho-Corasick scan (leftmost-longest) for the default gazetteers'
//!   surface forms: no tokenizer, no boundaries, no resolution, the limit
//!   that a gazetteer extractor can approach;
//! - the tokenizer alone;
//! - `extract` on one thread, and `extract_batch` on all threads.
//!
//! Figures are MB/s of text and ratios to the raw scan, from one run on one
//! machine: absolute times on shared machines are noise, ratios are not.

use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::time::Instant;

use aho_corasick::{AhoCorasick, MatchKind};
use clap::Parser;
use gazetteer_ner::{Extractor, gazetteer, tokenizer};

#[derive(Parser)]
#[command(about = "Measures extraction throughput against a raw Aho-Corasick scan")]
struct Args {
    /// Threads for the parallel run (default: all cores).
    #[arg(long)]
    threads: Option<NonZeroUsize>,
    /// How many times to repeat each measurement (the best run is kept).
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// JSONL files with a "text" field per line.
    files: Vec<PathBuf>,
}

fn main() {
    let args = Args::parse();
    if let Err(message) = run(args) {
        eprintln!("throughput: {message}");
        std::process::exit(2);
    }
}

fn default_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/articles");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "jsonl"));
    files.sort();
    files
}

fn load(files: &[PathBuf]) -> Result<Vec<String>, String> {
    let mut texts = Vec::new();
    for path in files {
        let data = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        for (i, line) in data.lines().enumerate() {
            let value: serde_json::Value = serde_json::from_str(line)
                .map_err(|e| format!("{}:{}: {e}", path.display(), i + 1))?;
            if let Some(text) = value.get("text").and_then(|t| t.as_str()) {
                texts.push(text.to_string());
            }
        }
    }
    Ok(texts)
}

/// The best of `repeat` runs of `f`, in seconds.
fn best<T>(repeat: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut last = None;
    for _ in 0..repeat.max(1) {
        let start = Instant::now();
        let out = f();
        best = best.min(start.elapsed().as_secs_f64());
        last = Some(out);
    }
    (best, last.expect("at least one run"))
}

fn run(args: Args) -> Result<(), String> {
    let files = if args.files.is_empty() {
        default_files()
    } else {
        args.files
    };
    if files.is_empty() {
        return Err("no corpus: ../shared/corpus/articles is absent and no file was given".into());
    }
    let texts = load(&files)?;
    let bytes: usize = texts.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "corpus: {} texts, {:.1} MB from {} files",
        texts.len(),
        mb,
        files.len()
    );

    let (build, extractor) = best(args.repeat, || Extractor::builder().build());
    let extractor = extractor.map_err(|e| e.to_string())?;
    println!(
        "default extractor: {} entries, {} surface forms, built in {:.0} ms, holds {:.1} MB",
        extractor.entry_count(),
        extractor.pattern_count(),
        build * 1e3,
        extractor.memory_usage() as f64 / 1e6
    );

    let entries = gazetteer::default_entries().map_err(|e| e.to_string())?;
    let mut phrases: Vec<&str> = entries
        .iter()
        .filter(|e| e.kind.entity().is_some())
        .flat_map(|e| e.surface_forms())
        .collect();
    phrases.sort_unstable();
    phrases.dedup();
    let raw = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&phrases)
        .map_err(|e| e.to_string())?;

    let (raw_s, raw_matches) = best(args.repeat, || {
        texts
            .iter()
            .map(|t| raw.find_iter(t).count())
            .sum::<usize>()
    });
    let (tok_s, tokens) = best(args.repeat, || {
        texts
            .iter()
            .map(|t| tokenizer::tokenize(t).len())
            .sum::<usize>()
    });
    let (one_s, one) = best(args.repeat, || {
        texts
            .iter()
            .map(|t| extractor.extract(t).len())
            .sum::<usize>()
    });
    let threads = args
        .threads
        .or_else(|| std::thread::available_parallelism().ok());
    let (all_s, all) = best(args.repeat, || {
        extractor
            .extract_batch(&texts, threads)
            .iter()
            .map(Vec::len)
            .sum::<usize>()
    });
    if one != all {
        return Err(format!(
            "parallel run found {all} entities, single-threaded {one}"
        ));
    }

    let row = |name: &str, secs: f64, what: String| {
        println!(
            "{name:<34} {:>8.1} MB/s {:>9.0} texts/s {:>7.2}x raw   {what}",
            mb / secs,
            texts.len() as f64 / secs,
            raw_s / secs
        );
    };
    println!("{:<34} {:>13} {:>17} {:>12}", "", "throughput", "", "ratio");
    row(
        &format!("raw aho-corasick ({} phrases)", phrases.len()),
        raw_s,
        format!("{raw_matches} matches"),
    );
    row("tokenizer alone", tok_s, format!("{tokens} tokens"));
    row("extract, 1 thread", one_s, format!("{one} entities"));
    let n = threads.map_or(1, NonZeroUsize::get);
    row(
        &format!("extract_batch, {n} threads"),
        all_s,
        format!("{:.2}x one thread", one_s / all_s),
    );
    Ok(())
}
