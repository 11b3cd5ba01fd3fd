//! Compiles the crate's default gazetteers, every `gazetteers/*.tsv`.
//!
//! Writes to `$OUT_DIR`:
//!
//! - `default_gazetteers.bin`, the matcher's tables for the default
//!   gazetteers as an image that the library embeds and reads in place
//!   (`src/gazetteer/image.rs`), so that starting the default extractor
//!   costs no parsing and no compiling. The tables are made by the
//!   library's own compiler (`src/gazetteer/matcher/compile.rs`), which
//!   this script includes with the modules it needs, wired as they are in
//!   the library; and beside it `default_gazetteer_texts.txt`, the texts of
//!   the forms and names, embedded as a string literal, which the compiler
//!   checks for UTF-8 so that no process has to;
//! - `learned_rules.bin`, the tables of the learned rules and common words
//!   (`gazetteers/learned/`) as an image read in place the same way
//!   (`src/learned/table.rs`), read from their files by the library's own
//!   reader (`src/learned/file.rs`);
//! - `cue_index.rs`, the index of the cue words (titles, designators,
//!   connectors...) as Rust statics that the library includes
//!   (`src/document/cue_index.rs`), for every target;
//! - `boilerplate.rs`, the phrases of `gazetteers/web-boilerplate.txt` by
//!   their keys, likewise (`src/boilerplate/compiled.rs`);
//! - `capitals.rs`, the capitals of `gazetteers/capitals-geonames.txt`
//!   and the words that make one its government, by their hashes
//!   (`src/resolver/capital_table.rs`), likewise;
//! - `default_gazetteers.rs`, a slice of (file name, contents) pairs built
//!   with `include_str!`, for `gazetteer::default_entries`.
//!
//! Files are read in file-name order, so that builds are reproducible. A
//! malformed file fails the build, with its name and line.
//!
//! When the target's byte order is not this machine's, no image is
//! written and the library compiles the defaults on first use instead
//! (the `gazetteer_ner_defaults_at_run_time` cfg).

#![forbid(unsafe_code)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

// The library's modules that the compiler needs, under the names the
// library gives them, so that their `crate::` paths resolve here as there.
// (What of them this script does not call is dead code here.)
#[path = "src/candidate.rs"]
#[allow(dead_code)]
mod candidate;
#[path = "src/entity.rs"]
#[allow(dead_code)]
mod entity;
#[path = "src/explain"]
#[allow(dead_code)]
mod explain {
    mod why;
    pub use why::Why;
}
#[path = "src/error.rs"]
#[allow(dead_code)]
mod error;
#[path = "src/hash.rs"]
#[allow(dead_code)]
mod hash;
#[path = "src/tokenizer/mod.rs"]
#[allow(dead_code, unused_imports)]
mod tokenizer;
#[path = "src/wordlists.rs"]
#[allow(dead_code)]
mod wordlists;

#[path = "src/gazetteer"]
#[allow(dead_code, unused_imports)]
mod gazetteer {
    mod entry;
    pub mod file;
    mod filter;
    pub(crate) mod image;
    mod lexicon;
    mod matcher;
    mod notice;
    mod table;

    pub(crate) use entry::Origin;
    pub use entry::{Entry, EntryKind};
    pub(crate) use image::ImageWriter;
    pub(crate) use lexicon::{Lexeme, Lexicon};
    pub(crate) use matcher::Matcher;
    pub use notice::Notice;
}

#[path = "src/rust_source.rs"]
mod rust_source;

#[path = "src/boilerplate"]
mod boilerplate {
    pub mod compiled;
}

#[path = "src/resolver"]
#[allow(dead_code)]
mod resolver {
    pub mod capital_table;
}

#[path = "src/document"]
#[allow(dead_code)]
mod document {
    pub mod cue_index;
    mod designators;
}

#[path = "src/learned"]
#[allow(dead_code)]
mod learned {
    pub mod file;
    mod table;
    mod written;
}

use entity::EntityKind;
use error::{EntryError, Error, Limit, LineError, UnknownKind};
use gazetteer::{ImageWriter, Matcher, Origin};

fn main() {
    let root = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("set by cargo"));
    let dir = root.join("gazetteers");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    for path in &files {
        println!("cargo::rerun-if-changed={}", path.display());
    }
    write_file_list(&files, &out.join("default_gazetteers.rs"));
    fs::write(out.join("cue_index.rs"), document::cue_index::source())
        .expect("OUT_DIR is writable");
    let boilerplate = dir.join("web-boilerplate.txt");
    println!("cargo::rerun-if-changed={}", boilerplate.display());
    let list =
        fs::read_to_string(&boilerplate).expect("gazetteers/web-boilerplate.txt is readable");
    fs::write(
        out.join("boilerplate.rs"),
        boilerplate::compiled::source(&list),
    )
    .expect("OUT_DIR is writable");
    let capitals = dir.join("capitals-geonames.txt");
    println!("cargo::rerun-if-changed={}", capitals.display());
    let list = fs::read_to_string(&capitals).expect("gazetteers/capitals-geonames.txt is readable");
    fs::write(
        out.join("capitals.rs"),
        resolver::capital_table::source(&list),
    )
    .expect("OUT_DIR is writable");

    let target_order = env::var("CARGO_CFG_TARGET_ENDIAN").expect("set by cargo");
    let our_order = if cfg!(target_endian = "little") {
        "little"
    } else {
        "big"
    };
    let image = out.join("default_gazetteers.bin");
    if target_order == our_order {
        let (bytes, texts) =
            compile(&files).unwrap_or_else(|e| panic!("the default gazetteers: {e}"));
        fs::write(&image, bytes).expect("OUT_DIR is writable");
        fs::write(out.join("default_gazetteer_texts.txt"), texts).expect("OUT_DIR is writable");
        let learned = compile_learned(&root.join("gazetteers").join("learned"))
            .unwrap_or_else(|e| panic!("the learned rules: {e}"));
        fs::write(out.join("learned_rules.bin"), learned).expect("OUT_DIR is writable");
    } else {
        println!("cargo::rustc-cfg=gazetteer_ner_defaults_at_run_time");
    }
}

/// The image of the tables of the learned rules and common words in `dir`.
fn compile_learned(dir: &Path) -> Result<Vec<u8>, Error> {
    let read = |name: &str| {
        let path = dir.join(name);
        println!("cargo::rerun-if-changed={}", path.display());
        fs::read_to_string(&path).map_err(|source| Error::Io { path, source })
    };
    let rules = learned::file::rules("gazetteers/learned/rules.tsv", &read("rules.tsv")?)?;
    let common = learned::file::common_words(
        "gazetteers/learned/common-words.tsv",
        &read("common-words.tsv")?,
    )?;
    let mut image = ImageWriter::new();
    rules.write(&mut image);
    common.write(&mut image);
    Ok(image.finish())
}

/// Writes the Rust slice of (file name, contents) pairs of `files`.
fn write_file_list(files: &[PathBuf], to: &Path) {
    let mut code = String::from("&[\n");
    for path in files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("UTF-8 file name");
        writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .expect("writing to a String");
    }
    code.push_str("]\n");
    fs::write(to, code).expect("OUT_DIR is writable");
}

/// The image of the matcher of the entries of `files`, in order, and the
/// texts of its forms and names, which the image leaves out.
fn compile(files: &[PathBuf]) -> Result<(Vec<u8>, String), Error> {
    let data: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|path| {
            let bytes = fs::read(path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            Ok((path.display().to_string(), bytes))
        })
        .collect::<Result<_, Error>>()?;
    let mut records = Vec::new();
    for (name, bytes) in &data {
        for record in gazetteer::file::records(name, bytes)? {
            records.push((record?, Origin::Default));
        }
    }
    let mut image = ImageWriter::new();
    let matcher = Matcher::new(&records)?;
    matcher.write(&mut image);
    Ok((image.finish(), matcher.texts().to_string()))
}
