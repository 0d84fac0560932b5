"""Reading the tables schools actually export: Excel CSVs, other encodings, semicolons, .xlsx.

Every value is read as text first, so that a student id keeps its leading zeros and a score
typed as ``"85%"`` can be reported rather than silently dropped; the schemas in
:mod:`datadriver_utils.contract.schemas` then parse and check the columns.

The returned frame is indexed by **spreadsheet row number** (the header is row 1, the first
data row is row 2; a value with a line break inside quotes is still one row, as in Excel), so
every problem can point at the row a person sees. Completely blank rows are dropped after
numbering, so the numbers stay true.

Facts behind the choices (see FIELD_NOTES, "Loading what schools export"): Excel writes UTF-8
with a byte-order mark, or cp1252, or UTF-16 for "Unicode text" (tab-delimited); pandas'
pyarrow CSV *engine* strips leading zeros even with ``dtype=str`` (pandas #57666): it infers
types first and converts back. We call ``pyarrow.csv`` ourselves with every column declared a
string, so nothing is inferred and ``007`` stays ``007``; any file it will not take as it is
(a short or long row, an unclosed quote) goes to pandas' C engine and keeps its messages.
Faults found by feeding the reader broken exports (``tests/data/bad/``) and handled here:

* a first data row with one value too many made pandas silently use the first column as the
  index (every column shifted by one); later over-long rows stopped the whole file. Such rows
  are now each reported with their row number and left out, and the rest is checked;
* a header row pasted again in the middle (two exports joined) produced one "expected a
  number" per column; it is now one problem naming the row;
* Excel dates in an ``.xlsx`` arrived as ``"2025-09-15 00:00:00"`` and were refused as not
  ISO; percent-formatted cells arrived as ``0.85``; ``00042`` shown by a zero-padding format
  arrived as ``42``. Cells are now rendered as Excel shows them;
* a UTF-8 BOM followed by cp1252 bytes, or a UTF-16 file cut short, raised
  ``UnicodeDecodeError``; an ``.xlsx`` saved under a ``.csv`` name, or binary data without
  NUL bytes, gave a list of "missing column" messages instead of saying what the file is.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from datadriver_utils.contract.excel import ZIP_MAGIC, read_excel_table
from datadriver_utils.errors import Problem, TableReadError

__all__ = ["read_table_checked", "read_table_with_header", "normalise_header"]

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls (and .doc) files
_CANDIDATE_DELIMITERS = (",", "\t", ";")  # ties go to the earlier one
_MAX_ROW_PROBLEMS = 20
_HEADER_CHARS = 1_000_000  # the header row is read from this much text at most
_DELIMITER_NAMES = {",": "a comma", ";": "a semicolon", "\t": "a tab"}
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FIRST_LINE = re.compile(r"\r\n|\r|\n")
_BLANK_FIRST_ROW = "the first row is blank: the column names must be in row 1."
_BINARY_HINT = "Save it from Excel as 'CSV UTF-8 (Comma delimited)' or as .xlsx."



def normalise_header(name: object) -> str:
    """Header as we compare it: trimmed, lower case, inner spaces as underscores.

    Byte-order marks and zero-width characters are removed first: a file saved twice with a
    BOM, or a name pasted from a web page, would otherwise make ``student_id`` "missing".
    """
    return "_".join(str(name).translate(_INVISIBLE).strip().lower().split())


def _refuse(file_label: str, message: str, row: int | None = None) -> TableReadError:
    return TableReadError(Problem(file_label, message, row=row))


def _looks_like_utf16_without_bom(sample: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when every other byte is NUL, as in BOM-less UTF-16."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _decode_8bit(raw: bytes) -> str:
    """UTF-8 if it is valid, else the Windows code page Excel uses in Western Europe."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:  # five bytes cp1252 leaves undefined: Latin-1 maps every byte
        return raw.decode("latin-1")


def _decode(raw: bytes, file_label: str) -> str:
    """Decode bytes the way Excel may have written them; refuse workbooks and binary data."""
    if raw.startswith(_UTF16_BOMS):
        return raw.decode("utf-16", errors="replace")  # "replace": a file cut short still reads
    if raw.startswith(b"\xef\xbb\xbf"):
        return _decode_8bit(raw[3:])
    if raw.startswith(ZIP_MAGIC):
        raise _refuse(file_label, "this is an Excel workbook (or another zip file) with a .csv name. "
                      "Rename it to end in .xlsx, or open it in Excel and save as 'CSV UTF-8'.")
    if raw.startswith(_OLE_MAGIC):
        raise _refuse(file_label, "this is an old-format Excel file (.xls). Open it in Excel and save "
                      "it as .xlsx or as 'CSV UTF-8 (Comma delimited)'.")
    utf16 = _looks_like_utf16_without_bom(raw[:4096])
    if utf16:
        return raw.decode(utf16, errors="replace")
    if b"\x00" in raw[:4096]:
        raise _refuse(file_label, f"this does not look like a text table (it contains binary data). {_BINARY_HINT}")
    text = _decode_8bit(raw)
    sample = text[:4096]
    if len(_CONTROL.findall(sample)) > max(3, len(sample) // 100):
        raise _refuse(
            file_label, f"this does not look like a text table (it is full of control characters). {_BINARY_HINT}"
        )
    return text


def _sniff_delimiter(text: str) -> str:
    """The delimiter used most often in the header row outside quotes; comma on a tie.

    European Excel writes semicolons, "Unicode text" writes tabs. Counting is used instead of
    :class:`csv.Sniffer`, whose guesses on one short line are hard to predict.
    """
    first_line = _FIRST_LINE.split(text[:65536], maxsplit=1)[0]
    unquoted = re.sub(r'"[^"]*"', "", first_line)
    counts = {d: unquoted.count(d) for d in _CANDIDATE_DELIMITERS}
    best = max(_CANDIDATE_DELIMITERS, key=lambda d: counts[d])  # max keeps the first of equals
    return best if counts[best] else ","


def _header_names(raw_names: Sequence[object]) -> list[str]:
    """Normalised names; a blank header cell gets a placeholder (its values are kept but unused)."""
    names = [normalise_header("" if n is None else n) for n in raw_names]
    return [n or f"unnamed_column_{i + 1}" for i, n in enumerate(names)]


def _parse_with_pyarrow(data: bytes, sep: str, width: int) -> pd.DataFrame | None:
    """Fastest path (multi-threaded, no Python string per cell); ``None`` to let pandas decide.

    Every column is typed ``string`` before reading, so no value is ever inferred as a number;
    blank lines are kept as rows (the row numbers stay true) and dropped later like pandas'.
    pyarrow reads a quote left open at the end as a value running to the end of the file,
    where pandas says so: an odd number of quote marks, or a line break in the last row,
    leaves the file to pandas.
    """
    if data.count(b'"') % 2:
        return None
    try:
        import pyarrow as pa
        import pyarrow.csv as pa_csv
    except ImportError:  # pragma: no cover - pyarrow is a dependency; pandas alone still works
        return None
    names = [f"c{i}" for i in range(width)]
    try:
        table = pa_csv.read_csv(
            io.BytesIO(data),
            read_options=pa_csv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pa_csv.ParseOptions(delimiter=sep, newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()),
                                                  strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, pa.ArrowException):  # a row of another width, ...
        return None
    if table.num_rows and any("\n" in str(v) or "\r" in str(v) for v in table.slice(table.num_rows - 1).to_pylist()[0].values()):
        return None
    return table.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get)


def _parse_with_pandas(text: str, sep: str) -> pd.DataFrame | None:
    """Fast path; ``None`` when some row has more values than the header (handled slowly)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            frame = pd.read_csv(  # UTF-8 bytes: a StringIO would hold 4 bytes per character
                io.BytesIO(text.encode("utf-8")), encoding="utf-8", sep=sep, dtype=str,
                keep_default_na=False, na_filter=False,
                skip_blank_lines=False, engine="c", index_col=False, header=0,
            )
        except pd.errors.ParserError as error:
            if re.search(r"Expected \d+ fields", str(error)):
                return None
            raise
    if any("does not match length of data" in str(w.message) for w in caught):
        return None  # the first row is too long: pandas would silently drop its extra values
    return frame


def _parse_with_csv(text: str, sep: str, width: int) -> tuple[list[list[str]], list[int]]:
    """Slow path: every row, and the spreadsheet rows whose extra values are not blank."""
    rows: list[list[str]] = []
    too_long: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    next(reader, None)
    for row_number, row in enumerate(reader, start=2):
        if len(row) > width and any(v.strip() for v in row[width:]):
            too_long.append(row_number)
            row = []  # left out of the checks; reported instead
        rows.append((row + [""] * width)[:width])
    return rows, too_long


def _too_long_problems(file_label: str, rows: list[int], width: int, total: int, sep: str) -> list[Problem]:
    if len(rows) > _MAX_ROW_PROBLEMS and len(rows) > total // 2:
        raise _refuse(file_label, f"{len(rows)} of {total} rows have more values than row 1 has column "
                      "names: is a column name missing from row 1, or is the file split by a different "
                      "character than its header?", row=1)
    message = (f"this row has more values than the {width} column names in row 1, so its values cannot be "
               f"matched to columns (a value containing {_DELIMITER_NAMES[sep]} needs quotes). "
               "The row was not checked.")
    problems = [Problem(file_label, message, row=r) for r in rows[:_MAX_ROW_PROBLEMS]]
    if len(rows) > _MAX_ROW_PROBLEMS:
        problems.append(Problem(file_label, f"{len(rows) - _MAX_ROW_PROBLEMS} more rows have too many values."))
    return problems


def _explain_parser_error(error: Exception, file_label: str) -> TableReadError:
    text = str(error)
    unclosed = re.search(r"EOF inside string starting at row (\d+)", text)
    if unclosed:  # the C tokenizer counts records from 0 with the header as record 0
        return _refuse(file_label, 'a quote mark (") opens a value here that is never closed, so the rest '
                       'of the file reads as one value. Close the quote or remove it.', row=int(unclosed[1]) + 1)
    reader_said = text.strip()
    return _refuse(file_label, f"the rows could not be split into columns (a stray comma or quote?): {reader_said}.")


def _read_text_table(path: Path, file_label: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Columns named by the header row exactly as typed (normalised later)."""
    text = _decode(path.read_bytes(), file_label).rstrip("\x1a")  # Ctrl-Z: end of file for old DOS tools
    if not text.strip():
        raise _refuse(file_label, "the file is empty: it needs a header row and at least one row.")
    sep = _sniff_delimiter(text)
    problems: list[Problem] = []
    try:
        header = next(csv.reader(io.StringIO(text[:_HEADER_CHARS], newline=""), delimiter=sep), [])
        if not "".join(header).strip():
            raise _refuse(file_label, _BLANK_FIRST_ROW, row=1)
        frame = None
        if not any("\n" in name or "\r" in name for name in header):  # pyarrow skips a *line*
            frame = _parse_with_pyarrow(text.encode("utf-8"), sep, len(header))
        if frame is None:
            frame = _parse_with_pandas(text, sep)
        if frame is None or frame.shape[1] != len(header):
            rows, too_long = _parse_with_csv(text, sep, len(header))
            problems = _too_long_problems(file_label, too_long, len(header), len(rows), sep)
            frame = pd.DataFrame(rows, columns=range(len(header)), dtype=str)
    except (ValueError, csv.Error) as error:  # pandas' ParserError is a ValueError
        raise _explain_parser_error(error, file_label) from None
    frame.columns = header
    return frame, problems


def _repeated_header_rows(frame: pd.DataFrame, raw_header: Sequence[str]) -> pd.Index:
    """Rows where at least half the named columns hold their own column name (two exports joined).

    Compared by exact spelling (the header as typed, or as normalised, or with spaces for
    underscores): hash look-ups, cheap on a million rows.
    """
    named = [(column, raw) for column, raw in zip(frame.columns, raw_header, strict=True)
             if not column.startswith("unnamed_column_")]
    if not named or frame.empty:
        return frame.index[:0]
    hits = sum(
        frame[column].isin({raw.strip(), column, column.replace("_", " ")}).to_numpy(dtype=int, na_value=0)
        for column, raw in named
    )
    return frame.index[hits >= max(1, (len(named) + 1) // 2)]


def _drop_duplicate_columns(
    frame: pd.DataFrame, raw_header: list[str], file_label: str,
) -> tuple[pd.DataFrame, list[str], list[Problem]]:
    """Keep the first of two columns with the same (normalised) name, and say so."""
    duplicated = frame.columns.duplicated()
    problems = [
        Problem(file_label, "this column name appears more than once in row 1; only the first such column "
                "is checked. Delete or rename the other one.", row=1, column=name)
        for name in dict.fromkeys(frame.columns[duplicated])
    ]
    kept = [raw for raw, dup in zip(raw_header, duplicated, strict=True) if not dup]
    return frame.loc[:, ~duplicated], kept, problems


def read_table_checked(path: Path, file_label: str | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Read a CSV or .xlsx file as text columns indexed by spreadsheet row, with row problems.

    The same as :func:`read_table_with_header` without the header as typed.
    """
    frame, _header, problems = read_table_with_header(path, file_label)
    return frame, problems


def read_table_with_header(path: Path, file_label: str | None = None) -> tuple[pd.DataFrame, list[str], list[Problem]]:
    """Read a CSV or .xlsx file as text columns indexed by spreadsheet row, with row problems.

    Also returns the header row as typed, one name per column of the frame (importers need
    "Comprehension: Literature Scale Score", not its normalised column name).

    Rows that cannot be checked at all -- a repeated header row, a row with more values than
    the header has names -- are left out of the frame and returned as problems, together with
    a column name used twice (its later copies are left out); everything else is kept for
    the schema checks, so a team sees every problem in one run.

    Parameters
    ----------
    path:
        The file. ``.xlsx`` is read from its first sheet; anything else as delimited text.
    file_label:
        How messages name the file (defaults to the file name).

    Raises
    ------
    TableReadError
        The file is empty, binary, a workbook under the wrong name, has a blank first row, or
        its rows cannot be split into columns.
    """
    label = file_label or path.name
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        frame, problems = read_excel_table(path, label)
    else:
        frame, problems = _read_text_table(path, label)
    raw_header = [str(c) for c in frame.columns]
    frame.columns = _header_names(raw_header)
    if all(c.startswith("unnamed_column_") for c in frame.columns):
        raise _refuse(label, _BLANK_FIRST_ROW, row=1)
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
    frame, raw_header, duplicate_problems = _drop_duplicate_columns(frame, raw_header, label)
    problems += duplicate_problems
    for column in range(frame.shape[1]):  # column by column: one temporary copy at a time
        frame.isetitem(column, frame.iloc[:, column].astype("string").str.strip().replace("", pd.NA))
    repeated = _repeated_header_rows(frame, raw_header)
    problems += [
        Problem(label, "this row repeats the column names of row 1 (two files pasted together?): delete it.", row=r)
        for r in map(int, repeated[:_MAX_ROW_PROBLEMS])
    ]
    if len(repeated) > _MAX_ROW_PROBLEMS:
        problems.append(Problem(label, f"{len(repeated) - _MAX_ROW_PROBLEMS} more rows repeat the column names."))
    frame = frame.drop(index=repeated).dropna(how="all")
    return frame, raw_header, sorted(problems, key=lambda p: (p.row is None, p.row or 0))  # "N more" lines last
