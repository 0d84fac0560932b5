"""The words a screen reader (and a reader of a printout) gets for a Module 1 chart.

Alt text says what the chart shows *from the data*: the bars in the order drawn with their
values, so that a reader who cannot see the chart reads the same profile.
"""

from __future__ import annotations

import pandas as pd

from datadriver_utils.stats.concerns import ConcernsProfile

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


def survey_items_alt(distribution: pd.DataFrame, what: str) -> str:
    """What the diverging bars of a survey hold: items, administrations, and how many bars are
    left out for too few respondents (the chart marks them the same way)."""
    if distribution.empty:
        return f"No {what} responses to show yet."
    items = distribution["item"].nunique()
    admins = list(dict.fromkeys(distribution["administration"].astype(str)))
    bars = distribution.drop_duplicates(["administration", "item"])
    hidden = int(bars["percent"].isna().sum())
    return (f"Diverging bars of the {what}: {items} item(s) in {len(admins)} administration(s) "
            f"({', '.join(admins)}), disagreement left of centre, agreement right."
            + (f" {hidden} bar(s) marked too few responses to report." if hidden else ""))
