"""Type stubs of the native module; everything is re-exported by
``gazetteer_ner``."""

import os
from typing import Any, Iterable, Literal, Mapping, Optional, Sequence, Tuple, Union, final

__version__: str

Kind = Literal["person", "group", "place", "organisation"]
EntryKindName = Literal[
    "person", "group", "place", "organisation", "given-name", "surname", "stopword"
]
MarkupName = Literal["auto", "html", "plain"]
StrPath = Union[str, "os.PathLike[str]"]

@final
class Mention:
    """One span of the text that names an entity.

    ``text[m.start:m.end] == m.text`` (Python string indices);
    ``byte_start``/``byte_end`` are offsets into the UTF-8 encoded text.
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
    def to_dict(self) -> dict[str, Any]:
        """``{"start", "end", "text", "byte_start", "byte_end"}``."""
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
        """The entity as the CLI writes it (UTF-8 byte offsets)."""
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
    def extract_batch(
        self, texts: Iterable[str], threads: Optional[int] = None
    ) -> list[list[Entity]]:
        """``[self.extract(t) for t in texts]``, on ``threads`` threads."""
    @property
    def notices(self) -> list[str]: ...
    @property
    def entry_count(self) -> int: ...

def extract(text: str) -> list[Entity]:
    """The entities of ``text`` with the embedded default gazetteers."""

def extract_batch(texts: Iterable[str], threads: Optional[int] = None) -> list[list[Entity]]:
    """``[extract(t) for t in texts]``, on ``threads`` threads (all cores for ``None``)."""

def to_json(entities: Iterable[Entity]) -> str:
    """The JSON array the CLI writes as a document's ``"entities"``."""
