"""Shared fixtures: the repository's test corpus and the `parley` binary to compare against."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"


@pytest.fixture(scope="session")
def parley_bin() -> Path:
    """The CLI built from the same checkout (PARLEY_BIN, else target/release/parley).

    scripts/test-python.sh builds it first. Without it the comparison tests cannot run: under
    CI=true that is a failure, elsewhere they are skipped with the reason."""
    p = Path(os.environ.get("PARLEY_BIN", ROOT / "target" / "release" / "parley"))
    if not p.is_file():
        msg = (f"{p} is missing: build it with `cargo build --release -p parley-cli` "
               "(scripts/test-python.sh does) to compare the package with the CLI")
        if os.environ.get("CI") == "true":
            pytest.fail(msg)
        pytest.skip(msg)
    return p


@pytest.fixture(scope="session")
def corpus_records() -> list:
    """The project's test articles as JSONL records (id, text, published, outlet)."""
    out = []
    for line in (CORPUS / "index.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            m = json.loads(line)
            rec = {"id": m["id"], "text": (CORPUS / m["file"]).read_text(encoding="utf-8"),
                   "published": m.get("published"), "outlet": m.get("outlet")}
            out.append({k: v for k, v in rec.items() if v is not None})
    assert len(out) >= 40, "tests/corpus/index.jsonl should list the 44 test articles"
    return out


def run_cli(parley_bin: Path, *args: str, stdin: str | None = None) -> str:
    """Runs the CLI (with this process's environment, so PARLEY_LEXICON applies to both sides);
    fails the test on a non-zero exit."""
    r = subprocess.run([str(parley_bin), *args], input=stdin, capture_output=True, text=True,
                       check=False)
    assert r.returncode == 0, f"parley {' '.join(args)} exited {r.returncode}: {r.stderr}"
    return r.stdout
