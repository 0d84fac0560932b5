"""Small helpers shared by the exercise modules: options and plain-number wording."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["options_with", "pct", "points"]


def options_with(answer: str, candidates: Iterable[object], n: int = 4) -> tuple[str, ...]:
    """``answer`` and up to ``n - 1`` other candidates, in a stable order (sorted), no repeats.

    Deterministic so a learner who reruns the notebook sees the same question."""
    others = [str(c) for c in dict.fromkeys(str(c) for c in candidates) if str(c) != answer]
    return tuple(sorted([answer, *others[: n - 1]]))


def pct(value: float) -> str:
    """A percentage as the tables show it: ``37.8%``."""
    return f"{value:.1f}%"


def points(value: float) -> str:
    """A signed difference in points: ``+1.9 points``."""
    return f"{value:+.1f} points"
