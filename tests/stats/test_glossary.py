"""The glossary's worked examples and the two measurement figures, on data small enough to check by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from datadriver_utils.stats.glossary import EXAMPLES, ExampleOptions, GlossaryData, ordered_windows, worked_examples
from datadriver_utils.stats.measurement import local_percentile_rank, standard_error_of_measurement
from datadriver_utils.workshop.glossary import GLOSSARY

STUDENTS = pd.DataFrame({"student_id": ["001", "002", "003"], "grade": ["7", "7", "7"]})
# pre: 001 50%, 002 60%, 003 70%; post: 001 80%, 002 70% (003 absent)
RESULTS = pd.DataFrame({
    "student_id": ["001", "001", "002", "002", "003"],
    "window": ["pre", "post", "pre", "post", "pre"],
    "standard": ["S1"] * 5,
    "points": [5.0, 8.0, 6.0, 7.0, 7.0],
    "points_possible": [10.0] * 5,
})
ITEMS = pd.DataFrame({  # four students, two 0/1 items: totals 2, 1, 0, 2
    "student_id": ["a", "a", "b", "b", "c", "c", "d", "d"],
    "window": ["post"] * 8,
    "standard": ["S1", "S2"] * 4,
    "item_id": ["Q1", "Q2"] * 4,
    "points": [1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 1.0],
    "points_possible": [1.0] * 8,
})


def examples(frame: pd.DataFrame = RESULTS, students: pd.DataFrame = STUDENTS, **options: object) -> dict:
    data = GlossaryData(frame, students, 70.0, ("pre", "post"), 10)
    return worked_examples(data, list(EXAMPLES), ExampleOptions(**options))  # type: ignore[arg-type]


def test_every_glossary_term_has_an_example_rule_and_no_more() -> None:
    assert [t.id for t in GLOSSARY] == list(EXAMPLES)
    assert len({t.term for t in GLOSSARY}) == len(GLOSSARY) == 21


def test_local_percentile_rank_counts_ties_half() -> None:
    # below 70: 50, 60 (2); at 70: two -> (2 + 1) / 5 = 60
    assert local_percentile_rank(pd.Series([50, 60, 70, 70, 80]), 70) == pytest.approx(60.0)
    assert local_percentile_rank(pd.Series([80, 90]), 70) == 0.0
    assert math.isnan(local_percentile_rank(pd.Series([], dtype=float), 70))


def test_standard_error_of_measurement_by_hand() -> None:
    # item variances 0.25 and 1/3; total variance 11/12; alpha = 2 (1 - 7/11) = 8/11
    # SEM = sqrt(11/12) * sqrt(3/11) = sqrt(1/4) = 0.5
    sem, sd, alpha, n = standard_error_of_measurement(ITEMS, "post")
    assert alpha == pytest.approx(8 / 11)
    assert sd == pytest.approx(math.sqrt(11 / 12))
    assert sem == pytest.approx(0.5)
    assert n == 4


def test_point_score_examples_by_hand() -> None:
    found = examples()
    assert found["percent_correct"].value == pytest.approx(75.0)  # post: 80 and 70
    assert found["percent_proficient"].value == pytest.approx(100.0)
    assert found["percentile"].value == pytest.approx(25.0)  # 70 among [70, 80]: (0 + 0.5) / 2
    assert "2 of 2 students (100.0%)" in found["proficiency_cut"].text
    assert found["matched_students"].value == 2
    assert "3 students have a pre score and 2 a post score; 2 have both" in found["matched_students"].text
    assert found["growth"].value == pytest.approx(20.0)  # matched pre (50 + 60) / 2 = 55, post 75
    assert found["effect_size"].value == pytest.approx(20 / math.sqrt(200))  # diffs 30, 10: sd = 14.14
    assert found["mean_and_median"].value == pytest.approx(0.0)
    assert found["min_group_size"].value == 10


def test_what_is_missing_is_named_not_guessed() -> None:
    found = examples()
    for term in ("difficulty", "discrimination", "reliability", "standard_error", "distractor"):
        assert not found[term].has_example and "item_id" in found[term].needs
    assert "score_type" in found["scale_score"].needs
    nothing = examples(frame=RESULTS.iloc[:0])
    assert all(not e.has_example for k, e in nothing.items() if k != "min_group_size")
    assert "at least one window" in nothing["percent_correct"].needs


def test_beyond_the_team_examples_rest_on_enough_students_and_name_no_counts() -> None:
    found = examples(min_students=10, counts=False, share=lambda v: "≥95%" if v >= 95 else f"{v:.1f}%")
    assert found["growth"].needs.startswith("withheld") and found["percent_correct"].needs.startswith("withheld")
    big = pd.concat([RESULTS.assign(student_id=RESULTS["student_id"] + f"-{k}") for k in range(5)])
    roster = pd.DataFrame({"student_id": big["student_id"].unique(), "grade": "7"})
    found = examples(big, roster, min_students=10, counts=False, share=lambda v: "≥95%" if v >= 95 else f"{v:.1f}%")
    assert "≥95%" in found["percent_proficient"].text and "students (" not in found["proficiency_cut"].text
    assert "only students with a score in both" in found["matched_students"].text.lower()


def test_item_examples_and_scale_scores_kept_apart() -> None:
    scale = pd.DataFrame({"student_id": ["a", "b"], "window": ["post", "post"], "standard": ["RIT", "RIT"],
                          "item_id": [None, None], "points": [201.0, 215.0], "points_possible": [1.0, 1.0],
                          "score_type": ["scale", "scale"]})
    frame = pd.concat([ITEMS.assign(score_type="points"), scale], ignore_index=True)
    roster = pd.DataFrame({"student_id": list("abcd"), "grade": "7"})
    found = examples(frame, roster)
    assert found["scale_score"].value == pytest.approx(208.0)
    assert found["percent_correct"].value == pytest.approx(62.5)  # points only: totals 2, 1, 0, 2 of 2
    assert found["standard_error"].value == pytest.approx(0.5)
    assert found["difficulty"].value == pytest.approx(0.5)  # hardest: Q2 (2 of 4)
    assert "Q1 (p = 0.75)" in found["difficulty"].text
    assert ordered_windows(frame, ["pre", "post"]) == ["post"]
