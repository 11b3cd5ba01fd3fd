"""Named entities of a JSON Lines corpus on Spark.

    spark_extract.py INPUT OUTPUT [--master URL] [--gazetteers PATH]...
                     [--no-default-gazetteers] [--partitions N] [--threads N]
                     [--explain]

Each line of INPUT (a file, a directory or a glob, anything
``SparkContext.textFile`` reads) is a JSON object ``{"id": ..., "text":
...}``; each gives one line ``{"id": ..., "entities": [...]}`` in the part
files of the OUTPUT directory (which must not exist yet), in input order,
with the entities exactly as the CLI's ``--jsonl`` mode writes them (UTF-8
byte offsets). With ``--explain`` every mention carries its ``why``, the
reasons it is one, as the CLI's ``--jsonl --explain`` writes it (explaining
costs about 1.6 times extracting). A line that cannot be used (invalid JSON, not an object, no
string ``text``) gives ``{"line": N, "id": ..., "error": "..."}`` instead,
as the CLI does (its ``id`` when one could be read), and the job then exits
with status 1. ``N`` counts from 1 over the input as Spark reads it: for
one file, its line number; for a directory or glob, the files' lines one
after another in Spark's order of the files.

Each executor's Python worker process builds one ``Extractor``
(``gazetteer_ner.shared_extractor``), on its first partition, and uses it
for every later partition; its records are extracted (``extract_batch``, or
``explain_batch`` with ``--explain``) in batches without the GIL.
``--master`` (default ``local[*]``) points the job at a cluster, where every
executor needs the ``gazetteer_ner`` wheel installed in its Python: see the
repository's README.
"""

import argparse
import json
import os
import sys
import time

from pyspark import AccumulatorParam, SparkConf, SparkContext

# Records extracted per call to extract_batch (or explain_batch).
BATCH = 256


class SetParam(AccumulatorParam):
    """An accumulator of sets, merged by union."""

    def zero(self, value):
        return set()

    def addInPlace(self, a, b):
        a |= b
        return a


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="JSON Lines {id, text}: a file, directory or glob")
    parser.add_argument("output", help="directory for the {id, entities} part files (new)")
    parser.add_argument("--master", default="local[*]", help="Spark master (default local[*])")
    parser.add_argument(
        "--gazetteers",
        action="append",
        default=[],
        metavar="PATH",
        help="a gazetteer file or directory, readable at this path on every executor",
    )
    parser.add_argument(
        "--no-default-gazetteers", action="store_true", help="leave the embedded gazetteers out"
    )
    parser.add_argument("--partitions", type=int, help="minimum number of input partitions")
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="threads per Python worker (default 1: Spark runs one worker per core)",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="give every mention its why, as the CLI's --jsonl --explain does",
    )
    return parser.parse_args(argv)


def extract_partition(numbered_lines, settings, threads, explain, extractors, errors):
    """The output lines of one partition's ``(line, index)`` pairs; with
    ``explain``, every mention with its ``why``."""
    import gazetteer_ner

    extractor = gazetteer_ner.shared_extractor(**settings)
    extractors.add({(os.getpid(), id(extractor))})
    find = extractor.explain_batch if explain else extractor.extract_batch
    batch = []
    for line, index in numbered_lines:
        batch.append((index + 1, *read_record(line)))
        if len(batch) == BATCH:
            yield from extract_records(find, batch, threads, errors)
            batch = []
    yield from extract_records(find, batch, threads, errors)


def read_record(line):
    """``(id, text, error)`` of one input line; ``id`` is ``...`` when absent."""
    try:
        record = json.loads(line)
    except ValueError as e:
        return ..., None, f"invalid JSON: {e}"
    if not isinstance(record, dict):
        return ..., None, "not a JSON object"
    record_id = record.get("id", ...)
    text = record.get("text")
    if not isinstance(text, str):
        return record_id, None, 'no string "text"'
    return record_id, text, None


def extract_records(find, batch, threads, errors):
    """The output lines of ``(number, id, text, error)`` records, the texts'
    entities found by ``find`` (``extract_batch`` or ``explain_batch``)."""
    import gazetteer_ner

    texts = [text for _, _, text, error in batch if error is None]
    results = iter(find(texts, threads))
    for number, record_id, _, error in batch:
        id_field = "" if record_id is ... else '"id":' + dumps(record_id) + ","
        if error is None:
            yield "{" + id_field + '"entities":' + gazetteer_ner.to_json(next(results)) + "}"
        else:
            errors.add(1)
            yield '{"line":' + str(number) + "," + id_field + '"error":' + dumps(error) + "}"


def dumps(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def main(argv=None):
    args = parse_args(argv)
    settings = {
        "gazetteers": [os.path.abspath(p) for p in args.gazetteers],
        "default_gazetteers": not args.no_default_gazetteers,
    }
    threads, explain = args.threads, args.explain
    conf = SparkConf().setAppName("gazetteer-ner extract").setMaster(args.master)
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    try:
        extractors = sc.accumulator(set(), SetParam())
        errors = sc.accumulator(0)
        start = time.perf_counter()
        lines = sc.textFile(args.input, minPartitions=args.partitions)
        partitions = lines.getNumPartitions()
        records = sc.accumulator(0)

        def run(numbered_lines):
            out = extract_partition(numbered_lines, settings, threads, explain, extractors, errors)
            for line in out:
                records.add(1)
                yield line

        # Numbered for the error lines (one more pass to count each
        # partition's lines first).
        lines.zipWithIndex().mapPartitions(run).saveAsTextFile(args.output)
        seconds = time.perf_counter() - start
    finally:
        sc.stop()
    print(
        f"{records.value} records ({errors.value} failed) in {seconds:.1f} s, "
        f"{records.value / seconds:.0f} records/s; {partitions} partitions, "
        f"{len(extractors.value)} extractors built",
        file=sys.stderr,
    )
    return 1 if errors.value else 0


if __name__ == "__main__":
    sys.exit(main())
