"""Exercises for 40_credential_portfolio: where a candidate stands, what is one piece away, what is a draft.

Every answer is read from what the notebook shows: each candidate's status per credential
(``portfolio.overview(report).value``) and the submission packets (``portfolio.packets(report).value``).
The status names are the statistics module's own (:data:`~datadriver_utils.stats.portfolio.COMPLETE`
and its siblings).
"""

from __future__ import annotations

import pandas as pd

from datadriver_utils.leadership import credential_portfolio as portfolio
from datadriver_utils.notebook.report import Report
from datadriver_utils.stats.portfolio import COMPLETE, NOT_STARTED, PARTIAL
from datadriver_utils.training.exercise import Exercise, Task
from datadriver_utils.training.exercises.choices import counted, joined, traps_apart

__all__ = ["EXERCISES"]

NOTEBOOK = "40_credential_portfolio"
_WHERE = "section 2, where each candidate stands (and the notes under the table)"


def _statuses(report: Report) -> pd.DataFrame | None:
    value = portfolio.overview(report).value
    return value if isinstance(value, pd.DataFrame) and not value.empty else None


def _complete(report: Report) -> Task | None:
    statuses = _statuses(report)
    if statuses is None:
        return None
    person = str(statuses["candidate"].iloc[0])
    own = statuses[statuses["candidate"] == person]
    counts = own["status"].value_counts()
    done, partial = int(counts.get(COMPLETE, 0)), int(counts.get(PARTIAL, 0))
    pieces = int(own["n_complete"].sum())
    answer = float(done)
    return Task(
        prompt=f"Of the {len(own)} micro-credentials the portfolio tracks, how many are complete for {person}?",
        answer=answer, tolerance=0.0,
        explanation=f"{done} complete, {partial} partial and {int(counts.get(NOT_STARTED, 0))} not started. A "
                    "credential is complete only when every piece of its evidence is; some pieces come from the "
                    "team's shared files (PDSA tracker, run chart, surveys) and count for every candidate alike.",
        where=_WHERE,
        hint=f"Count the ✓ marks in {person}'s column.",
        traps=traps_apart(answer, 0.0, [
            (float(done + partial), "that counts the partial credentials too; complete means every piece is there"),
            (float(pieces), "that counts pieces of evidence, not credentials")]))


def _one_away(report: Report) -> Task | None:
    statuses = _statuses(report)
    if statuses is None:
        return None
    gap = statuses["n_evidence"] - statuses["n_complete"]
    near = statuses[(statuses["status"] == PARTIAL) & (gap == 1)]
    if near.empty:
        return None
    row = near.iloc[0]
    person = str(row["candidate"])
    own = statuses[statuses["candidate"] == person].assign(gap=gap)
    others = own[own["gap"] != 1]
    further = others[others["status"] != COMPLETE].sort_values("gap", kind="stable").head(2)
    complete = others[others["status"] == COMPLETE].head(3 - len(further))
    distractors = pd.concat([complete, further])

    def meaning(r: pd.Series) -> str:
        if r["status"] == COMPLETE:
            return f"{r['credential']} is complete already"
        return f"{r['credential']} has {r['n_complete']} of {r['n_evidence']} pieces: {r['gap']} still missing"

    answer = str(row["credential"])
    return Task(
        prompt=f"Which of these credentials is one piece of evidence away from complete for {person}?",
        answer=answer, kind="choice", options=tuple(sorted([answer, *distractors["credential"].astype(str)])),
        explanation=f"{answer}: {row['n_complete']} of {row['n_evidence']} pieces, missing {row['missing']}. "
                    "The next piece a candidate can finish this month is the best place to start a conversation "
                    "about the portfolio.",
        where=_WHERE,
        hint="Read the partial credentials; compare the pieces held with the pieces asked for (section 3 lists them).",
        traps=tuple((str(r["credential"]), meaning(r)) for _, r in distractors.iterrows()))


def _drafts(report: Report) -> Task | None:
    started = getattr(portfolio.packets(report), "value", None)
    if not isinstance(started, pd.DataFrame) or started.empty:
        return None
    drafts = started[started["status"] == PARTIAL]
    statuses = _statuses(report)
    everything = 0 if statuses is None else len(statuses)
    answer = float(len(drafts))
    per = drafts["candidate"].value_counts()
    return Task(
        prompt=f"The portfolio lists {counted(len(started), 'submission packet')}. How many of them are drafts?",
        answer=answer, tolerance=0.0,
        explanation=f"{len(drafts)}: "
                    + (joined([f"{c} {n}" for c, n in per.items()]) + ". " if len(drafts) else "none. ")
                    + "A packet is written for every credential a candidate has started; a partial one is marked as "
                      "a draft with what is missing, and nothing is sent for the candidate. Credentials not started get no "
                      "packet.",
        where="section 4, the submission packets (column 'Status')",
        hint="Count the packets whose status is partial.",
        traps=traps_apart(answer, 0.0, [
            (float(len(started) - len(drafts)), "those are the complete packets, ready to send"),
            (float(everything), "that counts every candidate and credential, started or not")]))


EXERCISES = (
    Exercise("40.1", NOTEBOOK, "Where a candidate stands", "complete means every piece", _complete),
    Exercise("40.2", NOTEBOOK, "One piece away", "finding the next piece of evidence to finish", _one_away),
    Exercise("40.3", NOTEBOOK, "Drafts and packets", "which packets can be sent", _drafts),
)
