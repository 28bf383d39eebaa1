"""Type stubs of the Rust extension ``parley._core`` (use the functions of ``parley``)."""

from typing import List, Optional, Tuple, Union

#: The crate version the extension was built from.
__version__: str

#: The flat columns (``parley extract --format csv``), defined once in parley-core.
CSV_COLUMNS: List[str]

#: One document's outcome: (error, doc, published, url, outlet, title, event JSON lines).
DocOut = Tuple[
    Optional[str], Optional[str], Optional[str], Optional[str], Optional[str], Optional[str], List[str]
]

def extract_texts(
    docs: List[Tuple[str, str, Optional[str], Optional[bool]]], threads: Optional[int] = None
) -> List[DocOut]:
    """Extracts events from (text, doc_id, published, html) tuples, in parallel, GIL released."""

def extract_lines(
    lines: List[str], fallback_ids: List[str], threads: Optional[int] = None
) -> List[DocOut]:
    """Extracts events from JSONL document lines, in parallel, GIL released."""

def flat_rows(events: List[str]) -> List[List[Union[str, int, None]]]:
    """The flat rows (cells of ``CSV_COLUMNS``) of events given as JSON objects; None for nulls."""
