"""Named entities from English news, fast: gazetteers, rules and an alias
resolver instead of a statistical model.

>>> import gazetteer_ner
>>> text = "Moqtada Al Sadr spoke in Baghdad. Mr Al Sadr later left."
>>> for entity in gazetteer_ner.extract(text):
...     print(entity.kind, entity.name, [m.text for m in entity.mentions])
person Moqtada al-Sadr ['Moqtada Al Sadr', 'Al Sadr']
place Baghdad ['Baghdad']

Mention offsets are Python string indices (``text[m.start:m.end] ==
m.text``), with the UTF-8 byte offsets beside them (``m.byte_start``,
``m.byte_end``). :func:`explain` finds the same entities and says on every
mention why it is one (``m.why``: what found it, the rule that joined it
to its entity, the reading chosen); :func:`extract_batch` and
:func:`explain_batch` take many texts at once, on several threads.
:class:`Extractor` takes your own gazetteers,
:func:`shared_extractor` builds one per process and configuration;
``gazetteer_ner.spacy_component`` is the spaCy pipeline component
(``nlp.add_pipe("gazetteer_ner")``).
"""

from ._gazetteer_ner import (
    Entity,
    Entry,
    Extractor,
    Mention,
    __version__,
    explain,
    explain_batch,
    extract,
    extract_batch,
    to_json,
)
from .errors import GazetteerError
from .shared import shared_extractor

__all__ = [
    "Entity",
    "Entry",
    "Extractor",
    "GazetteerError",
    "Mention",
    "__version__",
    "explain",
    "explain_batch",
    "extract",
    "extract_batch",
    "shared_extractor",
    "to_json",
]
