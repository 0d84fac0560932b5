"""Workshop self-assessments read back as profiles: functions, barriers, collection, vision, concerns.

Ratings arrive in long format, one row per member and item: ``member`` (str), ``item`` (str,
an id from :mod:`datadriver_utils.workshop.content`) and ``rating`` (float; blank = skipped).
The activities are those of the ESE District Data Team Toolkit, Module 1: the team
self-assessment by the five functions (1.1), the seven barriers after Ingram (2004) in their
cultural / technical / political groups (1.2), the hallmarks of a vision (1.3), the data
collection self-assessment (1.6) and the concerns of staff facing the change (1.9), read with
the Stages of Concern of the Concerns-Based Adoption Model (Hall & Hord; see
/work/shared/FIELD_NOTES.md "Stages of concern (CBAM)").

Every profile is a mean, minimum and maximum of the raw ratings with its count: a team of five
to eight people is too small for anything fancier, and the spread (max - min) is itself a
finding -- "everyone tells the same story" is one of the hallmarks of a vision.

The ``*_summary`` functions give plain JSON for summary.json; with ``min_group_size`` a profile
rated by fewer members than that has its numbers withheld (``"suppressed": true``).  Who on the
roster covers each function is in :mod:`datadriver_utils.stats.coverage`, the stages of concern
in :mod:`datadriver_utils.stats.concerns`; both read ratings with :func:`checked_ratings`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from datadriver_utils.errors import DataProblemsError, Problem
from datadriver_utils.workshop.content import (
    BARRIER_CATEGORIES,
    BARRIER_SCALE,
    BARRIERS,
    COLLECTION_SELF_ASSESSMENT,
    FIVE_FUNCTIONS,
    RATING_SCALE,
    TEAM_SELF_ASSESSMENT,
    VISION_HALLMARKS,
    ScalePoint,
    scale_range,
)

__all__ = [
    "FUNCTION_NAMES", "BarrierProfile", "barrier_profile", "barrier_summary", "checked_ratings",
    "collection_profile", "collection_summary", "describe_barriers", "describe_collection",
    "describe_functions", "describe_vision_rubric", "function_profile", "function_summary",
    "plain_records", "vision_rubric_profile", "vision_rubric_summary",
]

COLUMNS = ("member", "item", "rating")
#: The toolkit's five functions, id -> name, in the toolkit's order.
FUNCTION_NAMES = {f.id: f.name for f in FIVE_FUNCTIONS}


def checked_ratings(ratings: pd.DataFrame, known: Iterable[str], scale: Sequence[ScalePoint],
             source: str) -> pd.DataFrame:
    """The ratings with unknown items and off-scale values reported, blanks dropped.

    Every profile of a workshop activity starts here, so a mistyped item id or an off-scale
    rating is named with its spreadsheet row whichever profile is drawn first.
    """
    missing = [c for c in COLUMNS if c not in ratings.columns]
    if missing:
        raise DataProblemsError([Problem(source, "the ratings need the columns member, item and "
                                         "rating", column=c) for c in missing])
    lo, hi = scale_range(scale)
    frame = ratings.loc[:, list(COLUMNS)].astype({"member": str, "item": str})
    value = pd.to_numeric(frame["rating"], errors="coerce")
    unknown = ~frame["item"].isin(list(known))
    off = (frame["rating"].notna() & value.isna()) | (value < lo) | (value > hi)
    rows = np.arange(len(frame)) + 2  # spreadsheet rows: header is row 1
    problems = [Problem(source, "this item is not part of the activity; check the item id",
                        row=int(r), column="item", value=str(item))
                for r, item in zip(rows[unknown.to_numpy()], frame.loc[unknown, "item"])]
    problems += [Problem(source, f"item '{item}' has a rating outside the {lo:g}-{hi:g} scale; "
                         f"use a number from {lo:g} to {hi:g}, or leave it blank if skipped",
                         row=int(r), column="rating", value=_shown(raw))
                 for r, item, raw in zip(rows[off.to_numpy()], frame.loc[off, "item"],
                                         frame.loc[off, "rating"])]
    if problems:
        raise DataProblemsError(problems)
    return frame.assign(rating=value).dropna(subset=["rating"])


def _shown(value: object) -> str:
    """A rating as typed: ``5.0`` shows as ``5``."""
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    return str(value)


def _stats(frame: pd.DataFrame, key: str, order: Sequence[str], name: str | None = None
           ) -> pd.DataFrame:
    """Mean, min, max, n and number of members per ``key``, one row per ``order`` entry.

    The key column is called ``name`` in the result (``key`` by default).
    """
    grouped = frame.groupby(key)
    table = grouped["rating"].agg(["mean", "min", "max", "count"]).rename(columns={"count": "n"})
    table["n_members"] = grouped["member"].nunique()
    table = table.reindex(pd.Index(order, name=name or key))
    return table.fillna({"n": 0, "n_members": 0}).astype({"n": int, "n_members": int}).reset_index()


def function_profile(ratings: pd.DataFrame, *, source: str = "team_self_assessment") -> pd.DataFrame:
    """Team self-assessment by the toolkit's five functions (1-4 :data:`RATING_SCALE`).

    Returns ``function_id, function, mean, min, max, n, n_members``, one row per function in
    the toolkit's order (``n`` = 0 and NaN statistics for a function nobody rated).
    """
    groups = {s.id: s.group for s in TEAM_SELF_ASSESSMENT}
    frame = checked_ratings(ratings, groups, RATING_SCALE, source)
    frame = frame.assign(function_id=frame["item"].map(groups))
    table = _stats(frame, "function_id", list(FUNCTION_NAMES))
    table.insert(1, "function", table["function_id"].map(FUNCTION_NAMES))
    return table


@dataclass(frozen=True)
class BarrierProfile:
    """Barriers rated 1 (not a barrier here) to 4 (a major barrier).

    ``barriers``: ``barrier_id, barrier, category, mean, min, max, n, n_members``;
    ``categories``: ``category, mean, n`` (mean of every rating in the category, so each
    rating counts once); ``top``: the ids of up to three barriers with the highest mean
    (ties keep the toolkit's order).
    """

    barriers: pd.DataFrame
    categories: pd.DataFrame
    top: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"barriers": plain_records(self.barriers), "categories": plain_records(self.categories),
                "top": list(self.top)}


def barrier_profile(ratings: pd.DataFrame, *, source: str = "barriers") -> BarrierProfile:
    """Which of the seven barriers to data use weigh most on this team, and in which group."""
    info = {b.id: b for b in BARRIERS}
    frame = checked_ratings(ratings, info, BARRIER_SCALE, source)
    table = _stats(frame, "item", list(info), "barrier_id")
    table.insert(1, "barrier", table["barrier_id"].map(lambda i: info[i].name))
    table.insert(2, "category", table["barrier_id"].map(lambda i: info[i].category))
    by_cat = frame.assign(category=frame["item"].map(lambda i: info[i].category)).groupby("category")
    cats = by_cat["rating"].agg(["mean", "count"]).rename(columns={"count": "n"})
    cats = cats.reindex(pd.Index(BARRIER_CATEGORIES, name="category")).fillna({"n": 0})
    top = table.dropna(subset=["mean"]).sort_values("mean", ascending=False, kind="stable")
    return BarrierProfile(table, cats.astype({"n": int}).reset_index(),
                          tuple(top["barrier_id"].head(3)))


def collection_profile(ratings: pd.DataFrame, *, source: str = "collection_self_assessment"
                       ) -> pd.DataFrame:
    """Data collection self-assessment (toolkit 1.6): ``item, topic, statement`` + statistics."""
    info = {s.id: s for s in COLLECTION_SELF_ASSESSMENT}
    table = _stats(checked_ratings(ratings, info, RATING_SCALE, source), "item", list(info))
    table.insert(1, "topic", table["item"].map(lambda i: info[i].group))
    table.insert(2, "statement", table["item"].map(lambda i: info[i].text))
    return table


def vision_rubric_profile(ratings: pd.DataFrame, *, source: str = "vision_rubric") -> pd.DataFrame:
    """Vision hallmarks rated 1-4: ``hallmark_id, hallmark, strong``, statistics and ``spread``.

    ``spread`` = max - min; a spread of 2 or more points means members see the vision very
    differently -- itself a sign that the vision is not yet shared.
    """
    info = {h.id: h for h in VISION_HALLMARKS}
    table = _stats(checked_ratings(ratings, info, RATING_SCALE, source), "item", list(info), "hallmark_id")
    table.insert(1, "hallmark", table["hallmark_id"].map(lambda i: info[i].hallmark))
    table.insert(2, "strong", table["hallmark_id"].map(lambda i: info[i].strong))
    return table.assign(spread=table["max"] - table["min"])


# -- plain language -------------------------------------------------------------------------

def _fmt(value: float) -> str:
    return "no ratings" if pd.isna(value) else f"{value:.1f}"


def describe_functions(profile: pd.DataFrame) -> str:
    """Strongest and weakest function of the team self-assessment, in a sentence or two."""
    rated = profile.dropna(subset=["mean"])
    if rated.empty:
        return "No one has rated the team self-assessment yet."
    shown = rated["mean"].round(1)  # ties as the reader sees them, named together in table order
    top = rated[shown == shown.max()]
    bottom = rated[shown == shown.min()]
    text = (f"The team rates itself strongest on {' and '.join(top['function'])} "
            f"(mean {_fmt(top['mean'].iloc[0])} of 4)")
    text += (f" and weakest on {' and '.join(bottom['function'])} (mean {_fmt(bottom['mean'].iloc[0])})."
             if shown.max() != shown.min() else ".")
    unrated = profile.loc[profile["n"] == 0, "function"].tolist()
    return text + (f" Not rated yet: {', '.join(unrated)}." if unrated else "")


def describe_barriers(profile: BarrierProfile) -> str:
    """The top barriers and the group (cultural, technical, political) that weighs most."""
    if not profile.top:
        return "No one has rated the barriers to data use yet."
    rows = profile.barriers.set_index("barrier_id").loc[list(profile.top)]
    named = "; ".join(f"{r.barrier} ({r.category}, {_fmt(r.mean)} of 4)" for r in rows.itertuples())
    cats = profile.categories.dropna(subset=["mean"]).sort_values("mean", ascending=False,
                                                                  kind="stable")
    head = cats.iloc[0]
    return (f"The barriers rated highest are: {named}. Taken together, the {head['category']} "
            f"barriers weigh most (mean {_fmt(head['mean'])} of 4).")


def describe_collection(profile: pd.DataFrame) -> str:
    """The weakest collection practices (mean below 2.5 of 4), or that all look sound."""
    rated = profile.dropna(subset=["mean"])
    if rated.empty:
        return "No one has rated the data collection self-assessment yet."
    weak = rated[rated["mean"] < 2.5].sort_values("mean", kind="stable")
    if weak.empty:
        return "Every collection practice is rated at least 2.5 of 4 on average."
    listed = "; ".join(f"{r.statement} ({_fmt(r.mean)})" for r in weak.itertuples())
    return f"Collection practices rated below 2.5 of 4 on average: {listed}"


def describe_vision_rubric(profile: pd.DataFrame) -> str:
    """Strongest and weakest hallmark, and hallmarks on which members disagree by 2+ points."""
    rated = profile.dropna(subset=["mean"]).sort_values("mean", kind="stable")
    if rated.empty:
        return "No one has rated the vision hallmarks yet."
    low, high = rated.iloc[0], rated.iloc[-1]
    text = f"Strongest hallmark: {high['hallmark']} ({_fmt(high['mean'])} of 4)"
    text += f"; weakest: {low['hallmark']} ({_fmt(low['mean'])})." if len(rated) > 1 else "."
    split = rated.loc[rated["spread"] >= 2, "hallmark"].tolist()
    return text + (f" Members see these very differently: {', '.join(split)}." if split else "")


# -- summary.json ---------------------------------------------------------------------------

def plain_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of plain Python values (NaN / <NA> become None, numbers rounded to 0.1),
    as the typed summary records of the workshop profiles expect them."""
    plain = frame.round(1).astype(object).where(frame.notna(), None)
    return [{k: (v.item() if isinstance(v, np.generic) else v) for k, v in row.items()}
            for row in plain.to_dict("records")]


def _withheld(frame: pd.DataFrame, min_group_size: int | None, cols: Sequence[str]) -> pd.DataFrame:
    """Statistics withheld where fewer than ``min_group_size`` members rated."""
    out = frame.copy()
    small = (out["n_members"] < min_group_size) if min_group_size else pd.Series(False, out.index)
    out[list(cols)] = out[list(cols)].astype(float).mask(small)
    return out.assign(suppressed=small)


def function_summary(profile: pd.DataFrame, *, min_group_size: int | None = None) -> dict[str, Any]:
    """``{"functions": [...]}`` for summary.json."""
    return {"functions": plain_records(_withheld(profile, min_group_size, ["mean", "min", "max"]))}


def collection_summary(profile: pd.DataFrame, *, min_group_size: int | None = None
                       ) -> dict[str, Any]:
    """``{"collection": [...]}`` for summary.json (statement text left out: look up by id)."""
    table = _withheld(profile, min_group_size, ["mean", "min", "max"]).drop(columns="statement")
    return {"collection": plain_records(table)}


def vision_rubric_summary(profile: pd.DataFrame, *, min_group_size: int | None = None
                          ) -> dict[str, Any]:
    """``{"vision_rubric": [...]}`` for summary.json."""
    table = _withheld(profile, min_group_size, ["mean", "min", "max", "spread"])
    return {"vision_rubric": plain_records(table.drop(columns="strong"))}


def barrier_summary(profile: BarrierProfile, *, min_group_size: int | None = None
                    ) -> dict[str, Any]:
    """``{"barriers": {...}}``; with too few raters only the list of barriers survives."""
    barriers = _withheld(profile.barriers, min_group_size, ["mean", "min", "max"])
    hidden = bool(barriers["suppressed"].all())
    cats = profile.categories.assign(mean=np.nan) if hidden else profile.categories
    return {"barriers": {"barriers": plain_records(barriers), "categories": plain_records(cats),
                         "top": [] if hidden else list(profile.top), "suppressed": hidden}}
