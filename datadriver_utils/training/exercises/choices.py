"""Small helpers shared by the exercise modules: options, plain-number wording, reading results."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

__all__ = ["counted", "joined", "options_with", "pct", "points", "table", "traps_apart"]


def options_with(answer: str, candidates: Iterable[object], n: int = 4) -> tuple[str, ...]:
    """``answer`` and up to ``n - 1`` other candidates, in a stable order (sorted), no repeats.

    Deterministic so a learner who reruns the notebook sees the same question."""
    others = [str(c) for c in dict.fromkeys(str(c) for c in candidates) if str(c) != answer]
    return tuple(sorted([answer, *others[: n - 1]]))


def counted(n: int, noun: str) -> str:
    """``1 cycle``, ``2 cycles``: a count with its noun (regular plurals only)."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


def pct(value: float) -> str:
    """A percentage as the tables show it: ``37.8%``."""
    return f"{value:.1f}%"


def points(value: float) -> str:
    """A signed difference in points: ``+1.9 points``."""
    return f"{value:+.1f} points"


def joined(words: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``: a list in a sentence (``""`` for none)."""
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def table(result: Any, name: str | None = None) -> pd.DataFrame | None:
    """A table's data from a view's result: the one called ``name`` (else the first); ``None``
    when the view shows no such table or it is empty (missing files, nothing to show yet)."""
    found = getattr(result, "tables", {}).get(name) if name else getattr(result, "frame", None)
    return found if isinstance(found, pd.DataFrame) and not found.empty else None


def traps_apart(answer: float, tolerance: float,
                candidates: Iterable[tuple[float | None, str]]) -> tuple[tuple[float, str], ...]:
    """The tempting wrong numbers that a learner could not mistake for the answer: each more than
    ``tolerance`` from it and from the traps already kept (the first meaning wins), none missing."""
    kept: list[tuple[float, str]] = []
    for value, meaning in candidates:
        if value is None or pd.isna(value):
            continue
        if all(abs(float(value) - other) > tolerance for other in [answer, *(v for v, _ in kept)]):
            kept.append((float(value), meaning))
    return tuple(kept)
