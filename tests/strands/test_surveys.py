"""Notebook 15 (surveys): counts, construct scores, changes, chart and summary.json on a tiny team.

Every number is worked out by hand next to the data it comes from.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import pytest

import datadriver_utils as dd
from datadriver_utils.notebook.needs import MissingData
from datadriver_utils.notebook.report import Report
from datadriver_utils.strands import surveys

SMALL_DISTRICT = {"name": "Test District", "school_year": "2025-26", "min_group_size": 2}

SURVEY_ITEMS = (
    "survey,item,construct,item_text,scale_min,scale_max,reverse_scored\n"
    "student_voice,SV1,belonging,I belong.,1,5,no\n"
    "student_voice,SV2,belonging,I feel left out.,1,5,yes\n"
    "peer_feedback,PF1,collaboration,We plan together.,1,4,no\n"
)
# pre:  resp-ann SV1 4, SV2 2 (scored 4); resp-bob SV1 2, SV2 4 (scored 2)
#       favourable (> 3): 2 of 4 answers = 50%; mean of person means (4 + 2) / 2 = 3
# post: resp-ann 5, 1 (5); resp-bob 4, 2 (4); resp-cyd 3, 3 (3, neutral)
#       favourable 4 of 6 = 66.7%; mean (5 + 4 + 3) / 3 = 4
# change: +16.7 points favourable, +1.0 mean.  Peer feedback: 3 peers < 4 -> too few.
SURVEYS = "survey,administration,respondent,item,response\n" + "".join(
    f"student_voice,{adm},{who},SV{i + 1},{v}\n"
    for adm, who, values in [("pre", "resp-ann", (4, 2)), ("pre", "resp-bob", (2, 4)),
                             ("post", "resp-ann", (5, 1)), ("post", "resp-bob", (4, 2)),
                             ("post", "resp-cyd", (3, 3))]
    for i, v in enumerate(values)
) + "".join(f"peer_feedback,post,peer-{n},PF1,3\n" for n in ("x", "y", "z"))


def _open(data_dir: Path, audience: str = "team") -> Report:
    return dd.open_report(data_dir, "t1", audience, data_dir / "summary")


def _survey_team(make_team: Any) -> Path:
    return make_team({"surveys.csv": SURVEYS, "survey_items.csv": SURVEY_ITEMS}, district=SMALL_DISTRICT)


def test_survey_summary_changes(make_team: Any) -> None:
    data_dir = _survey_team(make_team)
    summary = surveys.publish(_open(data_dir))
    assert isinstance(summary, surveys.SurveysSummary)
    change = summary.surveys["student_voice"].construct_changes[0]
    assert change.construct_name == "belonging"
    assert (change.first_mean_score, change.latest_mean_score) == pytest.approx((3.0, 4.0))
    assert change.first_pct_favourable == pytest.approx(50.0)
    assert change.latest_pct_favourable == pytest.approx(200 / 3)
    peer = summary.surveys["peer_feedback"].administrations[0]
    assert peer.status == "too few responses" and peer.n_respondents is None
    assert peer.n_band == "fewer than 4"
    text = (data_dir / "summary" / "surveys.json").read_text(encoding="utf-8")
    written = json.loads(text)["surveys"]["student_voice"]["construct_changes"][0]
    assert written["construct"] == "belonging"
    assert written["latest_pct_favourable"] == 66.7  # 200 / 3, rounded to 0.1
    assert written["pct_favourable_change"] == 16.7  # 50 / 3
    assert written["mean_change"] == 1.0
    assert "resp-" not in text and "peer-" not in text


def test_construct_scores_one_table_per_survey(make_team: Any) -> None:
    scores = surveys.construct_scores(_open(_survey_team(make_team)))
    assert list(scores.tables) == ["peer_feedback", "student_voice"]  # surveys in order of their names
    voice = scores.tables["student_voice"].set_index("administration")
    assert voice.loc["pre", "mean_score"] == pytest.approx(3.0) and voice.loc["pre", "pct_favourable"] == 50.0
    assert voice.loc["post", "mean_score"] == pytest.approx(4.0)
    assert voice.loc["post", "pct_favourable"] == pytest.approx(200 / 3)  # unrounded behind the table
    peer = scores.tables["peer_feedback"].iloc[0]
    assert peer["status"] == "too few responses" and peer["n_band"] == "fewer than 4"


def test_survey_views_never_show_respondents(make_team: Any) -> None:
    report = _open(_survey_team(make_team))
    results = [surveys.response_counts(report), surveys.construct_scores(report),
               surveys.construct_changes(report), surveys.survey_chart(report), surveys.survey_description(report)]
    html = "\n".join(r._repr_html_() for r in results)
    assert "resp-" not in html and "peer-" not in html
    assert "too few responses" in html
    assert "rose from 50% to 67%" in " ".join(results[-1].notices)
    chart = results[3]
    assert isinstance(chart.figure, matplotlib.figure.Figure)
    # student voice: 2 items x 2 administrations; peer feedback: 1 item, its one bar hidden
    assert "student voice survey: 2 item(s) in 2 administration(s) (pre, post)" in chart.parts[0].alt
    assert "peer feedback survey: 1 item(s) in 1 administration(s) (post)" in chart.parts[0].alt
    assert "1 bar(s) marked too few responses to report" in chart.parts[0].alt


def test_response_counts_table_and_minimums(make_team: Any) -> None:
    counts = surveys.response_counts(_open(_survey_team(make_team)))
    table = counts.frame.set_index(["survey", "administration"])
    assert table.loc[("student_voice", "pre"), "n_band"] == "2"
    assert table.loc[("student_voice", "post"), "n_band"] == "3"
    assert table.loc[("peer_feedback", "post"), "n_band"] == "fewer than 4"
    assert "student voice: 2, peer feedback: 4" in counts.notices[0]


def test_survey_minimums(make_team: Any) -> None:
    report = _open(_survey_team(make_team))
    assert surveys.survey_minimums(report) == {"student_voice": 2, "peer_feedback": 4}
    # a coach may ask for more respondents, never for fewer than privacy allows
    assert surveys.survey_minimums(report, 3) == {"student_voice": 3, "peer_feedback": 4}
    assert surveys.survey_minimums(report, 1) == {"student_voice": 2, "peer_feedback": 4}


def test_min_respondents_passes_through(make_team: Any) -> None:
    report = _open(_survey_team(make_team))
    # with at least 3 respondents the 2-person pre administration is hidden, so no change is read
    summary = surveys.summary(report, min_respondents=3)
    voice = summary.surveys["student_voice"]
    assert [(a.administration, a.n_band) for a in voice.administrations] == [("pre", "fewer than 3"), ("post", "3")]
    assert voice.construct_changes[0].status == "too few responses"
    assert voice.construct_changes[0].pct_favourable_change is None
    hidden = surveys.construct_scores(report, min_respondents=3).tables["student_voice"].set_index("administration")
    assert hidden["mean_score"].isna().tolist() == [True, False]
    # the default view is computed separately and once per report
    assert surveys.summary(report).surveys["student_voice"].construct_changes[0].status == "ok"
    assert surveys.construct_scores(report) is surveys.construct_scores(report)


def test_surveys_without_files_say_what_they_need(make_team: Any) -> None:
    data_dir = make_team()
    report = _open(data_dir)
    missing = surveys.construct_scores(report)
    assert isinstance(missing, MissingData) and missing.missing == ["surveys", "survey_items"]
    assert surveys.publish(report) is None
    assert not (data_dir / "summary" / "surveys.json").exists()
