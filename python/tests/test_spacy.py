"""The spaCy component, with spaCy from PyPI."""

import shutil
import subprocess
import sys

import pytest

from conftest import import_or_require

spacy = import_or_require("spacy")

from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, DocBin, Span  # noqa: E402

TEXT = (
    "Moqtada Al Sadr spoke in Baghdad on Monday. Mr Al Sadr later met Kurds "
    "of the Kurdistan Regional Government (KRG) in Erbil. The KRG said no."
)


def ents(doc):
    return [(e.text, e.label_, e.id_, e._.entity_name) for e in doc.ents]


def make(**config):
    nlp = spacy.blank("en")
    nlp.add_pipe("gazetteer_ner", config=config)
    return nlp


def test_the_entry_point_registers_the_factory_without_an_import():
    code = (
        "import spacy; nlp = spacy.blank('en'); nlp.add_pipe('gazetteer_ner'); "
        "print([(e.text, e.label_) for e in nlp('Talks in Baghdad.').ents])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[('Baghdad', 'GPE')]"


def test_entities_get_spacy_labels_shared_ids_and_canonical_names():
    doc = make()(TEXT)
    found = ents(doc)
    assert ("Moqtada Al Sadr", "PERSON", "0", "Moqtada al-Sadr") in found
    assert ("Al Sadr", "PERSON", "0", "Moqtada al-Sadr") in found
    assert ("Baghdad", "GPE", "1", "Baghdad") in found
    assert ("Erbil", "GPE") in [(t, label) for t, label, _, _ in found]
    krg = [e for e in doc.ents if e.text == "KRG"]
    assert len(krg) == 2 and krg[0].label_ == "ORG" and krg[0].id_ == krg[1].id_
    assert krg[0]._.entity_kind == "organisation"
    kurds = [e for e in doc.ents if e.text == "Kurds"]
    assert kurds and kurds[0].label_ == "NORP"
    # Same id, same entity; different entities, different ids.
    ids = {}
    for e in doc.ents:
        ids.setdefault(e.id_, set()).add(e._.entity_name)
    assert all(len(names) == 1 for names in ids.values())
    assert len(ids) == len({e._.entity_name for e in doc.ents})


def test_the_label_mapping_is_configurable_and_unmapped_kinds_are_left_out():
    doc = make(labels={"person": "PER", "place": "LOC", "group": None, "organisation": None})(TEXT)
    assert {e.label_ for e in doc.ents} == {"PER", "LOC"}
    with pytest.raises(ValueError, match="unknown kinds"):
        make(labels={"location": "LOC"})


def misaligned_doc(nlp):
    # spaCy's tokens for "Talks in Baghdad. Erbil too": "Baghdad." is one.
    words = ["Talks", "in", "Baghdad.", "Erbil", "too"]
    return Doc(nlp.vocab, words=words, spaces=[True, True, True, True, False])


@pytest.mark.parametrize(
    "mode, expected",
    [
        ("expand", [("Baghdad.", "GPE"), ("Erbil", "GPE")]),
        ("contract", [("Erbil", "GPE")]),
        ("strict", [("Erbil", "GPE")]),
    ],
)
def test_alignment_mode_decides_mentions_that_cut_a_token(mode, expected):
    nlp = make(alignment_mode=mode)
    doc = nlp(misaligned_doc(nlp))
    assert [(e.text, e.label_) for e in doc.ents] == expected
    with pytest.raises(ValueError, match="alignment_mode"):
        make(alignment_mode="nearest")


@Language.component("test_trained_ner_stand_in")
def trained_ner_stand_in(doc):
    """Sets the entities a trained NER might: Baghdad as an ORG, Monday."""
    start = [t.i for t in doc if t.text == "Baghdad"][0]
    monday = [t.i for t in doc if t.text == "Monday"][0]
    doc.ents = [Span(doc, start, start + 1, "ORG"), Span(doc, monday, monday + 1, "DATE")]
    return doc


@pytest.mark.parametrize("overwrite", [False, True])
def test_after_a_trained_ner_overwrite_ents_decides_who_wins(overwrite):
    nlp = spacy.blank("en")
    nlp.add_pipe("test_trained_ner_stand_in")
    nlp.add_pipe("gazetteer_ner", config={"overwrite_ents": overwrite})
    doc = nlp(TEXT)
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels["Baghdad"] == ("GPE" if overwrite else "ORG")
    assert labels["Monday"] == "DATE"
    assert labels["Erbil"] == "GPE"
    assert labels["Moqtada Al Sadr"] == "PERSON"


def test_spans_key_keeps_every_mention_and_set_ents_can_be_off():
    doc = make(spans_key="gazetteer_ner", set_ents=False)(TEXT)
    assert doc.ents == ()
    spans = doc.spans["gazetteer_ner"]
    assert [s.text for s in spans if s.id_ == "0"] == ["Moqtada Al Sadr", "Al Sadr"]
    both = make(spans_key="names")(TEXT)
    assert [s.text for s in both.spans["names"]] == [e.text for e in both.ents]
    with pytest.raises(ValueError, match="spans_key"):
        make(set_ents=False)


def test_pipe_in_batches_equals_one_by_one():
    nlp = make(threads=2)
    texts = [TEXT, "", "Café 😀 in Zürich and Baghdad.", "<p>Talks in Erbil</p>"] * 20
    piped = [ents(d) for d in nlp.pipe(texts, batch_size=7)]
    assert piped == [ents(nlp(t)) for t in texts]
    assert piped[2] == [("Zürich", "GPE", "0", "Zürich"), ("Baghdad", "GPE", "1", "Baghdad")]


def test_entries_and_gazetteers_from_the_config(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("person\tZorblax Quint\tQuint\n", encoding="utf-8")
    nlp = make(
        gazetteers=[str(path)],
        entries=[{"kind": "organisation", "name": "Acme Widgets", "aliases": ["Acme"]}],
    )
    doc = nlp("Acme hired Zorblax Quint. Quint said Acme Widgets grew.")
    assert ents(doc) == [
        ("Acme", "ORG", "0", "Acme Widgets"),
        ("Zorblax Quint", "PERSON", "1", "Zorblax Quint"),
        ("Quint", "PERSON", "1", "Zorblax Quint"),
        ("Acme Widgets", "ORG", "0", "Acme Widgets"),
    ]


def test_displacy_renders_the_entities():
    from spacy import displacy

    html = displacy.render(make()(TEXT), style="ent")
    assert "Moqtada Al Sadr" in html and "PERSON" in html and "GPE" in html


def test_pipeline_and_docs_survive_saving_and_loading(tmp_path):
    nlp = make(labels={"person": "PER", "place": "LOC", "group": None})
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert ents(loaded(TEXT)) == ents(nlp(TEXT))
    docs = DocBin(store_user_data=True, docs=[nlp(TEXT)])
    restored = list(DocBin().from_bytes(docs.to_bytes()).get_docs(nlp.vocab))
    assert ents(restored[0]) == ents(nlp(TEXT))


def test_a_saved_pipeline_carries_its_gazetteers_where_the_paths_are_gone(tmp_path):
    files = tmp_path / "gazetteers"
    files.mkdir()
    (files / "people.tsv").write_text("person\tZorblax Quint\tQuint\n", encoding="utf-8")
    (files / "skipped.txt").write_text("person\tNot Read\n", encoding="utf-8")
    single = tmp_path / "firms.tsv"
    single.write_text("organisation\tAcme Widgets\tAcme\n", encoding="utf-8")
    text = "Acme hired Zorblax Quint. Quint said Acme Widgets grew. Not Read."
    nlp = make(gazetteers=[str(files), str(single)])
    expected = ents(nlp(text))
    assert ("Quint", "PERSON", "1", "Zorblax Quint") in expected
    assert ("Acme", "ORG", "0", "Acme Widgets") in expected
    nlp.to_disk(tmp_path / "pipeline")
    data = nlp.to_bytes()
    shutil.rmtree(files)
    single.unlink()
    loaded = spacy.load(tmp_path / "pipeline")
    assert ents(loaded(text)) == expected
    # Saved again from the loaded pipeline, and through bytes.
    loaded.to_disk(tmp_path / "again")
    assert ents(spacy.load(tmp_path / "again")(text)) == expected
    from_bytes = make(gazetteers=[str(files), str(single)]).from_bytes(data)
    assert ents(from_bytes(text)) == expected


def test_a_missing_gazetteer_path_fails_when_the_component_is_used(tmp_path):
    nlp = make(gazetteers=[str(tmp_path / "nowhere.tsv")])
    with pytest.raises(FileNotFoundError, match="nowhere.tsv"):
        nlp("Talks in Baghdad.")


def test_explain_puts_each_mentions_why_on_its_span():
    import gazetteer_ner

    explained = make(explain=True, spans_key="names")(TEXT)
    mentions = {(m.start, m.end): m.why for e in gazetteer_ner.explain(TEXT) for m in e.mentions}
    spans = list(explained.spans["names"])
    assert spans and all(s._.why == mentions[(s.start_char, s.end_char)] for s in spans)
    assert all(e._.why is not None for e in explained.ents)
    by_text = {e.text: e._.why for e in explained.ents}
    assert by_text["Moqtada Al Sadr"]["found"] == "gazetteer"
    assert (by_text["Al Sadr"]["found"], by_text["Al Sadr"]["joined"]) == ("title", "person-suffix")
    # The same spans as without explain, and no why there.
    plain = make(spans_key="names")(TEXT)
    assert ents(plain) == ents(explained)
    assert all(e._.why is None for e in plain.ents)
    assert Span.has_extension("why")


def test_explained_docs_pipe_and_keep_their_why_through_docbin():
    nlp = make(explain=True, threads=2)
    texts = [TEXT, "", "Café 😀 in Zürich and Baghdad."] * 5

    def whys(doc):
        return [(e.text, e._.why) for e in doc.ents]

    component = nlp.get_pipe("gazetteer_ner")
    calls = []

    class Recording:
        """The component's extractor, recording its batch calls."""

        def __init__(self, inner):
            self.inner = inner

        def explain_batch(self, batch, threads):
            calls.append((len(batch), threads))
            return self.inner.explain_batch(batch, threads)

        def __getattr__(self, name):
            return getattr(self.inner, name)

    component._extractor = Recording(component.extractor)
    piped = list(nlp.pipe(texts, batch_size=4))
    # Explained a batch at a time, on the configured threads.
    assert calls == [(4, 2), (4, 2), (4, 2), (3, 2)]
    assert [whys(d) for d in piped] == [whys(nlp(t)) for t in texts]
    docs = DocBin(store_user_data=True, docs=piped[:3])
    restored = list(DocBin().from_bytes(docs.to_bytes()).get_docs(nlp.vocab))
    assert [whys(d) for d in restored] == [whys(d) for d in piped[:3]]
    assert whys(restored[0])[0][1]["found"] == "gazetteer"
