"""Reading the first sheet of an ``.xlsx`` workbook as text, cell by cell as Excel shows it.

Excel dates arrive as ISO dates (not ``"2025-09-15 00:00:00"``), percent-formatted cells with
their ``%`` (not ``0.85``) and ids shown with a zero-padding format keep their zeros (``00042``,
not ``42``), so the contract's checks see what the person typing them saw. Split from
:mod:`datadriver_utils.contract.reading`, which sends ``.xlsx`` files here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from datadriver_utils.errors import Problem, TableReadError

__all__ = ["ZIP_MAGIC", "read_excel_table"]

ZIP_MAGIC = b"PK\x03\x04"  # an .xlsx file is a zip archive


def _refuse(file_label: str, message: str) -> TableReadError:
    return TableReadError(Problem(file_label, message))


def _excel_cell_text(cell: object) -> str:
    """A cell as Excel displays it, as far as a data table needs: dates ISO, percents with %."""
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    number_format = str(getattr(cell, "number_format", "General") or "General")
    if hasattr(value, "isoformat"):  # datetime, date, time
        if hasattr(value, "hour") and hasattr(value, "date") and (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        if number_format.endswith("%"):
            return f"{value * 100:g}%"
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and re.fullmatch(r"0+", number_format) and value >= 0:
            return str(value).zfill(len(number_format))  # an id shown with leading zeros
        return str(value)
    return str(value)


def _read_excel_rows(path: Path, file_label: str) -> list[list[str]]:
    import openpyxl  # only when a workbook is read: it is slow to import

    with path.open("rb") as handle:
        if handle.read(4) != ZIP_MAGIC:
            raise _refuse(file_label, "this is not an Excel workbook (.xlsx), although its name says so. "
                          "If it is a CSV file, rename it to end in .csv.")
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many unrelated types for a bad workbook
        raise _refuse(file_label, f"this workbook could not be opened ({type(error).__name__}).") from None
    try:
        if not workbook.worksheets:
            raise _refuse(file_label, "this workbook has no worksheet.")
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some programs record a wrong size; read what is there
        return [[_excel_cell_text(c) for c in row] for row in sheet.iter_rows()]
    except TableReadError:
        raise
    except Exception as error:
        raise _refuse(file_label, f"this workbook could not be read ({type(error).__name__}).") from None
    finally:
        workbook.close()


def read_excel_table(path: Path, file_label: str) -> tuple[pd.DataFrame, list[Problem]]:
    rows = _read_excel_rows(path, file_label)
    width = max((len(r) for r in rows), default=0)
    if not rows or width == 0:
        raise _refuse(file_label, "the first sheet of this workbook is empty: it needs a header row and rows below it.")
    rows = [(r + [""] * width)[:width] for r in rows]
    frame = pd.DataFrame(rows[1:], columns=range(width), dtype=str)
    frame.columns = rows[0]
    return frame, []
