"""Published dates as ISO `YYYY-MM-DD`, or None when the value does not hold a date."""

from __future__ import annotations

import warnings
from datetime import date, datetime

from dateutil import parser as dateparser


def iso_date(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.strftime("%Y-%m-%d")
    text = str(value).strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).strftime("%Y-%m-%d")
    except ValueError:
        pass
    try:
        # fuzzy: "Published 3:04 PM EDT, August 30, 2023" — a fixed default keeps it deterministic.
        # Only the date is kept, so a time zone dateutil does not know ("EST") does not matter.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", dateparser.UnknownTimezoneWarning)
            return dateparser.parse(text, fuzzy=True, default=datetime(1900, 1, 1)).strftime("%Y-%m-%d")
    except (ValueError, OverflowError):
        return None
