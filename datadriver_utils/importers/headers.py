"""Finding a vendor's columns when their spelling drifts from year to year.

Open loaders of these exports keep breaking on small header changes -- ``FalltoFallProjectedGrowth``
one year, ``FallToFallProjectedGrowth`` the next; ``Student ID`` or ``StudentID``; a byte-order
mark glued to the first name (IMPORT_FORMATS.md, "What the open loaders learned"). Headers are
therefore compared by :func:`header_key` -- lower case, letters and digits only -- and each
source lists the other names a column has had (:class:`Column`). A mapping file may add more
(``columns:``), and may choose which column holds the student id (``student_id_column:``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

__all__ = ["Column", "header_key", "find_columns", "missing_column_message"]

_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060"))


def header_key(name: object) -> str:
    """``"Student ID"``, ``"student_id"``, ``"\\ufeffStudentID "`` → ``"studentid"``."""
    return _NOT_ALNUM.sub("", str(name).translate(_INVISIBLE).lower())


@dataclass(frozen=True)
class Column:
    """A column a source reads: the name we call it, the names it has had, whether it must exist."""

    name: str
    aliases: tuple[str, ...] = ()
    required: bool = True

    def keys(self) -> list[str]:
        return [header_key(n) for n in (self.name, *self.aliases)]


def find_columns(
    columns: Sequence[str], wanted: Iterable[Column], extra: Mapping[str, str] | None = None,
) -> tuple[dict[str, str], list[Column]]:
    """Match ``wanted`` columns to a file's ``columns``.

    Parameters
    ----------
    columns:
        The file's column names (as read).
    wanted:
        What the source reads.
    extra:
        From a mapping file: a header in the file -> the name of a wanted column.

    Returns
    -------
    ``{wanted name: the file's column}`` and the required columns not found.
    """
    by_key: dict[str, str] = {}
    for name in columns:
        by_key.setdefault(header_key(name), name)
    renamed = {header_key(target): header_key(header) for header, target in (extra or {}).items()}
    found: dict[str, str] = {}
    missing: list[Column] = []
    for column in wanted:
        keys = [renamed[header_key(column.name)]] if header_key(column.name) in renamed else column.keys()
        hit = next((by_key[k] for k in keys if k in by_key), None)
        if hit is not None:
            found[column.name] = hit
        elif column.required:
            missing.append(column)
    return found, missing


def missing_column_message(column: Column, source_title: str) -> str:
    """What to say when a required column is not in the file."""
    also = f" (also read as: {', '.join(column.aliases)})" if column.aliases else ""
    return (f"the column '{column.name}'{also} is not in this file, so it does not look like a {source_title} "
            "export. Download the export named in docs/importing.md, or, if the column has another name in your "
            f"file, add it to the mapping file under columns:  (\"Your header\": {column.name}).")
