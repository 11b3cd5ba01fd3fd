"""The CLI's views as Python and spaCy read them: ``--offsets chars`` and
``utf16`` slice Python strings and UTF-16 code units to the mentions, and
``--format displacy`` is what ``spacy.displacy.render(..., manual=True)``
draws, its offsets slicing the text in Python.

Needs the CLI (``cargo build --release --example extract``;
``GAZETTEER_NER_CLI`` to point elsewhere) and, for the rendering, spaCy.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import import_or_require, require

REPO = Path(__file__).resolve().parents[2]
TEXT = "😀 Iraq's Moqtada al-Sadr met Zürich 🇨🇭 bankers in Baghdad. Al-Sadr left for Najaf."


@pytest.fixture(scope="module")
def cli():
    path = Path(os.environ.get("GAZETTEER_NER_CLI", REPO / "target/release/examples/extract"))
    require(path.is_file(), f"no CLI at {path}: cargo build --release --example extract")
    return path


def run(cli, *args, text=TEXT):
    done = subprocess.run(
        [str(cli), "--compact", *args], input=text.encode("utf-8"), capture_output=True, check=True
    )
    return json.loads(done.stdout)


def mentions(document):
    return [m for entity in document["entities"] for m in entity["mentions"]]


def test_chars_and_utf16_offsets_slice_python_and_javascript_strings(cli):
    in_bytes = mentions(run(cli))
    assert len(in_bytes) >= 4
    data = TEXT.encode("utf-8")
    assert [data[m["start"] : m["end"]].decode() for m in in_bytes] == [m["text"] for m in in_bytes]
    in_chars = mentions(run(cli, "--offsets", "chars"))
    assert [TEXT[m["start"] : m["end"]] for m in in_chars] == [m["text"] for m in in_bytes]
    units = TEXT.encode("utf-16-le")
    in_utf16 = mentions(run(cli, "--offsets", "utf16"))
    assert [units[2 * m["start"] : 2 * m["end"]].decode("utf-16-le") for m in in_utf16] == [
        m["text"] for m in in_bytes
    ]


def test_displacy_output_is_what_spacy_renders(cli):
    doc = run(cli, "--format", "displacy")
    assert doc["text"] == TEXT
    texts = sorted(m["text"] for m in mentions(run(cli)))
    assert sorted(TEXT[e["start"] : e["end"]] for e in doc["ents"]) == texts
    assert {e["label"] for e in doc["ents"]} <= {"PER", "GRP", "LOC", "ORG"}
    import_or_require("spacy")
    from spacy import displacy

    html = displacy.render(doc, style="ent", manual=True, jupyter=False)
    for ent in doc["ents"]:
        assert TEXT[ent["start"] : ent["end"]] in html
    assert html.count("<mark") == len(doc["ents"])
