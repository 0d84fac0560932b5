"""How far a common assessment can be trusted as a whole: Cronbach's alpha and the flagged items.

Alpha (= KR-20 for 0/1 items; FIELD_NOTES, "Assessment item analysis") says whether the items
hang together well enough to read one score from them; :func:`assessment_quality_summary`
puts it beside the items :func:`~datadriver_utils.stats.items.item_statistics` flags, and
:func:`describe_assessment` reads both in plain words for a coach.  The per-item numbers are in
:mod:`datadriver_utils.stats.items`.

Privacy: every result is an aggregate over students; no student identifier is returned.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from datadriver_utils.stats.items import (
    FLAGS,
    TINY,
    ItemMatrix,
    item_matrix,
    matrix_statistics,
    window_rows,
)

__all__ = ["ALPHA_RULES_OF_THUMB", "assessment_quality_summary", "cronbach_alpha", "describe_assessment"]

#: Rules of thumb for alpha (after George & Mallery 2003, read for classroom use), highest first.
ALPHA_RULES_OF_THUMB = (
    (0.80, "good", "the items hang together well enough to support decisions about groups "
     "and, alongside other evidence, about individual students"),
    (0.70, "acceptable", "the items hang together well enough for a classroom decision about "
     "groups, such as which standard to reteach"),
    (0.60, "questionable", "use the results to spot patterns, and confirm them with other "
     "evidence before acting"),
    (-math.inf, "low", "the items may be measuring different things (or the test is short); "
     "do not rank or place students on this score"),
)


def _alpha_listwise(m: ItemMatrix, min_group_size: int) -> tuple[float, int]:
    complete = m.points.dropna(axis=0, how="any")
    n, k = complete.shape
    if k < 2 or n < max(2, min_group_size):
        return math.nan, int(n)
    total_variance = complete.sum(axis=1).var(ddof=1)
    if total_variance <= TINY:
        return math.nan, int(n)
    return float(k / (k - 1) * (1 - complete.var(ddof=1).sum() / total_variance)), int(n)


def cronbach_alpha(items: pd.DataFrame, window: str = "post", *, min_group_size: int = 1) -> float:
    """Cronbach's alpha of the window's items: alpha = k/(k-1) * (1 - sum(item var) / var(total)).

    Computed on raw points with the sample variance (ddof = 1) throughout; the n/(n-1) factors
    cancel, so the population variance gives the same alpha.  For 0/1 items it equals KR-20
    (Kuder & Richardson 1937; FIELD_NOTES).  Listwise: only students who answered every item
    count (:func:`assessment_quality_summary` reports that n as ``n_students_alpha``).  NaN with
    fewer than 2 items, fewer than 2 (or ``min_group_size``) complete students, or no spread in
    totals.
    """
    return _alpha_listwise(item_matrix(window_rows(items, window)), min_group_size)[0]


def assessment_quality_summary(items: pd.DataFrame, window: str = "post", *,
                               too_easy_above: float = 0.90, too_hard_below: float = 0.30,
                               negative_below: float = 0.0,
                               min_group_size: int = 1) -> dict[str, Any]:
    """Alpha, counts and flagged item ids in plain JSON types, for ``summary.json``.

    Keys: ``window``, ``alpha`` (float, or None when undefined), ``n_students`` (answered at
    least one item), ``n_students_alpha`` (answered every item: the listwise n behind alpha),
    ``n_items``, ``thresholds`` and ``flagged`` (flag name -> list of item ids), flags as in
    :func:`item_statistics`.
    """
    m = item_matrix(window_rows(items, window))
    stats = matrix_statistics(m, too_easy_above, too_hard_below, negative_below, min_group_size)
    alpha, n_alpha = _alpha_listwise(m, min_group_size)
    return {
        "window": str(window),
        "alpha": None if math.isnan(alpha) else alpha,
        "n_students": int(m.points.shape[0]),
        "n_students_alpha": n_alpha,
        "n_items": int(m.points.shape[1]),
        "thresholds": {"too_easy_above": float(too_easy_above),
                       "too_hard_below": float(too_hard_below),
                       "negative_below": float(negative_below)},
        "flagged": {flag: [str(i) for i in stats.loc[stats[flag], "item_id"]] for flag in FLAGS},
    }


def _name_list(ids: list[str], most: int = 6) -> str:
    shown = ids[:most] + ([f"{len(ids) - most} more"] if len(ids) > most else [])
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def describe_assessment(summary: Mapping[str, Any]) -> str:
    """Two or three plain sentences for a coach, from :func:`assessment_quality_summary`.

    Alpha is read against :data:`ALPHA_RULES_OF_THUMB` (>= .80 good, .70-.79 acceptable,
    .60-.69 questionable, below .60 low), which are conventions, not laws: alpha also rises
    with the number of items, so a short quiz earns a lower value for the same quality.
    """
    alpha, flagged, cut = summary["alpha"], summary["flagged"], summary["thresholds"]
    if alpha is None:
        sentences = ["Alpha could not be computed (it needs at least two items, two students "
                     "who answered every item and some spread in total scores), so judge the "
                     "test from the item table"]
    else:
        shown = round(alpha, 2)  # band what the coach reads, as discrimination_quality does
        label, meaning = next((lab, text) for low, lab, text in ALPHA_RULES_OF_THUMB
                              if shown >= low)
        sentences = [f"Alpha is {alpha:.2f} ({summary['n_students_alpha']} students who answered "
                     f"all {summary['n_items']} items), {label} by the usual rules of thumb: "
                     f"{meaning}"]
    negative = flagged["negative_discrimination"]
    if negative:
        sentences.append(f"Check the answer key for {_name_list(negative)} first: students who did "
                         f"well overall tended to miss {'it' if len(negative) == 1 else 'them'}; "
                         "if the key is right, rewrite the stem or the distractors")
    easy_hard = []
    if flagged["too_easy"]:
        easy_hard.append(f"too easy (over {cut['too_easy_above']:.0%} of points earned, little to "
                         f"learn beyond a warm-up): {_name_list(flagged['too_easy'])}")
    if flagged["too_hard"]:
        easy_hard.append(f"too hard (under {cut['too_hard_below']:.0%} of points earned): "
                         f"{_name_list(flagged['too_hard'])}, so check whether the standard was "
                         "taught and whether the wording gets in the way before reteaching")
    if easy_hard:
        joined = "; ".join(easy_hard)
        sentences.append(joined[0].upper() + joined[1:])
    elif not flagged["negative_discrimination"]:
        sentences.append("No item was flagged as too easy, too hard or negatively discriminating")
    return ". ".join(sentences) + "."
