"""Workshop self-assessment profiles, each number worked out by hand in a comment."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from datadriver_utils.errors import DataProblemsError
from datadriver_utils.stats.concerns import concerns_profile, concerns_summary, describe_concerns
from datadriver_utils.stats.coverage import coverage_by_function, coverage_summary, describe_coverage
from datadriver_utils.stats.ratings import (
    barrier_profile,
    barrier_summary,
    collection_profile,
    collection_summary,
    describe_barriers,
    describe_collection,
    describe_functions,
    describe_vision_rubric,
    function_profile,
    function_summary,
    vision_rubric_profile,
    vision_rubric_summary,
)
from datadriver_utils.workshop.content import (
    BARRIERS,
    CONCERNS_ITEMS,
    FIVE_FUNCTIONS,
    STAGES_OF_CONCERN,
    TEAM_SELF_ASSESSMENT,
)

nan = np.nan


def long(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["member", "item", "rating"])


EMPTY = long([])


def test_toolkit_content_shapes() -> None:
    assert len(FIVE_FUNCTIONS) == 5 and len(BARRIERS) == 7 and len(STAGES_OF_CONCERN) == 7
    assert [b.category for b in BARRIERS].count("cultural") == 3
    assert [b.category for b in BARRIERS].count("political") == 1
    assert sorted({i.stage for i in CONCERNS_ITEMS}) == list(range(7)) and len(CONCERNS_ITEMS) == 14
    assert {s.group for s in TEAM_SELF_ASSESSMENT} == {f.id for f in FIVE_FUNCTIONS}


def test_function_profile_by_hand() -> None:
    ratings = long([
        ("A", "vision_1", 4), ("A", "vision_2", 2), ("B", "vision_1", 3), ("B", "vision_2", 3),
        ("A", "analysis_1", 1), ("B", "analysis_2", 2), ("A", "communication_1", nan),
    ])
    p = function_profile(ratings).set_index("function_id")
    assert list(p.index) == [f.id for f in FIVE_FUNCTIONS]
    # vision: (4 + 2 + 3 + 3) / 4 = 3.0, min 2, max 4, 4 ratings by 2 members
    assert p.loc["vision", ["mean", "min", "max", "n", "n_members"]].tolist() == [3.0, 2, 4, 4, 2]
    # analysis: (1 + 2) / 2 = 1.5
    assert p.loc["analysis", ["mean", "min", "max", "n", "n_members"]].tolist() == [1.5, 1, 2, 2, 2]
    # a skipped (blank) rating is not a rating
    assert p.loc["communication", "n"] == 0 and math.isnan(p.loc["communication", "mean"])
    assert p.loc["vision", "function"] == "Vision and policy management"
    text = describe_functions(p.reset_index())
    assert "strongest on Vision and policy management (mean 3.0 of 4)" in text
    assert "weakest on Inquiry, analysis and action (mean 1.5)" in text
    assert "Not rated yet: Data management, Professional development, Communication" in text
    summary = function_summary(p.reset_index(), min_group_size=3)  # 2 members < 3
    assert all(row["mean"] is None and row["suppressed"] for row in summary["functions"])
    json.dumps(function_summary(p.reset_index()))
    assert function_summary(p.reset_index())["functions"][0]["mean"] == 3.0


def test_barrier_profile_by_hand() -> None:
    ratings = long([
        ("A", "personal_yardstick", 1), ("A", "judgement_over_evidence", 2),
        ("A", "no_agreed_outcomes", 3), ("A", "no_time", 4), ("A", "political_use", 4),
        ("B", "personal_yardstick", 2), ("B", "no_time", 3), ("B", "results_kept_apart", 4),
        ("B", "political_use", 2),
    ])
    p = barrier_profile(ratings)
    means = p.barriers.set_index("barrier_id")["mean"]
    # 1.5 = (1+2)/2; 3.5 = (4+3)/2; 3.0 = (4+2)/2; important_data_missing never rated
    assert means.loc[["personal_yardstick", "judgement_over_evidence", "no_agreed_outcomes",
                      "results_kept_apart", "no_time", "political_use"]].tolist() == [
        1.5, 2.0, 3.0, 4.0, 3.5, 3.0]
    assert math.isnan(means["important_data_missing"])
    # top 3: 4.0, 3.5, then a tie at 3.0 broken by the toolkit's order (no_agreed_outcomes first)
    assert p.top == ("results_kept_apart", "no_time", "no_agreed_outcomes")
    cats = p.categories.set_index("category")
    # cultural: (1+2+3+2)/4 = 2.0; technical: (4+3+4)/3 = 3.667; political: (4+2)/2 = 3.0
    assert cats["mean"].tolist() == pytest.approx([2.0, 11 / 3, 3.0])
    assert cats["n"].tolist() == [4, 3, 2]
    text = describe_barriers(p)
    assert text.startswith("The barriers rated highest are: Results kept apart from practice "
                           "(technical, 4.0 of 4)")
    assert "the technical barriers weigh most (mean 3.7 of 4)" in text
    summary = barrier_summary(p)["barriers"]
    assert summary["top"] == list(p.top) and summary["categories"][1]["mean"] == 3.7
    hidden = barrier_summary(p, min_group_size=5)["barriers"]
    assert hidden["suppressed"] and hidden["top"] == [] and hidden["categories"][0]["mean"] is None


def test_collection_and_vision_profiles_by_hand() -> None:
    coll = collection_profile(long([("A", "timely", 1), ("B", "timely", 2), ("A", "secure", 4),
                                    ("B", "secure", 4), ("A", "accurate", 3)])).set_index("item")
    # timely (1+2)/2 = 1.5; secure 4.0; accurate 3.0 (one member)
    assert coll.loc[["timely", "secure", "accurate"], "mean"].tolist() == [1.5, 4.0, 3.0]
    assert coll.loc["accurate", "n_members"] == 1 and coll.loc["timely", "topic"] == "quality"
    text = describe_collection(coll.reset_index())
    assert "below 2.5" in text and "(1.5)" in text and "(3.0)" not in text
    assert "statement" not in collection_summary(coll.reset_index())["collection"][0]

    vis = vision_rubric_profile(long([("A", "same_story", 1), ("B", "same_story", 4),
                                      ("A", "strategy", 3), ("B", "strategy", 3)]))
    v = vis.set_index("hallmark_id")
    # same_story: mean 2.5, spread 4 - 1 = 3; strategy: all equal, spread 0
    assert v.loc["same_story", ["mean", "spread"]].tolist() == [2.5, 3.0]
    assert v.loc["strategy", ["mean", "spread"]].tolist() == [3.0, 0.0]
    text = describe_vision_rubric(vis)
    assert "Strongest hallmark: Built into strategy and budget (3.0 of 4)" in text
    assert "weakest: Everyone tells the same story (2.5)" in text
    assert "very differently: Everyone tells the same story." in text
    assert vision_rubric_summary(vis)["vision_rubric"][1]["spread"] == 3.0


def test_concerns_peak_and_second_stage_by_hand() -> None:
    responses = long([
        # A: stage 0 = (1+3)/2 = 2; stage 2 = (6+4)/2 = 5; stage 3 = (7+5)/2 = 6; stage 5 = 0
        ("A", "soc0_a", 1), ("A", "soc0_b", 3), ("A", "soc2_a", 6), ("A", "soc2_b", 4),
        ("A", "soc3_a", 7), ("A", "soc3_b", 5), ("A", "soc5_a", 0),
        # B: stage 1 = 2; stage 2 = 5; stage 3 = (4+4)/2 = 4; stage 4 = (6+5)/2 = 5.5
        ("B", "soc1_a", 2), ("B", "soc2_a", 5), ("B", "soc3_a", 4), ("B", "soc3_b", 4),
        ("B", "soc4_a", 6), ("B", "soc4_b", 5),
        # C: a tie between stages 1 and 6 goes to the earlier stage
        ("C", "soc1_a", 3), ("C", "soc6_a", 3),
        # D: one stage answered: no second stage
        ("D", "soc5_a", 7),
    ])
    p = concerns_profile(responses)
    m = p.members.set_index("member")
    assert m.loc["A", ["peak_stage", "second_stage"]].tolist() == [3, 2]
    assert m.loc["B", ["peak_stage", "second_stage"]].tolist() == [4, 2]
    assert m.loc["C", ["peak_stage", "second_stage"]].tolist() == [1, 6]
    assert m.loc["D", "peak_stage"] == 5 and pd.isna(m.loc["D", "second_stage"])
    assert m.loc["A", "peak_name"] == "Management"
    team = p.team.set_index("stage")
    # stage 2: (5 + 5) / 2 = 5.0; stage 3: (6 + 4) / 2 = 5.0; stage 4: 5.5 (B only);
    # stage 5: (0 + 7) / 2 = 3.5; stage 1: (2 + 3) / 2 = 2.5; stage 6: 3 (C only)
    assert team["score"].tolist() == pytest.approx([2.0, 2.5, 5.0, 5.0, 5.5, 3.5, 3.0])
    assert team["n_members"].tolist() == [1, 2, 2, 2, 1, 2, 1]
    # team peak: stage 4 (5.5); second: 2 and 3 tie at 5.0, the earlier stage (2) is named
    assert (p.team_peak, p.team_second) == (4, 2)
    a_scores = p.member_stages[p.member_stages["member"] == "A"]["score"].tolist()
    assert a_scores[0] == 2.0 and math.isnan(a_scores[1]) and a_scores[2:4] == [5.0, 6.0]
    text = describe_concerns(p)
    assert text.startswith("The team's concerns peak at stage 4, consequence, followed by stage 2, "
                           "personal.")
    summary = concerns_summary(p)["concerns"]
    assert "members" not in summary and summary["team_peak"] == 4 and summary["n_members"] == 2
    assert concerns_summary(p, include_members=True)["concerns"]["members"][0]["member"] == "A"
    hidden = concerns_summary(p, min_group_size=5)["concerns"]
    assert hidden["suppressed"] and hidden["team_peak"] is None
    json.dumps(concerns_summary(p, include_members=True))


def test_coverage_flags_uncovered_function() -> None:
    roster = [
        {"name": "Ana", "role": "Principal", "functions": ["vision", "Inventory", "collection"]},
        {"name": "Ben", "role": "Coach", "functions": ["analysis", "Professional development"]},
        {"name": "Cy", "role": "Teacher", "functions": []},
        {"name": "Dee", "role": "Teacher", "functions": ["data_management"]},
    ]
    cov = coverage_by_function(roster).set_index("function_id")
    assert cov.loc["data_management", "members"] == ["Ana", "Dee"]  # Ana once, not twice
    assert cov["n_members"].tolist() == [1, 2, 1, 1, 0]
    assert cov["covered"].tolist() == [True, True, True, True, False]
    assert describe_coverage(cov.reset_index()) == (
        "No one on the roster covers: Communication and monitoring. Consider who could take "
        "this on.")
    assert "members" not in coverage_summary(cov.reset_index())["coverage"][0]
    assert coverage_summary(cov.reset_index(), include_members=True)["coverage"][0]["members"] == ["Ana"]
    with pytest.raises(DataProblemsError) as err:
        coverage_by_function([{"name": "Eve", "role": "x", "functions": ["budgeting"]}])
    assert "member 1 (Eve)" in str(err.value) and "'budgeting'" in str(err.value)


def test_out_of_scale_rating_names_item_and_value() -> None:
    ratings = long([("A", "vision_1", 3), ("A", "vision_2", 5), ("B", "nonsense", 2)])
    with pytest.raises(DataProblemsError) as err:
        function_profile(ratings)
    problems = err.value.problems
    assert len(problems) == 2
    off = next(p for p in problems if p.column == "rating")
    # the 5 sits in the second data row: spreadsheet row 3
    assert (off.row, off.value) == (3, "5") and "item 'vision_2'" in off.message
    assert "1-4 scale" in off.message
    assert next(p for p in problems if p.column == "item").value == "nonsense"
    with pytest.raises(DataProblemsError, match="outside the 0-7 scale"):
        concerns_profile(long([("A", "soc1_a", 8)]))
    with pytest.raises(DataProblemsError, match="found 'high'"):
        barrier_profile(long([("A", "no_time", "high")]))  # type: ignore[list-item]
    concerns_profile(long([("A", "soc1_a", 0), ("A", "soc1_b", 7)]))  # both ends are allowed
    with pytest.raises(DataProblemsError, match="column 'rating'"):
        function_profile(pd.DataFrame({"member": ["A"], "item": ["vision_1"]}))


def test_empty_inputs() -> None:
    assert function_profile(EMPTY)["n"].tolist() == [0] * 5
    assert describe_functions(function_profile(EMPTY)) == "No one has rated the team self-assessment yet."
    empty_barriers = barrier_profile(EMPTY)
    assert empty_barriers.top == () and describe_barriers(empty_barriers).startswith("No one")
    empty_concerns = concerns_profile(EMPTY)
    assert empty_concerns.team_peak is None and empty_concerns.members.empty
    assert describe_concerns(empty_concerns) == "No one has answered the concerns items yet."
    assert coverage_by_function([])["covered"].sum() == 0
    one = function_profile(long([("A", "vision_1", 2)]))
    assert describe_functions(one).startswith("The team rates itself strongest on Vision and "
                                              "policy management (mean 2.0 of 4).")


def test_describe_functions_names_ties_together():
    from datadriver_utils.stats.ratings import describe_functions

    profile = pd.DataFrame({
        "function": ["Vision", "Analysis", "Professional development"],
        "mean": [2.0, 3.1, 3.14], "n": [4, 4, 4],
    })
    text = describe_functions(profile)
    # 3.1 and 3.14 both read as 3.1: both are named strongest, in table order
    assert "strongest on Analysis and Professional development" in text
    assert "weakest on Vision" in text
