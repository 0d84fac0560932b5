"""Loading and validating a whole data folder: district, teams, and each team's tables.

A team folder may hold only some tables (teams often start with students and assessments):
a table that is absent is recorded in :attr:`TeamData.missing`, and notebooks say which
template to start from. A table that is present but wrong is a problem, and every problem of
every file is reported at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from datadriver_utils.contract.cache import cache_root_from_env, read_cached, store, team_key
from datadriver_utils.contract.checks import (
    cell_format_schema,
    duplicate_problems,
    parse_cells,
    per_value,
    run_schema,
    value_schema,
)
from datadriver_utils.contract.config import DistrictConfig, TeamConfig, parse_config, read_yaml
from datadriver_utils.contract.reading import read_table_checked
from datadriver_utils.contract.schemas import SCORES_WITHOUT_MAXIMUM, TABLES, TableSpec
from datadriver_utils.core.paths import resolve_inside, validate_team_id
from datadriver_utils.errors import DataProblemsError, MissingDataError, Problem, TableReadError, UnsafePathError

__all__ = [
    "TeamData",
    "list_teams",
    "load_district",
    "load_team",
    "check_team",
    "find_table_file",
]

_TABLE_SUFFIXES = (".csv", ".xlsx")


@dataclass
class TeamData:
    """Everything a notebook needs about one team, validated and typed."""

    team_id: str
    team_dir: Path
    district: DistrictConfig
    config: TeamConfig
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    def has(self, key: str) -> bool:
        """Whether the team has supplied this table."""
        return key in self.tables

    def table(self, key: str) -> pd.DataFrame:
        """The table, or a :class:`MissingDataError` naming the template to start from."""
        if key not in self.tables:
            spec = TABLES[key]
            raise MissingDataError(spec.file, spec.template, spec.purpose)
        return self.tables[key]

    @property
    def students(self) -> pd.DataFrame:
        return self.table("students")

    @property
    def assessments(self) -> pd.DataFrame:
        return self.table("assessments")


def find_table_file(team_dir: Path, spec: TableSpec) -> Path | None:
    """``students.csv`` or ``students.xlsx`` inside the team folder, whichever exists."""
    stem = Path(spec.file).stem
    for suffix in _TABLE_SUFFIXES:
        candidate = team_dir / f"{stem}{suffix}"
        if candidate.is_file():
            return resolve_inside(team_dir, candidate.name)
    return None


def load_district(data_dir: Path) -> tuple[DistrictConfig | None, list[Problem]]:
    """Read ``district.yml``; a data folder without one is a problem for every team."""
    path = data_dir / "district.yml"
    if not path.is_file():
        return None, [Problem("district.yml", f"not found in {data_dir}. Copy sample_data/templates/district.yml there.")]
    raw, problems = read_yaml(path, "district.yml")
    if raw is None:
        return None, problems
    return parse_config(DistrictConfig, raw, "district.yml")


def list_teams(data_dir: Path) -> list[str]:
    """Team ids: the folders under ``teams/`` that hold a team.yml, sorted."""
    teams_dir = data_dir / "teams"
    if not teams_dir.is_dir():
        return []
    return sorted(p.name for p in teams_dir.iterdir() if p.is_dir() and (p / "team.yml").is_file())


def _read_and_check(
    spec: TableSpec,
    path: Path,
    extra_column_checks: dict[str, list[pa.Check]] | None = None,
    row_checks: dict[str, Callable[[pd.DataFrame], pd.Series]] | None = None,
) -> tuple[pd.DataFrame | None, list[Problem]]:
    label = path.name
    try:
        raw, read_problems = read_table_checked(path, label)
    except TableReadError as error:
        return None, [error.problem]
    spec_for_file = spec if label == spec.file else TableSpec(
        spec.key, label, spec.purpose, spec.columns, spec.unique_by, spec.row_rules
    )
    problems = read_problems + run_schema(cell_format_schema(spec_for_file), raw, spec_for_file)
    if any(p.row is None and p.column in spec.required_columns for p in problems):
        return None, problems  # a required column is missing: value checks would only add noise
    parsed = parse_cells(spec, raw)
    problems += run_schema(
        value_schema(spec_for_file, parsed.columns, extra_column_checks, row_checks), parsed, spec_for_file
    )
    problems += duplicate_problems(spec_for_file, parsed)
    return parsed, problems


def _points_within_possible(frame: pd.DataFrame) -> pd.Series:
    return ~(frame["points"] > frame["points_possible"])


def _score_types(frame: pd.DataFrame) -> pd.Series:
    """The score type of each row; blank (or no column) means points."""
    if "score_type" not in frame:
        return pd.Series("points", index=frame.index)
    return frame["score_type"].astype("string").str.lower().fillna("points")


def _possible_needed(frame: pd.DataFrame) -> pd.Series:
    return frame["points_possible"].notna() | _score_types(frame).isin(SCORES_WITHOUT_MAXIMUM) | frame["points"].isna()


def _percent_within_100(frame: pd.DataFrame) -> pd.Series:
    return ~(_score_types(frame).isin(["percentile", "percent"]) & (frame["points"] > 100))


def check_team(
    data_dir: Path, team_id: str, district: DistrictConfig, cache: Path | None = None,
) -> tuple[TeamData | None, list[Problem]]:
    """Validate one team folder; return its data (if usable) and every problem found.

    With ``cache`` (a folder, see :mod:`~datadriver_utils.contract.cache`) a team whose files
    have not changed since they last passed is read back from there, and a team that passes
    now is stored there. A team with problems is never stored, so it is checked every time.
    """
    team_dir = resolve_inside(data_dir / "teams", validate_team_id(team_id))
    if cache is None:
        return _check_files(team_dir, team_id, district)
    data_dir = Path(data_dir).resolve()
    key = team_key(data_dir, team_id)
    hit = read_cached(cache, data_dir, team_id, key)
    if hit is not None:
        raw, problems = read_yaml(team_dir / "team.yml", "team.yml")
        config, config_problems = parse_config(TeamConfig, raw, "team.yml") if raw is not None else (None, [])
        if config is not None and not problems + config_problems:
            return TeamData(team_id, team_dir, district, config, hit.tables, hit.missing), []
    team, problems = _check_files(team_dir, team_id, district)
    if team is not None and not problems and team_key(data_dir, team_id) == key:  # unchanged while read
        store(cache, data_dir, team_id, key, team.tables, team.missing)
    return team, problems


def _check_files(
    team_dir: Path, team_id: str, district: DistrictConfig,
) -> tuple[TeamData | None, list[Problem]]:
    """Read and check every file of the team folder."""
    raw, problems = read_yaml(team_dir / "team.yml", "team.yml") if (team_dir / "team.yml").is_file() else (
        None, [Problem("team.yml", f"not found in {team_dir}. Run `datadriver new-team` or copy the template.")]
    )
    config = None
    if raw is not None:
        config, config_problems = parse_config(TeamConfig, raw, "team.yml")
        problems += config_problems
    tables: dict[str, pd.DataFrame] = {}
    missing: list[str] = []
    for spec in TABLES.values():
        try:
            path = find_table_file(team_dir, spec)
        except UnsafePathError as error:  # e.g. a symlink pointing outside the team folder
            problems.append(Problem(spec.file, str(error)))
            continue
        if path is None:
            if spec.expected:
                missing.append(spec.key)
            continue
        extra: dict[str, list[pa.Check]] = {}
        row_checks: dict[str, Callable[[pd.DataFrame], pd.Series]] = {}
        if spec.key == "assessments":
            windows = config.windows if config else ["pre", "post"]
            extra["window"] = [pa.Check(
                lambda s, w=tuple(windows): per_value(s, lambda u: u.str.lower().isin(w)),
                error="expected a window named in team.yml: " + ", ".join(windows)
                + " (add other windows to the `windows:` list of team.yml)",
            )]
            if "students" in tables:
                roster = tables["students"]["student_id"].dropna().unique()
                extra["student_id"] = [pa.Check(
                    lambda s, r=roster: per_value(s, lambda u: u.isin(r)),
                    error="this student is not in students.csv: add them to the roster or correct the id",
                )]
            row_checks["points_within_possible"] = _points_within_possible
            row_checks["possible_needed"] = _possible_needed
            row_checks["percent_within_100"] = _percent_within_100
        frame, table_problems = _read_and_check(spec, path, extra, row_checks)
        problems += table_problems
        if frame is not None and frame.empty:
            if spec.expected:
                missing.append(spec.key)  # a template with its header only: not filled in yet
        elif frame is not None:
            if "window" in frame:
                frame["window"] = frame["window"].str.lower()
            tables[spec.key] = frame
    if config is None:
        return None, problems
    return TeamData(team_id, team_dir, district, config, tables, missing), problems + _goal_cut_problems(config, tables)


def _goal_cut_problems(config: TeamConfig, tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """A goal on point scores needs its percent-correct cut (a scale-score goal reads cut_score or
    the benchmarks instead, so the cut may be left out there).  Which kind a team's analyses show
    follows :func:`datadriver_utils.stats.scale_scores.headline_score_type`: scale, else points."""
    goal, rows = config.goal, tables.get("assessments")
    if goal is None or goal.proficiency_cut_pct is not None or rows is None:
        return []
    kinds = set(rows["score_type"].fillna("points").str.lower()) if "score_type" in rows else {"points"}
    if "scale" in kinds or not kinds & {"points", "percent"}:  # the analyses show scale scores first
        return []
    return [Problem("team.yml", "goal.proficiency_cut_pct is missing: the goal is read on point scores, so it "
                    "needs the percent correct that counts as proficient (e.g. `proficiency_cut_pct: 70`).")]


def load_team(data_dir: str | Path, team_id: str, cache: str | Path | None = None) -> TeamData:
    """Load a validated team, or raise :class:`DataProblemsError` listing every problem.

    ``cache`` is a folder of checked teams (:mod:`~datadriver_utils.contract.cache`); without
    it the folder named by the ``DATADRIVER_CACHE`` environment variable is used, which the
    batch sets for its notebooks, and with neither every file is read and checked again.
    """
    data_path = Path(data_dir).resolve()
    district, problems = load_district(data_path)
    if district is None:
        raise DataProblemsError(problems, team_id)
    cache_root = Path(cache) if cache is not None else cache_root_from_env()
    team, team_problems = check_team(data_path, team_id, district, cache_root)
    if team is None or team_problems:
        raise DataProblemsError(team_problems, team_id)
    return team
