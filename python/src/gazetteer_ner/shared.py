"""One extractor per process and configuration."""

import json
import os
import threading
from typing import Any, Dict, Iterable, Optional, Union

from ._gazetteer_ner import Entry, Extractor

_lock = threading.Lock()
_extractors: Dict[str, Extractor] = {}


def shared_extractor(
    gazetteers: Optional[Iterable[Union[str, "os.PathLike[str]"]]] = None,
    *,
    entries: Optional[Iterable[Union[Entry, Dict[str, Any]]]] = None,
    default_gazetteers: bool = True,
    markup: str = "auto",
) -> Extractor:
    """The :class:`Extractor` for these settings, built on the first call in
    a process and returned again by every later call with equal settings.

    Building an extractor takes a while and its gazetteers take memory:
    code that runs many times per process (a Spark task per partition, a
    spaCy pipeline per worker) shares one this way. Gazetteer files are
    read once, on the first call; later changes to them are not seen.

    >>> from gazetteer_ner import shared_extractor
    >>> shared_extractor() is shared_extractor(markup="auto")
    True
    """
    paths = [] if gazetteers is None else [os.fspath(p) for p in _as_list(gazetteers)]
    items = [] if entries is None else [_as_dict(e) for e in entries]
    key = json.dumps([paths, items, default_gazetteers, markup], sort_keys=True)
    with _lock:
        extractor = _extractors.get(key)
        if extractor is None:
            extractor = Extractor(
                paths, entries=items, default_gazetteers=default_gazetteers, markup=markup
            )
            _extractors[key] = extractor
        return extractor


def _as_list(gazetteers):
    if isinstance(gazetteers, (str, bytes, os.PathLike)):
        return [gazetteers]
    return list(gazetteers)


def _as_dict(entry):
    if isinstance(entry, Entry):
        return {"kind": entry.kind, "name": entry.name, "aliases": entry.aliases, "rank": entry.rank}
    return dict(entry)
