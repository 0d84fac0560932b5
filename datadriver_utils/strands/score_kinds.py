"""Which kind of score a report shows, which windows it compares, and the sentence that says so.

Shared by the Data Analyst (notebook 12) and the snapshot (notebook 20), so both read a team's
scores the same way: **points** (percent correct, the team's cut) or **scale** / **percentile**
scores (means in scale points, proficiency against the benchmark cut of the student's grade and
window, :mod:`datadriver_utils.stats.scale_scores`). Windows come in time order from
:func:`datadriver_utils.contract.windows.order_windows`.
"""

from __future__ import annotations

from datadriver_utils.contract.config import benchmark_cuts
from datadriver_utils.contract.windows import POST, PRE, order_windows, pre_post_windows
from datadriver_utils.notebook.report import Report
from datadriver_utils.stats.scale_scores import headline_score_type

__all__ = ["KIND_WORDS", "analysis_window", "cuts", "kind_sentence", "pre_post", "score_kind", "team_windows"]

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
    """The window a view analyses: the one asked for; else ``post`` for a team that names its
    windows pre and post (a pre-only team then sees what the post rows will fill); else the
    latest window with scores (a vendor's "spring 2024-2025")."""
    if window:
        return window.strip().lower()
    windows = team_windows(report)
    if not windows or PRE in windows or POST in windows:
        return POST
    return windows[-1]


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
