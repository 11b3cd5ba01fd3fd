//! `Entry`: one gazetteer entry given in code.

use gazetteer_ner::{Entry as RustEntry, EntryKind};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

/// One gazetteer entry, as a line of a gazetteer file gives it.
///
/// ``kind`` is ``"person"``, ``"group"``, ``"place"`` or
/// ``"organisation"``, or one of the word lists the rules read:
/// ``"given-name"``, ``"surname"``, ``"stopword"``. ``name`` is the
/// canonical name, ``aliases`` its other surface forms, ``rank`` its
/// prominence from 0 to 100 (among overlapping readings of the same
/// strength the higher rank wins).
///
/// >>> from gazetteer_ner import Entry, Extractor
/// >>> acme = Entry("organisation", "Acme Widgets", aliases=["Acme"], rank=60)
/// >>> [e.name for e in Extractor(entries=[acme]).extract("Acme said.")]
/// ['Acme Widgets']
#[pyclass(module = "gazetteer_ner", name = "Entry", frozen)]
pub struct Entry {
    inner: RustEntry,
}

#[pymethods]
impl Entry {
    #[new]
    #[pyo3(signature = (kind, name, aliases = Vec::new(), rank = 50))]
    fn new(kind: &str, name: String, aliases: Vec<String>, rank: i64) -> PyResult<Entry> {
        let kind: EntryKind = kind
            .parse()
            .map_err(|e: gazetteer_ner::UnknownKind| PyValueError::new_err(e.to_string()))?;
        let rank = u8::try_from(rank)
            .ok()
            .filter(|&r| r <= RustEntry::MAX_RANK)
            .ok_or_else(|| {
                PyValueError::new_err(format!(
                    "rank {rank} of {name:?} is outside 0..={}",
                    RustEntry::MAX_RANK
                ))
            })?;
        let mut inner = RustEntry::new(kind, name).rank(rank);
        for alias in aliases {
            inner = inner.alias(alias);
        }
        Ok(Entry { inner })
    }

    /// The entry's kind, as in gazetteer files.
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind.as_str()
    }

    /// The canonical name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// The other surface forms.
    #[getter]
    fn aliases(&self) -> Vec<String> {
        self.inner.aliases.clone()
    }

    /// The prominence, 0 to 100.
    #[getter]
    fn rank(&self) -> u8 {
        self.inner.rank
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Entry('{}', {}, aliases={}, rank={})",
            self.kind(),
            PyString::new(py, self.name()).repr()?,
            self.aliases().into_pyobject(py)?.repr()?,
            self.rank()
        ))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Entry>()
            .is_ok_and(|other| self.inner == other.get().inner)
    }
}

/// The library's entry for an `Entry` or a dict with the same keys
/// (`kind`, `name`, and optionally `aliases` and `rank`), as config files
/// give them.
pub fn entry_from_py(item: &Bound<'_, PyAny>) -> PyResult<RustEntry> {
    if let Ok(entry) = item.cast::<Entry>() {
        return Ok(entry.get().inner.clone());
    }
    let Ok(dict) = item.cast::<PyDict>() else {
        return Err(PyTypeError::new_err(format!(
            "an entry is a gazetteer_ner.Entry or a dict, not {}",
            item.get_type().name()?
        )));
    };
    for key in dict.keys() {
        let key: String = key.extract()?;
        if !["kind", "name", "aliases", "rank"].contains(&key.as_str()) {
            return Err(PyValueError::new_err(format!(
                "unknown key {key:?} in entry {} (expected kind, name, aliases, rank)",
                dict.repr()?
            )));
        }
    }
    let required = |key: &str| -> PyResult<Bound<'_, PyAny>> {
        match dict.get_item(key)? {
            Some(value) => Ok(value),
            None => Err(PyValueError::new_err(format!(
                "entry {} has no {key:?}",
                dict.repr()?
            ))),
        }
    };
    let kind: String = required("kind")?.extract()?;
    let name: String = required("name")?.extract()?;
    let aliases: Vec<String> = match dict.get_item("aliases")? {
        Some(aliases) if !aliases.is_instance_of::<PyString>() => aliases.extract()?,
        Some(_) => {
            return Err(PyTypeError::new_err(format!(
                "the aliases of entry {name:?} are a list of strings, not one string"
            )));
        }
        None => Vec::new(),
    };
    let rank: i64 = match dict.get_item("rank")? {
        Some(rank) => rank.extract()?,
        None => 50,
    };
    Ok(Entry::new(&kind, name, aliases, rank)?.inner)
}
