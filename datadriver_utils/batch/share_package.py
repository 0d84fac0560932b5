"""The share package: a PDSA test, its run chart and artifacts in one folder, for other teachers.

Sharing Improvement Strategies (teacher-leadership micro-credentials, Teaching Matters;
shared/seeds 003) asks a teacher to post her PDSA tracker, run chart and related artifacts
(a sample assignment, student work, instructions, lessons learned) where other teachers can
learn from them.  That folder leaves the school, so nothing in it may identify a student:

* the PDSA tracker goes without its ``plan`` and ``do`` notes (they name colleagues and
  sections), the run chart as a CSV and a PNG;
* each artifact listed in ``artifacts.csv`` for ``sharing_improvement_strategies`` is copied
  only if it is a file inside the team's folder that we can read as text (``.txt .csv .md
  .html .json``) and no student id of ``students.csv`` appears in it, nor (for a CSV) a column
  named like an identifier; a link is listed; anything else (a PDF, a photo) is left out with
  the reason, for a person to check and add by hand;
* the lessons learned (``reflections.csv``) go in as text, checked the same way;
* ``README.txt`` lists what is in the folder and what was left out and why -- never the ids.

:func:`share_manifest` says all this without writing; :func:`export_share_package` writes the
folder (built aside, then moved into place, so a failed export leaves no half folder).
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from datadriver_utils.charts.runchart import run_chart_figure
from datadriver_utils.contract.team import TeamData
from datadriver_utils.core.paths import atomic_write_bytes, atomic_write_text, resolve_inside
from datadriver_utils.errors import OutputWriteError, UnsafePathError
from datadriver_utils.privacy.rules import IDENTIFIER_COLUMNS
from datadriver_utils.stats.improvement import identifier_hits
from datadriver_utils.stats.runchart_reading import read_run_chart
from datadriver_utils.workshop.records import SOURCE_COLUMN, team_records

__all__ = ["CHECKABLE_SUFFIXES", "PackageItem", "ShareManifest", "export_share_package", "share_manifest"]

CHECKABLE_SUFFIXES = frozenset({".txt", ".csv", ".md", ".html", ".htm", ".json"})
"""Artifact files the export can read as text and check for student identifiers."""
_PDSA_SHARED = ["cycle", "question", "change_idea", "prediction", "measure", "study", "act", "start_date", "end_date"]


@dataclass
class PackageItem:
    """One file (or link) of the share package: where it comes from, and whether it goes in."""

    name: str
    kind: str
    source: str
    included: bool
    reason: str = ""
    content: bytes | None = field(default=None, repr=False)


@dataclass
class ShareManifest:
    """Everything the share package would hold, and what it leaves out."""

    teacher: str | None
    items: list[PackageItem]

    @property
    def frame(self) -> pd.DataFrame:
        return pd.DataFrame([{"file": i.name, "kind": i.kind, "from": i.source, "included": i.included,
                              "reason": i.reason} for i in self.items],
                            columns=["file", "kind", "from", "included", "reason"])

    @property
    def n_included(self) -> int:
        return sum(i.included for i in self.items)

    @property
    def n_excluded(self) -> int:
        return sum(not i.included for i in self.items)


def _student_ids(team: TeamData) -> set[str]:
    return set(team.table("students")["student_id"].dropna().astype(str)) if team.has("students") else set()


def _checked(name: str, kind: str, source: str, text: str, ids: set[str]) -> PackageItem:
    hits = identifier_hits(text, ids)
    if hits:
        return PackageItem(name, kind, source, False, f"holds {len(hits)} student id(s): remove them and export "
                           "again")
    return PackageItem(name, kind, source, True, content=text.encode("utf-8"))


def _csv_text(frame: pd.DataFrame) -> str:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def _pdsa_items(team: TeamData, ids: set[str]) -> list[PackageItem]:
    if not team.has("pdsa"):
        return [PackageItem("pdsa.csv", "PDSA tracker", "pdsa.csv", False, "the team has no pdsa.csv yet")]
    pdsa = team.table("pdsa")[[c for c in _PDSA_SHARED if c in team.table("pdsa")]].copy()
    for column in ("start_date", "end_date"):
        if column in pdsa:
            pdsa[column] = pdsa[column].dt.strftime("%Y-%m-%d")
    return [_checked("pdsa.csv", "PDSA tracker", "pdsa.csv (without plan and do notes)", _csv_text(pdsa), ids)]


def _run_chart_items(team: TeamData, ids: set[str]) -> list[PackageItem]:
    if not team.has("run_chart") or not team.table("run_chart")["value"].notna().any():
        return [PackageItem("run_chart.csv", "run chart", "run_chart.csv", False, "the team has no run chart yet")]
    chart = team.table("run_chart").sort_values("date").reset_index(drop=True)
    text = _csv_text(chart.assign(date=chart["date"].dt.strftime("%Y-%m-%d")))
    item = _checked("run_chart.csv", "run chart", "run_chart.csv", text, ids)
    found = read_run_chart(chart, pdsa=team.table("pdsa") if team.has("pdsa") else None)  # as notebook 14 reads it
    buffer = io.BytesIO()
    run_chart_figure(found.data, found.whole, found.measure, marks=found.marks, gaps=found.gaps).savefig(
        buffer, format="png", dpi=100, bbox_inches="tight")
    picture = PackageItem("run_chart.png", "run chart", "drawn from run_chart.csv", item.included, item.reason,
                          buffer.getvalue() if item.included else None)
    return [item, picture]


def _artifact_item(team: TeamData, row: pd.Series, ids: set[str]) -> PackageItem:
    location = str(row["location"]).strip()
    title = str(row["title"])
    if location.lower().startswith(("http://", "https://")):
        return PackageItem(title, str(row["kind"]), location, True, "a link: listed in README.txt")
    try:
        path = resolve_inside(team.team_dir, location)
    except UnsafePathError:
        return PackageItem(Path(location).name, str(row["kind"]), location, False,
                           "outside the team folder: keep artifacts under the team's artifacts/ folder")
    if not path.is_file():
        return PackageItem(path.name, str(row["kind"]), location, False, "the file is not there")
    if path.suffix.lower() not in CHECKABLE_SUFFIXES:
        return PackageItem(path.name, str(row["kind"]), location, False, "cannot be checked for student "
                           "identifiers: look at it yourself and add it to the folder by hand")
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    if path.suffix.lower() == ".csv":
        header = {h.strip().lower() for h in text.splitlines()[0].split(",")} if text else set()
        if header & IDENTIFIER_COLUMNS:
            return PackageItem(path.name, str(row["kind"]), location, False, "has a column that identifies "
                               "students or respondents: remove it and export again")
    return _checked(path.name, str(row["kind"]), location, text, ids)


def share_manifest(team: TeamData, teacher: str | None = None) -> ShareManifest:
    """What the share package of ``teacher`` (or of every teacher) would hold, checked."""
    ids = _student_ids(team)
    items = _pdsa_items(team, ids) + _run_chart_items(team, ids)
    artifacts = team_records(team, "artifacts").frame
    artifacts = artifacts[artifacts["credential"] == "sharing_improvement_strategies"]
    lessons = team_records(team, "reflections").frame
    lessons = lessons[lessons["prompt"] == "lessons_learned"]
    if teacher:
        artifacts, lessons = artifacts[artifacts["teacher"] == teacher], lessons[lessons["teacher"] == teacher]
    items += [_artifact_item(team, row, ids) for _, row in artifacts.drop(columns=SOURCE_COLUMN).iterrows()]
    if not lessons.empty:
        text = "\n\n".join(f"{t}:\n{x}" for t, x in zip(lessons["teacher"], lessons["text"]))
        items.append(_checked("lessons-learned.txt", "lessons learned", "reflections.csv", text + "\n", ids))
    return ShareManifest(teacher, items)


def _readme(team: TeamData, manifest: ShareManifest) -> str:
    lines = [f"Share package: {team.config.name}, {team.config.school}", "",
             "A PDSA test and its run chart, with related artifacts, for other teachers to learn from.", "",
             "In this folder:"]
    lines += [f"  - {i.name} ({i.kind})" + (f": {i.source}" if i.reason.startswith("a link") else "")
              for i in manifest.items if i.included]
    left = [i for i in manifest.items if not i.included]
    if left:
        lines += ["", "Left out:"] + [f"  - {i.name} ({i.kind}): {i.reason}" for i in left]
    lines += ["", "No file here identifies a student: every file was checked against the school's student ids."]
    return "\n".join(lines) + "\n"


def export_share_package(team: TeamData, out_dir: Path, teacher: str | None = None) -> Path:
    """Write the share package into ``out_dir/share-package`` (replacing an earlier one); returns it.

    Raises
    ------
    OutputWriteError
        When the folder cannot be written; an earlier package is left as it was.
    """
    manifest = share_manifest(team, teacher)
    out_dir.mkdir(parents=True, exist_ok=True)
    final = out_dir / "share-package"
    building = Path(tempfile.mkdtemp(prefix=".share-package-", dir=out_dir))
    try:
        for item in manifest.items:
            if item.included and item.content is not None:
                atomic_write_bytes(building / item.name, item.content)
        atomic_write_text(building / "README.txt", _readme(team, manifest))
        if final.exists():
            shutil.rmtree(final)
        os.replace(building, final)
    except OutputWriteError:
        shutil.rmtree(building, ignore_errors=True)
        raise
    except OSError as error:
        shutil.rmtree(building, ignore_errors=True)
        raise OutputWriteError(final, error.strerror or type(error).__name__) from error
    return final
