"""The training catalog judged as of a date, on rows checked by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from datadriver_utils.stats.trainings import (
    catalog_as_of,
    overdue_trainings,
    people_overview,
    terms_without_training,
    training_overview,
    training_status,
)

CATALOG = pd.DataFrame({
    "person": ["Ana", "Ben", "Cy", "Ana", "Ben", "Cy"],
    "training": ["Items", "Items", "Items", "Scale", "Scale", "Privacy"],
    "topic": ["difficulty; discrimination", None, None, "scale score, percentile", None, None],
    "due": ["2025-10-31", "2025-10-31", "2025-12-20", "2026-02-10", None, "2026-06-01"],
    "completed_on": ["2025-10-20", None, None, None, None, None],
})
AS_OF = pd.Timestamp("2026-01-30")


def test_each_status_by_hand() -> None:
    judged = training_status(CATALOG, AS_OF)
    # Ana/Items done; Ben/Items due 2025-10-31 -> 91 days overdue; Cy/Items 41 days overdue;
    # Ana/Scale due 2026-02-10 (11 days): due soon; Ben/Scale no due date; Cy/Privacy open
    assert judged["status"].tolist() == ["done", "overdue", "overdue", "due soon", "no due date", "open"]
    assert judged["days_overdue"].tolist()[1:3] == [91, 41]
    assert judged["days_overdue"].isna().tolist() == [True, False, False, True, True, True]


def test_without_a_date_nothing_is_overdue() -> None:
    judged = training_status(CATALOG, None)
    assert judged["status"].tolist() == ["done", "open", "open", "open", "no due date", "open"]


def test_overviews_and_overdue_records() -> None:
    judged = training_status(CATALOG, AS_OF)
    by_training = training_overview(judged).set_index("training")
    assert by_training.index.tolist() == ["Items", "Scale", "Privacy"]
    assert by_training.loc["Items", ["n", "n_done", "n_overdue"]].tolist() == [3, 1, 2]
    assert by_training.loc["Items", "pct_done"] == pytest.approx(100 / 3)
    assert by_training.loc["Scale", ["n_due_soon", "n_no_due_date"]].tolist() == [1, 1]
    people = people_overview(judged).set_index("person")
    assert people.loc["Ana", ["n", "n_done", "n_due_soon"]].tolist() == [2, 1, 1]
    assert overdue_trainings(judged, with_person=False) == [
        {"training": "Items", "due": "2025-10-31", "days_overdue": 91},
        {"training": "Items", "due": "2025-12-20", "days_overdue": 41}]
    assert overdue_trainings(judged, with_person=True)[0]["person"] == "Ben"


def test_as_of_comes_from_the_view_then_the_report() -> None:
    assert catalog_as_of("2025-11-18", dt.date(2026, 1, 15)) == (pd.Timestamp("2025-11-18"),
                                                                 "the date given to this view")
    assert catalog_as_of("", dt.date(2026, 1, 15)) == (pd.Timestamp("2026-01-15"), "the report's as-of date")
    assert catalog_as_of(None, dt.date(2026, 1, 15))[0] == pd.Timestamp("2026-01-15")  # never the cycle's end
    with pytest.raises(ValueError):
        catalog_as_of("18/11/2025", dt.date(2026, 1, 15))


def test_terms_no_training_covers() -> None:
    terms = [("difficulty", "Item difficulty (p)"), ("scale_score", "Scale score"), ("percentile", "Percentile rank"),
             ("growth", "Growth (gain)"), ("min_group_size", "Minimum group size (suppression)")]
    assert terms_without_training(CATALOG, terms) == ["growth", "min_group_size"]
    assert terms_without_training(CATALOG.drop(columns="topic"), terms[:1]) == ["difficulty"]
