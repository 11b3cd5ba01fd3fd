"""The Python binding: offsets, HTML, batches, threads, errors, conversions."""

import doctest
import json
import os
import pickle
import threading
import time

import pytest

import gazetteer_ner
from gazetteer_ner import Entity, Entry, Extractor, GazetteerError, Mention

NON_ASCII = (
    "Café 😀 talks: Moqtada Al Sadr went to Baghdad. «Sadr» later left Zürich "
    "for Iraq. 東京 and Ｔｏｋｙｏ; e\u0301 the Kurdistan Regional Government (KRG) "
    "met 👩‍👩‍👧 the KRG in Erbil."
)


def assert_offsets_hold(text, entities):
    encoded = text.encode("utf-8", "surrogatepass")
    assert entities, "no entity found"
    for entity in entities:
        assert isinstance(entity, Entity)
        for m in entity.mentions:
            assert isinstance(m, Mention)
            assert text[m.start : m.end] == m.text
            assert 0 <= m.start < m.end <= len(text)
            assert m.byte_start <= m.byte_end <= len(encoded)
            if "\ufffd" not in m.text:
                assert encoded[m.byte_start : m.byte_end].decode("utf-8") == m.text


def test_python_offsets_slice_non_ascii_text_and_byte_offsets_slice_its_utf8():
    entities = gazetteer_ner.extract(NON_ASCII)
    assert_offsets_hold(NON_ASCII, entities)
    names = {e.name for e in entities}
    assert {"Baghdad", "Iraq", "Erbil"} <= names
    baghdad = next(e for e in entities if e.name == "Baghdad").mentions[0]
    # Accents and an emoji before it: fewer code points than bytes.
    assert baghdad.start == NON_ASCII.index("Baghdad")
    assert baghdad.byte_start == len(NON_ASCII[: baghdad.start].encode())
    assert baghdad.byte_start > baghdad.start


def test_mentions_after_emoji_sequences_and_combining_marks_keep_their_offsets():
    for prefix in ["", "😀", "👩‍👩‍👧 ", "e\u0301 ", "\U0001f1ee\U0001f1f6 ", "𝔘 " * 50]:
        text = prefix + "Talks in Baghdad and Erbil. The KRG said."
        entities = gazetteer_ner.extract(text)
        assert_offsets_hold(text, entities)
        assert [m.text for e in entities for m in e.mentions][:2] == ["Baghdad", "Erbil"]


def test_lone_surrogates_neither_raise_nor_shift_offsets():
    text = "Bad bytes \udcff\udcfe then talks in Baghdad, \ud83d and Erbil."
    entities = gazetteer_ner.extract(text)
    assert_offsets_hold(text, entities)
    assert [e.name for e in entities] == ["Baghdad", "Erbil"]
    assert gazetteer_ner.extract_batch([text]) == [entities]


def test_html_tags_never_yield_mentions_and_offsets_refer_to_the_input():
    html = (
        '<p class="Baghdad">Talks in <a href="/Iraq" title="Erbil">Baghdad</a>'
        " &amp; Erbil.</p><!-- Iran --><script>var Syria = 1;</script>"
    )
    entities = gazetteer_ner.extract(html)
    assert_offsets_hold(html, entities)
    spans = [(m.text, m.start) for e in entities for m in e.mentions]
    assert spans == [("Baghdad", html.index(">Baghdad<") + 1), ("Erbil", html.index(" Erbil.") + 1)]


def test_markup_setting_decides_how_text_is_read():
    text = "<b>Talks in Baghdad</b>"
    plain = Extractor(markup="plain").extract(text)
    html = Extractor(markup="html").extract(text)
    assert [e.name for e in html] == ["Baghdad"]
    assert_offsets_hold(text, plain)
    assert_offsets_hold(text, html)
    assert Extractor(markup="html").extract("Iraq &amp; Iran")[0].mentions[0].text == "Iraq"
    with pytest.raises(ValueError, match="markup"):
        Extractor(markup="xml")


def batch_texts():
    texts = [
        f"Talks {i} in Baghdad with Iran. Mr Abdul Karim met {i} people in Karbala province."
        for i in range(60)
    ]
    texts += ["", "   ", NON_ASCII, "<p>Erbil</p>", "No names here.", "😀" * 1000]
    return texts


@pytest.mark.parametrize("threads", [None, 1, 2, 3])
def test_batch_equals_one_by_one(threads):
    texts = batch_texts()
    one_by_one = [gazetteer_ner.extract(t) for t in texts]
    assert gazetteer_ner.extract_batch(texts, threads=threads) == one_by_one
    extractor = Extractor()
    assert extractor.extract_batch(iter(texts), threads) == one_by_one
    assert extractor.extract_batch([]) == []


def test_batch_rejects_what_is_not_a_list_of_texts():
    with pytest.raises(TypeError, match="not one string"):
        gazetteer_ner.extract_batch("Baghdad")
    with pytest.raises(TypeError, match="str"):
        gazetteer_ner.extract_batch(["Baghdad", 3])
    with pytest.raises(ValueError, match="threads"):
        gazetteer_ner.extract_batch(["Baghdad"], threads=0)
    with pytest.raises(TypeError):
        gazetteer_ner.extract(b"Baghdad")


def test_python_threads_share_one_extractor():
    extractor = Extractor()
    texts = batch_texts()
    expected = [extractor.extract(t) for t in texts]
    results = {}

    def work(index):
        results[index] = [extractor.extract(t) for t in texts]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(results[i] == expected for i in range(4))


def ticks_during(call):
    """How many times another Python thread ran while `call` ran."""
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.perf_counter())

    ticker = threading.Thread(target=tick)
    ticker.start()
    while not ticks:
        time.sleep(0.001)
    start = time.perf_counter()
    call()
    end = time.perf_counter()
    stop.set()
    ticker.join()
    return sum(start < t < end for t in ticks), end - start


@pytest.mark.parametrize("call", ["extract", "extract_batch", "explain", "explain_batch"])
def test_extraction_releases_the_gil(call):
    # Long enough that a held GIL would stop the ticker for many switch
    # intervals: the ticker's Python code runs only while the GIL is free.
    text = "Talks in Baghdad with Mr Abdul Karim and the KRG. " * 200_000
    extractor = Extractor()
    extractor.explain("warm up in Baghdad")
    if call.endswith("_batch"):
        batch = getattr(extractor, call)
        ticks, seconds = ticks_during(lambda: batch([text] * 2, threads=1))
    else:
        ticks, seconds = ticks_during(lambda: getattr(extractor, call)(text))
    assert seconds > 0.02
    assert ticks > 1000, f"{ticks} ticks in {seconds:.3f} s"


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def test_gazetteer_files_and_directories_are_read(tmp_path):
    file = write(tmp_path, "mine.tsv", "organisation\tAcme Widgets\tAcme\t60\n")
    directory = tmp_path / "dir"
    directory.mkdir()
    write(directory, "people.tsv", "# kind\tname\nperson\tZorblax Quint\tQuint\n")
    write(directory, "ignored.txt", "this is no gazetteer\n")
    text = "Acme Widgets hired Zorblax Quint. Quint and Acme agreed."
    for gazetteers in [[str(file), directory], (file, str(directory))]:
        entities = Extractor(gazetteers).extract(text)
        assert [(e.kind, e.name, len(e.mentions)) for e in entities] == [
            ("organisation", "Acme Widgets", 2),
            ("person", "Zorblax Quint", 2),
        ]
    one = Extractor(file, default_gazetteers=False)
    assert [e.name for e in one.extract("Acme in Baghdad.")] == ["Acme Widgets"]
    assert one.entry_count == 1


def test_a_missing_file_raises_file_not_found_with_its_name(tmp_path):
    missing = tmp_path / "no" / "such.tsv"
    with pytest.raises(FileNotFoundError) as caught:
        Extractor([missing])
    assert caught.value.filename == str(missing)
    assert "cannot read gazetteer" in str(caught.value)


def test_a_malformed_line_raises_gazetteer_error_with_path_and_line(tmp_path):
    path = write(tmp_path, "bad.tsv", "# header\nplace\tIraq\nplanet\tMars\n")
    with pytest.raises(GazetteerError) as caught:
        Extractor([path])
    err = caught.value
    assert isinstance(err, ValueError)
    assert (err.path, err.line) == (str(path), 3)
    assert "line 3" in str(err) and "planet" in str(err)
    again = pickle.loads(pickle.dumps(err))
    assert (str(again), again.path, again.line) == (str(err), err.path, err.line)


def test_invalid_utf8_raises_gazetteer_error_with_line(tmp_path):
    path = write(tmp_path, "latin1.tsv", b"place\tIraq\nplace\tZ\xfcrich\n")
    with pytest.raises(GazetteerError) as caught:
        Extractor([path])
    assert (caught.value.path, caught.value.line) == (str(path), 2)
    assert "UTF-8" in str(caught.value)


def test_entries_in_code_as_objects_or_dicts():
    acme = Entry("organisation", "Acme Widgets", aliases=["Acme"], rank=60)
    assert (acme.kind, acme.name, acme.aliases, acme.rank) == (
        "organisation",
        "Acme Widgets",
        ["Acme"],
        60,
    )
    assert acme == Entry("organisation", "Acme Widgets", ["Acme"], 60)
    assert "Acme Widgets" in repr(acme)
    extractor = Extractor(
        entries=[acme, {"kind": "person", "name": "Zorblax Quint", "aliases": ["Quint"]}]
    )
    entities = extractor.extract("Acme said Quint left. Zorblax Quint of Acme Widgets.")
    assert [(e.name, len(e.mentions)) for e in entities] == [
        ("Acme Widgets", 2),
        ("Zorblax Quint", 2),
    ]


def test_bad_entries_raise_clear_errors():
    with pytest.raises(ValueError, match="unknown kind"):
        Entry("planet", "Mars")
    with pytest.raises(ValueError, match="rank"):
        Entry("place", "Mars", rank=101)
    with pytest.raises(ValueError, match="no \"name\"|no 'name'"):
        Extractor(entries=[{"kind": "place"}])
    with pytest.raises(ValueError, match="unknown key"):
        Extractor(entries=[{"kind": "place", "name": "Mars", "alias": ["M"]}])
    with pytest.raises(TypeError, match="not one string"):
        Extractor(entries=[{"kind": "place", "name": "Mars", "aliases": "M"}])
    with pytest.raises(TypeError, match="Entry or a dict"):
        Extractor(entries=[("place", "Mars")])
    with pytest.raises(TypeError, match="not a string"):
        Extractor(entries="place\tMars")
    with pytest.raises(GazetteerError) as caught:
        Extractor(entries=[Entry("place", "")])
    assert caught.value.path is None and caught.value.line is None


def test_clashes_are_reported_as_notices():
    extractor = Extractor(
        entries=[Entry("place", "Jordan"), Entry("person", "Jordan")], default_gazetteers=False
    )
    assert len(extractor.notices) == 1
    assert "Jordan" in extractor.notices[0]
    assert Extractor().notices == []


def test_to_dict_and_to_json():
    text = "Café talks in Baghdad. Baghdad slept."
    entities = gazetteer_ner.extract(text)
    baghdad = entities[0]
    assert baghdad.to_dict() == {
        "kind": "place",
        "name": "Baghdad",
        "mentions": [
            {"start": 14, "end": 21, "text": "Baghdad", "byte_start": 15, "byte_end": 22},
            {"start": 23, "end": 30, "text": "Baghdad", "byte_start": 24, "byte_end": 31},
        ],
    }
    json.dumps([e.to_dict() for e in entities])
    # The CLI's JSON: byte offsets as start and end, compact.
    assert baghdad.to_json() == (
        '{"kind":"place","name":"Baghdad","mentions":'
        '[{"start":15,"end":22,"text":"Baghdad"},{"start":24,"end":31,"text":"Baghdad"}]}'
    )
    assert gazetteer_ner.to_json(entities) == "[" + baghdad.to_json() + "]"
    assert gazetteer_ner.to_json([]) == "[]"
    with pytest.raises(TypeError):
        gazetteer_ner.to_json([{"kind": "place"}])


def test_entities_compare_and_hash_by_value():
    a = gazetteer_ner.extract("Talks in Baghdad.")
    b = gazetteer_ner.extract("Talks in Baghdad.")
    assert a == b and a[0] is not b[0]
    assert hash(a[0]) == hash(b[0])
    assert hash(a[0].mentions[0]) == hash(b[0].mentions[0])
    assert len({a[0], b[0]}) == 1
    # Same bytes, different code points before: not the same mention.
    c = gazetteer_ner.extract("Talks é Baghdad.")
    d = gazetteer_ner.extract("Talks ab Baghdad.")
    assert c[0].mentions[0].byte_start == d[0].mentions[0].byte_start
    assert c[0] != d[0]
    assert a[0] != "Baghdad"
    assert "Baghdad" in repr(a[0]) and "start=9" in repr(a[0])


def test_entities_survive_pickling_as_multiprocessing_and_spark_need():
    text = NON_ASCII + " Lone \ud800 surrogate, then Baghdad."
    entities = gazetteer_ner.extract(text)
    assert entities
    again = pickle.loads(pickle.dumps(entities))
    assert again == entities
    for entity, copy in zip(entities, again):
        assert copy.to_dict() == entity.to_dict() and copy.to_json() == entity.to_json()
        assert hash(copy) == hash(entity)
        for m in copy.mentions:
            assert text[m.start : m.end] == m.text
    assert gazetteer_ner.to_json(again) == gazetteer_ner.to_json(entities)


def test_unpickling_checks_what_it_is_given():
    rebuild, (json_text, spans, mentions) = gazetteer_ner.extract("Talks in Baghdad.")[0].__reduce__()
    with pytest.raises(ValueError, match="JSON"):
        rebuild("{", spans, mentions)
    with pytest.raises(ValueError, match="mentions"):
        rebuild(json_text, spans + spans, mentions)
    with pytest.raises(TypeError, match="Mention"):
        rebuild(json_text, spans, ("Baghdad",))
    make_mention, fields = mentions[0].__reduce__()
    assert make_mention(*fields) == mentions[0]
    with pytest.raises(ValueError, match="at most its end"):
        make_mention(5, 1, "x", 5, 1)


def test_docstring_examples_run():
    objects = [
        gazetteer_ner,
        gazetteer_ner.extract,
        gazetteer_ner.explain,
        gazetteer_ner.explain_batch,
        Extractor,
        Extractor.explain,
        Extractor.explain_batch,
        Mention.why,
        Entry,
        gazetteer_ner.shared_extractor,
    ]
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner()
    examples = 0
    for obj in objects:
        test = parser.get_doctest(obj.__doc__, {}, getattr(obj, "__name__", "?"), None, 0)
        examples += len(test.examples)
        runner.run(test)
    assert examples >= 12
    assert runner.summarize(verbose=False).failed == 0


def test_the_stubs_name_everything_the_module_exports():
    stubs = os.path.join(os.path.dirname(gazetteer_ner.__file__), "_gazetteer_ner.pyi")
    with open(stubs, encoding="utf-8") as f:
        text = f.read()
    for name in gazetteer_ner.__all__:
        if name not in ("GazetteerError", "__version__", "shared_extractor"):
            assert f"class {name}" in text or f"def {name}" in text, name
