"""The Inquiry Cycle Snapshot (notebook 20): Part 1 within 300 words, and the thread of next steps.

The Data Driver credential (shared/seeds 000) asks the team leader to answer five overview
questions in at most 300 words and to "follow the thread": for each earlier strand (Assessor,
Data Analyst, Goal Setter, Researcher), what the team committed to, what happened, and how it
shows in the results. Commitments and outcomes come from ``team.yml`` (``next_steps`` and
``actions``); the evidence line is read from the result that strand's own notebook shows, so
the snapshot and the strand's notebook say the same thing::

    thread = inquiry.thread(report)
    thread          # the table a team leader submits
    thread.frame    # one row per strand

The pre/post results of the snapshot are in :mod:`datadriver_utils.strands.snapshot`.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from pydantic import Field

from datadriver_utils.core.quantities import Count, Flag, Label, Summary, Text
from datadriver_utils.notebook.needs import needs
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Result
from datadriver_utils.stats.discrepancy import discrepancy_check
from datadriver_utils.stats.wordcount import WordLimitCheck, word_limit_check
from datadriver_utils.strands import analyst, goal_setter, snapshot
from datadriver_utils.strands import assessor as strand_assessor
from datadriver_utils.strands import researcher as strand_researcher

__all__ = [
    "InquirySummary", "OVERVIEW_WORD_LIMIT", "OverviewCheck", "STRANDS", "ThreadStep", "overview_check",
    "overview_text", "publish", "summary", "thread",
]

OVERVIEW_WORD_LIMIT = 300
"""Part 1 of the Data Driver submission is limited to 300 words."""

STRANDS: dict[str, str] = {
    "assessor": "Assessor",
    "data_analyst": "Data Analyst",
    "goal_setter": "Goal Setter",
    "researcher": "Researcher",
}
_THREAD_LABELS = {"strand": "Strand", "next_step": "Next step the team committed to",
                  "what_happened": "What happened", "evidence": "What the data show"}


# ----------------------------------------------------------------------------- summary models


class OverviewCheck(Summary):
    """Part 1 of the submission against its word limit."""

    words: Count = Field(description="words in Part 1: the five answers and the team's own paragraph")
    limit: Count = Field(description="the credential's limit (300)")
    within_limit: Flag = Field(description="words <= limit")
    team_paragraph: Flag = Field(description="team.yml has an overview: paragraph in the team's own words")


class ThreadStep(Summary):
    """One strand of the thread: the next step, what happened, what the data show."""

    strand: Label = Field(description="Assessor, Data Analyst, Goal Setter or Researcher")
    next_step: Text = Field(description="the next step the team committed to (team.yml next_steps; — when none)")
    what_happened: Text = Field(description="what happened when it did (team.yml actions; — when none)")
    evidence: Text = Field(description="what the team's data show, from that strand's own result")


class InquirySummary(Summary):
    """Part 1's word count and the thread from each strand's next step to the results (notebook 20)."""

    section = "inquiry_cycle"
    overview: OverviewCheck
    thread: list[ThreadStep] = Field(description="one step per strand, in the cycle's order")


# ----------------------------------------------------------------------------- Part 1


def overview_text(report: Report) -> str:
    """Part 1 as it would be submitted: the five answers, then the team's own paragraph."""
    lines = [f"{question}: {answer}" for question, answer in snapshot.overview_rows(report)]
    if report.config.overview:
        lines.append(report.config.overview)
    return "\n".join(lines)


@needs()
def overview_check(report: Report) -> Result:
    """Whether Part 1 fits in 300 words and where the team's own paragraph goes; ``.value`` is
    the :class:`OverviewCheck`.  team.yml alone is enough (the rating waits for the data)."""
    counted: WordLimitCheck = word_limit_check(overview_text(report), OVERVIEW_WORD_LIMIT)
    check = OverviewCheck(words=counted.words, limit=counted.limit, within_limit=counted.within_limit,
                          team_paragraph=report.config.overview is not None)
    result = Result(value=check)
    if not check.team_paragraph:
        result.note("team.yml has no `overview:` paragraph yet: add a few sentences in the team's own "
                    "words on what progress it made and why; it counts toward the 300 words.", "info")
    if counted.within_limit:
        return result.note(f"Part 1 is {counted.words} words, within the {OVERVIEW_WORD_LIMIT}-word limit.", "good")
    return result.note(f"Part 1 is {counted.words} words: cut {counted.words_over} to meet the "
                       f"{OVERVIEW_WORD_LIMIT}-word limit (shorten the `overview:` paragraph in team.yml).", "warning")


# ----------------------------------------------------------------------------- Part 2: the thread


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
    fixed = "".join(f" Key of {r.item_id} corrected ({r.old_key} to {r.new_key}"
                    + (f", {r.corrected_on}" if r.corrected_on else "") + ") and rescored: flags "
                    f"{r.flags_before} before, {r.flags_after} after." for r in summary.rescored)
    return f"Reliability (alpha) {alpha} on {summary.n_items} items; {tail}.{keys}{fixed}"


def _analyst_evidence(report: Report) -> str:
    team = report.team
    if not team.has("processes"):
        return "Add processes.csv to set completion and grades beside the results."
    result = discrepancy_check(team.table("processes"), team.students, team.assessments,
                               analyst.team_cut(report))
    return result.question if result.flagged else "Process evidence and results tell the same story: no gap flagged."


def _goal_setter_evidence(report: Report) -> str:
    found = goal_setter.summary(report)
    if not isinstance(found, goal_setter.GoalSetterSummary) or found.status is None:
        return "No goal in team.yml to check against the baseline."
    shown = goal_setter.baseline_shown(report)
    report.define("reach_status")
    pct, n = shown if shown is not None else ("—", "—")
    return (f"Baseline {pct} proficient (all {n} pre takers on the goal's standards) against a target of "
            f"{found.target_pct_proficient:g}%: goal judged {found.status}.")


def _researcher_evidence(report: Report) -> str:
    if not report.team.has("run_chart"):
        return "Add run_chart.csv to see whether the change made a difference."
    found = strand_researcher.reading(report)
    if not found.n_points:
        return "run_chart.csv has no values yet: add one row per date the team measured."
    return f"Run chart ({found.verdict.n_useful} useful points): {found.verdict.sentence}"


_EVIDENCE: dict[str, Callable[[Report], str]] = {
    "assessor": _assessor_evidence,
    "data_analyst": _analyst_evidence,
    "goal_setter": _goal_setter_evidence,
    "researcher": _researcher_evidence,
}


@needs("students", "assessments")
def thread(report: Report) -> Result:
    """One row per strand: the next step the team committed to, what happened, and what the data
    show; the table a team leader can submit."""
    config = report.config
    rows = pd.DataFrame([{"strand": label, "next_step": config.next_steps.get(key, "—"),
                          "what_happened": config.actions.get(key, "—"), "evidence": _EVIDENCE[key](report)}
                         for key, label in STRANDS.items()])
    return Result([report.tabulate(rows, name="thread", rename=_THREAD_LABELS,
                                   caption="Following the thread: from each strand's next step to the results")])


# ----------------------------------------------------------------------------- summary.json


@needs("students", "assessments")
def summary(report: Report) -> InquirySummary:
    """The ``inquiry_cycle`` section of summary.json: Part 1's word count and the thread."""
    steps = thread(report).tables["thread"]
    return InquirySummary(overview=overview_check(report).value,
                          thread=[ThreadStep.model_validate(row) for row in steps.to_dict("records")])


def publish(report: Report) -> InquirySummary | None:
    """Write the ``inquiry_cycle`` section and return it (None without students and assessments)."""
    found = summary(report)
    if isinstance(found, InquirySummary):
        report.publish(found)
        return found
    return None
