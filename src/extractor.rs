//! The extractor: the pipeline's stages wired together, and its builder.

use std::path::PathBuf;
use std::sync::OnceLock;

use crate::boilerplate::Boilerplate;
use crate::candidate::Candidate;
use crate::document::{self, Document};
use crate::explain::{Sources, Trace};
use crate::gazetteer::{self, Entry, Matcher, Notice, Origin};
use crate::learned::LearnedRules;
use crate::markup::{Markup, Visible};
use crate::rules;
use crate::tokenizer::{Keys, MAX_TEXT_LEN, Token, tokenize_into};
use crate::{Entity, Error, Mention, resolver, window};

/// A configured entity extractor.
///
/// Building one reads the tables of the default gazetteers in place from
/// the crate (they were compiled with it), which takes about a millisecond,
/// and compiles the gazetteers given to the builder, which takes time in
/// proportion to them (and, added to the defaults, copies their tables:
/// some tens of milliseconds). Build it once and share it (it is `Send +
/// Sync`). The free function [`extract`] shares one built from the default
/// gazetteers.
///
/// ```
/// use gazetteer_ner::{EntityKind, Entry, Extractor};
///
/// let extractor = Extractor::builder()
///     .entry(Entry::new(EntityKind::Organisation, "Acme Widgets").alias("Acme"))
///     .build()?;
/// let entities = extractor.extract("Acme Widgets opened a plant in Basra. Acme said.");
/// assert_eq!(entities[0].name, "Acme Widgets");
/// assert_eq!(entities[0].mentions.len(), 2);
/// assert_eq!(entities[1].name, "Basra");
/// # Ok::<(), gazetteer_ner::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Extractor {
    matcher: Matcher,
    markup: Markup,
    window: usize,
    #[cfg(feature = "main-content")]
    pub(crate) main_content: bool,
    /// The learned rules, unless switched off.
    learned: Option<LearnedRules>,
    /// Where each gazetteer entry came from, for explanations.
    sources: Sources,
}

/// The default of [`ExtractorBuilder::window_size`]: 64 KiB, eight times
/// the longest article of the news corpora, and about where the time per
/// byte starts to grow as a text's tokens outgrow the caches.
pub const DEFAULT_WINDOW_SIZE: usize = 64 << 10;

/// What the builder reads, in the order given.
#[derive(Clone, Debug)]
enum Source {
    File(PathBuf),
    Dir(PathBuf),
    Data { name: String, bytes: Vec<u8> },
    Entry(Entry),
}

/// Configures and builds an [`Extractor`].
///
/// By default the extractor starts from the gazetteers embedded in the
/// crate; files, directories and entries given here are added to them, and
/// take priority over them where they share a surface form.
#[derive(Clone, Debug)]
pub struct ExtractorBuilder {
    defaults: bool,
    /// Patterns of default gazetteer files to leave out.
    left_out: Vec<String>,
    /// Whether to use the learned rules; unset, as the default gazetteers.
    learned: Option<bool>,
    sources: Vec<Source>,
    markup: Markup,
    window: usize,
    #[cfg(feature = "main-content")]
    main_content: bool,
}

impl Default for ExtractorBuilder {
    fn default() -> Self {
        ExtractorBuilder {
            defaults: true,
            left_out: Vec::new(),
            learned: None,
            sources: Vec::new(),
            markup: Markup::Auto,
            window: DEFAULT_WINDOW_SIZE,
            #[cfg(feature = "main-content")]
            main_content: false,
        }
    }
}

impl ExtractorBuilder {
    /// Whether to start from the embedded default gazetteers (the default is
    /// `true`). With `false`, only what is added here is known, and the
    /// learned rules, learned along with the defaults, are off too unless
    /// [`ExtractorBuilder::learned_rules`] says otherwise.
    ///
    /// ```
    /// use gazetteer_ner::{EntityKind, Entry, Extractor};
    ///
    /// let extractor = Extractor::builder()
    ///     .default_gazetteers(false)
    ///     .entry(Entry::new(EntityKind::Place, "Basra"))
    ///     .build()?;
    /// assert_eq!(extractor.entry_count(), 1);
    /// assert!(extractor.extract("Talks in Baghdad.").is_empty());
    /// # Ok::<(), gazetteer_ner::Error>(())
    /// ```
    #[must_use]
    pub fn default_gazetteers(mut self, yes: bool) -> Self {
        self.defaults = yes;
        self
    }

    /// Leaves out the embedded default gazetteer files that `pattern`
    /// names: a file name ("ofac-sdn.tsv"), or a prefix followed by `*`
    /// ("mined-*"). [`gazetteer::default_file_names`] lists the files.
    /// Building fails with [`Error::UnknownDefaultGazetteer`] when a pattern
    /// names no file.
    ///
    /// ```
    /// use gazetteer_ner::Extractor;
    ///
    /// let all = Extractor::builder().build()?;
    /// let fewer = Extractor::builder().leave_out_default("ofac-sdn.tsv").build()?;
    /// assert!(fewer.entry_count() < all.entry_count());
    /// assert!(Extractor::builder().leave_out_default("no-such-*").build().is_err());
    /// # Ok::<(), gazetteer_ner::Error>(())
    /// ```
    #[must_use]
    pub fn leave_out_default(mut self, pattern: impl Into<String>) -> Self {
        self.left_out.push(pattern.into());
        self
    }

    /// Whether the rules use the rules learned from unlabelled news to type
    /// names no list holds and to choose between the readings of ambiguous
    /// list hits, and whether the resolver drops a place or person that is
    /// only ever a common word beginning a sentence ("Tape the box"), by
    /// the words they learned are common (by default, whenever the default
    /// gazetteers are used; see `gazetteers/SOURCES.md`).
    ///
    /// ```
    /// use gazetteer_ner::Extractor;
    ///
    /// let without = Extractor::builder().learned_rules(false).build()?;
    /// let text = "Shares of Kowalczyk Fabryka fell.";
    /// assert!(without.extract(text).is_empty());
    /// # Ok::<(), gazetteer_ner::Error>(())
    /// ```
    #[must_use]
    pub fn learned_rules(mut self, yes: bool) -> Self {
        self.learned = Some(yes);
        self
    }

    /// Adds a gazetteer file (see [`gazetteer::parse`] for the format).
    /// The file is read by [`ExtractorBuilder::build`].
    ///
    /// ```no_run
    /// use gazetteer_ner::Extractor;
    ///
    /// let extractor = Extractor::builder()
    ///     .gazetteer_file("gazetteers/local-councils.tsv")
    ///     .build()?;
    /// # Ok::<(), gazetteer_ner::Error>(())
    /// ```
    #[must_use]
    pub fn gazetteer_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.sources.push(Source::File(path.into()));
        self
    }

    /// Adds every `*.tsv` file of a directory, in file-name order. The
    /// directory is read by [`ExtractorBuilder::build`].
    ///
    /// ```no_run
    /// use gazetteer_ner::Extractor;
    ///
    /// let extractor = Extractor::builder().gazetteer_dir("my-gazetteers").build()?;
    /// # Ok::<(), gazetteer_ner::Error>(())
    /// ```
    #[must_use]
    pub fn gazetteer_dir(mut self, path: impl Into<PathBuf>) -> Self {
        self.sources.push(Source::Dir(path.into()));
        self
    }

    /// Adds gazetteer data held in memory, in the file format; `name`
    /// names it in errors.
    ///
    /// ```
    /// use gazetteer_ner::{EntityKind, Extractor};
    ///
    /// let extractor = Extractor::builder()
    ///     .gazetteer_data("inline.tsv", "organisation\tAcme Widgets\tAcme\t60\n")
    ///     .build()?;
    /// let entities = extractor.extract("Acme said.");
    /// assert_eq!(entities[0].kind, EntityKind::Organisation);
    /// assert_eq!(entities[0].name, "Acme Widgets");
    /// # Ok::<(), gazetteer_ner::Error>(())
    /// ```
    #[must_use]
    pub fn gazetteer_data(mut self, name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        self.sources.push(Source::Data {
            name: name.into(),
            bytes: bytes.into(),
        });
        self
    }

    /// Adds one entry.
    ///
    /// ```
    /// use gazetteer_ner::{EntityKind, Entry, Extractor};
    ///
    /// let extractor = Extractor::builder()
    ///     .entry(Entry::new(EntityKind::Person, "Moqtada al-Sadr").alias("Sadr"))
    ///     .build()?;
    /// let entities = extractor.extract("Sadr spoke.");
    /// assert_eq!(entities[0].name, "Moqtada al-Sadr");
    /// # Ok::<(), gazetteer_ner::Error>(())
    /// ```
    #[must_use]
    pub fn entry(mut self, entry: Entry) -> Self {
        self.sources.push(Source::Entry(entry));
        self
    }

    /// Sets how the input is read (HTML or plain text); the default is
    /// [`Markup::Auto`].
    ///
    /// ```
    /// use gazetteer_ner::{Extractor, Markup};
    ///
    /// let plain = Extractor::builder().markup(Markup::Plain).build()?;
    /// let text = "<p>Talks in Baghdad</p>";
    /// let m = &plain.extract(text)[0].mentions[0];
    /// assert_eq!(&text[m.start..m.end], "Baghdad");
    /// # Ok::<(), gazetteer_ner::Error>(())
    /// ```
    #[must_use]
    pub fn markup(mut self, markup: Markup) -> Self {
        self.markup = markup;
        self
    }

    /// Whether to keep only the mentions in a web page's main content, its
    /// article as a readability step finds it (the default is `false`).
    /// Applies to HTML input ([`Markup::Html`], or [`Markup::Auto`] on
    /// HTML); plain text is read whole. Menus, footers, cookie banners and
    /// related links then give no entity, and offsets still point into the
    /// page as given. A page in which no article is found is read whole;
    /// [`Extractor::extract_page`] tells which. Needs the `main-content`
    /// feature.
    ///
    /// ```
    /// use gazetteer_ner::{Extractor, Markup};
    ///
    /// let story = "<p>Talks in Basra went on for a third day on Tuesday, officials said, \
    ///              as delegations met in the city's old customs house.</p>".repeat(6);
    /// let page = format!(
    ///     "<html><body><nav><a href=/>Home</a> <a href=/w>Baghdad News</a></nav>\
    ///      <article>{story}</article><footer>Mosul Office</footer></body></html>"
    /// );
    /// let extractor = Extractor::builder().markup(Markup::Html).main_content(true).build()?;
    /// let names: Vec<String> = extractor.extract(&page).into_iter().map(|e| e.name).collect();
    /// assert_eq!(names, ["Basra"]);
    /// # Ok::<(), gazetteer_ner::Error>(())
    /// ```
    #[cfg(feature = "main-content")]
    #[must_use]
    pub fn main_content(mut self, yes: bool) -> Self {
        self.main_content = yes;
        self
    }

    /// Sets the size of the windows, in bytes of visible text, that a
    /// longer text is read in (the default is [`DEFAULT_WINDOW_SIZE`], 64 KiB).
    ///
    /// A text up to this size is read whole. A longer one is cut into
    /// windows at blank lines (or, in a paragraph longer than a window, at
    /// a line break, a sentence end or white space), and each window goes
    /// through the stages on its own, so that memory and time grow in
    /// proportion to the text. Entities of different windows are joined
    /// when they have the same gazetteer entry, or when they share a name
    /// and a kind; the other merges ("Sadr" with "Moqtada Al Sadr"), the
    /// mentions found from a name given earlier, acronym definitions and
    /// sports teams are decided within each window.
    ///
    /// A window is at most 1 GiB long: a larger size is taken as that,
    /// since the tokenizer keeps offsets in 32 bits, and those of the
    /// words' keys, which may take three times the window.
    ///
    /// ```
    /// use gazetteer_ner::Extractor;
    ///
    /// let extractor = Extractor::builder().window_size(40).build()?;
    /// let text = "Talks in Baghdad went on.\n\nIn Baghdad, Iraqi officials said.";
    /// let entities = extractor.extract(text);
    /// // Two windows, one entity.
    /// assert_eq!(entities[0].name, "Baghdad");
    /// assert_eq!(entities[0].mentions.len(), 2);
    /// # Ok::<(), gazetteer_ner::Error>(())
    /// ```
    #[must_use]
    pub fn window_size(mut self, bytes: usize) -> Self {
        self.window = bytes.clamp(1, MAX_TEXT_LEN);
        self
    }

    /// Reads every source and compiles the gazetteers.
    ///
    /// ```
    /// use gazetteer_ner::{Error, Extractor};
    ///
    /// let err = Extractor::builder()
    ///     .gazetteer_data("bad.tsv", "planet\tMars\n")
    ///     .build()
    ///     .unwrap_err();
    /// assert!(matches!(err, Error::Malformed { line: 1, .. }));
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Io`] for a file or directory that cannot be read,
    /// [`Error::InvalidUtf8`] and [`Error::Malformed`] for bad gazetteer
    /// data, [`Error::InvalidEntry`] for an unusable entry given in code,
    /// [`Error::TooLarge`] for more data than the matcher can address,
    /// [`Error::UnknownDefaultGazetteer`] for a pattern of
    /// [`ExtractorBuilder::leave_out_default`] that names no file.
    pub fn build(self) -> Result<Extractor, Error> {
        let mut user: Vec<Entry> = Vec::new();
        // Each source's name and how many entity entries it holds.
        let mut user_sources = Vec::new();
        let mut add = |name: String, entries: Vec<Entry>| {
            let entities = entries.iter().filter(|e| e.kind.entity().is_some()).count();
            user_sources.push((name, u32::try_from(entities).unwrap_or(u32::MAX)));
            user.extend(entries);
        };
        for source in self.sources {
            match source {
                Source::File(path) => add(path.display().to_string(), gazetteer::read_file(&path)?),
                Source::Dir(dir) => {
                    for path in gazetteer::dir_files(&dir)? {
                        add(path.display().to_string(), gazetteer::read_file(&path)?);
                    }
                }
                Source::Data { name, bytes } => {
                    let entries = gazetteer::parse(&name, &bytes)?;
                    add(name, entries);
                }
                Source::Entry(entry) => add("entry".to_string(), vec![entry]),
            }
        }
        for pattern in &self.left_out {
            if !gazetteer::default_file_names().any(|name| names(pattern, name)) {
                return Err(Error::UnknownDefaultGazetteer {
                    pattern: pattern.clone(),
                });
            }
        }
        let user: Vec<_> = user.iter().map(|e| (e.record(), Origin::User)).collect();
        let default_files = gazetteer::default_file_names()
            .filter(|name| self.defaults && !self.left_out.iter().any(|p| names(p, name)))
            .collect();
        let matcher = if self.defaults && self.left_out.is_empty() {
            // The default tables are read in place; the user's entries, if
            // any, are added to a copy.
            let mut matcher = gazetteer::default_matcher()?;
            if !user.is_empty() {
                matcher.extend(&user)?;
            }
            matcher
        } else if self.defaults {
            // Some default files are left out: the rest are compiled here.
            let left_out = &self.left_out;
            let mut records: Vec<_> =
                gazetteer::default_records_of(|name| !left_out.iter().any(|p| names(p, name)))?
                    .into_iter()
                    .map(|r| (r, Origin::Default))
                    .collect();
            records.extend(user);
            Matcher::new(&records)?
        } else {
            Matcher::new(&user)?
        };
        Ok(Extractor {
            matcher,
            markup: self.markup,
            window: self.window,
            #[cfg(feature = "main-content")]
            main_content: self.main_content,
            learned: if self.learned.unwrap_or(self.defaults) {
                Some(LearnedRules::embedded()?)
            } else {
                None
            },
            sources: Sources::new(default_files, user_sources),
        })
    }
}

/// Whether a pattern of [`ExtractorBuilder::leave_out_default`] names the
/// file `name`.
fn names(pattern: &str, name: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => name.starts_with(prefix),
        None => name == pattern,
    }
}

impl Extractor {
    /// A builder that starts from the embedded default gazetteers.
    ///
    /// ```
    /// let extractor = gazetteer_ner::Extractor::builder().build()?;
    /// assert!(extractor.entry_count() > 10_000);
    /// # Ok::<(), gazetteer_ner::Error>(())
    /// ```
    #[must_use]
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// Finds the entities of `text`: plain text or HTML, as the builder's
    /// [`Markup`] setting decides. Entities come in order of first mention,
    /// mentions in text order, with byte offsets into `text` as given.
    pub fn extract(&self, text: &str) -> Vec<Entity> {
        let mut entities = Vec::new();
        self.extract_into(text, &mut entities);
        entities
    }

    /// Finds the entities of `text` as [`Extractor::extract`] does, into
    /// `entities`, whose earlier contents are replaced but whose memory is
    /// reused: the vector's, and each entity's mentions and their texts. A
    /// caller that extracts from many texts in turn, and is done with one
    /// text's entities before the next, allocates and frees far less than
    /// with a new vector for each text.
    ///
    /// ```
    /// let extractor = gazetteer_ner::Extractor::builder().build()?;
    /// let mut entities = Vec::new();
    /// for text in ["Talks in Baghdad and Basra.", "Mosul.", ""] {
    ///     extractor.extract_into(text, &mut entities);
    ///     assert_eq!(entities, extractor.extract(text));
    /// }
    /// assert!(entities.is_empty());
    /// # Ok::<(), gazetteer_ner::Error>(())
    /// ```
    pub fn extract_into(&self, text: &str, entities: &mut Vec<Entity>) {
        #[cfg(feature = "main-content")]
        if self.main_content {
            *entities = self.extract_page(text).entities;
            return;
        }
        self.extract_visible_into(text, &Visible::new(text, self.markup), entities);
    }

    /// How this extractor reads its input.
    #[cfg(feature = "main-content")]
    pub(crate) fn markup_setting(&self) -> Markup {
        self.markup
    }

    /// The entities of `visible`, the visible text of `text`, with offsets
    /// into `text`.
    #[cfg(feature = "main-content")]
    pub(crate) fn extract_visible(&self, text: &str, visible: &Visible<'_>) -> Vec<Entity> {
        let mut entities = Vec::new();
        self.extract_visible_into(text, visible, &mut entities);
        entities
    }

    /// [`Extractor::extract_visible`] into `entities`, reusing their memory
    /// (see [`Extractor::extract_into`]).
    fn extract_visible_into(&self, text: &str, visible: &Visible<'_>, entities: &mut Vec<Entity>) {
        SCRATCH.with(|cell| {
            // Borrowed in place: taken out of the cell and put back, the
            // scratch was copied out and in again for every text, and a
            // default made and dropped in its place. Nothing the stages
            // call extracts again on this thread.
            let scratch = &mut *cell.borrow_mut();
            self.extract_with(text, visible, scratch, entities);
            if let Some(trace) = &mut scratch.trace {
                trace.map_to_input(visible);
            }
            scratch.keep_if_small();
        });
    }

    /// [`Extractor::extract_visible_into`] with the memory of `scratch`:
    /// the visible text whole, or window by window when it is longer than
    /// a window.
    fn extract_with(
        &self,
        text: &str,
        visible: &Visible<'_>,
        scratch: &mut Scratch,
        entities: &mut Vec<Entity>,
    ) {
        let seen = visible.text();
        if seen.len() <= self.window {
            // Entities and mentions beyond this text's count go to `spare`,
            // with their memory, for a later text's.
            let mut spare = std::mem::take(&mut scratch.spare);
            self.stages(
                seen,
                visible.breaks(),
                scratch,
                |cx, mut resolved, memory| {
                    let count = resolved.len();
                    if count < entities.len() {
                        spare.entities.extend(entities.drain(count..));
                    } else {
                        // A new vector is reserved whole: growing it, or
                        // collecting in place into the resolver's allocation,
                        // of another element size, costs a realloc.
                        entities.reserve(count - entities.len());
                    }
                    for (i, r) in resolved.drain(..).enumerate() {
                        let spans = r.mentions.iter().map(|&(s, e)| {
                            visible.to_input(cx.tokens[s].start(), cx.tokens[e - 1].end())
                        });
                        // Written over the entity there, or a spare one, in its
                        // memory.
                        if i == entities.len() {
                            entities.push(spare.entities.pop().unwrap_or_else(|| Entity {
                                kind: r.kind,
                                name: String::new(),
                                mentions: Vec::new(),
                            }));
                        }
                        let entity = &mut entities[i];
                        entity.kind = r.kind;
                        copy_str(&mut entity.name, &r.name, [cx.text, self.matcher.texts()]);
                        refill_mentions(&mut entity.mentions, &mut spare.mentions, text, spans);
                        memory.give_back(r.mentions);
                    }
                    memory.give_back_resolved(resolved);
                },
            );
            scratch.spare = spare;
            return;
        }
        let mut joined = window::Joined::default();
        let mut breaks = Vec::new();
        for range in window::windows(seen, self.window) {
            let offset = range.start;
            // The element boundaries inside the window, from its start.
            let all = visible.breaks();
            let from = all.partition_point(|&b| b < range.start);
            let to = all.partition_point(|&b| b < range.end);
            breaks.clear();
            breaks.extend(all[from..to].iter().map(|&b| b - offset));
            if let Some(trace) = &mut scratch.trace {
                trace.window_at(offset);
            }
            self.stages(&seen[range], &breaks, scratch, |cx, resolved, memory| {
                joined.add(cx, offset, resolved, memory);
            });
        }
        *entities = joined.into_entities(text, visible);
    }

    /// Runs the stages on `seen`, a visible text or a window of one, whose
    /// element boundaries are `breaks` (see [`Visible::breaks`]), with the
    /// memory of `scratch`, and gives what the resolver made of it to
    /// `finish`, with the document its token ranges refer to and the
    /// resolver's memory, to which their mention vectors go back.
    fn stages<R>(
        &self,
        seen: &str,
        breaks: &[usize],
        scratch: &mut Scratch,
        finish: impl FnOnce(&Document<'_>, Vec<resolver::Resolved<'_>>, &mut resolver::Memory) -> R,
    ) -> R {
        let Scratch {
            tokens,
            keys,
            document,
            learned,
            candidates,
            resolver: memory,
            trace,
            ..
        } = scratch;
        tokenize_into(seen, tokens);
        mark_breaks(tokens, breaks);
        keys.refill(seen, tokens);
        let (tokens, keys) = (&*tokens, &*keys);
        let cx = Document::new(
            seen,
            tokens,
            keys,
            self.matcher.lexicon(),
            std::mem::take(document),
        );
        candidates.clear();
        self.matcher
            .find(cx.text, tokens, keys, cx.form_starts(), candidates);
        rules::run(&cx, &self.matcher, candidates);
        if let Some(trace) = trace {
            trace.proposed(candidates);
        }
        if let Some(rules) = &self.learned {
            rules::learned::find(&cx, &self.matcher, rules, learned, candidates);
        }
        Boilerplate::embedded().drop_from(tokens, keys, candidates);
        if let Some(trace) = trace {
            trace.readings(candidates);
        }
        let common = self.learned.as_ref().map(|rules| &rules.common);
        let resolved = resolver::resolve(&cx, &self.matcher, common, candidates, memory);
        if let Some(trace) = trace {
            trace.resolved(&cx, candidates, &resolved, memory, self.learned.as_ref());
        }
        let finished = finish(&cx, resolved, memory);
        *document = cx.into_memory();
        finished
    }

    /// Runs the stages up to the rules on `text`, without learned rules,
    /// and hands `f` the document and every proposal: what the
    /// learner learns from.
    #[cfg(feature = "learn")]
    pub(crate) fn proposals(&self, text: &str, f: impl FnOnce(&Document<'_>, &[Candidate])) {
        let visible = Visible::new(text, self.markup);
        let tokens = crate::tokenizer::tokenize(visible.text());
        let keys = Keys::new(visible.text(), &tokens);
        let cx = Document::new(
            visible.text(),
            &tokens,
            &keys,
            self.matcher.lexicon(),
            document::Memory::default(),
        );
        let mut candidates = Vec::new();
        self.matcher
            .find(cx.text, &tokens, &keys, cx.form_starts(), &mut candidates);
        rules::run(&cx, &self.matcher, &mut candidates);
        f(&cx, &candidates);
    }

    /// [`Extractor::extract`] with a trace of what the stages did.
    pub(crate) fn extract_traced(&self, text: &str) -> (Vec<Entity>, Trace) {
        SCRATCH.with(|cell| cell.borrow_mut().trace = Some(Box::default()));
        let entities = self.extract(text);
        let trace = SCRATCH.with(|cell| cell.borrow_mut().trace.take());
        (entities, trace.map(|t| *t).unwrap_or_default())
    }

    /// The source and the name of gazetteer entry `id`.
    pub(crate) fn entry_source(&self, id: u32) -> (&str, &str) {
        (self.sources.of(id), self.matcher.entry_name(id))
    }

    /// The number of entity entries known (word-list entries excluded).
    pub fn entry_count(&self) -> usize {
        self.matcher.entry_count()
    }

    /// The number of distinct surface forms the gazetteer matcher searches
    /// for.
    pub fn pattern_count(&self) -> usize {
        self.matcher.pattern_count()
    }

    /// What the builder's files and entries clashed with: duplicates,
    /// forms naming two entities, and defaults they hide. Empty when the
    /// user gave no data, or data without clashes.
    pub fn notices(&self) -> &[Notice] {
        self.matcher.notices()
    }

    /// The heap memory held by the extractor, in bytes (approximate).
    pub fn memory_usage(&self) -> usize {
        self.matcher.memory_usage() + self.learned.as_ref().map_or(0, LearnedRules::memory_usage)
    }
}

/// Makes `mentions` the mentions of `text` at the byte ranges `spans`,
/// writing over the mentions and texts already there, and then over those
/// of `spare`, to which the mentions left over go.
fn refill_mentions(
    mentions: &mut Vec<Mention>,
    spare: &mut Vec<Mention>,
    text: &str,
    spans: impl ExactSizeIterator<Item = (usize, usize)>,
) {
    let count = spans.len();
    if count < mentions.len() {
        spare.extend(mentions.drain(count..));
    } else {
        mentions.reserve(count - mentions.len());
    }
    for (j, (start, end)) in spans.enumerate() {
        if j == mentions.len() {
            mentions.push(spare.pop().unwrap_or_else(|| Mention {
                start,
                end,
                text: String::new(),
                why: None,
            }));
        }
        let mention = &mut mentions[j];
        mention.start = start;
        mention.end = end;
        copy_span(&mut mention.text, text, start, end);
        mention.why = None;
    }
}

/// Writes `part` over `to`, as [`copy_span`] does from the first of
/// `texts` that `part` is a slice of, or from `part` itself: an entity's
/// name, borrowed from the visible text or from the gazetteer's names, or
/// made anew. A text holds `part` when `part`'s bytes lie within its
/// bytes, which their addresses tell. Which one holds it is chosen
/// without a branch, as it goes either way from entity to entity.
fn copy_str<'a>(to: &mut String, part: &'a str, texts: [&'a str; 2]) {
    // A text, where `part` starts in it, and whether it lies in it.
    let place = |text: &'a str| {
        let start = part.as_ptr().addr().wrapping_sub(text.as_ptr().addr());
        (
            start <= text.len() && part.len() <= text.len() - start,
            (text, start),
        )
    };
    let (in_first, first) = place(texts[0]);
    let (in_second, second) = place(texts[1]);
    let other = std::hint::select_unpredictable(in_second, second, (part, 0));
    let (text, start) = std::hint::select_unpredictable(in_first, first, other);
    copy_span(to, text, start, start + part.len());
}

/// A mention's text or an entity's name up to this many bytes long is
/// copied as a block of this many bytes of the text that holds it, cut to
/// its length after (see [`copy_span`]).
const SPAN_BLOCK: usize = 32;

/// Writes `text[start..end]` over `to`. A span of at most
/// [`SPAN_BLOCK`] bytes, nearly every mention's, is copied as the block
/// of that many bytes of `text` from its start, where the text has one
/// that ends on a character boundary, and cut to its length: a copy of a
/// length known when compiling, where one of the span's own length
/// called `memcpy`, whose tests of the length went either way from
/// mention to mention. The string then holds at least the block, and
/// keeps its memory for a later mention's text.
fn copy_span(to: &mut String, text: &str, start: usize, end: usize) {
    to.clear();
    match text.get(start..start + SPAN_BLOCK) {
        Some(block) if end - start <= SPAN_BLOCK => {
            to.push_str(block);
            to.truncate(end - start);
        }
        _ => to.push_str(&text[start..end]),
    }
}

/// Marks a hard break on the first token at or after each of `breaks`
/// (offsets in the text), the element boundaries the markup stage found
/// where the text runs on (see [`Visible::breaks`]).
fn mark_breaks(tokens: &mut [Token], breaks: &[usize]) {
    for &at in breaks {
        let i = tokens.partition_point(|t| t.start() < at);
        if let Some(token) = tokens.get_mut(i) {
            token.hard_break = true;
        }
    }
}

#[cfg(test)]
impl Extractor {
    /// This extractor with another window size, without a second build.
    pub(crate) fn with_window_size(&self, bytes: usize) -> Extractor {
        Extractor {
            window: bytes.clamp(1, MAX_TEXT_LEN),
            ..self.clone()
        }
    }
}

/// The tokens, keys, document lists, candidates and resolver memory of the
/// last document a thread worked on, whose memory the next document
/// reuses: allocating, zeroing and faulting in fresh buffers for every
/// document cost more than keeping them.
#[derive(Default)]
struct Scratch {
    tokens: Vec<Token>,
    keys: Keys,
    document: document::Memory,
    learned: rules::learned::Scratch,
    candidates: Vec<Candidate>,
    resolver: resolver::Memory,
    /// Entities and mentions of earlier texts' output, for later texts'
    /// to write over.
    spare: Spare,
    /// What the stages did, kept only by an explaining call.
    trace: Option<Box<Trace>>,
}

/// The entities a text's output had beyond a later text's count, and the
/// mentions an entity had beyond its count in a later text, with their
/// memory: an entity dropped and made again cost an allocation and a free
/// for its name, its mentions and each mention's text.
#[derive(Default)]
struct Spare {
    entities: Vec<Entity>,
    mentions: Vec<Mention>,
}

/// Documents up to this many tokens leave their buffers for the next; a
/// huge one gives its memory back.
const KEPT_TOKENS: usize = 1 << 16;

impl Scratch {
    fn keep_if_small(&mut self) {
        if self.tokens.capacity() > KEPT_TOKENS {
            let trace = self.trace.take();
            *self = Scratch::default();
            self.trace = trace;
        }
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// The shared extractor built from the embedded default gazetteers.
fn default_extractor() -> &'static Extractor {
    static DEFAULT: OnceLock<Extractor> = OnceLock::new();
    DEFAULT.get_or_init(|| {
        Extractor::builder()
            .build()
            .expect("the embedded default gazetteers are valid (checked by the test suite)")
    })
}

/// Finds the entities of `text` with the embedded default gazetteers.
///
/// The first call in a process makes the extractor, reading the default
/// gazetteers' compiled tables in place (about a millisecond), and every
/// later call, from any thread, shares it.
///
/// ```
/// use gazetteer_ner::{extract, EntityKind};
///
/// let text = "Moqtada Al Sadr spoke in Baghdad. Mr Al Sadr later left. Sadr said no.";
/// let entities = extract(text);
/// let sadr = &entities[0];
/// assert_eq!(sadr.kind, EntityKind::Person);
/// assert_eq!(sadr.mentions.len(), 3);
/// assert_eq!(entities[1].name, "Baghdad");
/// ```
pub fn extract(text: &str) -> Vec<Entity> {
    default_extractor().extract(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extractor_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Extractor>();
    }

    #[test]
    fn a_window_is_no_longer_than_token_offsets_reach() {
        assert_eq!(
            Extractor::builder().window_size(usize::MAX).window,
            MAX_TEXT_LEN
        );
        assert_eq!(Extractor::builder().window_size(0).window, 1);
    }

    #[test]
    fn default_gazetteers_build() {
        let extractor = Extractor::builder().build().unwrap();
        assert!(extractor.entry_count() > 0);
        assert!(extractor.memory_usage() > 0);
    }

    #[test]
    fn clashes_in_user_data_are_reported_not_dropped() {
        let data = "place\tJordan\nperson\tJordan\nplace\tAmman\tAmman\nplace\tAmman\n";
        let extractor = Extractor::builder()
            .gazetteer_data("mine.tsv", data)
            .entry(Entry::new(crate::EntityKind::Organisation, "Baghdad"))
            .build()
            .unwrap();
        let notices: Vec<String> = extractor.notices().iter().map(|n| n.to_string()).collect();
        let has = |needle: &str| notices.iter().any(|n| n.contains(needle));
        assert!(has(
            "\"Jordan\" names both the place \"Jordan\" and the person \"Jordan\""
        ));
        assert!(has("\"Amman\" is given twice for the place \"Amman\""));
        assert!(has(
            "\"Baghdad\" now names the organisation \"Baghdad\", hiding the default place"
        ));
        // Both readings of Jordan are kept; the user's Baghdad wins.
        let entities = extractor.extract("Flights from Baghdad to Amman.");
        assert_eq!(entities[0].kind, crate::EntityKind::Organisation);
        assert_eq!(entities[1].mentions.len(), 1);
        assert!(Extractor::builder().build().unwrap().notices().is_empty());
    }

    #[test]
    fn extract_into_gives_what_extract_gives_over_any_earlier_entities() {
        let extractor = Extractor::builder().build().unwrap();
        let texts = [
            "Baghdad. Baghdad and Basra. Mosul, Basra, Baghdad.",
            "Basra.",
            "Moqtada al-Sadr met Sadr in Najaf and Basra. Sadr left Najaf.",
            "",
            "Talks in Baghdad went on.\n\nIn Baghdad, Iraqi officials said.",
        ];
        let mut entities = Vec::new();
        // Each text after longer and shorter ones, with more and fewer
        // entities and mentions; read whole, and in windows.
        for extractor in [&extractor, &extractor.with_window_size(40)] {
            for text in texts.iter().chain(texts.iter().rev()) {
                extractor.extract_into(text, &mut entities);
                assert_eq!(entities, extractor.extract(text), "{text}");
            }
        }
    }

    #[test]
    fn a_span_is_copied_whole_wherever_its_block_would_end() {
        let text = "Talks in Baghdad and Basra went on; in Zürich, officials said.";
        let mut to = String::from("a longer text left from an earlier mention");
        let zurich = text.find("Zürich").unwrap();
        // A block from each start, ending past the text's end or inside
        // a character, and spans longer than a block.
        for (start, end) in [
            (9, 16),
            (21, 26),
            (zurich, zurich + "Zürich".len()),
            (text.len() - 5, text.len() - 1),
            (0, text.len()),
            (0, 0),
        ] {
            copy_span(&mut to, text, start, end);
            assert_eq!(to, &text[start..end]);
        }
        let text = "x".repeat(31) + "é" + &"y".repeat(40);
        copy_span(&mut to, &text, 0, 31);
        assert_eq!(to, &text[..31]);
    }

    #[test]
    fn a_name_is_copied_from_the_text_that_holds_it_or_as_it_is() {
        let seen = "Talks in Baghdad went on.";
        let names = "BasraBaghdad";
        let made = String::from("Baghdad");
        let mut to = String::new();
        for part in [
            &seen[9..16],
            &names[5..],
            &names[..5],
            made.as_str(),
            &seen[..0],
        ] {
            copy_str(&mut to, part, [seen, names]);
            assert_eq!(to, part);
        }
    }

    #[test]
    fn without_defaults_nothing_is_known_but_rules() {
        let extractor = Extractor::builder()
            .default_gazetteers(false)
            .build()
            .unwrap();
        assert_eq!(extractor.entry_count(), 0);
        assert!(extractor.extract("Talks in Baghdad.").is_empty());
    }
}
