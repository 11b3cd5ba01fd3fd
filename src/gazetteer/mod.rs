//! Stage 3, gazetteers: lists of known names and the matcher that finds
//! them among the tokens of a text.
//!
//! Entries come from gazetteer files (see [`parse`] for the format), from
//! code ([`Entry`]) and, unless a builder says otherwise, from the files in
//! the crate's `gazetteers/` folder. Those defaults are compiled when the
//! crate is built, by the same code that compiles a user's entries at run
//! time, and the library reads their tables in place from the compiled
//! image it embeds: an extractor of the defaults starts in about a
//! millisecond, and a user's entries are added to a copy of the tables.
//!
//! # Matching
//!
//! Entries are tokenized by the same tokenizer as the text and matched on
//! whole tokens only, through a hash table of their lower-cased token keys
//! (see the matcher's notes for why not an automaton). A match is then checked for case, token by token: the text must
//! spell the form as written ("May" matches the entry `May`, "may" does
//! not), except that an all-capitals line (a headline) matches any casing
//! and a lower-case word of the form ("al", "province") also matches its
//! capitalised spelling. Every match of every form is reported; choosing
//! among overlapping readings is the resolver's job.
//!
//! When an entry added by the user shares a surface form with a default
//! entry, the user's entry wins: the default entries of that form are not
//! matched at all.

// With no image to read (see `build.rs`), its readers go unused.
#![cfg_attr(gazetteer_ner_defaults_at_run_time, allow(dead_code))]

mod entry;
mod file;
mod filter;
pub(crate) mod image;
mod lexicon;
mod matcher;
mod notice;
mod table;

pub(crate) use entry::Origin;
use entry::Record;
pub use entry::{Entry, EntryKind};
pub(crate) use file::dir_files;
pub use file::{parse, read_dir, read_file};
pub(crate) use lexicon::{Lexeme, Lexicon, Word};
pub(crate) use matcher::Matcher;
pub use notice::Notice;

/// The entries of the embedded default gazetteers, file by file in
/// file-name order.
///
/// # Errors
///
/// None in practice: the build script parsed the same files, and fails
/// the build on any error [`parse`] would give.
///
/// ```
/// let entries = gazetteer_ner::gazetteer::default_entries().unwrap();
/// assert!(entries.iter().any(|e| e.name == "Iraq"));
/// ```
pub fn default_entries() -> Result<Vec<Entry>, crate::Error> {
    Ok(default_records()?.into_iter().map(Entry::from).collect())
}

/// The names of the embedded default gazetteer files, in file-name order.
///
/// ```
/// let names: Vec<&str> = gazetteer_ner::gazetteer::default_file_names().collect();
/// assert!(names.contains(&"places-geonames.tsv"));
/// ```
pub fn default_file_names() -> impl Iterator<Item = &'static str> {
    DEFAULT_FILES.iter().map(|(name, _)| *name)
}

/// The entries of the embedded default gazetteers, borrowed from the
/// embedded data.
pub(crate) fn default_records() -> Result<Vec<Record<'static>>, crate::Error> {
    default_records_of(|_| true)
}

/// The entries of the embedded default gazetteer files whose names `keep`
/// accepts.
pub(crate) fn default_records_of(
    keep: impl Fn(&str) -> bool,
) -> Result<Vec<Record<'static>>, crate::Error> {
    let mut records = Vec::with_capacity(200_000);
    for (name, data) in DEFAULT_FILES.iter().filter(|(name, _)| keep(name)) {
        for record in file::records(name, data.as_bytes())? {
            records.push(record?);
        }
    }
    Ok(records)
}

/// The embedded default gazetteer files, as (file name, contents), in
/// file-name order: every `gazetteers/*.tsv` of the crate (see `build.rs`).
pub(crate) const DEFAULT_FILES: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/default_gazetteers.rs"));

/// The image of the default gazetteers' tables that the build script
/// compiled, aligned for reading in place.
#[cfg(not(gazetteer_ner_defaults_at_run_time))]
static DEFAULT_IMAGE: &image::Aligned<[u8]> = &image::Aligned(*include_bytes!(concat!(
    env!("OUT_DIR"),
    "/default_gazetteers.bin"
)));

/// The texts of the default gazetteers' forms and names, which the image
/// leaves out: as a string literal, they were checked for UTF-8 when the
/// crate was compiled, not each time a process reads them.
#[cfg(not(gazetteer_ner_defaults_at_run_time))]
static DEFAULT_TEXTS: &str = include_str!(concat!(env!("OUT_DIR"), "/default_gazetteer_texts.txt"));

/// The matcher of the default gazetteers, its tables read in place from
/// [`DEFAULT_IMAGE`] and [`DEFAULT_TEXTS`].
#[cfg(not(gazetteer_ner_defaults_at_run_time))]
pub(crate) fn default_matcher() -> Result<Matcher, crate::Error> {
    Ok(Matcher::read(&DEFAULT_IMAGE.0, DEFAULT_TEXTS)
        .unwrap_or_else(|e| panic!("the build script wrote the image for this crate: {e}")))
}

/// The matcher of the default gazetteers, compiled from the embedded files
/// (for a target whose byte order differs from that of the machine that
/// built it, where the build script writes no image).
#[cfg(gazetteer_ner_defaults_at_run_time)]
pub(crate) fn default_matcher() -> Result<Matcher, crate::Error> {
    Matcher::new(&defaults())
}

/// The entries of the default gazetteers, to compile.
#[cfg(any(test, gazetteer_ner_defaults_at_run_time))]
fn defaults() -> Vec<(Record<'static>, Origin)> {
    default_records()
        .expect("the default gazetteers are valid: the build script compiled them")
        .into_iter()
        .map(|record| (record, Origin::Default))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The image of a matcher's tables, and the texts written beside it.
    fn image_of(matcher: &Matcher) -> (Vec<u8>, &str) {
        let mut image = image::ImageWriter::new();
        matcher.write(&mut image);
        (image.finish(), matcher.texts())
    }

    #[test]
    #[cfg(not(gazetteer_ner_defaults_at_run_time))]
    fn the_embedded_tables_are_what_the_library_compiles() {
        let compiled = Matcher::new(&defaults()).unwrap();
        assert!(
            image_of(&compiled) == (DEFAULT_IMAGE.0.to_vec(), DEFAULT_TEXTS),
            "build.rs is out of step"
        );
        let read = default_matcher().unwrap();
        assert_eq!(read.entry_count(), compiled.entry_count());
        assert_eq!(read.pattern_count(), compiled.pattern_count());
        // Every byte of the image is a table's, but for lengths and padding.
        let overhead = DEFAULT_IMAGE.0.len() + DEFAULT_TEXTS.len() - read.memory_usage();
        assert!(overhead < 4096, "{overhead} bytes");
    }

    #[test]
    fn user_entries_added_to_the_defaults_compile_as_if_given_with_them() {
        let data = "organisation\tBaghdad\tBaghdad Office\t90\n\
                    person\tJordan\nplace\tJordan\nplace\tAmman\nplace\tAmman\n\
                    stopword\tReuters\ngiven-name\tZork\t\t80\nsurname\tSmith\t\t10\n\
                    place\tNew York Harbour Area\tthe Big Apple|al-Zork\t70\n\
                    group\tal-Qaeda in Mesopotamia\tal-Qaeda\t90\n";
        let user: Vec<_> = file::records("mine.tsv", data.as_bytes())
            .unwrap()
            .map(|record| (record.unwrap(), Origin::User))
            .collect();
        let mut extended = default_matcher().unwrap();
        extended.extend(&user).unwrap();
        let mut all = defaults();
        all.extend_from_slice(&user);
        let together = Matcher::new(&all).unwrap();
        assert!(image_of(&extended) == image_of(&together));
        assert_eq!(extended.notices(), together.notices());
        // The user's file shadows defaults, conflicts with itself and
        // repeats an entry: each gives its notice, whatever the defaults hold.
        let notices = format!("{:?}", extended.notices());
        for expected in [
            r#"Shadowed { form: "Baghdad""#,
            r#"Conflict { form: "Jordan""#,
            r#"Duplicate { form: "Amman""#,
            r#"Shadowed { form: "al-Qaeda""#,
        ] {
            assert!(notices.contains(expected), "{expected} not in {notices}");
        }
    }
}
