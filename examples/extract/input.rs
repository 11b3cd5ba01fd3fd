//! The inputs named on the command line: files, or stdin.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The UTF-8 byte-order mark, skipped at the start of an input.
pub const BOM: &[u8] = b"\xef\xbb\xbf";

/// One input: stdin or a file.
#[derive(Debug)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// The inputs for the `FILE` arguments: stdin when there are none, and
    /// for each `-`.
    pub fn all(files: &[PathBuf]) -> Vec<Input> {
        if files.is_empty() {
            return vec![Input::Stdin];
        }
        files
            .iter()
            .map(|path| {
                if path.as_os_str() == "-" {
                    Input::Stdin
                } else {
                    Input::File(path.clone())
                }
            })
            .collect()
    }

    /// The input's name in messages: `<stdin>`, or the path as given.
    pub fn name(&self) -> Cow<'_, str> {
        match self {
            Input::Stdin => Cow::Borrowed("<stdin>"),
            Input::File(path) => path.to_string_lossy(),
        }
    }

    /// The input's name in the output's `"file"` field: the argument as
    /// given, `-` for stdin.
    pub fn label(&self) -> Cow<'_, str> {
        match self {
            Input::Stdin => Cow::Borrowed("-"),
            Input::File(path) => path.to_string_lossy(),
        }
    }

    /// Opens the input for reading (unbuffered: its readers read large
    /// blocks themselves). A directory is an error.
    pub fn open(&self) -> io::Result<Box<dyn Read + Send>> {
        match self {
            Input::Stdin => Ok(Box::new(io::stdin())),
            Input::File(path) => Ok(Box::new(open_file(path)?)),
        }
    }

    /// Whether the input is a regular file (not stdin, a pipe or a
    /// terminal), which a read never waits on.
    pub fn is_regular_file(&self) -> bool {
        match self {
            Input::Stdin => false,
            Input::File(path) => std::fs::metadata(path).is_ok_and(|m| m.is_file()),
        }
    }

    /// The input's size in bytes, when it is a file (or stdin redirected
    /// from one).
    pub fn size(&self) -> Option<u64> {
        let path = match self {
            Input::Stdin => Path::new("/dev/stdin"),
            Input::File(path) => path,
        };
        std::fs::metadata(path)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len())
    }

    /// The message for an input that cannot be read.
    pub fn cannot_read(&self, error: &io::Error) -> String {
        format!("cannot read {}: {error}", self.name())
    }
}

fn open_file(path: &Path) -> io::Result<File> {
    let file = File::open(path)?;
    if file.metadata()?.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory",
        ));
    }
    Ok(file)
}
