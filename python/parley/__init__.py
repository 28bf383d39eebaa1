"""parley: diplomatic interactions from news articles, as dated records with evidence.

The extraction runs in Rust (the same code as the ``parley`` command), so
``parley.extract`` gives exactly the events ``parley extract --format jsonl`` gives for the
same document: same cleaning, same publication-date detection, same ids. Each event is a dict
with the fields, and the key order, documented in ``docs/event-schema.md``.

Functions:

- :func:`extract` -- one text in, a list of event dicts out.
- :func:`extract_batch` -- many texts, in parallel on all cores with the GIL released.
- :func:`extract_records` -- JSONL-style records (``id``, ``text``, ``published``, ``title``...).
- :func:`extract_lines` -- raw JSONL lines, with each document's metadata (used by the Spark job).
- :func:`to_arrow` / :func:`to_pandas` -- events as an Arrow record batch or a pandas DataFrame
  (these need ``pyarrow``, and ``pandas`` for the latter).
"""

from __future__ import annotations

import datetime as _dt
import json
import warnings
from typing import TYPE_CHECKING, Any, Iterable, List, Mapping, NamedTuple, Optional, Sequence, Union

from . import _core

if TYPE_CHECKING:  # imported lazily at run time: the core needs neither
    import pandas
    import pyarrow

__version__: str = _core.__version__

__all__ = [
    "CSV_COLUMNS",
    "DocResult",
    "ExtractionError",
    "PublishedLike",
    "__version__",
    "arrow_schema",
    "extract",
    "extract_batch",
    "extract_lines",
    "extract_records",
    "to_arrow",
    "to_pandas",
]

#: A publication date: "YYYY-MM-DD", an ISO timestamp, a ``datetime.date``/``datetime``, or None.
PublishedLike = Union[str, _dt.date, None]

#: The flat columns of :func:`to_pandas` (``flat=True``): those of ``parley extract --format csv``.
#: Defined once, in Rust (parley-core), and read from the extension module.
CSV_COLUMNS: List[str] = list(_core.CSV_COLUMNS)


class ExtractionError(ValueError):
    """A document could not be read: a bad publication date, a record without text, HTML
    without an article, or a line that is not a JSON document record."""


class DocResult(NamedTuple):
    """What :func:`extract_lines` returns for one JSONL line.

    ``records`` are the events as JSON strings, exactly the lines ``parley extract --format
    jsonl`` prints; ``published`` is the date the document was read with (given, or detected
    in its header), "YYYY-MM-DD"; ``url``, ``outlet`` (or news-please's ``source_domain``) and
    ``title`` come from the record. When the line could not be read, ``error`` says why and
    every other field is None or empty.
    """

    doc: Optional[str]
    published: Optional[str]
    url: Optional[str]
    outlet: Optional[str]
    title: Optional[str]
    records: List[str]
    error: Optional[str]


def _date_str(value: PublishedLike, what: str) -> Optional[str]:
    # Dates cross into Rust as strings so that Python and the CLI parse them with one parser.
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    raise TypeError(f"{what}: expected a str, datetime.date or None, not {type(value).__name__}")


def _to_result(t: Sequence[Any]) -> DocResult:
    err, doc, published, url, outlet, title, records = t
    return DocResult(doc, published, url, outlet, title, list(records), err)


def _check_threads(threads: Optional[int]) -> Optional[int]:
    if threads is not None and (not isinstance(threads, int) or threads < 1):
        raise ValueError(f"threads must be a positive int or None, not {threads!r}")
    return threads


def extract(
    text: str,
    published: PublishedLike = None,
    doc_id: Optional[str] = None,
    *,
    html: Optional[bool] = None,
) -> List[dict]:
    """Extracts the diplomatic events of one article.

    Args:
        text: The article: plain text (cleaned of boilerplate as the CLI does) or an HTML page.
        published: Its publication date ("YYYY-MM-DD", an ISO timestamp, or a
            ``datetime.date``). Relative dates ("on Monday") are resolved against it. When None,
            parley looks for one in the article header (and HTML metadata), like the CLI.
        doc_id: The ``doc`` field of the events (it also enters ``event_id``); default "0".
        html: True to read ``text`` as HTML, False as plain text; None (default) sniffs it, as
            the CLI does for a file given on its command line.

    Returns:
        The events, in document order, as dicts in the schema of ``docs/event-schema.md``:
        the same objects ``parley extract --format jsonl --published P FILE`` prints for a file
        ``FILE`` holding ``text`` when ``doc_id`` is ``FILE``.

    Raises:
        ExtractionError: the date is not a date, or an HTML page holds no article.
    """
    return extract_batch([text], None if published is None else [published],
                         None if doc_id is None else [doc_id], html=html, threads=1)[0]


def extract_batch(
    texts: Sequence[str],
    published: Union[PublishedLike, Sequence[PublishedLike]] = None,
    doc_ids: Optional[Sequence[str]] = None,
    *,
    html: Optional[bool] = None,
    threads: Optional[int] = None,
) -> List[List[dict]]:
    """Extracts events from many articles in parallel, with the GIL released.

    Args:
        texts: The articles (plain text or HTML, as for :func:`extract`).
        published: One date for all, or one per text (None entries allowed), or None.
        doc_ids: One id per text; default "0", "1", ... (the position in ``texts``).
        html: As for :func:`extract`, for every text.
        threads: Worker threads; default all cores (or ``RAYON_NUM_THREADS``).

    Returns:
        One list of event dicts per text, in the order of ``texts``. The result does not
        depend on ``threads``.

    Raises:
        ExtractionError: a date is not a date, or an HTML page holds no article.
        ValueError: ``published`` or ``doc_ids`` do not have one entry per text.
    """
    texts = list(texts)
    n = len(texts)
    if published is None or isinstance(published, (str, _dt.date)):
        dates = [_date_str(published, "published")] * n
    else:
        dates = [_date_str(p, f"published[{i}]") for i, p in enumerate(published)]
        if len(dates) != n:
            raise ValueError(f"{n} texts but {len(dates)} publication dates")
    ids = [str(i) for i in range(n)] if doc_ids is None else [str(d) for d in doc_ids]
    if len(ids) != n:
        raise ValueError(f"{n} texts but {len(ids)} doc ids")
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise TypeError(f"texts[{i}]: expected str, not {type(t).__name__}")
    try:
        out = _core.extract_texts(list(zip(texts, ids, dates, [html] * n)), _check_threads(threads))
    except ValueError as e:
        raise ExtractionError(str(e)) from None
    result = []
    for t in out:
        r = _to_result(t)
        if r.error is not None:
            raise ExtractionError(r.error)
        result.append([json.loads(s) for s in r.records])
    return result


def extract_lines(
    lines: Sequence[str],
    *,
    fallback_ids: Optional[Sequence[str]] = None,
    threads: Optional[int] = None,
) -> List[DocResult]:
    """Extracts events from JSONL document lines, each read as ``parley extract --input`` reads
    a line (fields ``id``, ``text``, ``published``, ``url``, ``title``, ``outlet``, ``html``, and
    news-please's ``maintext``, ``date_publish``, ``source_domain``).

    Args:
        lines: One JSON document record per item.
        fallback_ids: The id of a record that has neither ``id`` nor ``url`` (the CLI uses
            ``FILE:LINE``); default the position, "0", "1", ...
        threads: Worker threads; default all cores.

    Returns:
        One :class:`DocResult` per line, in order; a bad line gives a result with ``error`` set
        instead of raising, so one bad record does not stop a large job.
    """
    lines = list(lines)
    fb = [str(i) for i in range(len(lines))] if fallback_ids is None else [str(f) for f in fallback_ids]
    if len(fb) != len(lines):
        raise ValueError(f"{len(lines)} lines but {len(fb)} fallback ids")
    return [_to_result(t) for t in _core.extract_lines(lines, fb, _check_threads(threads))]


def extract_records(
    records: Iterable[Mapping[str, Any]],
    *,
    errors: str = "raise",
    threads: Optional[int] = None,
) -> List[List[dict]]:
    """Extracts events from document records shaped like parley's JSONL input.

    Each record is a mapping with ``text`` (or ``maintext``, or ``html``) and optionally ``id``,
    ``published`` (or ``date_publish``; a str or a ``datetime.date``), ``title``, ``url``,
    ``outlet``. A record gives the events ``parley extract --format jsonl --input`` gives for
    the same record as a JSON line: the title is read as the first paragraph, the ``id`` (else
    ``url``, else the record's position) becomes ``doc``.

    Args:
        records: The documents.
        errors: "raise" (default) raises on the first bad record; "skip" gives it no events and
            warns.
        threads: Worker threads; default all cores.

    Returns:
        One list of event dicts per record, in order.

    Raises:
        ExtractionError: a record could not be read (with ``errors="raise"``).
    """
    if errors not in ("raise", "skip"):
        raise ValueError(f'errors must be "raise" or "skip", not {errors!r}')
    # Dates become strings so that Rust parses them exactly as it parses a JSONL line.
    lines = [json.dumps(dict(r), default=lambda v: _date_str(v, "record value")) for r in records]
    out = []
    for r in extract_lines(lines, threads=threads):
        if r.error is not None:
            if errors == "raise":
                raise ExtractionError(r.error)
            warnings.warn(f"parley: skipped: {r.error}", stacklevel=2)
            out.append([])
        else:
            out.append([json.loads(s) for s in r.records])
    return out


def _flatten(events: Iterable[Any]) -> List[dict]:
    # Accept both a flat list of events and extract_batch's list of lists.
    flat: List[dict] = []
    for item in events:
        if isinstance(item, Mapping):
            flat.append(dict(item))
        elif isinstance(item, (list, tuple)):
            flat.extend(dict(e) for e in item)
        else:
            raise TypeError(f"expected event dicts or lists of them, not {type(item).__name__}")
    return flat


def arrow_schema() -> "pyarrow.Schema":
    """The Arrow schema of :func:`to_arrow`: the event record with its nesting kept (structs for
    ``plover``, ``date``, ``location``; lists for ``participants``, ``topics``,
    ``attributed_to``, ``evidence``), fields in the documented order."""
    import pyarrow as pa

    s = pa.string()
    return pa.schema([
        ("doc", s),
        ("event_id", s),
        ("type", s),
        ("cameo", s),
        ("plover", pa.struct([("type", s), ("mode", s)])),
        ("status", s),
        ("participants", pa.list_(pa.struct([
            ("name", s), ("mention", s), ("role", s), ("country", s), ("org", s)]))),
        ("initiator", s),
        ("date", pa.struct([("value", s), ("precision", s), ("basis", s)])),
        ("location", pa.struct([("name", s), ("country", s)])),
        ("topics", pa.list_(s)),
        ("attributed_to", pa.list_(s)),
        ("evidence", pa.list_(pa.struct([("text", s), ("start", pa.int64()), ("end", pa.int64())]))),
    ])


def to_arrow(events: Iterable[Any]) -> "pyarrow.RecordBatch":
    """Events (a list of event dicts, or :func:`extract_batch`'s list of lists) as one Arrow
    record batch with :func:`arrow_schema`. Needs ``pyarrow``."""
    import pyarrow as pa

    return pa.RecordBatch.from_pylist(_flatten(events), schema=arrow_schema())


def to_pandas(events: Iterable[Any], *, flat: bool = True) -> "pandas.DataFrame":
    """Events as a pandas DataFrame, one row per event.

    Args:
        events: A list of event dicts, or :func:`extract_batch`'s list of lists.
        flat: True (default): the columns of ``parley extract --format csv``
            (:data:`CSV_COLUMNS`; lists joined with "; ", nulls as None, offsets as nullable
            integers). False: the nested record (dicts and lists) through :func:`to_arrow`.

    Returns:
        The DataFrame (empty, with the columns, when there are no events).
    """
    import pandas as pd

    rows = _flatten(events)
    if not flat:
        return to_arrow(rows).to_pandas()
    # The flattening is the CLI's own (Rust), with None for nulls and ints for offsets, which
    # suits a DataFrame better than CSV's "".
    try:
        cells = _core.flat_rows([json.dumps(e) for e in rows])
    except ValueError as e:
        raise ValueError(f"to_pandas: {e}") from None
    df = pd.DataFrame(cells, columns=CSV_COLUMNS)
    for c in ("evidence_start", "evidence_end"):
        df[c] = df[c].astype("Int64")
    return df
