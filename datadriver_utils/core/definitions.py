"""What every published figure means: its name, formula, who is counted and its decimals, once.

A coach who reads "baseline 38.2%" in one report and "37.8%" in another must be able to tell
whether they are the same figure.  So every figure a report, ``summary.json`` or the district
index publishes has one :class:`Definition` here, and everything that says what a figure is
reads it from here:

* the **Definitions** section that ends each report
  (:meth:`datadriver_utils.notebook.report.Report.definitions`) lists the terms its views used;
* the **glossary** in ``docs/analysis.md`` is :func:`glossary_markdown` (a test keeps the two
  the same; ``python -m datadriver_utils.core.definitions`` rewrites the docs section);
* the **decimals** a table shows a column with (:func:`places_for`), so an effect size reads
  0.14 in every table and in summary.json (:data:`~datadriver_utils.core.quantities.EffectSize`).

Two figures over different students are two definitions with two names -- the goal's
*baseline* (every pre taker) and the goal's *matched pre % proficient* (students with both
scores) -- never one word for both.  Each definition names the one function that computes it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "DEFINITIONS", "GLOSSARY_END", "GLOSSARY_START", "SURVEY_TERMS", "Definition", "definition", "definition_of_field",
    "glossary_markdown",
    "places_for", "terms_for_columns", "write_glossary",
]


@dataclass(frozen=True)
class Definition:
    """One published figure."""

    key: str
    name: str
    """How reports label it."""
    formula: str
    counted: str
    """Who (or what) the figure counts."""
    source: str
    """The one function that computes it."""
    places: int | None = None
    """Decimals it is shown with (None: a count, a label or a setting)."""
    columns: tuple[str, ...] = ()
    """Table columns that always show this figure (their decimals come from ``places``)."""
    fields: tuple[str, ...] = ()
    """Where summary.json publishes it: ``section.path`` as docs/summary-schema.md writes the path
    (the district index reads these and labels them with :attr:`name`)."""


_MATCHED = "matched students: those with a score in both the pre and the post window"
_GAINS = "stats.gains.matched_gains"

DEFINITIONS: tuple[Definition, ...] = (
    Definition("percent_correct", "Percent correct",
               "Σ points ÷ Σ points possible × 100 over a student's point-scored rows in one window (all standards, "
               "or only the standards the table names)",
               "each student with a point-scored row in the window", "stats.gains.student_percent_correct", 1),
    Definition("pct_proficient_window", "% proficient (one window)",
               "students whose percent correct ≥ the team's cut ÷ students with a score × 100",
               "every student with a score in the window (matched or not)", "stats.proficiency.summarise_scores", 1),
    Definition("n_matched", "Both (n) — matched students",
               "students with a percent correct in both the pre and the post window",
               "students; those who joined, left or missed a test are not among them", _GAINS, None, ("n_matched",),
               fields=("data_driver.by_grade[].n_matched", "data_driver.goal.n_matched")),
    Definition("mean_pct_correct", "Pre mean / Post mean",
               "mean of the matched students' percent correct in the window", _MATCHED, _GAINS, 1,
               ("pre_mean_pct", "post_mean_pct"),
               fields=("data_driver.by_grade[].pre_mean_pct", "data_driver.by_grade[].post_mean_pct")),
    Definition("gain", "Gain (points)",
               "post mean − pre mean, in percentage points (the mean of each student's post − pre)", _MATCHED,
               _GAINS, 1, ("gain_pct_points",),
               fields=("data_driver.by_grade[].gain_pct_points",)),
    Definition("pct_proficient_matched", "Pre % proficient / Post % proficient",
               "matched students whose percent correct ≥ the cut ÷ matched students × 100, on the standards the "
               "table names (the grade table: all standards)", _MATCHED, _GAINS, 1,
               fields=("data_driver.by_grade[].pre_pct_proficient", "data_driver.by_grade[].post_pct_proficient")),
    Definition("effect_size", "Effect size (d_z)",
               "mean of (post − pre) ÷ standard deviation of (post − pre), ddof 1: how consistently students grew "
               "(rough reading 0.2 small, 0.5 medium, 0.8 large); none for fewer than two students",
               _MATCHED + ", on the standards the table names", "stats.gains.paired_effect_size", 2,
               ("effect_size",),
               fields=("data_driver.by_grade[].effect_size", "data_driver.goal.effect_size")),
    Definition("scale_mean", "Pre mean / Post mean (scale)",
               "mean of the matched students' scale (or percentile) score: the overall row, else the mean of "
               "their rows", _MATCHED, "stats.scale_scores.scale_gains", 1, ("pre_mean_score", "post_mean_score")),
    Definition("scale_gain", "Gain (scale points)", "post mean − pre mean, in the test's scale points", _MATCHED,
               "stats.scale_scores.scale_gains", 1, ("gain_score_points",)),
    Definition("baseline", "Baseline (% proficient, all pre takers)",
               "students whose percent correct on the goal's standards (pooled) in the pre window ≥ the goal's cut "
               "÷ students with a pre score on them × 100; the figure the goal's target is set against",
               "every student with a pre score on the goal's standards, whether or not they have a post score",
               "stats.goals.baseline", 1, ("baseline_pct_proficient",),
               fields=("goal_setter.baseline_pct_proficient", "goal_setter.n_baseline")),
    Definition("baseline_by_standard", "% proficient now, by standard",
               "the baseline read on one goal standard alone (each student's percent correct on that standard)",
               "every student with a pre score on that standard", "stats.goals.baseline_by_standard", 1,
               fields=("goal_setter.baseline_by_standard[].pct_proficient",)),
    Definition("students_to_cross", "Students to cross",
               "⌈target × baseline students ÷ 100⌉ − students already at the cut", "the baseline's students",
               "stats.goals.check_goal", None,
               fields=("goal_setter.students_to_cross",)),
    Definition("reach_status", "Status (reach)",
               "already met; out of reach when more than 80% of the students below the cut must cross; ambitious "
               "above 50%; otherwise reachable", "the baseline's students", "stats.goals.check_goal", None,
               fields=("goal_setter.status",)),
    Definition("goal_pre_pct", "Goal: pre % proficient (matched)",
               "matched students whose percent correct on the goal's standards (pooled) in the pre window ≥ the "
               "goal's cut ÷ matched students × 100; the start the progress rating is measured from",
               _MATCHED + ", on the goal's standards", "stats.gains.goal_result", 1,
               fields=("data_driver.goal.pre_pct_proficient",)),
    Definition("goal_post_pct", "Goal: post % proficient (matched)",
               "the same on the post window; goal met when it is ≥ the target",
               _MATCHED + ", on the goal's standards", "stats.gains.goal_result", 1,
               fields=("data_driver.goal.post_pct_proficient", "data_driver.goal_met")),
    Definition("goal_change", "Goal: change (points)",
               "goal post % proficient − goal pre % proficient, in percentage points",
               _MATCHED + ", on the goal's standards", "stats.gains.goal_result", 1,
               fields=("data_driver.goal.change_pct_points",)),
    Definition("gap_closed", "Gap closed",
               "(goal post % − goal pre %) ÷ (target − goal pre %): the share of the way to the target covered",
               _MATCHED + ", on the goal's standards", "stats.gains.suggest_progress_rating", 2,
               fields=("data_driver.goal.gap_closed",)),
    Definition("progress_rating", "Progress rating",
               "met goal (post ≥ target); good progress (gap closed ≥ 0.5); some progress (gap closed ≥ 0.2, or a "
               "mean gain ≥ 3 points with effect size ≥ 0.2); otherwise little or no progress. team.yml's "
               "goal.progress_rating overrides the suggestion and both are shown",
               _MATCHED + ", on the goal's standards", "stats.gains.suggest_progress_rating", None,
               fields=("data_driver.progress_rating", "data_driver.suggested_progress_rating")),
    Definition("difficulty", "Difficulty (p)", "mean points ÷ points possible on the item",
               "students with a score on the item in the window analysed", "stats.items.item_statistics", 2,
               ("difficulty_p",)),
    Definition("discrimination", "Discrimination (r)",
               "correlation of the item score with the rest of the test (item–rest point-biserial)",
               "students with a score on the item in the window analysed", "stats.items.item_statistics", 2,
               ("discrimination_r",)),
    Definition("alpha", "Reliability (Cronbach's alpha)",
               "k ÷ (k − 1) × (1 − Σ item variances ÷ variance of totals)", "students who answered every item",
               "stats.reliability.cronbach_alpha", 2,
               fields=("assessor.alpha",)),
    Definition("construct_score", "Mean score (construct score)",
               "mean over respondents of each respondent's mean over the construct's items (reverse-scored items "
               "flipped), on the survey's agreement scale",
               "respondents to the administration, when at least the minimum answered",
               "stats.surveys.construct_scores", 2, ("first_mean_score", "latest_mean_score"),
               fields=("surveys.surveys{}.construct_changes[].first_mean_score", "surveys.surveys{}.construct_changes[].latest_mean_score", "change.culture.construct_changes[].first_mean_score", "change.culture.construct_changes[].latest_mean_score")),
    Definition("construct_change", "Mean change", "latest construct score − first construct score",
               "respondents to each of the two administrations", "stats.surveys.construct_change", 2, (),
               fields=("surveys.surveys{}.construct_changes[].mean_change", "change.culture.construct_changes[].mean_change")),
    Definition("pct_favourable", "% favourable",
               "answers above the scale's midpoint ÷ answered items × 100 (reverse-scored items flipped)",
               "respondents to the administration, when at least the minimum answered",
               "stats.surveys.construct_scores", 1,
               ("pct_favourable", "first_pct_favourable", "latest_pct_favourable"),
               fields=("surveys.surveys{}.construct_changes[].first_pct_favourable", "change.culture.construct_changes[].first_pct_favourable")),
    Definition("pct_favourable_change", "Change in % favourable (points)",
               "latest % favourable − first % favourable, in percentage points",
               "respondents to each of the two administrations", "stats.surveys.construct_change", 1,
               ("pct_favourable_change",),
               fields=("surveys.surveys{}.construct_changes[].pct_favourable_change", "change.culture.construct_changes[].pct_favourable_change")),
    Definition("run_chart_median", "Run chart median",
               "the median of the useful points of a phase (all points, the baseline phase, or after the change)",
               "the run chart's points with a value", "stats.runchart.analyse_phase", 1),
)

SURVEY_TERMS = {"mean_score": "construct_score", "mean_change": "construct_change"}
"""Columns of a survey table whose names other tables use for other figures (a scale score's
``mean_score``, a cycle's ``mean_change`` in points): survey views name them explicitly
(``report.tabulate(..., terms=SURVEY_TERMS)``) rather than by column name alone."""

_BY_KEY = {d.key: d for d in DEFINITIONS}
_BY_COLUMN = {column: d for d in DEFINITIONS for column in d.columns}

GLOSSARY_START = "<!-- glossary: generated by python -m datadriver_utils.core.definitions -->"
GLOSSARY_END = "<!-- end of glossary -->"


def definition(key: str) -> Definition:
    """The definition of ``key`` (KeyError names the known keys)."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"no definition {key!r}; known: {', '.join(_BY_KEY)}") from None


def definition_of_field(path: str) -> Definition | None:
    """The definition of a summary.json field (``"data_driver.goal.pre_pct_proficient"``), if any:
    what the district index labels a column it reads from summary.json with."""
    return next((d for d in DEFINITIONS if path in d.fields), None)


def places_for(column: str) -> int | None:
    """The decimals a table shows ``column`` with, when a definition owns the column."""
    found = _BY_COLUMN.get(column)
    return None if found is None else found.places


def terms_for_columns(columns: Iterable[object]) -> list[str]:
    """The definitions shown by these table columns, in glossary order."""
    keys = {_BY_COLUMN[str(c)].key for c in columns if str(c) in _BY_COLUMN}
    return [d.key for d in DEFINITIONS if d.key in keys]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def glossary_markdown() -> str:
    """The glossary table of docs/analysis.md (between :data:`GLOSSARY_START` and :data:`GLOSSARY_END`)."""
    lines = ["| figure | formula | who is counted | decimals | computed by | in summary.json |",
             "| --- | --- | --- | --- | --- | --- |"]
    for d in DEFINITIONS:
        places = "—" if d.places is None else str(d.places)
        fields = ", ".join(f"`{f}`" for f in d.fields) or "—"
        lines.append(f"| **{_cell(d.name)}** | {_cell(d.formula)} | {_cell(d.counted)} | {places} | "
                     f"`{d.source}` | {fields} |")
    return "\n".join(lines)


def write_glossary(doc: Path) -> bool:
    """Rewrite the glossary section of ``doc`` in place; True when it changed."""
    text = doc.read_text(encoding="utf-8")
    start, end = text.index(GLOSSARY_START) + len(GLOSSARY_START), text.index(GLOSSARY_END)
    updated = f"{text[:start]}\n{glossary_markdown()}\n{text[end:]}"
    if updated == text:
        return False
    doc.write_text(updated, encoding="utf-8")
    return True


if __name__ == "__main__":  # pragma: no cover - the docs writer
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/analysis.md")
    print(f"{target}: {'rewritten' if write_glossary(target) else 'already current'}")
