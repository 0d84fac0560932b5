"""Percentages near 0 and 100: coded for the public, and protected like hidden counts.

Top/bottom coding (Delaware, Tennessee; FIELD_NOTES, "Disclosure avoidance") shows a public
percentage at or below 5% as "≤5%" and at or above 95% as "≥95%".  A coded cell is only as safe
as its neighbours (FIELD_NOTES, "More disclosure rules seen in practice"): Cedar's public report
showed English learners "Y" (18 students) at "≤5%" proficient beside "N" (98 at 19.4%), and the
other groups of the same students add up to 19 proficient, so 19 - 19 = 0 was recovered.  Three
rules close that, for every percentage column of a table of groups:

1. **A band must hold two answers.**  "≤5%" of 18 students can only mean 0 (one student is
   already 5.6%), so coding says "none" as plainly as the number.  Where the band holds a
   single possible count -- fewer than 20 students at 5%, fewer than 20 at 95% -- the value is
   hidden (the marker) instead of coded.
2. **Complementary protection.**  A percentage column is a second system of lines: the
   numerators (students proficient) of a line add up to its total's, which a reader knows.  A
   coded or hidden value alone in its line is recovered by subtraction, so the next smallest
   group's value in that line is hidden too (only the value: its count stays), with the same
   "next smallest", equation and whole-number checks as hidden counts
   (:func:`~datadriver_utils.privacy.suppression.complement_cells`).  The whole-number check
   also catches two hidden groups whose numerators must add up to 0.
3. **Derived figures.**  A figure computed from a protected percentage -- a change in points,
   the students still to cross a cut -- gives it back by arithmetic; it is hidden with it.

:func:`value_status` returns what happens to each cell, so the table, the chart and summary.json
of a view hide the same cells.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from datadriver_utils.privacy.audit import DisclosureCheck
from datadriver_utils.privacy.rules import Audience, PrivacyRules
from datadriver_utils.privacy.suppression import Line, PinnedCheck, complement_cells, line_equations

__all__ = [
    "BOTTOM", "COMPLEMENT", "DERIVED", "HIDDEN", "PUBLISHED", "SHOWN", "TOP", "WITHHELD",
    "band_holds_one_count", "code_status", "plan_values",
]

SHOWN = "shown"
"""The value is published as a number."""
BOTTOM = "bottom"
"""Published as the bottom code ("≤5%")."""
TOP = "top"
"""Published as the top code ("≥95%")."""
WITHHELD = "withheld"
"""Near 0 or 100 in a group too small for the band to hide anyone: shown as the marker."""
COMPLEMENT = "complement"
"""Hidden so that a coded or hidden value in its line cannot be worked out."""
DERIVED = "derived"
"""Computed from a value that is not shown exactly: hidden with it."""
HIDDEN = "hidden"
"""The whole row is hidden (a small group or its complement)."""
PUBLISHED = (SHOWN, BOTTOM, TOP)
"""Statuses under which summary.json carries the number (coded by its ``Share`` type)."""


def band_holds_one_count(n: float, threshold_pct: float) -> bool:
    """True when a band ``threshold_pct`` wide holds a single count of ``n`` people.

    "≤5%" of n people allows floor(0.05·n) + 1 counts (0, 1, ...): with n < 20 only 0.
    """
    if not math.isfinite(n):
        return True
    return math.floor(round(n * threshold_pct / 100.0, 9)) < 1


def code_status(values: Sequence[object], counts: Sequence[float] | np.ndarray, rules: PrivacyRules,
                audience: Audience | str) -> np.ndarray:
    """Rule 1 for one column: ``SHOWN``, ``BOTTOM``, ``TOP`` or ``WITHHELD`` per cell.

    Coding is for the public only; values that are not numbers stay ``SHOWN`` (as they are).
    Thresholds are inclusive and compared after rounding to 9 decimals, like
    :func:`~datadriver_utils.privacy.suppression.top_bottom_code`.
    """
    status = np.full(len(values), SHOWN, dtype=object)
    if Audience.parse(audience) is not Audience.PUBLIC:
        return status
    numbers = pd.to_numeric(pd.Series(list(values), dtype=object), errors="coerce").astype(float).round(9)
    for i, (value, n) in enumerate(zip(numbers, counts)):
        if np.isnan(value):
            continue
        if value <= rules.bottom_code_pct:
            status[i] = WITHHELD if band_holds_one_count(float(n), rules.bottom_code_pct) else BOTTOM
        elif value >= rules.top_code_pct:
            status[i] = WITHHELD if band_holds_one_count(float(n), 100.0 - rules.top_code_pct) else TOP
    return status


def plan_values(
    table: pd.DataFrame,
    counts: np.ndarray,
    pct_cols: Sequence[str],
    rules: PrivacyRules,
    audience: Audience | str,
    *,
    hidden: np.ndarray,
    primary: np.ndarray,
    lines: list[Line],
    derived: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, np.ndarray]:
    """The status of every cell of ``pct_cols`` and of the ``derived`` columns (rules 1-3).

    ``table`` holds the true values; ``counts`` the group sizes; ``hidden`` / ``primary`` the
    rows hidden by count suppression (all of them / the small ones); ``lines`` the families of
    lines (empty when the rows do not add up to anything).  ``derived`` maps a column to the
    columns it is computed from.
    """
    plan: dict[str, np.ndarray] = {}
    for col in pct_cols:
        status = code_status(table[col].tolist(), counts, rules, audience)
        status[hidden] = HIDDEN
        plan[col] = _protect(table[col], counts, status, rules, primary, lines)
    for col, sources in (derived or {}).items():
        status = np.full(len(table), SHOWN, dtype=object)
        for source in sources:
            status[plan[source] != SHOWN] = DERIVED
        status[hidden] = HIDDEN
        plan[col] = status
    return plan


def _protect(values: pd.Series, counts: np.ndarray, status: np.ndarray, rules: PrivacyRules,
             primary: np.ndarray, lines: list[Line]) -> np.ndarray:
    """Rule 2: add value complements to one column's statuses."""
    unknown = status != SHOWN
    if not lines or not unknown.any():
        return status
    numbers = pd.to_numeric(values.astype(object), errors="coerce").to_numpy(dtype=float)
    numerators = counts * numbers / 100.0
    whole = np.isfinite(numerators)
    integral = bool(whole.any()) and bool(np.all(np.abs(numerators[whole] - np.round(numerators[whole])) < 1e-6))
    pinned = _pinned_values(lines, counts, numerators, status, rules, primary) if integral else None
    protected = complement_cells(lines, np.nan_to_num(counts, nan=np.inf), unknown, pinned)
    out = status.copy()
    out[protected & ~unknown] = COMPLEMENT
    return out


def _pinned_values(lines: list[Line], counts: np.ndarray, numerators: np.ndarray, status: np.ndarray,
                   rules: PrivacyRules, primary: np.ndarray) -> PinnedCheck:
    """The whole-number check of one share column: numerators ``x`` of counts ``n``, both integers.

    A reader knows shown counts and numerators exactly (one decimal of a percentage of fewer
    than 1000 people fixes the numerator), the band of a coded cell, that a small hidden group
    has fewer than ``min_group_size`` people, and every line's totals.
    """
    count_lines = line_equations(lines, counts)
    value_lines = line_equations(lines, numerators)
    bands = {BOTTOM: (0.0, rules.bottom_code_pct), TOP: (rules.top_code_pct, 100.0)}

    def pinned(unknown: np.ndarray) -> np.ndarray:
        check = DisclosureCheck()
        for i, n in enumerate(counts):
            if not np.isfinite(n):
                continue
            if status[i] == HIDDEN:
                check.count(("n", i), lower=0, upper=rules.min_group_size - 1 if primary[i] else math.inf)
            else:
                check.count(("n", i), float(n))
            exact = status[i] == SHOWN and not unknown[i]
            percent = (100.0 * numerators[i] / n,) * 2 if exact and n else bands.get(str(status[i]))
            check.share(("x", i), ("n", i), percent, protected=bool(unknown[i]))
        for kind, equations in (("n", count_lines), ("x", value_lines)):
            for rows, signs, total in equations:
                check.equal({(kind, int(r)): float(s) for r, s in zip(rows, signs)}, total)
        found = check.pinned([("x", int(i)) for i in np.flatnonzero(unknown) if np.isfinite(counts[i])])
        return np.array(sorted(int(key[1]) for key in found if isinstance(key, tuple)), dtype=int)
    return pinned
