"""Reading the files a team downloaded, without ever writing to them.

Every input goes through the contract's reader (:func:`~datadriver_utils.contract.reading.read_table_with_header`):
the byte-order mark of an i-Ready file, cp1252 from Excel, a header pasted twice, blank rows,
``.xlsx`` from Microsoft Forms -- all handled once, and every row keeps the number a
spreadsheet shows. Values stay text; each source parses what it needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from datadriver_utils.contract.reading import read_table_with_header
from datadriver_utils.errors import ImportRefusedError, Problem, TableReadError
from datadriver_utils.importers.headers import Column, find_columns, header_key, missing_column_message

__all__ = ["InputTable", "read_input", "read_inputs"]


@dataclass
class InputTable:
    """One input file: its rows (indexed by spreadsheet row), its header as typed, and what was wrong."""

    path: Path
    frame: pd.DataFrame
    header: dict[str, str]
    """Column name as read -> header as typed."""
    problems: list[Problem] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.path.name

    def has(self, *names: str) -> bool:
        """Whether every name (compared by :func:`header_key`) is a column of the file."""
        keys = {header_key(c) for c in self.frame.columns}
        return all(header_key(n) in keys for n in names)

    def columns(self, wanted: list[Column], extra: dict[str, str] | None, source_title: str) -> dict[str, str]:
        """``{wanted name: column}``; refuses the file when a required column is missing."""
        found, missing = find_columns(list(self.frame.columns), wanted, extra)
        if missing:
            raise ImportRefusedError(f"{self.label} cannot be imported as {source_title}:", [
                Problem(self.label, missing_column_message(column, source_title), row=1, column=column.name)
                for column in missing])
        return found

    def typed(self, column: str) -> str:
        """The header of ``column`` as the file types it."""
        return self.header.get(column, column)


def read_input(path: Path) -> InputTable:
    """Read one input file; a file that cannot be read at all stops the import with the reason."""
    if not path.is_file():
        raise ImportRefusedError("An input file is missing:", [Problem(str(path), "no such file.")])
    try:
        frame, raw_header, problems = read_table_with_header(path, path.name)
    except TableReadError as error:
        raise ImportRefusedError(f"{path.name} cannot be read:", [error.problem]) from None
    header = dict(zip(frame.columns, (h.strip().lstrip("\ufeff") for h in raw_header), strict=True))
    return InputTable(path, frame, header, problems)


def read_inputs(paths: list[Path]) -> list[InputTable]:
    """Read every input file (all of them, so a bad second file is reported before anything is written)."""
    return [read_input(path) for path in paths]
