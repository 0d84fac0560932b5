"""What every worked example of the assessment glossary shares (:mod:`.glossary`).

The team's files (:class:`GlossaryData`), what the audience may read (:class:`ExampleOptions`),
the sentence an example gives (:class:`WorkedExample`) and the context that computes each
student's percent correct once for every term. Split from the examples themselves so each
module stays readable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd

__all__ = ["Example", "ExampleOptions", "GlossaryData", "WorkedExample", "ordered_windows"]


def _plain_share(value: float) -> str:
    return f"{value:.1f}%"


@dataclass(frozen=True)
class ExampleOptions:
    """What an audience may read in an example (set by the view from the privacy rules)."""

    min_students: int = 1
    counts: bool = True
    share: Callable[[float], str] = field(default=_plain_share)


@dataclass(frozen=True)
class GlossaryData:
    """The team's files an example may draw on (``None``: the file is not there)."""

    assessments: pd.DataFrame | None
    students: pd.DataFrame | None
    cut_pct: float
    windows: Sequence[str] = ("pre", "post")
    min_group_size: int = 10


@dataclass(frozen=True)
class WorkedExample:
    """One term's example: the sentence and its headline number, or what would give one."""

    term: str
    text: str | None = None
    value: float | None = None
    needs: str | None = None

    @property
    def has_example(self) -> bool:
        return self.text is not None


_NEEDS_SCORES = "assessments.csv with scores in at least one window"
_NEEDS_ITEMS = "assessments.csv with one row per item (an item_id column) in the latest window"
_NEEDS_TWO = "assessments.csv with scores for the same students in two windows (e.g. pre and post)"
_NEEDS_SCALE = ("assessments.csv rows holding scale scores (score_type = scale), e.g. a MAP, Star or i-Ready "
                "export brought in with datadriver import")


def ordered_windows(assessments: pd.DataFrame, windows: Sequence[str]) -> list[str]:
    """Windows that hold scores, in team.yml order (windows team.yml does not name go last)."""
    present = list(dict.fromkeys(assessments.loc[assessments["points"].notna(), "window"].astype(str)))
    known = [w for w in windows if w in present]
    return known + [w for w in present if w not in known]


# -- the context every example shares -------------------------------------------------------------

@dataclass
class _Context:
    data: GlossaryData
    options: ExampleOptions
    points: pd.DataFrame
    windows: list[str]
    scores: pd.DataFrame  # student_id, window, pct_correct
    cache: dict[str, object] = field(default_factory=dict)  # item statistics, computed once for five terms

    @property
    def latest(self) -> str | None:
        return self.windows[-1] if self.windows else None

    def latest_scores(self) -> pd.Series:
        return self.scores.loc[self.scores["window"] == self.latest, "pct_correct"].dropna()

    def enough(self, n: int) -> bool:
        return n >= max(self.options.min_students, 1)

    def count(self, k: int, n: int) -> str:
        """"k of n students (s%)" for the team; the share alone beyond it."""
        share = self.options.share(100.0 * k / n) if n else "—"
        return f"{k} of {n} students ({share})" if self.options.counts else f"{share} of the students"


def _withheld(term: str, options: ExampleOptions) -> WorkedExample:
    return WorkedExample(term, needs=f"withheld in this report: it would rest on fewer than {options.min_students} "
                                     "students")


def _needs(term: str, what: str) -> WorkedExample:
    return WorkedExample(term, needs=what)


Example = Callable[[_Context, str], WorkedExample]


def _on_latest(build: Callable[[_Context, str, pd.Series], WorkedExample]) -> Example:
    """Examples on the latest window's percent correct: say what is missing, or withhold."""
    def example(ctx: _Context, term: str) -> WorkedExample:
        scores = ctx.latest_scores()
        if ctx.latest is None or scores.empty:
            return _needs(term, _NEEDS_SCORES)
        if not ctx.enough(len(scores)):
            return _withheld(term, ctx.options)
        return build(ctx, term, scores)
    return example
