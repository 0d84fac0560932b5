"""Classroom improvement: the student-voice action plan, Looking at Student Work, two PDSA tests.

From the "Advancing Powerful Student Learning in My Classroom" micro-credentials (Teaching
Matters; shared/seeds 003):

* **Listening to Student Voice**: after the first survey's results arrive the teacher picks a
  focus area, plans an action (what, for which students, when) and reflects after the second
  administration.  The plan's timeline must sit *between* the two: it cannot start before the
  results it answers have arrived, and it must be over before students answer again, or the
  second survey cannot show what the action did (:func:`voice_timeline`);
* **Looking at Student Work**: one discussion presented, one facilitated, each with its
  protocol (we record the protocol's name; we do not supply one) (:func:`student_work_roles`);
* **Understanding Improvement**: two complete Plan-Do-Study-Act tests, each with its
  question, prediction, measure and results (:func:`pdsa_tests`).

:func:`identifier_hits` finds student ids in text a share package would carry.  Pure
functions on the validated tables; formulas in docs/analysis.md, "Teacher leadership".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from datadriver_utils.stats.slrc import has_text

__all__ = [
    "PDSA_PARTS", "ROLE_PARTS", "focus_results", "identifier_hits", "pdsa_tests", "student_work_roles",
    "voice_timeline",
]

PDSA_PARTS: dict[str, str] = {"question": "question", "prediction": "prediction", "measure": "measure",
                              "study": "results (study)"}
"""What makes a PDSA test complete, and the words for each part (pdsa.csv column: name)."""
ROLE_PARTS: dict[str, dict[str, str]] = {
    "presenting": {"protocol": "protocol", "student_work": "the student work", "reflection": "reflection",
                   "next_steps": "next steps"},
    "facilitating": {"protocol": "protocol", "student_work": "the student work", "reflection": "reflection"},
}
"""The parts each Looking at Student Work role must record (the guiding question is optional)."""


def voice_timeline(plans: pd.DataFrame) -> pd.DataFrame:
    """Each action plan with its timeline checked against the two administrations.

    ``after_results``: ``start >= results_received``; ``before_second``: ``end <
    second_administration``; ``ordered``: ``start <= end``; ``in_window`` all three.
    ``problem`` says in words what to change (empty when in the window).
    """
    table = plans.reset_index(drop=True).copy()
    table["after_results"] = (table["start"] >= table["results_received"]).to_numpy(dtype=bool)
    table["before_second"] = (table["end"] < table["second_administration"]).to_numpy(dtype=bool)
    table["ordered"] = (table["start"] <= table["end"]).to_numpy(dtype=bool)
    table["in_window"] = table["after_results"] & table["before_second"] & table["ordered"]
    problems = []
    for row in table.itertuples(index=False):
        words = []
        if not row.ordered:
            words.append("the action ends before it starts")
        if not row.after_results:
            words.append(f"it starts ({row.start:%Y-%m-%d}) before the first results arrived "
                         f"({row.results_received:%Y-%m-%d})")
        if not row.before_second:
            words.append(f"it ends ({row.end:%Y-%m-%d}) on or after the second administration "
                         f"({row.second_administration:%Y-%m-%d})")
        problems.append("; ".join(words))
    table["problem"] = problems
    table["days"] = (table["end"] - table["start"]).dt.days + 1
    return table


def focus_results(plans: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """Each plan's focus area read from the survey: first and latest percent favourable.

    ``changes`` is :func:`~datadriver_utils.stats.surveys.construct_change` (already suppressed).
    A plan whose construct is not in the survey gets ``status`` "construct not in the survey".
    """
    keep = ["survey", "construct", "first_administration", "first_pct_favourable", "first_status",
            "latest_administration", "latest_pct_favourable", "latest_status", "pct_favourable_change", "status"]
    merged = plans[["teacher", "survey", "construct"]].merge(changes[keep], on=["survey", "construct"], how="left")
    merged["status"] = merged["status"].fillna("construct not in the survey")
    return merged


def pdsa_tests(pdsa: pd.DataFrame) -> pd.DataFrame:
    """Each PDSA cycle with its four parts present or not, ``complete`` and what is ``missing``."""
    table = pdsa.sort_values("cycle", kind="stable").reset_index(drop=True)
    present = pd.DataFrame({part: has_text(table[part]) if part in table else False for part in PDSA_PARTS},
                           index=table.index)
    out = table[["cycle", "question", "change_idea"]].assign(cycle=table["cycle"].astype(int))
    out = pd.concat([out, present.add_prefix("has_")], axis=1)
    out["complete"] = present.all(axis=1)
    out["missing"] = [", ".join(PDSA_PARTS[p] for p in PDSA_PARTS if not row[p]) for _, row in present.iterrows()]
    return out


def student_work_roles(records: pd.DataFrame, teacher: str | None = None) -> pd.DataFrame:
    """The latest discussion per teacher and role, with the parts its role needs.

    One row per teacher and role (``presenting``, ``facilitating``), present or not:
    ``date, protocol, complete, missing`` (a role never recorded is missing everything).
    """
    teachers = [teacher] if teacher else sorted(set(records["teacher"]))
    rows = []
    for name in teachers:
        for role, parts in ROLE_PARTS.items():
            own = records[(records["teacher"] == name) & (records["role"] == role)].sort_values("date")
            if own.empty:
                rows.append({"teacher": name, "role": role, "date": None, "protocol": None, "complete": False,
                             "missing": "no discussion recorded"})
                continue
            latest = own.iloc[-1]
            missing = [words for column, words in parts.items()
                       if not has_text(pd.Series([latest[column]])).iloc[0]]
            rows.append({"teacher": name, "role": role, "date": latest["date"].strftime("%Y-%m-%d"),
                         "protocol": latest["protocol"], "complete": not missing, "missing": ", ".join(missing)})
    return pd.DataFrame(rows, columns=["teacher", "role", "date", "protocol", "complete", "missing"])


def identifier_hits(text: str, student_ids: Iterable[str]) -> list[str]:
    """The student ids that appear in ``text`` as whole tokens (``00123`` is not in ``100123``).

    Ids are compared as typed, so leading zeros count; ids shorter than three characters are
    not searched (they would match ordinary numbers).
    """
    wanted = {str(i).strip() for i in student_ids if len(str(i).strip()) >= 3}
    if not wanted or not text:
        return []
    tokens = set(re.findall(r"[A-Za-z0-9]+", text))
    plain = {i for i in wanted if i.isalnum()}
    found = plain & tokens
    found |= {i for i in wanted - plain if re.search(rf"(?<![A-Za-z0-9]){re.escape(i)}(?![A-Za-z0-9])", text)}
    return sorted(found)

