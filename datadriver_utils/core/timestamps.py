"""Times as the workbook writes them: UTC, to the microsecond, sortable as text.

Saved workshop answers and the kept copies of team.yml are named by the moment they were
written, so a folder listing is already in time order and two saves never share a name.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["FILE_STAMP", "file_stamp", "parse_file_stamp", "utc_now"]

FILE_STAMP = "%Y%m%dT%H%M%S%fZ"
"""``20251001T143005123456Z``: a UTC time in a file name."""


def utc_now() -> dt.datetime:
    """The current time in UTC (aware)."""
    return dt.datetime.now(dt.UTC)


def file_stamp(when: dt.datetime | None = None) -> str:
    """``when`` (default: now) as :data:`FILE_STAMP`, converted to UTC first."""
    return (when or utc_now()).astimezone(dt.UTC).strftime(FILE_STAMP)


def parse_file_stamp(text: str) -> dt.datetime:
    """Undo :func:`file_stamp`."""
    return dt.datetime.strptime(text, FILE_STAMP).replace(tzinfo=dt.UTC)
