//! `Entity` and `Mention`, the Python view of the library's results.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use gazetteer_ner::Entity as RustEntity;
use gazetteer_ner::explain::Why;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PySlice, PyString, PyTuple};

use crate::offsets::char_spans;
use crate::text::Text;

/// One span of the text that names an entity.
///
/// ``start`` and ``end`` are Python string indices into the text given to
/// ``extract`` (end exclusive), so ``text[m.start:m.end] == m.text`` for
/// any text, accents and emoji included. ``byte_start`` and ``byte_end``
/// are the same span's offsets into the text's UTF-8 encoding, as the CLI
/// and the Rust library report them.
///
/// ``why`` is ``None`` on mentions from ``extract``; ``explain`` gives every
/// mention a dict of the reasons it is one (see :attr:`why`).
///
/// Two mentions are equal, and hash alike, when their spans and texts are:
/// ``why`` explains a mention and takes no part in its identity, so a
/// mention from ``explain`` equals the same mention from ``extract``.
#[pyclass(module = "gazetteer_ner", name = "Mention", frozen)]
pub struct Mention {
    /// Python string index of the mention's first character.
    #[pyo3(get)]
    start: usize,
    /// Python string index one past the mention's last character.
    #[pyo3(get)]
    end: usize,
    /// The mention as it appears in the text.
    #[pyo3(get)]
    text: Py<PyString>,
    /// Offset of the mention's first byte in the UTF-8 encoded text.
    #[pyo3(get)]
    byte_start: usize,
    /// Offset one past the mention's last byte in the UTF-8 encoded text.
    #[pyo3(get)]
    byte_end: usize,
    /// Why it is a mention of its entity, from `explain`.
    why: Option<Box<Why>>,
}

#[pymethods]
impl Mention {
    /// Why the mention is one, as the CLI's ``--explain`` writes it: a
    /// dict with ``found`` (what found it: ``"gazetteer"``, with the
    /// entry's ``source`` file, ``entry`` name and ``kind``, or a rule such
    /// as ``"title"``, ``"learned-context"`` with its ``feature`` and
    /// ``strength``), on every mention after its entity's first
    /// ``joined`` (the resolver's rule) and ``to`` (the index, in the
    /// entity's ``mentions``, of the mention it was joined to), and where
    /// the form had readings of several kinds ``chosen`` (a dict of
    /// ``kind``, ``readings`` and ``by``). ``None`` on mentions from
    /// ``extract``.
    ///
    /// Each read gives a new dict: changing it changes no mention.
    ///
    /// >>> import gazetteer_ner
    /// >>> text = "Moqtada Al Sadr spoke. Mr Al Sadr later left."
    /// >>> sadr = gazetteer_ner.explain(text)[0]
    /// >>> sadr.mentions[1].why
    /// {'found': 'title', 'joined': 'person-suffix', 'to': 0}
    /// >>> gazetteer_ner.extract(text)[0].mentions[1].why is None
    /// True
    #[getter]
    fn why<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.why
            .as_deref()
            .map(|why| why_to_py(py, why))
            .transpose()
    }

    /// The mention as a plain dict: ``start``, ``end``, ``text``,
    /// ``byte_start`` and ``byte_end``, and ``why`` where the mention has
    /// one (from ``explain``).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("start", self.start)?;
        dict.set_item("end", self.end)?;
        dict.set_item("text", self.text.bind(py))?;
        dict.set_item("byte_start", self.byte_start)?;
        dict.set_item("byte_end", self.byte_end)?;
        if let Some(why) = self.why(py)? {
            dict.set_item("why", why)?;
        }
        Ok(dict)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Mention(start={}, end={}, text={})",
            self.start,
            self.end,
            self.text.bind(py).repr()?
        ))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let py = other.py();
        let Ok(other) = other.cast::<Mention>() else {
            return Ok(false);
        };
        let other = other.get();
        Ok((self.start, self.end, self.byte_start, self.byte_end)
            == (other.start, other.end, other.byte_start, other.byte_end)
            && self.text.bind(py).as_any().eq(other.text.bind(py))?)
    }

    /// Pickling: the mention is rebuilt from its fields, its ``why`` from
    /// its JSON.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, MentionState)> {
        Ok((
            rebuilder(py, "_mention")?,
            (
                self.start,
                self.end,
                self.text.clone_ref(py),
                self.byte_start,
                self.byte_end,
                self.why.as_deref().map(to_json_string).transpose()?,
            ),
        ))
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        let key = (
            self.start,
            self.end,
            self.text.bind(py),
            self.byte_start,
            self.byte_end,
        );
        key.into_pyobject(py)?.hash()
    }
}

/// One real-world referent and every span of the text that mentions it.
///
/// ``kind`` is ``"person"``, ``"group"``, ``"place"`` or
/// ``"organisation"``; ``name`` the gazetteer's canonical name where a
/// gazetteer knows the entity, otherwise its most complete form in the
/// text; ``mentions`` a tuple of :class:`Mention` in text order. A list of
/// entities is in order of first mention.
///
/// Two entities are equal, and hash alike, when their kinds, names and
/// mentions are: as for a :class:`Mention`, the mentions' ``why`` takes no
/// part, so ``explain(text) == extract(text)``.
#[pyclass(module = "gazetteer_ner", name = "Entity", frozen)]
pub struct Entity {
    /// The library's entity, kept for its JSON.
    inner: RustEntity,
    /// The mentions' Python string indices, for equality and hashing.
    spans: Vec<(usize, usize)>,
    /// The mentions as Python objects.
    mentions: Py<PyTuple>,
}

#[pymethods]
impl Entity {
    /// What kind of thing the entity is: ``"person"``, ``"group"``,
    /// ``"place"`` or ``"organisation"``.
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind.as_str()
    }

    /// The gazetteer's canonical name, or the most complete form in the text.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// Every :class:`Mention` of the entity, in text order.
    #[getter]
    fn mentions(&self, py: Python<'_>) -> Py<PyTuple> {
        self.mentions.clone_ref(py)
    }

    /// The entity as a plain dict: ``kind``, ``name`` and ``mentions``, a
    /// list of :meth:`Mention.to_dict` dicts (Python string indices and
    /// byte offsets, and each mention's ``why`` where it has one).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("kind", self.kind())?;
        dict.set_item("name", self.name())?;
        let mentions = PyList::empty(py);
        for mention in self.mentions.bind(py).iter() {
            mentions.append(mention.cast::<Mention>()?.get().to_dict(py)?)?;
        }
        dict.set_item("mentions", mentions)?;
        Ok(dict)
    }

    /// The entity as the CLI writes it: compact JSON with UTF-8 byte
    /// offsets as ``start`` and ``end``, and each mention's ``why`` where
    /// it has one (as ``--explain`` writes it).
    fn to_json(&self) -> PyResult<String> {
        to_json_string(&self.inner)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mentions: Vec<String> = self
            .mentions
            .bind(py)
            .iter()
            .map(|m| Ok(m.repr()?.to_string()))
            .collect::<PyResult<_>>()?;
        Ok(format!(
            "Entity(kind='{}', name={}, mentions=[{}])",
            self.kind(),
            PyString::new(py, self.name()).repr()?,
            mentions.join(", ")
        ))
    }

    /// Pickling: the entity is rebuilt from the library's JSON of it, its
    /// mentions' Python string indices and its mentions.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, EntityState)> {
        Ok((
            rebuilder(py, "_entity")?,
            (
                to_json_string(&self.inner)?,
                self.spans.clone(),
                self.mentions.clone_ref(py),
            ),
        ))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Entity>().is_ok_and(|other| {
            let (a, b) = (&self.inner, &other.get().inner);
            (a.kind, &a.name, self.spans.as_slice())
                == (b.kind, &b.name, other.get().spans.as_slice())
                && a.mentions.len() == b.mentions.len()
                && a.mentions
                    .iter()
                    .zip(&b.mentions)
                    .all(|(m, n)| identity(m) == identity(n))
        })
    }

    fn __hash__(&self) -> isize {
        let mut hasher = DefaultHasher::new();
        self.inner.kind.hash(&mut hasher);
        self.inner.name.hash(&mut hasher);
        for mention in &self.inner.mentions {
            identity(mention).hash(&mut hasher);
        }
        self.spans.hash(&mut hasher);
        // Python reserves -1 for errors; the bit pattern is all that matters.
        (hasher.finish() >> 1) as isize
    }
}

/// What makes a mention of the library the mention it is, for equality
/// and hashing: its span and text, not its `why`.
fn identity(mention: &gazetteer_ner::Mention) -> (usize, usize, &str) {
    (mention.start, mention.end, &mention.text)
}

/// A mention's `why` as a Python dict, through the JSON the CLI writes, so
/// that the two agree to the key order and the float.
fn why_to_py<'py>(py: Python<'py>, why: &Why) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?
        .call_method1("loads", (to_json_string(why)?,))
}

/// What a pickled [`Mention`] holds: its fields in declaration order, its
/// `why` as JSON.
type MentionState = (usize, usize, Py<PyString>, usize, usize, Option<String>);

/// What a pickled [`Entity`] holds: the library's JSON of it, the
/// mentions' Python string indices, and the mentions.
type EntityState = (String, Vec<(usize, usize)>, Py<PyTuple>);

/// The native module's function `name`, which unpickling calls.
fn rebuilder<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("gazetteer_ner._gazetteer_ner")?.getattr(name)
}

/// Rebuilds a pickled :class:`Mention`; not for direct use.
#[pyfunction]
#[pyo3(signature = (start, end, text, byte_start, byte_end, why = None))]
pub fn _mention(
    start: usize,
    end: usize,
    text: Py<PyString>,
    byte_start: usize,
    byte_end: usize,
    why: Option<&str>,
) -> PyResult<Mention> {
    if start > end || byte_start > byte_end {
        return Err(PyValueError::new_err(format!(
            "a mention's start is at most its end, not {start}..{end} ({byte_start}..{byte_end} in bytes)"
        )));
    }
    let why = why
        .map(|json| {
            serde_json::from_str(json)
                .map_err(|e| PyValueError::new_err(format!("not a mention's why as JSON: {e}")))
        })
        .transpose()?;
    Ok(Mention {
        start,
        end,
        text,
        byte_start,
        byte_end,
        why,
    })
}

/// Rebuilds a pickled :class:`Entity`; not for direct use.
#[pyfunction]
pub fn _entity(
    json: &str,
    spans: Vec<(usize, usize)>,
    mentions: Bound<'_, PyTuple>,
) -> PyResult<Entity> {
    let inner: RustEntity = serde_json::from_str(json)
        .map_err(|e| PyValueError::new_err(format!("not an entity's JSON: {e}")))?;
    for mention in mentions.iter() {
        mention.cast::<Mention>().map_err(|_| {
            PyTypeError::new_err("an entity's mentions are gazetteer_ner.Mention objects")
        })?;
    }
    let count = mentions.len();
    if count != spans.len() || count != inner.mentions.len() {
        return Err(PyValueError::new_err(format!(
            "an entity of {} mentions with {} spans and {count} mention objects",
            inner.mentions.len(),
            spans.len()
        )));
    }
    Ok(Entity {
        inner,
        spans,
        mentions: mentions.unbind(),
    })
}

impl Entity {
    /// The library's entity.
    pub fn inner(&self) -> &RustEntity {
        &self.inner
    }
}

/// What extracting one text gave, before it becomes Python objects: the
/// entities and their mentions' Python string indices. Computed without
/// the GIL.
pub struct Extracted {
    entities: Vec<RustEntity>,
    spans: Vec<Vec<(usize, usize)>>,
}

impl Extracted {
    /// The entities extracted from `text`, with their mentions' Python
    /// string indices.
    pub fn new(text: &str, entities: Vec<RustEntity>) -> Extracted {
        let spans = char_spans(text, &entities);
        Extracted { entities, spans }
    }

    /// The Python list of [`Entity`] objects. `original` is the Python
    /// `str` that `text` was read from; mention texts are sliced from it
    /// when `text` had to replace lone surrogates.
    pub fn into_py<'py>(
        self,
        py: Python<'py>,
        text: &Text,
        original: &Bound<'py, PyString>,
    ) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for (inner, spans) in self.entities.into_iter().zip(self.spans) {
            let mut mentions = Vec::with_capacity(spans.len());
            for (m, &(start, end)) in inner.mentions.iter().zip(&spans) {
                let text = if text.lossy {
                    original
                        .get_item(PySlice::new(py, start as isize, end as isize, 1))?
                        .cast_into::<PyString>()?
                } else {
                    PyString::new(py, &m.text)
                };
                let mention = Mention {
                    start,
                    end,
                    text: text.unbind(),
                    byte_start: m.start,
                    byte_end: m.end,
                    why: m.why.clone(),
                };
                mentions.push(Bound::new(py, mention)?);
            }
            let entity = Entity {
                inner,
                spans,
                mentions: PyTuple::new(py, mentions)?.unbind(),
            };
            list.append(Bound::new(py, entity)?)?;
        }
        Ok(list)
    }
}

/// Compact JSON, as the CLI writes it.
pub fn to_json_string<T: serde::Serialize + ?Sized>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
}
