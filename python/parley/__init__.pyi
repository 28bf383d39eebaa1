"""Type stubs of the ``parley`` package (documentation in ``__init__.py`` and docs/python.md)."""

import datetime as _dt
from typing import Any, Iterable, List, Mapping, NamedTuple, Optional, Sequence, Union

import pandas
import pyarrow

__version__: str
PublishedLike = Union[str, _dt.date, None]
CSV_COLUMNS: List[str]

class ExtractionError(ValueError):
    """A document could not be read."""

class DocResult(NamedTuple):
    """What :func:`extract_lines` returns for one JSONL line."""

    doc: Optional[str]
    published: Optional[str]
    url: Optional[str]
    outlet: Optional[str]
    title: Optional[str]
    records: List[str]
    error: Optional[str]

def extract(
    text: str,
    published: PublishedLike = None,
    doc_id: Optional[str] = None,
    *,
    html: Optional[bool] = None,
) -> List[dict]:
    """Extracts the diplomatic events of one article."""

def extract_batch(
    texts: Sequence[str],
    published: Union[PublishedLike, Sequence[PublishedLike]] = None,
    doc_ids: Optional[Sequence[str]] = None,
    *,
    html: Optional[bool] = None,
    threads: Optional[int] = None,
) -> List[List[dict]]:
    """Extracts events from many articles in parallel, with the GIL released."""

def extract_lines(
    lines: Sequence[str],
    *,
    fallback_ids: Optional[Sequence[str]] = None,
    threads: Optional[int] = None,
) -> List[DocResult]:
    """Extracts events from JSONL document lines, with each document's metadata."""

def extract_records(
    records: Iterable[Mapping[str, Any]],
    *,
    errors: str = "raise",
    threads: Optional[int] = None,
) -> List[List[dict]]:
    """Extracts events from document records shaped like parley's JSONL input."""

def arrow_schema() -> pyarrow.Schema:
    """The Arrow schema of :func:`to_arrow`."""

def to_arrow(events: Iterable[Any]) -> pyarrow.RecordBatch:
    """Events as one Arrow record batch with :func:`arrow_schema`."""

def to_pandas(events: Iterable[Any], *, flat: bool = True) -> pandas.DataFrame:
    """Events as a pandas DataFrame, one row per event."""
