#!/usr/bin/env python3
"""parley on Spark: a JSONL corpus in, diplomatic events out, extracted inside the executors.

Two variants (docs/spark.md):

- ``--mode arrow`` (default): the ``parley`` Python package runs in each executor through
  ``mapInArrow``; the events are written as Parquet partitioned by ``event_month``, one row per
  event, in the column contract of docs/spark.md (which ``parley ingest`` reads).
- ``--mode pipe``: each partition is piped through the ``parley`` binary with ``RDD.pipe``
  (JSONL documents on its stdin, JSONL events on its stdout); the events are written as text
  files of JSON lines, exactly what ``parley extract --format jsonl`` prints.

    spark-submit spark/parley_spark.py --input corpus.jsonl --output events/
    spark-submit spark/parley_spark.py --mode pipe --parley /path/to/parley \
        --input corpus.jsonl --output events-jsonl/
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from typing import Iterator, List, Optional

#: The Parquet columns, in order (docs/spark.md); ``event_month`` is the partition column.
COLUMNS = [
    "doc", "event_id", "type", "status", "cameo", "date_value", "participants",
    "published", "url", "outlet", "title", "record", "event_month",
]

#: The output schema of the extraction, as Spark DDL (every column a string; all but
#: ``record`` and the partition column may be null only where docs/spark.md says so).
SCHEMA_DDL = ", ".join(f"{c} string" for c in COLUMNS)


def event_month(date_value: Optional[str]) -> str:
    """The partition value of an event: "YYYY-MM" from a day or month date, else "unknown"
    (a year-only or missing date has no month)."""
    if date_value and len(date_value) >= 7 and date_value[4] == "-":
        return date_value[:7]
    return "unknown"


def rows_of(lines: List[str], fallback_ids: List[str], threads: int, failed=None) -> dict:
    """Extracts the documents of one batch of JSONL lines; returns the contract's columns as
    lists (one entry per event). Bad lines are reported on stderr (the executor's log), counted
    in ``failed`` (a Spark accumulator) when given, and produce no rows, as in the CLI."""
    import parley

    cols: dict = {c: [] for c in COLUMNS}
    for r in parley.extract_lines(lines, fallback_ids=fallback_ids, threads=threads):
        if r.error is not None:
            print(f"parley: skipped: {r.error}", file=sys.stderr)
            if failed is not None:
                failed.add(1)
            continue
        for rec in r.records:
            ev = json.loads(rec)
            value = ev["date"]["value"]
            row = {
                "doc": ev["doc"], "event_id": ev["event_id"], "type": ev["type"],
                "status": ev["status"], "cameo": ev["cameo"], "date_value": value,
                "participants": "; ".join(p["name"] for p in ev["participants"]),
                "published": r.published, "url": r.url, "outlet": r.outlet, "title": r.title,
                "record": rec, "event_month": event_month(value),
            }
            for c in COLUMNS:
                cols[c].append(row[c])
    return cols


def extract_to_parquet(spark, input_path: str, output_path: str,
                       partitions: Optional[int] = None) -> int:
    """The ``mapInArrow`` job: reads JSONL documents, writes the events as Parquet partitioned
    by ``event_month``; returns the number of documents that could not be read. ``partitions``
    spreads the documents over that many tasks first (gzip files cannot be split, so a few
    large .gz inputs would otherwise keep most cores idle)."""
    import pyarrow as pa
    from pyspark.sql import functions as F

    # Each task gets spark.task.cpus cores: give parley's thread pool exactly that, so the
    # executors' cores are used once, not oversubscribed.
    threads = int(spark.conf.get("spark.task.cpus", "1"))
    failed = spark.sparkContext.accumulator(0)
    schema = pa.schema([(c, pa.string()) for c in COLUMNS])

    def extract_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for b in batches:
            cols = rows_of(b.column("value").to_pylist(), b.column("fallback_id").to_pylist(),
                           threads, failed)
            yield pa.RecordBatch.from_pydict(cols, schema=schema)

    # Lines are read as text and parsed by parley itself, exactly as the CLI parses them (no
    # schema inference, numeric ids kept as written). A record with neither id nor url gets
    # "FILE:HASH" (the CLI says "FILE:LINE", which a split file cannot know).
    docs = (spark.read.text(input_path)
            .where(F.col("value").rlike(r"\S"))  # the CLI skips blank lines too
            .select("value", F.concat(F.input_file_name(), F.lit(":"),
                                      F.substring(F.sha2("value", 256), 1, 16)).alias("fallback_id")))
    if partitions:
        docs = docs.repartition(partitions)
    events = docs.mapInArrow(extract_batches, SCHEMA_DDL)
    events.write.mode("overwrite").partitionBy("event_month").parquet(output_path)
    return failed.value


def extract_with_pipe(spark, input_path: str, output_path: str, parley_bin: str,
                      partitions: Optional[int] = None) -> None:
    """The ``RDD.pipe`` job: streams each partition's JSONL lines through
    ``parley extract --format jsonl --input -`` and saves the event lines as text
    (``partitions`` as for :func:`extract_to_parquet`)."""
    threads = int(spark.conf.get("spark.task.cpus", "1"))
    # Exit code 3 means "some documents could not be read" (named on stderr, in the executor's
    # log); the others were processed, so the partition must not fail for it.
    cmd = (f"{shlex.quote(parley_bin)} extract --format jsonl --input - --threads {threads}; "
           "s=$?; if [ $s -eq 3 ]; then exit 0; fi; exit $s")
    lines = spark.sparkContext.textFile(input_path)
    if partitions:
        lines = lines.repartition(partitions)
    lines.pipe(f"sh -c {shlex.quote(cmd)}").saveAsTextFile(output_path)


def main(argv: Optional[List[str]] = None) -> int:
    """Command line of the job (see the module docstring)."""
    ap = argparse.ArgumentParser(description="parley extraction on Spark")
    ap.add_argument("--input", required=True, help="JSONL documents (file, directory or glob)")
    ap.add_argument("--output", required=True, help="output directory (replaced)")
    ap.add_argument("--mode", choices=["arrow", "pipe"], default="arrow")
    ap.add_argument("--parley", default="parley", help="the parley binary, for --mode pipe")
    ap.add_argument("--master", default=None, help="e.g. local[2]; default: spark-submit's")
    ap.add_argument("--partitions", type=int, default=None,
                    help="spread the documents over this many tasks (default: as read)")
    a = ap.parse_args(argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(f"parley-extract-{a.mode}")
    if a.master:
        builder = builder.master(a.master)
    spark = builder.getOrCreate()
    try:
        if a.mode == "arrow":
            failed = extract_to_parquet(spark, a.input, a.output, a.partitions)
            if failed:
                print(f"parley: {failed} document(s) could not be read (see the executors' logs)",
                      file=sys.stderr)
        else:
            extract_with_pipe(spark, a.input, a.output, a.parley, a.partitions)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
