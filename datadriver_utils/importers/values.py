"""Cell values as vendors write them: US dates, "K" or 13 for kindergarten, ids with leading zeros.

Every function takes text (files are read as text, FIELD_NOTES "Loading what schools export") and
returns the contract's form, or None with the reason a person can act on.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from datadriver_utils.contract.config import normalise_grade

__all__ = [
    "parse_date", "parse_grade", "parse_number", "clean_student_id", "yes_no", "NOT_A_SCORE",
]

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?:\s+.*)?$")
_SLASH_YMD = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?:\s+.*)?$")  # Google Forms' own CSV: 2025/09/15 10:02:11
_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)$")
_EXCEL_MANGLED = re.compile(r"^\d(\.\d+)?E\+\d+$", re.IGNORECASE)

NOT_A_SCORE: dict[str, str] = {
    "not assessed": "the export says 'Not Assessed' (this part was not tested)",
    "max score": "the export says 'Max Score' instead of a number (the student topped this scale); "
                 "there is no score to import",
    "n/a": "the export says 'N/A'",
}
"""Words vendors put where a score would be, and why no row is written for them."""


def parse_date(text: object, declared: str | None = None) -> tuple[str | None, str | None]:
    """``(ISO date, None)`` or ``(None, reason)``.

    Reads ISO dates (with or without a time, ``2023-08-21T17:28:05Z``), US month/day/year
    (``1/13/2026``, the vendors' own format) and year/month/day with slashes. ``declared`` (a
    ``strftime`` pattern from the mapping, e.g. ``%d/%m/%Y``) overrides the guess: day/month
    files cannot be told from month/day ones by looking (FIELD_NOTES: pandas guesses from the
    first value and silently misreads the rest).
    """
    if text is None or pd.isna(text) or not str(text).strip():
        return None, "the date is blank"
    value = str(text).strip()
    try:
        if declared:
            head = value.split(" ")[0] if " " not in declared else value
            return dt.datetime.strptime(head, declared).date().isoformat(), None
        for pattern, order in ((_ISO, "ymd"), (_SLASH_YMD, "ymd"), (_US, "mdy")):
            match = pattern.match(value)
            if match:
                parts = dict(zip(order, match.groups()[:3], strict=True))
                year = int(parts["y"]) + (2000 if len(parts["y"]) == 2 else 0)
                return dt.date(year, int(parts["m"]), int(parts["d"])).isoformat(), None
    except ValueError:
        pass
    hint = f" as {declared}" if declared else " (expected month/day/year such as 1/13/2026, or 2026-01-13)"
    return None, f"this date could not be read{hint}; if the file writes day/month/year, add date_format: \"%d/%m/%Y\" to the mapping"


def parse_grade(text: object, kindergarten: tuple[str, ...] = ()) -> str | None:
    """K or 1-12; ``kindergarten`` lists extra codes meaning K (NWEA writes 13)."""
    if text is None or pd.isna(text):
        return None
    value = str(text).strip()
    if value.upper() in {k.upper() for k in kindergarten}:
        return "K"
    if re.fullmatch(r"\d+\.0+", value):
        value = value.split(".")[0]
    value = re.sub(r"^(grade|gr\.?)\s*", "", value, flags=re.IGNORECASE)
    return normalise_grade(value)


def parse_number(text: object) -> tuple[float | None, str | None]:
    """``(number, None)``, ``(None, None)`` for a blank cell, or ``(None, reason)``."""
    if text is None or pd.isna(text) or not str(text).strip():
        return None, None
    value = str(text).strip()
    if _NUMBER.match(value):
        return float(value), None
    reason = NOT_A_SCORE.get(value.lower())
    return None, reason or f"expected a number, found {value!r}"


def clean_student_id(text: object) -> tuple[str | None, str | None]:
    """The id as text with its leading zeros, or ``(None, reason)``."""
    if text is None or pd.isna(text) or not str(text).strip():
        return None, "this row has no student id"
    value = str(text).strip()
    if _EXCEL_MANGLED.match(value):
        return None, (f"the student id {value!r} looks like Excel turned it into a number in scientific notation; "
                      "export the file again (or format the id column as Text before saving)")
    if re.fullmatch(r"\d+\.0", value):
        value = value[:-2]
    return value, None


def yes_no(text: object) -> str | None:
    """Y or N from Yes/No, Y/N, True/False, 1/0; None when blank or anything else."""
    if text is None or pd.isna(text):
        return None
    value = str(text).strip().lower()
    if value in {"y", "yes", "true", "1", "t"}:
        return "Y"
    if value in {"n", "no", "false", "0", "f"}:
        return "N"
    return None
