//! Never panic, never lose a record: the fuzz targets' checks replayed on
//! saved crash inputs and on hand-made tricky inputs, inputs big enough to
//! expose a super-linear path, and gazetteer errors that say where and
//! what.
//!
//! No timing is asserted: a super-linear path shows up as this file
//! taking far longer than its usual few seconds.

use std::fs;
use std::panic;
use std::path::{Path, PathBuf};

use gazetteer_ner::{EntityKind, Error, Extractor, extract};

/// The checks of the fuzz targets, shared so that a saved input is
/// replayed through exactly what found it.
#[path = "../fuzz/src/lib.rs"]
mod checks;

/// Saved fuzz inputs, named `<target>-<n>.bin`.
fn regressions_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz-regressions")
}

/// Runs `check` on `input`, turning a panic into a description.
fn replay(check: fn(&[u8]), input: &[u8]) -> Result<(), String> {
    panic::catch_unwind(|| check(input)).map_err(|payload| {
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "panic with a non-string payload".to_string())
    })
}

/// What the saved inputs of each target must exercise between them: every
/// property its checks check (see `text_properties` and
/// `gazetteer_properties` in `fuzz/src/lib.rs`).
const COVERED: &[(&str, &[&str])] = &[
    (
        "extract_text",
        &[
            "mention",
            "two entities",
            "entity mentioned twice",
            "mention next to a wide character",
            "HTML mention after markup",
        ],
    ),
    (
        "gazetteer_parse",
        &[
            "error",
            "records among comments or blank lines",
            "entries found in a text",
        ],
    ),
];

/// What an input of a target exercises (see [`COVERED`]).
type Properties = fn(&[u8]) -> Vec<&'static str>;

#[test]
fn fuzz_regressions_replay() {
    let dir = regressions_dir();
    assert!(dir.is_dir(), "{} is missing", dir.display());
    // As the fuzz targets start.
    checks::init();
    let mut failures = Vec::new();
    let mut exercised: Vec<(&str, &str)> = Vec::new();
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|item| item.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "bin"))
        .collect();
    paths.sort();
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let input = fs::read(path).unwrap();
        let (target, check, properties): (&str, fn(&[u8]), Properties) =
            if name.starts_with("extract_text-") {
                ("extract_text", checks::check_text, checks::text_properties)
            } else if name.starts_with("gazetteer_parse-") {
                (
                    "gazetteer_parse",
                    checks::check_gazetteer,
                    checks::gazetteer_properties,
                )
            } else {
                failures.push(format!("{name}: names no fuzz target"));
                continue;
            };
        if let Err(problem) = replay(check, &input) {
            failures.push(format!("{name}: {problem}"));
        }
        exercised.extend(properties(&input).into_iter().map(|p| (target, p)));
    }
    assert!(
        failures.is_empty(),
        "{} of {} saved inputs fail:\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n")
    );
    // A folder that exercises nothing would pass the loop above.
    let missing: Vec<String> = COVERED
        .iter()
        .flat_map(|&(target, properties)| properties.iter().map(move |&p| (target, p)))
        .filter(|wanted| !exercised.contains(wanted))
        .map(|(target, p)| format!("{target}: {p}"))
        .collect();
    assert!(
        missing.is_empty(),
        "no saved input in {} exercises {missing:?} ({} inputs)",
        dir.display(),
        paths.len()
    );
}

/// Inputs that sit on the edges of the markup, tokenizer and rules.
const TRICKY_TEXTS: &[&str] = &[
    "",
    " ",
    "\n\r\n\t",
    "\u{feff}",
    "<",
    ">",
    "&",
    "&#",
    "&#x;",
    "&#99999999999999999999;",
    "&#0;&#xD800;&#x10FFFF;&#x110000;",
    "&amp",
    "&nbsp;Baghdad&nbsp;",
    "<p",
    "</",
    "<!--",
    "<!-- Baghdad -->",
    "<script>Baghdad",
    "<style>",
    "<p>Baghdad</p",
    "<a href=\"Baghdad>\">Baghdad</a>",
    "Bagh<b>dad</b> Bagh&#100;ad",
    "é<p>É&eacute;</p>\u{301}",
    "Mr",
    "Mr.",
    "Mr Mr. Mr",
    "MR SMITH",
    "PMF (PMF)",
    "(PMF",
    "PMF)",
    "()",
    ")(",
    "Popular Mobilisation Forces (",
    "Iraq's",
    "Iraq’s’s",
    "'s",
    "Al",
    "al-",
    "-Sadr",
    "Moqtada Al Sadr",
    "A. B. C. D.",
    "U.S.",
    "U.S.A.B.C.D.E.F.G.H.",
    "ÅÄÖ Ǆǅǆ ﬁ İstanbul ß",
    "😀 Baghdad 😀",
    "\u{0}Baghdad\u{0}",
    "Baghdad\u{200b}Basra",
    "Baghdad\u{301}",
    "HEADLINE: BAGHDAD",
    "1 2 3 Baghdad 4",
];

/// Gazetteer data on the edges of the format; valid and invalid both.
const TRICKY_GAZETTEERS: &[&[u8]] = &[
    b"",
    b"\n",
    b"#",
    b"\xef\xbb\xbf",
    b"\xef\xbb\xbf#\n",
    b"\xef\xbb\xbfplace\tIraq",
    b"place\tIraq\r",
    b"place\tIraq\r\n\r\n",
    b"place\tIraq\t\t",
    b"place\tIraq\t\t0",
    b"place\tIraq\t\t100",
    b"place\tIraq\t\t101",
    b"place\tIraq\t\t+1",
    b"place\tIraq\t\t256",
    b"place\tIraq\t|",
    b"place\tIraq\tIraq|Iraq",
    b"place\t\xc3\x89\xcc\x81",
    b"place\t-",
    b"place\t \tIraq",
    b"\tIraq",
    b"place",
    b"place\ta\tb\tc\td",
    b" # not a comment\tx",
    b"place\tIr\xffaq",
    b"\xff",
    b"stopword\tThe\ngiven-name\tThe\nsurname\tThe\nperson\tThe",
    b"organisation\tU.S.\nplace\tU.S.\ngroup\tS\n",
    b"person\tAl\nsurname\tAl\ngiven-name\tMr\nplace\t(PMF)\n",
];

#[test]
fn tricky_inputs_keep_the_invariants() {
    for text in TRICKY_TEXTS {
        checks::check_text(text.as_bytes());
    }
    checks::check_text(b"\xff\xfe not UTF-8");
    for data in TRICKY_GAZETTEERS {
        checks::check_gazetteer(data);
    }
    checks::check_gazetteer(checks::GAZETTEER_TEXT.as_bytes());
}

/// `unit` repeated until the text holds at least `len` bytes.
fn repeated(unit: &str, len: usize) -> String {
    unit.repeat(len.div_ceil(unit.len()))
}

/// Extracts `text` with the default extractor, checks the invariants, and
/// returns the entities.
fn extract_checked(label: &str, text: &str) -> Vec<gazetteer_ner::Entity> {
    let entities = extract(text);
    if let Err(problem) = checks::check_entities(text, &entities) {
        panic!("{label}: {problem}");
    }
    entities
}

const MB: usize = 1 << 20;

#[test]
fn large_document_of_capitalised_words() {
    let words = ["Abc", "Def", "Ghi", "Jkl", "Mno", "Pqr", "Stu", "Vwx"];
    let mut text = String::with_capacity(10 * MB + 16);
    let mut i = 0;
    while text.len() < 10 * MB {
        text.push_str(words[i % words.len()]);
        text.push(if i % 13 == 12 { '.' } else { ' ' });
        i += 1;
    }
    extract_checked("capitalised words", &text);
}

#[test]
fn one_huge_token() {
    let text = "a".repeat(MB);
    assert!(extract_checked("one token", &text).is_empty());
    let text = format!("Talks in Baghdad {}", "A".repeat(MB));
    extract_checked("one upper-case token", &text);
}

#[test]
fn deeply_nested_tags() {
    let depth = 100_000;
    let text = format!(
        "{}Talks in Baghdad.{}",
        "<b>".repeat(depth),
        "</b>".repeat(depth)
    );
    let entities = extract_checked("nested tags", &text);
    let baghdad = entities.iter().find(|e| e.name == "Baghdad");
    let baghdad = baghdad.expect("Baghdad is found inside the tags");
    assert_eq!(baghdad.kind, EntityKind::Place);
    assert_eq!(baghdad.mentions[0].start, 3 * depth + "Talks in ".len());
    let unclosed = format!("{}Talks in Baghdad.", "<p><div>".repeat(depth));
    extract_checked("unclosed tags", &unclosed);
}

#[test]
fn long_line_of_titles() {
    extract_checked("Mr Mr", &repeated("Mr ", MB));
    extract_checked("Mr. Mr.", &repeated("Mr. ", MB / 4));
}

#[test]
fn long_runs_of_brackets() {
    let nested = format!("{}{}", "(".repeat(MB / 2), ")".repeat(MB / 2));
    extract_checked("nested brackets", &nested);
    extract_checked("alternating brackets", &repeated("()", MB / 4));
}

/// One mebibyte of "PMF (PMF) ": every acronym defined by itself.
const ACRONYM_RUN_LEN: usize = MB;

#[test]
fn long_run_of_acronym_definitions() {
    let unit = "PMF (PMF) ";
    let text = repeated(unit, ACRONYM_RUN_LEN);
    let entities = extract_checked("PMF (PMF)", &text);
    let mentions: usize = entities.iter().map(|e| e.mentions.len()).sum();
    assert!(mentions <= 2 * text.len() / unit.len());
}

/// The malformed gazetteers, each with the line and the words its error
/// must give.
const MALFORMED: &[(&[u8], usize, &str)] = &[
    (b"place\tIraq\n\nplace\n", 3, "found 1"),
    (b"place\tIraq\nplace\ta\tb\t1\t2\n", 2, "found 5"),
    (b"place\t\tIrak\n", 1, "empty name"),
    (b"place\tIraq\tIrak||Iraq\n", 1, "empty name"),
    (b"# header\ncity\tBaghdad\n", 2, "unknown kind \"city\""),
    (b"place\tIraq\nplace\tIr\xffaq\n", 2, "not valid UTF-8"),
    (b"place\tIraq\t\t101\n", 1, "rank \"101\""),
    (b"place\tIraq\t\t-1\n", 1, "rank \"-1\""),
    (
        b"\xef\xbb\xbfplace\tIraq\r\nplace\tBasra\t\tmany\r\n",
        2,
        "rank \"many\"",
    ),
];

fn assert_names_line_and_problem(err: &Error, file: &str, line: usize, problem: &str) {
    let message = err.to_string();
    let names_line = [format!("line {line}:"), format!("line {line})")]
        .iter()
        .any(|l| message.contains(l.as_str()));
    assert!(
        message.contains(file) && names_line,
        "{message:?} does not name {file} and line {line}"
    );
    assert!(
        message.contains(problem),
        "{message:?} does not say {problem:?}"
    );
    match err {
        Error::Malformed { line: l, .. } | Error::InvalidUtf8 { line: l, .. } => {
            assert_eq!(*l, line, "{message}");
        }
        other => panic!("expected a malformed-data error, got {other:?}"),
    }
}

#[test]
fn malformed_gazetteer_data_is_an_error_naming_file_line_and_problem() {
    for &(data, line, problem) in MALFORMED {
        let err = Extractor::builder()
            .default_gazetteers(false)
            .gazetteer_data("mine.tsv", data)
            .build()
            .err()
            .unwrap_or_else(|| panic!("{:?} builds", String::from_utf8_lossy(data)));
        assert_names_line_and_problem(&err, "mine.tsv", line, problem);
    }
}

#[test]
fn malformed_gazetteer_files_are_errors_naming_file_line_and_problem() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("robustness-gazetteers");
    fs::create_dir_all(&dir).unwrap();
    for (i, &(data, line, problem)) in MALFORMED.iter().enumerate() {
        let path = dir.join(format!("malformed-{i}.tsv"));
        fs::write(&path, data).unwrap();
        let err = Extractor::builder()
            .default_gazetteers(false)
            .gazetteer_file(&path)
            .build()
            .err()
            .unwrap_or_else(|| panic!("{} builds", path.display()));
        assert_names_line_and_problem(&err, &path.display().to_string(), line, problem);
    }
}

#[test]
fn a_valid_gazetteer_file_loses_no_record() {
    let data = "\u{feff}# kind\tname\taliases\trank\r\n\
                organisation\tAcme Widgets\tAcme\t60\r\n\
                \r\n\
                place\tZembla\t\t0\n\
                   \n\
                person\tJane Smithers\tMs Smithers|J. Smithers\t100\n\
                surname\tSmithers\n\
                stopword\tMay";
    let entries = gazetteer_ner::gazetteer::parse("valid.tsv", data.as_bytes()).unwrap();
    assert_eq!(Some(entries.len()), checks::record_count(data.as_bytes()));
    assert_eq!(entries.len(), 5);
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("robustness-valid.tsv");
    fs::write(&path, data).unwrap();
    let extractor = Extractor::builder()
        .default_gazetteers(false)
        .gazetteer_file(&path)
        .build()
        .unwrap();
    let text = "Acme Widgets opened in Zembla. Jane Smithers said Acme would stay.";
    let entities = extractor.extract(text);
    checks::check_entities(text, &entities).unwrap();
    for name in ["Acme Widgets", "Zembla", "Jane Smithers"] {
        assert!(
            entities.iter().any(|e| e.name == name),
            "{name} not found in {entities:?}"
        );
    }
    checks::check_extraction("valid file", &extractor, checks::GAZETTEER_TEXT);
    checks::check_gazetteer(data.as_bytes());
}
