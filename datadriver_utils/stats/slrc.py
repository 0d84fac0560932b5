"""Student Learning Reflection Cycles: are they complete, does cycle 2 follow the rule, what moved?

The teacher-leadership micro-credentials (Teaching Matters; shared/seeds 003) ask a teacher for
two whole cycles in her own classroom, each with five parts -- the Student Learning Question,
the data collection tool, the student learning data, the considerations and the next steps --
and give one rule for the second cycle: a teacher *not yet satisfied* with what cycle 1 showed
designs one or more classroom changes and asks the **same** question again; a teacher who *is*
satisfied moves on to a new area and a new question.  Keeping the question is what lets two
cycles be compared: the same evidence, before and after a change.

Pure functions on the ``slrc_cycles`` table and the three tool tables (``tallies``,
``seating_maps``, ``scripts``); nothing here knows about audiences.  Formulas and who is
counted: docs/analysis.md, "Teacher leadership".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

__all__ = [
    "CYCLE_PARTS", "RULE_BREAKS", "RULE_FOLLOWED", "RULE_PENDING", "cycle_change", "cycle_completeness",
    "cycle_rule", "has_text", "peer_sets", "same_question", "script_counts", "seat_coverage", "seat_grid",
    "tally_shares", "tally_table", "tool_keys",
]

CYCLE_PARTS: dict[str, str] = {
    "question": "Student Learning Question",
    "tool": "data collection tool",
    "student_learning_data": "student learning data",
    "considerations": "considerations",
    "next_steps": "next steps",
}
"""The five parts of a complete cycle, in the order the cycle runs, with their names."""
RULE_FOLLOWED = "follows the rule"
RULE_BREAKS = "breaks the rule"
RULE_PENDING = "cannot tell yet"
_KEY = ["teacher", "cycle"]


def has_text(column: pd.Series) -> pd.Series:
    """True where a cell holds something other than blanks."""
    return column.astype("string").str.strip().fillna("").ne("")


def same_question(first: object, second: object) -> bool:
    """Whether two Student Learning Questions are the same question.

    Compared without case, spacing and closing punctuation, so retyping a question does not
    count as changing it; any change of words does.
    """
    def norm(text: object) -> str:
        return re.sub(r"\s+", " ", str(text or "")).strip().rstrip("?.! ").casefold()
    return bool(norm(first)) and norm(first) == norm(second)


def tool_keys(*tool_tables: pd.DataFrame) -> set[tuple[str, int]]:
    """The ``(teacher, cycle)`` pairs that have rows in any of the tool tables."""
    keys: set[tuple[str, int]] = set()
    for table in tool_tables:
        if not table.empty:
            keys |= {(str(t), int(c)) for t, c in table[_KEY].itertuples(index=False)}
    return keys


def cycle_completeness(cycles: pd.DataFrame, with_tool_data: Iterable[tuple[str, int]] = ()) -> pd.DataFrame:
    """One row per cycle: its five parts present or not, ``complete`` and what is ``missing``.

    The student learning data count as present when ``student_learning_data`` is written *or*
    the cycle has rows in a tool table (``with_tool_data``: see :func:`tool_keys`).
    Columns: ``teacher, cycle, visitor, question, tool`` then one flag per part of
    :data:`CYCLE_PARTS`, ``n_parts``, ``complete`` and ``missing`` (the missing parts' names).
    """
    keyed = set(with_tool_data)
    table = cycles.sort_values(_KEY, kind="stable").reset_index(drop=True)
    present = pd.DataFrame({part: has_text(table[part]) for part in CYCLE_PARTS}, index=table.index)
    collected = [(str(t), int(c)) in keyed for t, c in table[_KEY].itertuples(index=False)]
    present["student_learning_data"] |= np.array(collected, dtype=bool)
    out = table[["teacher", "cycle", "visitor", "question", "tool"]].assign(cycle=table["cycle"].astype(int))
    out = pd.concat([out, present.add_prefix("has_")], axis=1)
    out["n_parts"] = present.sum(axis=1).astype(int)
    out["complete"] = out["n_parts"] == len(CYCLE_PARTS)
    out["missing"] = [", ".join(CYCLE_PARTS[p] for p in CYCLE_PARTS if not row[p]) for _, row in present.iterrows()]
    return out


def _verdict(first: pd.Series, second: pd.Series) -> tuple[str, str]:
    """Judge the move from one cycle to the next by the rule for the second cycle."""
    satisfied, kept = first["satisfied"], same_question(first["question"], second["question"])
    changes = has_text(pd.Series([second.get("changes"), first.get("changes")])).any()
    if pd.isna(satisfied):
        return RULE_PENDING, f"say whether cycle {int(first['cycle'])}'s results satisfied the teacher (yes/no)"
    if bool(satisfied):
        if kept:
            return RULE_BREAKS, "satisfied, so the next cycle takes a new area and a new question, not the same one"
        return RULE_FOLLOWED, "satisfied, and a new question for the next cycle"
    if not kept:
        return RULE_BREAKS, "not yet satisfied, so the next cycle asks the same question after a classroom change"
    if not changes:
        return RULE_PENDING, "same question kept; describe the classroom change tried before it (changes)"
    return RULE_FOLLOWED, "not yet satisfied: same question again, after a classroom change"


def cycle_rule(cycles: pd.DataFrame) -> pd.DataFrame:
    """Each move from cycle *k* to *k + 1* of a teacher, judged by the rule for the second cycle.

    Columns: ``teacher, from_cycle, to_cycle, satisfied, same_question, verdict, reason``;
    ``verdict`` is :data:`RULE_FOLLOWED`, :data:`RULE_BREAKS` or :data:`RULE_PENDING` (the
    satisfied flag or the change is not written yet).  Teachers with one cycle have no row.
    """
    rows = []
    for teacher, own in cycles.sort_values(_KEY, kind="stable").groupby("teacher", sort=True):
        records = own.to_dict("records")
        for first, second in zip(records, records[1:]):
            verdict, reason = _verdict(pd.Series(first), pd.Series(second))
            rows.append({"teacher": teacher, "from_cycle": int(first["cycle"]), "to_cycle": int(second["cycle"]),
                         "satisfied": None if pd.isna(first["satisfied"]) else bool(first["satisfied"]),
                         "same_question": same_question(first["question"], second["question"]),
                         "verdict": verdict, "reason": reason})
    columns = ["teacher", "from_cycle", "to_cycle", "satisfied", "same_question", "verdict", "reason"]
    return pd.DataFrame(rows, columns=columns)


def cycle_change(cycles: pd.DataFrame) -> pd.DataFrame:
    """Per teacher: the first and latest ``result_pct`` on the first cycle's question.

    ``change = latest_pct - first_pct`` in percentage points, over the cycles that kept the first
    cycle's question (a new question measures something else, so it is not compared).  NaN
    when fewer than two of those cycles have a result.  Columns: ``teacher, question,
    first_cycle, first_pct, latest_cycle, latest_pct, change, improved``.
    """
    rows = []
    for teacher, own in cycles.sort_values(_KEY, kind="stable").groupby("teacher", sort=True):
        question = own["question"].iloc[0]
        thread = own[[same_question(question, q) for q in own["question"]]]
        scored = thread[thread["result_pct"].notna()] if "result_pct" in thread else thread.iloc[0:0]
        row: dict[str, object] = {"teacher": teacher, "question": question, "first_cycle": None, "first_pct": None,
                                  "latest_cycle": None, "latest_pct": None, "change": None, "improved": None}
        if len(scored) >= 2:
            first, latest = scored.iloc[0], scored.iloc[-1]
            change = float(latest["result_pct"] - first["result_pct"])
            row.update(first_cycle=int(first["cycle"]), first_pct=float(first["result_pct"]),
                       latest_cycle=int(latest["cycle"]), latest_pct=float(latest["result_pct"]),
                       change=change, improved=change > 0)
        rows.append(row)
    columns = ["teacher", "question", "first_cycle", "first_pct", "latest_cycle", "latest_pct", "change", "improved"]
    return pd.DataFrame(rows, columns=columns)


def peer_sets(cycles: pd.DataFrame, with_tool_data: Iterable[tuple[str, int]] = ()) -> pd.DataFrame:
    """Cycles crafted or collected by a visiting peer: rows whose ``visitor`` is someone else.

    Columns: ``visitor, teacher, cycle, question, tool, crafted`` (a question and a tool: a
    Common Aim set) and ``collected`` (crafted, and data written or in a tool table).
    """
    keyed = set(with_tool_data)
    visited = cycles[has_text(cycles["visitor"]) & (cycles["visitor"].astype(str).str.strip()
                                                   != cycles["teacher"].astype(str).str.strip())]
    out = visited[["visitor", "teacher", "cycle", "question", "tool"]].copy()
    out["cycle"] = out["cycle"].astype(int)
    out["crafted"] = (has_text(visited["question"]) & has_text(visited["tool"])).to_numpy()
    data = has_text(visited["student_learning_data"]).to_numpy() | np.array(
        [(str(t), int(c)) in keyed for t, c in visited[_KEY].itertuples(index=False)], dtype=bool)
    out["collected"] = out["crafted"] & data
    return out.sort_values(["visitor", "teacher", "cycle"]).reset_index(drop=True)


# -- the data collection tools ---------------------------------------------------------------------

def _one(table: pd.DataFrame, teacher: str, cycle: int) -> pd.DataFrame:
    return table[(table["teacher"] == teacher) & (table["cycle"].astype(int) == int(cycle))]


def tally_table(tallies: pd.DataFrame, teacher: str, cycle: int) -> pd.DataFrame:
    """One cycle's tally sheet as a grid: a row per interval (``minute``), a column per category."""
    sheet = _one(tallies, teacher, cycle)
    grid = sheet.pivot_table(index="minute", columns="category", values="count", aggfunc="sum", fill_value=0)
    order = list(dict.fromkeys(sheet["category"]))
    return grid.reindex(columns=order).sort_index().astype(int)


def tally_shares(tallies: pd.DataFrame) -> pd.DataFrame:
    """Per cycle and category: ``count`` and ``pct`` of all the cycle's tallies (``100 · count ÷ total``)."""
    sums = tallies.groupby(["teacher", "cycle", "category"], sort=False)["count"].sum().reset_index()
    total = sums.groupby(["teacher", "cycle"])["count"].transform("sum")
    sums["pct"] = (100 * sums["count"] / total.where(total > 0)).astype(float)
    sums["cycle"] = sums["cycle"].astype(int)
    return sums


def seat_grid(maps: pd.DataFrame, teacher: str, cycle: int) -> pd.DataFrame:
    """One cycle's seating map as rows × columns of counts (NaN where no student sat)."""
    sheet = _one(maps, teacher, cycle)
    grid = sheet.pivot_table(index="seat_row", columns="seat_column", values="count", aggfunc="sum")
    rows = range(1, int(sheet["seat_row"].max()) + 1) if len(sheet) else []
    columns = range(1, int(sheet["seat_column"].max()) + 1) if len(sheet) else []
    return grid.reindex(index=rows, columns=columns).astype(float)


def seat_coverage(maps: pd.DataFrame) -> pd.DataFrame:
    """Per mapped cycle: ``n_seats`` mapped, ``n_seen`` (count ≥ 1), ``pct_seen = 100 · n_seen ÷ n_seats``."""
    seen = maps.assign(seen=maps["count"] >= 1)
    out = seen.groupby(["teacher", "cycle"]).agg(n_seats=("seen", "size"), n_seen=("seen", "sum")).reset_index()
    out["cycle"] = out["cycle"].astype(int)
    out["pct_seen"] = 100 * out["n_seen"] / out["n_seats"]
    return out


def script_counts(scripts: pd.DataFrame) -> pd.DataFrame:
    """Per scripted cycle: notes by speaker (``notes_teacher``, ``notes_student``, ``notes_group``)
    and ``pct_student``: student and group notes as a percent of all the cycle's notes."""
    speakers = ["teacher", "student", "group"]
    counts = (scripts.assign(cycle=scripts["cycle"].astype(int))
              .groupby(["teacher", "cycle", "speaker"]).size().unstack("speaker", fill_value=0)
              .reindex(columns=speakers, fill_value=0))
    counts.columns = [f"notes_{s}" for s in speakers]
    counts = counts.reset_index()
    total = counts[[f"notes_{s}" for s in speakers]].sum(axis=1)
    counts["pct_student"] = 100 * (counts["notes_student"] + counts["notes_group"]) / total
    return counts
