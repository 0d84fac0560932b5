"""The district's pages, rebuilt from the stored results after every run: index, CSV and summary.

A run may render only the teams whose inputs changed (:mod:`datadriver_utils.batch.state`), or
only the teams named with ``--team``; the district index and ``district-summary.json`` still
list every team of the data folder that the export folder holds reports for, of the run's
audience: the teams of this run with their outcome now, the others with their stored outcome.
What the index and ``district_summary.csv`` *say* is :mod:`datadriver_utils.batch.comparison`'s
business (one row list for both); this module only gathers the outcomes and writes the files
(atomically).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datadriver_utils.batch.comparison import district_csv, district_rows
from datadriver_utils.batch.index import render_index
from datadriver_utils.batch.outcomes import TeamOutcome
from datadriver_utils.batch.state import records_for
from datadriver_utils.contract.team import list_teams, load_district
from datadriver_utils.core.paths import atomic_write_json, atomic_write_text
from datadriver_utils.errors import DataDriverError

if TYPE_CHECKING:
    from datadriver_utils.batch.runner import BatchOptions

__all__ = ["DISTRICT_CSV", "DISTRICT_SUMMARY", "district_outcomes", "publish_district"]

DISTRICT_SUMMARY = "district-summary.json"
DISTRICT_CSV = "district_summary.csv"
"""The index's table as CSV (the same columns and words)."""


def district_outcomes(options: BatchOptions, current: Sequence[TeamOutcome]) -> list[TeamOutcome]:
    """This run's outcomes, and the stored outcome of every other team with reports, by team id."""
    by_id = {o.team_id: o for o in current}
    others = [t for t in list_teams(options.data_dir) if t not in by_id]
    for team_id, record in records_for(options.out_dir, others, options.audience.value).items():
        record.outcome.reused, record.outcome.rendered_at = True, record.rendered_at
        by_id[team_id] = record.outcome
    return [by_id[t] for t in sorted(by_id)]


def _team_summary(out_dir: Path, outcome: TeamOutcome) -> dict[str, Any]:
    """One team's line of the district summary: its status and the sections it published."""
    line: dict[str, Any] = {
        "team_id": outcome.team_id, "name": outcome.name, "ok": outcome.ok, "status": outcome.status_line,
        "rendered_at": outcome.rendered_at or None, "missing_files": list(outcome.missing_files),
    }
    if outcome.notebooks:
        try:
            published = json.loads((out_dir / outcome.team_id / "summary.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            published = {}
        line["sections"] = {k: v for k, v in published.items()
                            if k not in {"team_id", "generated_at", "audience", "reports"}}
    return line


def publish_district(options: BatchOptions, current: Sequence[TeamOutcome]) -> Path | None:
    """Write ``index.html``, ``district_summary.csv`` and ``district-summary.json``; the index
    path, or ``None`` if unwritable."""
    outcomes = district_outcomes(options, current)
    district, _ = load_district(options.data_dir)
    title = district.name if district else "District"
    path = options.out_dir / "index.html"
    rows = district_rows(options.out_dir, options.audience.value, outcomes, options.notebook_dir)
    try:
        atomic_write_text(options.out_dir / DISTRICT_CSV, district_csv(rows), encoding="utf-8-sig")  # Excel reads "—"
        atomic_write_text(path, render_index(title, options.audience.value, rows))
        atomic_write_json(options.out_dir / DISTRICT_SUMMARY, {
            "district": title,
            "audience": options.audience.value,
            "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "teams": [_team_summary(options.out_dir, o) for o in outcomes],
        })
    except DataDriverError:
        return None
    return path
