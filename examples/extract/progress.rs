//! `--progress` and `--summary`: what a run has done, on stderr.
//!
//! A [`Tally`] counts records (documents, or `--jsonl` records), their
//! bytes, failed lines and entities per kind; workers tally what they do
//! and the writer adds it up in output order. [`Progress`] shows the tally
//! as the run goes: a line redrawn in place on a terminal (at most ten
//! times a second), or a line a second on anything else, with the records
//! done, MB/s, errors and, when the input's size is known (files), the time
//! left. `--summary` writes the tally once at the end.

use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

use gazetteer_ner::{Entity, EntityKind};

use crate::input::Input;

/// What a run, or part of one, has done.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Documents or records read, failed ones included.
    pub records: u64,
    /// Bytes of input read.
    pub bytes: u64,
    /// Records (or inputs) that failed.
    pub failed: u64,
    /// Entities per kind, in [`EntityKind::ALL`] order.
    pub entities: [u64; 4],
    /// Mentions of those entities.
    pub mentions: u64,
}

impl Tally {
    /// Counts the entities of one record.
    pub fn entities(&mut self, entities: &[Entity]) {
        for entity in entities {
            if let Some(k) = EntityKind::ALL.iter().position(|&k| k == entity.kind) {
                self.entities[k] += 1;
            }
            self.mentions += entity.mentions.len() as u64;
        }
    }

    /// Adds `other` to this tally.
    pub fn add(&mut self, other: &Tally) {
        self.records += other.records;
        self.bytes += other.bytes;
        self.failed += other.failed;
        for (mine, theirs) in self.entities.iter_mut().zip(other.entities) {
            *mine += theirs;
        }
        self.mentions += other.mentions;
    }
}

/// The progress line and the summary of a run.
pub struct Progress {
    /// Whether to show progress as the run goes.
    show: bool,
    /// Whether stderr is a terminal (redraw in place) or not (new lines).
    terminal: bool,
    /// Whether to write the summary at the end.
    summary: bool,
    /// The bytes of input, when every input is a file of known size.
    total: Option<u64>,
    started: Instant,
    /// When the line was last drawn.
    drawn: Option<Instant>,
    /// What the run has done.
    pub tally: Tally,
}

impl Progress {
    /// Progress for a run over `inputs`: shown when asked (`progress`), or
    /// by default for `--jsonl` runs when stderr is a terminal.
    pub fn new(inputs: &[Input], progress: bool, jsonl: bool, summary: bool) -> Progress {
        let terminal = io::stderr().is_terminal();
        Progress {
            show: progress || (jsonl && terminal),
            terminal,
            summary,
            total: inputs.iter().map(Input::size).sum(),
            started: Instant::now(),
            drawn: None,
            tally: Tally::default(),
        }
    }

    /// Adds what was just done, and redraws the line when it is time.
    pub fn add(&mut self, done: &Tally) {
        self.tally.add(done);
        if !self.show {
            return;
        }
        let every = if self.terminal {
            Duration::from_millis(100)
        } else {
            Duration::from_secs(1)
        };
        let now = Instant::now();
        if self.drawn.is_none_or(|drawn| now - drawn >= every) {
            self.drawn = Some(now);
            self.draw(false);
        }
    }

    /// Clears the progress line from the terminal, so that a message can be
    /// written on stderr in its place (the next update draws it again).
    pub fn clear(&self) {
        if self.show && self.terminal && self.drawn.is_some() {
            let _ = write!(io::stderr().lock(), "\r\x1b[2K");
        }
    }

    /// Ends the run: the last progress line, and the summary if asked.
    pub fn finish(&mut self) {
        if self.show {
            self.draw(true);
        }
        if self.summary {
            let _ = io::stderr().lock().write_all(self.summary().as_bytes());
        }
    }

    fn draw(&self, last: bool) {
        let seconds = self.started.elapsed().as_secs_f64();
        let tally = &self.tally;
        let rate = tally.bytes as f64 / 1e6 / seconds.max(1e-9);
        let mut line = format!(
            "{} records, {:.1} MB, {rate:.1} MB/s, {} errors",
            tally.records,
            tally.bytes as f64 / 1e6,
            tally.failed
        );
        if let Some(total) = self.total.filter(|_| !last)
            && tally.bytes > 0
        {
            let left = total.saturating_sub(tally.bytes) as f64 * seconds / tally.bytes as f64;
            line.push_str(&format!(", {} left", clock(left)));
        }
        let mut stderr = io::stderr().lock();
        let _ = if self.terminal {
            // Back to the line's start, clear it, draw.
            write!(stderr, "\r\x1b[2K{line}{}", if last { "\n" } else { "" })
        } else {
            writeln!(stderr, "{line}")
        };
    }

    /// The summary: records, bytes, entities per kind, failed lines, time.
    pub fn summary(&self) -> String {
        let tally = &self.tally;
        let seconds = self.started.elapsed().as_secs_f64();
        let kinds: Vec<String> = EntityKind::ALL
            .iter()
            .zip(tally.entities)
            .map(|(kind, n)| format!("{n} {kind}"))
            .collect();
        format!(
            "summary: {} records, {} bytes, {} failed, {:.2} s ({:.1} MB/s)\n\
             summary: entities: {} ({} mentions)\n",
            tally.records,
            tally.bytes,
            tally.failed,
            seconds,
            tally.bytes as f64 / 1e6 / seconds.max(1e-9),
            kinds.join(", "),
            tally.mentions
        )
    }
}

/// `seconds` as `h:mm:ss`, or `m:ss` under an hour.
fn clock(seconds: f64) -> String {
    let s = seconds.round() as u64;
    match s / 3600 {
        0 => format!("{}:{:02}", s / 60, s % 60),
        h => format!("{h}:{:02}:{:02}", s / 60 % 60, s % 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tallies_add_up() {
        let mut a = Tally {
            records: 2,
            bytes: 10,
            failed: 1,
            entities: [1, 0, 2, 0],
            mentions: 5,
        };
        a.add(&a.clone());
        assert_eq!(
            a,
            Tally {
                records: 4,
                bytes: 20,
                failed: 2,
                entities: [2, 0, 4, 0],
                mentions: 10,
            }
        );
    }

    #[test]
    fn times_left_read_as_a_clock() {
        assert_eq!(clock(0.4), "0:00");
        assert_eq!(clock(75.0), "1:15");
        assert_eq!(clock(3725.0), "1:02:05");
    }
}
