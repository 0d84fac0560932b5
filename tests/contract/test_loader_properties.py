"""Properties of the loader on generated files, and a million-row file within memory and time.

Property (hypothesis): whatever cells a team types -- any unicode, numbers, blanks, quotes,
separators, line breaks, written with proper CSV quoting or naively joined, in the encodings
Excel uses -- ``check_team`` returns either a team with no problems or Problems that each name
a file of the folder and, when they name a row, a row that exists in that file. Never an
exception. A second property: text that survives CSV quoting comes back unchanged (only
trimmed), in every encoding, so a section name or a note is never silently altered.

Scale: a 1,000,000-row assessments.csv loads and validates in a subprocess whose peak memory
is measured with ``resource.getrusage`` (ru_maxrss, KiB on Linux).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datadriver_utils.contract.team import check_team, load_district
from tests.conftest import ASSESSMENTS_OK, REPO, STUDENTS_OK, write_team

PROPERTY_SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TABLE_FILES = {"students.csv", "assessments.csv", "team.yml", "district.yml"}
ASSESSMENT_HEADER = ["student_id", "window", "standard", "points", "points_possible"]

# Cells people type: words in any script, numbers in several spellings, blanks, and the
# characters that break naive CSV handling.
_awkward = st.sampled_from(
    ['"', "'", ",", ";", "\t", "\n", "\r\n", "\r", '""', "=1+1", "85%", "8,5", " ", "\u00a0", "\ufeff"]
)
_number = st.one_of(
    st.integers(-5, 120).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.decimals(-100, 100, places=2, allow_nan=False).map(str),
)
CELL = st.one_of(
    st.text(max_size=12),
    _number,
    st.just(""),
    _awkward,
    st.lists(st.one_of(_awkward, st.text(max_size=4)), max_size=4).map("".join),
    st.sampled_from(["001", "002", "003", "pre", "post", "S1", "7", "K", "13", "2025-09-15", "15/09/2025"]),
)
ENCODING = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"])


def _render(rows: list[list[str]], delimiter: str, quoted: bool) -> str:
    if quoted:
        buffer = io.StringIO(newline="")
        csv.writer(buffer, delimiter=delimiter).writerows(rows)
        return buffer.getvalue()
    return "".join(delimiter.join(row) + "\n" for row in rows)


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace" if encoding == "cp1252" else "strict")


def _lines(data: bytes) -> int:
    """An upper bound on a file's spreadsheet rows: one more than its line-break bytes."""
    return data.count(b"\n") + data.count(b"\r") + 1


def _check(files: dict[str, bytes]) -> tuple[object, list]:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        write_team(data, files)
        district, district_problems = load_district(data)
        assert district is not None, district_problems
        return check_team(data, "t1", district)


def _assert_well_formed(team: object, problems: list, files: dict[str, bytes]) -> None:
    for problem in problems:
        assert problem.file in TABLE_FILES, problem
        assert problem.message, problem
        if problem.row is not None and problem.file in files:
            assert 1 <= problem.row <= _lines(files[problem.file]), (problem, _lines(files[problem.file]))
    if not problems:
        assert team is not None


@PROPERTY_SETTINGS
@given(
    header=st.one_of(
        st.just(ASSESSMENT_HEADER),
        st.permutations(ASSESSMENT_HEADER + ["date"]),
        st.lists(
            st.one_of(st.sampled_from([*ASSESSMENT_HEADER, "Points Possible", " Student ID "]), CELL),
            min_size=1, max_size=7,
        ),
    ),
    body=st.lists(st.lists(CELL, min_size=0, max_size=8), max_size=12),
    delimiter=st.sampled_from([",", ";", "\t"]),
    quoted=st.booleans(),
    encoding=ENCODING,
)
def test_any_assessments_file_gives_a_team_or_located_problems(
    header: list[str], body: list[list[str]], delimiter: str, quoted: bool, encoding: str,
) -> None:
    assessments = _encode(_render([header, *body], delimiter, quoted), encoding)
    files = {"students.csv": STUDENTS_OK.encode(), "assessments.csv": assessments}
    team, problems = _check(files)
    _assert_well_formed(team, problems, files)


@PROPERTY_SETTINGS
@given(
    rows=st.lists(st.tuples(CELL, CELL, CELL), max_size=12),
    quoted=st.booleans(),
    encoding=ENCODING,
)
def test_any_roster_gives_a_team_or_located_problems(
    rows: list[tuple[str, str, str]], quoted: bool, encoding: str,
) -> None:
    text = _render([["student_id", "grade", "section"], *map(list, rows)], ",", quoted)
    files = {"students.csv": _encode(text, encoding), "assessments.csv": ASSESSMENTS_OK.encode()}
    team, problems = _check(files)
    _assert_well_formed(team, problems, files)


# Printable text only: control characters make a file look binary, which is reported instead.
_PRINTABLE = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=15)


@PROPERTY_SETTINGS
@given(
    sections=st.lists(
        st.one_of(_PRINTABLE, st.sampled_from(['a "quoted" word', "x,y", "x;y", "line\nbreak", "é ñ 数据 😀"])),
        min_size=1, max_size=8,
    ),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_quoted_text_comes_back_unchanged_but_trimmed(sections: list[str], encoding: str) -> None:
    rows = [["student_id", "grade", "section"]] + [[f"{i:03d}", "7", s] for i, s in enumerate(sections, start=1)]
    files = {"students.csv": _encode(_render(rows, ",", quoted=True), encoding)}
    team, problems = _check(files)
    assert problems == []
    loaded = team.students.set_index("student_id")["section"]  # type: ignore[union-attr]
    for i, section in enumerate(sections, start=1):
        expected = section.strip()
        got = loaded.get(f"{i:03d}")
        assert (pd.isna(got) and expected == "") or got == expected, (section, got)


# --- a million rows ---------------------------------------------------------------------

_MEASURE = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    from datadriver_utils.contract.team import check_team, load_district
    data = Path(sys.argv[1])
    district, _ = load_district(data)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    team, problems = check_team(data, "t1", district)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "growth_mb": (after - before) / 1024, "seconds": seconds,
        "rows": len(team.assessments), "last_row": int(team.assessments.index[-1]),
        "problems": [[p.row, p.column, p.value] for p in problems],
    }))
    """
)


def _million_row_folder(data: Path, rows: int = 1_000_000, students: int = 5_000) -> None:
    """5,000 students x 2 windows x 100 standards, all valid, plus one bad row at the end."""
    per_student = rows // students
    ids = np.char.zfill(np.arange(students).astype(str), 5)
    frame = pd.DataFrame({
        "student_id": np.repeat(ids, per_student),
        "window": np.tile(np.repeat(["pre", "post"], per_student // 2), students),
        "standard": np.tile(np.char.add("S", np.arange(per_student // 2).astype(str)), students * 2),
        "points": np.random.default_rng(7).integers(0, 11, rows),
        "points_possible": 10,
    })
    roster = "student_id,grade\n" + "".join(f"{s},7\n" for s in ids)
    assessments = frame.to_csv(index=False, lineterminator="\n") + "00000,post,EXTRA,85%,100\n"
    write_team(data, {"students.csv": roster, "assessments.csv": assessments})


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KiB on Linux (bytes on macOS)")
def test_a_million_rows_load_within_memory_and_time(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _million_row_folder(data)
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(data)], capture_output=True, text=True, cwd=REPO, timeout=120, check=False,
    )
    wall = time.perf_counter() - started
    assert completed.returncode == 0, completed.stderr[-2000:]
    measured = json.loads(completed.stdout.strip().splitlines()[-1])
    # The 30 MB file is read as text, checked in two pandera passes and parsed: about 0.3 GB
    # here. 1.5 GB leaves room for other machines while still catching a copy-per-cell mistake.
    assert measured["growth_mb"] < 1500, measured
    assert measured["seconds"] < 60 and wall < 90, (measured, wall)
    assert measured["rows"] == 1_000_001 and measured["last_row"] == 1_000_002
    # The one planted mistake is found, on the right spreadsheet row (header + 1,000,000 rows).
    assert measured["problems"] == [[1_000_002, "points", "85%"]]
