//! `Extractor`: the library's builder and extractor for Python.

use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::OnceLock;

use gazetteer_ner::{Extractor as RustExtractor, Markup};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use crate::entity::Extracted;
use crate::entry::entry_from_py;
use crate::errors::to_py_err;
use crate::text::Text;

/// A configured entity extractor.
///
/// ``gazetteers`` lists gazetteer files, or directories whose ``*.tsv``
/// files are read; ``entries`` adds entries given in code
/// (:class:`Entry` objects, or dicts with the keys ``kind``, ``name``,
/// ``aliases`` and ``rank``). Both add to the embedded default
/// gazetteers, and take priority over them where they share a surface
/// form; ``default_gazetteers=False`` leaves the defaults out.
/// ``markup`` is ``"auto"`` (HTML when the text has something shaped like
/// a tag), ``"html"`` or ``"plain"``.
///
/// Building compiles the gazetteers, which takes a while (about a quarter
/// of a second with the defaults): build one and reuse it. It is safe to
/// share between threads, and ``extract`` releases the GIL.
///
/// A file that cannot be read raises ``OSError`` (``FileNotFoundError``
/// and so on, with ``filename`` set); bad gazetteer data raises
/// :class:`GazetteerError` with ``path`` and ``line``.
///
/// >>> from gazetteer_ner import Extractor
/// >>> extractor = Extractor(entries=[{"kind": "organisation", "name": "Acme Widgets"}])
/// >>> [e.name for e in extractor.extract("<p>Acme Widgets opened in Basra.</p>")]
/// ['Acme Widgets', 'Basra']
#[pyclass(module = "gazetteer_ner", name = "Extractor", frozen)]
pub struct Extractor {
    inner: RustExtractor,
    markup: &'static str,
}

#[pymethods]
impl Extractor {
    #[new]
    #[pyo3(signature = (gazetteers = None, *, entries = None, default_gazetteers = true, markup = "auto"))]
    fn new(
        py: Python<'_>,
        gazetteers: Option<&Bound<'_, PyAny>>,
        entries: Option<&Bound<'_, PyAny>>,
        default_gazetteers: bool,
        markup: &str,
    ) -> PyResult<Extractor> {
        let (markup, markup_name) = parse_markup(markup)?;
        let mut builder = RustExtractor::builder()
            .default_gazetteers(default_gazetteers)
            .markup(markup);
        if let Some(gazetteers) = gazetteers {
            for path in paths(gazetteers)? {
                builder = if path.is_dir() {
                    builder.gazetteer_dir(path)
                } else {
                    builder.gazetteer_file(path)
                };
            }
        }
        if let Some(entries) = entries {
            if entries.is_instance_of::<PyString>() {
                return Err(PyTypeError::new_err(
                    "entries is a list of Entry objects or dicts, not a string",
                ));
            }
            for item in entries.try_iter()? {
                builder = builder.entry(entry_from_py(&item?)?);
            }
        }
        let inner = py
            .detach(|| builder.build())
            .map_err(|e| to_py_err(py, e))?;
        Ok(Extractor {
            inner,
            markup: markup_name,
        })
    }

    /// The entities of ``text``, in order of first mention.
    ///
    /// Plain text or HTML, as the ``markup`` setting decides; offsets
    /// always refer to ``text`` as given. Never fails on a ``str``. The GIL
    /// is released while extracting.
    fn extract<'py>(&self, text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyList>> {
        extract_one(&self.inner, text)
    }

    /// The entities of ``text``, as :meth:`extract` finds them, with every
    /// mention's :attr:`Mention.why`: what found it, the rule that joined
    /// it to its entity, the reading chosen where its form had several,
    /// on a sports report's venue why it is apart from the side of its
    /// name (``parted``, the side's span in bytes of the UTF-8 text), and
    /// on a capital that stands for its government why it is apart from
    /// the city (``government``, the city's span likewise).
    ///
    /// It costs more than ``extract`` (about 1.6 times), and the first call
    /// on an extractor finds which gazetteer file each entry came from.
    /// The GIL is released while explaining.
    ///
    /// >>> from gazetteer_ner import Extractor
    /// >>> extractor = Extractor(entries=[{"kind": "organisation", "name": "Acme Widgets"}])
    /// >>> [m.why for m in extractor.explain("Acme Widgets hired. Acme Widgets said.")[0].mentions]
    /// [{'found': 'gazetteer', 'source': 'entry', 'entry': 'Acme Widgets', 'kind': 'organisation'}, {'found': 'gazetteer', 'source': 'entry', 'entry': 'Acme Widgets', 'kind': 'organisation', 'joined': 'same-name', 'to': 0}]
    fn explain<'py>(&self, text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyList>> {
        explain_one(&self.inner, text)
    }

    /// The entities of every text, a list per text in input order, equal
    /// to ``[self.extract(t) for t in texts]``.
    ///
    /// The texts are processed on ``threads`` threads (all cores when
    /// ``None``) with the GIL released.
    #[pyo3(signature = (texts, threads = None))]
    fn extract_batch<'py>(
        &self,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        extract_many(&self.inner, texts, threads)
    }

    /// The entities of every text with every mention's
    /// :attr:`Mention.why`, a list per text in input order, equal to
    /// ``[self.explain(t) for t in texts]``.
    ///
    /// The texts are explained on ``threads`` threads (all cores when
    /// ``None``) with the GIL released. Bad input raises as
    /// :meth:`extract_batch` does: ``TypeError`` for one string or an item
    /// that is not a ``str``, ``ValueError`` for ``threads=0``.
    ///
    /// >>> from gazetteer_ner import Extractor
    /// >>> extractor = Extractor(entries=[{"kind": "organisation", "name": "Acme Widgets"}])
    /// >>> texts = ["Acme Widgets hired.", "", "Acme Widgets said. Acme Widgets left."]
    /// >>> [[m.why["found"] for e in entities for m in e.mentions] for entities in extractor.explain_batch(texts)]
    /// [['gazetteer'], [], ['gazetteer', 'gazetteer']]
    /// >>> extractor.explain_batch(texts, threads=2) == [extractor.explain(t) for t in texts]
    /// True
    #[pyo3(signature = (texts, threads = None))]
    fn explain_batch<'py>(
        &self,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        explain_many(&self.inner, texts, threads)
    }

    /// What the given gazetteers and entries clashed with (duplicates, a
    /// form naming two entities, defaults they hide), one message each.
    #[getter]
    fn notices(&self) -> Vec<String> {
        self.inner.notices().iter().map(|n| n.to_string()).collect()
    }

    /// The number of entity entries known.
    #[getter]
    fn entry_count(&self) -> usize {
        self.inner.entry_count()
    }

    fn __repr__(&self) -> String {
        format!(
            "<gazetteer_ner.Extractor: {} entries, markup='{}'>",
            self.inner.entry_count(),
            self.markup
        )
    }
}

/// The markup setting named `name`, and its name.
fn parse_markup(name: &str) -> PyResult<(Markup, &'static str)> {
    match name {
        "auto" => Ok((Markup::Auto, "auto")),
        "html" => Ok((Markup::Html, "html")),
        "plain" => Ok((Markup::Plain, "plain")),
        _ => Err(PyValueError::new_err(format!(
            "markup is \"auto\", \"html\" or \"plain\", not {name:?}"
        ))),
    }
}

/// The paths of `gazetteers`: one path, or an iterable of them.
fn paths(gazetteers: &Bound<'_, PyAny>) -> PyResult<Vec<PathBuf>> {
    if let Ok(path) = gazetteers.extract::<PathBuf>() {
        return Ok(vec![path]);
    }
    gazetteers
        .try_iter()
        .map_err(|_| {
            PyTypeError::new_err("gazetteers is a path or a list of paths (str or os.PathLike)")
        })?
        .map(|item| item?.extract::<PathBuf>())
        .collect()
}

/// The extractor built from the embedded default gazetteers, built on
/// first use (without the GIL) and shared by the module's functions.
pub fn default_extractor(py: Python<'_>) -> &'static RustExtractor {
    static DEFAULT: OnceLock<RustExtractor> = OnceLock::new();
    py.detach(|| {
        DEFAULT.get_or_init(|| {
            RustExtractor::builder().build().expect(
                "the embedded default gazetteers are valid (checked by the library's tests)",
            )
        })
    })
}

/// `extractor.extract(text)`, without the GIL.
pub fn extract_one<'py>(
    extractor: &RustExtractor,
    text: &Bound<'py, PyString>,
) -> PyResult<Bound<'py, PyList>> {
    one(text, |text| extractor.extract(text))
}

/// `extractor.explain(text)`, without the GIL.
pub fn explain_one<'py>(
    extractor: &RustExtractor,
    text: &Bound<'py, PyString>,
) -> PyResult<Bound<'py, PyList>> {
    one(text, |text| extractor.explain(text))
}

/// The Python entities that `find` gives for `text`, found without the GIL.
fn one<'py>(
    text: &Bound<'py, PyString>,
    find: impl FnOnce(&str) -> Vec<gazetteer_ner::Entity> + Send,
) -> PyResult<Bound<'py, PyList>> {
    let py = text.py();
    let read = Text::read(text)?;
    let extracted = py.detach(|| {
        let entities = find(&read.string);
        Extracted::new(&read.string, entities)
    });
    extracted.into_py(py, &read, text)
}

/// `extractor.extract_batch(texts, threads)`, without the GIL.
pub fn extract_many<'py>(
    extractor: &RustExtractor,
    texts: &Bound<'py, PyAny>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    many(texts, threads, "extract", |strings, threads| {
        extractor.extract_batch(strings, threads)
    })
}

/// `extractor.explain_batch(texts, threads)`, without the GIL.
pub fn explain_many<'py>(
    extractor: &RustExtractor,
    texts: &Bound<'py, PyAny>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    many(texts, threads, "explain", |strings, threads| {
        extractor.explain_batch(strings, threads)
    })
}

/// The Python entities that `find_all` gives for each of `texts`, found
/// without the GIL on `threads` threads. `call` names the one-text
/// function (`extract`, `explain`) for the errors: `texts` must be an
/// iterable of `str`, not one `str`.
fn many<'py>(
    texts: &Bound<'py, PyAny>,
    threads: Option<usize>,
    call: &str,
    find_all: impl FnOnce(&[&str], Option<NonZeroUsize>) -> Vec<Vec<gazetteer_ner::Entity>> + Send,
) -> PyResult<Bound<'py, PyList>> {
    let py = texts.py();
    let threads = match threads {
        None => None,
        Some(n) => Some(
            NonZeroUsize::new(n)
                .ok_or_else(|| PyValueError::new_err("threads is at least 1 (or None)"))?,
        ),
    };
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "{call}_batch takes a list of texts, not one string: use {call}"
        )));
    }
    let mut originals = Vec::new();
    let mut read = Vec::new();
    for item in texts.try_iter()? {
        let item = item?;
        let text = item.cast_into::<PyString>().map_err(|e| {
            PyTypeError::new_err(format!(
                "{call}_batch takes texts (str), not {}",
                e.into_inner().get_type()
            ))
        })?;
        read.push(Text::read(&text)?);
        originals.push(text);
    }
    let extracted = py.detach(|| {
        let strings: Vec<&str> = read.iter().map(|t| t.string.as_str()).collect();
        let results = find_all(&strings, threads);
        strings
            .iter()
            .zip(results)
            .map(|(text, entities)| Extracted::new(text, entities))
            .collect::<Vec<_>>()
    });
    let list = PyList::empty(py);
    for ((extracted, text), original) in extracted.into_iter().zip(&read).zip(&originals) {
        list.append(extracted.into_py(py, text, original)?)?;
    }
    Ok(list)
}
