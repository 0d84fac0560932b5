"""The bad-input corpus (tests/data/bad/cases.yml): every broken file becomes Problems, never a traceback.

Each case drops one file schools really send -- other encodings, renamed workbooks, pasted
headers, dates in four spellings -- into an otherwise valid team folder and checks what the
contract layer answers: accepted with the right values, or problems naming the file, row,
column and value a person must fix (FIELD_NOTES, "Loading what schools export").
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from datadriver_utils.contract.team import TeamData, check_team, load_district
from datadriver_utils.errors import Problem
from tests.conftest import ASSESSMENTS_OK, STUDENTS_OK, write_team

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
CASES: list[dict[str, Any]] = yaml.safe_load((BAD / "cases.yml").read_text(encoding="utf-8"))
NOT_CASES = {"cases.yml", "make_corpus.py", ".gitattributes", "__pycache__"}


def install(case: dict[str, Any], data_dir: Path) -> None:
    """A valid team folder with the case's file in place of the table it stands for."""
    team_dir = write_team(data_dir, {"students.csv": STUDENTS_OK, "assessments.csv": ASSESSMENTS_OK})
    target_name = case["as"]
    folder = data_dir if target_name == "district.yml" else team_dir
    for existing in folder.glob(Path(target_name).stem + ".*"):  # students.xlsx replaces students.csv
        existing.unlink()
    if case["file"] is not None:
        shutil.copyfile(BAD / case["file"], folder / target_name)


def outcome(data_dir: Path) -> tuple[TeamData | None, list[Problem]]:
    district, problems = load_district(data_dir)
    if district is None:
        return None, problems
    return check_team(data_dir, "t1", district)


def matches(problem: Problem, expected: dict[str, Any]) -> bool:
    for key in ("file", "row", "column", "value"):
        if key in expected and getattr(problem, key) != expected[key]:
            return False
    fragments = expected.get("message", [])
    fragments = [fragments] if isinstance(fragments, str) else fragments
    return all(fragment in problem.message for fragment in fragments)


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_bad_input_gives_problems_not_exceptions(case: dict[str, Any], tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    install(case, data_dir)
    try:
        team, problems = outcome(data_dir)
    except Exception as error:  # the point of the corpus: nothing but Problems may come out
        pytest.fail(f"{type(error).__name__} escaped instead of a Problem: {error}")
    assert all(isinstance(p, Problem) and p.file and p.message for p in problems)
    shown = "\n".join(repr(p) for p in problems)
    if case.get("accepted"):
        assert problems == [], shown
        assert team is not None
        for cell in case.get("values", []):
            assert str(team.table(cell["table"]).at[cell["row"], cell["column"]]) == cell["value"], cell
        for key in case.get("missing", []):
            assert key in team.missing
    else:
        assert case["problems"], "a refused case must say which problems it expects"
        for expected in case["problems"]:
            assert any(matches(p, expected) for p in problems), f"no problem like {expected} in:\n{shown}"


def test_every_corpus_file_is_a_case() -> None:
    files = {p.name for p in BAD.iterdir()} - NOT_CASES
    listed = {c["file"] for c in CASES if c["file"] is not None}
    assert files == listed
    assert len(CASES) >= 30
    assert len({c["case"] for c in CASES}) == len(CASES)
