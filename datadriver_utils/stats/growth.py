"""Words for a gain, by rule, and who the matched comparison leaves out.

A narrative must not call a gain of almost nothing "uneven" or "modest": a reader hears growth.
:func:`read_gain` names a gain by a documented rule (docs/analysis.md, "Reading a gain"):

* the 95% confidence interval of the mean gain = gain ± t(0.975, n − 1) × SD of gains ÷ √n,
  where SD of gains = |gain ÷ paired effect size| (the effect size is gain ÷ SD, so the SD is
  recovered from the two figures the snapshot already publishes);
* **flat** when the paired effect size is below :data:`FLAT_EFFECT_SIZE` (0.2, "small") in size
  **or** the interval includes 0: the scores did not move in a way that can be told from noise;
* **fell** when the effect size is −0.2 or lower and the interval lies below 0;
* **broad** when it is :data:`BROAD_EFFECT_SIZE` (0.5) or more: most students grew;
* **uneven** otherwise (0.2 to 0.5, interval above 0): a real rise that many students did not share.

:func:`missing_post_by_section` counts, per section of the roster, the students with no post
score (and with no pre score, and with both); :func:`missing_post_check` compares their pre scores with the matched students', the
check a reader needs before deciding whether the gains speak for them. Pure functions; the
views decide what each audience sees (sections are team-only unless the district opts in).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
from scipy import stats as scipy_stats

from datadriver_utils.stats.gains import student_percent_correct

__all__ = [
    "BROAD_EFFECT_SIZE", "FLAT_EFFECT_SIZE", "GainReading", "MissingPostCheck", "NO_SECTION", "missing_post_by_section",
    "missing_post_check", "read_gain", "students_missing_post",
]

FLAT_EFFECT_SIZE = 0.2
"""Below this paired effect size (in size) a gain is flat: Cohen's "small" starts here."""
BROAD_EFFECT_SIZE = 0.5
"""From this paired effect size a rise is broad across students."""
NO_SECTION = "(no section)"
"""The section of students whose students.csv row names none."""


@dataclass(frozen=True)
class GainReading:
    """A gain in words: ``kind`` is flat, fell, uneven, broad or unknown (fewer than two matched
    students, or no spread of gains); ``ci_low``/``ci_high`` the 95% interval of the mean gain."""

    kind: str
    gain: float | None
    effect_size: float | None
    n_matched: int
    ci_low: float | None
    ci_high: float | None

    @property
    def interval_includes_zero(self) -> bool | None:
        if self.ci_low is None or self.ci_high is None:
            return None
        return self.ci_low <= 0 <= self.ci_high


def _interval(gain: float, effect_size: float, n: int) -> tuple[float, float] | None:
    if n < 2 or effect_size == 0 or not math.isfinite(effect_size):
        return None
    spread = abs(gain / effect_size)
    half = float(scipy_stats.t.ppf(0.975, n - 1)) * spread / math.sqrt(n)
    return gain - half, gain + half


def read_gain(gain: float | None, effect_size: float | None, n_matched: int) -> GainReading:
    """Name a mean gain flat, fell, uneven or broad by the rule in the module docstring."""
    if gain is None or effect_size is None or n_matched < 2:
        return GainReading("unknown", gain, effect_size, n_matched, None, None)
    bounds = _interval(gain, effect_size, n_matched)
    low, high = bounds if bounds is not None else (None, None)
    includes_zero = bounds is None or bounds[0] <= 0 <= bounds[1]
    if abs(effect_size) < FLAT_EFFECT_SIZE or includes_zero:
        kind = "flat"
    elif effect_size < 0:
        kind = "fell"
    else:
        kind = "broad" if effect_size >= BROAD_EFFECT_SIZE else "uneven"
    return GainReading(kind, gain, effect_size, n_matched, low, high)


def _with_pre_not_post(assessments: pd.DataFrame, pre: str, post: str) -> tuple[set[str], set[str]]:
    def ids_in(window: str) -> set[str]:
        return set(assessments.loc[assessments["window"] == window, "student_id"].dropna().astype(str).unique())

    had_pre, had_post = ids_in(pre), ids_in(post)
    return had_pre, had_pre - had_post


def missing_post_by_section(assessments: pd.DataFrame, students: pd.DataFrame,
                            pre: str = "pre", post: str = "post") -> pd.DataFrame:
    """Per section of the roster: ``section, n_students`` (students.csv), ``n_missing_post`` (no
    post score), ``pct_missing_post`` = n_missing_post ÷ n_students × 100, ``n_missing_pre`` (no
    pre score) and ``n_matched`` (both: the students every gain rests on); sections in order, then
    a last row ``section = "All"`` for the team. Without a ``section`` column, only that row."""
    def ids_in(window: str) -> set[str]:
        return set(assessments.loc[assessments["window"] == window, "student_id"].dropna().astype(str).unique())

    had_pre, had_post = ids_in(pre), ids_in(post)
    roster = pd.DataFrame({"student_id": students["student_id"].astype(str),
                           "section": students["section"].astype("string").fillna(NO_SECTION)
                           if "section" in students.columns else "All"})
    roster = roster.assign(no_post=~roster["student_id"].isin(had_post), no_pre=~roster["student_id"].isin(had_pre))

    def counts(name: str, part: pd.DataFrame) -> dict[str, object]:
        return {"section": name, "n_students": len(part), "n_missing_post": int(part["no_post"].sum()),
                "n_missing_pre": int(part["no_pre"].sum()), "n_matched": int((~part["no_post"] & ~part["no_pre"]).sum())}

    rows = [counts(str(name), part) for name, part in roster.groupby("section", sort=True)] \
        if "section" in students.columns else []
    rows.append(counts("All", roster))
    frame = pd.DataFrame(rows, columns=["section", "n_students", "n_missing_post", "n_missing_pre", "n_matched"])
    share = 100 * frame["n_missing_post"] / frame["n_students"].where(frame["n_students"] > 0)
    frame.insert(3, "pct_missing_post", share)
    return frame


@dataclass(frozen=True)
class MissingPostCheck:
    """Do the students without a post score differ from the matched ones on the pre test?

    ``pre_mean_missing`` / ``pre_mean_matched``: mean pre percent correct (all standards) of
    each group; ``difference`` = missing − matched, in percentage points."""

    n_missing: int
    n_matched: int
    pre_mean_missing: float | None
    pre_mean_matched: float | None

    @property
    def difference(self) -> float | None:
        if self.pre_mean_missing is None or self.pre_mean_matched is None:
            return None
        return self.pre_mean_missing - self.pre_mean_matched


def missing_post_check(assessments: pd.DataFrame, pre: str = "pre", post: str = "post") -> MissingPostCheck:
    """Pre percent correct of students missing a post score against the matched students."""
    had_pre, missing = _with_pre_not_post(assessments, pre, post)
    scores = student_percent_correct(assessments)
    before = scores[scores["window"] == pre].assign(student_id=lambda f: f["student_id"].astype(str))
    absent = before[before["student_id"].isin(missing)]["pct_correct"]
    matched = before[before["student_id"].isin(had_pre - missing)]["pct_correct"]

    def mean(values: pd.Series) -> float | None:
        return None if values.dropna().empty else float(values.mean())

    return MissingPostCheck(len(missing), len(had_pre - missing), mean(absent), mean(matched))


def students_missing_post(assessments: pd.DataFrame, students: pd.DataFrame,
                          pre: str = "pre", post: str = "post") -> pd.DataFrame:
    """The roster's students with no post score: ``student_id, section, pre_pct_correct`` (NaN:
    no pre score either), by section then id. Identifiers: for the team view only."""
    scores = student_percent_correct(assessments)
    had_post = set(scores.loc[scores["window"] == post, "student_id"].astype(str))
    before = scores[scores["window"] == pre].assign(student_id=lambda f: f["student_id"].astype(str))
    roster = pd.DataFrame({"student_id": students["student_id"].astype(str),
                           "section": students["section"].astype("string").fillna(NO_SECTION)
                           if "section" in students.columns else NO_SECTION})
    missing = roster[~roster["student_id"].isin(had_post)]
    missing = missing.assign(pre_pct_correct=missing["student_id"].map(before.set_index("student_id")["pct_correct"]))
    return missing.sort_values(["section", "student_id"]).reset_index(drop=True)
