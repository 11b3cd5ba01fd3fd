//! The gazetteer file format.
//!
//! A gazetteer file is UTF-8 text with one entry per line, its fields
//! separated by tabs:
//!
//! ```text
//! # kind    name                 aliases                         rank
//! place     Iraq                 Republic of Iraq|Irak           100
//! group     Kataib Hezbollah     Kata'ib Hezbollah|KH            60
//! given-name    Moqtada
//! ```
//!
//! - `kind`: `person`, `group`, `place`, `organisation`, `given-name`,
//!   `surname` or `stopword`;
//! - `name`: the canonical name;
//! - `aliases` (optional): other surface forms separated by `|`;
//! - `rank` (optional, default 50): prominence from 0 to 100.
//!
//! Lines starting with `#` and blank lines are ignored. Surface forms are
//! written in natural case ("U.S.", "al-Sadr"): matching is case-sensitive
//! for proper names (see [`crate::gazetteer`]).

use std::path::Path;

use super::Entry;
use super::entry::{Aliases, Record};
use crate::{Error, LineError};

/// Parses the contents of a gazetteer file. `source_name` names it in
/// errors.
///
/// # Errors
///
/// [`Error::InvalidUtf8`] when the bytes are not UTF-8, and
/// [`Error::Malformed`] for the first line that is no entry (its number
/// and what is wrong with it).
///
/// ```
/// use gazetteer_ner::gazetteer::parse;
///
/// let entries = parse("inline", b"place\tIraq\tIrak\t100\n# comment\n").unwrap();
/// assert_eq!(entries[0].aliases, ["Irak"]);
/// let err = parse("inline", b"planet\tMars\n").unwrap_err();
/// assert!(err.to_string().contains("line 1"));
/// ```
pub fn parse(source_name: &str, bytes: &[u8]) -> Result<Vec<Entry>, Error> {
    records(source_name, bytes)?
        .map(|record| record.map(Entry::from))
        .collect()
}

/// The entries of gazetteer data, borrowed from it, each checked as it is
/// read.
pub(crate) fn records<'a>(
    source_name: &'a str,
    bytes: &'a [u8],
) -> Result<impl Iterator<Item = Result<Record<'a>, Error>> + 'a, Error> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let byte_offset = e.valid_up_to();
        Error::InvalidUtf8 {
            source_name: source_name.to_string(),
            line: 1 + bytes[..byte_offset].iter().filter(|&&b| b == b'\n').count(),
            byte_offset,
        }
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    Ok(text
        .lines()
        .enumerate()
        .filter(|(_, line)| !(line.trim().is_empty() || line.starts_with('#')))
        .map(move |(index, line)| {
            parse_line(line).map_err(|problem| Error::Malformed {
                source_name: source_name.to_string(),
                line: index + 1,
                problem,
            })
        }))
}

/// Reads and parses one gazetteer file.
///
/// # Errors
///
/// [`Error::Io`] when the file cannot be read, and the errors of
/// [`parse`] for its contents.
pub fn read_file(path: &Path) -> Result<Vec<Entry>, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse(&path.display().to_string(), &bytes)
}

/// Reads every `*.tsv` file of a directory, in file-name order.
///
/// # Errors
///
/// [`Error::Io`] when the directory or one of its files cannot be read,
/// and the errors of [`parse`] for the first file that does not parse.
pub fn read_dir(dir: &Path) -> Result<Vec<Entry>, Error> {
    let mut entries = Vec::new();
    for path in dir_files(dir)? {
        entries.extend(read_file(&path)?);
    }
    Ok(entries)
}

/// The `*.tsv` files of a directory, in file-name order.
pub(crate) fn dir_files(dir: &Path) -> Result<Vec<std::path::PathBuf>, Error> {
    let io_error = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut paths = Vec::new();
    for item in std::fs::read_dir(dir).map_err(io_error)? {
        let path = item.map_err(io_error)?.path();
        if path.extension().is_some_and(|e| e == "tsv") && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

fn parse_line(line: &str) -> Result<Record<'_>, LineError> {
    let line = line.strip_suffix('\r').unwrap_or(line);
    let mut fields = line.split('\t');
    let (kind, name) = (fields.next().unwrap_or(""), fields.next());
    let (aliases, rank) = (fields.next(), fields.next());
    let extra = fields.count();
    let Some(name) = name.filter(|_| extra == 0) else {
        let found = line.split('\t').count();
        return Err(LineError::Fields { found });
    };
    let rank = match rank {
        None => 50,
        Some(rank) => rank
            .parse::<u8>()
            .ok()
            .filter(|&r| r <= Entry::MAX_RANK)
            .ok_or_else(|| LineError::Rank(rank.to_string()))?,
    };
    let record = Record {
        kind: kind.parse()?,
        name,
        aliases: Aliases::Joined(aliases.unwrap_or("")),
        rank,
    };
    record.validate()?;
    Ok(record)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EntityKind;
    use crate::gazetteer::EntryKind;

    fn error(text: &str) -> String {
        parse("test.tsv", text.as_bytes()).unwrap_err().to_string()
    }

    #[test]
    fn parses_all_field_counts() {
        let text = "# header\n\nplace\tIraq\nsurname\tSadr\t\t70\r\ngroup\tPMF\tPopular Mobilisation Forces|PMU\n";
        let entries = parse("test.tsv", text.as_bytes()).unwrap();
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].kind, EntryKind::Entity(EntityKind::Place));
        assert_eq!(entries[0].rank, 50);
        assert_eq!(entries[1].kind, EntryKind::Surname);
        assert_eq!(entries[1].rank, 70);
        assert!(entries[1].aliases.is_empty());
        assert_eq!(entries[2].aliases, ["Popular Mobilisation Forces", "PMU"]);
    }

    #[test]
    fn malformed_lines_name_file_line_and_problem() {
        let e = error("place\tIraq\n\nplace\n");
        assert!(e.contains("test.tsv") && e.contains("line 3") && e.contains("found 1"));
        assert!(error("place\ta\tb\t1\t2").contains("found 5"));
        assert!(error("city\tBaghdad").contains("unknown kind \"city\""));
        assert!(error("place\t\tIrak").contains("empty name"));
        assert!(error("place\tIraq\tIrak||Iraq").contains("empty name"));
        assert!(error("place\tIraq\t\t101").contains("rank \"101\""));
        assert!(error("place\tIraq\t\tmany").contains("rank \"many\""));
    }

    #[test]
    fn invalid_utf8_names_line_and_byte() {
        let err = parse("bad.tsv", b"place\tIraq\nplace\tIr\xffaq\n").unwrap_err();
        assert!(matches!(
            err,
            Error::InvalidUtf8 {
                line: 2,
                byte_offset: 19,
                ..
            }
        ));
        assert!(err.to_string().contains("bad.tsv"));
    }

    #[test]
    fn missing_file_and_dir_are_io_errors() {
        let err = read_file(Path::new("/nonexistent/x.tsv")).unwrap_err();
        assert!(matches!(err, Error::Io { .. }));
        assert!(matches!(
            read_dir(Path::new("/nonexistent")).unwrap_err(),
            Error::Io { .. }
        ));
        assert!(matches!(
            read_file(Path::new("/")).unwrap_err(),
            Error::Io { .. }
        ));
    }
}
