#!/usr/bin/env python3
"""Checks the Spark jobs' output against ``parley extract --format jsonl`` on the same corpus.

    python3 spark/check_output.py --corpus corpus.jsonl --cli cli.jsonl \
        [--parquet events/] [--pipe events-jsonl/]

For the Parquet output (``--parquet``): the ``record`` column holds exactly the CLI's lines (the
same multiset of strings); every other column agrees with its record and with the document's
metadata; ``event_month`` is the event's month; documents without events have no rows. For the
``RDD.pipe`` output (``--pipe``): its lines are exactly the CLI's. Prints what it checked;
exits 1 on any mismatch, naming the first few.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))
from parley_spark import COLUMNS, event_month  # noqa: E402


class Checker:
    """Collects failures; a check passes when it adds none."""

    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def check(self, name: str, problems: list) -> None:
        """Records one named check and its problems (an empty list: passed)."""
        if problems:
            self.failed += 1
            print(f"FAIL {name}: {len(problems)} problem(s)")
            for p in problems[:5]:
                print(f"     {p}")
        else:
            self.passed += 1
            print(f"ok   {name}")


def multiset_diff(got: list, want: list) -> list:
    """Lines missing from or extra in ``got``, compared with ``want`` as multisets."""
    g, w = collections.Counter(got), collections.Counter(want)
    out = [f"missing: {s[:160]}" for s in (w - g)]
    out += [f"extra:   {s[:160]}" for s in (g - w)]
    return out


def corpus_meta(path: Path) -> dict:
    """doc id -> the record's url, title and given publication date (for ids the CLI derives
    from `id` or `url`, which is every record of the generated corpus)."""
    meta = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        doc = str(r["id"]) if "id" in r else r.get("url")
        given = r.get("published") or r.get("date_publish")
        # Blank strings count as absent, as parley reads them.
        blank = lambda k: (r.get(k) or "").strip() == ""  # noqa: E731
        meta[doc] = {"url": None if blank("url") else r["url"],
                     "title": None if blank("title") else r["title"],
                     "published": given[:10] if given else None,
                     "outlet": (r.get("outlet") if not blank("outlet") else None)
                     or (r.get("source_domain") if not blank("source_domain") else None)}
    return meta


def check_parquet(c: Checker, path: Path, cli: list, meta: dict) -> None:
    """The Parquet contract checks."""
    table = pq.read_table(path)
    names = set(table.column_names)
    c.check("Parquet has the contract's columns",
            [f"missing column {n}" for n in COLUMNS if n not in names]
            + [f"unexpected column {n}" for n in names - set(COLUMNS)])
    rows = table.to_pylist()
    c.check(f"Parquet records == parley extract --format jsonl ({len(rows)} rows, {len(cli)} CLI lines)",
            multiset_diff([r["record"] for r in rows], cli))
    bad = []
    for r in rows:
        ev = json.loads(r["record"])
        want = {"doc": ev["doc"], "event_id": ev["event_id"], "type": ev["type"],
                "status": ev["status"], "cameo": ev["cameo"], "date_value": ev["date"]["value"],
                "participants": "; ".join(p["name"] for p in ev["participants"]),
                "event_month": event_month(ev["date"]["value"])}
        for k, v in want.items():
            # pyarrow reads the partition column back as a dictionary value: compare as str.
            got = str(r[k]) if k == "event_month" else r[k]
            if got != v:
                bad.append(f"{ev['event_id']}: {k} = {r[k]!r}, record says {v!r}")
        m = meta.get(ev["doc"])
        if m is None:
            bad.append(f"{ev['event_id']}: doc {ev['doc']!r} is not in the corpus")
            continue
        for k in ("url", "title", "outlet"):
            # A blank or missing title is null; url and outlet may be derived when absent.
            if (m[k] is not None or k == "title") and r[k] != m[k]:
                bad.append(f"{ev['doc']}: {k} = {r[k]!r}, corpus says {m[k]!r}")
        if m["published"] is not None and r["published"] != m["published"]:
            bad.append(f"{ev['doc']}: published = {r['published']!r}, corpus says {m['published']!r}")
    c.check("Parquet columns agree with their record, event_month and the documents' metadata", bad)
    months = {str(r["event_month"]) for r in rows}
    c.check(f"partitions by event_month ({len(months)} partitions, 'unknown' included: "
            f"{'unknown' in months})",
            [] if months and all(m == "unknown" or (len(m) == 7 and m[4] == "-") for m in months)
            else [f"bad partition values: {sorted(months)[:5]}"])
    docs_with_events = {json.loads(s)["doc"] for s in cli}
    c.check("documents without events have no rows",
            [f"{r['doc']} has rows but no CLI events" for r in rows if r["doc"] not in docs_with_events])


def check_pipe(c: Checker, path: Path, cli: list) -> None:
    """The RDD.pipe output: part files of JSON lines."""
    got = []
    for part in sorted(path.glob("part-*")):
        got.extend(x for x in part.read_text(encoding="utf-8").splitlines() if x.strip())
    c.check(f"RDD.pipe lines == parley extract --format jsonl ({len(got)} lines)",
            multiset_diff(got, cli))


def main() -> int:
    """Runs the checks asked for; exit 0 only when every one passes."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", required=True, type=Path)
    ap.add_argument("--cli", required=True, type=Path, help="parley extract --format jsonl output")
    ap.add_argument("--parquet", type=Path)
    ap.add_argument("--pipe", type=Path)
    a = ap.parse_args()
    cli = [x for x in a.cli.read_text(encoding="utf-8").splitlines() if x.strip()]
    c = Checker()
    c.check(f"the CLI found events ({len(cli)} lines)", [] if cli else ["no events at all"])
    if a.parquet:
        check_parquet(c, a.parquet, cli, corpus_meta(a.corpus))
    if a.pipe:
        check_pipe(c, a.pipe, cli)
    print(f"spark: {c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
