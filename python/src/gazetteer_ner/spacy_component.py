"""The spaCy pipeline component ``gazetteer_ner``.

Installing the package registers it through spaCy's ``spacy_factories``
entry point, so no import is needed::

    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("gazetteer_ner")
    doc = nlp("Moqtada Al Sadr spoke in Baghdad. Mr Al Sadr later left.")
    [(ent.text, ent.label_, ent.id_, ent._.entity_name) for ent in doc.ents]
    # [('Moqtada Al Sadr', 'PERSON', '0', 'Moqtada al-Sadr'),
    #  ('Baghdad', 'GPE', '1', 'Baghdad'),
    #  ('Al Sadr', 'PERSON', '0', 'Moqtada al-Sadr')]

What it sets on each ``Doc``:

- ``doc.ents``: every mention as a span labelled through ``labels``
  (person → PERSON, group → NORP, place → GPE, organisation → ORG by
  default; spaCy merges a config's mapping into this one, and a kind
  mapped to ``None``, ``null`` in a config file, is not annotated);
- ``span.id_``: the same for every mention of one entity: the entity's
  index, as a string, in the document's list of entities (in order of
  first mention);
- ``span._.entity_name``: the entity's canonical name (the gazetteer's name
  where a gazetteer knows it, else its most complete form in the text), and
  ``span._.entity_kind``: its kind (``"group"`` and so on) whatever label
  it was given;
- ``doc.spans[spans_key]`` when ``spans_key`` is set: every aligned mention
  in text order, including those left out of ``doc.ents`` for overlapping
  another entity;
- ``span._.why`` with ``explain=True``: why the mention is one, the dict
  :attr:`gazetteer_ner.Mention.why` gives (what found it, the rule that
  joined it to its entity, the reading chosen), ``None`` otherwise. Its
  ``to`` is an index into the entity's mentions as the extractor found
  them, which are the spans of the same ``id_`` in text order unless
  alignment dropped some. Explaining costs about 1.6 times extracting.

Like ``entity_name`` and ``entity_kind``, ``why`` is a custom attribute
registered with ``Span.set_extension`` (default ``None``) when this module
is imported; spaCy keeps its values in ``doc.user_data``, so they are saved
by ``DocBin(store_user_data=True)`` and ``Doc.to_bytes``.

Alignment. The extractor finds mentions by character offsets, with its own
tokenizer; spaCy's tokens may cut the text elsewhere (``"al-Sadr's"`` is
one name for the extractor and four tokens for spaCy). Each mention
becomes a span through ``Doc.char_span(start, end,
alignment_mode=alignment_mode)``:

- ``"expand"`` (the default): the span grows to the tokens the mention
  touches, so no mention is lost, though a span may then hold a few more
  characters than the mention;
- ``"contract"``: the span shrinks to the tokens wholly inside the mention;
  a mention inside one token is dropped;
- ``"strict"``: a mention whose ends are not token boundaries is dropped.

Spans that overlap after alignment keep the longest (``filter_spans``).

Entities a component before this one set (a trained ``ner``) are kept, and
only mentions that overlap none of them are added; with
``overwrite_ents=True`` this component's spans win and the overlapping
earlier entities are removed.

Config (``nlp.add_pipe("gazetteer_ner", config={...})``): ``labels``,
``gazetteers`` (paths of gazetteer files or directories), ``entries``
(dicts with ``kind``, ``name``, ``aliases``, ``rank``),
``default_gazetteers``, ``markup`` (``"auto"``, ``"html"``, ``"plain"``),
``alignment_mode``, ``overwrite_ents``, ``set_ents``, ``spans_key``,
``explain`` and ``threads`` (for ``nlp.pipe``: the threads each batch is
extracted, or with ``explain`` explained, on, all cores for ``null``, with
the GIL released). Gazetteer files are
read when the pipeline is made.

Saving. ``nlp.to_disk`` writes copies of the gazetteer files (a
directory's ``*.tsv`` files) beside the pipeline, in ``gazetteer_ner/``
of the component's folder, as they are when saving; ``spacy.load`` reads
those copies, so a saved pipeline works where the original paths do not
exist. (``spacy.load`` first makes the component from the config, whose
paths may be missing there: a missing path is then no error until the
component is used without a saved copy to replace it.) ``nlp.to_bytes``
and ``nlp.from_bytes`` carry the same copies.
"""

import json
import shutil
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, minibatch

from .shared import shared_extractor

KINDS = ("person", "group", "place", "organisation")
DEFAULT_LABELS = {"person": "PERSON", "group": "NORP", "place": "GPE", "organisation": "ORG"}
ALIGNMENT_MODES = ("strict", "contract", "expand")

for _name in ("entity_name", "entity_kind", "why"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


@Language.factory(
    "gazetteer_ner",
    default_config={
        "labels": DEFAULT_LABELS,
        "gazetteers": [],
        "entries": [],
        "default_gazetteers": True,
        "markup": "auto",
        "alignment_mode": "expand",
        "overwrite_ents": False,
        "set_ents": True,
        "spans_key": None,
        "explain": False,
        "threads": None,
    },
    assigns=[
        "doc.ents",
        "token.ent_iob",
        "token.ent_type",
        "span._.entity_name",
        "span._.entity_kind",
        "span._.why",
    ],
)
def make_component(
    nlp: Language,
    name: str,
    labels: Dict[str, Optional[str]],
    gazetteers: List[str],
    entries: List[Dict[str, Any]],
    default_gazetteers: bool,
    markup: str,
    alignment_mode: str,
    overwrite_ents: bool,
    set_ents: bool,
    spans_key: Optional[str],
    explain: bool,
    threads: Optional[int],
) -> "GazetteerNer":
    """Makes the component; spaCy calls this for ``nlp.add_pipe("gazetteer_ner")``."""
    return GazetteerNer(
        nlp,
        name,
        labels=labels,
        gazetteers=gazetteers,
        entries=entries,
        default_gazetteers=default_gazetteers,
        markup=markup,
        alignment_mode=alignment_mode,
        overwrite_ents=overwrite_ents,
        set_ents=set_ents,
        spans_key=spans_key,
        explain=explain,
        threads=threads,
    )


class GazetteerNer:
    """Sets ``doc.ents`` (and optionally ``doc.spans``) from the
    extractor's entities; see the module's documentation."""

    def __init__(
        self,
        nlp: Language,
        name: str = "gazetteer_ner",
        *,
        labels: Optional[Dict[str, Optional[str]]] = None,
        gazetteers: Iterable[str] = (),
        entries: Iterable[Dict[str, Any]] = (),
        default_gazetteers: bool = True,
        markup: str = "auto",
        alignment_mode: str = "expand",
        overwrite_ents: bool = False,
        set_ents: bool = True,
        spans_key: Optional[str] = None,
        explain: bool = False,
        threads: Optional[int] = None,
    ):
        labels = DEFAULT_LABELS if labels is None else dict(labels)
        unknown = sorted(set(labels) - set(KINDS))
        if unknown:
            raise ValueError(
                f"labels maps unknown kinds {unknown}: the kinds are {', '.join(KINDS)}"
            )
        if not all(v is None or (isinstance(v, str) and v) for v in labels.values()):
            raise ValueError(f"labels are non-empty strings or None, not {labels}")
        if alignment_mode not in ALIGNMENT_MODES:
            raise ValueError(
                f"alignment_mode is one of {ALIGNMENT_MODES}, not {alignment_mode!r}"
            )
        if not set_ents and not spans_key:
            raise ValueError("with set_ents=False, give a spans_key, or nothing is annotated")
        if threads is not None and threads < 1:
            raise ValueError(f"threads is at least 1 (or null), not {threads}")
        self.name = name
        self.labels = labels
        self.alignment_mode = alignment_mode
        self.overwrite_ents = overwrite_ents
        self.set_ents = set_ents
        self.spans_key = spans_key
        self.explain = explain
        self.threads = threads
        self._settings = {
            "entries": list(entries),
            "default_gazetteers": default_gazetteers,
            "markup": markup,
        }
        self._gazetteers = [str(p) for p in gazetteers]
        self._extractor = None
        missing = [p for p in self._gazetteers if not Path(p).exists()]
        # Made now, so that bad data fails here; a missing path may be a
        # saved pipeline's on another machine, which from_disk replaces.
        if not missing:
            self._make_extractor(self._gazetteers)

    @property
    def extractor(self):
        """The component's :class:`gazetteer_ner.Extractor`."""
        if self._extractor is None:
            self._make_extractor(self._gazetteers)
        return self._extractor

    def _make_extractor(self, gazetteers: List[str]) -> None:
        self._extractor = shared_extractor(gazetteers, **self._settings)
        self._gazetteers = gazetteers

    def _gazetteer_files(self) -> List[Tuple[str, bytes]]:
        """``(relative path, contents)`` of every gazetteer file read, in
        order: a file as ``NNN-name``, a directory's ``*.tsv`` files under
        ``NNN-name/``, so that the copies read as the originals did."""
        files = []
        for i, path in enumerate(self._gazetteers):
            source = Path(path)
            if source.is_dir():
                for f in sorted(source.glob("*.tsv")):
                    files.append((f"{i:03d}-{source.name}/{f.name}", f.read_bytes()))
            else:
                files.append((f"{i:03d}-{source.name}", source.read_bytes()))
        return files

    def _from_files(self, root: Path, files: List[Tuple[str, bytes]], write: bool) -> None:
        """Makes the extractor from the gazetteer copies under ``root``."""
        paths = []
        for name, contents in files:
            target = root / name
            if write:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(contents)
            top = root / name.split("/")[0]
            if str(top) not in paths:
                paths.append(str(top))
        self._make_extractor(paths)

    def to_disk(self, path, *, exclude: Iterable[str] = ()) -> None:
        """Writes copies of the gazetteer files to the directory ``path``."""
        path = Path(path)
        copies = path / "gazetteers"
        if copies.exists():
            shutil.rmtree(copies)
        copies.mkdir(parents=True)
        files = self._gazetteer_files()
        for name, contents in files:
            (copies / name).parent.mkdir(parents=True, exist_ok=True)
            (copies / name).write_bytes(contents)
        (path / "gazetteers.json").write_text(
            json.dumps([name for name, _ in files]), encoding="utf-8"
        )

    def from_disk(self, path, *, exclude: Iterable[str] = ()) -> "GazetteerNer":
        """Reads the gazetteer copies that :meth:`to_disk` wrote."""
        path = Path(path)
        names = json.loads((path / "gazetteers.json").read_text(encoding="utf-8"))
        self._from_files(path / "gazetteers", [(n, b"") for n in names], write=False)
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The gazetteer files' copies, for ``nlp.to_bytes``."""
        return srsly.msgpack_dumps({"gazetteers": self._gazetteer_files()})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "GazetteerNer":
        """Reads what :meth:`to_bytes` wrote: the copies are written to a
        directory of their own that lives as long as the process."""
        files = [(name, contents) for name, contents in srsly.msgpack_loads(data)["gazetteers"]]
        root = _copies_dir()
        self._from_files(root, files, write=True)
        return self

    def __call__(self, doc: Doc) -> Doc:
        find = self.extractor.explain if self.explain else self.extractor.extract
        return self.annotate(doc, find(doc.text))

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Annotates documents a batch at a time, each batch extracted (or
        with ``explain``, explained) on ``threads`` threads without the GIL."""
        for docs in minibatch(stream, size=batch_size):
            texts = [d.text for d in docs]
            if self.explain:
                results = self.extractor.explain_batch(texts, self.threads)
            else:
                results = self.extractor.extract_batch(texts, self.threads)
            for doc, entities in zip(docs, results):
                yield self.annotate(doc, entities)

    def annotate(self, doc: Doc, entities) -> Doc:
        """Sets the annotations of ``doc`` from its extracted ``entities``."""
        spans = []
        for index, entity in enumerate(entities):
            label = self.labels.get(entity.kind)
            if label is None:
                continue
            for mention in entity.mentions:
                span = doc.char_span(
                    mention.start, mention.end, label=label, alignment_mode=self.alignment_mode
                )
                if span is None or len(span) == 0:
                    continue
                span.id_ = str(index)
                span._.entity_name = entity.name
                span._.entity_kind = entity.kind
                if self.explain:
                    span._.why = mention.why
                spans.append(span)
        spans.sort(key=lambda span: (span.start, span.end))
        if self.spans_key:
            doc.spans[self.spans_key] = spans
        if self.set_ents:
            doc.ents = self._merged_with_existing(doc, filter_spans(spans))
        return doc

    def _merged_with_existing(self, doc: Doc, ours: List[Span]) -> List[Span]:
        existing = list(doc.ents)
        if self.overwrite_ents:
            taken = {i for span in ours for i in range(span.start, span.end)}
            kept = [e for e in existing if not any(i in taken for i in range(e.start, e.end))]
            return sorted(kept + ours)
        taken = {i for ent in existing for i in range(ent.start, ent.end)}
        added = [s for s in ours if not any(i in taken for i in range(s.start, s.end))]
        return sorted(existing + added)


def _copies_dir() -> Path:
    """A new directory for gazetteer copies read from bytes, removed when
    the process exits."""
    import atexit
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="gazetteer_ner-"))
    atexit.register(shutil.rmtree, root, True)
    return root
