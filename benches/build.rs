//! The cost of building extractors: the default one (what the first call
//! of `gazetteer_ner::extract` pays, and what every `Extractor::builder()
//! .build()` pays), and one compiled from gazetteer files at run time.
//!
//! ```text
//! cargo bench --bench build
//! ```
//!
//! Group `build`:
//!
//! - `default_extractor`: `Extractor::builder().build()`, which reads the
//!   tables that the build script compiled from the default gazetteers in
//!   place;
//! - `default_files_compiled`: an extractor without the defaults, given
//!   the crate's `gazetteers/` folder: the same entries read from the files
//!   and compiled at run time, as the build script compiles them and as a
//!   user's gazetteers are compiled;
//! - `default_entries`: `gazetteer::default_entries()`, parsing the embedded
//!   gazetteers into owned entries alone.
//!
//! Times exclude dropping what was built. Before measuring, prints the
//! built extractor's entry and surface-form counts and `memory_usage()`.
//! Needs no corpus.

use std::time::Duration;

use criterion::{Criterion, SamplingMode};
use gazetteer_ner::{Extractor, gazetteer};

fn main() {
    let extractor = Extractor::builder()
        .build()
        .expect("the default gazetteers build");
    let entries = gazetteer::default_entries().expect("the default gazetteers parse");
    let entity_entries = entries.iter().filter(|e| e.kind.entity().is_some()).count();
    println!(
        "build: default extractor: {} entity entries, {} surface forms, {} gazetteer lines \
         ({} word-list entries), memory_usage() = {} bytes ({:.1} MB)",
        extractor.entry_count(),
        extractor.pattern_count(),
        entries.len(),
        entries.len() - entity_entries,
        extractor.memory_usage(),
        extractor.memory_usage() as f64 / 1e6,
    );
    drop((extractor, entries));

    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group("build");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(6));
    group.bench_function("default_extractor", |b| {
        b.iter_with_large_drop(|| Extractor::builder().build().expect("builds"))
    });
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/gazetteers");
    group.bench_function("default_files_compiled", |b| {
        b.iter_with_large_drop(|| {
            Extractor::builder()
                .default_gazetteers(false)
                .gazetteer_dir(dir)
                .build()
                .expect("builds")
        })
    });
    group.bench_function("default_entries", |b| {
        b.iter_with_large_drop(|| gazetteer::default_entries().expect("parses"))
    });
    group.finish();
    c.final_summary();
}
