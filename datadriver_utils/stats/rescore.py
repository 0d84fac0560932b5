"""Corrected answer keys: rescore an item from the responses, and compare its statistics.

When an item analysis flags negative discrimination, the first thing to check is the key
(FIELD_NOTES, "Assessment item analysis"). A team that finds the key was wrong records the
correction in ``key_corrections.csv`` (``item_id, window, key, corrected_on, note``; the
contract's :data:`~datadriver_utils.contract.schemas.KEY_CORRECTIONS`). This module applies it:

* **Rescore** (:func:`apply_key_corrections`): on every row of the item (in the correction's
  window, or every window when it is blank) that records the option chosen, points =
  points possible when the response equals the corrected key (compared trimmed and
  upper-cased), else 0; the row's ``key`` becomes the corrected key. Rows without a response
  cannot be rescored and keep their points (counted as ``n_without_response``).
* **Before and after** (:func:`rescore_comparison`): the item's difficulty, discrimination,
  quality band and flags computed from the file's points and from the rescored points.

A correction that names an item the window does not have, or an item with no recorded
responses, is a problem in ``key_corrections.csv`` (file, row, column, value): rescoring it
would silently do nothing. Pure functions; no audiences here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from datadriver_utils.core.rows import spreadsheet_row
from datadriver_utils.errors import DataProblemsError, Problem

__all__ = ["KEY_CORRECTIONS_FILE", "Rescore", "apply_key_corrections", "rescore_comparison"]

KEY_CORRECTIONS_FILE = "key_corrections.csv"
_FLAG_COLUMNS = ("too_easy", "too_hard", "negative_discrimination")


@dataclass(frozen=True)
class Rescore:
    """Assessment rows with the corrected keys applied, and what each correction changed.

    ``log``: one row per correction and window: ``item_id, window, old_key, new_key,
    corrected_on`` (``YYYY-MM-DD`` or ``None``), ``note``, ``n_responses`` (rows rescored),
    ``n_changed`` (rows whose points changed), ``n_without_response``, ``mean_points_before``,
    ``mean_points_after`` (mean points per rescored row).
    """

    rows: pd.DataFrame
    log: pd.DataFrame


def _clean(values: pd.Series) -> pd.Series:
    cleaned = values.astype("string").str.strip().str.upper()
    return cleaned.where(cleaned != "")


def _problem(corrections: pd.DataFrame, label: object, column: str, value: object, message: str) -> Problem:
    return Problem(KEY_CORRECTIONS_FILE, message, row=spreadsheet_row(corrections, label), column=column,
                   value=None if pd.isna(value) else str(value))


def _targets(items: pd.DataFrame, item_id: str, window: object) -> pd.Series:
    mask = items["item_id"].astype("string").str.strip() == item_id
    if not pd.isna(window) and str(window).strip():
        mask &= items["window"].astype("string").str.lower() == str(window).strip().lower()
    return mask.fillna(False).astype(bool)


def _check(items: pd.DataFrame, corrections: pd.DataFrame) -> list[Problem]:
    problems = []
    if "item_id" not in items.columns or "response" not in items.columns:
        return [Problem(KEY_CORRECTIONS_FILE, "a key can only be corrected for item rows with responses: "
                        "assessments.csv needs item_id and response columns (the option each student chose)")]
    for label, row in corrections.iterrows():
        item = str(row["item_id"]).strip()
        target = _targets(items, item, row.get("window"))
        where = f"in window '{row['window']}'" if not pd.isna(row.get("window")) else "in any window"
        if not target.any():
            problems.append(_problem(corrections, label, "item_id", row["item_id"],
                                     f"assessments.csv has no item {item} {where}; use the item_id as it is there"))
        elif _clean(items.loc[target, "response"]).isna().all():
            problems.append(_problem(corrections, label, "item_id", row["item_id"],
                                     f"item {item} has no recorded responses {where}, so it cannot be rescored "
                                     "from them; re-export the corrected points into assessments.csv instead"))
    return problems


def apply_key_corrections(items: pd.DataFrame, corrections: pd.DataFrame | None) -> Rescore:
    """The assessment rows rescored with every correction (see the module docstring)."""
    columns = ["item_id", "window", "old_key", "new_key", "corrected_on", "note", "n_responses", "n_changed",
               "n_without_response", "mean_points_before", "mean_points_after"]
    if corrections is None or corrections.empty:
        return Rescore(items, pd.DataFrame(columns=columns))
    problems = _check(items, corrections)
    if problems:
        raise DataProblemsError(problems)
    rows, log = items.copy(), []
    for _label, correction in corrections.iterrows():
        item, key = str(correction["item_id"]).strip(), str(correction["key"]).strip().upper()
        target = _targets(rows, item, correction.get("window"))
        for window in pd.unique(rows.loc[target, "window"]):
            here = target & (rows["window"] == window)
            chosen = _clean(rows.loc[here, "response"])
            answered = chosen.index[chosen.notna()]
            before = rows.loc[answered, "points"].astype(float)
            after = pd.Series(np.where(chosen.loc[answered] == key, rows.loc[answered, "points_possible"], 0.0),
                              index=answered, dtype=float)
            old_keys = _clean(rows.loc[here, "key"]).dropna().unique() if "key" in rows.columns else []
            rows.loc[answered, "points"] = after
            if "key" in rows.columns:
                rows.loc[here, "key"] = key
            day = correction.get("corrected_on")
            log.append({"item_id": item, "window": str(window), "old_key": ", ".join(map(str, old_keys)) or None,
                        "new_key": key, "corrected_on": None if pd.isna(day) else f"{pd.Timestamp(day):%Y-%m-%d}",
                        "note": None if pd.isna(correction.get("note")) else str(correction["note"]),
                        "n_responses": len(answered), "n_changed": int((before != after).sum()),
                        "n_without_response": int(here.sum()) - len(answered),
                        "mean_points_before": float(before.mean()) if len(before) else np.nan,
                        "mean_points_after": float(after.mean()) if len(after) else np.nan})
    return Rescore(rows, pd.DataFrame(log, columns=columns))


def _flag_words(stats: pd.DataFrame) -> pd.Series:
    return stats.apply(lambda r: ", ".join(f.replace("_", " ") for f in _FLAG_COLUMNS if bool(r[f])) or "none", axis=1)


def rescore_comparison(before: pd.DataFrame, after: pd.DataFrame, item_ids: list[str]) -> pd.DataFrame:
    """The corrected items' statistics from the file's points and from the rescored points.

    ``before`` and ``after`` are :func:`~datadriver_utils.stats.items.item_statistics` tables of
    the same window. One row per item: ``item_id, difficulty_before, difficulty_after,
    discrimination_before, discrimination_after, quality_before, quality_after, flags_before,
    flags_after`` (flags as words, ``"none"`` when no flag).
    """
    keep = ["item_id", "difficulty_p", "discrimination_r", "quality"]
    old = before.assign(flags=_flag_words(before))[[*keep, "flags"]]
    new = after.assign(flags=_flag_words(after))[[*keep, "flags"]]
    both = old.merge(new, on="item_id", suffixes=("_before", "_after"))
    both = both[both["item_id"].isin(item_ids)].rename(columns={
        "difficulty_p_before": "difficulty_before", "difficulty_p_after": "difficulty_after",
        "discrimination_r_before": "discrimination_before", "discrimination_r_after": "discrimination_after"})
    return both[["item_id", "difficulty_before", "difficulty_after", "discrimination_before", "discrimination_after",
                 "quality_before", "quality_after", "flags_before", "flags_after"]].reset_index(drop=True)
