//! How a run went, and messages on stderr.

use std::fmt;
use std::io::{self, Write};

/// How a run that went to the end went, worst last (runs combine their
/// statuses with `max`); each is its process exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Everything was processed (exit 0).
    Ok = 0,
    /// Some JSON Lines record could not be used (exit 1).
    RecordsFailed = 1,
    /// Some input could not be read (exit 2).
    InputFailed = 2,
}

/// Writes one line to stderr, ignoring failure: there is nowhere left to
/// report it.
pub fn report(message: fmt::Arguments<'_>) {
    let _ = writeln!(io::stderr().lock(), "{message}");
}
