//! An input read in chunks of whole lines.
//!
//! A chunk ends at a line end once it holds `target` bytes, or as soon as
//! the input has nothing more to give for now (a pipe whose writer waits
//! for an answer gets one), or at the end of the input. A line longer than
//! `target` makes a chunk of its own size: a record is never split.

use std::io::{self, Read};

use crate::input::BOM;

/// A run of whole lines of one input.
pub struct Chunk {
    /// The 1-based number of the chunk's first line in its input.
    pub first_line: usize,
    /// The lines, each ended by `\n` but perhaps the input's last.
    pub bytes: Vec<u8>,
}

/// Reads an input chunk by chunk.
pub struct Chunks {
    reader: Box<dyn Read + Send>,
    /// Whether the input is a regular file, which never makes a reader
    /// wait: a chunk is then read whole, into memory that need not be
    /// zeroed first.
    regular_file: bool,
    /// The bytes read after the last chunk's end: part of a line.
    rest: Vec<u8>,
    /// Whether a byte-order mark may still come.
    at_start: bool,
    at_end: bool,
    next_line: usize,
    /// Whether each chunk's lines are counted as it is read; otherwise its
    /// reader counts them as it goes and says so ([`Chunks::add_lines`]).
    count_lines: bool,
}

impl Chunks {
    /// Chunks of `reader`; `regular_file` says that it reads a regular
    /// file (not a pipe or a terminal). With `count_lines`, each chunk's
    /// lines are counted as it is read, so that the next chunk knows its
    /// first line's number at once; without, the caller reads each chunk
    /// before it asks for the next, and gives its count of lines to
    /// [`Chunks::add_lines`] first (a chunk's lines are then read once,
    /// not also counted in a pass of their own).
    pub fn new(reader: Box<dyn Read + Send>, regular_file: bool, count_lines: bool) -> Chunks {
        Chunks {
            reader,
            regular_file,
            rest: Vec::new(),
            at_start: true,
            at_end: false,
            next_line: 1,
            count_lines,
        }
    }

    /// How many lines were read whole before the last chunk.
    pub fn lines_read(&self) -> usize {
        self.next_line - 1
    }

    /// Counts `lines` more lines (line ends) read, those of the last chunk,
    /// when the chunks do not count them themselves.
    pub fn add_lines(&mut self, lines: usize) {
        debug_assert!(!self.count_lines, "the lines of a chunk counted twice");
        self.next_line += lines;
    }

    /// The next chunk, of about `target` bytes, read into `buffer`, whose
    /// bytes are dropped first (the buffer of a chunk read before, handed
    /// back so that its memory serves again, or a new one); `None` at the
    /// end.
    pub fn next(&mut self, target: usize, buffer: Vec<u8>) -> io::Result<Option<Chunk>> {
        let mut bytes = buffer;
        bytes.clear();
        bytes.extend_from_slice(&self.rest);
        self.rest.clear();
        // The rest holds no line end: it is what followed the last one.
        let mut last_newline = None;
        while !self.at_end {
            let old = bytes.len();
            let read = if self.regular_file {
                // Up to `target` bytes, appended without zeroing them
                // first; short only at the end of the file. (Room made
                // first: grown as it fills, the buffer would be copied
                // over and over.)
                bytes.reserve(target);
                (&mut self.reader)
                    .take(target as u64)
                    .read_to_end(&mut bytes)
                    .inspect_err(|_| bytes.truncate(old))?
            } else {
                bytes.resize(old + target, 0);
                let read = loop {
                    match self.reader.read(&mut bytes[old..]) {
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                        read => break read,
                    }
                };
                let read = read.inspect_err(|_| bytes.truncate(old))?;
                bytes.truncate(old + read);
                read
            };
            self.at_end = read == 0;
            if self.at_start {
                if bytes.len() < BOM.len() && !self.at_end {
                    continue;
                }
                self.at_start = false;
                if bytes.starts_with(BOM) {
                    bytes.drain(..BOM.len());
                }
                last_newline = memchr::memrchr(b'\n', &bytes);
            } else if let Some(at) = memchr::memrchr(b'\n', &bytes[old..]) {
                last_newline = Some(old + at);
            }
            let waiting = read < target;
            if let Some(at) = last_newline
                && (bytes.len() >= target || waiting)
            {
                self.rest.extend_from_slice(&bytes[at + 1..]);
                bytes.truncate(at + 1);
                break;
            }
        }
        if bytes.is_empty() {
            return Ok(None);
        }
        let first_line = self.next_line;
        if self.count_lines {
            self.next_line += memchr::memchr_iter(b'\n', &bytes).count();
        }
        Ok(Some(Chunk { first_line, bytes }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that gives at most `step` bytes per read, as a pipe may.
    struct Trickle {
        data: Vec<u8>,
        at: usize,
        step: usize,
    }

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(self.step).min(self.data.len() - self.at);
            buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    /// The chunks of `data` read `step` bytes a read, as from a pipe, and
    /// as from a regular file (which the same reader stands for: it never
    /// waits); both ways must give the same chunks.
    fn chunks(data: &[u8], step: usize, target: usize) -> Vec<(usize, Vec<u8>)> {
        let read = |regular_file, count_lines| {
            let reader = Trickle {
                data: data.to_vec(),
                at: 0,
                step,
            };
            let mut chunks = Chunks::new(Box::new(reader), regular_file, count_lines);
            let mut all = Vec::new();
            // Each chunk is read into the buffer of the one before, as the
            // workers hand them back.
            let mut buffer = b"left over".to_vec();
            while let Some(chunk) = chunks.next(target, buffer).unwrap() {
                if !count_lines {
                    chunks.add_lines(chunk.bytes.iter().filter(|&&b| b == b'\n').count());
                }
                all.push((chunk.first_line, chunk.bytes.clone()));
                buffer = chunk.bytes;
            }
            all
        };
        let as_pipe = read(false, true);
        let as_file = read(true, true);
        // Lines counted by the caller number the chunks alike.
        assert_eq!(read(false, false), as_pipe);
        assert_eq!(read(true, false), as_file);
        // Lines are never split either way; a pipe's short reads may only
        // end chunks sooner.
        let joined =
            |all: &[(usize, Vec<u8>)]| all.iter().flat_map(|(_, b)| b.clone()).collect::<Vec<u8>>();
        assert_eq!(joined(&as_pipe), joined(&as_file));
        assert!(
            as_file
                .iter()
                .all(|(_, b)| b.ends_with(b"\n") || b.ends_with(b"end"))
        );
        as_pipe
    }

    #[test]
    fn chunks_are_whole_lines_that_add_up_to_the_input() {
        let data: Vec<u8> = (0..500)
            .flat_map(|i| format!("line {i} {}\n", "x".repeat(i % 37)).into_bytes())
            .chain(b"last line without an end".iter().copied())
            .collect();
        for (step, target) in [(1, 7), (3, 64), (1000, 64), (1 << 20, 100), (64, 1 << 20)] {
            let all = chunks(&data, step, target);
            let joined: Vec<u8> = all.iter().flat_map(|(_, b)| b.clone()).collect();
            assert_eq!(joined, data, "step {step}, target {target}");
            let mut line = 1;
            for (first_line, bytes) in &all {
                assert_eq!(*first_line, line);
                assert!(bytes.ends_with(b"\n") || bytes.ends_with(b"end"));
                line += bytes.iter().filter(|&&b| b == b'\n').count();
            }
        }
    }

    #[test]
    fn a_line_longer_than_the_target_is_one_chunk() {
        let long = format!("{}\n", "y".repeat(1000));
        let data = format!("a\n{long}b\n");
        let all = chunks(data.as_bytes(), 1 << 20, 16);
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].1, format!("{long}b\n").into_bytes());
        assert_eq!(all[1].0, 2);
    }

    #[test]
    fn a_byte_order_mark_is_dropped_even_when_it_comes_a_byte_at_a_time() {
        for step in [1, 2, 100] {
            let all = chunks(b"\xef\xbb\xbfa\n\xef\xbb\xbfb\n", step, 1 << 10);
            let joined: Vec<u8> = all.iter().flat_map(|(_, b)| b.clone()).collect();
            assert_eq!(joined, b"a\n\xef\xbb\xbfb\n", "step {step}");
        }
        assert!(chunks(b"", 1, 8).is_empty());
        assert_eq!(chunks(b"\xef\xbb\xbf", 1, 8).len(), 0);
    }
}
