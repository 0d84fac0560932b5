"""The Data Driver snapshot (notebook 20): pre/post results by grade and standard, and the goal.

Draws on the Data Driver micro-credential (Teaching Matters; shared/seeds 000): the overview
answers, a table or graph of grade-level averages from a pre and a post assessment, and the
team's progress rating.  Every number comes from :mod:`datadriver_utils.stats.gains` (matched
students only; formulas in docs/analysis.md; a gain is named flat, uneven or broad by the rule
of :mod:`datadriver_utils.stats.growth`); this module arranges them into results::

    grades = snapshot.grade_table(report)
    grades              # the table the report shows
    grades.frame        # the numbers, for this audience

Privacy: the rows are groups of students.  Beyond the team a small grade is hidden, and so is
the grade that would give it away (grades add up to the team total the goal publishes); coded
percentages are protected the same way and the gain goes with the means it is computed from
(:func:`~datadriver_utils.privacy.release.value_status`).  The table, the chart, the
interpretation and summary.json leave out the same cells.  Only the team view names students
who lack a post score, and shows missing scores by section (:mod:`~datadriver_utils.strands.snapshot_words`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from datadriver_utils.charts.gains import grade_standard_proficiency_alt, grade_standard_proficiency_figure
from datadriver_utils.contract.config import DEFAULT_CUT_PCT
from datadriver_utils.core.quantities import (
    Kind,
    Quantity,
    Summary,
)
from datadriver_utils.notebook.needs import needs
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Chart, Result
from datadriver_utils.privacy.coding import HIDDEN, SHOWN
from datadriver_utils.privacy.release import published_value, value_status
from datadriver_utils.stats.gains import GAIN_COLUMNS, GoalResult, goal_result, matched_gains
from datadriver_utils.stats.growth import read_gain
from datadriver_utils.stats.scale_scores import SCALE_GAIN_COLUMNS, rate_scale_goal, scale_gains, scale_goal_result
from datadriver_utils.strands import goal_setter
from datadriver_utils.strands.goal_progress import GOAL_LABELS, GoalRecord, goal_progress_table, goal_record, shown_row
from datadriver_utils.strands.score_kinds import cut_words, cuts, goal_cuts, kind_sentence, pre_post, score_kind
from datadriver_utils.strands.snapshot_records import DataDriverSummary, GainRecord, GradeStandardGainRecord
from datadriver_utils.strands.snapshot_words import gain_words, grade_direction, missing_post_view

__all__ = [
    "DataDriverSummary", "GainRecord", "GoalRecord", "GradeStandardGainRecord", "grade_gains",
    "grade_standard_gains", "goal_table", "grade_table", "interpretation", "interpretation_text", "kind", "matching_caveat",
    "overview", "overview_rows", "publish", "snapshot_goal", "standard_chart", "standard_table", "summary",
]

_LABELS = {
    "grade": "Grade", "standard": "Standard", "n_pre": "Pre (n)", "n_post": "Post (n)",
    "n_matched": "Both (n)", "pre_mean_pct": "Pre mean", "post_mean_pct": "Post mean",
    "gain_pct_points": "Gain (points)", "pre_pct_proficient": "Pre % proficient",
    "post_pct_proficient": "Post % proficient", "effect_size": "Effect size", "pre_mean_score": "Pre mean",
    "post_mean_score": "Post mean", "gain_score_points": "Gain (scale points)", "n_benchmarked": "With benchmarks (n)",
}
_PCT = ["pre_mean_pct", "post_mean_pct", "pre_pct_proficient", "post_pct_proficient"]
_COUNTS = ("n_pre", "n_post", "n_matched")
_DERIVED = {"gain_pct_points": ["pre_mean_pct", "post_mean_pct"]}
"""The gain is post mean - pre mean: shown only when both are (else it gives a coded mean back)."""
_ALL_STANDARDS = {c: f"{_LABELS[c]}, all standards" for c in ("pre_pct_proficient", "post_pct_proficient",
                                                                "effect_size")}
"""The grade table's shares and effect size read all standards: labelled so, beside the goal table's."""


def _cut(report: Report) -> float:
    goal = report.config.goal
    return goal.points_cut_pct if goal else DEFAULT_CUT_PCT


def _gains(report: Report, by: tuple[str, ...]) -> pd.DataFrame:
    team, kind_ = report.team, score_kind(report)
    pre, post = pre_post(report)
    if kind_ == "points":
        return matched_gains(team.assessments, team.students, _cut(report), by=by, pre=pre, post=post)
    return scale_gains(team.assessments, team.students, cuts(report), pre, post, by=by, kind=kind_)


def _columns(report: Report) -> tuple[list[str], list[str]]:
    """The statistics of a gains table and its percentages of people, for this team's kind of score."""
    if score_kind(report) == "points":
        return list(GAIN_COLUMNS), _PCT
    return list(SCALE_GAIN_COLUMNS), ["pre_pct_proficient", "post_pct_proficient"]


def grade_gains(report: Report) -> pd.DataFrame:
    """Matched pre/post statistics per grade at the team's cut or benchmarks (computed once)."""
    return report.memo("grade_gains", lambda: _gains(report, ("grade",)))


def grade_standard_gains(report: Report) -> pd.DataFrame:
    """Matched pre/post statistics per grade and standard (computed once)."""
    return report.memo("grade_standard_gains", lambda: _gains(report, ("grade", "standard")))


def snapshot_goal(report: Report) -> GoalResult | None:
    """The goal measured on its standards, or None when team.yml states no goal."""
    goal = report.config.goal
    if goal is None:
        return None
    team, kind_ = report.team, score_kind(report)
    pre, post = pre_post(report)
    if kind_ != "points":
        return report.memo("goal_result", lambda: rate_scale_goal(scale_goal_result(
            team.assessments, team.students, goal_cuts(report), goal.standards, pre, post, kind_), goal))
    return report.memo("goal_result", lambda: goal_result(team.assessments, team.students, goal, pre=pre, post=post))


@needs("assessments")
def kind(report: Report) -> Result:
    """A note saying which kind of score the snapshot shows and which windows it compares."""
    pre, post = pre_post(report)
    return Result().note(f"{kind_sentence(report)} Pre is the {pre} window, post the {post} window.", "info")


def _lines(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The rows and the columns whose rows add up to a published total (grades to the team,
    grades within a standard to the standard)."""
    return frame.assign(_line="all"), ["standard"] if "standard" in frame else ["_line"]


def _derived(report: Report) -> dict[str, list[str]]:
    """The gain in percentage points goes with the two means it is the difference of (a scale
    score's means are not percentages and are never coded)."""
    return dict(_DERIVED) if score_kind(report) == "points" else {}


def _status(report: Report, frame: pd.DataFrame) -> pd.DataFrame:
    """What the table does to each value (shown, coded, hidden...), for the chart and the JSON."""
    lines, group = _lines(frame)
    columns, pcts = _columns(report)
    return value_status(lines, "n_matched", columns, report.rules, report.audience, group_cols=group,
                        pct_cols=pcts, derived=_derived(report))


def _shareable(report: Report, frame: pd.DataFrame) -> pd.DataFrame:
    """The rows whose means, gain and percentages are all shown as numbers (chart, sentences)."""
    status = _status(report, frame)
    exact = [c for c in (*_PCT, "gain_pct_points", *_columns(report)[1]) if c in status.columns]
    shown = (status[exact] == SHOWN).all(axis=1)
    return frame[shown.to_numpy(dtype=bool)]


def overview_rows(report: Report) -> list[tuple[str, str]]:
    """The credential's five overview questions, answered from team.yml and (if present) the data."""
    config = report.config
    goal = config.goal
    result = snapshot_goal(report) if report.team.has("assessments") and report.team.has("students") else None
    rating = "—"
    if result is not None and result.progress_rating:
        rating = result.progress_rating
        if result.rating_overridden:
            rating += f" (the team's judgement; the data alone suggest: {result.suggested_rating})"
        elif goal is not None and goal.progress_rating is None:
            rating += " (suggested from the data: see the thresholds in the docs)"
    elif result is not None and result.post_pct_proficient is None:
        pre, post = pre_post(report)
        rating = (f"not rated yet: the rating needs students with a score in both the {pre} and the {post} "
                  "window (and, for scale scores, a cut to read them at)")
    return [
        ("Subject area", config.subject),
        ("Grade level(s)", ", ".join(config.grade_levels)),
        ("Student learning goal", goal.statement if goal else "No goal in team.yml yet"),
        ("Standard(s) the goal addresses", ", ".join(goal.standards) if goal else "—"),
        ("Progress toward the goal", rating),
    ]


def overview(report: Report) -> Result:
    """The overview answers; team.yml alone is enough, the rating waits for the data."""
    rows = overview_rows(report)
    if report.config.overview:
        rows.append(("In the team's words", report.config.overview))
    return Result([report.tabulate(pd.DataFrame(rows, columns=["Question", "Answer"]), name="overview")])


def _gain_table(report: Report, frame: pd.DataFrame, caption: str, name: str,
                labels: dict[str, str] | None = None) -> Result:
    lines, group = _lines(frame)
    columns, pcts = _columns(report)
    value_cols = ["n_pre", "n_post", *[c for c in columns if c not in _COUNTS]]
    ints = ["n_pre", "n_post", *(["n_benchmarked"] if "n_benchmarked" in columns else [])]
    table = report.tabulate(lines, count_col="n_matched", value_cols=value_cols, pct_cols=pcts, caption=caption,
                            rename={**_LABELS, **(labels or {})}, group_cols=group, int_cols=ints,
                            decimals={"effect_size": 2, "gain_pct_points": 1, "gain_score_points": 1,
                                      "pre_mean_score": 1, "post_mean_score": 1}, name=name,
                            derived=_derived(report))
    result = Result([table])
    for note in _gain_table_notes(report, frame):
        result.note(note, "info")
    return result


def _gain_table_notes(report: Report, frame: pd.DataFrame) -> list[str]:
    """Why columns of the table are empty, and what fills them."""
    if frame.empty:
        return []
    pre, post = pre_post(report)
    if not frame["n_post"].astype(int).any():
        return [f"No student has a score in the {post} window yet: the post, gain and effect-size columns fill in "
                f"when the {post} rows are added to assessments.csv (the {pre} columns wait for them too, because "
                "only students with both scores are compared)."]
    if (frame["effect_size"].isna() & (frame["n_matched"].astype(int) > 0)).any():
        return ["An effect size is left blank when fewer than two students are matched, or when every matched "
                "student gained exactly the same (there is no spread of gains to divide by)."]
    return []


@needs("students", "assessments")
def grade_table(report: Report) -> Result:
    """Pre/post results by grade, matched students only."""
    report.define("pct_proficient_matched")
    return _gain_table(report, grade_gains(report),
                       "Grade-level results on all standards (not only the goal's), students with both a pre and "
                       "a post score", "by grade", _ALL_STANDARDS)


@needs("students", "assessments")
def standard_table(report: Report) -> Result:
    """Pre/post results by grade and standard, matched students only."""
    report.define("pct_proficient_matched")
    return _gain_table(report, grade_standard_gains(report),
                       "Results by grade and standard, students with both a pre and a post score",
                       "by grade and standard")


@needs("students", "assessments")
def goal_table(report: Report) -> Result:
    """The goal's standards pre → post, matched students: the figures the progress rating reads."""
    goal = snapshot_goal(report)
    if goal is None:
        return Result().note("team.yml states no goal yet, so there is no progress to rate.", "info")
    baseline = goal_setter.baseline_shown(report)  # scale scores too: read at the goal's cut (cut_score or benchmarks)
    return goal_progress_table(report, goal, baseline)


@needs("students", "assessments")
def standard_chart(report: Report) -> Result:
    """Percent of matched students at or above the cut by standard, pre beside post, without
    groups too small to share (a cut sorts students, so it is compared with a share of students,
    never drawn across a mean)."""
    gains = grade_standard_gains(report)
    shown = _shareable(report, gains)
    if shown.empty:
        return Result().note("No grade and standard has students with both a pre and a post score yet "
                             "(or every group is too small to show).", "info")
    cut = f"the {_cut(report):g}% cut" if score_kind(report) == "points" else "their benchmark"
    alt = grade_standard_proficiency_alt(shown, cut, left_out=len(gains) - len(shown))
    return Result([Chart(grade_standard_proficiency_figure(shown, cut), alt, name="proficient by standard")],
                  value=shown)


@needs("students", "assessments")
def matching_caveat(report: Report) -> Result:
    """Who is in the comparison and who is not: missing scores by section with their share, and
    whether the students without a post score differ from the matched ones on the pre test."""
    gains = grade_gains(report)
    n_pre, n_post, n_matched = (int(gains[c].sum()) for c in _COUNTS)
    pre, post = pre_post(report)
    pre_name, post_name = ("pre" if pre == "pre" else f"pre ({pre})"), ("post" if post == "post" else f"post ({post})")
    result = Result().note(
        f"{n_pre} students have a {pre_name} score and {n_post} a {post_name} score; {n_matched} have both. "
        "Averages, percent proficient and gains use only those with both, so a change in who sat the test "
        "cannot pass for growth; whether they speak for the students who missed a test is checked below.", "info")
    if not n_post:  # mid-cycle: nobody is missing a post score that nobody has yet
        return result.note(f"No student has a {post} score yet: the comparison fills in when the {post} rows are "
                           "added to assessments.csv.", "info")
    return result.add(missing_post_view(report, pre, post))


def interpretation_text(report: Report) -> str:
    """A short reading of the numbers the audience may see, written from them (no judgement of people)."""
    gains = _shareable(report, grade_gains(report))
    sentences = [text for row in gains.to_dict("records") if (text := _grade_sentence(report, row))]
    goal = snapshot_goal(report)
    if goal is not None and goal.post_pct_proficient is not None:
        sentences.extend(_goal_sentences(report, goal))
    if not sentences:
        pre, post = pre_post(report)
        return ("There are not yet enough matched students to describe growth: this fills in when students with a "
                f"{pre} score also have a {post} score in assessments.csv.")
    return " ".join(sentences)


def _goal_sentences(report: Report, goal: GoalResult) -> list[str]:
    """The goal in words, quoting the goal table's cells as this audience sees them (so a hidden or
    coded figure stays hidden or coded, and the words and the table agree)."""
    shown = shown_row(goal_progress_table(report, goal, None))
    pre, post = (shown[GOAL_LABELS[c]] for c in ("pre", "post"))
    verdict = "met" if goal.goal_met else "did not meet"
    if report.rules.marker in (pre, post):
        return [f"On the goal's standard(s) too few matched students to show their figures beyond the team; "
                f"suggested rating: {goal.suggested_rating}."]
    sentences = [f"On the goal's standard(s) ({', '.join(goal.measured_standards)}), the matched students went from "
                 f"{pre} to {post} proficient (at or above {cut_words(report, pre_post(report)[1])}) against a "
                 f"target of {goal.target_pct_proficient:g}% (the goal table): "
                 f"the team {verdict} its goal. Suggested rating: {goal.suggested_rating}."]
    change = shown[GOAL_LABELS["change"]]
    words = gain_words(read_gain(goal.gain_pct_points, goal.effect_size, goal.n_matched))
    if words and (report.for_team or change not in (None, report.rules.marker)):  # withheld with the table's change
        sentences.append(f"On the goal's standard(s): {words[0].lower()}{words[1:]}")
    return sentences


def _or_none(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _grade_sentence(report: Report, row: dict[str, Any]) -> str | None:
    """One grade's growth in words: percent correct for points, scale points for scale scores."""
    scale = score_kind(report) != "points"
    pre, post, gain = (row[c] for c in (("pre_mean_score", "post_mean_score", "gain_score_points") if scale else
                                        ("pre_mean_pct", "post_mean_pct", "gain_pct_points")))
    if pd.isna(gain):
        return None
    direction = grade_direction(read_gain(float(gain), _or_none(row.get("effect_size")), int(row["n_matched"])), gain)
    unit, mark = (f"{score_kind(report)} points", "") if scale else ("points", "%")
    text = (f"In grade {row['grade']}, on all standards, the average of the {row['n_matched']} matched students "
            f"{direction} from "
            f"{pre:.1f}{mark} to {post:.1f}{mark} ({gain:+.1f} {unit})")
    if pd.isna(row["post_pct_proficient"]) or pd.isna(row["pre_pct_proficient"]):
        return text + ("; add benchmark cut scores to team.yml to see how many reached proficiency." if scale else ".")
    reached = "were at or above the benchmark" if scale else "reached the cut"
    before, after = row["pre_pct_proficient"], row["post_pct_proficient"]
    change = "up from" if after > before else "down from" if after < before else "the same as"
    return text + f"; {after:.1f}% {reached} on the post assessment, {change} {before:.1f}% before."


@needs("students", "assessments")
def interpretation(report: Report) -> Result:
    """:func:`interpretation_text` as a note."""
    return Result().note(interpretation_text(report), "good")


def _is_share(model: type[Summary], field: str) -> bool:
    """True when the field's type codes it for the public (a ``Share``; a ``Mean`` does not)."""
    return any(isinstance(m, Quantity) and m.kind is Kind.SHARE for m in model.model_fields[field].metadata)


def _records(report: Report, frame: pd.DataFrame, model: type[GainRecord]) -> list[Any]:
    status = _status(report, frame)
    columns, _pcts = _columns(report)
    records = []
    for cells, row in zip(status.to_dict("records"), frame.to_dict("records"), strict=True):
        keys = {k: str(row[k]) for k in ("grade", "standard") if k in model.model_fields}
        values = {c: published_value(row[c], cells[c], type_codes=_is_share(model, c)) for c in columns}
        hidden = cells["n_matched"] == HIDDEN
        records.append(model.model_validate({**keys, **values, "suppressed": None if report.for_team else hidden}))
    return records


@needs("students", "assessments")
def summary(report: Report) -> DataDriverSummary:
    """The ``data_driver`` section of summary.json (docs/summary-schema.md)."""
    goal = snapshot_goal(report)
    pre, post = pre_post(report)
    return DataDriverSummary(
        score_type=score_kind(report), pre_window=pre, post_window=post,
        by_grade=_records(report, grade_gains(report), GainRecord),
        by_grade_standard=_records(report, grade_standard_gains(report), GradeStandardGainRecord),
        goal_met=None if goal is None else goal.goal_met,
        progress_rating=None if goal is None else goal.progress_rating,
        suggested_progress_rating=None if goal is None else goal.suggested_rating,
        goal=None if goal is None else goal_record(report, goal),
    )


def publish(report: Report) -> DataDriverSummary | None:
    """Write the ``data_driver`` section for summary.json and return it (None without the files)."""
    found = summary(report)
    if isinstance(found, DataDriverSummary):
        report.publish(found)
        return found
    return None
