#!/usr/bin/env python3
"""Consistency check for the held-out corpus: python3 tests/heldout/check.py

Checks the files only (formats, ids, verbatim evidence); it never looks at parley's output.
"""
import datetime
import json
import os
import sys

TYPES = {"call", "meeting", "visit", "negotiation", "mediation", "correspondence"}
STATUSES = {"occurred", "planned", "cancelled", "denied"}
FIELDS = {"type", "participants", "initiator", "date", "location", "status", "evidence"}


def ok_date(d):
    if d is None:
        return True
    fmt = {10: "%Y-%m-%d", 7: "%Y-%m", 4: "%Y"}.get(len(d))
    try:
        return bool(fmt) and bool(datetime.datetime.strptime(d, fmt))
    except ValueError:
        return False


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    os.chdir(here)
    errors = []
    idx = {}
    for line in open("index.jsonl", encoding="utf-8"):
        r = json.loads(line)
        if r["id"] in idx:
            errors.append(f"duplicate index id {r['id']}")
        idx[r["id"]] = r
        if not os.path.exists(r["file"]):
            errors.append(f"{r['id']}: missing file {r['file']}")
        if r["published"] is not None and not (len(r["published"]) == 10 and ok_date(r["published"])):
            errors.append(f"{r['id']}: bad published {r['published']}")
    gold_ids = []
    for line in open("gold.jsonl", encoding="utf-8"):
        g = json.loads(line)
        gold_ids.append(g["id"])
        if g["id"] not in idx:
            errors.append(f"{g['id']}: in gold but not in index")
            continue
        if g["published"] != idx[g["id"]]["published"]:
            errors.append(f"{g['id']}: published differs from index")
        text = open(idx[g["id"]]["file"], encoding="utf-8").read()
        words = len(text.split())
        if not 120 <= words <= 600:
            errors.append(f"{g['id']}: {words} words")
        if len(g["events"]) > 5:
            errors.append(f"{g['id']}: {len(g['events'])} events")
        for e in g["events"]:
            where = (g["id"], e.get("evidence", "")[:50])
            if set(e) != FIELDS:
                errors.append(f"{where}: fields {sorted(e)}")
            if e["type"] not in TYPES or e["status"] not in STATUSES or not ok_date(e["date"]):
                errors.append(f"{where}: type/status/date")
            if len(e["participants"]) < 2 or len(set(e["participants"])) != len(e["participants"]):
                errors.append(f"{where}: participants")
            if e["initiator"] not in e["participants"] + [None]:
                errors.append(f"{where}: initiator")
            if not all(f in text for f in e["evidence"].split(" ... ")):
                errors.append(f"{where}: evidence not verbatim")
            if any(not p.isascii() for p in e["participants"]) or (e["location"] and not e["location"].isascii()):
                errors.append(f"{where}: diacritics in names")
    if sorted(gold_ids) != sorted(idx) or len(gold_ids) != len(set(gold_ids)):
        errors.append("gold ids and index ids differ")
    for e in errors:
        print(e, file=sys.stderr)
    print("ok" if not errors else f"{len(errors)} errors", f"({len(idx)} articles)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
