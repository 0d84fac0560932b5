"""Which option each student chose, and what that says about an item's key and distractors.

A distractor chosen mostly by students who did well overall suggests a second defensible
answer or a wrong key (FIELD_NOTES, "Assessment item analysis").  The table is about
individual choices, so the views show it to the team only.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from datadriver_utils.stats.items import item_matrix, window_rows

__all__ = ["distractor_table"]


def _clean_option(values: pd.Series) -> pd.Series:
    cleaned = values.astype(str).str.strip().str.upper()
    return cleaned.where(cleaned != "")


def _key_flags(table: pd.DataFrame, chosen: pd.DataFrame, keys: pd.Series) -> pd.Series:
    """The given key where there is one; otherwise any option that earned full points."""
    full = chosen.loc[chosen["points"] >= chosen["points_possible"] - 1e-9]
    earned_full = pd.MultiIndex.from_frame(table[["item_id", "option"]]).isin(
        pd.MultiIndex.from_frame(full[["item_id", "option"]]))
    key = table["item_id"].map(keys)
    return pd.Series(np.where(key.notna(), table["option"] == key, earned_full), index=table.index)


def distractor_table(items: pd.DataFrame, window: str = "post", *,
                     min_group_size: int = 1) -> pd.DataFrame | None:
    """Per item and option: how many chose it, what share, whether it is the key, who chose it.

    ``proportion`` = count / students with a response to the item.  ``mean_total_proportion``
    = mean total score (points earned / points possible on answered items, including this one)
    of the students choosing the option: a distractor chosen by high scorers suggests a second
    defensible answer or a wrong key.  ``is_key`` uses the ``key`` column when given, otherwise
    any option that earned full points.  A key nobody chose appears with count 0.  The mean is
    NaN for options chosen by fewer than ``min_group_size`` students.  None when there is no
    ``response`` column or no response in the window.
    """
    if "response" not in items.columns:
        return None
    rows = window_rows(items, window)
    m = item_matrix(rows)
    chosen = rows.assign(option=_clean_option(rows["response"])).dropna(subset=["option"])
    if chosen.empty:
        return None
    chosen = chosen.assign(total=chosen["student_id"].map(m.total_proportion()))
    table = (chosen.groupby(["item_id", "option"], sort=False)
             .agg(count=("student_id", "size"), mean_total_proportion=("total", "mean"))
             .reset_index())
    keys = (rows.assign(k=_clean_option(rows["key"])).dropna(subset=["k"])
            .groupby("item_id", sort=False)["k"].first() if "key" in rows.columns
            else pd.Series(dtype=str))
    table = _add_unchosen_keys(table, keys)
    table["proportion"] = table["count"] / table.groupby("item_id")["count"].transform("sum")
    table["is_key"] = _key_flags(table, chosen, keys).astype(bool)
    table.loc[table["count"] < min_group_size, "mean_total_proportion"] = np.nan
    table["standard"] = table["item_id"].map(m.standard)
    order = {item: i for i, item in enumerate(m.points.columns)}
    table = table.assign(_order=table["item_id"].map(order)).sort_values(["_order", "option"])
    return table[["item_id", "standard", "option", "is_key", "count", "proportion",
                  "mean_total_proportion"]].reset_index(drop=True)


def _add_unchosen_keys(table: pd.DataFrame, keys: pd.Series) -> pd.DataFrame:
    present = set(zip(table["item_id"], table["option"]))
    extra = [(item, key) for item, key in keys.items()
             if item in set(table["item_id"]) and (item, key) not in present]
    if not extra:
        return table
    unchosen = pd.DataFrame(extra, columns=["item_id", "option"]).assign(
        count=0, mean_total_proportion=np.nan)
    return pd.concat([table, unchosen], ignore_index=True)
