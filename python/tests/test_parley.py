"""The parley package: same events as the CLI, batch behaviour, errors, pandas and Arrow."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import io
import json
import threading
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

import parley
from conftest import run_cli

# Our own sentence, naming two office holders of the actor lexicon.
MEET = ("Erdogan and Putin meet in Sochi\n\nTurkish President Recep Tayyip Erdogan met Russian "
        "President Vladimir Putin in Sochi on September 4, 2023 to discuss the grain deal.\n")

# The documented key order of an event (docs/event-schema.md, "Fields").
KEYS = ["doc", "event_id", "type", "cameo", "plover", "status", "participants", "initiator",
        "date", "location", "topics", "attributed_to", "evidence"]


def jsonl(text: str) -> list:
    return [json.loads(x) for x in text.splitlines() if x.strip()]


def test_extract_returns_documented_events():
    events = parley.extract(MEET, published="2023-09-05", doc_id="meet")
    assert len(events) == 1
    e = events[0]
    assert list(e) == KEYS
    assert e["doc"] == "meet"
    assert e["type"] == "meeting"
    assert [p["name"] for p in e["participants"]] == ["Recep Tayyip Erdogan", "Vladimir Putin"]
    assert e["date"] == {"value": "2023-09-04", "precision": "day", "basis": "explicit"}
    # Evidence offsets are UTF-8 byte offsets into the cleaned text.
    for ev in e["evidence"]:
        assert ev["end"] - ev["start"] == len(ev["text"].encode("utf-8"))


def test_extract_on_text_without_events_is_empty():
    assert parley.extract("The weather in the capital was mild.", published="2023-01-02") == []


def test_extract_equals_cli_on_files(parley_bin, tmp_path):
    # A file on the command line and extract(text, published, doc_id=path): same lines.
    html = ("<html><head><title>Leaders meet</title></head><body><article><p>"
            + MEET.replace("\n", " ") + "</p><p>The two sides said talks were useful.</p>"
            "</article></body></html>")
    cases = [("plain.txt", MEET, "2023-09-05"), ("page.html", html, "2023-09-05"),
             ("undated.txt", MEET, None)]
    for name, text, published in cases:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        args = ["extract", "--format", "jsonl"] + (["--published", published] if published else [])
        want = jsonl(run_cli(parley_bin, *args, str(path)))
        got = parley.extract(text, published=published, doc_id=str(path))
        assert got == want, name
    assert want, "the undated case should still find the meeting"


def test_extract_records_equals_cli_jsonl_on_corpus(parley_bin, corpus_records):
    stdin = "".join(json.dumps(r) + "\n" for r in corpus_records)
    want = run_cli(parley_bin, "extract", "--format", "jsonl", "--input", "-", stdin=stdin)
    got = parley.extract_records(corpus_records)
    assert len(got) == len(corpus_records)
    flat = [e for evs in got for e in evs]
    assert flat == jsonl(want)
    assert len(flat) > 50, "the test corpus should give many events"


def test_extract_lines_gives_cli_bytes_and_metadata(parley_bin, corpus_records):
    lines = [json.dumps(r) for r in corpus_records[:10]]
    lines.append(json.dumps({"url": "https://www.example.org/a/1", "title": "Leaders meet",
                             "maintext": MEET, "date_publish": "2023-09-05 10:00:00"}))
    want = run_cli(parley_bin, "extract", "--format", "jsonl", "--input", "-",
                   stdin="\n".join(lines) + "\n").splitlines()
    res = parley.extract_lines(lines)
    assert [s for r in res for s in r.records] == want  # byte-identical JSON lines
    last = res[-1]
    assert (last.doc, last.url, last.outlet, last.title, last.published) == (
        "https://www.example.org/a/1", "https://www.example.org/a/1", "example.org",
        "Leaders meet", "2023-09-05")
    assert res[0].outlet == corpus_records[0]["outlet"]
    assert all(r.error is None for r in res)


def test_published_is_detected_when_not_given(parley_bin, tmp_path):
    text = "By Staff | 05.09.2023\n\n" + MEET.replace(" on September 4, 2023", " on Monday")
    path = tmp_path / "byline.txt"
    path.write_text(text, encoding="utf-8")
    want = jsonl(run_cli(parley_bin, "extract", "--format", "jsonl", str(path)))
    got = parley.extract(text, doc_id=str(path))
    assert got == want
    assert got and got[0]["date"]["value"] == "2023-09-04"  # Monday before 5 September 2023
    [r] = parley.extract_lines([json.dumps({"id": "b", "text": text})])
    assert r.published == "2023-09-05"


def test_batch_equals_single_and_ignores_thread_count(corpus_records):
    texts = [r["text"] for r in corpus_records]
    dates = [r.get("published") for r in corpus_records]
    one = parley.extract_batch(texts, dates, threads=1)
    two = parley.extract_batch(texts, dates, threads=2)
    default = parley.extract_batch(texts, dates)
    assert one == two == default
    assert one[3] == parley.extract(texts[3], dates[3], doc_id="3")
    assert [e["doc"] for evs in one for e in evs] == [
        str(i) for i, evs in enumerate(one) for _ in evs]


def test_batch_releases_the_gil(corpus_records):
    # While the batch runs in another thread, this thread must be able to run Python code.
    # With the GIL held for the whole call it could only resume after the call returned, when
    # `done` is already set, so it would count (almost) nothing.
    texts = [r["text"] for r in corpus_records] * 3
    started, done = threading.Event(), threading.Event()

    def work():
        started.set()
        parley.extract_batch(texts, threads=1)
        done.set()

    t = threading.Thread(target=work)
    t.start()
    started.wait()
    ticks = 0
    while not done.is_set():
        ticks += 1
    t.join()
    assert ticks > 1000


def test_dates_as_date_objects_and_timestamps():
    a = parley.extract(MEET, published="2023-09-05", doc_id="d")
    assert parley.extract(MEET, published=dt.date(2023, 9, 5), doc_id="d") == a
    assert parley.extract(MEET, published=dt.datetime(2023, 9, 5, 8, 0), doc_id="d") == a
    assert parley.extract(MEET, published="2023-09-05T08:00:00Z", doc_id="d") == a


def test_errors():
    with pytest.raises(parley.ExtractionError, match="not a date"):
        parley.extract(MEET, published="last Tuesday")
    with pytest.raises(TypeError):
        parley.extract(MEET, published=20230905)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="2 texts but 1"):
        parley.extract_batch([MEET, MEET], ["2023-09-05"])
    with pytest.raises(ValueError, match="threads"):
        parley.extract_batch([MEET], threads=0)
    with pytest.raises(parley.ExtractionError, match="no \"text\""):
        parley.extract_records([{"id": "x"}])
    with pytest.warns(UserWarning, match="skipped"):
        out = parley.extract_records([{"id": "x"}, {"id": "y", "text": MEET}], errors="skip")
    assert out[0] == [] and out[1] and out[1][0]["doc"] == "y"
    bad = parley.extract_lines(["{not json", json.dumps({"text": MEET})], fallback_ids=["f:1", "f:2"])
    assert bad[0].error is not None and "f:1" in bad[0].error and bad[0].records == []
    assert bad[1].error is None and bad[1].doc == "f:2"


def test_to_pandas_matches_cli_csv(parley_bin, corpus_records):
    recs = corpus_records[:12]
    stdin = "".join(json.dumps(r) + "\n" for r in recs)
    csv = run_cli(parley_bin, "extract", "--format", "csv", "--input", "-", stdin=stdin)
    want = pd.read_csv(io.StringIO(csv), dtype=str, keep_default_na=False)
    got = parley.to_pandas(parley.extract_records(recs))
    assert list(got.columns) == parley.CSV_COLUMNS == list(want.columns)
    assert len(got) == len(want) > 0
    # The CSV writes nulls as empty cells: compare on that footing.
    as_csv = got.astype(object).where(got.notna(), "").astype(str)
    pd.testing.assert_frame_equal(as_csv.reset_index(drop=True), want.reset_index(drop=True))
    assert str(got["evidence_start"].dtype) == "Int64"


def test_to_pandas_empty_and_nested():
    empty = parley.to_pandas([])
    assert list(empty.columns) == parley.CSV_COLUMNS and len(empty) == 0
    nested = parley.to_pandas(parley.extract_batch([MEET], "2023-09-05"), flat=False)
    assert list(nested.columns) == KEYS
    assert nested.loc[0, "date"]["value"] == "2023-09-04"


def test_flat_rows_come_from_rust():
    # One definition of the flat columns (parley-core), read through the extension module.
    assert parley.CSV_COLUMNS == list(parley._core.CSV_COLUMNS)
    ev = parley.extract(MEET, "2023-09-05")[0]
    bare = dict(ev, initiator=None, location=None, evidence=[])
    df = parley.to_pandas([ev, bare])
    assert df.loc[0, "plover_type"] == ev["plover"]["type"]
    assert df.loc[0, "evidence_start"] == ev["evidence"][0]["start"]
    assert df.loc[1, "initiator"] is None and df.loc[1, "location"] is None
    assert df.loc[1, "evidence"] is None and pd.isna(df.loc[1, "evidence_start"])
    with pytest.raises(ValueError, match="event 1"):
        parley.to_pandas([ev, {"doc": "x"}])


def test_to_arrow_round_trips(corpus_records):
    events = parley.extract_records(corpus_records[:15])
    batch = parley.to_arrow(events)
    assert isinstance(batch, pa.RecordBatch)
    assert batch.schema.equals(parley.arrow_schema())
    assert batch.schema.names == KEYS
    flat = [e for evs in events for e in evs]
    assert batch.num_rows == len(flat) > 0
    assert batch.to_pylist() == flat


def test_stubs_declare_the_public_api():
    pkg = Path(parley.__file__).parent
    assert (pkg / "py.typed").is_file()
    tree = ast.parse((pkg / "__init__.pyi").read_text(encoding="utf-8"))
    declared = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            declared.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            declared.add(node.target.id)
        elif isinstance(node, ast.Assign):
            declared.update(t.id for t in node.targets if isinstance(t, ast.Name))
    assert declared >= set(parley.__all__), set(parley.__all__) - declared
    for name in parley.__all__:
        obj = getattr(parley, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert obj.__doc__, f"{name} has no docstring"
