"""The vision workshop's tables (notebook 01): who covers each function, the top barriers, the
draft against the mission, and how far the components table is filled in.

Toolkit activities 1.1-1.3 (Massachusetts ESE, Module 1; shared/seeds 004) and the workshop
"Learning Together: What Is a Data-Driven Vision?" (shared/seeds 001).  The profiles themselves
(means per function, barrier, hallmark) are computed in :mod:`datadriver_utils.stats.ratings`;
this module arranges them and reads the saved draft and components table.  Pure functions on
DataFrames and text: nothing here knows about audiences.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from datadriver_utils.stats.ratings import BarrierProfile
from datadriver_utils.workshop.content import BARRIERS, VISION_COMPONENTS, VISION_ROLES

__all__ = [
    "ComponentsFill", "components_fill", "components_table", "draft_text", "function_overview", "member_grid",
    "mission_words", "top_barriers", "uncovered_functions",
]

#: Short words left out when comparing a vision draft with the mission.
_STOPWORDS = frozenset(
    "a an and are as at be by every for from get gets go in is it its of on or our so that the "
    "their them there they this to us we what when who will with".split())


# -- the five functions (1.1) -----------------------------------------------------------------

def uncovered_functions(coverage: pd.DataFrame) -> list[str]:
    """Ids of the functions nobody on the roster covers (``coverage_by_function``), in order."""
    return coverage.loc[~coverage["covered"], "function_id"].tolist()


def function_overview(coverage: pd.DataFrame, profile: pd.DataFrame | None, *,
                      names: bool) -> pd.DataFrame:
    """One row per function: self-rating (if any, rounded to 0.1), who covers it, and whether anyone does.

    ``names=False`` gives the number of members covering each function instead of their names.
    """
    table = coverage[["function_id", "function"]].copy()
    if profile is not None:
        stats = profile.set_index("function_id")[["mean", "min", "max", "n_members"]]
        table = table.join(stats.round(1), on="function_id")
    if names:
        table["members"] = coverage["members"].map(", ".join)
    else:
        table["n_covering"] = coverage["n_members"]
    table["covered"] = coverage["covered"].map({True: "yes", False: "NO: gap"})
    return table.drop(columns="function_id")


# -- the seven barriers (1.2) -------------------------------------------------------------------

def top_barriers(profile: BarrierProfile) -> pd.DataFrame:
    """The (up to) three barriers with the highest mean (ties in the toolkit's order):
    ``rank, barrier_id, barrier, category, mean, min, max, n_members``."""
    table = profile.barriers.set_index("barrier_id").loc[list(profile.top)].reset_index()
    table.insert(0, "rank", range(1, len(table) + 1))
    return table[["rank", "barrier_id", "barrier", "category", "mean", "min", "max", "n_members"]]


def member_grid(ratings: pd.DataFrame) -> pd.DataFrame:
    """Barriers down (grouped by category), members across (in the order they first rated),
    each cell that member's last rating of the barrier."""
    order = [b.id for b in BARRIERS]
    wide = ratings.pivot_table(index="item", columns="member", values="rating", aggfunc="last")
    wide = wide.reindex(order)[list(dict.fromkeys(ratings["member"].astype(str)))]
    front = pd.DataFrame({"category": [b.category for b in BARRIERS],
                          "barrier": [b.name for b in BARRIERS]}, index=order)
    return front.join(wide).reset_index(drop=True)


# -- the draft vision against the mission (1.3) ------------------------------------------------

def draft_text(record: Mapping[str, Any]) -> str:
    """The draft in a saved record: ``text`` (the live widget) or ``draft`` (earlier saves)."""
    value = record.get("text") or record.get("draft") or ""
    return str(value).strip()


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]+", text.lower()) if w not in _STOPWORDS and len(w) > 2]


def mission_words(mission: str | None, draft: str) -> list[str]:
    """Content words the draft shares with the mission (plural ``s`` ignored), mission order.

    Content words: runs of letters, lower-cased, longer than two letters and not in a short
    stop list.  A rough thread, not a score: the toolkit asks that a vision for data use grow
    out of the district's mission, and shared words are the first visible sign that it does.
    """
    stems = {w.rstrip("s") for w in _words(draft)}
    return list(dict.fromkeys(w for w in _words(mission or "") if w.rstrip("s") in stems))


# -- the components × roles table (seed 001) ---------------------------------------------------

def components_table(table: pd.DataFrame, *, personal: bool = True) -> pd.DataFrame:
    """The saved components table with blanks as "", and a column marking group-added rows.

    ``personal=False`` leaves out the "your own part" column.
    """
    roles = [r.id for r in VISION_ROLES if personal or r.id != "your_role"]
    shown = table.reindex(columns=["component", *roles]).astype(object)
    shown = shown.where(shown.notna(), "")
    known = {c.name for c in VISION_COMPONENTS}
    added = shown["component"].map(lambda name: "" if name in known else "yes")
    return shown.assign(added=added)


@dataclass(frozen=True)
class ComponentsFill:
    """How far a :func:`components_table` is filled in."""

    filled: int
    cells: int
    added: int
    empty: list[str]


def components_fill(shown: pd.DataFrame) -> ComponentsFill:
    """Cells filled (non-blank) out of all role cells, components the group added, and the
    components with no step for any role."""
    roles = [c for c in shown.columns if c not in ("component", "added")]
    blank = shown[roles] == ""
    return ComponentsFill(filled=int((~blank).to_numpy().sum()), cells=int(blank.size),
                          added=int((shown["added"] == "yes").sum()),
                          empty=shown.loc[blank.all(axis=1), "component"].tolist())
