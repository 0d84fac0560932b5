"""Which kind of score a report shows, which windows it compares, and the sentence that says so.

Shared by the Data Analyst (notebook 12) and the snapshot (notebook 20), so both read a team's
scores the same way: **points** (percent correct, the team's cut) or **scale** / **percentile**
scores (means in scale points, proficiency against the benchmark cut of the student's grade and
window, :mod:`datadriver_utils.stats.scale_scores`). Windows come in time order from
:func:`datadriver_utils.contract.windows.order_windows`.
"""

from __future__ import annotations

from datadriver_utils.contract.config import DEFAULT_CUT_PCT, LearningGoal, benchmark_cuts, grade_sort_key
from datadriver_utils.contract.windows import POST, PRE, order_windows, pre_post_windows
from datadriver_utils.notebook.report import Report
from datadriver_utils.stats.scale_scores import goal_cuts as goal_cuts_for
from datadriver_utils.stats.scale_scores import headline_score_type

__all__ = ["KIND_WORDS", "analysis_window", "cut_as_written", "cut_words", "cuts", "goal_cuts", "kind_sentence", "pre_post", "score_kind",
           "score_unit", "team_windows", "unit_plural", "window_note"]

KIND_WORDS = {
    "points": "points (percent correct: points earned ÷ points possible)",
    "scale": "scale scores (no maximum: means are in scale points, never a percent correct)",
    "percentile": "percentile ranks (means are in percentile points)",
}


def score_kind(report: Report) -> str:
    """``points``, ``scale`` or ``percentile``: what this team's results are (computed once)."""
    return report.memo("score_kind", lambda: headline_score_type(report.team.assessments) or "points")


def cuts(report: Report) -> dict[tuple[str, str], float]:
    """Benchmark cut scores by (window, grade): district.yml, overridden by team.yml."""
    return report.memo("benchmark_cuts", lambda: benchmark_cuts(report.team.district, report.config))


def team_windows(report: Report) -> list[str]:
    """The windows that have rows, in time order (team.yml's order first)."""
    return report.memo("team_windows", lambda: order_windows(report.team.assessments["window"].dropna(),
                                                              report.config.windows))


def analysis_window(report: Report, window: str | None) -> str:
    """The window a view analyses: the one asked for; else ``post`` when it has scores (or when
    no window has any); else the latest window with scores -- a vendor's "spring 2024-2025", or
    ``pre`` for a team mid-cycle, whose Data Analyst session reads the pre assessment
    (:func:`window_note` says so)."""
    if window:
        return window.strip().lower()
    windows = team_windows(report)
    if not windows or POST in windows:
        return POST
    return windows[-1]


def window_note(report: Report) -> str | None:
    """Why the default window is not ``post`` for a team that names its windows pre and post."""
    windows = team_windows(report)
    if not windows or POST in windows or PRE not in windows:
        return None
    return (f"No student has a score in the post window yet, so these results are the {windows[-1]} window. "
            "They switch to post when its rows are added to assessments.csv (or set the notebook's window "
            "parameter).")


def pre_post(report: Report) -> tuple[str, str]:
    """The windows the pre/post comparison uses: pre and post, else the first and the latest."""
    pre, post = pre_post_windows(team_windows(report), report.config.windows)
    return pre or PRE, post or POST


def kind_sentence(report: Report) -> str:
    """What the numbers are, for the top of a report and for summary.json readers."""
    kind = score_kind(report)
    text = f"These results are {KIND_WORDS[kind]}."
    if kind == "points":
        return text
    if not cuts(report):
        return text + (" Percent proficient needs benchmark cut scores per grade and window: add benchmarks: to "
                       "team.yml or district.yml (docs/data-contract.md); until then it is left empty.")
    return text + " Proficient means at or above the benchmark cut for the student's grade and window (benchmarks: in team.yml or district.yml)."


_UNITS = (("map", "RIT"), ("star", "Star scale score"), ("i-ready", "i-Ready scale score"))


def score_unit(report: Report) -> str:
    """The unit a cut or a mean is named in: RIT for NWEA MAP, the vendor's scale score for Star and
    i-Ready (read from the ``assessment`` names), percentile rank, or percent correct."""
    kind = score_kind(report)
    if kind == "points":
        return "% correct"
    if kind == "percentile":
        return "percentile rank"
    rows = report.team.assessments
    names = rows["assessment"].dropna().astype(str).str.lower().unique() if "assessment" in rows else []
    for marker, unit in _UNITS:
        if len(names) and all(name.startswith(marker) or f" {marker}" in f" {name}" for name in names):
            return unit
    return "scale score"


def goal_cuts(report: Report) -> dict[tuple[str, str], float]:
    """The cuts the goal is read at on scale scores: its cut_score everywhere, else the benchmarks."""
    goal = report.config.goal
    cut_score = goal.cut_score if goal is not None else None
    return report.memo("goal_cuts", lambda: goal_cuts_for(cuts(report), cut_score, report.team.assessments,
                                                          report.team.students))


def cut_words(report: Report, window: str) -> str:
    """The goal's cut in its units, e.g. "70% correct", "RIT 210", or "the fall benchmark of each
    grade: RIT 188 (grade 3), 203 (grade 4)"; what is missing when there is none."""
    goal, unit = report.config.goal, score_unit(report)
    if score_kind(report) == "points":
        return f"{goal.points_cut_pct if goal else DEFAULT_CUT_PCT:g}% correct"
    if goal is not None and goal.cut_score is not None:
        return f"{unit} {goal.cut_score:g}, the goal's cut_score"
    found = sorted(((g, c) for (w, g), c in cuts(report).items() if w == window), key=lambda gc: grade_sort_key(gc[0]))
    if not found:
        return (f"no cut yet: add benchmarks: for the {window} window to team.yml or district.yml, or a cut_score "
                f"(in {unit}) to the goal")
    listed = ", ".join(f"{c:g} (grade {g})" for g, c in found)
    return f"the {window} benchmark of each grade: {unit} {listed}"


def unit_plural(unit: str) -> str:
    """"RIT scores", "Star scale scores", "percentile ranks": the unit as the name of the scores."""
    return "RIT scores" if unit == "RIT" else f"{unit}s"


def cut_as_written(goal_: LearningGoal) -> str:
    """The goal's cut as team.yml states it, before any assessment rows say what kind of score it is."""
    if goal_.proficiency_cut_pct is not None:
        return f"{goal_.proficiency_cut_pct:g}% correct"
    if goal_.cut_score is not None:
        return f"{goal_.cut_score:g} on the test's scale (cut_score)"
    return "each grade's benchmark (benchmarks: in team.yml or district.yml)"
