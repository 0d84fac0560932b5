"""Alt text written from a chart's data: every bar with its value, a hidden one without it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from datadriver_utils.stats.surveys import item_sides
from datadriver_utils.toolkit.alt_text import survey_items_alt


def _distribution() -> pd.DataFrame:
    """Two bars on a 1-5 scale: B1 in "fall" (10 answers), and B1 in "spring", too few to report."""
    rows = []
    for admin, counts, ok in (("fall", [1, 1, 2, 4, 2], True), ("spring", [0, 1, 0, 1, 1], False)):
        for point, count in zip(range(1, 6), counts, strict=True):
            rows.append({"survey": "belonging", "administration": admin, "item": "B1", "scale_point": float(point),
                         "percent": 100 * count / sum(counts) if ok else np.nan,
                         "side": "negative" if point < 3 else "neutral" if point == 3 else "positive"})
    return pd.DataFrame(rows)


def test_item_sides_are_the_two_arms_of_each_bar() -> None:
    sides = item_sides(_distribution())
    fall = sides[sides["administration"] == "fall"].iloc[0]
    assert (fall["pct_negative"], fall["pct_neutral"], fall["pct_positive"]) == (20.0, 20.0, 60.0)
    assert sides[sides["administration"] == "spring"][["pct_negative", "pct_positive"]].isna().all(axis=None)


def test_survey_alt_gives_every_bar_and_no_number_for_a_hidden_one() -> None:
    items = pd.DataFrame({"survey": ["belonging"], "item": ["B1"], "item_text": ["I feel I belong here."]})
    alt = survey_items_alt(_distribution(), "belonging survey", items)
    assert "I feel I belong here (fall): 60% favourable, 20% neutral, 20% unfavourable" in alt
    assert "I feel I belong here (spring): too few responses to report" in alt
    assert alt.endswith("1 bar(s) marked too few responses to report.")
