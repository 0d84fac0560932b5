"""The credential portfolio: for each candidate, each piece of evidence, complete or not and why.

:data:`~datadriver_utils.stats.credentials.CREDENTIALS` says what every micro-credential asks
for and names a rule per piece of evidence; :data:`RULES` holds those rules, one small function
each, judging the team's folder for one candidate:

* **complete** -- everything the evidence asks for is there;
* **partial** -- something is there, and ``detail`` says what is missing;
* **not started** -- nothing yet.

A credential is complete when all its evidence is, not started when none of it is started,
partial otherwise.  Files without a teacher column (pdsa.csv, run_chart.csv, surveys.csv,
team.yml, assessments.csv) are the team's and count for every candidate; the other records
count for the teacher they name.  The candidates are the members of team.yml named in any
teacher-leadership record, or the first member when none is (so the table says where to
start).  The rules themselves live in :mod:`datadriver_utils.stats.evidence_rules` and
:mod:`datadriver_utils.stats.evidence_school`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from datadriver_utils.contract.teacher_leadership import TEACHER_LEADERSHIP_TABLES
from datadriver_utils.stats import evidence_rules, evidence_school
from datadriver_utils.stats.credentials import CREDENTIALS
from datadriver_utils.stats.evidence_rules import COMPLETE, NOT_STARTED, PARTIAL, EvidenceInputs, Finding, Rule

__all__ = [
    "COMPLETE", "NOT_STARTED", "PARTIAL", "RULES", "STATUS_ORDER", "EvidenceInputs", "Finding", "candidates",
    "credential_status", "evaluate", "evidence_for",
]

STATUS_ORDER = (COMPLETE, PARTIAL, NOT_STARTED)
RULES: dict[str, Rule] = {**evidence_rules.RULES, **evidence_school.RULES}
"""Every completeness rule the registry may name."""
_PERSON_COLUMNS = {"slrc_cycles": ("teacher", "visitor"), "visits": ("leader",), "meetings": ("leader",)}


def candidates(inputs: EvidenceInputs) -> list[str]:
    """Members of team.yml named in a teacher-leadership record, in roster order; else the first."""
    named: set[str] = set()
    for key in TEACHER_LEADERSHIP_TABLES:
        table = inputs.table(key)
        for column in _PERSON_COLUMNS.get(key, ("teacher",)):
            if column in table:
                named |= {str(v).strip() for v in table[column].dropna()}
    members = [m.name for m in inputs.config.members]
    chosen = [m for m in members if m in named]
    return chosen or members[:1]


def evidence_for(inputs: EvidenceInputs, candidate: str, credential_id: str, evidence_id: str) -> Finding:
    """One rule applied to one candidate (its ``rows`` are what a submission packet shows)."""
    credential = next(c for c in CREDENTIALS if c.id == credential_id)
    evidence = next(e for e in credential.evidence if e.id == evidence_id)
    return RULES[evidence.rule](inputs, candidate)


def evaluate(inputs: EvidenceInputs, people: Sequence[str] | None = None) -> pd.DataFrame:
    """Every candidate × credential × evidence: ``status`` and ``detail``.

    Columns: ``candidate, credential_id, credential, seed, stack, evidence_id, asks, sources,
    team_level, status, detail``, in registry order per candidate.
    """
    rows = []
    for person in (people if people is not None else candidates(inputs)):
        for credential in CREDENTIALS:
            for evidence in credential.evidence:
                found = RULES[evidence.rule](inputs, person)
                rows.append({"candidate": person, "credential_id": credential.id, "credential": credential.name,
                             "seed": credential.seed, "stack": credential.stack, "evidence_id": evidence.id,
                             "asks": evidence.asks, "sources": ", ".join(evidence.sources),
                             "team_level": evidence.team_level, "status": found.status, "detail": found.detail})
    columns = ["candidate", "credential_id", "credential", "seed", "stack", "evidence_id", "asks", "sources",
               "team_level", "status", "detail"]
    return pd.DataFrame(rows, columns=columns)


def credential_status(evidence: pd.DataFrame) -> pd.DataFrame:
    """Per candidate and credential: ``status`` from its evidence, ``n_complete`` of ``n_evidence``
    and ``missing`` (the evidence not complete, with its detail)."""
    rows = []
    for (person, credential_id), part in evidence.groupby(["candidate", "credential_id"], sort=False):
        statuses = set(part["status"])
        status = COMPLETE if statuses == {COMPLETE} else NOT_STARTED if statuses == {NOT_STARTED} else PARTIAL
        open_items = part[part["status"] != COMPLETE]
        rows.append({"candidate": person, "credential_id": credential_id, "credential": part["credential"].iloc[0],
                     "seed": part["seed"].iloc[0], "stack": part["stack"].iloc[0], "status": status,
                     "n_complete": int((part["status"] == COMPLETE).sum()), "n_evidence": int(len(part)),
                     "missing": "; ".join(f"{r.evidence_id}: {r.detail}" for r in open_items.itertuples())})
    return pd.DataFrame(rows, columns=["candidate", "credential_id", "credential", "seed", "stack", "status",
                                       "n_complete", "n_evidence", "missing"])
