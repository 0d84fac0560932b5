"""The Inquiry Cycle Snapshot: Part 1 overview within 300 words, and the thread of next steps.

The Data Driver credential (shared/seeds 000) asks the team leader to answer five overview
questions in at most 300 words and to "follow the thread": for each earlier strand (Assessor,
Data Analyst, Goal Setter, Researcher), what the team committed to, what happened, and how it
shows in the results. Commitments and outcomes come from ``team.yml`` (``next_steps`` and
``actions``); the evidence line is computed from the team's data by that strand's module.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pandas as pd

from datadriver_utils.notebook.report import Report
from datadriver_utils.stats.discrepancy import discrepancy_check
from datadriver_utils.strands import analyst, goal_setter, snapshot
from datadriver_utils.strands import assessor as strand_assessor
from datadriver_utils.strands import researcher as strand_researcher

__all__ = [
    "OVERVIEW_WORD_LIMIT",
    "STRANDS",
    "count_words",
    "overview_text",
    "overview_check",
    "strand_thread",
    "show_overview_check",
    "show_thread",
    "inquiry_summary",
    "publish_inquiry",
]

OVERVIEW_WORD_LIMIT = 300
"""Part 1 of the Data Driver submission is limited to 300 words."""

STRANDS: dict[str, str] = {
    "assessor": "Assessor",
    "data_analyst": "Data Analyst",
    "goal_setter": "Goal Setter",
    "researcher": "Researcher",
}


def count_words(text: str) -> int:
    """Words as a reader counts them: runs of letters, digits, apostrophes, dots and hyphens."""
    return len(re.findall(r"[\w][\w'.\-%]*", text))


def overview_text(report: Report) -> str:
    """Part 1 as it would be submitted: the five answers, then the team's own paragraph."""
    lines = [f"{question}: {answer}" for question, answer in snapshot.overview_rows(report)]
    if report.config.overview:
        lines.append(report.config.overview)
    return "\n".join(lines)


def overview_check(report: Report) -> dict[str, Any]:
    """Word count of Part 1 against the limit."""
    words = count_words(overview_text(report))
    return {"words": words, "limit": OVERVIEW_WORD_LIMIT, "within_limit": words <= OVERVIEW_WORD_LIMIT,
            "team_paragraph": report.config.overview is not None}


def show_overview_check(report: Report) -> None:
    """Say whether Part 1 fits in 300 words and where the team's own paragraph goes."""
    check = overview_check(report)
    if not check["team_paragraph"]:
        report.notice("team.yml has no `overview:` paragraph yet: add a few sentences in the team's own "
                      "words on what progress it made and why; it counts toward the 300 words.", "info")
    if check["within_limit"]:
        report.notice(f"Part 1 is {check['words']} words, within the {OVERVIEW_WORD_LIMIT}-word limit.", "good")
    else:
        report.notice(f"Part 1 is {check['words']} words: cut {check['words'] - OVERVIEW_WORD_LIMIT} to meet "
                      f"the {OVERVIEW_WORD_LIMIT}-word limit (shorten the `overview:` paragraph in team.yml).",
                      "warning")


def _assessor_evidence(report: Report) -> str:
    summary = strand_assessor.summary(report)
    if not isinstance(summary, strand_assessor.AssessorSummary):
        return "Item-level rows (item_id) are needed to judge the assessment."
    flagged = summary.flagged
    alpha = "not computable" if summary.alpha is None else f"{summary.alpha:.2f}"
    parts = [f"{len(items)} {kind.replace('_', ' ')}" for kind, items in flagged.items() if items]
    negative = flagged.get("negative_discrimination") or []
    tail = "items flagged: " + ", ".join(parts) if parts else "no items flagged"
    keys = f" Check the key of {', '.join(negative)}." if negative else ""
    return f"Reliability (alpha) {alpha} on {summary.n_items} items; {tail}.{keys}"


def _analyst_evidence(report: Report) -> str:
    team = report.team
    if not team.has("processes"):
        return "Add processes.csv to set completion and grades beside the results."
    result = discrepancy_check(team.table("processes"), team.students, team.assessments,
                               analyst.team_cut(report))
    return result.question if result.flagged else "Process evidence and results tell the same story: no gap flagged."


def _goal_setter_evidence(report: Report) -> str:
    summary = goal_setter.goal_setter_summary(report)
    if summary.get("status") is None:
        return "No goal in team.yml to check against the baseline."
    return (f"Baseline {summary['baseline_pct_proficient']}% proficient against a target of "
            f"{summary['target_pct_proficient']}%: goal judged {summary['status']}.")


def _researcher_evidence(report: Report) -> str:
    if not report.team.has("run_chart"):
        return "Add run_chart.csv to see whether the change made a difference."
    summary = strand_researcher.researcher_summary(report)
    signals = summary.get("signals") or []
    if not signals:
        points = (summary.get("run_chart") or {}).get("phases", [{}])[0].get("n_useful")
        return f"No run-chart signal in {points} useful points: so far, ordinary variation."
    rules = ", ".join(sorted({f"{s['rule'].replace('_', ' ')} ({s['rule_set']})" for s in signals}))
    return f"Run-chart signal: {rules}."


_EVIDENCE: dict[str, Callable[[Report], str]] = {
    "assessor": _assessor_evidence,
    "data_analyst": _analyst_evidence,
    "goal_setter": _goal_setter_evidence,
    "researcher": _researcher_evidence,
}


def strand_thread(report: Report) -> pd.DataFrame:
    """One row per strand: committed next step, what happened, and what the data show."""
    config = report.config
    rows = [
        {
            "strand": label,
            "next_step": config.next_steps.get(key, "—"),
            "what_happened": config.actions.get(key, "—"),
            "evidence": _EVIDENCE[key](report),
        }
        for key, label in STRANDS.items()
    ]
    return pd.DataFrame(rows)


def show_thread(report: Report) -> None:
    """The thread as a table a team leader can submit."""
    report.table(strand_thread(report), caption="Following the thread: from each strand's next step to the results",
                 rename={"strand": "Strand", "next_step": "Next step the team committed to",
                         "what_happened": "What happened", "evidence": "What the data show"})


def inquiry_summary(report: Report) -> dict[str, Any]:
    """The ``inquiry_cycle`` section of summary.json."""
    return {"overview": overview_check(report), "thread": strand_thread(report).to_dict("records")}


def publish_inquiry(report: Report) -> dict[str, Any]:
    """Write the ``inquiry_cycle`` section and return it."""
    summary = inquiry_summary(report)
    report.publish(summary, "inquiry_cycle")
    return summary
