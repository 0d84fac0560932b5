"""Assessment windows and survey administrations in time order: the one ordering every analysis uses.

Vendors name windows in words ("Fall 2024-2025", "BOY", "Winter (November 16 - March 1)"), and
teams name survey administrations "spring 2025" and "fall 2025". Sorting such labels as text puts
fall before spring and "EOY" before "MOY", so a chart would run backwards. The rule, in order:

1. **team.yml** -- windows listed in the team's ``windows:`` come first, in the order listed;
2. **dates** -- other labels by the earliest date seen for them (when every one has a date);
3. **the label itself** -- a school year ("2024-2025", "2024-25") or a calendar year ("2025")
   and a season or part of the year: pre < beginning (BOY, fall, autumn) < middle (MOY, winter)
   < end (EOY, spring) < summer < post; an ISO date label by its date. A calendar-year spring
   or summer belongs to the school year that started the autumn before, so "spring 2025" comes
   before "fall 2025";
4. labels that say nothing about time keep the order in which they first appear -- never
   alphabetical.

Ed-Fi's assessment periods (Beginning/Middle/End of Year, Fall, Spring, Summer) and the term
names of NWEA, Renaissance and i-Ready are all read by rule 3 (IMPORT_FORMATS.md).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

__all__ = ["order_windows", "window_sort_key", "pre_post_windows", "PRE", "POST"]

PRE = "pre"
POST = "post"

# Position within a school year (0 = before it starts, 9 = after it ends).
_PARTS: tuple[tuple[str, float], ...] = (
    (r"\bpre(-?test)?\b|\bbaseline\b", 0.0),
    (r"\bboy\b|\bbeginning\b|\bfall\b|\bautumn\b", 1.0),
    (r"\bmoy\b|\bmiddle\b|\bmid-?year\b|\bwinter\b", 2.0),
    (r"\beoy\b|\bend\b|\bspring\b", 3.0),
    (r"\bsummer\b", 4.0),
    (r"\bpost(-?test)?\b|\bmost recent\b", 9.0),
)
_SCHOOL_YEAR = re.compile(r"\b((?:19|20)\d\d)\s*[-/–]\s*((?:19|20)?\d\d)\b")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_SCHOOL_YEAR_START_MONTH = 7  # July: a date from July on belongs to the school year starting that year


def _school_year_of(day: dt.date) -> int:
    return day.year if day.month >= _SCHOOL_YEAR_START_MONTH else day.year - 1


def _part_of_year(text: str) -> float | None:
    for pattern, position in _PARTS:
        if re.search(pattern, text):
            return position
    return None


def window_sort_key(label: object) -> tuple[int, float, float] | None:
    """``(school year start, position in the year, day)`` read from a label, or None.

    A label without a year sorts with the others without one (school year -1); a label with
    neither a year nor a recognised part of the year returns None.
    """
    text = str(label).strip().lower()
    iso = _ISO_DATE.search(text)
    if iso:
        try:
            day = dt.date.fromisoformat(iso[1])
        except ValueError:
            day = None
        if day is not None:
            start = dt.date(_school_year_of(day), _SCHOOL_YEAR_START_MONTH, 1)
            return (_school_year_of(day), 5.0, float((day - start).days))
    part = _part_of_year(text)
    school_year = _SCHOOL_YEAR.search(text)
    if school_year:
        return (int(school_year[1]), -1.0 if part is None else part, 0.0)
    year = _YEAR.search(text)
    if year:
        calendar_year = int(year[1])
        if part is None:
            return (calendar_year, -1.0, 0.0)
        # fall/BOY of 2025 starts the 2025-26 year; winter, spring and summer of 2025 end 2024-25
        return (calendar_year if part in (0.0, 1.0) else calendar_year - 1, part, 0.0)
    if part is not None:
        return (-1, part, 0.0)
    return None


def order_windows(
    labels: Iterable[object],
    listed: Sequence[str] | None = None,
    dates: Mapping[str, object] | None = None,
) -> list[str]:
    """Distinct labels, earliest first, by the rule in this module's docstring.

    Parameters
    ----------
    labels:
        Window or administration labels, in the order they were found (repeats allowed).
    listed:
        The team's own order (team.yml ``windows:``), compared without case.
    dates:
        A date per label (for example the earliest ``date`` of its rows); used only when every
        label not listed has one.
    """
    unique = list(dict.fromkeys(str(label) for label in labels if label is not None and not pd.isna(label)))
    position = {str(w).strip().lower(): i for i, w in enumerate(listed or ())}
    first = [w for w in unique if w.strip().lower() in position]
    first.sort(key=lambda w: position[w.strip().lower()])
    rest = [w for w in unique if w.strip().lower() not in position]
    known_dates = {w: pd.to_datetime(dates.get(w), errors="coerce") for w in rest} if dates else {}
    if rest and known_dates and all(pd.notna(d) for d in known_dates.values()):
        rest.sort(key=lambda w: (known_dates[w], unique.index(w)))
        return first + rest
    parsed = {w: window_sort_key(w) for w in rest}
    readable = sorted((w for w in rest if parsed[w] is not None), key=lambda w: (parsed[w], unique.index(w)))
    unreadable = [w for w in rest if parsed[w] is None]
    return first + readable + unreadable


def pre_post_windows(labels: Iterable[object], listed: Sequence[str] | None = None) -> tuple[str | None, str | None]:
    """The two windows a pre/post comparison uses: ``pre`` and ``post`` when the data has them,
    otherwise the earliest and the latest window in time order (None when there is no second)."""
    ordered = order_windows(labels, listed)
    if not ordered:
        return None, None
    pre = PRE if PRE in ordered else ordered[0]
    later = [w for w in ordered if w != pre]
    post = POST if POST in ordered else (later[-1] if later else None)
    return pre, post
