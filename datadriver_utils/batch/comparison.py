"""The district's comparison table: one row per team, read from the team's own summary.json.

The index (``index.html``) and ``district_summary.csv`` are two views of the same
:class:`DistrictRow` list, so they cannot disagree.  Nothing here computes a statistic: every
figure is a field the team's notebooks published in ``summary.json`` for the run's audience,
already suppressed and coded there (a public ``"≤5%"`` stays ``"≤5%"``).  A field that is
absent, null or of an unexpected type -- a file not supplied yet, a notebook that did not run,
a figure withheld, a summary written by another version -- shows as :data:`ABSENT`.

The fields read (docs/summary-schema.md):

* goal, baseline, post: ``data_driver.goal.statement``, ``.pre_pct_proficient``,
  ``.post_pct_proficient`` -- the matched students on the goal's standards, the pair that
  drives the progress rating;
* progress rating: ``data_driver.progress_rating``;
* run-chart signal: ``researcher.verdict.headline`` (the chart's own title);
* data quality: ``collection.quality.overall_score``.

A team is **red** when it was not rendered or a report failed, **amber** when every report
rendered but files are still missing, and **green** only when every report rendered and no
file is missing.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datadriver_utils.batch.titles import ReportTitle, report_title
from datadriver_utils.contract.config import PROGRESS_RATINGS
from datadriver_utils.core.definitions import definition_of_field
from datadriver_utils.core.safe_text import excel_safe

if TYPE_CHECKING:
    from datadriver_utils.batch.outcomes import TeamOutcome

__all__ = ["ABSENT", "COLUMNS", "CSV_FIELDS", "Column", "DistrictRow", "ReportLink", "State", "district_csv",
           "district_rows", "read_summary", "shown", "sort_number", "team_row"]

ABSENT = "—"
"""What a cell shows when summary.json has no value for it."""

_NOTEBOOK_STEM = re.compile(r"\d\d_\w+")

CODED = {"≤5%": 5.0, "≥95%": 95.0}
"""Public codes of shares, and the bound each sorts at (the bound is all the code says)."""


class State(Enum):
    """A team's line colour; the value orders teams needing attention first."""

    RED = 0
    AMBER = 1
    GREEN = 2

    @property
    def badge(self) -> str:
        return {State.RED: "Needs attention", State.AMBER: "Files missing", State.GREEN: "Complete"}[self]


@dataclass(frozen=True)
class Column:
    """One column of the table and of the CSV: its CSV key, heading, how it sorts, what it means."""

    key: str
    heading: str
    sort: str
    """``text``, ``number`` or ``""`` (not sortable)."""
    meaning: str


def _label(field: str) -> str:
    """A column's heading: the name its quantity has in every report (core/definitions.py)."""
    found = definition_of_field(field)
    assert found is not None, field
    return found.name


COLUMNS: tuple[Column, ...] = (
    Column("team", "Team", "text", "the team's name in team.yml (its folder name under it)"),
    Column("goal", "Goal", "text", "the student learning goal as the team wrote it"),
    Column("baseline_pct_proficient", _label("data_driver.goal.pre_pct_proficient"), "number",
           "matched students proficient on the goal's standards in the pre window (summary.json "
           "data_driver.goal.pre_pct_proficient): the start the progress rating is judged from; 13 Goal "
           "Setter's baseline counts every pre taker and can differ (docs/analysis.md)"),
    Column("post_pct_proficient", _label("data_driver.goal.post_pct_proficient"), "number",
           "the same students and standards in the post window (data_driver.goal.post_pct_proficient)"),
    Column("progress_rating", "Progress rating", "number",
           "the team's rating, or the one its data suggest (data_driver.progress_rating); sorts from "
           "little or no progress to met goal"),
    Column("run_chart_signal", "Run-chart signal", "text",
           "what the team's run chart says, in the chart's own title (researcher.verdict.headline)"),
    Column("data_quality_score", "Data quality (0-100)", "number",
           "mean score of the team's files in the data-quality audit (collection.quality.overall_score)"),
    Column("files_missing", "Files missing", "number", "optional files the team has not supplied yet"),
    Column("status", "Status", "number", "whether every report rendered; sorts teams needing attention first"),
    Column("reports", "Reports", "", "the team's reports, by the title each notebook gives itself"),
)
"""The table's columns in order; the CSV adds ``team_id`` after ``team`` and ``missing_files``
after ``files_missing`` (in the table they sit inside those cells)."""

CSV_FIELDS: tuple[str, ...] = ("team", "team_id", "goal", "baseline_pct_proficient", "post_pct_proficient",
                               "progress_rating", "run_chart_signal", "data_quality_score", "files_missing",
                               "missing_files", "status", "status_detail", "reports")


@dataclass(frozen=True)
class ReportLink:
    """One report of a team: its readable title, the whole heading, and where it is (None: failed)."""

    title: str
    full_title: str
    href: str | None


@dataclass(frozen=True)
class DistrictRow:
    """One team as the index and the CSV show it; every value as text, :data:`ABSENT` when unknown."""

    team_id: str
    team: str
    goal: str
    baseline: Any
    post: Any
    rating: str
    signal: str
    signal_detail: str
    quality: Any
    missing_files: tuple[str, ...]
    state: State
    status_detail: str
    reports: tuple[ReportLink, ...]
    summary_href: str | None

    def text(self, key: str) -> str:
        """The cell of column ``key`` as text: the same words in the table and the CSV."""
        values: dict[str, str] = {
            "team": self.team, "team_id": self.team_id, "goal": self.goal,
            "baseline_pct_proficient": shown(self.baseline), "post_pct_proficient": shown(self.post),
            "progress_rating": self.rating, "run_chart_signal": self.signal,
            "data_quality_score": shown(self.quality), "files_missing": str(len(self.missing_files)),
            "missing_files": "; ".join(self.missing_files), "status": self.state.badge,
            "status_detail": self.status_detail,
            "reports": "; ".join(r.title if r.href else f"{r.title} (failed)" for r in self.reports),
        }
        return values[key]

    def sort_key(self, key: str) -> str:
        """What the table sorts column ``key`` by (``""``: unknown, always sorted last)."""
        numbers = {
            "baseline_pct_proficient": sort_number(self.baseline), "post_pct_proficient": sort_number(self.post),
            "data_quality_score": sort_number(self.quality), "files_missing": str(len(self.missing_files)),
            "progress_rating": _rating_rank(self.rating), "status": str(self.state.value),
        }
        if key in numbers:
            return numbers[key]
        text = self.text(key)
        return "" if text == ABSENT else text

    def csv_record(self) -> dict[str, str]:
        return {key: self.text(key) for key in CSV_FIELDS}


def shown(value: Any) -> str:
    """A published value as the table prints it: numbers to one decimal, codes as they are."""
    if value is None or isinstance(value, bool):
        return ABSENT
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value) if isinstance(value, str) and value.strip() else ABSENT


def sort_number(value: Any) -> str:
    """The number a cell sorts by: the value, a code's bound, or ``""`` when there is none."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(float(value))
    if isinstance(value, str) and value in CODED:
        return repr(CODED[value])
    return ""


def _rating_rank(rating: str) -> str:
    """``met goal`` → 4 ... ``little or no progress`` → 1; an unknown label sorts last."""
    return str(len(PROGRESS_RATINGS) - PROGRESS_RATINGS.index(rating)) if rating in PROGRESS_RATINGS else ""


def _dig(data: Any, *keys: str) -> Any:
    """``data[k1][k2]...``, or None when a level is missing or not a mapping."""
    for key in keys:
        if not isinstance(data, Mapping):
            return None
        data = data.get(key)
    return data


def _words(value: Any) -> str:
    return value.strip() if isinstance(value, str) and value.strip() else ABSENT


def read_summary(team_dir: Path, audience: str) -> dict[str, Any]:
    """The team's summary.json, or ``{}`` when it is unreadable or was written for another audience
    (a team-view summary must never feed a shared index)."""
    try:
        data = json.loads((team_dir / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("audience") == audience else {}


def _state(outcome: TeamOutcome) -> State:
    if not outcome.ok or not outcome.notebooks:
        return State.RED
    return State.AMBER if outcome.missing_files else State.GREEN


def _status_detail(outcome: TeamOutcome, state: State) -> str:
    """The status in words; a red line is the outcome's own (it never quotes a data value)."""
    if state is State.RED:
        return outcome.status_line
    rendered = f"all {len(outcome.notebooks)} reports rendered"
    n = len(outcome.missing_files)
    return f"{rendered}; {n} file{'s' if n != 1 else ''} not yet supplied" if n else rendered


def _links(outcome: TeamOutcome, notebook_dir: Path) -> tuple[ReportLink, ...]:
    links = []
    for notebook in outcome.notebooks:
        if not _NOTEBOOK_STEM.fullmatch(notebook.notebook):  # "all reports", "summary.json", "... (PDF)"
            continue
        title: ReportTitle = report_title(notebook_dir, notebook.notebook)
        href = f"{outcome.team_id}/{notebook.html}" if notebook.ok and notebook.html else None
        links.append(ReportLink(title.short, title.full, href))
    return tuple(links)


def team_row(outcome: TeamOutcome, summary: Mapping[str, Any], notebook_dir: Path) -> DistrictRow:
    """One team's row from its outcome (status, files, reports) and its summary.json (figures)."""
    goal = _dig(summary, "data_driver", "goal")
    verdict = _dig(summary, "researcher", "verdict")
    state = _state(outcome)
    return DistrictRow(
        team_id=outcome.team_id, team=outcome.name or outcome.team_id,
        goal=_words(_dig(goal, "statement")),
        baseline=_dig(goal, "pre_pct_proficient"), post=_dig(goal, "post_pct_proficient"),
        rating=_words(_dig(summary, "data_driver", "progress_rating")),
        signal=_words(_dig(verdict, "headline")), signal_detail=_words(_dig(verdict, "sentence")),
        quality=_dig(summary, "collection", "quality", "overall_score"),
        missing_files=tuple(outcome.missing_files), state=state, status_detail=_status_detail(outcome, state),
        reports=_links(outcome, notebook_dir),
        summary_href=f"{outcome.team_id}/summary.json" if outcome.notebooks else None,
    )


def district_rows(out_dir: Path, audience: str, outcomes: Sequence[TeamOutcome], notebook_dir: Path) -> list[DistrictRow]:
    """Every team's row, teams needing attention first (red, amber, green), then by name:
    the order the index shows without a script."""
    rows = [team_row(o, read_summary(out_dir / o.team_id, audience) if o.notebooks else {}, notebook_dir)
            for o in outcomes]
    return sorted(rows, key=lambda r: (r.state.value, r.team.casefold(), r.team_id))


def district_csv(rows: Sequence[DistrictRow]) -> str:
    """The table as CSV text: the same cells, in the same order (text a spreadsheet would run as a
    formula gets a leading apostrophe)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(CSV_FIELDS), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: excel_safe(v) for k, v in row.csv_record().items()})
    return buffer.getvalue()
