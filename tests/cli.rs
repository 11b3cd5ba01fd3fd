//! Integration tests of the `extract` example, run as a built binary.
//!
//! The binary is built once per test process by the harness the tests of
//! built examples share (`tests/common/`).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::{fs, thread};

use serde_json::{Value, json};

use common::{Run, TempDir, extract, run, spawn_piped};

// ------------------------------------------------------------- harness --

/// Asserts that the run could not be done (exit 2) and that its message
/// names `path`.
fn assert_could_not_run_naming(run: &Run, path: &Path) {
    assert_eq!(run.code(), Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains(&*path.to_string_lossy()),
        "{}",
        run.stderr
    );
}

/// The entity named `name` in a list of entities, if any.
fn entity<'a>(entities: &'a Value, name: &str) -> Option<&'a Value> {
    entities
        .as_array()
        .expect("entities is an array")
        .iter()
        .find(|e| e["name"] == name)
}

const BAGHDAD: &str = "Talks in Baghdad.";

fn assert_baghdad(document: &Value) {
    assert_eq!(
        document,
        &json!({"entities": [{
            "kind": "place",
            "name": "Baghdad",
            "mentions": [{"start": 9, "end": 16, "text": "Baghdad"}],
        }]})
    );
}

fn jsonl(records: &[Value]) -> String {
    records.iter().map(|r| format!("{r}\n")).collect()
}

// --------------------------------------------------------- document mode --

#[test]
fn a_text_file_gives_its_entities_pretty_printed() {
    let dir = TempDir::new("text-file");
    let file = dir.file("news.txt", BAGHDAD);
    let run = run(extract().arg(&file), b"");
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    assert_baghdad(&run.json());
    assert!(
        run.stdout.lines().count() > 1,
        "pretty output: {}",
        run.stdout
    );
}

#[test]
fn compact_output_is_one_line() {
    let dir = TempDir::new("compact");
    let file = dir.file("news.txt", BAGHDAD);
    let run = run(extract().arg("--compact").arg(&file), b"");
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    assert_baghdad(&run.json());
}

#[test]
fn stdin_is_read_when_no_file_is_given() {
    let run = run(&mut extract(), BAGHDAD.as_bytes());
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    assert_baghdad(&run.json());
}

#[test]
fn dash_reads_stdin_among_files() {
    let dir = TempDir::new("dash");
    let file = dir.file("iraq.txt", "Iraq said.");
    let run = run(
        extract().args(["--compact", "-"]).arg(&file),
        BAGHDAD.as_bytes(),
    );
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    let documents = run.json_lines();
    assert_eq!(documents.len(), 2, "{}", run.stdout);
    assert_eq!(documents[0]["file"], "-");
    assert_baghdad(&json!({"entities": documents[0]["entities"]}));
    assert!(entity(&documents[1]["entities"], "Iraq").is_some());
}

#[test]
fn each_input_gives_one_document_in_order() {
    let dir = TempDir::new("several");
    let first = dir.file("a.txt", "Iraq said.");
    let second = dir.file("b.txt", BAGHDAD);
    let run = run(extract().arg(&first).arg(&second), b"");
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    let documents: Vec<Value> = serde_json::Deserializer::from_str(&run.stdout)
        .into_iter()
        .collect::<Result<_, _>>()
        .expect("stdout is a stream of JSON values");
    assert_eq!(documents.len(), 2);
    assert!(entity(&documents[0]["entities"], "Iraq").is_some());
    assert_eq!(documents[1]["file"], *second.to_string_lossy());
    assert_baghdad(&json!({"entities": documents[1]["entities"]}));
}

#[test]
fn an_empty_file_has_no_entities() {
    let dir = TempDir::new("empty");
    let file = dir.file("empty.txt", "");
    let run = run(extract().arg(&file), b"");
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    assert_eq!(run.json(), json!({"entities": []}));
}

#[test]
fn invalid_utf8_names_the_file_and_byte_offset() {
    let dir = TempDir::new("invalid-utf8");
    let file = dir.file("latin1.txt", b"Talks in Baghdad.\ncaf\xe9 ok\n");
    let run = run(extract().arg(&file), b"");
    assert_could_not_run_naming(&run, &file);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("byte 21"), "{}", run.stderr);
}

#[test]
fn lossy_replaces_invalid_utf8_with_a_warning() {
    let dir = TempDir::new("lossy");
    let file = dir.file("latin1.txt", b"Talks in Baghdad.\ncaf\xe9 ok\n");
    let run = run(extract().arg("--lossy").arg(&file), b"");
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    assert!(run.stderr.contains("warning"), "{}", run.stderr);
    assert!(
        run.stderr.contains(&*file.to_string_lossy()),
        "{}",
        run.stderr
    );
    assert_baghdad(&run.json());
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let dir = TempDir::new("missing");
    let file = dir.path().join("no-such-file.txt");
    let run = run(extract().arg(&file), b"");
    assert_could_not_run_naming(&run, &file);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

#[test]
fn a_directory_is_not_an_input() {
    let dir = TempDir::new("directory");
    let run = run(extract().arg(dir.path()), b"");
    assert_could_not_run_naming(&run, dir.path());
    assert!(run.stderr.contains("directory"), "{}", run.stderr);
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [
        &["--jsonl", "--threads", "0"][..],
        &["--strict"],
        &["--no-such-option"],
    ] {
        let run = run(extract().args(args), b"");
        assert_eq!(run.code(), Some(2), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
    }
}

// ------------------------------------------------------------ JSON Lines --

#[test]
fn jsonl_gives_one_line_per_line_in_order_with_ids() {
    let input = jsonl(&[
        json!({"id": "a", "text": BAGHDAD}),
        json!({"id": 2, "text": "Iraq and Iran met."}),
        json!({"id": "c", "text": "Nothing here."}),
    ]);
    let run = run(extract().arg("--jsonl"), input.as_bytes());
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    let lines = run.json_lines();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(
        lines[0]["entities"],
        json!([{"kind": "place", "name": "Baghdad",
                "mentions": [{"start": 9, "end": 16, "text": "Baghdad"}]}])
    );
    assert_eq!(lines[1]["id"], 2);
    assert!(entity(&lines[1]["entities"], "Iran").is_some());
    assert_eq!(lines[2], json!({"id": "c", "entities": []}));
}

#[test]
fn a_malformed_line_is_reported_in_its_place() {
    let input = format!(
        "{}{{\"id\": \"b\", \"text\": \n{}",
        jsonl(&[json!({"id": "a", "text": BAGHDAD})]),
        jsonl(&[json!({"id": "c", "text": "Iraq said."})]),
    );
    let run = run(extract().arg("--jsonl"), input.as_bytes());
    assert_eq!(run.code(), Some(1), "{}", run.stderr);
    let lines = run.json_lines();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].is_string(), "{}", lines[1]);
    assert!(lines[1].get("entities").is_none());
    assert_eq!(lines[2]["id"], "c");
    assert!(entity(&lines[2]["entities"], "Iraq").is_some());
    assert!(run.stderr.contains("line 2"), "{}", run.stderr);
}

#[test]
fn strict_stops_at_the_first_bad_line() {
    let input = format!(
        "{}not json\n{}",
        jsonl(&[json!({"id": "a", "text": BAGHDAD})]),
        jsonl(&[json!({"id": "c", "text": "Iraq said."})]),
    );
    let run = run(extract().args(["--jsonl", "--strict"]), input.as_bytes());
    assert_eq!(run.code(), Some(1), "{}", run.stderr);
    let lines = run.json_lines();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[1]["line"], 2);
    assert!(!run.stdout.contains("Iraq"), "{}", run.stdout);
}

#[test]
fn a_line_without_text_keeps_its_id_in_the_error() {
    let input = jsonl(&[
        json!({"id": 1, "text": BAGHDAD}),
        json!({"id": 42, "body": BAGHDAD}),
        json!({"id": 43, "text": 7}),
    ]);
    let run = run(extract().arg("--jsonl"), input.as_bytes());
    assert_eq!(run.code(), Some(1), "{}", run.stderr);
    let lines = run.json_lines();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[1]["id"], 42);
    assert!(
        lines[1]["error"]
            .as_str()
            .is_some_and(|e| e.contains("text"))
    );
    assert_eq!(lines[2]["line"], 3);
    assert_eq!(lines[2]["id"], 43);
}

#[test]
fn non_object_lines_are_errors() {
    let input = format!(
        "[1, 2]\n\"text\"\n{}",
        jsonl(&[json!({"id": "z", "text": BAGHDAD})])
    );
    let run = run(extract().arg("--jsonl"), input.as_bytes());
    assert_eq!(run.code(), Some(1), "{}", run.stderr);
    let lines = run.json_lines();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert_eq!(lines[0]["line"], 1);
    assert!(
        lines[0]["error"]
            .as_str()
            .is_some_and(|e| e.contains("an array")),
        "{}",
        lines[0]
    );
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[2]["id"], "z");
}

#[test]
fn invalid_utf8_in_a_line_fails_that_line_only() {
    let mut input = b"{\"id\": 7, \"text\": \"caf\xe9 in Baghdad\"}\n".to_vec();
    input.extend(jsonl(&[json!({"id": 8, "text": BAGHDAD})]).bytes());
    let run_strict_utf8 = run(extract().arg("--jsonl"), &input);
    assert_eq!(
        run_strict_utf8.code(),
        Some(1),
        "{}",
        run_strict_utf8.stderr
    );
    let lines = run_strict_utf8.json_lines();
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["id"], 7);
    assert!(
        lines[0]["error"]
            .as_str()
            .is_some_and(|e| e.contains("UTF-8"))
    );
    assert_eq!(lines[1]["id"], 8);

    let lossy = run(extract().args(["--jsonl", "--lossy"]), &input);
    assert_eq!(lossy.code(), Some(0), "{}", lossy.stderr);
    assert!(lossy.stderr.contains("warning"), "{}", lossy.stderr);
    let lines = lossy.json_lines();
    assert_eq!(lines[0]["id"], 7);
    assert!(entity(&lines[0]["entities"], "Baghdad").is_some());
}

#[test]
fn thread_count_does_not_change_the_output() {
    // More than 256 KiB of lines, so that the threads share the work in
    // several chunks of lines whichever way the input is read.
    let texts = [
        "Moqtada al-Sadr spoke in Baghdad.",
        "Iraq and Iran met in Basra. The Iraqis agreed.",
        "Nothing to see here.",
        "Kataib Hezbollah fighters left Anbar province.",
    ];
    let records: Vec<Value> = (0..6000)
        .map(|i| json!({"id": i, "text": format!("{} Day {i}.", texts[i % texts.len()])}))
        .collect();
    let input = jsonl(&records);
    let one = run(
        extract().args(["--jsonl", "--threads", "1"]),
        input.as_bytes(),
    );
    let two = run(
        extract().args(["--jsonl", "--threads", "2"]),
        input.as_bytes(),
    );
    assert_eq!(one.code(), Some(0), "{}", one.stderr);
    assert_eq!(two.code(), Some(0), "{}", two.stderr);
    assert!(one.stdout == two.stdout, "--threads 1 and 2 differ");
    let ids: Vec<Value> = one.json_lines().iter().map(|l| l["id"].clone()).collect();
    let expected: Vec<Value> = (0..6000).map(|i| json!(i)).collect();
    assert_eq!(ids, expected);
}

// ------------------------------------------------------- closed stdout --

/// Reads one line of the child's stdout, closes the pipe, and waits.
fn read_one_line_then_close(mut child: Child) -> (String, ExitStatus, String) {
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let stderr_reader = thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("one line of output");
    drop(stdout);
    let status = child.wait().expect("the example ends");
    let stderr = stderr_reader.join().expect("the stderr reader ends");
    (first, status, stderr)
}

#[test]
fn a_closed_stdout_ends_jsonl_quietly() {
    let dir = TempDir::new("closed-jsonl");
    let records: Vec<Value> = (0..20_000)
        .map(|i| json!({"id": i, "text": format!("Moqtada al-Sadr spoke in Baghdad on day {i}.")}))
        .collect();
    let file = dir.file("big.jsonl", jsonl(&records));
    let child = extract()
        .args(["--jsonl", "--threads", "2"])
        .arg(&file)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the example starts");
    let (first, status, stderr) = read_one_line_then_close(child);
    assert!(first.starts_with(r#"{"id":0,"#), "{first}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(status.code(), Some(101), "{stderr}");
    assert!(status.success(), "{status}: {stderr}");
}

#[test]
fn a_closed_stdout_ends_document_mode_quietly() {
    let dir = TempDir::new("closed-document");
    let file = dir.file("big.txt", format!("{BAGHDAD}\n").repeat(20_000));
    let child = extract()
        .arg(&file)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the example starts");
    let (first, status, stderr) = read_one_line_then_close(child);
    assert_eq!(first, "{\n");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(status.code(), Some(101), "{stderr}");
    assert!(status.success(), "{status}: {stderr}");
}

// ----------------------------------------------------------- gazetteers --

const ACME_TEXT: &str = "Acme Widgets opened a plant in Baghdad. Acme said.";

fn acme_gazetteers() -> TempDir {
    let dir = TempDir::new("gazetteers");
    dir.file(
        "acme.tsv",
        "# kind\tname\taliases\trank\norganisation\tAcme Widgets\tAcme\t60\n",
    );
    dir.file("ignored.txt", "planet\tMars\n");
    dir
}

fn assert_acme(entities: &Value) {
    let acme = entity(entities, "Acme Widgets").expect("Acme Widgets is found");
    assert_eq!(acme["kind"], "organisation");
    assert_eq!(
        acme["mentions"],
        json!([{"start": 0, "end": 12, "text": "Acme Widgets"},
               {"start": 40, "end": 44, "text": "Acme"}])
    );
}

#[test]
fn a_gazetteer_dir_adds_to_the_defaults() {
    let gazetteers = acme_gazetteers();
    let run = run(
        extract().arg("--gazetteers").arg(gazetteers.path()),
        ACME_TEXT.as_bytes(),
    );
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    let entities = &run.json()["entities"];
    assert_acme(entities);
    assert!(entity(entities, "Baghdad").is_some(), "{entities}");
}

#[test]
fn without_defaults_only_the_given_gazetteers_are_known() {
    let gazetteers = acme_gazetteers();
    let run = run(
        extract()
            .arg("--no-default-gazetteers")
            .arg("--gazetteers")
            .arg(gazetteers.path()),
        ACME_TEXT.as_bytes(),
    );
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    let entities = &run.json()["entities"];
    assert_acme(entities);
    assert!(!run.stdout.contains("Baghdad"), "{entities}");
}

#[test]
fn a_gazetteer_file_can_be_given_directly() {
    let gazetteers = acme_gazetteers();
    let run = run(
        extract()
            .arg("--gazetteers")
            .arg(gazetteers.path().join("acme.tsv")),
        ACME_TEXT.as_bytes(),
    );
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    assert_acme(&run.json()["entities"]);
}

#[test]
fn gazetteer_clashes_are_warned_about() {
    let dir = TempDir::new("clashing-gazetteer");
    dir.file(
        "clash.tsv",
        "organisation\tBaghdad Widgets\tBaghdad\nplace\tAcme\nperson\tAcme\n",
    );
    let run = run(
        extract().arg("--gazetteers").arg(dir.path()),
        BAGHDAD.as_bytes(),
    );
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("warning: gazetteers:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hiding the default place"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("names both the place"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_malformed_gazetteer_names_its_file_and_line() {
    let dir = TempDir::new("bad-gazetteer");
    let file = dir.file("bad.tsv", "# comment\nplanet\tMars\n");
    let run = run(
        extract().arg("--gazetteers").arg(dir.path()),
        BAGHDAD.as_bytes(),
    );
    assert_could_not_run_naming(&run, &file);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("line 2"), "{}", run.stderr);
}

#[test]
fn a_missing_gazetteer_dir_is_an_error_naming_it() {
    let dir = TempDir::new("missing-gazetteers");
    let missing = dir.path().join("nowhere");
    let run = run(
        extract().arg("--gazetteers").arg(&missing),
        BAGHDAD.as_bytes(),
    );
    assert_could_not_run_naming(&run, &missing);
}

// ------------------------------------------- ids, BOM, blank lines, Unicode --

#[test]
fn ids_are_copied_exactly_as_written() {
    let ids = [
        "12345678901234567890123456789",
        "18446744073709551616",
        "1e400",
        "-0.10",
        r#""caf\u00e9 \/ 1""#,
        r#"{"k": [1, 2.50]}"#,
        "null",
    ];
    let input: String = ids
        .iter()
        .map(|id| format!("{{\"id\": {id}, \"text\": \"Talks in Baghdad.\"}}\n"))
        .collect();
    let run = run(extract().arg("--jsonl"), input.as_bytes());
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), ids.len(), "{}", run.stdout);
    for (line, id) in lines.iter().zip(ids) {
        let expected = format!("{{\"id\":{id},\"entities\":[{{\"kind\":\"place\"");
        assert!(
            line.starts_with(&expected),
            "{line} does not start with {expected}"
        );
    }
}

#[test]
fn ids_of_failed_lines_are_copied_exactly_as_written() {
    let input = "{\"id\": 1e400, \"body\": \"x\"}\n{\"text\": 3, \"id\": 18446744073709551616}\n";
    let run = run(extract().arg("--jsonl"), input.as_bytes());
    assert_eq!(run.code(), Some(1), "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(
        lines[0].starts_with(r#"{"line":1,"id":1e400,"error":"#),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with(r#"{"line":2,"id":18446744073709551616,"error":"#),
        "{}",
        lines[1]
    );
}

#[test]
fn a_byte_order_mark_at_the_start_is_skipped() {
    let mut input = b"\xef\xbb\xbf".to_vec();
    input.extend(jsonl(&[json!({"id": 1, "text": BAGHDAD})]).bytes());
    let run_jsonl = run(extract().arg("--jsonl"), &input);
    assert_eq!(run_jsonl.code(), Some(0), "{}", run_jsonl.stderr);
    let lines = run_jsonl.json_lines();
    assert_eq!(lines.len(), 1, "{}", run_jsonl.stdout);
    assert_eq!(lines[0]["id"], 1);
    assert!(entity(&lines[0]["entities"], "Baghdad").is_some());

    // In a document, offsets still count the mark's three bytes.
    let run_document = run(extract().arg("--compact"), b"\xef\xbb\xbfTalks in Baghdad.");
    assert_eq!(run_document.code(), Some(0), "{}", run_document.stderr);
    let baghdad = &run_document.json()["entities"][0]["mentions"][0];
    assert_eq!(baghdad, &json!({"start": 12, "end": 19, "text": "Baghdad"}));
}

#[test]
fn blank_lines_are_neither_records_nor_errors() {
    let input = format!(
        "\n{}  \n\r\n{}not json\n\n",
        jsonl(&[json!({"id": "a", "text": BAGHDAD})]),
        jsonl(&[json!({"id": "b", "text": "Iraq said."})]),
    );
    let run = run(extract().arg("--jsonl"), input.as_bytes());
    assert_eq!(run.code(), Some(1), "{}", run.stderr);
    let lines = run.json_lines();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[1]["id"], "b");
    // Blank lines still count in the line numbers of errors.
    assert_eq!(lines[2]["line"], 6, "{}", lines[2]);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);

    let clean = format!("{}\n", jsonl(&[json!({"id": "a", "text": BAGHDAD})]));
    let run = self::run(extract().arg("--jsonl"), clean.as_bytes());
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    assert_eq!(run.json_lines().len(), 1, "{}", run.stdout);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn a_lone_surrogate_escape_is_a_clear_error_or_replaced_with_lossy() {
    let input = concat!(
        r#"{"id": 1, "text": "\ud800 in Basra"}"#,
        "\n",
        r#"{"id": 2, "text": "\ud83d\ude00 in Basra"}"#,
        "\n",
    );
    let run_strict = run(extract().arg("--jsonl"), input.as_bytes());
    assert_eq!(run_strict.code(), Some(1), "{}", run_strict.stderr);
    let lines = run_strict.json_lines();
    assert_eq!(lines.len(), 2, "{}", run_strict.stdout);
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["id"], 1);
    let message = lines[0]["error"].as_str().expect("an error message");
    for needle in ["surrogate", r"\ud800", "--lossy"] {
        assert!(message.contains(needle), "{message}");
    }
    // A surrogate pair is one character (four bytes), not an error.
    let basra = &entity(&lines[1]["entities"], "Basra").expect("Basra")["mentions"][0];
    assert_eq!(basra, &json!({"start": 8, "end": 13, "text": "Basra"}));

    let run_lossy = run(extract().args(["--jsonl", "--lossy"]), input.as_bytes());
    assert_eq!(run_lossy.code(), Some(0), "{}", run_lossy.stderr);
    assert!(
        run_lossy.stderr.contains("surrogate"),
        "{}",
        run_lossy.stderr
    );
    let lines = run_lossy.json_lines();
    assert_eq!(lines[0]["id"], 1);
    // U+FFFD takes the three bytes the surrogate would take in WTF-8.
    let basra = &entity(&lines[0]["entities"], "Basra").expect("Basra")["mentions"][0];
    assert_eq!(basra, &json!({"start": 7, "end": 12, "text": "Basra"}));
}

// ------------------------------------------------------- lossy offsets --

/// The mentions of `name` in a list of entities, as (start, end, text).
fn mentions_of(entities: &Value, name: &str) -> Vec<(u64, u64, String)> {
    entity(entities, name).unwrap_or_else(|| panic!("{name} is found in {entities}"))["mentions"]
        .as_array()
        .expect("mentions is an array")
        .iter()
        .map(|m| {
            (
                m["start"].as_u64().unwrap(),
                m["end"].as_u64().unwrap(),
                m["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn with_lossy_document_offsets_point_into_the_input_bytes() {
    // One invalid byte, then a truncated three-byte sequence, before the names.
    let input = b"Caf\xe9 talks: \xe2\x82 in Basra and Baghdad.";
    let at = |name: &[u8]| input.windows(name.len()).position(|w| w == name).unwrap() as u64;
    let run = run(extract().args(["--lossy", "--compact"]), input);
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    assert!(run.stderr.contains("warning"), "{}", run.stderr);
    let entities = &run.json()["entities"];
    let basra = at(b"Basra");
    let baghdad = at(b"Baghdad");
    assert_eq!(
        mentions_of(entities, "Basra"),
        [(basra, basra + 5, "Basra".to_string())]
    );
    assert_eq!(
        mentions_of(entities, "Baghdad"),
        [(baghdad, baghdad + 7, "Baghdad".to_string())]
    );
}

#[test]
fn with_lossy_jsonl_offsets_point_into_the_text_bytes_as_given() {
    // The text's bytes as given: "caf", one invalid byte, "\u00e9" (two
    // bytes), " in " (four): Basra starts at byte 10.
    let input = b"{\"id\": 7, \"text\": \"caf\xe9\\u00e9 in Basra\"}\n";
    let run = run(extract().args(["--jsonl", "--lossy"]), input);
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    let lines = run.json_lines();
    assert_eq!(lines[0]["id"], 7);
    assert_eq!(
        mentions_of(&lines[0]["entities"], "Basra"),
        [(10, 15, "Basra".to_string())]
    );
}

// ------------------------------------------------------- several files --

#[test]
fn with_several_files_each_output_says_which_file() {
    let dir = TempDir::new("several-jsonl");
    let first = dir.file("a.jsonl", jsonl(&[json!({"id": 1, "text": BAGHDAD})]));
    let second = dir.file(
        "b.jsonl",
        jsonl(&[json!({"id": 2, "text": "Iraq said."}), json!({"id": 3})]),
    );
    let run = run(extract().arg("--jsonl").arg(&first).arg(&second), b"");
    assert_eq!(run.code(), Some(1), "{}", run.stderr);
    let lines = run.json_lines();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    let (a, b) = (first.to_string_lossy(), second.to_string_lossy());
    assert_eq!(lines[0]["file"], *a);
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(lines[1]["file"], *b);
    assert_eq!(lines[1]["id"], 2);
    assert_eq!(lines[2]["file"], *b);
    assert_eq!(lines[2]["line"], 2);
    assert!(run.stdout.starts_with(r#"{"file":"#), "{}", run.stdout);

    // One input: no "file" field, as before.
    let one = self::run(extract().arg("--jsonl").arg(&first), b"");
    assert!(one.json_lines()[0].get("file").is_none(), "{}", one.stdout);
}

#[test]
fn with_several_documents_each_output_says_which_file() {
    let dir = TempDir::new("several-documents");
    let first = dir.file("a.txt", BAGHDAD);
    let second = dir.file("b.txt", "Iraq said.");
    let run = run(
        extract().arg("--compact").arg(&first).arg("-").arg(&second),
        b"Iran said.",
    );
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    let documents = run.json_lines();
    assert_eq!(documents.len(), 3, "{}", run.stdout);
    assert_eq!(documents[0]["file"], *first.to_string_lossy());
    assert_eq!(documents[1]["file"], "-");
    assert!(entity(&documents[1]["entities"], "Iran").is_some());
    assert_eq!(documents[2]["file"], *second.to_string_lossy());
}

#[test]
fn an_unreadable_file_in_a_list_is_reported_in_its_place() {
    let dir = TempDir::new("unreadable-jsonl");
    let first = dir.file("a.jsonl", jsonl(&[json!({"id": 1, "text": BAGHDAD})]));
    let missing = dir.path().join("missing.jsonl");
    let third = dir.file("c.jsonl", jsonl(&[json!({"id": 3, "text": "Iraq said."})]));
    let run = run(
        extract()
            .arg("--jsonl")
            .arg(&first)
            .arg(&missing)
            .arg(dir.path())
            .arg(&third),
        b"",
    );
    assert_could_not_run_naming(&run, &missing);
    assert!(run.stderr.contains("directory"), "{}", run.stderr);
    let lines = run.json_lines();
    assert_eq!(lines.len(), 4, "{}", run.stdout);
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(lines[1]["file"], *missing.to_string_lossy());
    assert!(lines[1]["error"].is_string(), "{}", lines[1]);
    assert_eq!(lines[2]["file"], *dir.path().to_string_lossy());
    assert!(lines[2]["error"].is_string(), "{}", lines[2]);
    assert_eq!(lines[3]["id"], 3);
    assert!(entity(&lines[3]["entities"], "Iraq").is_some());
}

#[test]
fn an_unreadable_document_in_a_list_is_reported_in_its_place() {
    let dir = TempDir::new("unreadable-documents");
    let first = dir.file("a.txt", BAGHDAD);
    let missing = dir.path().join("missing.txt");
    let latin1 = dir.file("latin1.txt", b"caf\xe9 in Basra");
    let last = dir.file("d.txt", "Iraq said.");
    let run = run(
        extract()
            .arg("--compact")
            .arg(&first)
            .arg(&missing)
            .arg(&latin1)
            .arg(&last),
        b"",
    );
    assert_could_not_run_naming(&run, &missing);
    assert!(
        run.stderr.contains(&*latin1.to_string_lossy()),
        "{}",
        run.stderr
    );
    let documents = run.json_lines();
    assert_eq!(documents.len(), 4, "{}", run.stdout);
    assert!(entity(&documents[0]["entities"], "Baghdad").is_some());
    assert_eq!(documents[1]["file"], *missing.to_string_lossy());
    assert!(documents[1]["error"].is_string(), "{}", documents[1]);
    assert!(
        documents[2]["error"]
            .as_str()
            .is_some_and(|e| e.contains("UTF-8"))
    );
    assert!(entity(&documents[3]["entities"], "Iraq").is_some());
}

// ------------------------------------------------- options of the CLI --

#[test]
fn version_prints_the_crate_version() {
    let run = run(extract().arg("--version"), b"");
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!("extract {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn markup_can_be_forced() {
    let text = "Talks in Bagh&#100;ad.";
    let names = |args: &[&str]| -> Vec<Value> {
        let run = run(extract().args(args), text.as_bytes());
        assert_eq!(run.code(), Some(0), "{args:?}: {}", run.stderr);
        let document = run.json();
        document["entities"].as_array().unwrap().clone()
    };
    for args in [&["--markup", "auto"][..], &["--markup", "plain"], &[]] {
        let entities = Value::Array(names(args));
        assert!(
            entity(&entities, "Baghdad").is_none(),
            "{args:?}: {entities}"
        );
    }
    let entities = Value::Array(names(&["--markup", "html"]));
    assert_eq!(
        mentions_of(&entities, "Baghdad"),
        [(9, 21, "Bagh&#100;ad".to_string())]
    );

    // In JSON Lines too; plain text keeps a "<" visible.
    let input =
        jsonl(&[json!({"id": 1, "text": "Sales in Baghdad rose when x<y and Basra grew."})]);
    let run = run(
        extract().args(["--jsonl", "--markup", "plain"]),
        input.as_bytes(),
    );
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    assert!(
        entity(&run.json_lines()[0]["entities"], "Basra").is_some(),
        "{}",
        run.stdout
    );

    let bad = self::run(extract().args(["--markup", "xml"]), b"");
    assert_eq!(bad.code(), Some(2), "{}", bad.stderr);
}

// ------------------------------------------- streaming, threads, memory --

/// A running example whose stdin stays open until [`Streaming::finish`],
/// and whose output lines arrive through a channel.
struct Streaming {
    child: Child,
    stdin: Option<std::process::ChildStdin>,
    lines: std::sync::mpsc::Receiver<String>,
    stderr: thread::JoinHandle<String>,
}

/// How long a test waits for an output line before it calls the example
/// stuck (a debug build on a loaded machine can be slow; a stuck one never
/// answers).
const PATIENCE: std::time::Duration = std::time::Duration::from_secs(120);

impl Streaming {
    fn start(command: &mut Command) -> Streaming {
        let mut child = spawn_piped(command);
        let stdin = child.stdin.take();
        let stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
        let (sender, lines) = std::sync::mpsc::channel();
        thread::spawn(move || {
            for line in stdout.lines() {
                let Ok(line) = line else { break };
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let mut stderr = child.stderr.take().expect("stderr is piped");
        let stderr = thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        Streaming {
            child,
            stdin,
            lines,
            stderr,
        }
    }

    fn write(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).expect("the example reads its input");
        stdin.flush().expect("the example reads its input");
    }

    /// The next output line; fails the test if none comes in time.
    fn next_line(&self) -> String {
        self.lines
            .recv_timeout(PATIENCE)
            .expect("an output line while the input is still open")
    }

    /// Closes stdin and waits for the end: the exit status and stderr.
    fn finish(mut self) -> (ExitStatus, String) {
        drop(self.stdin.take());
        let status = self.child.wait().expect("the example ends");
        (status, self.stderr.join().expect("the stderr reader ends"))
    }
}

#[test]
fn jsonl_answers_each_line_while_the_input_is_still_open() {
    let mut streaming = Streaming::start(extract().arg("--jsonl"));
    for id in 0..3 {
        streaming.write(jsonl(&[json!({"id": id, "text": BAGHDAD})]).as_bytes());
        let line: Value = serde_json::from_str(&streaming.next_line()).expect("JSON");
        assert_eq!(line["id"], id);
    }
    let (status, stderr) = streaming.finish();
    assert!(status.success(), "{status}: {stderr}");
}

/// A field of `/proc/<pid>/status`, in the unit the kernel gives.
#[cfg(target_os = "linux")]
fn proc_status(pid: u32, field: &str) -> u64 {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc is readable");
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|value| value.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| panic!("no {field} in /proc/{pid}/status"))
}

#[cfg(target_os = "linux")]
#[test]
fn threads_beyond_the_cores_are_capped() {
    let cores = thread::available_parallelism().map_or(1, |n| n.get()) as u64;
    let mut streaming = Streaming::start(extract().args(["--jsonl", "--threads", "2000"]));
    streaming.write(jsonl(&[json!({"id": 1, "text": BAGHDAD})]).as_bytes());
    let line: Value = serde_json::from_str(&streaming.next_line()).expect("JSON");
    assert!(entity(&line["entities"], "Baghdad").is_some(), "{line}");
    let threads = proc_status(streaming.child.id(), "Threads");
    let (status, stderr) = streaming.finish();
    assert!(status.success(), "{status}: {stderr}");
    assert!(threads <= cores + 1, "{threads} threads on {cores} cores");
    assert!(stderr.contains("2000"), "the cap is reported: {stderr}");
}

/// The peak resident memory, in KiB, of a run that reads `lines` records
/// of `text` from stdin; measured while the run waits for more input.
#[cfg(target_os = "linux")]
fn peak_kib_reading(lines: usize, text: &str) -> u64 {
    let mut streaming = Streaming::start(extract().args(["--jsonl", "--threads", "2"]));
    let record = format!("{}\n", json!({"text": text}));
    let input = record.repeat(lines);
    let mut stdin = streaming.stdin.take().expect("stdin is open");
    let writer = thread::spawn(move || {
        stdin
            .write_all(input.as_bytes())
            .expect("the example reads its input");
        stdin
    });
    for _ in 0..lines {
        streaming.next_line();
    }
    streaming.stdin = Some(writer.join().expect("the writer ends"));
    let peak = proc_status(streaming.child.id(), "VmHWM");
    let (status, stderr) = streaming.finish();
    assert!(status.success(), "{status}: {stderr}");
    peak
}

#[cfg(target_os = "linux")]
#[test]
fn jsonl_memory_is_bounded_by_bytes_not_lines() {
    // 300 lines of 64 KiB (19 MiB) against one line: a batch of lines
    // held whole would add the input and its parse to the peak.
    let text = "word ".repeat(64 << 10 >> 2 /* 64 KiB / "word " ~ 5 B */);
    let small = peak_kib_reading(1, &text);
    let large = peak_kib_reading(300, &text);
    let input_kib = (300 * text.len() / 1024) as u64;
    assert!(
        large < small + input_kib / 4,
        "{large} KiB for {input_kib} KiB of input, {small} KiB for one line"
    );
}

// --------------------------------------------------------- main content --

/// A news page: a menu, the article, related links.
fn news_page() -> String {
    let paragraph = format!(
        "<p>{}</p>",
        "The talks in Basra went on for a third day on Tuesday, officials said. ".repeat(5)
    );
    format!(
        "<html><head><title>Talks go on in Basra</title></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/k\">Kirkuk Edition</a></nav>\
         <article><h1>Talks go on in Basra</h1><p class=\"byline\">By Ann Smith</p>\
         {paragraph}{paragraph}{paragraph}</article>\
         <aside><a href=\"/m\">Floods in Mosul</a></aside></body></html>"
    )
}

#[cfg(feature = "main-content")]
#[test]
fn main_content_keeps_the_articles_mentions_with_title_and_byline() {
    let page = news_page();
    let dir = TempDir::new("main-content");
    let file = dir.file("page.html", &page);
    let done = run(
        extract().args(["--main-content", "--compact"]).arg(&file),
        b"",
    );
    assert_eq!(done.code(), Some(0), "{}", done.stderr);
    let document = done.json();
    assert_eq!(document["title"], "Talks go on in Basra");
    assert_eq!(document["byline"], "By Ann Smith");
    let names: Vec<&str> = document["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Basra"], "{document}");
    for m in document["entities"][0]["mentions"].as_array().unwrap() {
        let (start, end) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&page[start..end], "Basra");
    }
    // JSON Lines: the same, after the id; plain text has no title.
    let input = jsonl(&[
        json!({"id": 1, "text": page}),
        json!({"id": 2, "text": "Talks in Mosul."}),
    ]);
    let done = run(
        extract().args(["--jsonl", "--main-content"]),
        input.as_bytes(),
    );
    assert_eq!(done.code(), Some(0), "{}", done.stderr);
    let lines = done.json_lines();
    assert_eq!(lines[0]["title"], "Talks go on in Basra");
    assert_eq!(lines[0]["entities"], document["entities"]);
    assert_eq!(lines[1]["title"], Value::Null);
    assert!(lines[1].get("byline").is_some());
    assert_eq!(lines[1]["entities"][0]["name"], "Mosul");
    // Without the option, no title key and every entity of the page.
    let done = run(extract().arg("--compact").arg(&file), b"");
    let document = done.json();
    assert!(document.get("title").is_none());
    assert!(document["entities"].as_array().unwrap().len() > 1);
}

#[cfg(not(feature = "main-content"))]
#[test]
fn main_content_without_the_feature_is_a_clear_error() {
    let run = run(extract().arg("--main-content"), news_page().as_bytes());
    assert_eq!(run.code(), Some(2));
    assert!(
        run.stderr.contains("main-content feature"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
}

// ------------------------------------------------------------- explain --

/// Asserts that every mention of `entities` has a reason it was found,
/// that each entity's first has no join, and that every later one was
/// joined by a rule to an earlier mention of its entity.
fn assert_explained(entities: &Value) {
    let entities = entities.as_array().expect("entities is an array");
    assert!(!entities.is_empty());
    for entity in entities {
        let mentions = entity["mentions"].as_array().expect("mentions");
        for (i, mention) in mentions.iter().enumerate() {
            let why = &mention["why"];
            let found = why["found"].as_str();
            assert!(found.is_some_and(|f| !f.is_empty()), "no reason: {mention}");
            if found == Some("gazetteer") {
                assert!(why["source"].as_str().is_some_and(|s| s.ends_with(".tsv")));
                assert!(why["entry"].is_string() && why["kind"].is_string(), "{why}");
            }
            if i == 0 {
                assert!(why.get("joined").is_none(), "first mention joined: {why}");
                continue;
            }
            assert!(
                why["joined"].is_string(),
                "not joined: {mention} in {entity}"
            );
            let to = why["to"].as_u64().expect("a join says to which mention") as usize;
            assert!(to < i, "joined to a later mention: {mention} in {entity}");
        }
    }
}

#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn the_seed_article_explained_has_a_reason_on_every_mention() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/seed-article.txt");
    let run = run(extract().arg("--explain").arg(&seed), b"");
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    let document = run.json();
    assert_explained(&document["entities"]);
    // The same entities and mentions as without --explain.
    let plain = self::run(extract().arg(&seed), b"").json();
    let mut stripped = document.clone();
    for entity in stripped["entities"].as_array_mut().unwrap() {
        for mention in entity["mentions"].as_array_mut().unwrap() {
            mention.as_object_mut().unwrap().remove("why");
        }
    }
    assert_eq!(stripped, plain);
    // Mr Al Sadr is the man by the ending of his name.
    let sadr = entity(&document["entities"], "Moqtada al-Sadr").expect("Sadr is found");
    let al_sadr = sadr["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["text"] == "Al Sadr")
        .expect("Mr Al Sadr is a mention");
    assert_eq!(al_sadr["why"]["found"], "title");
    assert_eq!(al_sadr["why"]["joined"], "person-suffix");
}

#[test]
fn explain_adds_why_to_documents_and_json_lines() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/article.txt");
    let document = run(extract().args(["--explain", "--compact"]).arg(&sample), b"");
    assert_eq!(document.code(), Some(0), "{}", document.stderr);
    assert_explained(&document.json()["entities"]);
    let text = fs::read_to_string(&sample).unwrap();
    let lines = run(
        extract().args(["--jsonl", "--explain"]),
        jsonl(&[
            json!({"id": 7, "text": text}),
            json!({"id": 8, "text": BAGHDAD}),
        ])
        .as_bytes(),
    );
    assert_eq!(lines.code(), Some(0), "{}", lines.stderr);
    let lines = lines.json_lines();
    assert_eq!(lines[0]["id"], 7);
    assert_eq!(lines[0]["entities"], document.json()["entities"]);
    assert_eq!(
        lines[1]["entities"][0]["mentions"][0]["why"],
        json!({"found": "gazetteer", "source": "places-geonames.tsv", "entry": "Baghdad", "kind": "place"})
    );
    // Without --explain, no reasons.
    let plain = run(
        extract().arg("--jsonl"),
        jsonl(&[json!({"text": BAGHDAD})]).as_bytes(),
    );
    assert!(!plain.stdout.contains("why"), "{}", plain.stdout);
}
