//! What the tests that run the built examples share: the examples built
//! once per test process, a run with its input written from a thread, and
//! directories of scratch files.
//!
//! The binaries are `target/<profile>/examples/NAME`, next to the `deps`
//! directory that holds the test. `cargo test` does not build examples, so
//! the first test to need one runs `cargo build --example ...` for the
//! test's profile and features (a no-op when they are up to date, and the
//! only way to be sure they are not stale); if cargo cannot be run, the
//! binaries already there are used as they are.
//!
//! Each test crate uses part of this module, so what one of them leaves
//! unused is not dead code.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::{env, fs, thread};

use serde_json::Value;

/// The examples the tests run.
const EXAMPLES: [&str; 2] = ["extract", "top_entities"];

/// The built example `name` (one of [`EXAMPLES`]), built or rebuilt once
/// per test process.
pub fn example(name: &str) -> PathBuf {
    assert!(
        EXAMPLES.contains(&name),
        "{name} is not built for the tests"
    );
    static PROFILE_DIR: OnceLock<PathBuf> = OnceLock::new();
    PROFILE_DIR
        .get_or_init(build_examples)
        .join("examples")
        .join(format!("{name}{}", env::consts::EXE_SUFFIX))
}

/// A command running the `extract` example.
pub fn extract() -> Command {
    Command::new(example("extract"))
}

/// Runs `cargo build` for [`EXAMPLES`] with the profile and features the
/// tests were built with, and returns the profile's target directory.
fn build_examples() -> PathBuf {
    let exe = env::current_exe().expect("the test binary has a path");
    // target/<profile>/deps/TEST-HASH -> target/<profile>
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("the test binary lives in target/<profile>/deps")
        .to_path_buf();
    let mut cargo = Command::new(env!("CARGO"));
    cargo.args(["build", "--quiet"]);
    for name in EXAMPLES {
        cargo.args(["--example", name]);
    }
    cargo
        .arg("--manifest-path")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"));
    if cfg!(feature = "main-content") {
        cargo.args(["--features", "main-content"]);
    }
    match profile_dir.file_name().and_then(OsStr::to_str) {
        Some("debug") | None => {}
        Some(profile) => {
            cargo.args(["--profile", profile]);
        }
    }
    let built = cargo.status().is_ok_and(|status| status.success());
    let present = EXAMPLES.iter().all(|name| {
        profile_dir
            .join("examples")
            .join(format!("{name}{}", env::consts::EXE_SUFFIX))
            .exists()
    });
    assert!(
        built || present,
        "cannot build the examples {EXAMPLES:?}, and they are not in {}",
        profile_dir.display()
    );
    profile_dir
}

/// What a finished run left.
pub struct Run {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The exit code, `None` if a signal ended the run.
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }

    /// Asserts that the run succeeded, showing its stderr if not.
    pub fn assert_ok(&self) -> &Run {
        assert_eq!(self.code(), Some(0), "{}", self.stderr);
        self
    }

    /// Stdout as one JSON value.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not one JSON value ({e}): {}", self.stdout))
    }

    /// Stdout as JSON Lines.
    pub fn json_lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|line| {
                serde_json::from_str(line)
                    .unwrap_or_else(|e| panic!("output line is not JSON ({e}): {line}"))
            })
            .collect()
    }
}

/// Starts `command` with its stdin, stdout and stderr piped to the test.
pub fn spawn_piped(command: &mut Command) -> Child {
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the example starts")
}

/// Runs `command` with `stdin` as its input, written from another thread
/// so that a large input cannot deadlock against a full stdout pipe.
/// Panics if the program panicked.
pub fn run(command: &mut Command, stdin: &[u8]) -> Run {
    let mut child = spawn_piped(command);
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let input = stdin.to_vec();
    let writer = thread::spawn(move || {
        // The program may exit without reading everything; that is its call.
        let _ = pipe.write_all(&input);
    });
    let output = child.wait_with_output().expect("the example runs");
    writer.join().expect("the stdin writer does not panic");
    let run = Run {
        status: output.status,
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "the example panicked: {}",
        run.stderr
    );
    run
}

/// A directory of scratch files, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    /// A new empty directory under the system's temporary directory, its
    /// name made of the test process's id, a counter and `name`.
    pub fn new(name: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let path = env::temp_dir().join(format!(
            "gazetteer-ner-test-{}-{}-{name}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).expect("the temp dir is writable");
        TempDir(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `contents` to the file `name` in the directory (making its
    /// parent directories) and returns its path.
    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("the temp dir is writable");
        }
        fs::write(&path, contents).expect("the temp dir is writable");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}
