"""The object every notebook opens first: one team, one audience, one place to publish.

A notebook's first code cell is::

    report = dd.open_report(data_dir, team_id, audience, summary_dir)

:class:`Report` loads and validates the team (showing every problem at once, without a
traceback, if the data is wrong), knows the district's privacy rules for the audience, shows
plain notices when a file the notebook needs is missing, and writes the notebook's key figures
to ``summary_dir`` so the batch can assemble ``summary.json``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
from IPython.display import HTML, display

from datadriver_utils.contract.schemas import TABLES
from datadriver_utils.contract.team import TeamData, load_team
from datadriver_utils.core.paths import atomic_write_json, validate_team_id
from datadriver_utils.core.safe_text import escape_text, html_table
from datadriver_utils.errors import DataProblemsError
from datadriver_utils.privacy.release import drop_identifiers, format_for_audience
from datadriver_utils.privacy.rules import Audience, PrivacyRules, rules_for

T = TypeVar("T")

__all__ = ["Report", "open_report", "read_summary_fragments"]

_NOTICE_STYLE = "border-left:4px solid {colour};padding:0.5em 1em;margin:0.8em 0;background:{background}"


def _box(body_html: str, colour: str = "#b35900", background: str = "#fff5e6") -> HTML:
    return HTML(f'<div class="dd-notice" style="{_NOTICE_STYLE.format(colour=colour, background=background)}">{body_html}</div>')


@dataclass
class Report:
    """One team's data seen by one audience, with helpers for showing and publishing."""

    team: TeamData
    audience: Audience
    summary_dir: Path | None
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()`` once per report: a notebook shows one analysis in several sections
        (table, chart, interpretation, summary), and the team's data do not change meanwhile."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[no-any-return]

    @property
    def rules(self) -> PrivacyRules:
        """The district's disclosure rules (minimum group size, coding thresholds, marker)."""
        return rules_for(self.team.district)

    @property
    def config(self):  # noqa: ANN201 - TeamConfig, re-exported for notebooks
        return self.team.config

    def has(self, *keys: str) -> bool:
        """True if every table is present; otherwise shows which template to start from."""
        missing = [k for k in keys if not self.team.has(k)]
        if missing:
            self.show_missing(missing)
        return not missing

    def show_missing(self, keys: Sequence[str]) -> None:
        """Say plainly which files this section needs and where to start."""
        items = "".join(
            f"<li><b>{escape_text(TABLES[k].file)}</b>: {escape_text(TABLES[k].purpose)} "
            f"Start from <code>sample_data/templates/{escape_text(TABLES[k].template)}</code>.</li>"
            for k in keys
        )
        display(_box(f"<p>This section needs a file the team has not added yet:</p><ul>{items}</ul>"))

    def notice(self, text: str, kind: str = "info") -> None:
        """A short boxed note; ``text`` is escaped."""
        colours = {"info": ("#2b6cb0", "#ebf4ff"), "warning": ("#b35900", "#fff5e6"), "good": ("#2f855a", "#f0fff4")}
        colour, background = colours.get(kind, colours["info"])
        display(_box(f"<p>{escape_text(text)}</p>", colour, background))

    def table(
        self,
        frame: pd.DataFrame,
        *,
        count_col: str | None = None,
        value_cols: Sequence[str] = (),
        pct_cols: Sequence[str] | None = None,
        group_cols: Sequence[str] | Sequence[Sequence[str]] | None = None,
        caption: str | None = None,
        rename: dict[str, str] | None = None,
        int_cols: Sequence[str] = (),
        decimals: dict[str, int] | None = None,
    ) -> None:
        """Show a table with the audience's privacy rules applied and every cell escaped."""
        shown = frame
        if count_col is not None:
            shown = format_for_audience(
                frame, count_col, list(value_cols), self.rules, self.audience,
                group_cols=group_cols, pct_cols=pct_cols, int_cols=int_cols, decimals=decimals,
            )
        elif not self.audience.allows_student_rows:
            shown = drop_identifiers(frame, self.audience)
        shown = shown.drop(columns=[c for c in shown.columns if str(c).startswith("_")])  # bookkeeping
        if rename:
            shown = shown.rename(columns=rename)
        body = html_table(shown)
        footer = f"<p><small>{escape_text(self.rules.describe(self.audience))}</small></p>" if count_col else ""
        title = f"<p><b>{escape_text(caption)}</b></p>" if caption else ""
        display(HTML(title + body + footer))

    def publish(self, section: str, payload: dict[str, Any]) -> None:
        """Write this notebook's key figures for summary.json (only in a batch run)."""
        if self.summary_dir is None:
            return
        self.summary_dir.mkdir(parents=True, exist_ok=True)
        atomic_write_json(self.summary_dir / f"{section}.json", payload)

    def header(self, title: str) -> None:
        """Team name, school, audience and privacy rule at the top of a report."""
        config = self.team.config
        audience_note = {
            Audience.TEAM: "Team view: may show individual students. Keep it inside the team.",
            Audience.DISTRICT: "District view: groups only; small groups hidden.",
            Audience.PUBLIC: "Public view: groups only; small groups hidden; extreme percentages coded.",
        }[self.audience]
        display(HTML(
            f"<h2>{escape_text(title)} — {escape_text(config.name)}</h2>"
            f"<p>{escape_text(config.school)} · {escape_text(config.subject)} · grades "
            f"{escape_text(', '.join(config.grade_levels))} · {escape_text(self.team.district.school_year)}</p>"
        ))
        self.notice(audience_note, "warning" if self.audience is Audience.TEAM else "info")

    def section(self, needs: Sequence[str], render: Callable[[], T]) -> T | None:
        """Run ``render`` if the team has every table in ``needs``; otherwise say what is missing."""
        return render() if self.has(*needs) else None


def _show_problems(error: DataProblemsError) -> None:
    items = "".join(f"<li>{escape_text(str(p))}</li>" for p in error.problems)
    display(_box(
        "<p><b>The team's data needs fixing before this notebook can run.</b> "
        "Every problem found is listed; fix them in the files and run again "
        "(<code>datadriver check</code> lists them too).</p>" + f"<ul>{items}</ul>",
        colour="#c53030", background="#fff5f5",
    ))


def open_report(
    data_dir: str | Path, team_id: str, audience: str = "team", summary_dir: str | Path | None = None
) -> Report:
    """Load a team for a notebook; show its data problems (and stop) if there are any."""
    parsed_audience = Audience.parse(audience)
    try:
        team = load_team(Path(data_dir), validate_team_id(team_id))
    except DataProblemsError as error:
        _show_problems(error)
        raise
    summary_path = Path(summary_dir) if summary_dir else None
    return Report(team=team, audience=parsed_audience, summary_dir=summary_path)


def read_summary_fragments(summary_dir: Path) -> dict[str, Any]:
    """Collect the sections notebooks published, by section name."""
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(summary_dir.glob("*.json"))
    }
