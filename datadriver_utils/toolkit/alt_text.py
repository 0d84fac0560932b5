"""The words a screen reader (and a reader of a printout) gets for a Module 1 chart.

Alt text says what the chart shows *from the data*: the bars in the order drawn with their
values, so that a reader who cannot see the chart reads the same profile.
"""

from __future__ import annotations

import textwrap

import pandas as pd

from datadriver_utils.stats.concerns import ConcernsProfile
from datadriver_utils.stats.surveys import item_sides

__all__ = ["concerns_alt", "profile_alt", "survey_items_alt"]


def profile_alt(profile: pd.DataFrame, value_col: str, label_col: str, what: str, scale: str = "1-4") -> str:
    """"Bars of <what> (<scale>), highest first: A: 3.4; B: 2.0." for a rating profile chart;
    items without a value are counted, as the chart's note counts them."""
    rated = profile.dropna(subset=[value_col]).sort_values(value_col, ascending=False, kind="stable")
    if rated.empty:
        return f"No {what} to show yet: nothing has been rated."
    bars = "; ".join(f"{str(label).rstrip('.')}: {value:.1f}"
                     for label, value in zip(rated[label_col], rated[value_col], strict=True))
    missing = len(profile) - len(rated)
    return (f"Bars of {what} ({scale}), highest first: {bars}."
            + (f" {missing} item(s) without a rating are not shown." if missing else ""))


def concerns_alt(profile: ConcernsProfile) -> str:
    """The stages-of-concern bars in stage order with their scores, and where the profile peaks."""
    team = profile.team
    bars = "; ".join(f"{stage} {str(name).split(' (')[0]}: " + ("no score" if pd.isna(score) else f"{score:.1f}")
                     for stage, name, score in zip(team["stage"], team["stage_name"], team["score"], strict=True))
    peak = ("" if profile.team_peak is None else
            f" Peak at stage {profile.team_peak}" + ("" if profile.team_second is None else
                                                     f", second at stage {profile.team_second}") + ".")
    return f"Bars of the team's mean score (0-7) per stage of concern, in stage order: {bars}.{peak}"


def survey_items_alt(distribution: pd.DataFrame, what: str, items: pd.DataFrame | None = None) -> str:
    """What the diverging bars of a survey hold: every bar (item and administration) with its
    favourable, neutral and unfavourable shares, and the bars left out for too few respondents
    (the chart marks them the same way).  ``items`` (survey_items.csv) gives each item's words."""
    if distribution.empty:
        return f"No {what} responses to show yet."
    admins = list(dict.fromkeys(distribution["administration"].astype(str)))
    words = {} if items is None or items.empty else {
        (survey, item): str(text) for survey, item, text in items[["survey", "item", "item_text"]].itertuples(index=False)}
    bars = []
    for row in item_sides(distribution).itertuples(index=False):
        name = textwrap.shorten(words.get((row.survey, row.item), str(row.item)), 60, placeholder="…").rstrip(".")
        neutral = "" if pd.isna(row.pct_neutral) else f"{row.pct_neutral:.0f}% neutral, "  # no midpoint: no neutral
        shares = ("too few responses to report" if pd.isna(row.pct_positive) else
                  f"{row.pct_positive:.0f}% favourable, {neutral}{row.pct_negative:.0f}% unfavourable")
        bars.append(f"{name} ({row.administration}): {shares}")
    hidden = sum("too few responses" in bar for bar in bars)
    return (f"Diverging bars of the {what}: {distribution['item'].nunique()} item(s) in {len(admins)} "
            f"administration(s) ({', '.join(admins)}), unfavourable answers left of centre, favourable right. "
            + "; ".join(bars) + "."
            + (f" {hidden} bar(s) marked too few responses to report." if hidden else ""))
