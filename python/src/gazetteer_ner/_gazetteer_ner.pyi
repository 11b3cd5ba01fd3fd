"""Type stubs of the native module; everything is re-exported by
``gazetteer_ner``."""

import os
from typing import (
    Any,
    Iterable,
    List,
    Literal,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    TypedDict,
    Union,
    final,
)

__version__: str

Kind = Literal["person", "group", "place", "organisation"]
EntryKindName = Literal[
    "person", "group", "place", "organisation", "given-name", "surname", "stopword"
]
MarkupName = Literal["auto", "html", "plain"]
StrPath = Union[str, "os.PathLike[str]"]

class Choice(TypedDict, total=False):
    """``Why["chosen"]``: the kind taken among several readings, and what took it."""

    kind: Kind
    readings: List[Kind]
    by: Literal[
        "learned-context",
        "stronger-evidence",
        "rank",
        "sports-report",
        "person-surname",
        "joined-name",
    ]
    # With by == "learned-context": the rule's feature and strength.
    feature: str
    strength: float

class Parted(TypedDict):
    """``Why["parted"]``: why a sports report's venue is apart from the
    side of its name; ``side`` is the side's mention, its start and end
    as offsets into the UTF-8 encoded text."""

    venue: Literal["dateline", "after-in"]
    side: List[int]
    by: Literal["competes", "fixture", "result", "loss", "owns"]

class Government(TypedDict):
    """``Why["government"]``: why a listed capital's mention stands for
    its country's government apart from the city of its name; ``city`` is
    the city's mention, its start and end as offsets into the UTF-8
    encoded text."""

    by: Literal["speaks", "owns"]
    city: List[int]
    placed: Literal["after-locative", "dateline"]

class Why(TypedDict, total=False):
    """:attr:`Mention.why`, the CLI's ``--explain`` ``why`` object.

    ``found`` is always there; ``source``, ``entry`` and ``kind`` with
    ``found == "gazetteer"``; ``feature`` and ``strength`` with a learned
    rule; ``joined`` and ``to`` on mentions after an entity's first;
    ``chosen`` where the form had readings of several kinds; ``parted``
    on a sports report's venue kept apart from the side of its name;
    ``government`` on a listed capital that stands for its government,
    kept apart from the city of its name.
    """

    found: Literal[
        "gazetteer",
        "title",
        "designator",
        "acronym-definition",
        "given-name",
        "guess",
        "learned-context",
        "learned-spelling",
        "acronym-context",
        "pronoun-context",
        "institution",
        "compound",
        "propagation",
        "main-person",
        "name-word",
    ]
    source: str
    entry: str
    kind: Kind
    feature: str
    strength: float
    joined: Literal[
        "same-name",
        "same-entry",
        "middle-name",
        "given-name",
        "person-suffix",
        "person-surname",
        "head-word",
        "acronym-definition",
        "acronym-initials",
        "name-word",
        "capital",
    ]
    to: int
    chosen: Choice
    parted: Parted
    government: Government

@final
class Mention:
    """One span of the text that names an entity.

    ``text[m.start:m.end] == m.text`` (Python string indices);
    ``byte_start``/``byte_end`` are offsets into the UTF-8 encoded text.
    Equality and hashing read the span and text, never ``why``.
    """

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def byte_start(self) -> int: ...
    @property
    def byte_end(self) -> int: ...
    @property
    def why(self) -> Optional[Why]:
        """Why it is a mention (from ``explain``; ``None`` from ``extract``),
        a new dict on each read."""
    def to_dict(self) -> dict[str, Any]:
        """``{"start", "end", "text", "byte_start", "byte_end"}``, and
        ``"why"`` where the mention has one."""
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Entity:
    """One real-world referent and every span of the text that mentions it."""

    @property
    def kind(self) -> Kind: ...
    @property
    def name(self) -> str: ...
    @property
    def mentions(self) -> Tuple[Mention, ...]: ...
    def to_dict(self) -> dict[str, Any]:
        """``{"kind", "name", "mentions": [Mention.to_dict(), ...]}``."""
    def to_json(self) -> str:
        """The entity as the CLI writes it (UTF-8 byte offsets; each
        mention's ``why`` where it has one, as with ``--explain``)."""
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Entry:
    """One gazetteer entry given in code."""

    def __init__(
        self,
        kind: EntryKindName,
        name: str,
        aliases: Sequence[str] = ...,
        rank: int = 50,
    ) -> None: ...
    @property
    def kind(self) -> EntryKindName: ...
    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> list[str]: ...
    @property
    def rank(self) -> int: ...

EntryLike = Union[Entry, Mapping[str, Any]]

@final
class Extractor:
    """A configured entity extractor; build once, share freely."""

    def __init__(
        self,
        gazetteers: Union[StrPath, Iterable[StrPath], None] = None,
        *,
        entries: Optional[Iterable[EntryLike]] = None,
        default_gazetteers: bool = True,
        markup: MarkupName = "auto",
    ) -> None: ...
    def extract(self, text: str) -> list[Entity]:
        """The entities of ``text``, in order of first mention (GIL released)."""
    def explain(self, text: str) -> list[Entity]:
        """As :meth:`extract`, with every mention's ``why`` (GIL released)."""
    def extract_batch(
        self, texts: Iterable[str], threads: Optional[int] = None
    ) -> list[list[Entity]]:
        """``[self.extract(t) for t in texts]``, on ``threads`` threads."""
    def explain_batch(
        self, texts: Iterable[str], threads: Optional[int] = None
    ) -> list[list[Entity]]:
        """``[self.explain(t) for t in texts]``, on ``threads`` threads."""
    @property
    def notices(self) -> list[str]: ...
    @property
    def entry_count(self) -> int: ...

def extract(text: str) -> list[Entity]:
    """The entities of ``text`` with the embedded default gazetteers."""

def explain(text: str) -> list[Entity]:
    """As :func:`extract`, with every mention's ``why`` (GIL released)."""

def extract_batch(texts: Iterable[str], threads: Optional[int] = None) -> list[list[Entity]]:
    """``[extract(t) for t in texts]``, on ``threads`` threads (all cores for ``None``)."""

def explain_batch(texts: Iterable[str], threads: Optional[int] = None) -> list[list[Entity]]:
    """``[explain(t) for t in texts]``, on ``threads`` threads (all cores for ``None``)."""

def to_json(entities: Iterable[Entity]) -> str:
    """The JSON array the CLI writes as a document's ``"entities"``."""
