"""Play the adversary: which hidden or coded figures can a reader still work out?

A published table is a set of linear facts about whole numbers.  A count shown as ``98`` says
n = 98; a percentage shown as ``19.4%`` of 98 students says the number proficient x satisfies
19.35 ≤ 100·x/98 ≤ 19.45, i.e. x = 19; ``≤5%`` of 18 says 0 ≤ x ≤ 0.9, i.e. x = 0; rows that
add up to a total say Σ n = N and Σ x = X.  An auditor (FIELD_NOTES, "More disclosure rules seen
in practice") asks, for every hidden or coded cell, the smallest and largest whole number it can
take given all of these at once; a cell with one possible value is disclosed, however carefully
it was marked.  FERPA 34 CFR 99.31(b)(1) judges releases together, so the facts may come from
several tables and from summary.json.

:class:`DisclosureCheck` holds the unknowns and the facts and answers with integer bounds, by
mixed-integer linear programming (:func:`scipy.optimize.milp`, HiGHS).  The suppression code uses
it to check each table before it is released (:mod:`~datadriver_utils.privacy.suppression`,
:mod:`~datadriver_utils.privacy.coding`); the adversary test (``tests/privacy/test_adversary.py``)
uses it on every table of the rendered sample district.  Continuous unknowns (means) are allowed:
they count as pinned when the reader can narrow them to ``resolution``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import lil_matrix

__all__ = ["DisclosureCheck", "Unknown", "percent_interval"]

_SLACK = 1e-7
"""Bounds are widened by this much so that rounding in floating point never excludes the truth."""
_LARGE = 1e7
"""Stands in for "no upper bound": no group of people is this large, and the solver stays bounded."""

_PERCENT = re.compile(r"^\s*(?P<op>[≤≥<>]=?)?\s*(?P<num>-?\d+(?:\.\d+)?)\s*%?\s*$")


def percent_interval(text: str) -> tuple[float, float] | None:
    """What a shown percentage says about the true one, on the 0-100 scale.

    ``"19.4%"`` → (19.35, 19.45) (the precision is read from the text), ``"≤5%"`` → (0, 5),
    ``"≥95%"`` → (95, 100), ``"40%"`` → (39.5, 40.5); anything else (``"*"``, ``"—"``) → None.
    """
    match = _PERCENT.match(str(text))
    if match is None:
        return None
    value = float(match["num"])
    op = (match["op"] or "").replace("=", "")
    if op in ("≤", "<"):
        return 0.0, value
    if op in ("≥", ">"):
        return value, 100.0
    decimals = len(match["num"].partition(".")[2])
    half = 0.5 * 10.0 ** -decimals
    return max(0.0, value - half), min(100.0, value + half)


@dataclass
class Unknown:
    """One quantity the reader does not see exactly.

    ``protected`` marks a cell that was hidden or coded: :meth:`DisclosureCheck.pinned`
    reports it if the facts leave it a single value.  ``resolution``: for a continuous
    unknown, how narrow an interval counts as pinned (a whole-number unknown is pinned when
    only one whole number fits).
    """

    lower: float = 0.0
    upper: float = math.inf
    integer: bool = True
    protected: bool = False
    resolution: float = 0.0


class DisclosureCheck:
    """Unknowns with bounds, and linear facts ``lower ≤ Σ coefficient·unknown ≤ upper``.

    Example -- the Cedar case: 18 English learners at ``≤5%`` proficient, 98 others at 19.4%,
    19 proficient in all::

        check = DisclosureCheck()
        check.count("el_y", 18); check.count("el_n", 98)
        check.share("x_y", "el_y", (0, 5), protected=True)
        check.share("x_n", "el_n", (19.35, 19.45))
        check.equal({"x_y": 1, "x_n": 1}, 19)
        check.pinned()   # {"x_y": 0}
    """

    def __init__(self) -> None:
        self.unknowns: dict[Hashable, Unknown] = {}
        self._facts: list[tuple[dict[Hashable, float], float, float]] = []
        self._built: tuple[dict[Hashable, int], Bounds, LinearConstraint | None, np.ndarray] | None = None

    # -- building ----------------------------------------------------------------------------

    def unknown(self, key: Hashable, lower: float = 0.0, upper: float = math.inf, *, integer: bool = True,
                protected: bool = False, resolution: float = 0.0) -> Hashable:
        """Declare ``key`` (or tighten it: bounds intersect, protection accumulates)."""
        self._built = None
        found = self.unknowns.get(key)
        if found is None:
            self.unknowns[key] = Unknown(lower, upper, integer, protected, resolution)
        else:
            found.lower, found.upper = max(found.lower, lower), min(found.upper, upper)
            found.integer = found.integer and integer
            found.protected = found.protected or protected
            found.resolution = max(found.resolution, resolution)
        return key

    def count(self, key: Hashable, shown: float | None = None, *, lower: float = 0.0, upper: float = math.inf,
              protected: bool = False) -> Hashable:
        """A number of people: exactly ``shown`` when published, else within the bounds."""
        if shown is not None:
            return self.unknown(key, shown, shown, protected=protected)
        return self.unknown(key, lower, upper, protected=protected)

    def share(self, numerator: Hashable, count: Hashable, percent: tuple[float, float] | None, *,
              protected: bool = False) -> Hashable:
        """``numerator`` people out of ``count`` (both whole numbers), with the shown percentage
        in ``percent`` (from :func:`percent_interval`; ``None`` when hidden)."""
        self.unknown(count)
        self.unknown(numerator, protected=protected)
        self.constrain({numerator: 1.0, count: -1.0}, -math.inf, 0.0)
        if percent is not None:
            low, high = percent
            self.constrain({numerator: 1.0, count: -low / 100.0}, 0.0, math.inf)
            self.constrain({numerator: 1.0, count: -high / 100.0}, -math.inf, 0.0)
        return numerator

    def constrain(self, terms: Mapping[Hashable, float], lower: float, upper: float) -> None:
        """``lower ≤ Σ terms[key]·key ≤ upper`` (unknown keys are declared as counts)."""
        for key in terms:
            if key not in self.unknowns:
                self.unknown(key)
        self._built = None
        self._facts.append((dict(terms), lower, upper))

    def equal(self, terms: Mapping[Hashable, float], value: float) -> None:
        """``Σ terms[key]·key = value``."""
        self.constrain(terms, value, value)

    def add_sum(self, parts: Iterable[Hashable], total: Hashable) -> None:
        """The parts add up to the total (a line of a table and its margin)."""
        terms: dict[Hashable, float] = {}
        for part in parts:
            terms[part] = terms.get(part, 0.0) + 1.0
        terms[total] = terms.get(total, 0.0) - 1.0
        self.equal(terms, 0.0)

    # -- solving -----------------------------------------------------------------------------

    def _problem(self) -> tuple[dict[Hashable, int], Bounds, LinearConstraint | None, np.ndarray]:
        """The facts as matrices for :func:`scipy.optimize.milp` (built once until a fact is added)."""
        if self._built is not None:
            return self._built
        keys = list(self.unknowns)
        index = {key: i for i, key in enumerate(keys)}
        lower = np.array([self.unknowns[k].lower for k in keys], dtype=float)
        upper = np.minimum([self.unknowns[k].upper for k in keys], _LARGE)
        integer = np.array([1 if self.unknowns[k].integer else 0 for k in keys])
        bounds = Bounds(lower - _SLACK, upper + _SLACK)
        constraint = None
        if self._facts:
            matrix = lil_matrix((len(self._facts), len(keys)))
            lows, highs = [], []
            for row, (terms, low, high) in enumerate(self._facts):
                for key, coefficient in terms.items():
                    matrix[row, index[key]] += coefficient
                slack = _SLACK * (1.0 + abs(low if math.isfinite(low) else high))
                lows.append(low - slack)
                highs.append(high + slack)
            constraint = LinearConstraint(matrix.tocsr(), lows, highs)
        self._built = (index, bounds, constraint, integer)
        return self._built

    def _extreme(self, key: Hashable, sense: float) -> float | None:
        """The smallest (``sense`` = 1) or largest (-1) value of ``key``; None when infeasible."""
        index, bounds, constraint, integer = self._problem()
        cost = np.zeros(len(index))
        cost[index[key]] = sense
        result = milp(cost, integrality=integer, bounds=bounds,
                      constraints=[constraint] if constraint is not None else None)
        if result.x is None:
            return None
        return float(result.x[index[key]])

    def feasible(self) -> bool:
        """True when some assignment satisfies every fact (a false fact means a wrong model)."""
        if not self.unknowns:
            return True
        return self._extreme(next(iter(self.unknowns)), 1.0) is not None

    def bounds(self, key: Hashable) -> tuple[float, float]:
        """The smallest and largest value ``key`` can take (whole numbers for integer unknowns).

        Raises
        ------
        ValueError
            When the facts contradict each other.
        """
        low, high = self._extreme(key, 1.0), self._extreme(key, -1.0)
        if low is None or high is None:
            raise ValueError("the published facts contradict each other: no table could produce them")
        if self.unknowns[key].integer:
            low, high = math.ceil(low - 1e-6), math.floor(high + 1e-6)
        return low, high

    def is_pinned(self, key: Hashable) -> bool:
        """True when the facts leave ``key`` one value (or, if continuous, a ``resolution``-wide range)."""
        return self._narrow(key, *self.bounds(key))

    def _narrow(self, key: Hashable, low: float, high: float) -> bool:
        unknown = self.unknowns[key]
        return high - low <= (0.0 if unknown.integer else unknown.resolution + 1e-6)

    def pinned(self, keys: Iterable[Hashable] | None = None) -> dict[Hashable, tuple[float, float]]:
        """The protected unknowns (or ``keys``) that a reader can work out, with their bounds."""
        chosen = [k for k, u in self.unknowns.items() if u.protected] if keys is None else list(keys)
        found = {}
        for key in chosen:
            low, high = self.bounds(key)
            if self._narrow(key, low, high):
                found[key] = (low, high)
        return found
