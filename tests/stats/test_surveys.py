"""Perception surveys: scoring, suppression, change, counts, words and the diverging chart.

Every expected number below is worked out by hand in a comment next to it.
"""

from __future__ import annotations

import json
import math

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from datadriver_utils.charts.surveys import diverging_bar_figure
from datadriver_utils.errors import DataProblemsError
from datadriver_utils.stats.survey_scoring import order_administrations, score_responses
from datadriver_utils.stats.surveys import (
    DEFAULT_MIN_RESPONDENTS,
    TOO_FEW,
    administration_status,
    construct_change,
    construct_scores,
    describe_survey_changes,
    item_distribution,
    min_respondents_for,
    response_counts,
    survey_minimums,
    survey_summary,
)

nan = np.nan
MINIMUMS = {"student_voice": 3, "peer_feedback": 4, "culture": 2}


def make_items() -> pd.DataFrame:
    rows = [
        ("student_voice", "sv1", "belonging", "I feel I belong in this class", 1, 5, False),
        ("student_voice", "sv2", "belonging", "I feel left out in this class", 1, 5, True),
        ("student_voice", "sv3", "challenge", "My teacher pushes me to think hard", 1, 4, False),
        ("student_voice", "sv4", "challenge", "The work is too easy", 1, 4, True),
        ("peer_feedback", "pf1", "impact", "The cycle changed my students' learning", 1, 5, False),
        ("culture", "c1", "trust", "I can share a lesson that went badly", 1, 4, False),
    ]
    cols = ["survey", "item", "construct", "item_text", "scale_min", "scale_max", "reverse_scored"]
    return pd.DataFrame(rows, columns=cols).astype({"scale_min": float, "scale_max": float})


def make_responses() -> pd.DataFrame:
    sv, pf, cu = "student_voice", "peer_feedback", "culture"
    rows = [
        # student voice, pre: belonging (sv1, sv2 reversed; 1-5), challenge (sv3, sv4 reversed; 1-4)
        (sv, "pre", "RID-s1", "sv1", 5), (sv, "pre", "RID-s1", "sv2", 2),
        (sv, "pre", "RID-s2", "sv1", 3), (sv, "pre", "RID-s2", "sv2", nan),
        (sv, "pre", "RID-s3", "sv1", 4), (sv, "pre", "RID-s3", "sv2", 4),
        (sv, "pre", "RID-s1", "sv3", 4), (sv, "pre", "RID-s1", "sv4", 1),
        (sv, "pre", "RID-s2", "sv3", 2), (sv, "pre", "RID-s2", "sv4", 3),
        (sv, "pre", "RID-s3", "sv3", 3), (sv, "pre", "RID-s3", "sv4", nan),
        # student voice, post: belonging only; s4 skipped everything
        (sv, "post", "RID-s1", "sv1", 5), (sv, "post", "RID-s1", "sv2", 1),
        (sv, "post", "RID-s2", "sv1", 4), (sv, "post", "RID-s2", "sv2", 2),
        (sv, "post", "RID-s3", "sv1", 3), (sv, "post", "RID-s3", "sv2", 3),
        (sv, "post", "RID-s4", "sv1", nan), (sv, "post", "RID-s4", "sv2", nan),
        # culture: the later date comes first in the file on purpose
        (cu, "2026-03-01", "RID-t1", "c1", 4), (cu, "2026-03-01", "RID-t2", "c1", 3),
        (cu, "2026-03-01", "RID-t3", "c1", 3),
        (cu, "2025-09-01", "RID-t1", "c1", 3), (cu, "2025-09-01", "RID-t2", "c1", 2),
        # peer feedback: three peers, below the credential's four
        (pf, "spring", "RID-p1", "pf1", 5), (pf, "spring", "RID-p2", "pf1", 4),
        (pf, "spring", "RID-p3", "pf1", 2),
    ]
    cols = ["survey", "administration", "respondent", "item", "response"]
    return pd.DataFrame(rows, columns=cols).astype({"response": float})


@pytest.fixture()
def scored() -> pd.DataFrame:
    return score_responses(make_responses(), make_items())


def row(frame: pd.DataFrame, **where: object) -> pd.Series:
    mask = np.logical_and.reduce([frame[k] == v for k, v in where.items()])
    found = frame[mask]
    assert len(found) == 1, found
    return found.iloc[0]


# --- scoring -------------------------------------------------------------------------------


def test_reverse_scoring_on_a_1_to_5_scale(scored: pd.DataFrame) -> None:
    sv2 = scored[(scored["item"] == "sv2")].dropna(subset=["response"])
    # 1 + 5 - response: 1 -> 5, 2 -> 4, 3 -> 3, 4 -> 2; favourable means scored > 3
    assert dict(zip(sv2["response"], sv2["scored"])) == {1: 5, 2: 4, 3: 3, 4: 2}
    got = dict(zip(sv2["scored"], sv2["favourable"]))
    assert got == {5: True, 4: True, 3: False, 2: False}


def test_reverse_scoring_on_a_1_to_4_scale(scored: pd.DataFrame) -> None:
    sv4 = scored[(scored["item"] == "sv4")].dropna(subset=["response"])
    # 1 + 4 - response: 1 -> 4, 3 -> 2; favourable means scored > 2.5
    assert dict(zip(sv4["response"], sv4["scored"])) == {1: 4, 3: 2}
    assert dict(zip(sv4["scored"], sv4["favourable"])) == {4: True, 2: False}
    sv3 = scored[scored["item"] == "sv3"]  # not reversed: 3 is favourable on 1-4, 2 is not
    assert dict(zip(sv3["scored"], sv3["favourable"])) == {4: True, 2: False, 3: True}


def test_skipped_responses_stay_missing(scored: pd.DataFrame) -> None:
    skipped = scored[scored["response"].isna()]
    assert len(skipped) == 4  # s2 sv2 pre, s3 sv4 pre, s4 sv1 and sv2 post
    assert skipped["scored"].isna().all()
    assert skipped["favourable"].isna().all()


def test_score_responses_names_unknown_items_and_off_scale_answers() -> None:
    bad = make_responses()
    bad.loc[2, "item"] = "sv9"  # spreadsheet row 4
    bad.loc[5, "response"] = 6.0  # sv2 is on 1-5; spreadsheet row 7
    bad.loc[6, "response"] = 2.5  # not a whole number; spreadsheet row 8
    with pytest.raises(DataProblemsError) as caught:
        score_responses(bad, make_items())
    rows = {(p.row, p.column) for p in caught.value.problems}
    assert rows == {(4, "item"), (7, "response"), (8, "response")}
    assert "sv9" in str(caught.value) and "from 1 to 5" in str(caught.value)


def test_items_of_one_construct_must_share_a_scale() -> None:
    items = make_items()
    items.loc[1, "scale_max"] = 7.0  # sv2 (belonging) now 1-7 while sv1 is 1-5
    with pytest.raises(DataProblemsError) as caught:
        score_responses(make_responses(), items)
    assert [(p.file, p.column, p.value) for p in caught.value.problems] == [
        ("survey_items.csv", "construct", "belonging")]


# --- administration order ------------------------------------------------------------------


def test_default_order_is_time_order_never_alphabetical() -> None:
    # contract.windows.order_windows: labels without a year first (baseline and pre at the start,
    # post at the end), then by school year; labels that say nothing about time keep their place
    labels = ["2026-03-01", "post", "baseline", "2025-09-01", "pre", "2025-10-15", "circle 2", "circle 1"]
    assert order_administrations(labels) == [
        "baseline", "pre", "post", "2025-09-01", "2025-10-15", "2026-03-01", "circle 2", "circle 1"]
    assert order_administrations(["fall 2025", "spring 2025"]) == ["spring 2025", "fall 2025"]


def test_dates_are_ordered_as_dates_in_scored_data(scored: pd.DataFrame) -> None:
    culture = scored[scored["survey"] == "culture"].drop_duplicates("administration")
    first, later = culture.sort_values("administration_order")["administration"]
    assert (first, later) == ("2025-09-01", "2026-03-01")


def test_a_given_order_wins_and_unknown_labels_are_named() -> None:
    assert order_administrations(["pre", "post"], order=["post", "pre"]) == ["post", "pre"]
    order = ["pre", "post", "2025-09-01", "2026-03-01"]  # "spring" left out
    with pytest.raises(DataProblemsError) as caught:
        score_responses(make_responses(), make_items(), order=order)
    (problem,) = caught.value.problems
    assert (problem.row, problem.column, problem.value) == (27, "administration", "spring")
    with pytest.raises(ValueError):
        order_administrations(["pre", "mid"], order=["pre"])


# --- construct scores ----------------------------------------------------------------------


def test_construct_means_and_percent_favourable(scored: pd.DataFrame) -> None:
    scores = construct_scores(scored, MINIMUMS)
    pre = row(scores, survey="student_voice", administration="pre", construct="belonging")
    # person means: s1 (5, 4) = 4.5; s2 (3) = 3.0; s3 (4, 2) = 3.0 -> (4.5 + 3 + 3) / 3 = 3.5
    # (pooling the five answers would give 18 / 5 = 3.6, which is not what we report)
    # favourable answers: 5, 4, 4 of 5, 3, 4, 4, 2 -> 3 / 5 = 60 %
    assert pre["mean_score"] == pytest.approx(3.5)
    assert pre["pct_favourable"] == pytest.approx(60.0)
    assert pre["n_respondents"] == 3 and pre["status"] == "ok"
    post = row(scores, survey="student_voice", administration="post", construct="belonging")
    # s1 (5, 5) = 5, s2 (4, 4) = 4, s3 (3, 3) = 3 -> 4.0; favourable 4 of 6 = 66.67 %; s4 skipped
    assert post["mean_score"] == pytest.approx(4.0)
    assert post["pct_favourable"] == pytest.approx(400 / 6)
    assert post["n_respondents"] == 3
    challenge = row(scores, survey="student_voice", construct="challenge")
    # s1 (4, 4) = 4, s2 (2, 2) = 2, s3 (3) = 3 -> 3.0; favourable 4, 4, 3 of 5 = 60 %
    assert challenge["mean_score"] == pytest.approx(3.0)
    assert challenge["pct_favourable"] == pytest.approx(60.0)
    later = row(scores, survey="culture", administration="2026-03-01")
    # (4 + 3 + 3) / 3 = 3.333; all three > 2.5 -> 100 %
    assert later["mean_score"] == pytest.approx(10 / 3)
    assert later["pct_favourable"] == pytest.approx(100.0)


def test_results_are_in_administration_order(scored: pd.DataFrame) -> None:
    scores = construct_scores(scored, MINIMUMS)
    sv = scores[scores["survey"] == "student_voice"]
    assert list(sv["administration"]) == ["pre", "pre", "post"]


def test_suppression_below_the_minimum(scored: pd.DataFrame) -> None:
    scores = construct_scores(scored, 4)  # every administration here has 2 or 3 respondents
    assert (scores["status"] == TOO_FEW).all()
    assert scores["mean_score"].isna().all() and scores["pct_favourable"].isna().all()
    assert scores["n_respondents"].isna().all()
    assert set(scores["n_band"]) == {"fewer than 4"}
    # exactly at the minimum is reported: three students, minimum three
    ok = construct_scores(scored, 3)
    assert row(ok, survey="student_voice", administration="pre", construct="belonging")[
        "status"] == "ok"


def test_peer_feedback_needs_four_respondents(scored: pd.DataFrame) -> None:
    assert min_respondents_for("peer_feedback", 10) == 4 == DEFAULT_MIN_RESPONDENTS["peer_feedback"]
    assert min_respondents_for("peer_feedback", 2) == 4
    assert min_respondents_for("culture", 10) == 10
    with pytest.raises(ValueError):
        min_respondents_for("culture", 0)
    minimums = {s: min_respondents_for(s, 3) for s in scored["survey"].unique()}
    peer = row(construct_scores(scored, minimums), survey="peer_feedback")
    assert peer["status"] == TOO_FEW and math.isnan(peer["mean_score"])  # 3 peers < 4


def test_survey_minimums_can_be_raised_never_lowered() -> None:
    named = ["culture", "peer_feedback", "culture", "student_voice"]
    assert survey_minimums(named, 10) == {"culture": 10, "peer_feedback": 4, "student_voice": 10}
    # at least 6: culture and student voice stay at 10, peer feedback rises from 4 to 6
    assert survey_minimums(named, 10, at_least=6) == {"culture": 10, "peer_feedback": 6, "student_voice": 10}
    assert survey_minimums(named, 10, at_least=2) == survey_minimums(named, 10)
    with pytest.raises(ValueError):
        survey_minimums(named, 10, at_least=0)


def test_a_missing_minimum_is_an_error(scored: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="peer_feedback"):
        construct_scores(scored, {"student_voice": 3, "culture": 2})


def test_construct_is_suppressed_when_its_own_count_is_small() -> None:
    responses = make_responses()
    # s1 and s2 skip both challenge items at pre: only s3 answered challenge
    skip = (responses["item"].isin(["sv3", "sv4"])) & responses["respondent"].isin(
        ["RID-s1", "RID-s2"])
    responses.loc[skip, "response"] = nan
    scores = construct_scores(score_responses(responses, make_items()), 3)
    assert row(scores, survey="student_voice", construct="challenge")["status"] == TOO_FEW
    assert row(scores, survey="student_voice", administration="pre",
               construct="belonging")["status"] == "ok"


# --- change --------------------------------------------------------------------------------


def test_change_from_first_to_latest(scored: pd.DataFrame) -> None:
    changes = construct_change(construct_scores(scored, MINIMUMS))
    belonging = row(changes, survey="student_voice", construct="belonging")
    # mean 3.5 -> 4.0 = +0.5; favourable 60 % -> 66.67 % = +6.67 points
    assert belonging[["first_administration", "latest_administration"]].tolist() == ["pre", "post"]
    assert belonging["mean_change"] == pytest.approx(0.5)
    assert belonging["pct_favourable_change"] == pytest.approx(400 / 6 - 60)
    trust = row(changes, survey="culture", construct="trust")
    # 2025-09-01: (3 + 2) / 2 = 2.5, 1 of 2 = 50 %; 2026-03-01: 3.333, 100 % -> +0.833, +50
    assert trust["first_administration"] == "2025-09-01"
    assert trust["mean_change"] == pytest.approx(10 / 3 - 2.5)
    assert trust["pct_favourable_change"] == pytest.approx(50.0)
    challenge = row(changes, survey="student_voice", construct="challenge")
    assert challenge["status"] == "one administration" and math.isnan(challenge["mean_change"])


def test_change_is_missing_when_either_side_is_suppressed(scored: pd.DataFrame) -> None:
    minimums = {**MINIMUMS, "culture": 3}  # 2025-09-01 has 2 colleagues, 2026-03-01 has 3
    trust = row(construct_change(construct_scores(scored, minimums)), survey="culture")
    assert (trust["first_status"], trust["latest_status"]) == (TOO_FEW, "ok")
    assert trust["status"] == TOO_FEW
    assert math.isnan(trust["mean_change"]) and math.isnan(trust["pct_favourable_change"])
    assert trust["latest_pct_favourable"] == pytest.approx(100.0)


# --- counts --------------------------------------------------------------------------------


def test_response_counts_and_rates() -> None:
    invited = {("student_voice", "pre"): 4, ("student_voice", "post"): 5,
               ("peer_feedback", "fall"): 6}
    counts = response_counts(make_responses(), invited)
    # pre 3 of 4 = 75 %; post 3 of 5 = 60 % (s4 skipped every item, so does not count)
    assert row(counts, administration="pre")["response_rate_pct"] == pytest.approx(75.0)
    post = row(counts, administration="post")
    assert (post["n_respondents"], post["response_rate_pct"]) == (3, pytest.approx(60.0))
    fall = row(counts, administration="fall")  # invited, nobody answered yet
    assert (fall["n_respondents"], fall["response_rate_pct"]) == (0, 0.0)
    assert math.isnan(row(counts, administration="spring")["response_rate_pct"])  # not known
    assert list(counts.loc[counts["survey"] == "culture", "administration"]) == [
        "2025-09-01", "2026-03-01"]
    shared = administration_status(counts, MINIMUMS)
    fall = row(shared, administration="fall")
    assert fall["status"] == TOO_FEW and pd.isna(fall["n_respondents"])
    assert math.isnan(fall["response_rate_pct"]) and fall["n_band"] == "fewer than 4"
    assert row(shared, administration="pre")["response_rate_pct"] == pytest.approx(75.0)


def test_response_counts_follow_a_given_order_and_name_missing_rows() -> None:
    order = ["post", "pre", "2026-03-01", "2025-09-01", "spring"]
    counts = response_counts(make_responses(), order=order)
    student_voice = counts[counts["survey"] == "student_voice"]
    assert list(student_voice["administration"]) == ["post", "pre"]
    with pytest.raises(DataProblemsError) as caught:
        response_counts(make_responses(), order=order[:-1])
    assert [p.row for p in caught.value.problems] == [27]  # first "spring" row: index 25 + 2


def test_more_respondents_than_invited_is_a_data_problem() -> None:
    with pytest.raises(DataProblemsError, match="3 people responded but 2 were invited"):
        response_counts(make_responses(), {("culture", "2026-03-01"): 2})


# --- item distribution ---------------------------------------------------------------------


def test_item_distribution_counts_per_scale_point(scored: pd.DataFrame) -> None:
    dist = item_distribution(scored, MINIMUMS)
    sv1 = dist[(dist["item"] == "sv1") & (dist["administration"] == "pre")]
    # answers 5, 3, 4 -> points 1..5 get 0, 0, 1, 1, 1 -> 0, 0, 33.3, 33.3, 33.3 %
    assert list(sv1["count"]) == [0, 0, 1, 1, 1]
    assert list(sv1["percent"]) == pytest.approx([0, 0, 100 / 3, 100 / 3, 100 / 3])
    assert list(sv1["side"]) == ["negative", "negative", "neutral", "positive", "positive"]
    sv3 = dist[dist["item"] == "sv3"]  # 1-4 scale: no neutral point
    assert list(sv3["side"]) == ["negative", "negative", "positive", "positive"]
    # sv2 at pre had two answers (s2 skipped): suppressed although the administration had three
    sv2 = dist[(dist["item"] == "sv2") & (dist["administration"] == "pre")]
    assert (sv2["status"] == TOO_FEW).all() and sv2["count"].isna().all()
    assert sv2["percent"].isna().all()


# --- privacy, JSON, words ------------------------------------------------------------------


def test_no_respondent_id_in_any_aggregate(scored: pd.DataFrame) -> None:
    scores = construct_scores(scored, MINIMUMS)
    changes = construct_change(scores)
    counts = response_counts(make_responses(), {("student_voice", "pre"): 4})
    admins = administration_status(counts, MINIMUMS)
    dist = item_distribution(scored, MINIMUMS)
    for frame in (scores, changes, counts, admins, dist):
        assert "respondent" not in frame.columns
        assert "RID-" not in frame.to_csv()
    assert "RID-" not in json.dumps(survey_summary(admins, changes))
    assert "RID-" not in describe_survey_changes(changes, admins)
    fig = diverging_bar_figure(dist, make_items())
    texts = [t.get_text() for ax in fig.axes for t in ax.texts + ax.get_yticklabels()]
    assert not any("RID-" in t for t in texts)


def test_survey_summary_is_plain_json(scored: pd.DataFrame) -> None:
    changes = construct_change(construct_scores(scored, MINIMUMS))
    admins = administration_status(response_counts(make_responses()), MINIMUMS)
    summary = survey_summary(admins, changes)
    assert json.loads(json.dumps(summary, allow_nan=False)) == summary
    sv = summary["surveys"]["student_voice"]
    assert [a["administration"] for a in sv["administrations"]] == ["pre", "post"]
    assert sv["administrations"][0]["n_respondents"] == 3
    assert type(sv["administrations"][0]["n_respondents"]) is int
    peer = summary["surveys"]["peer_feedback"]["administrations"][0]
    assert (peer["n_respondents"], peer["n_band"], peer["status"]) == (
        None, "fewer than 4", TOO_FEW)
    belonging = next(c for c in sv["construct_changes"] if c["construct"] == "belonging")
    assert belonging["mean_change"] == pytest.approx(0.5)


def test_describe_survey_changes_in_plain_words(scored: pd.DataFrame) -> None:
    changes = construct_change(construct_scores(scored, MINIMUMS))
    admins = administration_status(response_counts(make_responses()), MINIMUMS)
    text = describe_survey_changes(changes, admins)
    # 60 % -> 66.67 % rounds to 67 %; 50 % -> 100 %
    assert ("Belonging rose from 60% to 67% favourable between pre and post "
            "(3 and 3 students).") in text
    assert ("Trust rose from 50% to 100% favourable between 2025-09-01 and 2026-03-01 "
            "(2 and 3 colleagues).") in text
    assert ("The spring administration had too few responses to report "
            "(fewer than 4 peers).") in text
    assert "Challenge: 60% favourable at pre (3 students)" in text


def test_describe_says_fell_and_stayed() -> None:
    changes = pd.DataFrame({
        "survey": ["culture", "culture"], "construct": ["trust", "learning"],
        "first_administration": ["pre", "pre"], "latest_administration": ["post", "post"],
        "first_n_respondents": [12, 12], "first_n_band": ["12", "12"],
        "first_pct_favourable": [75.0, 50.2], "first_status": ["ok", "ok"],
        "latest_n_respondents": [11, 11], "latest_n_band": ["11", "11"],
        "latest_pct_favourable": [58.0, 49.9], "latest_status": ["ok", "ok"],
        "pct_favourable_change": [-17.0, -0.3], "status": ["ok", "ok"]})
    text = describe_survey_changes(changes)
    assert "Trust fell from 75% to 58% favourable between pre and post (12 and 11 colleagues)." \
        in text
    assert "Learning stayed at 50% favourable between pre and post" in text


# --- edge cases ----------------------------------------------------------------------------


def test_empty_input_gives_empty_tables() -> None:
    scored = score_responses(make_responses().iloc[:0], make_items())
    scores = construct_scores(scored, 3)
    assert scores.empty and "pct_favourable" in scores.columns
    assert construct_change(scores).empty
    assert item_distribution(scored, 3).empty
    assert response_counts(make_responses().iloc[:0]).empty
    assert survey_summary(administration_status(response_counts(scored), 3),
                          construct_change(scores)) == {"surveys": {}}
    assert describe_survey_changes(construct_change(scores)) == ""
    assert isinstance(diverging_bar_figure(item_distribution(scored, 3), make_items()), Figure)


def test_all_equal_answers_and_a_single_row() -> None:
    responses = make_responses()
    responses = responses[responses["survey"] == "culture"].assign(response=3.0)
    scores = construct_scores(score_responses(responses, make_items()), 2)
    assert list(scores["mean_score"]) == [3.0, 3.0]
    assert list(scores["pct_favourable"]) == [100.0, 100.0]  # 3 > 2.5 on a 1-4 scale
    one = construct_scores(score_responses(responses.iloc[:1], make_items()), 1)
    assert (one["n_respondents"].iloc[0], one["mean_score"].iloc[0]) == (1, 3.0)


# --- chart ---------------------------------------------------------------------------------


def test_diverging_bars_put_unfavourable_left_and_split_neutral(scored: pd.DataFrame) -> None:
    dist = item_distribution(scored, MINIMUMS)
    fig = diverging_bar_figure(dist, make_items())
    assert isinstance(fig, Figure)
    culture, peer, student = fig.axes[:3]
    spans = {(round(p.get_x(), 6), round(p.get_width(), 6)) for p in culture.patches}
    # 2025-09-01: one 2 (50 %) left of zero, one 3 (50 %) right of it
    assert (-50.0, 50.0) in spans and (0.0, 50.0) in spans
    # sv1 at pre: 3 (neutral, 33.3 %) starts at -16.7, so 4 starts at +16.7 and 5 at +50
    starts = {round(p.get_x(), 3) for p in student.patches if p.get_width() > 0}
    assert {-16.667, 16.667, 50.0} <= starts
    assert any(t.get_text() == "too few responses to report" for t in peer.texts)
    labels = [t.get_text() for t in student.get_legend().get_texts()]
    assert "1–5 scale: 3 (neutral)" in labels and "1–4 scale: 4 (most favourable)" in labels
    ticks = [t.get_text() for t in student.get_yticklabels()]
    assert ticks[0] == "I feel I belong in this class — pre"
    assert any("(reverse-scored)" in t for t in ticks)
