"""Look-fors beside belonging, and the bite-size feedback log, counted by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from datadriver_utils.stats.feedback import evidence_by_impact, feedback_entries, feedback_overview, feedback_summary
from datadriver_utils.stats.lookfors import (
    ALL_LOOK_FORS,
    beside_belonging,
    describe_beside,
    lookfor_rates,
    lookfors_by_month,
    month_by_lookfor,
    visit_count,
    visit_grid,
)

WALKS = pd.DataFrame({
    "date": pd.to_datetime(["2025-10-02", "2025-10-02", "2025-10-09", "2025-10-09", "2025-11-05", "2025-11-05"]),
    "classroom": ["7-1", "7-1", "7-2", "7-2", "7-1", "7-1"],
    "observer": ["Rosa"] * 6,
    "look_for": ["Talk", "Names", "Talk", "Names", "Talk", "Names"],
    "seen": pd.array([True, False, False, False, True, True], dtype="boolean"),
})
BELONGING = pd.DataFrame({"survey": "belonging", "administration": ["2025-10", "2025-12"], "construct": "belonging",
                          "n_band": ["24", "fewer than 10"], "mean_score": [2.5, None],
                          "pct_favourable": [40.0, None], "status": ["ok", "too few responses"]})


def test_rates_visits_and_months() -> None:
    assert visit_count(WALKS) == 3
    rates = lookfor_rates(WALKS)
    assert rates.values.tolist() == [["Talk", 3, 2, pytest.approx(200 / 3)], ["Names", 3, 1, pytest.approx(100 / 3)]]
    by_month = lookfors_by_month(WALKS).set_index(["month", "look_for"])
    assert by_month.loc[("2025-10", ALL_LOOK_FORS), ["n_visits", "n_rows", "n_seen", "pct_seen"]].tolist() == [2, 4, 1, 25.0]
    assert by_month.loc[("2025-11", ALL_LOOK_FORS), "pct_seen"] == 100.0
    wide = month_by_lookfor(lookfors_by_month(WALKS))
    assert wide.columns.tolist() == ["month", "n_visits", "Talk", "Names", ALL_LOOK_FORS]
    assert wide.iloc[0].tolist() == ["2025-10", 2, 50.0, 0.0, 25.0]
    grid = visit_grid(WALKS)
    assert grid.values.tolist()[0] == ["2025-10-02", "7-1", "Rosa", "yes", "no"]


def test_beside_belonging_keeps_every_month_and_the_suppressed_one() -> None:
    beside = beside_belonging(lookfors_by_month(WALKS), BELONGING)
    assert beside["month"].tolist() == ["2025-10", "2025-11", "2025-12"]
    assert beside["pct_seen"].tolist()[:2] == [25.0, 100.0] and pd.isna(beside["pct_seen"].iloc[2])
    assert beside["belonging_pct_favourable"].iloc[0] == 40.0 and pd.isna(beside["belonging_pct_favourable"].iloc[2])
    assert beside["belonging_status"].tolist()[2] == "too few responses"
    text = describe_beside(beside)
    assert "25% of observations at first and 100%" in text and "belonging" not in text.split(";")[0]
    assert "Not enough months" in describe_beside(beside.iloc[:1])


LOG = pd.DataFrame({
    "date": ["2025-10-01", "2025-10-15", "2025-11-02"],
    "teacher": ["Ana", "Ana", "Ben"],
    "observed": ["o"] * 3,
    "tool": ["App", None, "app "],
    "impact": ["helped", "not yet known", "hindered"],
    "evidence": ["progress data", "walkthrough", "progress data"],
    "feedback": ["Keep it.", " ".join(["word"] * 41), "Try paper slips on Thursday."],
})


def test_feedback_by_hand() -> None:
    entries = feedback_entries(LOG)
    assert entries["words"].tolist() == [2, 41, 5]
    assert entries["bite_size"].tolist() == [True, False, True]
    facts = feedback_summary(entries)
    assert (facts["n_entries"], facts["n_teachers"], facts["n_tools"]) == (3, 2, 1)
    assert facts["pct_bite_size"] == pytest.approx(200 / 3) and facts["pct_impact_known"] == pytest.approx(200 / 3)
    assert facts["by_evidence"]["progress data"] == 2 and facts["by_impact"]["not yet known"] == 1
    overview = feedback_overview(entries)
    assert overview.values.tolist() == [["2025-10", 2, 1, 50.0, 1, 50.0], ["2025-11", 1, 1, 100.0, 1, 100.0]]
    table = evidence_by_impact(entries)
    assert table.index.tolist() == ["progress data", "walkthrough"]
    assert table.loc["progress data"].tolist() == [1, 1, 0, 0]  # helped, hindered, no clear effect, not yet known
