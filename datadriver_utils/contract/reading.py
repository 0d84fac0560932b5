"""Reading the tables schools actually export: Excel CSVs, other encodings, semicolons, .xlsx.

Every value is read as text first, so that a student id keeps its leading zeros and a score
typed as ``"85%"`` can be reported rather than silently dropped; the schemas in
:mod:`datadriver_utils.contract.schemas` then parse and check the columns.

The returned frame is indexed by **spreadsheet row number** (the header is row 1, the first
data row is row 2), so every problem can point at the row a person sees in Excel. Completely
blank rows are dropped after numbering, so the numbers stay true.

Facts behind the choices (see FIELD_NOTES, "Loading what schools export"): Excel writes UTF-8
with a byte-order mark, or cp1252, or UTF-16 for "Unicode text"; pandas' pyarrow CSV engine
strips leading zeros even with ``dtype=str``, so the C engine is used.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from datadriver_utils.errors import Problem

__all__ = ["TableReadError", "read_table", "normalise_header"]

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CANDIDATE_DELIMITERS = ",;\t"


class TableReadError(Exception):
    """Raised inside the contract layer when a file cannot be read as a table at all."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def normalise_header(name: object) -> str:
    """Header as we compare it: trimmed, lower case, inner spaces as underscores."""
    return "_".join(str(name).strip().lower().split())


def _decode(raw: bytes, file_label: str) -> str:
    """Decode bytes the way Excel may have written them; refuse binary garbage."""
    if raw.startswith(_UTF16_BOMS):
        return raw.decode("utf-16")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict")
    if b"\x00" in raw[:4096]:
        raise TableReadError(
            Problem(
                file_label,
                "this does not look like a text table (it contains binary data). "
                "Save it from Excel as 'CSV UTF-8 (Comma delimited)' or as .xlsx.",
            )
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        # Older Excel on Windows writes the local code page; cp1252 covers Western Europe.
        return raw.decode("cp1252", errors="replace")


def _sniff_delimiter(text: str) -> str:
    """Comma unless the header line clearly uses semicolons or tabs (European Excel)."""
    first_line = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(first_line, delimiters=_CANDIDATE_DELIMITERS).delimiter
    except csv.Error:
        return ","


def _read_text_table(path: Path, file_label: str) -> pd.DataFrame:
    raw = path.read_bytes()
    text = _decode(raw, file_label)
    if not text.strip():
        raise TableReadError(
            Problem(file_label, "the file is empty: it needs a header row and at least one row.")
        )
    try:
        return pd.read_csv(
            io.StringIO(text),
            sep=_sniff_delimiter(text),
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            engine="c",
        )
    except (pd.errors.ParserError, csv.Error) as error:
        raise TableReadError(
            Problem(
                file_label,
                "the rows do not line up with the header (a stray comma or quote?). "
                f"The reader said: {error}",
            )
        ) from None


def _read_excel_table(path: Path, file_label: str) -> pd.DataFrame:
    try:
        return pd.read_excel(path, dtype=str, keep_default_na=False, sheet_name=0)
    except Exception as error:  # openpyxl raises many unrelated types for a bad workbook
        raise TableReadError(
            Problem(file_label, f"this workbook could not be opened ({type(error).__name__}).")
        ) from None


def read_table(path: Path, file_label: str | None = None) -> pd.DataFrame:
    """Read a CSV or .xlsx file as text columns indexed by spreadsheet row.

    Parameters
    ----------
    path:
        The file. ``.xlsx`` is read from its first sheet; anything else as delimited text.
    file_label:
        How messages name the file (defaults to the file name).

    Raises
    ------
    TableReadError
        The file is empty, binary, or its rows cannot be split into columns.
    """
    label = file_label or path.name
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        frame = _read_excel_table(path, label)
    else:
        frame = _read_text_table(path, label)
    headers = [normalise_header(c) for c in frame.columns]
    if all(h.startswith("unnamed:") or h == "" for h in headers):
        raise TableReadError(
            Problem(label, "the first row is blank: the column names must be in row 1.", row=1)
        )
    frame.columns = headers
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
    frame = frame.apply(lambda column: column.astype("string").str.strip())
    frame = frame.replace("", pd.NA)
    return frame.dropna(how="all")
