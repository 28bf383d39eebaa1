#!/usr/bin/env python3
"""Writes a JSONL corpus for testing the Spark jobs: the project's own test articles
(tests/corpus) under several ids and publication dates, in parley's and in news-please's field
names, plus templated articles generated here from a few sentence patterns of our own.

The output is deterministic (fixed seed), so a failing comparison can be reproduced.

    python3 spark/make_corpus.py --out corpus.jsonl [--copies 3] [--templated 150]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# People of parley's actor lexicon, with the offices they held in the years used below, and
# places from data/places.toml. The sentences are the project's own patterns.
PAIRS = [
    ("Turkish President Recep Tayyip Erdogan", "Russian President Vladimir Putin"),
    ("French President Emmanuel Macron", "German Chancellor Olaf Scholz"),
    ("U.S. Secretary of State Antony Blinken", "Chinese Foreign Minister Wang Yi"),
    ("Armenian Prime Minister Nikol Pashinyan", "Azerbaijani President Ilham Aliyev"),
    ("Indian Prime Minister Narendra Modi", "Japanese Prime Minister Fumio Kishida"),
]
PLACES = ["Geneva", "Sochi", "Brussels", "Ankara", "Istanbul", "Vienna"]
PATTERNS = [
    "{a} met {b} in {place} on {date_long}.",
    "{a} held a telephone conversation with {b} on {weekday}, the two sides said.",
    "{a} will meet {b} in {place} next week, officials said.",
    "{a} and {b} discussed energy and trade during talks in {place} on {date_long}.",
    "{a} arrived in {place} on a visit and was received by {b}.",
    "{a} sent a letter to {b}, according to the foreign ministry.",
]
FILLER = [
    "Markets were calm on the day.",
    "The weather in the capital was mild.",
    "Analysts expect little change before the end of the year.",
]
START = dt.date(2022, 6, 1)


def corpus_docs() -> list[dict]:
    """The project's test articles with their index metadata."""
    base = ROOT / "tests" / "corpus"
    docs = []
    for line in (base / "index.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        meta = json.loads(line)
        text = (base / meta["file"]).read_text(encoding="utf-8")
        docs.append({"id": meta["id"], "text": text, "published": meta.get("published"),
                     "outlet": meta.get("outlet"), "url": meta.get("url")})
    return docs


def templated(n: int, rng: random.Random) -> list[dict]:
    """Short articles from the patterns above, with varied dates and field names."""
    out = []
    for i in range(n):
        a, b = rng.choice(PAIRS)
        if rng.random() < 0.5:
            a, b = b, a
        published = START + dt.timedelta(days=rng.randrange(0, 540))
        happened = published - dt.timedelta(days=rng.randrange(1, 6))
        sent = rng.choice(PATTERNS).format(
            a=a, b=b, place=rng.choice(PLACES),
            date_long=f"{happened:%B} {happened.day}, {happened.year}",
            weekday=f"{happened:%A}")
        body = " ".join([sent] + rng.sample(FILLER, 2))
        title = f"Talks report {i}" if rng.random() < 0.3 else None
        kind = i % 4
        if kind == 0:  # news-please / CC-NEWS field names, timestamp date
            rec = {"url": f"https://news.example/{i}", "maintext": body,
                   "date_publish": f"{published} 09:30:00", "source_domain": "news.example"}
        elif kind == 1:  # numeric id, no date: parley detects one or dates nothing
            rec = {"id": 100000 + i, "text": f"By Staff | {published:%d.%m.%Y}\n\n{body}"}
        else:
            rec = {"id": f"t{i}", "text": body, "published": published.isoformat(),
                   "outlet": "Template Wire"}
        if title:
            rec["title"] = title
        out.append(rec)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--copies", type=int, default=3,
                    help="copies of each test article (new id, shifted date)")
    ap.add_argument("--templated", type=int, default=150)
    ap.add_argument("--seed", type=int, default=5)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    records = []
    for doc in corpus_docs():
        for c in range(a.copies):
            rec = dict(doc, id=f"{doc['id']}-{c}")
            if c > 0 and doc.get("published"):
                shifted = dt.date.fromisoformat(doc["published"]) + dt.timedelta(days=7 * c)
                rec["published"] = shifted.isoformat()
            records.append({k: v for k, v in rec.items() if v is not None})
    records.extend(templated(a.templated, rng))
    # A document without events, and one with an empty title field.
    records.append({"id": "no-events", "text": "The weather was mild.", "published": "2023-01-02"})
    records.append({"id": "empty-title", "title": "", "text": PATTERNS[0].format(
        a=PAIRS[0][0], b=PAIRS[0][1], place="Sochi", date_long="September 4, 2023", weekday="")})
    rng.shuffle(records)
    with a.out.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"make_corpus: {len(records)} documents -> {a.out}")


if __name__ == "__main__":
    main()
