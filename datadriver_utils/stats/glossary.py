"""Worked examples for the assessment glossary, computed from the team's own results.

Toolkit activity 1.8 (Massachusetts ESE, Module 1; shared/seeds 004) asks a data team to build
the assessment literacy to read its reports: the terms, the uses and limits of each assessment,
the calculations behind a figure.  A definition sticks when it is shown on numbers the team
knows, so every term of the glossary (:mod:`datadriver_utils.workshop.glossary`) gets a sentence
here built from the team's own files -- or, when the files cannot give one, the file or column
that would.

Every figure comes from the module that owns it (one definition per quantity): percent correct
and matched gains from :mod:`~datadriver_utils.stats.gains`, bands from
:mod:`~datadriver_utils.stats.proficiency`, item statistics and alpha from
:mod:`~datadriver_utils.stats.items`.  The local percentile rank and the standard error of
measurement come from :mod:`~datadriver_utils.stats.measurement`.

Privacy is decided by the caller through :class:`ExampleOptions`: the smallest number of
students a figure may rest on, whether counts of students may be written (team only), and how a
share of students is written (coded for the public).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from datadriver_utils.errors import DataDriverError
from datadriver_utils.stats.distractors import distractor_table
from datadriver_utils.stats.gains import matched_gains, student_percent_correct
from datadriver_utils.stats.glossary_context import (
    _NEEDS_ITEMS,
    _NEEDS_SCALE,
    _NEEDS_SCORES,
    _NEEDS_TWO,
    Example,
    ExampleOptions,
    GlossaryData,
    WorkedExample,
    _Context,
    _needs,
    _on_latest,
    _withheld,
    ordered_windows,
)
from datadriver_utils.stats.items import item_statistics
from datadriver_utils.stats.measurement import local_percentile_rank, standard_error_of_measurement
from datadriver_utils.stats.proficiency import BANDS, proficiency_band
from datadriver_utils.stats.score_types import point_rows, scale_rows

__all__ = [
    "EXAMPLES", "ExampleOptions", "GlossaryData", "WorkedExample", "ordered_windows", "worked_examples",
]


# -- point scores --------------------------------------------------------------------------------

@_on_latest
def _raw_score(ctx: _Context, term: str, scores: pd.Series) -> WorkedExample:
    latest = ctx.points[ctx.points["window"] == ctx.latest]
    totals = latest.groupby("student_id")[["points", "points_possible"]].sum(min_count=1)
    possible = float(totals["points_possible"].mode().iloc[0])
    median = float(totals["points"].median())
    return WorkedExample(term, f"On the {ctx.latest} assessment most students could earn {possible:g} points; "
                               f"half of them earned {median:g} or more.", median)


@_on_latest
def _percent_correct(ctx: _Context, term: str, scores: pd.Series) -> WorkedExample:
    mean = float(scores.mean())
    students = f" ({len(scores)} students)" if ctx.options.counts else ""
    return WorkedExample(term, f"The mean percent correct on the {ctx.latest} assessment is {mean:.1f}%{students}: "
                               "points earned ÷ points possible × 100.", mean)


@_on_latest
def _mean_and_median(ctx: _Context, term: str, scores: pd.Series) -> WorkedExample:
    mean, median = float(scores.mean()), float(scores.median())
    lean = ("a few low scores pull the mean down" if mean < median - 1 else
            "a few high scores pull the mean up" if mean > median + 1 else "the scores are spread evenly")
    return WorkedExample(term, f"On the {ctx.latest} assessment the mean is {mean:.1f}% and the median "
                               f"{median:.1f}%: {lean}.", mean - median)


@_on_latest
def _percentile(ctx: _Context, term: str, scores: pd.Series) -> WorkedExample:
    rank = local_percentile_rank(scores, ctx.data.cut_pct)
    return WorkedExample(term, f"A student scoring exactly the cut ({ctx.data.cut_pct:g}% correct) on the "
                               f"{ctx.latest} assessment would have a percentile rank of about {rank:.0f} among this "
                               "team's students. A vendor's percentile compares with a national norm group "
                               "instead.", rank)


@_on_latest
def _proficiency_cut(ctx: _Context, term: str, scores: pd.Series) -> WorkedExample:
    reached = int((scores >= ctx.data.cut_pct).sum())
    return WorkedExample(term, f"The team's cut is {ctx.data.cut_pct:g}% correct; on the {ctx.latest} assessment "
                               f"{ctx.count(reached, len(scores))} reached it.", ctx.data.cut_pct)


@_on_latest
def _percent_proficient(ctx: _Context, term: str, scores: pd.Series) -> WorkedExample:
    pct = 100.0 * float((scores >= ctx.data.cut_pct).mean())
    return WorkedExample(term, f"Percent proficient on the {ctx.latest} assessment: {ctx.options.share(pct)} "
                               f"(students at or above {ctx.data.cut_pct:g}%).", pct)


@_on_latest
def _performance_band(ctx: _Context, term: str, scores: pd.Series) -> WorkedExample:
    bands = proficiency_band(scores, ctx.data.cut_pct).value_counts(normalize=True).reindex(list(BANDS)) * 100
    parts = "; ".join(f"{band} {ctx.options.share(float(share))}" for band, share in bands.fillna(0).items())
    return WorkedExample(term, f"On the {ctx.latest} assessment, at a cut of {ctx.data.cut_pct:g}%: {parts}.",
                         float(bands.fillna(0).iloc[0]))


def _standard(ctx: _Context, term: str) -> WorkedExample:
    if ctx.latest is None:
        return _needs(term, _NEEDS_SCORES)
    by_standard = student_percent_correct(ctx.points[ctx.points["window"] == ctx.latest], by_standard=True)
    stats = by_standard.groupby("standard")["pct_correct"].agg(["mean", "count"])
    if len(stats) < 2:
        return _needs(term, "assessments.csv with scores on two or more standards")
    if not ctx.enough(int(stats["count"].min())):
        return _withheld(term, ctx.options)
    low, high = stats["mean"].idxmin(), stats["mean"].idxmax()
    return WorkedExample(term, f"On the {ctx.latest} assessment the weakest standard is {low} "
                               f"({stats.at[low, 'mean']:.1f}% correct on average), the strongest {high} "
                               f"({stats.at[high, 'mean']:.1f}%).", float(stats.at[high, "mean"] - stats.at[low, "mean"]))


def _assessment_window(ctx: _Context, term: str) -> WorkedExample:
    if not ctx.windows:
        return _needs(term, _NEEDS_SCORES)
    sizes = ctx.scores.groupby("window")["student_id"].nunique()
    parts = ", ".join(f"{w} ({sizes.get(w, 0)} students)" if ctx.options.counts else w for w in ctx.windows)
    return WorkedExample(term, f"assessments.csv holds {len(ctx.windows)} window(s): {parts}.", float(len(ctx.windows)))


def _common_assessment(ctx: _Context, term: str) -> WorkedExample:
    if ctx.latest is None:
        return _needs(term, _NEEDS_SCORES)
    latest = ctx.points[ctx.points["window"] == ctx.latest]
    names = latest["assessment"].dropna().astype(str).unique() if "assessment" in latest else []
    items = latest["item_id"].nunique() if "item_id" in latest else 0
    called = f"\"{names[0]}\"" if len(names) == 1 else "the common assessment"
    size = f"{items} questions on " if items else ""
    return WorkedExample(term, f"In the {ctx.latest} window {called} asked {size}{latest['standard'].nunique()} "
                               "standard(s) of every student, under the same conditions.", float(items or 0))


# -- growth --------------------------------------------------------------------------------------

def _gains(ctx: _Context) -> pd.Series | None:
    if len(ctx.windows) < 2 or ctx.data.students is None:
        return None
    gains = matched_gains(ctx.points, ctx.data.students, ctx.data.cut_pct, by=(),
                          pre=ctx.windows[0], post=ctx.windows[-1])
    return None if gains.empty or not gains.iloc[0]["n_matched"] else gains.iloc[0]


def _matched(ctx: _Context, term: str) -> WorkedExample:
    row = _gains(ctx)
    if row is None:
        return _needs(term, _NEEDS_TWO)
    first, last = ctx.windows[0], ctx.windows[-1]
    if not ctx.options.counts:
        return WorkedExample(term, f"Only students with a score in both {first} and {last} are compared; the others "
                                   "are counted but left out of the gain.", float(row["n_matched"]))
    return WorkedExample(term, f"{int(row['n_pre'])} students have a {first} score and {int(row['n_post'])} a "
                               f"{last} score; {int(row['n_matched'])} have both, and only they are compared.",
                         float(row["n_matched"]))


def _growth(ctx: _Context, term: str) -> WorkedExample:
    row = _gains(ctx)
    if row is None:
        return _needs(term, _NEEDS_TWO)
    if not ctx.enough(int(row["n_matched"])):
        return _withheld(term, ctx.options)
    return WorkedExample(term, f"Matched students averaged {row['pre_mean_pct']:.1f}% in {ctx.windows[0]} and "
                               f"{row['post_mean_pct']:.1f}% in {ctx.windows[-1]}: a gain of "
                               f"{row['gain_pct_points']:+.1f} percentage points.", float(row["gain_pct_points"]))


def _effect_size(ctx: _Context, term: str) -> WorkedExample:
    row = _gains(ctx)
    if row is None or pd.isna(row["effect_size"]):
        return _needs(term, _NEEDS_TWO)
    if not ctx.enough(int(row["n_matched"])):
        return _withheld(term, ctx.options)
    size = abs(float(row["effect_size"]))
    word = "large" if size >= 0.8 else "medium" if size >= 0.5 else "small" if size >= 0.2 else "negligible"
    return WorkedExample(term, f"The gain of {row['gain_pct_points']:+.1f} points divided by how much students' "
                               f"gains varied gives d_z = {row['effect_size']:.2f}, a {word} effect by the usual "
                               "rough reading.", float(row["effect_size"]))


# -- items -----------------------------------------------------------------------------------------

def _item_stats(ctx: _Context) -> pd.DataFrame | None:
    if "items" not in ctx.cache:
        ctx.cache["items"] = _compute_item_stats(ctx)
    return ctx.cache["items"]  # type: ignore[return-value]


def _compute_item_stats(ctx: _Context) -> pd.DataFrame | None:
    if ctx.latest is None or "item_id" not in ctx.points:
        return None
    try:
        stats = item_statistics(ctx.points, ctx.latest, min_group_size=max(ctx.options.min_students, 1))
    except DataDriverError:  # no item rows in the window, or rows that break the item checks
        return None
    return stats.dropna(subset=["difficulty_p"]) if len(stats) >= 2 else None


def _difficulty(ctx: _Context, term: str) -> WorkedExample:
    stats = _item_stats(ctx)
    if stats is None or stats.empty:
        return _needs(term, _NEEDS_ITEMS)
    easy, hard = stats.loc[stats["difficulty_p"].idxmax()], stats.loc[stats["difficulty_p"].idxmin()]
    return WorkedExample(term, f"Easiest question on the {ctx.latest} assessment: {easy['item_id']} (p = "
                               f"{easy['difficulty_p']:.2f}); hardest: {hard['item_id']} (p = "
                               f"{hard['difficulty_p']:.2f}).", float(hard["difficulty_p"]))


def _discrimination(ctx: _Context, term: str) -> WorkedExample:
    stats = _item_stats(ctx)
    if stats is None or stats["discrimination_r"].dropna().empty:
        return _needs(term, _NEEDS_ITEMS)
    rated = stats.dropna(subset=["discrimination_r"])
    best, worst = rated.loc[rated["discrimination_r"].idxmax()], rated.loc[rated["discrimination_r"].idxmin()]
    return WorkedExample(term, f"{best['item_id']} separates stronger from weaker students best (r = "
                               f"{best['discrimination_r']:.2f}); {worst['item_id']} least (r = "
                               f"{worst['discrimination_r']:.2f}, {worst['quality']}).", float(worst["discrimination_r"]))


def _reliability(ctx: _Context, term: str) -> WorkedExample:
    if _item_stats(ctx) is None:
        return _needs(term, _NEEDS_ITEMS)
    sem, _sd, alpha, n = standard_error_of_measurement(ctx.points, str(ctx.latest))
    if math.isnan(alpha):
        return _needs(term, _NEEDS_ITEMS)
    if not ctx.enough(n):
        return _withheld(term, ctx.options)
    return WorkedExample(term, f"Cronbach's alpha of the {ctx.latest} assessment is {alpha:.2f} (students who "
                               "answered every question).", alpha)


def _standard_error(ctx: _Context, term: str) -> WorkedExample:
    if _item_stats(ctx) is None:
        return _needs(term, _NEEDS_ITEMS)
    sem, sd, alpha, n = standard_error_of_measurement(ctx.points, str(ctx.latest))
    if math.isnan(sem):
        return _needs(term, _NEEDS_ITEMS)
    if not ctx.enough(n):
        return _withheld(term, ctx.options)
    return WorkedExample(term, f"Total scores on the {ctx.latest} assessment spread with SD {sd:.1f} points and "
                               f"alpha is {alpha:.2f}, so SEM = {sd:.1f} × √(1 − {alpha:.2f}) = {sem:.1f} points: a "
                               f"student's score is best read as a range of about ±{sem:.1f} points.", sem)


def _distractor(ctx: _Context, term: str) -> WorkedExample:
    if _item_stats(ctx) is None:
        return _needs(term, _NEEDS_ITEMS + " and a response column")
    try:
        table = distractor_table(ctx.points, str(ctx.latest), min_group_size=max(ctx.options.min_students, 1))
    except DataDriverError:
        table = None
    if table is None or table[~table["is_key"] & (table["count"] > 0)].empty:
        return _needs(term, "assessments.csv with the option each student chose (response) and the key")
    wrong = table[~table["is_key"] & (table["count"] > 0)]
    top = wrong.loc[wrong["proportion"].idxmax()]
    if not ctx.enough(int(table[table["item_id"] == top["item_id"]]["count"].sum())):
        return _withheld(term, ctx.options)
    return WorkedExample(term, f"The most popular wrong answer on the {ctx.latest} assessment is option "
                               f"{top['option']} of {top['item_id']}, chosen by "
                               f"{ctx.options.share(100 * float(top['proportion']))} of those who answered it.",
                         100 * float(top["proportion"]))


# -- scale scores and settings ------------------------------------------------------------------------

def _scale_score(ctx: _Context, term: str) -> WorkedExample:
    scale = scale_rows(ctx.data.assessments) if ctx.data.assessments is not None else pd.DataFrame()
    scale = scale[scale["points"].notna()] if len(scale) else scale
    if scale.empty:
        return _needs(term, _NEEDS_SCALE)
    window = ordered_windows(scale, ctx.data.windows)[-1]
    values = scale.loc[scale["window"] == window].groupby("student_id")["points"].mean()
    if not ctx.enough(len(values)):
        return _withheld(term, ctx.options)
    return WorkedExample(term, f"Mean scale score in the {window} window: {values.mean():.0f} (from {values.min():.0f} "
                               f"to {values.max():.0f}). Scale points are compared with scale points, never turned "
                               "into a percent correct.", float(values.mean()))


def _benchmark_assessment(ctx: _Context, term: str) -> WorkedExample:
    scale = scale_rows(ctx.data.assessments) if ctx.data.assessments is not None else pd.DataFrame()
    if scale.empty:
        return _needs(term, _NEEDS_SCALE)
    windows = ordered_windows(scale, ctx.data.windows)
    return WorkedExample(term, f"The team's interim results cover {len(windows)} window(s): {', '.join(windows)}.",
                         float(len(windows)))


def _min_group_size(ctx: _Context, term: str) -> WorkedExample:
    k = ctx.data.min_group_size
    return WorkedExample(term, f"district.yml sets the minimum group size to {k}: any group of fewer than {k} "
                               "students is hidden in district and public reports.", float(k))


EXAMPLES: dict[str, Example] = {
    "raw_score": _raw_score, "percent_correct": _percent_correct, "mean_and_median": _mean_and_median,
    "scale_score": _scale_score, "percentile": _percentile, "proficiency_cut": _proficiency_cut,
    "percent_proficient": _percent_proficient, "performance_band": _performance_band, "standard": _standard,
    "assessment_window": _assessment_window, "common_assessment": _common_assessment,
    "benchmark_assessment": _benchmark_assessment, "matched_students": _matched, "growth": _growth,
    "effect_size": _effect_size, "difficulty": _difficulty, "discrimination": _discrimination,
    "distractor": _distractor, "reliability": _reliability, "standard_error": _standard_error,
    "min_group_size": _min_group_size,
}
"""Term id -> how its example is computed (the glossary's terms, in :mod:`workshop.glossary`)."""


def worked_examples(data: GlossaryData, terms: Sequence[str],
                    options: ExampleOptions = ExampleOptions()) -> dict[str, WorkedExample]:
    """An example (or what is needed for one) for each term id, in the order given.

    Unknown ids raise ``KeyError``: the glossary and this table must agree.
    """
    frame = data.assessments
    points = point_rows(frame) if frame is not None else pd.DataFrame(columns=["student_id", "window", "points"])
    windows = ordered_windows(points, data.windows) if len(points) else []
    scores = student_percent_correct(points) if len(points) else pd.DataFrame(
        columns=["student_id", "window", "pct_correct"])
    ctx = _Context(data, options, points, windows, scores)
    return {term: EXAMPLES[term](ctx, term) for term in terms}
