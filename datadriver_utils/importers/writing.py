"""Writing an import into a team folder: atomically, and never over a team's files unless told how.

* **refuse** (the default): if any file the import would write already exists, nothing is
  written and the message lists them, with ``--append`` and ``--replace`` as the two ways on;
* **append**: each table is merged with the existing one by the table's key (students by
  ``student_id``; assessments by student, window, standard and item; survey answers by survey,
  administration, respondent and item) -- an imported row replaces an existing row with the
  same key, every other existing row is kept; a student whose grade changes is reported;
* **replace**: the imported tables replace the existing ones.

Every file goes through :func:`~datadriver_utils.core.paths.atomic_write_text` (a reader sees
the old file or the whole new one). A team folder without ``team.yml`` gets one (windows in time
order, grades from the data); one that lacks some imported windows gets them added to its
``windows:`` line (the rest of the file is left as written). A ``.xlsx`` version of a table is
never overwritten or shadowed: the import stops and says so.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
import yaml

from datadriver_utils.contract.config import TeamConfig, grade_sort_key, parse_config, read_yaml
from datadriver_utils.contract.reading import read_table_checked
from datadriver_utils.contract.schemas import TABLES
from datadriver_utils.contract.windows import order_windows
from datadriver_utils.core.paths import atomic_write_bytes, atomic_write_text, resolve_inside
from datadriver_utils.errors import ImportRefusedError, Problem, TableReadError, TeamFilesExistError
from datadriver_utils.importers.plan import ImportPlan
from datadriver_utils.sample.templates import DISTRICT_TEMPLATE

__all__ = ["Mode", "WriteResult", "prepare_writes", "write_prepared", "read_team_config"]

Mode = Literal["refuse", "append", "replace"]


@dataclass
class WriteResult:
    """What a run writes (or, on a dry run, would write), file by file."""

    files: dict[str, bytes] = field(default_factory=dict)
    actions: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_team_config(team_dir: Path) -> TeamConfig | None:
    """team.yml if it exists and is valid; a broken one stops the import (fix it first)."""
    path = team_dir / "team.yml"
    if not path.is_file():
        return None
    raw, problems = read_yaml(path, "team.yml")
    config = None if raw is None else parse_config(TeamConfig, raw, "team.yml")[0]
    if config is None:
        problems = problems or parse_config(TeamConfig, raw or {}, "team.yml")[1]
        raise ImportRefusedError("team.yml has problems; fix them first (`datadriver check` lists them too):", problems)
    return config


def _cell(value: object) -> str:
    """A cell as written: blank for missing, 200 not 200.0, text as it is."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return ""
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.10g}"
    return str(value)


def _csv(frame: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    frame.map(_cell).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def _existing(team_dir: Path, key: str) -> tuple[Path | None, Path | None]:
    stem = Path(TABLES[key].file).stem
    csv_path, xlsx_path = team_dir / f"{stem}.csv", team_dir / f"{stem}.xlsx"
    return (csv_path if csv_path.is_file() else None), (xlsx_path if xlsx_path.is_file() else None)


def _merge(existing_path: Path, key: str, new: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Existing rows, then imported ones; an imported row replaces an existing row with its key."""
    try:
        old, _problems = read_table_checked(existing_path, existing_path.name)
    except TableReadError as error:
        raise ImportRefusedError(f"{existing_path.name} cannot be read, so the import cannot add to it:",
                                 [error.problem]) from None
    old = old.reset_index(drop=True)
    new_text = new.map(_cell).replace("", pd.NA).astype("string")
    keys = [k for k in TABLES[key].unique_by if k in new_text or k in old]
    for frame in (old, new_text):
        for k in keys:
            if k not in frame:
                frame[k] = pd.NA
    problems = _grade_changes(old, new_text) if key == "students" else []
    both = pd.concat([old.astype("string"), new_text], ignore_index=True)
    merged = both[~both[keys].fillna("").duplicated(keep="last")] if keys else both
    return merged, problems


def _grade_changes(old: pd.DataFrame, new: pd.DataFrame) -> list[Problem]:
    if "grade" not in old or "student_id" not in old:
        return []
    before = old.dropna(subset=["student_id"]).drop_duplicates("student_id").set_index("student_id")["grade"]
    changed = new[new["student_id"].map(before).notna() & (new["student_id"].map(before) != new["grade"])]
    return [Problem("students.csv", f"student {r.student_id} was in grade {before[r.student_id]} in students.csv; "
                    f"the import says grade {r.grade} and students.csv now says so. Check which is right.",
                    column="grade", value=str(r.grade)) for r in changed.itertuples()]


def _team_yml(team_dir: Path, plan: ImportPlan, config: TeamConfig | None) -> tuple[str | None, str | None]:
    """New or edited team.yml text, and the action in words (None, None when nothing changes)."""
    path = team_dir / "team.yml"
    if config is None:
        defaults = plan.team_defaults
        grades = sorted(set(plan.distinct("students", "grade")), key=grade_sort_key) or defaults.grade_levels
        if not grades:
            raise ImportRefusedError("Nothing was written: the team folder has no team.yml, and the export does not say "
                                     "which grades the team teaches.", [Problem(
                                         "team.yml", "create the team first (`datadriver new-team " + str(team_dir)
                                         + "`), or add  team: {grade_levels: [6, 7, 8]}  to the mapping file.")])
        body = {
            "name": defaults.name or team_dir.name, "school": defaults.school or "School not named in the export",
            "subject": defaults.subject or "Subject not named in the export", "grade_levels": grades,
            "windows": plan.windows or ["pre", "post"],
        }
        text = ("# Written by `datadriver import`: check the name, school and subject, then add your members and goal\n"
                "# (docs/data-contract.md). Windows are in time order; add benchmarks: for scale scores.\n"
                + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, default_flow_style=None))
        return text, "team.yml (new: check its name, school and subject)"
    missing = [w for w in plan.windows if w not in config.windows]
    if not missing:
        return None, None
    text = path.read_text(encoding="utf-8-sig")
    written = (yaml.safe_load(text) or {}).get("windows") or []
    listed = [str(w).strip().lower() for w in (written if isinstance(written, list) else [written])]
    line = yaml.safe_dump({"windows": order_windows([*listed, *missing])}, default_flow_style=None,
                          allow_unicode=True, width=10_000).strip()
    return _replace_top_level(text, "windows", line), f"team.yml (windows added: {', '.join(missing)})"


def _replace_top_level(text: str, key: str, new_line: str) -> str:
    """Replace a top-level ``key:`` entry (its line and the indented or list lines under it)."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), None)
    if start is None:
        return text.rstrip("\n") + "\n" + new_line + "\n"
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "-", "\t")) or not lines[end].strip()):
        end += 1
    return "\n".join([*lines[:start], new_line, *lines[end:]]) + "\n"


def prepare_writes(plan: ImportPlan, team_dir: Path, mode: Mode, config: TeamConfig | None,
                   mapping_copy: tuple[str, bytes] | None = None) -> WriteResult:
    """Everything the run would write, as bytes per relative path; raises before anything is written.

    Raises
    ------
    TeamFilesExistError
        In ``refuse`` mode when a table exists; in any mode when an ``.xlsx`` table exists.
    """
    result = WriteResult()
    existing, workbooks = [], []
    for key in plan.tables:
        csv_path, xlsx_path = _existing(team_dir, key)
        if xlsx_path is not None:
            workbooks.append(Problem(xlsx_path.name, "the team keeps this table as a workbook; the import writes CSV "
                                     "files and will not hide or overwrite it. Save it as CSV (then use --append) or move "
                                     "it out of the team folder (then run again)."))
        if csv_path is not None:
            existing.append(csv_path)
    if workbooks:
        raise TeamFilesExistError("Nothing was written:", workbooks)
    if existing and mode == "refuse":
        raise TeamFilesExistError("Nothing was written: the team folder already has " + ", ".join(p.name for p in existing)
                                  + ".", [Problem(p.name, "exists. Run again with --append to merge the imported rows "
                                                  "into it (matched by the table's key), or --replace to overwrite it.")
                                          for p in existing])
    for key, frame in plan.tables.items():
        name = TABLES[key].file
        csv_path, _ = _existing(team_dir, key)
        if csv_path is not None and mode == "append":
            merged, problems = _merge(csv_path, key, frame)
            result.problems += problems
            result.files[name] = _csv(merged)
            result.actions.append(f"{name} ({len(frame)} imported rows merged into {len(merged) - len(frame)} kept "
                                  f"rows: {len(merged)} in all)")
        else:
            result.files[name] = _csv(frame)
            verb = "replaced" if csv_path is not None else "new"
            result.actions.append(f"{name} ({verb}: {len(frame)} rows)")
    team_text, action = _team_yml(team_dir, plan, config)
    if team_text is not None and action is not None:
        result.files["team.yml"] = team_text.encode("utf-8")
        result.actions.append(action)
    for relative, content in plan.secret_files.items():
        if not (team_dir / relative).is_file():
            result.files[relative] = content
            result.actions.append(f"{relative} (new: the key that keeps respondent ids stable; keep it in the team folder)")
    if mapping_copy is not None:
        result.files[mapping_copy[0]] = mapping_copy[1]
        result.actions.append(f"{mapping_copy[0]} (a copy of the mapping, checked by `datadriver check`)")
    return result


def write_prepared(result: WriteResult, team_dir: Path) -> None:
    """Write every prepared file atomically (folders created as needed); district.yml if the data
    folder has none, as ``datadriver new-team`` does."""
    team_dir.mkdir(parents=True, exist_ok=True)
    for relative, content in result.files.items():
        target = resolve_inside(team_dir, relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, content)
    data_dir = team_dir.parent.parent
    if team_dir.parent.name == "teams" and not (data_dir / "district.yml").exists():
        atomic_write_text(data_dir / "district.yml", DISTRICT_TEMPLATE)
        result.actions.append(f"{data_dir / 'district.yml'} (new: fill in the district's name and privacy settings)")
