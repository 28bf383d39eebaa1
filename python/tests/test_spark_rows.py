"""The row builder of the Spark job (spark/parley_spark.py), without starting Spark: the job
itself is run and compared with the CLI by scripts/test-python.sh."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import parley

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "spark"))
from parley_spark import COLUMNS, event_month, rows_of  # noqa: E402


class Counter:
    """Stands in for a Spark accumulator."""

    def __init__(self) -> None:
        self.value = 0

    def add(self, n: int) -> None:
        self.value += n


def test_event_month():
    assert event_month("2023-09-04") == "2023-09"
    assert event_month("2023-09") == "2023-09"
    assert event_month("2023") == "unknown"
    assert event_month(None) == "unknown"


def test_rows_follow_the_contract(corpus_records):
    lines = [json.dumps(dict(r, title="Headline", url=f"https://x.test/{r['id']}"))
             for r in corpus_records[:8]]
    lines.append(json.dumps({"id": "quiet", "text": "The weather was mild.", "published": "2023-01-02"}))
    lines.append("{broken")
    failed = Counter()
    cols = rows_of(lines, [f"f:{i}" for i in range(len(lines))], threads=2, failed=failed)
    assert list(cols) == COLUMNS
    n = len(cols["record"])
    assert n > 0 and all(len(v) == n for v in cols.values())
    assert failed.value == 1
    want = [s for r in parley.extract_lines(lines[:-1]) for s in r.records]
    assert cols["record"] == want
    assert "quiet" not in cols["doc"]
    for i in range(n):
        ev = json.loads(cols["record"][i])
        assert cols["doc"][i] == ev["doc"] and cols["event_id"][i] == ev["event_id"]
        assert cols["date_value"][i] == ev["date"]["value"]
        assert cols["event_month"][i] == event_month(ev["date"]["value"])
        assert cols["participants"][i] == "; ".join(p["name"] for p in ev["participants"])
        assert cols["url"][i] == f"https://x.test/{ev['doc']}"
        assert cols["title"][i] == "Headline"
        assert cols["outlet"][i] is not None and cols["published"][i] is not None
