//! The native module of the `gazetteer_ner` Python package: the Rust
//! library's public extraction API, with Python string offsets and Python
//! exceptions. The package's `__init__.py` re-exports everything here.

mod entity;
mod entry;
mod errors;
mod extractor;
mod offsets;
mod text;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use crate::entity::{_entity, _mention, Entity, Mention, to_json_string};
use crate::entry::Entry;
use crate::extractor::{
    Extractor, default_extractor, explain_many, explain_one, extract_many, extract_one,
};

/// The entities of ``text`` with the embedded default gazetteers, in order
/// of first mention.
///
/// The default extractor is built on the first call in a process (about a
/// quarter of a second) and shared by every later call. The GIL is
/// released while extracting, so Python threads run in parallel.
///
/// >>> import gazetteer_ner
/// >>> text = "Talks in Baghdad. Iraq's PM said."
/// >>> [(e.kind, e.name) for e in gazetteer_ner.extract(text)]
/// [('place', 'Baghdad'), ('place', 'Iraq')]
#[pyfunction]
fn extract<'py>(text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyList>> {
    extract_one(default_extractor(text.py()), text)
}

/// The entities of ``text`` with the embedded default gazetteers, as
/// :func:`extract` finds them, with every mention's :attr:`Mention.why`:
/// what found it (a gazetteer entry, with its file, or a rule), the rule
/// that joined it to its entity, the reading chosen where its form had
/// several, on a sports report's venue why it is apart from the side of
/// its name (``parted``, the side's span in bytes of the UTF-8 text), and
/// on a capital that stands for its government why it is apart from the
/// city (``government``, the city's span likewise).
/// The GIL is released while explaining.
///
/// >>> import gazetteer_ner
/// >>> text = "Moqtada al-Sadr spoke in Baghdad. Mr Sadr later left."
/// >>> sadr = gazetteer_ner.explain(text)[0]
/// >>> [(m.text, m.why["found"], m.why.get("joined")) for m in sadr.mentions]
/// [('Moqtada al-Sadr', 'gazetteer', None), ('Sadr', 'title', 'person-suffix')]
/// >>> sadr == gazetteer_ner.extract(text)[0]
/// True
#[pyfunction]
fn explain<'py>(text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyList>> {
    explain_one(default_extractor(text.py()), text)
}

/// The entities of every text with the embedded default gazetteers, a list
/// per text in input order, equal to ``[extract(t) for t in texts]``, on
/// ``threads`` threads (all cores when ``None``) with the GIL released.
#[pyfunction]
#[pyo3(signature = (texts, threads = None))]
fn extract_batch<'py>(
    texts: &Bound<'py, PyAny>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    extract_many(default_extractor(texts.py()), texts, threads)
}

/// The entities of every text with the embedded default gazetteers and
/// every mention's :attr:`Mention.why`, a list per text in input order,
/// equal to ``[explain(t) for t in texts]``, on ``threads`` threads (all
/// cores when ``None``) with the GIL released. Bad input raises as
/// :func:`extract_batch` does.
///
/// >>> import gazetteer_ner
/// >>> texts = ["Talks in Baghdad.", "", "Mr Sadr left. Sadr said so."]
/// >>> results = gazetteer_ner.explain_batch(texts)
/// >>> [[m.why.get("joined") for e in entities for m in e.mentions] for entities in results]
/// [[None], [], [None, 'same-name']]
/// >>> results == [gazetteer_ner.explain(t) for t in texts]
/// True
#[pyfunction]
#[pyo3(signature = (texts, threads = None))]
fn explain_batch<'py>(
    texts: &Bound<'py, PyAny>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    explain_many(default_extractor(texts.py()), texts, threads)
}

/// ``entities`` as the JSON the CLI writes for a document's
/// ``"entities"``: a compact array, with UTF-8 byte offsets as ``start``
/// and ``end``.
#[pyfunction]
fn to_json(entities: &Bound<'_, PyAny>) -> PyResult<String> {
    let mut items = Vec::new();
    for item in entities.try_iter()? {
        let item = item?;
        let entity = item.cast::<Entity>().map_err(|_| {
            PyTypeError::new_err("to_json takes a list of gazetteer_ner.Entity objects")
        })?;
        items.push(entity.clone());
    }
    let inner: Vec<_> = items.iter().map(|e| e.get().inner()).collect();
    to_json_string(&inner)
}

#[pymodule]
fn _gazetteer_ner(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Extractor>()?;
    m.add_class::<Entity>()?;
    m.add_class::<Mention>()?;
    m.add_class::<Entry>()?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_batch, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add_function(wrap_pyfunction!(explain_batch, m)?)?;
    m.add_function(wrap_pyfunction!(to_json, m)?)?;
    m.add_function(wrap_pyfunction!(_entity, m)?)?;
    m.add_function(wrap_pyfunction!(_mention, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
