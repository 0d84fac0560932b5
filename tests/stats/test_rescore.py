"""A corrected answer key rescored by hand on four students (stats/rescore.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from datadriver_utils.errors import DataProblemsError
from datadriver_utils.stats.items import item_statistics
from datadriver_utils.stats.rescore import apply_key_corrections, rescore_comparison

# Q2's key in the file is B, but the two strongest students (001, 002) chose C and the two
# weakest chose B: scored against B the item points the wrong way. Corrected to C, 001 and 002
# earn its point and 003 and 004 lose it: all four scores change, p stays 2/4 = .50.
_POST = {"001": (1, "C", 1), "002": (1, "C", 1), "003": (1, "B", 0), "004": (0, "B", 0)}
ROWS = pd.DataFrame(
    [{"student_id": s, "window": "post", "standard": "S1", "item_id": "Q1", "points": q1, "points_possible": 1,
      "response": None, "key": None} for s, (q1, _r, _q3) in _POST.items()]
    + [{"student_id": s, "window": "post", "standard": "S1", "item_id": "Q2", "points": float(r == "B"),
        "points_possible": 1, "response": r, "key": "B"} for s, (_q1, r, _q3) in _POST.items()]
    + [{"student_id": s, "window": "post", "standard": "S1", "item_id": "Q3", "points": q3, "points_possible": 1,
        "response": None, "key": None} for s, (_q1, _r, q3) in _POST.items()]
    + [{"student_id": "001", "window": "pre", "standard": "S1", "item_id": "Q2", "points": 0.0,
        "points_possible": 1, "response": None, "key": "B"},
       {"student_id": "002", "window": "pre", "standard": "S1", "item_id": "Q2", "points": 0.0,
        "points_possible": 1, "response": " c ", "key": "B"}])
CORRECTION = pd.DataFrame([{"item_id": "Q2", "window": None, "key": "C", "corrected_on": pd.Timestamp("2026-01-28"),
                            "note": "scanner key"}])


def test_the_item_is_rescored_from_the_responses_in_every_window() -> None:
    found = apply_key_corrections(ROWS, CORRECTION)
    q2 = found.rows[found.rows["item_id"] == "Q2"]
    assert q2.loc[q2["window"] == "post", "points"].tolist() == [1.0, 1.0, 0.0, 0.0]
    assert q2.loc[q2["window"] == "pre", "points"].tolist() == [0.0, 1.0]  # no response: kept; " c " is C
    assert set(q2["key"]) == {"C"}
    log = found.log.set_index("window")
    assert log.loc["post", ["old_key", "new_key", "n_responses", "n_changed", "n_without_response"]].tolist() == \
        ["B", "C", 4, 4, 0]
    assert log.loc["pre", ["n_responses", "n_changed", "n_without_response"]].tolist() == [1, 1, 1]
    assert log.loc["post", "corrected_on"] == "2026-01-28"
    assert ROWS.loc[ROWS["item_id"] == "Q2", "points"].tolist()[:4] == [0.0, 0.0, 1.0, 1.0]  # input untouched


def test_before_and_after_flags() -> None:
    before, after = item_statistics(ROWS), item_statistics(apply_key_corrections(ROWS, CORRECTION).rows)
    row = rescore_comparison(before, after, ["Q2"]).iloc[0]
    assert row["discrimination_before"] < 0 < row["discrimination_after"]
    assert row["difficulty_before"] == row["difficulty_after"] == pytest.approx(0.5)
    assert (row["flags_before"], row["flags_after"]) == ("negative discrimination", "none")
    assert row["quality_before"] == "negative: check the answer key"


def test_a_window_limits_the_correction_and_none_changes_nothing() -> None:
    only_pre = apply_key_corrections(ROWS, CORRECTION.assign(window="pre"))
    assert only_pre.log["window"].tolist() == ["pre"]
    assert only_pre.rows.loc[(only_pre.rows["item_id"] == "Q2") & (only_pre.rows["window"] == "post"),
                             "points"].tolist() == [0.0, 0.0, 1.0, 1.0]
    assert apply_key_corrections(ROWS, None).rows is ROWS


def test_a_correction_that_cannot_apply_names_its_row() -> None:
    wrong = pd.DataFrame([{"item_id": "Q9", "window": None, "key": "A"}, {"item_id": "Q1", "window": None, "key": "A"}])
    with pytest.raises(DataProblemsError) as raised:
        apply_key_corrections(ROWS, wrong)
    first, second = raised.value.problems
    assert (first.file, first.row, first.column, first.value) == ("key_corrections.csv", 2, "item_id", "Q9")
    assert "no item Q9" in first.message
    assert second.row == 3 and "no recorded responses" in second.message
