"""The object every notebook opens first: one team, one audience, one place to publish.

A notebook's first code cell is::

    report = dd.open_report(data_dir, team_id, audience, summary_dir, as_of=as_of)
    report.header("Data Analyst: where exactly are our students?")

:class:`Report` loads and validates the team (showing every problem at once, without a
traceback, if the data is wrong), knows the district's privacy rules for the audience, turns
a computed table into the table that audience may see (:meth:`Report.tabulate`), remembers
what views computed (:meth:`Report.memo`), and writes each notebook's summary.json section to
``summary_dir`` so the batch can assemble ``summary.json``.

``as_of`` is the one date everything judged against time is judged at (overdue actions and
trainings, cycle progress, "six months apart"): the notebook's parameter, ``datadriver run
--as-of`` for a reproducible rerun, else the day the notebook runs. The header prints it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
from IPython.display import HTML, display

from datadriver_utils.contract.config import TeamConfig
from datadriver_utils.contract.team import TeamData, load_team
from datadriver_utils.core.definitions import definition, places_for, terms_for_columns
from datadriver_utils.core.paths import atomic_write_json, validate_team_id
from datadriver_utils.core.quantities import Summary
from datadriver_utils.errors import DataProblemsError, ParameterError
from datadriver_utils.notebook.html import render
from datadriver_utils.notebook.results import Fragment, Notice, Result, Table
from datadriver_utils.privacy.release import (
    drop_identifiers,
    format_for_audience,
    release_values,
    summary_context,
)
from datadriver_utils.privacy.rules import Audience, PrivacyRules, rules_for

T = TypeVar("T")

__all__ = ["Report", "open_report", "parse_as_of", "read_summary_fragments"]

AUDIENCE_NOTES = {
    Audience.TEAM: ("Team view: may show individual students. Keep it inside the team.", "warning"),
    Audience.DISTRICT: ("District view: groups only; small groups hidden.", "info"),
    Audience.PUBLIC: ("Public view: groups only; small groups hidden; extreme percentages coded.", "info"),
}


@dataclass
class Report:
    """One team's data seen by one audience."""

    team: TeamData
    audience: Audience
    summary_dir: Path | None
    as_of: dt.date = field(default_factory=dt.date.today)
    _memo: dict[Hashable, Any] = field(default_factory=dict, repr=False)
    _terms: dict[str, None] = field(default_factory=dict, repr=False)

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()`` once per report and key: a notebook shows one analysis in several
        sections (table, chart, interpretation, summary), and the team's data do not change."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[no-any-return]

    def define(self, *keys: str) -> None:
        """Note that this report shows the figures ``keys`` (docs/analysis.md's glossary), for the
        Definitions that end it; an unknown key is a KeyError (a typo, not a new figure)."""
        for key in keys:
            self._terms.setdefault(definition(key).key, None)

    @property
    def defined(self) -> tuple[str, ...]:
        """The figures this report's views have shown so far, in the order a reader met them."""
        return tuple(self._terms)

    def definitions(self) -> Result:
        """The Definitions section that ends a report: each figure its views showed, once, with
        its formula and who is counted (from :mod:`datadriver_utils.core.definitions`)."""
        if not self._terms:
            return Result()
        found = [definition(key) for key in self.defined]
        return Result([Fragment(render("definitions", definitions=found), label="definitions")])

    @property
    def rules(self) -> PrivacyRules:
        """The district's disclosure rules (minimum group size, coding thresholds, marker)."""
        return rules_for(self.team.district)

    @property
    def config(self) -> TeamConfig:
        """team.yml, parsed."""
        return self.team.config

    @property
    def for_team(self) -> bool:
        """True when the report stays inside the data team (it may show students)."""
        return self.audience.allows_student_rows

    def header(self, title: str) -> Result:
        """Team name, school, audience and privacy rule at the top of a report."""
        config = self.team.config
        text, kind = AUDIENCE_NOTES[self.audience]
        heading = render("header", title=title, team=config.name, school=config.school, subject=config.subject,
                         grades=", ".join(config.grade_levels), school_year=self.team.district.school_year,
                         as_of=f"{self.as_of:%Y-%m-%d}")
        return Result([Fragment(heading, label=title), Notice(text, kind)])

    def tabulate(
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
        name: str | None = None,
        derived: Mapping[str, Sequence[str]] | None = None,
        terms: Mapping[str, str] | None = None,
    ) -> Table:
        """The table this audience may see: suppressed, coded and escaped when shown.

        With ``count_col`` the rows are groups of students: small ones are hidden (with their
        complements when ``group_cols`` names the lines that add up to a total) and, for the
        public, percentages near 0 or 100 are coded; without, the table is not about groups
        and only identifier columns are dropped beyond the team.  ``derived`` names value
        columns computed from percentages (``{"points": ["pct"]}``): they are hidden whenever
        a percentage they come from is coded or hidden, or arithmetic would give it back.
        Columns starting with ``_`` are bookkeeping and never shown.  A column that shows a
        defined figure (:mod:`datadriver_utils.core.definitions`) gets its decimals from the
        definition unless ``decimals`` says otherwise, and joins the report's Definitions;
        ``terms`` names the definition of a column whose name alone is ambiguous
        (``{"mean_score": "construct_score"}``).
        """
        named = {c: k for c, k in (terms or {}).items() if c in frame.columns}
        self.define(*terms_for_columns(frame.columns), *named.values())
        decimals = {**_defined_places(frame.columns), **_places_of(named), **(decimals or {})}
        if count_col is not None:
            options: dict[str, Any] = {"group_cols": group_cols, "pct_cols": pct_cols, "derived": derived}
            data = release_values(frame, count_col, list(value_cols), self.rules, self.audience, **options)
            shown = format_for_audience(frame, count_col, list(value_cols), self.rules, self.audience,
                                        int_cols=int_cols, decimals=decimals, **options)
        else:
            data = drop_identifiers(frame, self.audience)
            shown = _with_places(data, decimals)
        shown = shown.drop(columns=[c for c in shown.columns if str(c).startswith("_")])
        data = data.drop(columns=[c for c in data.columns if str(c).startswith("_")])
        if rename:
            shown = shown.rename(columns=rename)
        footer = self.rules.describe(self.audience) if count_col else None
        return Table(data=data.reset_index(drop=True), shown=shown, caption=caption, footer=footer, name=name)

    def publish(self, summary: Summary) -> Summary:
        """Write this notebook's summary.json section (only in a batch run) and return it.

        The summary is typed (:class:`~datadriver_utils.core.quantities.Summary`): each field's
        type says how it is rounded and whether it is coded for this audience, so naming a key
        is never a privacy decision.
        """
        if not isinstance(summary, Summary):
            raise TypeError(f"publish takes a typed Summary, not {type(summary).__name__}")
        payload = summary.to_json(summary_context(self.rules, self.audience))
        if self.summary_dir is not None:
            self.summary_dir.mkdir(parents=True, exist_ok=True)
            atomic_write_json(self.summary_dir / f"{summary.section}.json", payload)
        return summary


def _defined_places(columns: pd.Index) -> dict[str, int]:
    return {str(c): p for c in columns if (p := places_for(str(c))) is not None}


def _places_of(terms: Mapping[str, str]) -> dict[str, int]:
    return {c: p for c, k in terms.items() if (p := definition(k).places) is not None}


def _with_places(frame: pd.DataFrame, decimals: Mapping[str, int]) -> pd.DataFrame:
    """Numbers of the named columns as text with their decimals (a table without groups)."""
    shown = frame.copy()
    for column, places in decimals.items():
        if column in shown and pd.api.types.is_numeric_dtype(shown[column]):
            shown[column] = shown[column].map(lambda v, n=places: "—" if pd.isna(v) else f"{v:.{n}f}").astype(object)
    return shown


def parse_as_of(as_of: str | dt.date | None) -> dt.date:
    """The report's date from a parameter: empty means today, else an ISO date (``2026-01-15``)."""
    if isinstance(as_of, dt.date):
        return as_of
    text = (as_of or "").strip()
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ParameterError(f"as_of {text!r} is not a date: write it as YYYY-MM-DD (for example 2026-01-15), "
                             "or leave it empty for the day the notebook runs.") from None


def open_report(
    data_dir: str | Path, team_id: str, audience: str = "team", summary_dir: str | Path | None = None,
    as_of: str | dt.date | None = "",
) -> Report:
    """Load a team for a notebook; show its data problems (and stop) if there are any."""
    parsed_audience = Audience.parse(audience)
    day = parse_as_of(as_of)
    try:
        team = load_team(Path(data_dir), validate_team_id(team_id))
    except DataProblemsError as error:
        display(HTML(render("problems", problems=[str(p) for p in error.problems])))
        raise
    summary_path = Path(summary_dir) if summary_dir else None
    return Report(team=team, audience=parsed_audience, summary_dir=summary_path, as_of=day)


def read_summary_fragments(summary_dir: Path) -> dict[str, Any]:
    """Collect the sections notebooks published, by section name."""
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(summary_dir.glob("*.json"))
    }
