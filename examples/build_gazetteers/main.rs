//! Gazetteer generator for `gazetteer-ner`.
//!
//! Reads the source data under a source directory (normally
//! `../shared/gazetteer-sources`) and writes the TSV gazetteers plus `SOURCES.md` to
//! an output directory (normally `gazetteers/`):
//!
//! ```text
//! cargo run --release --example build_gazetteers -- ../shared/gazetteer-sources gazetteers
//! ```
//!
//! Output is deterministic: all collections are ordered (`BTreeMap`/`BTreeSet`), so
//! the same input gives byte-identical files. Sources with share-alike or copyleft
//! licences (CountryInfo CC BY-SA, `nam_dict` GFDL, GATE ANNIE LGPL) each go to files
//! of their own.

mod filters;
mod model;
mod sources;
mod text;
mod wordlists;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use model::{Gazetteer, Kind};
use sources::{
    Context, annie, companies, countryinfo, curated, geonames, handwritten, names, newspapers,
    ofac_sdn, partyfacts, phoenix, universities,
};

/// Parses `<source-dir> <output-dir>` from the command line.
fn parse_args() -> Result<(PathBuf, PathBuf), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [source, output] = args.as_slice() else {
        return Err("usage: build_gazetteers <source-dir> <output-dir>".to_string());
    };
    let source = PathBuf::from(source);
    if !source.is_dir() {
        return Err(format!(
            "source directory {} does not exist or is not a directory",
            source.display()
        ));
    }
    Ok((source, PathBuf::from(output)))
}

/// Builds every gazetteer file, in output order.
fn build_all(dir: &Path) -> Vec<Gazetteer> {
    let ctx = Context::load(dir);
    let mut files = vec![
        geonames::build(dir, &ctx),
        geonames::build_towns(dir, &ctx),
        handwritten::build_demonyms(),
        curated::build(dir, &ctx),
        phoenix::build(dir, &ctx),
        ofac_sdn::build(dir, &ctx),
        partyfacts::build(dir, &ctx),
        universities::build(dir, &ctx),
        companies::build(dir, &ctx),
        newspapers::build_wikidata(dir, &ctx),
        newspapers::build_fundus(dir, &ctx),
        names::build_census(dir, &ctx),
        countryinfo::build(dir, &ctx),
        names::build_nam_dict(dir, &ctx),
    ];
    files.extend(annie::build(dir, &ctx));
    files.push(handwritten::build_stopwords());
    files
}

/// One "kind: entries / forms" line per kind present in a file.
fn count_lines(gaz: &Gazetteer) -> Vec<(Kind, usize, usize)> {
    Kind::ALL
        .iter()
        .map(|&k| {
            let (n, f) = gaz.counts(k);
            (k, n, f)
        })
        .filter(|(_, n, _)| *n > 0)
        .collect()
}

/// The data-side ambiguity policy, rendered into `SOURCES.md`.
const AMBIGUITY_HANDLING: &str = "## Ambiguity handling\n\n\
The library matches case-sensitively on whole tokens, drops a lone stop word unless a \
title precedes it, and prefers longer matches, then title > gazetteer > designator \
evidence, then higher rank. On the data side the generator applies these rules \
(`examples/build_gazetteers/filters.rs` runs last over every file, so no source can \
bring the junk back):\n\n\
- **Common words.** A single-token person, group, place or organisation form that is a \
stopword or one of about 850 frequent English words (`STOPWORDS`, `COMMON_WORD_PLACES`, \
`COMMON_WORDS` in `wordlists.rs`, written from general knowledge), in capitalised or \
lower-case spelling, is not emitted: towns called Okay, Hit, Time or Göd (folded \
\"God\"), parties called Coalition, Democracy or Enough, the university alias Open. \
ALL-CAPS acronyms are compared as written (ICE is not \"Ice\"). Country forms, \
continents, demonyms and the hand-checked seed words (Saddam, Hamas, Xi...) are \
protected. A party whose English name is a common word is named by its original name \
(Chega, Nowoczesna).\n\
- **Short forms.** Entity forms of one or two characters are emitted only if they are \
well-known acronyms (US, UK, UN, EU, AP, G7...) or protected seed words.\n\
- **People.** Person forms that start with a determiner or pronoun (\"The US\", \"I Gede...\"), hold a digit, spell a country, or are one token that is a census given \
name, a top-5,000 census surname or a common word are dropped; so are person, group \
and organisation forms spelled like a country or continent (\"Iran\" as a newspaper, \
\"UK\" as a party). One-letter tokens \
survive only inside multi-token names (\"Juan Carlos I\", \"George W. Bush\").\n\
- **Leading \"the\".** \"The X\" becomes \"X\" for groups, places and \
organisations when X has several words or is an acronym (\"The EU\" → \"EU\", \"The Walt Disney Company\" → \"Walt Disney Company\"): the article is outside the mention. \
\"The Hague\" and \"The Guardian\" stay whole because the bare word is ambiguous.\n\
- **Places named like people.** A one-word city name that is a frequent US census \
person name (top-500 given name or top-2,000 surname) is emitted only if the largest \
city of that name has 150,000+ people; for other census names (any given name, top-10,000 \
surname) the bar is 50,000. So the towns called Clinton, Norton, Douglas or Dole are left \
out while Houston, Florence, Geneva and Washington stay. First-level regions with such a \
name and fewer people keep only their designator forms. Countries are never dropped \
(Jordan, Georgia).\n\
- **Given names.** Given names of one or two letters that are not census given names \
(\"In\", \"Oh\"), given names that are stopwords or common words (\"The\", \"God\", \
\"Royal\") unless they are top-200 census names, and words that begin place names \
(San, Santa, Wadi, Port, Penn...) are dropped, so \"San Francisco Bay\" or \"Wadi Barada\" do not start a person. Census surnames ranked below 5,000 that are common \
words (Right, Officer, Current) are dropped.\n\
- **Casing.** UPPERCASE ordinals are lower-cased (\"66TH\" → \"66th\").\n\
- **Ranks.** Countries 100 (85 under 1M people); continents 100; demonyms and religions \
90; curated international organisations 90, notable people 80, geographic seeds 75, armed \
groups 70, news outlets 70; cities and regions by population on a log scale (15,000 \
people ≈ 20, 1M ≈ 60, 10M ≈ 82; capitals +20, at least 80); IGOs 50; heads of state \
50; S&P 500 companies 45; FTO groups 40; ministers 25; universities 20; newspapers 15-25; \
obscure OFAC entries 10-15. Readings of the same span are resolved by evidence first and \
rank second, so a rank only decides between two gazetteer readings of one span.\n\n";

/// What `SOURCES.md` says of the files `examples/learn` writes, which this
/// generator does not: how they are made and how good they are.
const LEARNED_AND_MINED: &str = "## Capitals\n\n\
`capitals-geonames.txt` (written by this generator, not a gazetteer: `capital<TAB>country`) \
pairs each country of GeoNames `countries.tsv` with its capital, for the resolver's parting \
of a capital that stands for its government. Licence CC BY 4.0; attribution: Contains data \
from GeoNames (geonames.org), CC BY 4.0.\n\n\
## Learned and mined files\n\n\
Generated by `examples/learn` from the article corpus (`../shared/corpus/articles`, 22,257 \
news articles) with the files above as seeds (without `annie-*.tsv`, kept apart for its \
licence, and without the mined files), after this generator; regenerate all with\n\n\
```\n\
cargo run --release --example build_gazetteers -- ../shared/gazetteer-sources gazetteers\n\
cargo run --release --features learn --example learn -- ../shared/corpus gazetteers\n\
```\n\n\
Each file's header gives its counts and settings; `src/learned/learner/` documents the \
method.\n\n\
- **`learned/rules.tsv`:** decision lists learned by DL-CoTrain (Collins and Singer 1999): \
spelling rules (whole name, words, last word, suffixes, shape) and context rules (the words \
around a name, appositions), each with its strength and counts; the kinds' shares that \
weigh a rule for names no list holds; the classes of rules (feature tag and kind) that type \
such names, chosen on the labelled GUM training set (`../shared/corpus/train`), never on an \
evaluation set. Seeds: what the default gazetteers and rules type with confidence. \
Statistics over the corpus, seeded by the files above.\n\
- **`learned/common-words.tsv`:** words the corpus writes in lower case at least as often \
as with a capital mid-sentence, with both counts; a run made of nothing else is no name \
the learned rules type.\n\
- **`mined-person.tsv`, `mined-place.tsv`, `mined-organisation.tsv`:** names no gazetteer \
holds, typed with one kind by a title, an acronym definition or a designator in at least \
three documents and in at least 90% of their typed occurrences, each entry after a comment \
with its counts. **Precision, checked by hand** on 200 entries drawn at random \
(Python `random.seed(13)`) from the 353 these files held then (351 now): 195 right (97.5%); of the \
5 wrong, 2 are banks typed person, 1 an agreement and 1 a monetary system typed \
organisation, 1 a person's \
name cut short.\n\n";

/// Renders `SOURCES.md`: per file, its source, licence, attribution, what was taken
/// and entry/surface-form counts per kind.
fn sources_md(files: &[Gazetteer]) -> String {
    let mut md = String::from(
        "# Gazetteer sources\n\n\
         Generated by `examples/build_gazetteers` (do not edit by hand); regenerate with\n\n\
         ```\ncargo run --release --example build_gazetteers -- ../shared/gazetteer-sources gazetteers\n```\n\n\
         Each file is `kind<TAB>name<TAB>aliases<TAB>rank`; `#` lines carry the file's licence\n\
         and attribution. Files derived from share-alike or copyleft sources \
         (`countryinfo.tsv`: CC BY-SA 3.0; `given-names-nam-dict.tsv`: GNU FDL; `annie-*.tsv`:\n\
         GNU LGPL 3.0) are kept\n\
         separate from the permissive files and carry their own notice. Sources not used: \
         world-countries (ODbL; demonyms are hand-written instead), iso-codes (LGPL; GeoNames\n\
         covers first-level regions), the Phoenix Countries dictionary (generated from \
         CountryInfo), the NYSE/NASDAQ listings (upstream NASDAQ notice).\n\n\
         \"Forms\" counts surface forms: the name plus its aliases.\n\n\
         ## Totals\n\n| file | kind | entries | forms |\n|---|---|---:|---:|\n",
    );
    let (mut total_entries, mut total_forms) = (0, 0);
    for gaz in files {
        for (kind, n, f) in count_lines(gaz) {
            let _ = writeln!(
                md,
                "| `{}` | {} | {n} | {f} |",
                gaz.file_name,
                kind.as_str()
            );
            total_entries += n;
            total_forms += f;
        }
    }
    let _ = writeln!(
        md,
        "| **all** | | **{total_entries}** | **{total_forms}** |\n"
    );
    md.push_str(AMBIGUITY_HANDLING);
    for gaz in files {
        let d = &gaz.doc;
        let _ = writeln!(md, "## `{}`\n", gaz.file_name);
        let _ = writeln!(md, "- **Source:** {}", d.source);
        let _ = writeln!(md, "- **Licence:** {}", d.licence);
        let _ = writeln!(md, "- **Attribution:** {}", d.attribution);
        let _ = writeln!(md, "- **Taken:** {}", d.taken);
        let counts: Vec<String> = count_lines(gaz)
            .iter()
            .map(|(k, n, f)| format!("{} {n} entries / {f} forms", k.as_str()))
            .collect();
        let _ = writeln!(md, "- **Counts:** {}\n", counts.join("; "));
    }
    md.push_str(LEARNED_AND_MINED);
    md
}

/// Writes all files into `out`, printing the counts.
fn write_all(out: &Path, files: &[Gazetteer]) -> std::io::Result<()> {
    fs::create_dir_all(out)?;
    for gaz in files {
        fs::write(out.join(gaz.file_name), gaz.to_tsv())?;
        for (kind, n, f) in count_lines(gaz) {
            println!(
                "{:<28} {:<13} {n:>7} entries {f:>7} forms",
                gaz.file_name,
                kind.as_str()
            );
        }
    }
    fs::write(out.join("SOURCES.md"), sources_md(files))
}

fn main() -> ExitCode {
    let (source, output) = match parse_args() {
        Ok(paths) => paths,
        Err(msg) => {
            eprintln!("error: {msg}");
            return ExitCode::FAILURE;
        }
    };
    let mut files = build_all(&source);
    filters::apply(&mut files, &Context::load(&source));
    filters::drop_forms_known_elsewhere(&mut files, "annie-");
    let capitals = geonames::capitals(&source);
    let written = write_all(&output, &files)
        .and_then(|()| fs::write(output.join(geonames::CAPITALS_FILE), capitals));
    if let Err(e) = written {
        eprintln!("error: cannot write to {}: {e}", output.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
