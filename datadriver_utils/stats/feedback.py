"""The bite-size feedback log (notebook 21): observed, which tool, what impact, which evidence.

The practitioner article on leaders modelling data use (shared/seeds 002) describes a
principal whose feedback stays small and concrete: what did we observe, what did the tool (a
piece of classroom technology, a grouping) do for students at that moment, and what evidence
-- progress data, teachers' own feedback loops, students' reflections -- the conversation
rests on.  ``feedback_log.csv`` records each such conversation; this module counts them:

* **bite-size**: the feedback is at most :data:`BITE_SIZE_WORDS` words (one point, not a
  report); the bite-size rate = bite-size entries ÷ entries × 100;
* **impact known**: ``impact`` is helped, hindered or no clear effect (not "not yet known");
* entries by evidence source and by impact, in the contract's order, and by month.

Who received the feedback and what was written stay in the team view (callers decide); the
counts here are over conversations, not students.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from datadriver_utils.contract.schemas import FEEDBACK_LOG

__all__ = ["BITE_SIZE_WORDS", "EVIDENCE", "IMPACTS", "evidence_by_impact", "feedback_entries", "feedback_overview",
           "feedback_summary"]

BITE_SIZE_WORDS = 40
"""The longest feedback that still counts as bite-size (one concrete point)."""


def _allowed(column: str) -> tuple[str, ...]:
    return next(c.allowed or () for c in FEEDBACK_LOG.columns if c.name == column)


EVIDENCE: tuple[str, ...] = _allowed("evidence")
"""The evidence sources a feedback note may rest on, in the contract's order."""
IMPACTS: tuple[str, ...] = _allowed("impact")
"""What a tool did for students, in the contract's order."""
UNKNOWN_IMPACT = "not yet known"


def feedback_entries(log: pd.DataFrame) -> pd.DataFrame:
    """The log with ``words``, ``bite_size`` and ``impact_known`` per entry, in date order."""
    table = log.copy()
    table["date"] = pd.to_datetime(table["date"], errors="coerce", format="mixed")
    table["words"] = table["feedback"].fillna("").astype(str).str.split().str.len().astype(int)
    table["bite_size"] = table["words"].between(1, BITE_SIZE_WORDS)
    table["impact_known"] = table["impact"].astype(str).str.lower().ne(UNKNOWN_IMPACT)
    return table.sort_values("date", kind="stable").reset_index(drop=True)


def _counts(values: pd.Series, order: tuple[str, ...]) -> dict[str, int]:
    counts = values.astype(str).str.lower().value_counts()
    return {key: int(counts.get(key, 0)) for key in order}


def feedback_overview(entries: pd.DataFrame) -> pd.DataFrame:
    """Per month: ``month, n_entries, n_bite_size, pct_bite_size, n_impact_known, pct_impact_known``."""
    columns = ["month", "n_entries", "n_bite_size", "pct_bite_size", "n_impact_known", "pct_impact_known"]
    if entries.empty:
        return pd.DataFrame(columns=columns)
    table = entries.assign(month=entries["date"].dt.strftime("%Y-%m"))
    out = table.groupby("month", sort=True).agg(n_entries=("feedback", "size"), n_bite_size=("bite_size", "sum"),
                                                n_impact_known=("impact_known", "sum")).reset_index()
    out["pct_bite_size"] = 100.0 * out["n_bite_size"] / out["n_entries"]
    out["pct_impact_known"] = 100.0 * out["n_impact_known"] / out["n_entries"]
    return out.astype({"n_bite_size": int, "n_impact_known": int})[columns]


def feedback_summary(entries: pd.DataFrame) -> dict[str, Any]:
    """The log in numbers: entries, teachers, tools, the two rates, by evidence and by impact."""
    n = len(entries)
    tools = entries["tool"].dropna().astype(str) if "tool" in entries else pd.Series(dtype=str)
    return {
        "n_entries": int(n),
        "n_teachers": int(entries["teacher"].astype(str).nunique()),
        "n_tools": int(tools.str.strip().str.lower().nunique()),
        "pct_bite_size": None if not n else 100.0 * float(entries["bite_size"].mean()),
        "pct_impact_known": None if not n else 100.0 * float(entries["impact_known"].mean()),
        "by_evidence": _counts(entries["evidence"], EVIDENCE),
        "by_impact": _counts(entries["impact"], IMPACTS),
    }


def evidence_by_impact(entries: pd.DataFrame) -> pd.DataFrame:
    """Entries per evidence source (rows, the contract's order, unused ones left out) and impact
    (columns, the contract's order)."""
    table = pd.crosstab(entries["evidence"].astype(str).str.lower(), entries["impact"].astype(str).str.lower())
    table = table.reindex(index=[e for e in EVIDENCE if e in table.index], columns=list(IMPACTS), fill_value=0)
    table.index.name, table.columns.name = "evidence", None
    return table.astype(int)
