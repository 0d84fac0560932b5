"""Write the files of the bad-input corpus whose bytes a text editor (or git) would change.

Run once from anywhere: ``python tests/data/bad/make_corpus.py``. The files it writes are
committed next to it, so the tests never depend on running it; ``cases.yml`` says what each
file stands for and what the loader must answer. Hand-written CSV and YAML cases live in this
folder as ordinary text files.

Why these files: Excel writes CSV as UTF-8 with a byte-order mark, as cp1252, or as UTF-16
tab-separated "Unicode text" (FIELD_NOTES, "Loading what schools export"); workbooks carry
real dates and percent formats; and people rename files.
"""

from __future__ import annotations

import datetime as dt
import random
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
FIXED_TIME = dt.datetime(2025, 9, 15, 8, 0, 0)

STUDENTS_ACCENTS = (
    "student_id,grade,section,gender\r\n"
    "001,7,Sección Ñ,F\r\n"
    "002,7,Mme Dubé’s class,M\r\n"  # ’ is byte 0x92 in cp1252, a control character in Latin-1
    "003,7,Peña – Müller,F\r\n"
)


def _workbook(rows: list[list[object]], formats: dict[str, str] | None = None) -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "assessments"
    for row_number, row in enumerate(rows, start=1):
        for column_number, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(row=row_number, column=column_number, value=value)
    for address, number_format in (formats or {}).items():
        sheet[address].number_format = number_format
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    return book


def _save(book: openpyxl.Workbook, name: str) -> None:
    book.save(HERE / name)


def write_workbooks() -> None:
    header = ["student_id", "window", "standard", "points", "points_possible", "date"]
    # Good: ids stored as numbers but shown with leading zeros, real Excel dates.
    _save(_workbook([
        header,
        [1, "pre", "S1", 5, 10, dt.date(2025, 9, 15)],
        [1, "post", "S1", 8, 10, dt.datetime(2026, 1, 20)],
        ["002", "pre", "S1", 6, 10, dt.date(2025, 9, 15)],
        ["002", "post", "S1", 7.5, 10, dt.date(2026, 1, 20)],
    ], {"A2": "000", "A3": "000"}), "assessments_ok.xlsx")
    # Bad: a blank row 3 (row numbers must still match Excel), a word in points on row 5,
    # and a percent-formatted score (stored as 0.85) on row 6.
    _save(_workbook([
        header,
        ["001", "pre", "S1", 5, 10, dt.date(2025, 9, 15)],
        [None] * 6,
        ["002", "pre", "S1", 6, 10, dt.date(2025, 9, 15)],
        ["003", "pre", "S1", "seven", 10, dt.date(2025, 9, 15)],
        ["003", "post", "S1", 0.85, 10, dt.date(2026, 1, 20)],
    ], {"D6": "0%"}), "assessments_bad.xlsx")


def write_encodings() -> None:
    (HERE / "students_utf8_bom.csv").write_bytes(b"\xef\xbb\xbf" + STUDENTS_ACCENTS.encode("utf-8"))
    (HERE / "students_cp1252.csv").write_bytes(STUDENTS_ACCENTS.encode("cp1252"))
    # A BOM added by one program in front of text another saved in cp1252.
    (HERE / "students_bom_then_cp1252.csv").write_bytes(b"\xef\xbb\xbf" + STUDENTS_ACCENTS.encode("cp1252"))
    unicode_text = STUDENTS_ACCENTS.replace(",", "\t")
    (HERE / "students_utf16_unicode_text.txt").write_bytes(unicode_text.encode("utf-16"))  # BOM, little-endian
    (HERE / "students_utf16_no_bom.csv").write_bytes(unicode_text.encode("utf-16-le"))
    (HERE / "students_mac_cr.csv").write_bytes(STUDENTS_ACCENTS.replace("\r\n", "\r").encode("utf-8"))
    team = "name: Equipo de Matemáticas\nschool: Escuela Peña\nsubject: Math\ngrade_levels: [7]\n"
    (HERE / "team_latin1.yml").write_bytes(team.encode("latin-1"))


def write_non_tables() -> None:
    (HERE / "assessments_empty.csv").write_bytes(b"")
    noise = random.Random(2026)
    (HERE / "assessments_binary.csv").write_bytes(bytes(noise.randrange(256) for _ in range(2048)))
    no_nul = bytes(noise.randrange(1, 256) for _ in range(2048))
    (HERE / "assessments_control_chars.csv").write_bytes(no_nul)
    with zipfile.ZipFile(HERE / "assessments_workbook_named_csv.csv", "w") as archive:
        info = zipfile.ZipInfo("[Content_Types].xml", date_time=FIXED_TIME.timetuple()[:6])
        archive.writestr(info, "<Types/>")
    (HERE / "assessments_old_xls.csv").write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    )


def main() -> None:
    write_workbooks()
    write_encodings()
    write_non_tables()


if __name__ == "__main__":
    main()
