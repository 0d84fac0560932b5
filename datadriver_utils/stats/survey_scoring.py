"""Survey answers read row by row: checked against the items, reverse-scored, marked favourable.

The first step of every survey result (:mod:`datadriver_utils.stats.surveys` aggregates what
this module returns).  Answers are joined to ``survey_items.csv``; an unknown item, an answer
off the item's scale, a duplicate item or a construct mixing scales is named with its row, and
administrations are put in order (pre, post, then dates, then other labels).

Privacy: the scored rows keep respondent ids so each person's construct mean can be taken; they
are for the aggregates only and are never shown or published.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from datadriver_utils.contract.windows import order_windows
from datadriver_utils.core.rows import spreadsheet_row
from datadriver_utils.errors import DataProblemsError, Problem

__all__ = [
    "ADMINISTRATION_KEYS", "ITEMS_FILE", "RESPONSES_FILE", "order_administrations", "score_responses", "with_order",
]

RESPONSES_FILE = "surveys.csv"
ITEMS_FILE = "survey_items.csv"
ADMINISTRATION_KEYS = ["survey", "administration", "administration_order"]
"""The columns that name one administration of one survey, and its place in time."""


def order_administrations(labels: Iterable[str], order: Sequence[str] | None = None) -> list[str]:
    """Distinct administration labels, first to latest.

    With ``order`` the given list decides (labels it does not name raise ``ValueError``).
    Without it, the workbook's one time order
    (:func:`~datadriver_utils.contract.windows.order_windows`): "pre" before "post", "spring
    2025" before "fall 2025", ISO dates by date, and labels that say nothing about time in the
    order they first appear -- never alphabetically.
    """
    unique = list(dict.fromkeys(str(label) for label in labels))
    if order is None:
        return order_windows(unique)
    missing = [label for label in unique if label not in order]
    if missing:
        raise ValueError(f"administrations {missing} are not in the order {list(order)}")
    return [label for label in dict.fromkeys(order) if label in unique]


def with_order(frame: pd.DataFrame, order: Sequence[str] | None) -> pd.DataFrame:
    """Add ``administration_order`` (0 = first); name every row whose label ``order`` lacks.

    Counts and scores sort by this column, so "first" and "latest" mean the same everywhere.
    """
    labels = frame["administration"].astype(str)
    if order is not None:
        unknown = labels[~labels.isin(list(order))].drop_duplicates()
        if len(unknown):
            raise DataProblemsError([
                Problem(RESPONSES_FILE, f"this administration is not in the administration order "
                        f"{list(order)}; add it there or correct the label", row=spreadsheet_row(frame, i),
                        column="administration", value=value)
                for i, value in unknown.items()])
    rank = {label: i for i, label in enumerate(order_administrations(labels.unique(), order))}
    return frame.assign(administration=labels,
                        administration_order=labels.map(rank).astype("int64"))


def _item_problems(items: pd.DataFrame) -> list[Problem]:
    dup = items.duplicated(["survey", "item"])
    problems = [Problem(ITEMS_FILE, "this survey item is listed twice; keep one row",
                        row=spreadsheet_row(items, i), column="item", value=str(v))
                for i, v in items.loc[dup, "item"].items()]
    bad = items["scale_min"] >= items["scale_max"]
    problems += [Problem(ITEMS_FILE, "scale_max must be larger than scale_min", row=spreadsheet_row(items, i),
                         column="scale_max", value=f"{v:g}")
                 for i, v in items.loc[bad, "scale_max"].items()]
    scales = items.groupby(["survey", "construct"])[["scale_min", "scale_max"]].transform("nunique")
    mixed = (scales > 1).any(axis=1) & ~items.duplicated(["survey", "construct"], keep="first")
    problems += [Problem(ITEMS_FILE, "items of one construct must share one scale so their mean "
                         "can be read; split the construct or rescale the items", row=spreadsheet_row(items, i),
                         column="construct", value=str(v))
                 for i, v in items.loc[mixed, "construct"].items()]
    return problems


def _row_number(merged: pd.DataFrame, label: object) -> int:
    """``_row`` holds the responses' own index labels; ``merged.attrs`` says how to read them."""
    return int(label) if merged.attrs.get("row_index") else int(label) + 2  # type: ignore[call-overload]


def _response_problems(merged: pd.DataFrame) -> list[Problem]:
    unknown = merged["construct"].isna()
    problems = [Problem(RESPONSES_FILE, "this item is not in survey_items.csv for this survey; "
                        "add it there or correct the name", row=_row_number(merged, i), column="item",
                        value=str(v)) for i, v in merged.loc[unknown, ["_row", "item"]].values]
    r = merged["response"]
    outside = ~r.between(merged["scale_min"], merged["scale_max"]) | (r % 1 != 0)
    off = ~unknown & r.notna() & outside
    problems += [Problem(RESPONSES_FILE, f"responses must be whole numbers from {lo:g} to {hi:g}"
                         " (leave the cell empty for a skipped item)", row=_row_number(merged, i),
                         column="response", value=f"{v:g}")
                 for i, v, lo, hi in merged.loc[off, ["_row", "response", "scale_min", "scale_max"]]
                 .values]
    return problems


def score_responses(responses: pd.DataFrame, items: pd.DataFrame,
                    order: Sequence[str] | None = None) -> pd.DataFrame:
    """Join responses to their items, reverse-score, and mark favourable answers (row level).

    Reverse-scored items (worded so that agreeing is unfavourable) are flipped with
    ``scored = scale_min + scale_max - response``, so a higher score is always better.
    ``favourable`` is the "top of the scale" convention of school climate reports:
    ``scored > (scale_min + scale_max) / 2``, i.e. 4 and 5 on a 1–5 scale, 3 and 4 on a 1–4
    scale; the neutral midpoint is not favourable. Skipped items (NaN) keep NaN / <NA>.

    The result keeps ``respondent`` and is for the team audience only; pass it to the
    aggregate functions below before anything is shared.

    Raises
    ------
    DataProblemsError
        Items unknown to ``survey_items.csv``, responses off the item's scale, duplicate
        items, constructs mixing scales, or administrations missing from ``order``.
    """
    problems = _item_problems(items)
    keep = ["survey", "item", "construct", "item_text", "scale_min", "scale_max", "reverse_scored"]
    row_index = responses.index.name == "row"
    merged = responses.assign(_row=responses.index).merge(
        items[keep].drop_duplicates(["survey", "item"]), on=["survey", "item"], how="left")
    merged.attrs["row_index"] = row_index
    problems += _response_problems(merged)
    if problems:
        raise DataProblemsError(problems)
    merged = with_order(merged.set_index("_row").rename_axis("row" if row_index else None), order)
    flip = merged["reverse_scored"].astype(bool)
    scored = merged["response"].where(~flip, merged["scale_min"] + merged["scale_max"]
                                      - merged["response"])
    midpoint = (merged["scale_min"] + merged["scale_max"]) / 2
    favourable = (scored > midpoint).astype("boolean").where(scored.notna(), pd.NA)
    columns = ADMINISTRATION_KEYS + ["respondent", "item", "construct", "response", "scored", "favourable",
                        "scale_min", "scale_max", "reverse_scored"]
    return (merged.assign(scored=scored, favourable=favourable)[columns]
            .sort_values(["survey", "administration_order", "item", "respondent"])
            .reset_index(drop=True))
