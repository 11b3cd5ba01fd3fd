//! Throughput of extraction against the limit, measured in one run.
//!
//! ```text
//! cargo run --release --features internals --example throughput -- [--threads N] [FILE.jsonl ...]
//! ```
//!
//! Reads the `text` of every line of the JSONL files (by default the news
//! corpus in `../shared/corpus/articles/`), then times over the same texts:
//!
//! - the first call of `extract()` in this process, on a short text (it
//!   makes the default extractor), and making the default extractor again;
//! - start-up: the CLI (`extract`, the binary built next to this one) run
//!   as a process on one short text, from its start to its exit;
//! - a raw Aho-Corasick scan (leftmost-longest) for the default gazetteers'
//!   surface forms: no tokenizer, no boundaries, no resolution, the limit
//!   that a gazetteer extractor can approach;
//! - the tokenizer alone;
//! - `extract` on one thread; `extract` on all threads, each result used
//!   where it was made; and `extract_batch` on all threads, which returns
//!   every result to the caller;
//! - `explain` on one thread: `extract` with the reasons of every mention,
//!   and its time over `extract`'s;
//! - the CLI's path for `extract --jsonl`, on one and on all threads: the
//!   files read, their records parsed, entities extracted and result lines
//!   written (to a sink that counts them), by the CLI's own code
//!   (`examples/extract/jsonl/`, included here as modules). Its MB/s count
//!   the same text bytes as the other rows, though it reads whole files
//!   (ids, other fields and JSON escapes included). Besides the ratio to
//!   the raw scan it reports the cost of JSON in and out: the CLI path's
//!   time over `extract`'s on one thread, less one, the two timed next to
//!   each other in each round (which goes first by turns), and the same
//!   from the time the thread spent on a CPU (on Linux), which leaves out
//!   the waits for a CPU that other processes of a shared host hold. It
//!   also gives the ratio to the raw scan with the making of the default
//!   extractor added, as a CLI process pays it;
//! - the CLI end to end: `extract --jsonl` run as a process over the same
//!   files, on one and on all threads, its output discarded: process
//!   start, reading, extraction and writing;
//! - one long document: the texts joined by blank lines up to 10 MB, read
//!   in windows (see `DEFAULT_WINDOW_SIZE`), against the same bytes cut
//!   into 1,000 documents of 10 KB, and against its first 10 KB read as a
//!   document 1,000 times: the time per byte of each, and the ratios. The
//!   first ratio is what the length of a document costs: both runs read
//!   the same text once. The second also counts what reading one text
//!   again saves: a 10 KB text read over and over finds its gazetteer
//!   entries in the caches and its branches learnt by the processor's
//!   predictors, which no new text does, long or short.
//!
//! The CLI rows need the CLI built: `cargo build --release --example
//! extract` (they are left out, with a note, when it is not).
//!
//! The runs are timed in rounds, each run once per round. Figures are MB/s
//! of text (the median over the rounds) and ratios to the raw scan (the
//! median of the ratios within each round, so that a slow spell on a shared
//! host, which slows runs close in time alike, moves them less), from one
//! invocation on one machine: absolute times on shared machines are noise,
//! ratios less so.

// The CLI's JSON Lines path and what it needs, the very files the CLI
// builds from.
#[path = "extract/input.rs"]
mod input;
#[path = "extract/jsonl/mod.rs"]
mod jsonl;
#[path = "extract/lossy.rs"]
mod lossy;
#[path = "extract/main_content.rs"]
mod main_content;
#[path = "extract/offsets.rs"]
mod offsets;
#[path = "extract/output.rs"]
mod output;
#[path = "extract/progress.rs"]
mod progress;
#[path = "extract/status.rs"]
mod status;
// The views' JSON options only: the HTML page is written by the CLI's
// document mode, which this example does not include.
#[path = "extract/view/mod.rs"]
#[allow(dead_code)]
mod view;

use std::ffi::OsString;
use std::io::{self, Write};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use aho_corasick::{AhoCorasick, MatchKind};
use clap::Parser;
use gazetteer_ner::{Extractor, gazetteer, tokenizer};

use crate::input::Input;
use crate::status::Status;

#[derive(Parser)]
#[command(about = "Measures extraction throughput against a raw Aho-Corasick scan")]
struct Args {
    /// Threads for the parallel run (default: all cores).
    #[arg(long)]
    threads: Option<NonZeroUsize>,
    /// Rounds of measurement: each round times every run once, and the
    /// figures are medians over the rounds (the build keeps its best).
    #[arg(long, default_value_t = 5)]
    repeat: usize,
    /// JSONL files with a "text" field per line.
    files: Vec<PathBuf>,
}

/// The text that the start-up runs extract from.
const SHORT_TEXT: &str = "Moqtada al-Sadr spoke in Baghdad on Friday.";

fn main() {
    // First, before anything else warms the caches: what the first call
    // in a process pays.
    let (first_call, entities) = timed(|| gazetteer_ner::extract(SHORT_TEXT).len());
    assert!(entities > 0, "the short text has entities");
    let args = Args::parse();
    if let Err(message) = run(args, first_call) {
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

/// The runs of a round, by index.
const RAW: usize = 0;
const TOKENIZER: usize = 1;
const ONE: usize = 2;
const SPREAD: usize = 3;
const ALL: usize = 4;
const CLI_ONE: usize = 5;
const CLI_ALL: usize = 6;
const PROCESS_ONE: usize = 7;
const PROCESS_ALL: usize = 8;
const EXPLAIN: usize = 9;
const LONG_DOCUMENT: usize = 10;
const SHORT_DOCUMENTS: usize = 11;
const PIECES: usize = 12;

/// The size of the long document, and of the short one read in its stead
/// as many times as it takes to make the same size.
const LONG: usize = 10_000_000;
const SHORT: usize = 10_000;

/// How many start-up runs a round makes.
const STARTS: usize = 5;

/// How many texts a thread takes at a time in [`extract_on_threads`].
const CHUNK: usize = 16;

/// The entities found in `texts` by `extract` on `threads` threads, each
/// result used and dropped on the thread that made it, as the one-thread
/// run does; `extract_batch` instead hands every result back to the
/// caller, whose thread then frees them all.
fn extract_on_threads(
    extractor: &Extractor,
    texts: &[String],
    threads: Option<NonZeroUsize>,
) -> usize {
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.map_or(1, NonZeroUsize::get))
            .map(|_| {
                scope.spawn(|| {
                    let mut found = 0;
                    loop {
                        let start = next.fetch_add(CHUNK, Ordering::Relaxed);
                        if start >= texts.len() {
                            break found;
                        }
                        let end = (start + CHUNK).min(texts.len());
                        found += texts[start..end]
                            .iter()
                            .map(|t| extractor.extract(t).len())
                            .sum::<usize>();
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a worker thread panicked"))
            .sum()
    })
}

/// A writer that keeps nothing and counts the bytes.
struct Count(usize);

impl Write for Count {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0 += bytes.len();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The CLI's `--jsonl` path over `inputs` on `threads` threads: the bytes
/// of output it writes.
fn cli_path(extractor: &Extractor, inputs: &[Input], threads: usize) -> Result<usize, String> {
    let options = jsonl::Options {
        threads,
        strict: false,
        lossy: false,
        label_files: false,
        main_content: false,
        explain: false,
        view: view::View::default(),
    };
    let mut out = Count(0);
    let mut progress = progress::Progress::new(inputs, false, false, false);
    match jsonl::run(extractor, inputs, &options, &mut out, &mut progress) {
        Ok(Status::Ok) => Ok(out.0),
        Ok(status) => Err(format!("the CLI path failed: {status:?}")),
        Err(e) => Err(format!("the CLI path cannot write: {e}")),
    }
}

/// The CLI binary, built next to this example, if it is there.
fn cli_binary() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let cli = exe.with_file_name(format!("extract{}", std::env::consts::EXE_SUFFIX));
    cli.is_file().then_some(cli)
}

/// Runs the CLI to its end: `args`, then `stdin` written to it; the
/// output is discarded.
fn run_cli(cli: &Path, args: &[OsString], stdin: &str) -> Result<(), String> {
    let mut child = Command::new(cli)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", cli.display()))?;
    let mut input = child.stdin.take().expect("stdin was piped");
    input
        .write_all(stdin.as_bytes())
        .map_err(|e| format!("cannot write to the CLI: {e}"))?;
    drop(input);
    let status = child
        .wait()
        .map_err(|e| format!("the CLI did not finish: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the CLI failed: {status}"))
    }
}

/// `texts` joined by blank lines, up to `len` bytes (cut at a character
/// boundary).
fn document(texts: &[String], len: usize) -> String {
    let mut doc = String::with_capacity(len + 4096);
    for text in texts {
        if doc.len() >= len {
            break;
        }
        if !doc.is_empty() {
            doc.push_str("\n\n");
        }
        doc.push_str(text);
    }
    doc.truncate(floor_boundary(&doc, len));
    doc
}

/// The last character boundary of `text` at or before `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// One run of `f`: its time in seconds, and its result.
fn timed<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let start = Instant::now();
    let out = f();
    (start.elapsed().as_secs_f64(), out)
}

/// One run of `f` on this thread: its time in seconds, the time the
/// thread spent on a CPU meanwhile (where the system says), and its
/// result.
fn timed_on_cpu<T>(f: impl FnOnce() -> T) -> (f64, Option<f64>, T) {
    let before = thread_cpu_time();
    let (seconds, out) = timed(f);
    let on_cpu = before.zip(thread_cpu_time()).map(|(a, b)| b - a);
    (seconds, on_cpu, out)
}

/// The seconds this thread has spent on a CPU, from Linux's
/// `/proc/thread-self/schedstat`; `None` elsewhere. Unlike the time from
/// start to end, it leaves out the time the thread waited for a CPU that
/// other processes held, which on a shared host moves from run to run.
fn thread_cpu_time() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanoseconds: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(nanoseconds as f64 / 1e9)
}

/// The median of some figures (the mean of the middle two of an even
/// number).
fn median(mut figures: Vec<f64>) -> f64 {
    figures.sort_by(f64::total_cmp);
    let n = figures.len();
    if n % 2 == 1 {
        figures[n / 2]
    } else {
        (figures[n / 2 - 1] + figures[n / 2]) / 2.0
    }
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

fn run(args: Args, first_call: f64) -> Result<(), String> {
    let files = if args.files.is_empty() {
        default_files()
    } else {
        args.files
    };
    if files.is_empty() {
        return Err("no corpus: ../shared/corpus/articles is absent and no file was given".into());
    }
    let texts = load(&files)?;
    let inputs = Input::all(&files);
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
        "default extractor: {} entries, {} surface forms, made in {:.2} ms (best of {}), \
         holds {:.1} MB; the first extract() of this process took {:.2} ms",
        extractor.entry_count(),
        extractor.pattern_count(),
        build * 1e3,
        args.repeat.max(1),
        extractor.memory_usage() as f64 / 1e6,
        first_call * 1e3,
    );
    let cli = cli_binary();
    if cli.is_none() {
        println!("(no CLI rows: build the CLI first, `cargo build --release --example extract`)");
    }

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

    let threads = args
        .threads
        .or_else(|| std::thread::available_parallelism().ok());
    let n = threads.map_or(1, NonZeroUsize::get);
    // The CLI's arguments for `--jsonl` over the files on `threads` threads.
    let process_args = |threads: usize| -> Vec<OsString> {
        let mut list: Vec<OsString> = ["--jsonl", "--threads", &threads.to_string()]
            .map(OsString::from)
            .into();
        list.extend(files.iter().map(OsString::from));
        list
    };
    let (process_one_args, process_all_args) = (process_args(1), process_args(n));
    let long = document(&texts, LONG);
    let short = &long[..floor_boundary(&long, SHORT)];
    let short_reads = long.len().div_ceil(short.len().max(1));
    let mut pieces = Vec::new();
    let mut start = 0;
    while start < long.len() {
        // The next boundary at or after 10 KB on.
        let end = (start + SHORT..=long.len())
            .find(|&i| long.is_char_boundary(i))
            .unwrap_or(long.len());
        pieces.push(&long[start..end]);
        start = end;
    }
    // Each round times every run once, one after another: a neighbour on
    // a shared host slows runs close in time alike, so the ratios within a
    // round hold steadier than times taken minutes apart.
    let mut rounds = Vec::new();
    let mut starts = Vec::new();
    let mut counts = [0; 3];
    // The CLI path's time on the thread's CPU over `extract`'s, by round.
    let mut json_on_cpu = Vec::new();
    for round in 0..args.repeat.max(1) {
        let (raw_s, raw_matches) = timed(|| {
            texts
                .iter()
                .map(|t| raw.find_iter(t).count())
                .sum::<usize>()
        });
        let (tok_s, tokens) = timed(|| {
            texts
                .iter()
                .map(|t| tokenizer::tokenize(t).len())
                .sum::<usize>()
        });
        // `extract` and the CLI path on one thread are timed next to each
        // other, which goes first by turns: the CLI path's cost over
        // `extract` is then not that of the runs before it (taken after
        // the runs on all threads, it came out 7 to 21 points higher by
        // the clock and 1 to 5 on the CPU, in two runs of seven rounds).
        let extract_one = || {
            timed_on_cpu(|| {
                texts
                    .iter()
                    .map(|t| extractor.extract(t).len())
                    .sum::<usize>()
            })
        };
        let cli_path_one = || timed_on_cpu(|| cli_path(&extractor, &inputs, 1));
        let ((one_s, one_cpu, one), (cli_one_s, cli_one_cpu, cli_one)) = if round % 2 == 0 {
            let one = extract_one();
            (one, cli_path_one())
        } else {
            let cli_one = cli_path_one();
            (extract_one(), cli_one)
        };
        if let (Some(one), Some(cli)) = (one_cpu, cli_one_cpu) {
            json_on_cpu.push(cli / one);
        }
        let (explain_s, explained) = timed(|| {
            texts
                .iter()
                .map(|t| extractor.explain(t).len())
                .sum::<usize>()
        });
        if explained != one {
            return Err(format!("explain found {explained} entities, extract {one}"));
        }
        let (spread_s, spread) = timed(|| extract_on_threads(&extractor, &texts, threads));
        let (all_s, all) = timed(|| {
            extractor
                .extract_batch(&texts, threads)
                .iter()
                .map(Vec::len)
                .sum::<usize>()
        });
        if one != all || one != spread {
            return Err(format!(
                "parallel runs found {spread} and {all} entities, single-threaded {one}"
            ));
        }
        let (cli_all_s, cli_all) = timed(|| cli_path(&extractor, &inputs, n));
        if cli_one? != cli_all? {
            return Err("the CLI path wrote different output on 1 and on more threads".into());
        }
        let (long_s, _) = timed(|| extractor.extract(&long).len());
        let (short_s, _) = timed(|| {
            (0..short_reads)
                .map(|_| extractor.extract(short).len())
                .sum::<usize>()
        });
        let (pieces_s, _) = timed(|| {
            pieces
                .iter()
                .map(|p| extractor.extract(p).len())
                .sum::<usize>()
        });
        let (mut process_one_s, mut process_all_s) = (f64::NAN, f64::NAN);
        if let Some(cli) = &cli {
            let (seconds, done) = timed(|| run_cli(cli, &process_one_args, ""));
            done?;
            process_one_s = seconds;
            let (seconds, done) = timed(|| run_cli(cli, &process_all_args, ""));
            done?;
            process_all_s = seconds;
            for _ in 0..STARTS {
                let (seconds, done) = timed(|| run_cli(cli, &[], SHORT_TEXT));
                done?;
                starts.push(seconds);
            }
        }
        rounds.push([
            raw_s,
            tok_s,
            one_s,
            spread_s,
            all_s,
            cli_one_s,
            cli_all_s,
            process_one_s,
            process_all_s,
            explain_s,
            long_s,
            short_s,
            pieces_s,
        ]);
        counts = [raw_matches, tokens, one];
    }
    let [raw_matches, tokens, one] = counts;
    let seconds = |run: usize| median(rounds.iter().map(|r| r[run]).collect());
    let ratio = |run: usize, to: usize| median(rounds.iter().map(|r| r[to] / r[run]).collect());

    let row = |name: &str, run: usize, what: String| {
        let secs = seconds(run);
        println!(
            "{name:<34} {:>8.1} MB/s {:>9.0} texts/s {:>7.2}x raw   {what}",
            mb / secs,
            texts.len() as f64 / secs,
            ratio(run, RAW)
        );
    };
    println!(
        "{} rounds; medians of times, and of the ratios within each round",
        rounds.len()
    );
    println!("{:<34} {:>13} {:>17} {:>12}", "", "throughput", "", "ratio");
    row(
        &format!("raw aho-corasick ({} phrases)", phrases.len()),
        RAW,
        format!("{raw_matches} matches"),
    );
    row("tokenizer alone", TOKENIZER, format!("{tokens} tokens"));
    row("extract, 1 thread", ONE, format!("{one} entities"));
    row(
        "explain, 1 thread",
        EXPLAIN,
        format!("{:.2}x the time of extract", ratio(ONE, EXPLAIN)),
    );
    row(
        &format!("extract, {n} threads"),
        SPREAD,
        format!("{:.2}x one thread", ratio(SPREAD, ONE)),
    );
    row(
        &format!("extract_batch, {n} threads"),
        ALL,
        format!("{:.2}x one thread", ratio(ALL, ONE)),
    );
    row(
        "CLI path (JSONL in, out), 1 thread",
        CLI_ONE,
        if json_on_cpu.is_empty() {
            format!(
                "JSON in and out {:+.1}% of extract",
                100.0 * (ratio(ONE, CLI_ONE) - 1.0)
            )
        } else {
            format!(
                "JSON in and out {:+.1}% of extract ({:+.1}% on the CPU)",
                100.0 * (ratio(ONE, CLI_ONE) - 1.0),
                100.0 * (median(json_on_cpu.clone()) - 1.0)
            )
        },
    );
    row(
        &format!("CLI path, {n} threads"),
        CLI_ALL,
        format!("{:.2}x CLI path on one thread", ratio(CLI_ALL, CLI_ONE)),
    );
    // What a CLI process pays besides: making the default extractor.
    let with_build =
        |run: usize| median(rounds.iter().map(|r| r[RAW] / (r[run] + build)).collect());
    println!(
        "CLI path with the default extractor's making added: {:.2}x raw on 1 thread, \
         {:.2}x raw on {n} threads",
        with_build(CLI_ONE),
        with_build(CLI_ALL),
    );
    if cli.is_some() {
        row(
            "CLI process end to end, 1 thread",
            PROCESS_ONE,
            "extract --jsonl --threads 1, output discarded".into(),
        );
        row(
            &format!("CLI process end to end, {n} threads"),
            PROCESS_ALL,
            format!("{:.2}x one thread", ratio(PROCESS_ALL, PROCESS_ONE)),
        );
        let (low, high) = (
            starts.iter().copied().fold(f64::INFINITY, f64::min),
            starts.iter().copied().fold(0.0, f64::max),
        );
        println!(
            "start-up: the CLI on one short text, from start to exit: {:.1} ms \
             (median of {}; {:.1} to {:.1} ms)",
            median(starts.clone()) * 1e3,
            starts.len(),
            low * 1e3,
            high * 1e3
        );
    }
    let per_byte = |run: usize, bytes: usize| {
        median(rounds.iter().map(|r| r[run] / bytes as f64 * 1e9).collect())
    };
    let short_bytes = short.len() * short_reads;
    let long_to = |run: usize, bytes: usize| {
        median(
            rounds
                .iter()
                .map(|r| (r[LONG_DOCUMENT] / long.len() as f64) / (r[run] / bytes as f64))
                .collect(),
        )
    };
    println!(
        "one document of {:.1} MB: {:.1} ns/byte; {:.2}x the time per byte of its bytes as {} \
         documents of 10 KB ({:.1} ns/byte); {:.2}x that of a document of {:.1} KB read \
         {short_reads} times ({:.1} ns/byte)",
        long.len() as f64 / 1e6,
        per_byte(LONG_DOCUMENT, long.len()),
        long_to(PIECES, long.len()),
        pieces.len(),
        per_byte(PIECES, long.len()),
        long_to(SHORT_DOCUMENTS, short_bytes),
        short.len() as f64 / 1e3,
        per_byte(SHORT_DOCUMENTS, short_bytes),
    );
    let spread: Vec<String> = rounds
        .iter()
        .map(|r| format!("{:.2}", r[RAW] / r[ONE]))
        .collect();
    println!("extract, 1 thread, to raw by round: {}", spread.join(" "));
    Ok(())
}
