"""Notebook 40: the credential portfolio -- every piece of evidence, held or not, and the packets.

For every micro-credential of shared/seeds 000 (Data Driver) and 003 (teacher leadership,
Teaching Matters) the registry (:mod:`datadriver_utils.stats.credentials`) lists what evidence
it asks for, which file holds it and the rule that checks it; :mod:`datadriver_utils.stats.portfolio`
applies the rules to the team's folder for each candidate (complete / partial with what is
missing / not started).  Submission packets -- one HTML file per candidate and credential,
holding only that credential's evidence -- are written by :mod:`datadriver_utils.batch.packets`
(``datadriver portfolio --out``, or the live button here).

Privacy: a candidate's statuses are about a named colleague, so they are for the team.  Beyond
it the portfolio shows counts per credential, and only when at least the district's minimum
group size of candidates is behind them.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w
import pandas as pd
from pydantic import Field

from datadriver_utils.batch.packets import write_packets
from datadriver_utils.core.quantities import Count, Label, Summary
from datadriver_utils.leadership._shared import (
    action_button,
    answer_key,
    captures_fingerprint,
    self_check,
    tabulate,
    team_view,
)
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Result
from datadriver_utils.privacy.release import teacher_results_withheld
from datadriver_utils.stats.credentials import CREDENTIALS, registry_table
from datadriver_utils.stats.portfolio import (
    COMPLETE,
    NOT_STARTED,
    PARTIAL,
    STATUS_ORDER,
    EvidenceInputs,
    candidates,
    credential_status,
    evaluate,
)
from datadriver_utils.workshop.leadership_content import PORTFOLIO_QUIZ
from datadriver_utils.workshop.records import evidence_inputs

__all__ = [
    "CandidatePortfolio", "CredentialCounts", "PortfolioSummary", "answers", "evidence", "inputs", "overview",
    "packet_form", "packets", "publish", "quiz", "registry", "summary",
]

_LABELS = {"credential": "Credential", "seed": "Seed", "stack": "Stack", "level": "Level", "evidence_id": "Evidence",
           "asks": "What it asks for", "sources": "Held in", "rule": "Rule", "team_level": "The team's file",
           "candidate": "Candidate", "status": "Status", "detail": "What is there / missing",
           "n_complete": "Evidence complete", "n_evidence": "Evidence asked", "missing": "Still missing"}
_MARKS = {COMPLETE: "✓ complete", PARTIAL: "◐ partial", NOT_STARTED: "○ not started"}


class CandidatePortfolio(Summary):
    """One candidate's credentials (team audience only)."""

    candidate: Label = Field(description="the candidate, as named in team.yml")
    n_complete: Count = Field(description="credentials with all their evidence")
    n_partial: Count = Field(description="credentials with some evidence")
    n_not_started: Count = Field(description="credentials with none yet")
    credentials: dict[str, Label] = Field(description="credential id -> complete, partial or not started")


class CredentialCounts(Summary):
    """How many candidates are where on one credential."""

    credential_id: Label = Field(description="the credential's id (docs/analysis.md lists them)")
    complete: Count = Field(description="candidates with all its evidence")
    partial: Count = Field(description="candidates with some of it")
    not_started: Count = Field(description="candidates with none of it")


class PortfolioSummary(Summary):
    """The credential portfolio: every candidate's status on every tracked credential (notebook 40)."""

    section = "credential_portfolio"
    n_candidates: Count = Field(description="members of team.yml named in a teacher-leadership record (or the first)")
    n_credentials: Count = Field(description="micro-credentials tracked (seeds 000 and 003)")
    by_credential: list[CredentialCounts] | None = Field(
        description="candidates per status and credential (null beyond the team when fewer candidates than the "
                    "minimum group size)")
    candidates: list[CandidatePortfolio] | None = Field(description="each candidate (team audience only)")
    captures_left_out: Count = Field(description="live captures left out because they break the contract")


def inputs(report: Report) -> tuple[EvidenceInputs, int]:
    """The team's records as the rules read them, and how many live captures were left out."""
    found, problems = evidence_inputs(report.team)
    return found, len(problems)


def _evaluated(report: Report) -> tuple[EvidenceInputs, int, pd.DataFrame, pd.DataFrame]:
    """Inputs, captures left out, every piece of evidence and every credential's status: computed
    once per report until a live form saves again (four sections read the same evaluation)."""
    def compute() -> tuple[EvidenceInputs, int, pd.DataFrame, pd.DataFrame]:
        found, left_out = inputs(report)
        table = evaluate(found)
        return found, left_out, table, credential_status(table)
    return report.memo(("credential_portfolio", captures_fingerprint(report)), compute)


def _withheld(report: Report, n_candidates: int) -> bool:
    return teacher_results_withheld(n_candidates, report.rules, report.audience)


def registry(report: Report) -> Result:
    """The registry: each credential, the evidence it asks for, where it is held, the rule."""
    table = registry_table()[["credential", "seed", "stack", "evidence_id", "asks", "sources", "team_level"]]
    shown = table.assign(team_level=table["team_level"].map({True: "yes", False: "no"}))
    return Result([tabulate(report, shown, caption=f"{len(CREDENTIALS)} micro-credentials and their evidence",
                                   rename=_LABELS, name="registry")], value=registry_table()).note(
        "Not tracked, because no file can show them: a passing evaluation of the Data Driver's Part 1 and 3, "
        "earning the four strand credentials first, and agreeing to answer other teachers' questions about shared "
        "work. The seeds' own tools we do not have (the Student Learning Rubric, the Inquiry Cycle Snapshot "
        "worksheet, a Looking at Student Work protocol) are replaced by our own criteria in notebooks 20 and "
        "30-33, or by recording the protocol's name.")


def overview(report: Report) -> Result:
    """Candidates × credentials: complete, partial or not started."""
    found, left_out, _table, statuses = _evaluated(report)
    people = candidates(found)
    result = Result(value=statuses)
    if left_out:
        result.note(f"{left_out} live capture(s) left out because they break the data contract; notebooks 30-33 "
                    "name them.", "warning")
    if not team_view(report):
        if _withheld(report, len(people)):
            return result.note(f"The portfolio stays inside the team: it describes {len(people)} named "
                               f"colleague(s), fewer than the district's minimum group size "
                               f"({report.rules.min_group_size}).")
        counts = statuses.pivot_table(index="credential", columns="status", values="candidate", aggfunc="size",
                                      fill_value=0).reindex(columns=list(STATUS_ORDER), fill_value=0).reset_index()
        return result.add(tabulate(report, counts, caption="Candidates per status", name="counts"))
    matrix = statuses.pivot(index="credential_id", columns="candidate", values="status").reindex(
        index=[c.id for c in CREDENTIALS], columns=people).map(lambda s: _MARKS.get(s, s))
    matrix.insert(0, "credential", [c.name for c in CREDENTIALS])
    result.add(tabulate(report, matrix.reset_index(drop=True), caption="Where each candidate stands",
                               rename=_LABELS, name="matrix"))
    for person in people:
        own = statuses[statuses["candidate"] == person]["status"].value_counts()
        result.note(f"{person}: {own.get(COMPLETE, 0)} complete, {own.get(PARTIAL, 0)} partial, "
                    f"{own.get(NOT_STARTED, 0)} not started of {len(CREDENTIALS)}.")
    return result


def evidence(report: Report, candidate: str = "") -> Result:
    """Every piece of evidence for a candidate (or all): its status and what is there or missing."""
    if not team_view(report):
        return Result().note("Each candidate's evidence stays inside the team.")
    found, _left_out, table, _statuses = _evaluated(report)
    if candidate:
        named = table[table["candidate"] == candidate]
        table = named if len(named) else evaluate(found, [candidate])
    shown = table[["candidate", "credential", "evidence_id", "asks", "status", "detail"]]
    return Result([tabulate(report, shown.assign(status=shown["status"].map(_MARKS)), caption="Evidence, piece by "
                                   "piece", rename=_LABELS, name="evidence")], value=table)


def packets(report: Report) -> Result:
    """The packets ``datadriver portfolio --out`` would write: one per started credential."""
    if not team_view(report):
        return Result().note("Submission packets are built for and by the team.")
    statuses = _evaluated(report)[3]
    started = statuses[statuses["status"] != NOT_STARTED]
    shown = started[["candidate", "credential", "status", "missing"]]
    return Result([tabulate(report, shown, caption=f"{len(started)} submission packet(s)", rename=_LABELS,
                                   name="packets")], value=started).note(
        "Each packet holds only its credential's evidence; partial ones are marked as drafts with what is "
        "missing. Build them with `datadriver portfolio --team <team> --out <folder>` or the live button.")


def packet_form(report: Report, out_dir: str = "../exports") -> w.VBox:
    """Live: write every started credential's packet under ``out_dir/<team_id>/packets/``."""
    def build() -> str:
        written = write_packets(report.team, Path(out_dir))
        return f"{len(written)} packet(s) written under {Path(out_dir) / report.team.team_id}."

    return action_button("Build the submission packets", "file", "build", "Not built:", build)


def quiz() -> w.VBox:
    """Live: the self-check on reading the portfolio (nothing saved)."""
    return self_check(PORTFOLIO_QUIZ)


def answers(report: Report) -> Result:
    """The self-check with the right answers and the reasons."""
    return answer_key(PORTFOLIO_QUIZ)


# -- summary.json ----------------------------------------------------------------------------------

def _counts(statuses: pd.DataFrame) -> list[dict[str, object]]:
    rows = []
    for credential in CREDENTIALS:
        own = statuses.loc[statuses["credential_id"] == credential.id, "status"].value_counts()
        rows.append({"credential_id": credential.id, "complete": int(own.get(COMPLETE, 0)),
                     "partial": int(own.get(PARTIAL, 0)), "not_started": int(own.get(NOT_STARTED, 0))})
    return rows


def _people(statuses: pd.DataFrame) -> list[dict[str, object]]:
    rows = []
    for person, own in statuses.groupby("candidate", sort=False):
        counts = own["status"].value_counts()
        rows.append({"candidate": person, "n_complete": int(counts.get(COMPLETE, 0)),
                     "n_partial": int(counts.get(PARTIAL, 0)), "n_not_started": int(counts.get(NOT_STARTED, 0)),
                     "credentials": dict(zip(own["credential_id"], own["status"]))})
    return rows


def summary(report: Report) -> PortfolioSummary:
    """The ``credential_portfolio`` section (read fresh)."""
    _found, left_out, _table, statuses = _evaluated(report)
    n_people = int(statuses["candidate"].nunique())
    return PortfolioSummary.model_validate({
        "n_candidates": n_people, "n_credentials": len(CREDENTIALS),
        "by_credential": None if _withheld(report, n_people) else _counts(statuses),
        "candidates": _people(statuses) if team_view(report) else None, "captures_left_out": left_out,
    })


def publish(report: Report) -> PortfolioSummary:
    """Write the ``credential_portfolio`` section of summary.json and return it."""
    found = summary(report)
    report.publish(found)
    return found
