"""Synthetic data folders for the benchmarks: many teams, or one very large team.

Built from the committed sample district so every notebook has real-looking data:

* :func:`many_teams` copies the sample teams round robin under new team ids (``syn-0001`` …),
  so N teams cost N times one team's work;
* :func:`large_team` grows one sample team to about ``rows`` item-level assessment rows by
  repeating its roster under new student ids (zero-padded, so leading zeros stay meaningful)
  with every student's answers, and its processes rows with them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_data"


def sample_team_ids() -> list[str]:
    return sorted(p.name for p in (SAMPLE / "teams").iterdir() if (p / "team.yml").is_file())


def fresh_district(target: Path) -> Path:
    """An empty data folder with the sample district.yml."""
    shutil.rmtree(target, ignore_errors=True)
    (target / "teams").mkdir(parents=True)
    shutil.copy(SAMPLE / "district.yml", target / "district.yml")
    return target


def many_teams(target: Path, count: int, sources: list[str] | None = None) -> list[str]:
    """``count`` teams copied round robin from ``sources`` (default: every sample team)."""
    fresh_district(target)
    sources = sources or sample_team_ids()
    team_ids = []
    for number in range(count):
        team_id = f"syn-{number + 1:04d}"
        shutil.copytree(SAMPLE / "teams" / sources[number % len(sources)], target / "teams" / team_id)
        team_ids.append(team_id)
    return team_ids


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def large_team(target: Path, rows: int, source: str = "river-middle-g7-math") -> str:
    """One team with about ``rows`` assessment rows; returns its team id."""
    fresh_district(target)
    team_dir = target / "teams" / "large-team"
    shutil.copytree(SAMPLE / "teams" / source, team_dir)
    students, assessments = _read(team_dir / "students.csv"), _read(team_dir / "assessments.csv")
    copies = max(1, round(rows / len(assessments)))
    width = len(str(len(students) * copies)) + 1  # one leading zero on every id

    def renumber(frame: pd.DataFrame) -> pd.DataFrame:
        position = {sid: i for i, sid in enumerate(students["student_id"])}
        base = frame["student_id"].map(position).to_numpy()
        parts = []
        for copy in range(copies):
            part = frame.copy()
            part["student_id"] = pd.Series(base + copy * len(students)).map(lambda n: str(n).zfill(width)).to_numpy()
            parts.append(part)
        return pd.concat(parts, ignore_index=True)

    renumber(students).to_csv(team_dir / "students.csv", index=False)
    renumber(assessments).to_csv(team_dir / "assessments.csv", index=False)
    processes = team_dir / "processes.csv"
    if processes.is_file():
        frame = _read(processes)
        frame = frame[frame["student_id"].isin(set(students["student_id"]))]
        renumber(frame).to_csv(processes, index=False)
    return "large-team"


def touch_team(data_dir: Path, team_id: str) -> None:
    """Change one team's data a little (one score), as a new export would."""
    path = data_dir / "teams" / team_id / "assessments.csv"
    frame = _read(path)
    points = float(frame.loc[0, "points"])
    frame.loc[0, "points"] = f"{points - 1:g}" if points >= 1 else f"{points + 1:g}"  # stays within 0..possible
    frame.to_csv(path, index=False)
