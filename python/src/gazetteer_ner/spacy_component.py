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
  another entity.

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
``alignment_mode``, ``overwrite_ents``, ``set_ents``, ``spans_key`` and
``threads`` (for ``nlp.pipe``: the threads each batch is extracted on,
all cores for ``null``). Gazetteer files are read when the pipeline is
made (``spacy.load`` reads them again from the paths in the config).
"""

from typing import Any, Dict, Iterable, Iterator, List, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, minibatch

from .shared import shared_extractor

KINDS = ("person", "group", "place", "organisation")
DEFAULT_LABELS = {"person": "PERSON", "group": "NORP", "place": "GPE", "organisation": "ORG"}
ALIGNMENT_MODES = ("strict", "contract", "expand")

for _name in ("entity_name", "entity_kind"):
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
        "threads": None,
    },
    assigns=["doc.ents", "token.ent_iob", "token.ent_type", "span._.entity_name"],
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
        self.threads = threads
        self.extractor = shared_extractor(
            list(gazetteers),
            entries=list(entries),
            default_gazetteers=default_gazetteers,
            markup=markup,
        )

    def __call__(self, doc: Doc) -> Doc:
        return self.annotate(doc, self.extractor.extract(doc.text))

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Annotates documents a batch at a time, each batch extracted on
        ``threads`` threads without the GIL."""
        for docs in minibatch(stream, size=batch_size):
            results = self.extractor.extract_batch([d.text for d in docs], self.threads)
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
