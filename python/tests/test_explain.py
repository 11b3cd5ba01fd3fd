"""Explanations: ``explain``, ``explain_batch`` and ``Mention.why``, against
``extract`` and against the CLI's ``--explain``."""

import glob
import json
import os
import pickle
import re
import subprocess
from pathlib import Path

import pytest

import gazetteer_ner
from gazetteer_ner import Extractor

from conftest import REPO, require

SEED_LIKE = (
    "Moqtada al-Sadr spoke in Baghdad on Monday. His Mahdi Army left Basra. "
    "Mr Sadr later met Kurds of the Kurdistan Regional Government (KRG) in Erbil. "
    "The KRG said no."
)
ARTICLES = 40


def sadr(entities):
    return next(e for e in entities if e.name == "Moqtada al-Sadr")


def test_explain_finds_what_extract_finds_with_a_why_on_every_mention():
    explained = gazetteer_ner.explain(SEED_LIKE)
    extracted = gazetteer_ner.extract(SEED_LIKE)
    assert [(e.kind, e.name, [(m.start, m.end) for m in e.mentions]) for e in explained] == [
        (e.kind, e.name, [(m.start, m.end) for m in e.mentions]) for e in extracted
    ]
    assert len(explained) >= 5
    for entity in explained:
        for index, m in enumerate(entity.mentions):
            assert isinstance(m.why, dict) and isinstance(m.why["found"], str)
            # Joined to another mention of the entity, except the first.
            assert ("joined" in m.why) == (index > 0), (m, m.why)
            if index > 0:
                assert 0 <= m.why["to"] < len(entity.mentions) and m.why["to"] != index
    assert all(m.why is None for e in extracted for m in e.mentions)
    assert Extractor().explain(SEED_LIKE) == explained


def test_the_first_mention_names_its_gazetteer_file_and_the_later_one_its_join():
    first, later = sadr(gazetteer_ner.explain(SEED_LIKE)).mentions
    assert (first.text, later.text) == ("Moqtada al-Sadr", "Sadr")
    assert first.why["found"] == "gazetteer"
    assert first.why["entry"] == "Moqtada al-Sadr" and first.why["kind"] == "person"
    assert first.why["source"].endswith(".tsv")
    assert "joined" not in first.why
    assert later.why["found"] == "title"  # "Mr"
    assert (later.why["joined"], later.why["to"]) == ("person-suffix", 0)
    krg = next(e for e in gazetteer_ner.explain(SEED_LIKE) if e.mentions[-1].text == "KRG")
    assert krg.mentions[-1].why["joined"] in ("same-name", "same-entry", "acronym-definition")


def test_a_users_entry_is_explained_by_its_file_or_as_an_entry(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("person\tZorblax Quint\tQuint\n", encoding="utf-8")
    extractor = Extractor([path], entries=[{"kind": "organisation", "name": "Acme Widgets"}])
    entities = extractor.explain("Acme Widgets hired Zorblax Quint. Quint left.")
    whys = {e.name: [m.why for m in e.mentions] for e in entities}
    assert whys["Acme Widgets"] == [
        {"found": "gazetteer", "source": "entry", "entry": "Acme Widgets", "kind": "organisation"}
    ]
    quint = whys["Zorblax Quint"]
    assert quint[0] == {
        "found": "gazetteer",
        "source": str(path),
        "entry": "Zorblax Quint",
        "kind": "person",
    }
    assert quint[1]["source"] == str(path) and quint[1]["joined"] == "same-entry"


def stub_reasons(field):
    """The names the stubs give a ``Why`` field (``found`` or ``joined``)."""
    stubs = Path(gazetteer_ner.__file__).parent / "_gazetteer_ner.pyi"
    text = stubs.read_text(encoding="utf-8")
    listed = re.search(rf"^    {field}: Literal\[(.*?)\]", text, re.M | re.S)
    assert listed, field
    return set(re.findall(r'"([a-z-]+)"', listed.group(1)))


def test_the_resolvers_own_finds_say_what_found_them(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text(
        "given-name\tGeorge\ngiven-name\tLaura\norganisation\tMercantile Bancorp\n",
        encoding="utf-8",
    )
    extractor = Extractor([path], default_gazetteers=False)
    text = (
        "George Bush spoke. George Bush met Laura Bush. Reporters said Bush left. "
        "Shares of Mercantile Bancorp rose. Analysts said Mercantile would gain."
    )
    whys = {m.text: m.why for e in extractor.explain(text) for m in e.mentions}
    # A surname two persons share is the one named more often; a word of an
    # organisation's name alone is that organisation.
    bush, mercantile = whys["Bush"], whys["Mercantile"]
    assert (bush["found"], bush["joined"]) == ("main-person", "person-suffix")
    assert (mercantile["found"], mercantile["joined"]) == ("name-word", "name-word")
    # The stubs name every reason given.
    assert {w["found"] for w in whys.values()} <= stub_reasons("found")
    assert {w["joined"] for w in whys.values() if "joined" in w} <= stub_reasons("joined")


def test_a_choice_among_readings_is_explained():
    extractor = Extractor(
        entries=[{"kind": "place", "name": "Jordan"}, {"kind": "person", "name": "Jordan"}],
        default_gazetteers=False,
    )
    why = extractor.explain("Mr Jordan left.")[0].mentions[0].why
    assert why["chosen"] == {
        "kind": "person",
        "readings": ["person", "place"],
        "by": "stronger-evidence",
    }


def test_why_is_a_new_dict_on_each_read():
    m = sadr(gazetteer_ner.explain(SEED_LIKE)).mentions[1]
    why = m.why
    why["found"] = "changed"
    why.clear()
    assert m.why["found"] == "title" and m.why is not m.why


def test_to_dict_and_to_json_carry_why_only_from_explain():
    explained = gazetteer_ner.explain(SEED_LIKE)
    extracted = gazetteer_ner.extract(SEED_LIKE)
    for entity, plain in zip(explained, extracted):
        as_dict, as_json = entity.to_dict(), json.loads(entity.to_json())
        for m, d, j in zip(entity.mentions, as_dict["mentions"], as_json["mentions"]):
            assert d["why"] == j["why"] == m.why
            assert list(d["why"]) == list(m.why)  # the same key order too
        assert all("why" not in d for d in plain.to_dict()["mentions"])
        assert '"why"' not in plain.to_json()
        # Without why, the same dict as from extract.
        for d in as_dict["mentions"]:
            del d["why"]
        assert as_dict == plain.to_dict()
    whole = json.loads(gazetteer_ner.to_json(explained))
    assert whole == [json.loads(e.to_json()) for e in explained]


def test_why_takes_no_part_in_equality_and_hashing():
    explained = gazetteer_ner.explain(SEED_LIKE)
    extracted = gazetteer_ner.extract(SEED_LIKE)
    assert explained == extracted
    assert [hash(e) for e in explained] == [hash(e) for e in extracted]
    first = explained[0].mentions[0]
    assert first == extracted[0].mentions[0] and hash(first) == hash(extracted[0].mentions[0])
    assert len(set(explained) | set(extracted)) == len(explained)
    # Still different spans, different mentions.
    assert explained[0].mentions[0] != explained[0].mentions[1]
    assert explained[0] != explained[1]


def whys(entities):
    """Every mention's span and why, which entity equality leaves out."""
    return [[(m.start, m.end, m.why) for m in e.mentions] for e in entities]


def batch_texts():
    texts = [
        f"Moqtada al-Sadr spoke {i} times in Baghdad. Mr Sadr later met the KRG. The KRG left."
        for i in range(40)
    ]
    texts += ["", "   ", "Café 😀 in Zürich and Baghdad.", "<p>Erbil</p>", "No names here."]
    texts += ["Lone \ud800 surrogate, then Mr Abdul Karim in Basra."]
    return texts


@pytest.mark.parametrize("threads", [None, 1, 2, 3])
def test_explain_batch_equals_explain_one_by_one_whys_included(threads):
    texts = batch_texts()
    one_by_one = [gazetteer_ner.explain(t) for t in texts]
    assert sum(1 for entities in one_by_one if entities) > 40
    batch = gazetteer_ner.explain_batch(texts, threads=threads)
    assert batch == one_by_one
    assert [whys(entities) for entities in batch] == [whys(e) for e in one_by_one]
    assert all(m.why is not None for entities in batch for e in entities for m in e.mentions)
    assert [[e.to_json() for e in entities] for entities in batch] == [
        [e.to_json() for e in entities] for entities in one_by_one
    ]
    extractor = Extractor()
    again = extractor.explain_batch(iter(texts), threads)
    assert [whys(entities) for entities in again] == [whys(e) for e in one_by_one]
    assert extractor.explain_batch([]) == []
    # The entities extract_batch finds, without why.
    assert extractor.extract_batch(texts, threads) == batch


def test_explain_batch_rejects_what_extract_batch_rejects():
    for batch in (gazetteer_ner.explain_batch, Extractor().explain_batch):
        with pytest.raises(TypeError, match="not one string: use explain"):
            batch("Baghdad")
        with pytest.raises(TypeError, match="takes texts \\(str\\), not <class 'int'>"):
            batch(["Baghdad", 3])
        with pytest.raises(TypeError, match="bytes"):
            batch([b"Baghdad"])
        with pytest.raises(TypeError):
            batch(3)
        with pytest.raises(ValueError, match="threads is at least 1"):
            batch(["Baghdad"], threads=0)
        with pytest.raises((TypeError, OverflowError)):
            batch(["Baghdad"], threads=-1)


def test_pickling_keeps_why():
    text = "Café 😀 " + SEED_LIKE + " Lone \ud800 surrogate, then Baghdad."
    entities = gazetteer_ner.explain(text)
    again = pickle.loads(pickle.dumps(entities))
    assert again == entities
    for entity, copy in zip(entities, again):
        assert copy.to_json() == entity.to_json()
        assert copy.to_dict() == entity.to_dict()
        assert [m.why for m in copy.mentions] == [m.why for m in entity.mentions]
        assert all(m.why is not None for m in copy.mentions)
    plain = pickle.loads(pickle.dumps(gazetteer_ner.extract(text)))
    assert all(m.why is None for e in plain for m in e.mentions)


def test_unpickling_checks_a_mentions_why():
    mention = gazetteer_ner.explain("Talks in Baghdad.")[0].mentions[0]
    make_mention, fields = mention.__reduce__()
    assert make_mention(*fields).why == mention.why
    assert make_mention(*fields[:5]).why is None  # a mention pickled without one
    with pytest.raises(ValueError, match="why"):
        make_mention(*fields[:5], '{"found": "telepathy"}')


@pytest.fixture(scope="module")
def bbc_articles(tmp_path_factory):
    """The first BBC articles of the corpus, as the CLI's JSON Lines input."""
    where = Path(os.environ.get("GAZETTEER_NER_ARTICLES", REPO.parent / "shared/corpus/articles"))
    files = sorted(glob.glob(str(where / "bbc-*.jsonl")))
    require(files, f"no bbc-*.jsonl articles in {where}")
    with open(files[0], encoding="utf-8") as f:
        lines = [line.rstrip("\n") for _, line in zip(range(ARTICLES), f)]
    path = tmp_path_factory.mktemp("explain") / "bbc.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, [json.loads(line) for line in lines]


def test_explain_agrees_with_the_clis_explain_on_bbc_articles(cli, bbc_articles):
    path, records = bbc_articles
    run = subprocess.run(
        [str(cli), "--jsonl", "--explain", str(path)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.splitlines()
    assert len(lines) == len(records) == ARTICLES
    extractor = Extractor()
    batch = extractor.explain_batch([r["text"] for r in records], threads=2)
    reasons = set()
    for record, line, batched in zip(records, lines, batch):
        theirs = json.loads(line)
        assert theirs["id"] == record["id"]
        ours = extractor.explain(record["text"])
        # The same JSON text, why included.
        assert '"entities":' + gazetteer_ner.to_json(ours) + "}" in line, record["id"]
        assert gazetteer_ner.to_json(batched) == gazetteer_ner.to_json(ours), record["id"]
        assert len(ours) == len(theirs["entities"])
        for entity, their_entity in zip(ours, theirs["entities"]):
            for m, their_m in zip(entity.mentions, their_entity["mentions"]):
                assert m.why == their_m["why"], (record["id"], m)
                reasons.add(m.why["found"])
                reasons.add(m.why.get("joined"))
    # The articles exercise gazetteers, rules and joins, not one path only.
    assert {"gazetteer", "same-name", None} < reasons and len(reasons) >= 6, reasons
