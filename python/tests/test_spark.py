"""The Spark job in local mode against the CLI, on a few hundred articles,
and with ``--explain`` against the CLI's ``--explain`` on a few.

Needs Java, pyspark, the CLI (``cargo build --release --example extract``;
``GAZETTEER_NER_CLI`` to point elsewhere) and the corpus's articles
(``../shared/corpus/articles``; ``GAZETTEER_NER_ARTICLES`` to point
elsewhere).
"""

import glob
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, import_or_require, require

JOB = REPO / "python" / "examples" / "spark_extract.py"
PER_FILE = 100
# Records of each corpus file that the --explain run reads.
EXPLAINED = 5
BAD_LINES = ['{"id": "bad-json", "text": ', '["not an object"]', '{"id": 7, "text": 3}']


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    """The first articles of each corpus file, then three unusable lines."""
    where = Path(os.environ.get("GAZETTEER_NER_ARTICLES", REPO.parent / "shared/corpus/articles"))
    files = sorted(glob.glob(str(where / "*.jsonl")))
    require(files, f"no *.jsonl articles in {where}")
    lines = []
    for name in files:
        with open(name, encoding="utf-8") as f:
            lines += [line.rstrip("\n") for _, line in zip(range(PER_FILE), f)]
    lines += BAD_LINES
    path = tmp_path_factory.mktemp("spark") / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, len(files) * PER_FILE


def run_job(path, out, *options):
    """Runs the job in local mode on two cores; its finished process."""
    import_or_require("pyspark")
    require(shutil.which("java") or os.environ.get("JAVA_HOME"), "no Java")
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    return subprocess.run(
        [sys.executable, str(JOB), str(path), str(out), "--master", "local[2]", *options],
        capture_output=True,
        text=True,
        env=env,
    )


def part_lines(out):
    """The lines of the job's part files, in order."""
    lines = []
    for part in sorted(out.glob("part-*")):
        lines += part.read_text(encoding="utf-8").splitlines()
    return lines


def test_the_spark_job_gives_the_clis_entities_for_every_record(cli, articles, tmp_path):
    path, good = articles
    out = tmp_path / "out"
    job = run_job(path, out, "--partitions", "8")
    assert job.returncode == 1, job.stderr[-3000:]  # the three bad lines
    summary = re.search(
        r"(\d+) records \((\d+) failed\).* (\d+) partitions, (\d+) extractors built", job.stderr
    )
    assert summary, job.stderr[-3000:]
    records, failed, partitions, extractors = map(int, summary.groups())
    assert (records, failed) == (good + len(BAD_LINES), len(BAD_LINES))
    # One extractor per Python worker process (two cores), not per partition.
    assert partitions >= 8 and 1 <= extractors <= 2

    spark_lines = part_lines(out)
    cli_run = subprocess.run([str(cli), "--jsonl", str(path)], capture_output=True, text=True)
    assert cli_run.returncode == 1, cli_run.stderr[-3000:]
    cli_lines = cli_run.stdout.splitlines()
    assert len(spark_lines) == len(cli_lines) == good + len(BAD_LINES)

    inputs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[:good]]
    for record, spark_line, cli_line in zip(inputs, spark_lines, cli_lines):
        ours, theirs = json.loads(spark_line), json.loads(cli_line)
        assert ours["id"] == theirs["id"] == record["id"]
        assert ours["entities"] == theirs["entities"], record["id"]
        # Same JSON text, not only the same values.
        assert spark_line == cli_line
    assert sum(1 for line in spark_lines[:good] if json.loads(line)["entities"]) > good * 0.9

    errors = [json.loads(line) for line in spark_lines[good:]]
    assert all(set(e) <= {"line", "id", "error"} and e["error"] for e in errors)
    assert [e.get("id") for e in errors] == [None, None, 7]
    # The input's line numbers, as the CLI gives them, in the same places.
    assert [e["line"] for e in errors] == [good + 1, good + 2, good + 3]
    cli_errors = [json.loads(line) for line in cli_lines[good:]]
    assert [list(e)[:-1] for e in errors] == [list(e)[:-1] for e in cli_errors]
    assert [(e["line"], e.get("id")) for e in errors] == [
        (e["line"], e.get("id")) for e in cli_errors
    ]


def test_with_explain_the_job_writes_the_clis_explain_lines(cli, articles, tmp_path):
    path, good = articles
    # A few records of every source, then one unusable line.
    lines = path.read_text(encoding="utf-8").splitlines()
    few = [line for i, line in enumerate(lines[:good]) if i % PER_FILE < EXPLAINED]
    few.append(BAD_LINES[2])
    small = tmp_path / "few.jsonl"
    small.write_text("\n".join(few) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    job = run_job(small, out, "--partitions", "3", "--explain")
    assert job.returncode == 1, job.stderr[-3000:]  # the bad line
    spark_lines = part_lines(out)
    cli_run = subprocess.run(
        [str(cli), "--jsonl", "--explain", str(small)], capture_output=True, text=True
    )
    assert cli_run.returncode == 1, cli_run.stderr[-3000:]
    cli_lines = cli_run.stdout.splitlines()
    assert len(spark_lines) == len(cli_lines) == len(few)
    # The same JSON text, every mention's why included.
    for record, spark_line, cli_line in zip(few, spark_lines[:-1], cli_lines):
        assert spark_line == cli_line, json.loads(record)["id"]
    # The error line in the same place, worded as the job words it.
    error, cli_error = json.loads(spark_lines[-1]), json.loads(cli_lines[-1])
    assert (error["line"], error["id"]) == (cli_error["line"], cli_error["id"]) == (len(few), 7)
    mentions = [
        m
        for line in spark_lines[:-1]
        for entity in json.loads(line)["entities"]
        for m in entity["mentions"]
    ]
    assert len(mentions) > len(few) and all(m["why"]["found"] for m in mentions)
    # Without --explain, the same entities without why.
    plain = subprocess.run([str(cli), "--jsonl", str(small)], capture_output=True, text=True)
    for explained, line in zip(spark_lines[:-1], plain.stdout.splitlines()):
        entities = json.loads(explained)["entities"]
        for entity in entities:
            for m in entity["mentions"]:
                del m["why"]
        assert entities == json.loads(line)["entities"]
