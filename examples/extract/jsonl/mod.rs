//! JSON Lines mode: records in, one result line per record out, in order.
//!
//! The inputs are read one after another in chunks of whole lines (see
//! [`chunks`]). Each worker thread takes the next chunk, reads its records
//! ([`record`]), extracts their entities and writes their result lines into
//! a buffer of its own; the buffers go to stdout in input order. Memory is
//! bounded by bytes, not lines: a worker takes no new chunk while the input
//! and output of the chunks read but not yet written reach [`IN_FLIGHT`]
//! bytes (a line longer than that is still read whole, alone). The buffers
//! of a chunk's input and output, once it is done with, serve a later chunk
//! (unless a long line made them larger than [`KEPT_BUFFER`]): freed and
//! allocated anew at every chunk, their memory went back to the system and
//! its pages were faulted in again.
//!
//! With one thread the same steps run in turn on the calling thread.

mod chunks;
mod json_string;
mod record;

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::thread;

use gazetteer_ner::{Entity, Extractor};

use self::chunks::{Chunk, Chunks};
use self::record::{Line, LineReader};
use crate::input::Input;
use crate::main_content::{self, PageRecord};
use crate::output::{self, InputError, LineError};
use crate::progress::{Progress, Tally};
use crate::status::{Status, report};
use crate::view::{Format, View, conll};

/// At most this many bytes of input and output are in flight: read and not
/// yet written.
pub const IN_FLIGHT: usize = 64 << 20;

/// The size a worker's chunk of lines aims at: large enough that taking
/// one costs nothing, small enough that the threads end together.
const CHUNK: usize = 256 << 10;

/// A buffer of a chunk's input or output larger than this (grown for a
/// long line) is not kept to serve again.
const KEPT_BUFFER: usize = 4 * CHUNK;

/// How a JSON Lines run goes.
pub struct Options {
    /// Worker threads (the calling thread is one of them).
    pub threads: usize,
    /// Stop at the first line or input that fails.
    pub strict: bool,
    /// Read invalid UTF-8 and lone surrogates as U+FFFD.
    pub lossy: bool,
    /// Say in each output line which input it came from.
    pub label_files: bool,
    /// Keep only a web page's article, and give its title and byline.
    pub main_content: bool,
    /// Say why on every mention.
    pub explain: bool,
    /// The format, kinds and offsets asked for.
    pub view: View,
}

/// Extracts the entities of every record of `inputs`, writing one line per
/// record (or failed line, or unreadable input) to `out`.
///
/// # Errors
///
/// When writing fails; the run stops there.
pub fn run(
    extractor: &Extractor,
    inputs: &[Input],
    options: &Options,
    out: &mut (dyn Write + Send),
    progress: &mut Progress,
) -> io::Result<Status> {
    let mut source = Source {
        inputs,
        next_input: 0,
        current: None,
        next_seq: 0,
        // One thread reads each chunk before the next, and counts its
        // lines as it goes.
        count_lines: options.threads > 1,
        spare: Vec::new(),
    };
    let mut sink = Sink {
        out,
        pending: BTreeMap::new(),
        next_seq: 0,
        in_flight: 0,
        status: Status::Ok,
        stopped: false,
        error: None,
        progress,
        spare: Vec::new(),
    };
    let worker = || Worker {
        extractor,
        inputs,
        options,
        lines: LineReader::default(),
        entities: Vec::new(),
    };
    if options.threads <= 1 {
        let mut worker = worker();
        while let Some(work) = source.next() {
            sink.in_flight += work.bytes();
            let mut done = worker.process(work, std::mem::take(&mut sink.spare));
            source.add_lines(done.lines);
            source.recycle(std::mem::take(&mut done.chunk));
            sink.accept(done);
            if sink.stopped {
                break;
            }
        }
    } else {
        let shared = Shared {
            source: Mutex::new(source),
            sink: Mutex::new(sink),
            room: Condvar::new(),
        };
        thread::scope(|scope| {
            for started in 1..options.threads {
                let spawned = thread::Builder::new()
                    .name(format!("extract-{started}"))
                    .spawn_scoped(scope, || shared.work(worker()));
                if let Err(e) = spawned {
                    report(format_args!(
                        "warning: cannot start thread {}: {e}; going on with {started}",
                        started + 1
                    ));
                    break;
                }
            }
            shared.work(worker());
        });
        sink = shared.sink.into_inner().expect("no worker panicked");
    }
    sink.progress.finish();
    match sink.error {
        Some(e) => Err(e),
        None => Ok(sink.status),
    }
}

/// What a worker does next.
enum Work {
    /// Reads the records of a chunk of lines.
    Lines {
        seq: usize,
        input: usize,
        chunk: Chunk,
    },
    /// Reports an input that cannot be read (further).
    Unreadable {
        seq: usize,
        input: usize,
        message: String,
    },
}

impl Work {
    /// The bytes of input it holds.
    fn bytes(&self) -> usize {
        match self {
            Work::Lines { chunk, .. } => chunk.bytes.len(),
            Work::Unreadable { .. } => 0,
        }
    }
}

/// A piece of work done, ready to write.
struct Done {
    seq: usize,
    /// The result lines.
    output: Vec<u8>,
    /// Lines for stderr, each complete.
    messages: Vec<String>,
    status: Status,
    /// Whether the run stops after this (`--strict`).
    stop: bool,
    /// The bytes of input it was made of.
    input_bytes: usize,
    /// What it did, for `--progress` and `--summary`.
    tally: Tally,
    /// The line ends of its chunk that were read (all of them, unless the
    /// run stops in the chunk).
    lines: usize,
    /// The chunk's buffer, read, to be handed back to the source, which
    /// reads a later chunk into it.
    chunk: Vec<u8>,
}

/// The inputs, handed out as work in order.
struct Source<'a> {
    inputs: &'a [Input],
    next_input: usize,
    current: Option<(usize, Chunks)>,
    next_seq: usize,
    /// Whether the chunks count their lines as they are read, or the
    /// caller gives each chunk's count ([`Source::add_lines`]) before it
    /// asks for the next.
    count_lines: bool,
    /// The buffer of a chunk read before, for the next chunk: memory that
    /// the allocator would otherwise give back to the system and take
    /// again, its pages faulted in anew, at every chunk.
    spare: Vec<u8>,
}

impl Source<'_> {
    /// Keeps the buffer of a chunk read, for the next chunk to be read
    /// into, unless a long line made it large.
    fn recycle(&mut self, buffer: Vec<u8>) {
        if buffer.capacity() <= KEPT_BUFFER {
            self.spare = buffer;
        }
    }

    /// Counts the line ends of the last chunk handed out, read by the
    /// caller, when the chunks do not count them themselves.
    fn add_lines(&mut self, lines: usize) {
        if let Some((_, chunks)) = &mut self.current
            && !self.count_lines
        {
            chunks.add_lines(lines);
        }
    }

    /// The next piece of work; `None` when every input is read.
    fn next(&mut self) -> Option<Work> {
        loop {
            let seq = self.next_seq;
            let Some((input, chunks)) = &mut self.current else {
                let input = self.next_input;
                let reader = self.inputs.get(input)?.open();
                self.next_input += 1;
                match reader {
                    Ok(reader) => {
                        let regular_file = self.inputs[input].is_regular_file();
                        let chunks = Chunks::new(reader, regular_file, self.count_lines);
                        self.current = Some((input, chunks));
                    }
                    Err(e) => {
                        self.next_seq += 1;
                        let message = self.inputs[input].cannot_read(&e);
                        return Some(Work::Unreadable {
                            seq,
                            input,
                            message,
                        });
                    }
                }
                continue;
            };
            let input = *input;
            match chunks.next(CHUNK, std::mem::take(&mut self.spare)) {
                Ok(Some(chunk)) => {
                    self.next_seq += 1;
                    return Some(Work::Lines { seq, input, chunk });
                }
                Ok(None) => self.current = None,
                Err(e) => {
                    let after = chunks.lines_read();
                    self.current = None;
                    self.next_seq += 1;
                    let message = format!(
                        "{} (after line {after})",
                        self.inputs[input].cannot_read(&e)
                    );
                    return Some(Work::Unreadable {
                        seq,
                        input,
                        message,
                    });
                }
            }
        }
    }
}

/// Turns work into output; one per thread.
struct Worker<'a> {
    extractor: &'a Extractor,
    inputs: &'a [Input],
    options: &'a Options,
    lines: LineReader,
    /// The last record's entities, whose memory the next record's reuse.
    entities: Vec<Entity>,
}

impl Worker<'_> {
    /// Does `work`, writing its output into `output` (a buffer written
    /// before, cleared, or a new one).
    fn process(&mut self, work: Work, mut output: Vec<u8>) -> Done {
        output.clear();
        let mut done = Done {
            seq: 0,
            output,
            messages: Vec::new(),
            status: Status::Ok,
            stop: false,
            input_bytes: work.bytes(),
            tally: Tally {
                bytes: work.bytes() as u64,
                ..Tally::default()
            },
            lines: 0,
            chunk: Vec::new(),
        };
        match work {
            Work::Unreadable {
                seq,
                input,
                message,
            } => {
                done.seq = seq;
                done.tally.failed += 1;
                if self.options.label_files && self.options.view.format != Format::Conll {
                    let file = &self.inputs[input].label();
                    output::push_line(
                        &mut done.output,
                        &InputError {
                            file,
                            error: &message,
                        },
                    );
                }
                done.messages.push(format!("error: {message}"));
                self.fail(&mut done, Status::InputFailed);
            }
            Work::Lines { seq, input, chunk } => {
                done.seq = seq;
                // Room for as many bytes of output as of input (more
                // than JSON Lines of news make): grown as it fills, the
                // buffer would be copied over.
                done.output.reserve(chunk.bytes.len());
                self.lines_of(input, &chunk, &mut done);
                done.chunk = chunk.bytes;
            }
        }
        done
    }

    /// Reads the records of a chunk and writes their results.
    fn lines_of(&mut self, input: usize, chunk: &Chunk, done: &mut Done) {
        let name = self.inputs[input].name();
        let label = self.options.label_files.then(|| self.inputs[input].label());
        let file = label.as_deref();
        let lossy = self.options.lossy;
        let mut rest = &chunk.bytes[..];
        for number in chunk.first_line.. {
            if rest.is_empty() {
                return;
            }
            let end = match memchr::memchr(b'\n', rest) {
                Some(end) => {
                    done.lines += 1;
                    end
                }
                None => rest.len(),
            };
            let line = &rest[..end];
            rest = rest.get(end + 1..).unwrap_or_default();
            match self.lines.read(line, lossy) {
                Line::Blank => {}
                Line::Record {
                    id,
                    text,
                    map,
                    warning,
                } => {
                    if let Some(warning) = warning {
                        done.messages
                            .push(format!("warning: {name}, line {number}: {warning}"));
                    }
                    let entities = &mut self.entities;
                    let page = if self.options.main_content || self.options.explain {
                        let (page, found) = main_content::extract(
                            self.extractor,
                            text,
                            self.options.main_content,
                            self.options.explain,
                        );
                        *entities = found;
                        page
                    } else {
                        self.extractor.extract_into(text, entities);
                        None
                    };
                    let view = &self.options.view;
                    view.keep_kinds(entities);
                    done.tally.records += 1;
                    done.tally.entities(entities);
                    if view.format != Format::Json {
                        let title = record_title(file, id);
                        view.push(
                            &mut done.output,
                            text,
                            entities,
                            title.as_deref(),
                            true,
                            true,
                        );
                        continue;
                    }
                    view.json_offsets(entities, text, map, 0);
                    // The hand-written line has no reasons: with them, serde
                    // writes it.
                    if page.is_some() || self.options.explain {
                        output::push_line(
                            &mut done.output,
                            &PageRecord {
                                file,
                                id: id.map(output::raw_json),
                                page: page.as_ref(),
                                entities: &*entities,
                            },
                        );
                    } else {
                        output::push_record(&mut done.output, file, id, entities);
                    }
                }
                Line::Error { id, message } => {
                    done.messages
                        .push(format!("error: {name}, line {number}: {message}"));
                    let error = LineError {
                        file,
                        line: number,
                        id: id.map(output::raw_json),
                        error: &message,
                    };
                    done.tally.records += 1;
                    done.tally.failed += 1;
                    if self.options.view.format == Format::Conll {
                        // An empty document in its place keeps the others'.
                        done.output.extend_from_slice(conll::DOCSTART.as_bytes());
                    } else {
                        output::push_line(&mut done.output, &error);
                    }
                    self.fail(done, Status::RecordsFailed);
                    if done.stop {
                        return;
                    }
                }
            }
        }
    }

    /// Marks `done` as failed; with `--strict`, the run stops after it.
    fn fail(&self, done: &mut Done, status: Status) {
        done.status = done.status.max(status);
        if self.options.strict {
            done.stop = true;
            done.messages
                .push("stopping at the first failure (--strict)".to_string());
        }
    }
}

/// Writes done work in order.
struct Sink<'w> {
    out: &'w mut (dyn Write + Send),
    /// Work done ahead of its turn.
    pending: BTreeMap<usize, Done>,
    next_seq: usize,
    /// Bytes read and not yet written, with the output made of them.
    in_flight: usize,
    status: Status,
    /// Whether nothing more is written: the run stops.
    stopped: bool,
    error: Option<io::Error>,
    progress: &'w mut Progress,
    /// The output buffer written last, for a later chunk's output: memory
    /// that the allocator would otherwise give back and take again.
    spare: Vec<u8>,
}

impl Sink<'_> {
    /// Takes done work (whose input was counted in flight when it was
    /// read), and writes what is next in order.
    fn accept(&mut self, done: Done) {
        self.in_flight += done.output.len();
        self.pending.insert(done.seq, done);
        while let Some(done) = self.pending.remove(&self.next_seq) {
            self.next_seq += 1;
            self.in_flight -= done.input_bytes + done.output.len();
            if self.stopped {
                continue;
            }
            if !done.messages.is_empty() {
                self.progress.clear();
            }
            for message in &done.messages {
                report(format_args!("{message}"));
            }
            self.status = self.status.max(done.status);
            self.progress.add(&done.tally);
            self.stopped = done.stop;
            if let Err(e) = self
                .out
                .write_all(&done.output)
                .and_then(|()| self.out.flush())
            {
                self.error = Some(e);
                self.stopped = true;
            }
            if done.output.capacity() <= KEPT_BUFFER {
                self.spare = done.output;
            }
        }
    }
}

/// What the workers of a run share.
struct Shared<'a, 'w> {
    source: Mutex<Source<'a>>,
    sink: Mutex<Sink<'w>>,
    /// Signalled when bytes in flight are written, or the run stops.
    room: Condvar,
}

impl<'w> Shared<'_, 'w> {
    fn sink(&self) -> MutexGuard<'_, Sink<'w>> {
        self.sink.lock().expect("no worker panicked")
    }

    /// One worker's loop: take work while there is room, do it, hand it on.
    fn work(&self, mut worker: Worker<'_>) {
        // The buffer of this worker's last chunk, handed back to the source
        // with the next chunk taken.
        let mut chunk = Vec::new();
        loop {
            {
                let mut sink = self.sink();
                while sink.in_flight >= IN_FLIGHT && !sink.stopped {
                    sink = self.room.wait(sink).expect("no worker panicked");
                }
                if sink.stopped {
                    return;
                }
            }
            let next = {
                let mut source = self.source.lock().expect("no worker panicked");
                source.recycle(std::mem::take(&mut chunk));
                source.next()
            };
            let Some(work) = next else {
                return;
            };
            let output = {
                let mut sink = self.sink();
                sink.in_flight += work.bytes();
                std::mem::take(&mut sink.spare)
            };
            let mut done = worker.process(work, output);
            chunk = std::mem::take(&mut done.chunk);
            self.sink().accept(done);
            self.room.notify_all();
        }
    }
}

/// A record's title in the views that name records: its id (a string's
/// value or any other JSON value's text), after the name of its `file`
/// when the run reads several (`FILE ID`, or `FILE` alone for a record
/// without an id).
fn record_title(file: Option<&str>, id: Option<&str>) -> Option<String> {
    let id = id.map(|id| serde_json::from_str::<String>(id).unwrap_or_else(|_| id.to_string()));
    match (file, id) {
        (Some(file), Some(id)) => Some(format!("{file} {id}")),
        (Some(file), None) => Some(file.to_string()),
        (None, id) => id,
    }
}
