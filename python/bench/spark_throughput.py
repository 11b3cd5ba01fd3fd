"""Records per second: the Spark job in local mode against the CLI's
``--jsonl`` mode, on the same JSON Lines, in one run.

    python python/bench/spark_throughput.py [ARTICLES_DIR] [--master local[2]] [--threads 2]

Needs pyspark and the package in the venv, Java, and the CLI built with
``cargo build --release --example extract``. Both runs write their output
to a temporary directory; the wall time of each whole process is reported
(JVM and Python worker start-up included for Spark, the gazetteers' build
for both), and, for Spark, the job's own time after the context started.
"""

import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("articles", nargs="?", default=str(REPO.parent / "shared/corpus/articles"))
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--threads", default="2", help="the CLI's --threads")
    parser.add_argument("--cli", default=str(REPO / "target/release/examples/extract"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "articles.jsonl"
        with open(corpus, "wb") as out:
            for name in sorted(glob.glob(os.path.join(args.articles, "*.jsonl"))):
                out.write(Path(name).read_bytes())
        records = sum(1 for _ in open(corpus, "rb"))
        print(f"{records} records, {corpus.stat().st_size / 1e6:.1f} MB of JSON Lines")

        start = time.perf_counter()
        with open(Path(tmp) / "cli.jsonl", "wb") as out:
            subprocess.run([args.cli, "--jsonl", "--threads", args.threads, str(corpus)], stdout=out, check=True)
        cli = time.perf_counter() - start
        print(f"CLI --jsonl --threads {args.threads}: {cli:.1f} s, {records / cli:.0f} records/s")

        env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
        job = REPO / "python/examples/spark_extract.py"
        start = time.perf_counter()
        run = subprocess.run(
            [sys.executable, str(job), str(corpus), str(Path(tmp) / "spark"), "--master", args.master],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        spark = time.perf_counter() - start
        summary = re.search(r"\d+ records .*extractors built", run.stderr)
        print(f"Spark {args.master}: {spark:.1f} s, {records / spark:.0f} records/s "
              f"(job: {summary.group(0) if summary else '?'})")
        print(f"Spark / CLI: {cli / spark:.2f}")


if __name__ == "__main__":
    main()
