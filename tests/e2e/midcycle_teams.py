"""Synthetic teams caught mid-cycle, derived from the sample team River Middle (grade 7 math).

Each builder copies River's folder into a data folder under ``tmp_path`` and reshapes it the way
a real team's data looks part-way through an inquiry cycle:

* ``pre-only``: only the first (pre) window has been given. Surveys keep their first
  administration, the run chart its first two weeks, the PDSA log its first cycle with study and
  act not written yet, and the benchmark links wait for their check window.
* ``three-windows``: BOY, MOY and EOY (team.yml lists them in that order; MOY holds River's post
  answers for every other student and the pre answers for the rest).
* ``same-score``: every student has the same answers in a window (pre differs from post), so
  every spread is zero and no effect size exists.
* ``three-students``: three students and three survey respondents per administration.

The sample folder is never modified.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import yaml

from tests.conftest import SAMPLE_DATA

SOURCE = "river-middle-g7-math"


def _read(team_dir: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(team_dir / name, dtype=str, keep_default_na=False)


def _write(team_dir: Path, name: str, frame: pd.DataFrame) -> None:
    frame.to_csv(team_dir / name, index=False)


def _edit_yaml(team_dir: Path, **fields: object) -> None:
    path = team_dir / "team.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump({**config, **fields}, sort_keys=False), encoding="utf-8")


def _first_administration(surveys: pd.DataFrame) -> pd.DataFrame:
    first = surveys.groupby("survey")["administration"].transform(lambda a: sorted(set(a))[0]
                                                                  if set(a) != {"pre", "post"} else "pre")
    return surveys[surveys["administration"] == first]


def pre_only(team_dir: Path) -> None:
    """Only the pre window has been given (the state of every team for half a cycle)."""
    assessments = _read(team_dir, "assessments.csv")
    _write(team_dir, "assessments.csv", assessments[assessments["window"] == "pre"])
    _write(team_dir, "surveys.csv", _first_administration(_read(team_dir, "surveys.csv")))
    _write(team_dir, "run_chart.csv", _read(team_dir, "run_chart.csv").head(2))
    pdsa = _read(team_dir, "pdsa.csv").head(1)
    _write(team_dir, "pdsa.csv", pdsa.assign(study="", act="", end_date=""))


def three_windows(team_dir: Path) -> None:
    """BOY, MOY and EOY in team.yml's order (never alphabetical: EOY < MOY)."""
    assessments = _read(team_dir, "assessments.csv")
    ids = sorted(assessments["student_id"].unique())
    odd = set(ids[1::2])
    pre, post = assessments[assessments["window"] == "pre"], assessments[assessments["window"] == "post"]
    moy = pd.concat([post[~post["student_id"].isin(odd)], pre[pre["student_id"].isin(odd)]])
    frames = [pre.assign(window="BOY"), moy.assign(window="MOY", date="2025-12-10"), post.assign(window="EOY")]
    _write(team_dir, "assessments.csv", pd.concat(frames, ignore_index=True))
    links = _read(team_dir, "benchmark_links.csv")
    _write(team_dir, "benchmark_links.csv", links.assign(pattern_window="BOY", check_window="MOY"))
    _edit_yaml(team_dir, windows=["BOY", "MOY", "EOY"])


def same_score(team_dir: Path) -> None:
    """Every student answers every item as the first student did, so nothing varies between students."""
    assessments = _read(team_dir, "assessments.csv")
    first = assessments["student_id"].min()
    model = assessments[assessments["student_id"] == first].set_index(["window", "item_id"])
    key = list(zip(assessments["window"], assessments["item_id"], strict=True))
    for column in ("points", "response"):
        assessments[column] = [model.at[k, column] for k in key]
    _write(team_dir, "assessments.csv", assessments)


def three_students(team_dir: Path) -> None:
    """Three students, and three respondents per survey administration."""
    students = _read(team_dir, "students.csv").head(3)
    _write(team_dir, "students.csv", students)
    assessments = _read(team_dir, "assessments.csv")
    _write(team_dir, "assessments.csv", assessments[assessments["student_id"].isin(students["student_id"])])
    surveys = _read(team_dir, "surveys.csv")
    keep = surveys.groupby(["survey", "administration"])["respondent"].transform(
        lambda r: r.isin(sorted(set(r))[:3]))
    _write(team_dir, "surveys.csv", surveys[keep])


BUILDERS: dict[str, Callable[[Path], None]] = {
    "pre-only": pre_only, "three-windows": three_windows, "same-score": same_score,
    "three-students": three_students,
}


def build_midcycle_district(data_dir: Path, teams: list[str] | None = None) -> Path:
    """A data folder with the sample district.yml and one derived team per builder."""
    (data_dir / "teams").mkdir(parents=True)
    shutil.copy(SAMPLE_DATA / "district.yml", data_dir / "district.yml")
    for team_id in teams or list(BUILDERS):
        team_dir = data_dir / "teams" / team_id
        shutil.copytree(SAMPLE_DATA / "teams" / SOURCE, team_dir)
        _edit_yaml(team_dir, name=f"Mid-cycle test team ({team_id})")
        BUILDERS[team_id](team_dir)
    return data_dir
