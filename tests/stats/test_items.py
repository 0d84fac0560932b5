"""Tests for stats.items, stats.reliability, stats.distractors and charts.items on small hand-computed assessments."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from datadriver_utils.charts.items import item_map_figure
from datadriver_utils.errors import DataProblemsError
from datadriver_utils.stats.distractors import distractor_table
from datadriver_utils.stats.items import (
    NEGATIVE_LABEL,
    UNDEFINED_LABEL,
    discrimination_quality,
    item_statistics,
    standard_blueprint,
)
from datadriver_utils.stats.reliability import (
    ALPHA_RULES_OF_THUMB,
    assessment_quality_summary,
    cronbach_alpha,
    describe_assessment,
)


def long_rows(matrix: dict[str, list[float]], students: list[str], *, window: str = "post",
              standards: dict[str, str] | None = None,
              possible: dict[str, float] | None = None) -> pd.DataFrame:
    """Long item rows from {item: scores per student}."""
    rows = [
        {"student_id": s, "window": window, "item_id": item,
         "standard": (standards or {}).get(item, "S1"),
         "points": float(score), "points_possible": float((possible or {}).get(item, 1.0))}
        for item, scores in matrix.items() for s, score in zip(students, scores)
    ]
    return pd.DataFrame(rows)


# 4 students x 3 items, 0/1 (a Guttman pattern):
#        Q1 Q2 Q3 | total
#   s1    1  1  1 |  3
#   s2    1  1  0 |  2
#   s3    1  0  0 |  1
#   s4    0  0  0 |  0
# Difficulty p: Q1 3/4 = .75, Q2 2/4 = .50, Q3 1/4 = .25 (Q3 < .30 -> too hard).
# Item-rest r:
#   Q1 x=[1,1,1,0], rest=Q2+Q3=[2,1,0,0]; dx=[.25,.25,.25,-.75], dy=[1.25,.25,-.75,-.75]
#      Sxy=.3125+.0625-.1875+.5625=.75, Sxx=.75, Syy=2.75 -> r=.75/sqrt(.75*2.75)=sqrt(3/11)=.5222
#   Q2 x=[1,1,0,0], rest=[2,1,1,0]; dx=[.5,.5,-.5,-.5], dy=[1,0,0,-1]
#      Sxy=1, Sxx=1, Syy=2 -> r=1/sqrt(2)=.7071
#   Q3 x=[1,0,0,0], rest=[2,2,1,0]; dx=[.75,-.25,-.25,-.25], dy=[.75,.75,-.25,-1.25]
#      Sxy=.75, Sxx=.75, Syy=2.75 -> r=sqrt(3/11)=.5222
# Alpha (sample variances): item vars .25, 1/3, .25 -> sum 5/6; totals [3,2,1,0] var 5/3
#   alpha = 3/2 * (1 - (5/6)/(5/3)) = 3/2 * 1/2 = .75
# KR-20 (population): sum p*q = .1875+.25+.1875 = .625; var(total) = 5/4
#   KR-20 = 3/2 * (1 - .625/1.25) = .75
# Upper-lower: n=4 -> g = round(0.27*4)=round(1.08)=1 (ceil would give 2): top s1, bottom s4
#   -> index 1 - 0 = 1 for every item (with g=2, Q1 would be 1 - .5 = .5).
STUDENTS4 = ["s1", "s2", "s3", "s4"]
GUTTMAN = {"Q1": [1, 1, 1, 0], "Q2": [1, 1, 0, 0], "Q3": [1, 0, 0, 0]}
SQRT_3_11 = math.sqrt(3 / 11)


@pytest.fixture
def guttman() -> pd.DataFrame:
    post = long_rows(GUTTMAN, STUDENTS4, standards={"Q1": "RL.1", "Q2": "RL.1", "Q3": "RL.2"})
    # A "pre" window with the opposite pattern must not leak into the post statistics.
    pre = long_rows({k: [1 - v for v in vals] for k, vals in GUTTMAN.items()}, STUDENTS4,
                    window="pre")
    return pd.concat([pre, post], ignore_index=True)


def test_difficulty_and_item_rest_r_by_hand(guttman: pd.DataFrame) -> None:
    stats = item_statistics(guttman)
    assert stats["item_id"].tolist() == ["Q1", "Q2", "Q3"]
    assert stats["n"].tolist() == [4, 4, 4]
    assert stats["difficulty_p"].tolist() == pytest.approx([0.75, 0.5, 0.25])
    assert stats["discrimination_r"].tolist() == pytest.approx([SQRT_3_11, 1 / math.sqrt(2),
                                                                 SQRT_3_11])
    assert stats["upper_lower_index"].tolist() == pytest.approx([1.0, 1.0, 1.0])
    assert stats["quality"].tolist() == ["very good"] * 3
    assert stats["too_hard"].tolist() == [False, False, True]
    assert not stats["too_easy"].any() and not stats["negative_discrimination"].any()


def test_pre_window_is_used_when_asked(guttman: pd.DataFrame) -> None:
    # pre = 1 - post: p flips to .25, .5, .75
    assert item_statistics(guttman, "pre")["difficulty_p"].tolist() == pytest.approx(
        [0.25, 0.5, 0.75])


def test_alpha_equals_hand_kr20(guttman: pd.DataFrame) -> None:
    x = np.array(list(GUTTMAN.values()), dtype=float).T  # students x items
    k = x.shape[1]
    p = x.mean(axis=0)
    kr20 = k / (k - 1) * (1 - (p * (1 - p)).sum() / x.sum(axis=1).var(ddof=0))
    assert kr20 == pytest.approx(0.75)
    assert cronbach_alpha(guttman) == pytest.approx(kr20)


# Partial credit, 5 students:
#        P1(2) P2(1) P3(3) | total (of 6)
#   A      2     1     3   | 6
#   B      2     0     2   | 4
#   C      1     1     2   | 4
#   D      1     0     1   | 2
#   E      0     0     0   | 0
# p: P1 6/(5*2)=.6, P2 2/5=.4, P3 8/(5*3)=.5333
# P2 item-rest: x=[1,0,1,0,0], rest=P1+P3=[5,4,3,2,0]; dx=[.6,-.4,.6,-.4,-.4],
#   dy=[2.2,1.2,.2,-.8,-2.8]; Sxy=1.32-.48+.12+.32+1.12=2.4, Sxx=1.2, Syy=14.8
#   r = 2.4/sqrt(17.76) = .56950
# alpha: var P1 = 2.8/4 = .7, P2 = 1.2/4 = .3, P3 = 5.2/4 = 1.3 -> sum 2.3
#   totals [6,4,4,2,0] var 20.8/4 = 5.2 -> alpha = 1.5 * (1 - 2.3/5.2) = .836538
PARTIAL = {"P1": [2, 2, 1, 1, 0], "P2": [1, 0, 1, 0, 0], "P3": [3, 2, 2, 1, 0]}
PARTIAL_POSSIBLE = {"P1": 2.0, "P2": 1.0, "P3": 3.0}
STUDENTS5 = ["A", "B", "C", "D", "E"]


def test_partial_credit_items() -> None:
    items = long_rows(PARTIAL, STUDENTS5, possible=PARTIAL_POSSIBLE,
                      standards={"P1": "N.1", "P2": "N.2", "P3": "N.2"})
    stats = item_statistics(items).set_index("item_id")
    assert stats["difficulty_p"].tolist() == pytest.approx([0.6, 0.4, 8 / 15])
    assert stats.loc["P2", "discrimination_r"] == pytest.approx(2.4 / math.sqrt(17.76))
    assert stats.loc["P2", "quality"] == "very good"
    assert cronbach_alpha(items) == pytest.approx(1.5 * (1 - 2.3 / 5.2))
    # Blueprint: N.1 one item, 2 points (2/6); N.2 two items, 4 points (4/6).
    blueprint = standard_blueprint(items)
    assert blueprint["standard"].tolist() == ["N.1", "N.2"]
    assert blueprint["n_items"].tolist() == [1, 2]
    assert blueprint["total_points"].tolist() == pytest.approx([2.0, 4.0])
    assert blueprint["share_of_points"].tolist() == pytest.approx([1 / 3, 2 / 3])


def test_upper_lower_index_with_27_percent_groups() -> None:
    # 10 students s0..s9; D (0..9 of 9 points) orders them; X is 0/1.
    #   X     = [0,1,0,0,1,1,0,1,1,1]; total = D + X = [0,2,2,3,5,6,6,8,9,10]
    # g = round(2.7) = 3: bottom s0,s1,s2, top s7,s8,s9.
    #   X: top mean 1, bottom 1/3 -> .6667; D: (7+8+9)/27 - (0+1+2)/27 = 21/27 = .7778
    students = [f"s{i}" for i in range(10)]
    items = long_rows({"D": list(range(10)), "X": [0, 1, 0, 0, 1, 1, 0, 1, 1, 1]}, students,
                      possible={"D": 9.0})
    stats = item_statistics(items).set_index("item_id")
    assert stats.loc["X", "upper_lower_index"] == pytest.approx(2 / 3)
    assert stats.loc["D", "upper_lower_index"] == pytest.approx(21 / 27)


# Guttman items plus N = [0,0,1,1]: rest for N = old totals [3,2,1,0]
#   dx=[-.5,-.5,.5,.5], dy=[1.5,.5,-.5,-1.5]; Sxy=-2, Sxx=1, Syy=5 -> r = -2/sqrt(5) = -.8944
NEGATIVE = {**GUTTMAN, "N": [0, 0, 1, 1]}


def test_negative_discrimination_is_flagged_and_described() -> None:
    items = long_rows(NEGATIVE, STUDENTS4)
    stats = item_statistics(items).set_index("item_id")
    assert stats.loc["N", "discrimination_r"] == pytest.approx(-2 / math.sqrt(5))
    assert stats.loc["N", "negative_discrimination"]
    assert stats.loc["N", "quality"] == NEGATIVE_LABEL
    summary = assessment_quality_summary(items)
    assert summary["flagged"]["negative_discrimination"] == ["N"]
    text = describe_assessment(summary)
    assert "answer key for N" in text


def test_zero_variance_item_gives_nan_not_crash() -> None:
    items = long_rows({**GUTTMAN, "E": [1, 1, 1, 1]}, STUDENTS4)
    stats = item_statistics(items).set_index("item_id")
    assert stats.loc["E", "difficulty_p"] == 1.0
    assert math.isnan(stats.loc["E", "discrimination_r"])
    assert stats.loc["E", "quality"] == UNDEFINED_LABEL
    assert stats.loc["E", "too_easy"] and not stats.loc["E", "negative_discrimination"]
    # A constant item adds 0 to both variances' sums... alpha stays defined.
    assert math.isfinite(cronbach_alpha(items))


def test_all_items_constant_gives_nan_alpha() -> None:
    items = long_rows({"Q1": [1, 1, 1], "Q2": [0, 0, 0]}, ["a", "b", "c"])
    assert math.isnan(cronbach_alpha(items))
    assert assessment_quality_summary(items)["alpha"] is None


def test_one_item_or_one_student_edge_cases() -> None:
    one_item = long_rows({"Q1": [1, 0, 1]}, ["a", "b", "c"])
    assert math.isnan(cronbach_alpha(one_item))
    assert math.isnan(item_statistics(one_item)["discrimination_r"].iloc[0])
    one_student = long_rows(GUTTMAN, ["s1"])
    stats = item_statistics(one_student)
    assert stats["difficulty_p"].tolist() == [1.0, 1.0, 1.0]
    assert stats[["discrimination_r", "upper_lower_index"]].isna().all().all()
    assert math.isnan(cronbach_alpha(one_student))


def test_listwise_alpha_reports_n_used(guttman: pd.DataFrame) -> None:
    # Drop s2's Q3 (points NaN = not answered): alpha on s1, s3, s4 only:
    #   Q1 [1,1,0] var 1/3, Q2 [1,0,0] 1/3, Q3 [1,0,0] 1/3 -> sum 1; totals [3,1,0] var 7/3
    #   alpha = 3/2 * (1 - 3/7) = 6/7
    mask = (guttman["window"] == "post") & (guttman["student_id"] == "s2") & (
        guttman["item_id"] == "Q3")
    items = guttman.assign(points=guttman["points"].mask(mask))
    assert cronbach_alpha(items) == pytest.approx(6 / 7)
    summary = assessment_quality_summary(items)
    assert (summary["n_students"], summary["n_students_alpha"]) == (4, 3)
    assert item_statistics(items)["n"].tolist() == [4, 4, 3]


def test_min_group_size_suppresses(guttman: pd.DataFrame) -> None:
    stats = item_statistics(guttman, min_group_size=5)
    assert stats[["difficulty_p", "discrimination_r", "upper_lower_index"]].isna().all().all()
    assert not stats[["too_easy", "too_hard", "negative_discrimination"]].any().any()
    assert math.isnan(cronbach_alpha(guttman, min_group_size=5))


def test_summary_is_plain_json(guttman: pd.DataFrame) -> None:
    summary = assessment_quality_summary(guttman)
    assert json.loads(json.dumps(summary, allow_nan=False)) == summary
    assert summary["alpha"] == pytest.approx(0.75)
    assert (summary["n_students"], summary["n_items"]) == (4, 3)
    assert summary["flagged"] == {"too_easy": [], "too_hard": ["Q3"],
                                  "negative_discrimination": []}


def test_describe_gives_band_and_advice(guttman: pd.DataFrame) -> None:
    text = describe_assessment(assessment_quality_summary(guttman))
    assert text.startswith("Alpha is 0.75 (4 students who answered all 3 items), acceptable")
    assert "rules of thumb" in text and "Q3" in text and "30%" in text
    assert 2 <= text.count(". ") + 1 <= 3
    assert [band[1] for band in ALPHA_RULES_OF_THUMB] == ["good", "acceptable", "questionable",
                                                           "low"]
    quiet = describe_assessment({"alpha": None, "n_students_alpha": 0, "n_items": 1,
                                 "thresholds": {"too_easy_above": 0.9, "too_hard_below": 0.3},
                                 "flagged": {"too_easy": [], "too_hard": [],
                                             "negative_discrimination": []}})
    assert quiet.startswith("Alpha could not be computed") and "No item was flagged" in quiet


def test_discrimination_quality_bands() -> None:
    assert [discrimination_quality(r) for r in (0.45, 0.40, 0.35, 0.25, 0.1, 0.0, -0.01)] == [
        "very good", "very good", "reasonably good", "marginal", "poor", "poor", NEGATIVE_LABEL]
    assert discrimination_quality(float("nan")) == UNDEFINED_LABEL
    # Banded on the two-decimal value a coach reads: 0.3999 shows as 0.40 -> very good.
    assert discrimination_quality(0.3999) == "very good"
    assert discrimination_quality(-0.004) == NEGATIVE_LABEL  # any r < 0, like the flag


def test_describe_names_several_items_and_bands_rounded_alpha() -> None:
    summary = {"alpha": 0.6996, "n_students_alpha": 30, "n_items": 12,
               "thresholds": {"too_easy_above": 0.9, "too_hard_below": 0.3},
               "flagged": {"too_easy": ["Q6"], "too_hard": ["Q1", "Q5"],
                           "negative_discrimination": ["Q6", "Q8"]}}
    text = describe_assessment(summary)
    assert "Alpha is 0.70" in text and "acceptable" in text  # 0.6996 reads as 0.70
    assert "answer key for Q6 and Q8" in text and "miss them" in text
    assert "Too easy (over 90% of points earned" in text and "Q1 and Q5" in text
    assert text.count(". ") + 1 == 3


# Distractors: 4 students, Guttman totals (as proportions of 3 points): s1 1, s2 2/3, s3 1/3, s4 0
#   Q1 key A: s1 A, s2 A, s3 A, s4 C -> A 3 (.75, mean (1+2/3+1/3)/3 = 2/3, key), C 1 (.25, 0)
#   Q2 key B: s1 B, s2 B, s3 D, s4 D -> B 2 (.5, mean 5/6), D 2 (.5, mean 1/6)
#   Q3 key C: s1 C, s2 D, s3 D, s4 D -> C 1 (.25, 1), D 3 (.75, mean 1/3)
RESPONSES = {"Q1": ["A", "A", "a ", "C"], "Q2": ["B", "B", "D", "D"], "Q3": ["C", "D", "D", "D"]}
KEYS = {"Q1": "A", "Q2": "B", "Q3": "C"}


def with_responses(keys: dict[str, str] | None) -> pd.DataFrame:
    items = long_rows(GUTTMAN, STUDENTS4)
    items["response"] = [RESPONSES[i][STUDENTS4.index(s)]
                         for i, s in zip(items["item_id"], items["student_id"])]
    if keys is not None:
        items["key"] = items["item_id"].map(keys)
    return items


@pytest.mark.parametrize("keys", [KEYS, None], ids=["key column", "key inferred"])
def test_distractor_table_counts(keys: dict[str, str] | None) -> None:
    table = distractor_table(with_responses(keys))
    assert table is not None
    assert list(zip(table["item_id"], table["option"], table["count"], table["is_key"])) == [
        ("Q1", "A", 3, True), ("Q1", "C", 1, False), ("Q2", "B", 2, True),
        ("Q2", "D", 2, False), ("Q3", "C", 1, True), ("Q3", "D", 3, False)]
    assert table["proportion"].tolist() == pytest.approx([0.75, 0.25, 0.5, 0.5, 0.25, 0.75])
    assert table["mean_total_proportion"].tolist() == pytest.approx(
        [2 / 3, 0.0, 5 / 6, 1 / 6, 1.0, 1 / 3])
    assert "student_id" not in table.columns


def test_distractor_table_unchosen_key_and_small_groups() -> None:
    # Q1's key changed to B, which nobody chose: a row with count 0 appears.
    table = distractor_table(with_responses({**KEYS, "Q1": "B"}), min_group_size=2)
    assert table is not None
    q1 = table.loc[table["item_id"] == "Q1"]
    assert list(zip(q1["option"], q1["count"], q1["is_key"])) == [
        ("A", 3, False), ("B", 0, True), ("C", 1, False)]
    # Options chosen by fewer than 2 students have their mean suppressed.
    assert table.loc[table["count"] < 2, "mean_total_proportion"].isna().all()


def test_distractor_table_none_without_responses(guttman: pd.DataFrame) -> None:
    assert distractor_table(guttman) is None
    assert distractor_table(guttman.assign(response=np.nan)) is None


def test_user_errors_name_column_window_and_row(guttman: pd.DataFrame) -> None:
    with pytest.raises(DataProblemsError, match="column 'points_possible'"):
        item_statistics(guttman.drop(columns="points_possible"))
    with pytest.raises(DataProblemsError, match="windows in the file: pre, post"):
        item_statistics(guttman, "mid")
    with pytest.raises(DataProblemsError, match="no scored item rows"):
        cronbach_alpha(guttman.iloc[0:0])
    doubled = pd.concat([guttman, guttman.iloc[[12]]], ignore_index=True)  # new index 24
    with pytest.raises(DataProblemsError, match="row 26.*second row for student s1"):
        item_statistics(doubled)
    too_many = guttman.copy()
    too_many.loc[13, "points"] = 2.0
    with pytest.raises(DataProblemsError, match="row 15, column 'points'"):
        standard_blueprint(too_many)


def test_item_map_figure(guttman: pd.DataFrame) -> None:
    items = pd.concat([guttman, long_rows({"E": [1, 1, 1, 1]}, STUDENTS4)], ignore_index=True)
    fig = item_map_figure(item_statistics(items))
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    labels = {t.get_text() for t in ax.texts}
    assert {"Q1", "Q2", "Q3"} <= labels and "E" not in labels
    assert any("Not shown" in t.get_text() and "E" in t.get_text() for t in fig.texts)
    assert ax.get_xlabel().startswith("Difficulty") and ax.get_legend() is not None
    empty = item_map_figure(item_statistics(long_rows({"E": [1, 1]}, ["a", "b"])))
    assert any(t.get_text() == "No items to show" for t in empty.axes[0].texts)
