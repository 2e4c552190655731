"""The real news day the quality benches build: the bundled examples plus the 120 real pages of
../shared/data/extraction/, each page unpacked to its own HTML file, as a user would hand them over."""

from __future__ import annotations

import gzip
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The day the pages' news is of (they are dated 18-20 November 2019): the real day's briefing is dated
# so, since a briefing dated D shows the news of D (older stories go to its "Earlier" list).
REAL_DAY = date(2019, 11, 20)


@contextmanager
def real_day_inputs(shared: Path) -> Iterator[list[Path]]:
    """The day's input folders (examples, pages), the pages unpacked into a folder removed afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        pages = Path(tmp) / "pages"
        pages.mkdir()
        for gz in sorted((shared / "data/extraction/html").glob("*.html.gz")):
            (pages / gz.name.removesuffix(".gz")).write_bytes(gzip.decompress(gz.read_bytes()))
        yield [REPO / "examples/articles", pages]
