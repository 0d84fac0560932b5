"""Tests of the strand notebooks' show/summary functions on tiny hand-checkable teams."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import pytest

import datadriver_utils as dd
from datadriver_utils.notebook import report as report_module
from datadriver_utils.notebook.report import Report
from datadriver_utils.strands import assessor as strand_assessor
from datadriver_utils.strands import researcher as strand_researcher
from datadriver_utils.strands import surveys as strand_surveys

# Four students, three 1-point items on the post test (0/1 scores):
#   001: Q1=1 Q2=1 Q3=1 (total 3)   002: 1 1 0 (2)   003: 1 0 0 (1)   004: 0 0 0 (0)
# difficulty p: Q1 3/4 = .75, Q2 2/4 = .50, Q3 1/4 = .25 (< .30: too hard)
# alpha: item variances (ddof 1) .25 + 1/3 + .25 = 5/6; totals 3,2,1,0 -> variance 5/3;
#        alpha = 3/2 * (1 - (5/6)/(5/3)) = 1.5 * .5 = .75
STUDENTS = "student_id,grade\n001,7\n002,7\n003,7\n004,7\n"
_SCORES = {"001": (1, 1, 1), "002": (1, 1, 0), "003": (1, 0, 0), "004": (0, 0, 0)}
_KEYS = ("A", "B", "C")
ITEMS = "student_id,window,standard,item_id,points,points_possible,response,key\n" + "".join(
    f"{sid},post,S1,Q{i + 1},{score},1,{_KEYS[i] if score else 'D'},{_KEYS[i]}\n"
    for sid, scores in _SCORES.items() for i, score in enumerate(scores)
)
SMALL_DISTRICT = {"name": "Test District", "school_year": "2025-26", "min_group_size": 2}


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Everything the functions display, in order (HTML objects and figures)."""
    out: list[Any] = []
    for module in (report_module, strand_researcher, strand_surveys):
        monkeypatch.setattr(module, "display", out.append)
    return out


def _html(shown: list[Any]) -> str:
    return "\n".join((obj._repr_html_() if hasattr(obj, "_repr_html_") else getattr(obj, "data", "")) or "" for obj in shown)


def _open(data_dir: Path, audience: str = "team") -> Report:
    return dd.open_report(data_dir, "t1", audience, data_dir / "summary")


# --- assessor ---------------------------------------------------------------------------

def test_item_table_difficulty_and_flags(make_team: Any) -> None:
    report = _open(make_team({"students.csv": STUDENTS, "assessments.csv": ITEMS}))
    items = strand_assessor.item_statistics(report)
    table = items.frame.set_index("item_id")
    assert table["difficulty_p"].tolist() == pytest.approx([0.75, 0.50, 0.25])
    assert table.loc["Q3", "flags"] == "too hard"
    assert table.loc["Q1", "flags"] == ""


def test_publish_assessor_alpha(make_team: Any) -> None:
    data_dir = make_team({"students.csv": STUDENTS, "assessments.csv": ITEMS})
    summary = strand_assessor.publish(_open(data_dir))
    assert summary.alpha == pytest.approx(0.75)
    assert (summary.n_items, summary.n_students) == (3, 4)
    assert summary.flagged["too_hard"] == ["Q3"]
    written = json.loads((data_dir / "summary" / "assessor.json").read_text(encoding="utf-8"))
    assert written["alpha"] == pytest.approx(0.75)


def test_public_assessor_hides_statistics_of_small_groups(make_team: Any, shown: list[Any]) -> None:
    # district minimum group size is 10 and only 4 students answered: nothing computable is shown
    report = _open(make_team({"students.csv": STUDENTS, "assessments.csv": ITEMS}), "public")
    assert strand_assessor.summary(report).alpha is None
    assert strand_assessor.item_statistics(report).frame["difficulty_p"].isna().all()
    shown.append(strand_assessor.distractors(report))
    assert "team view only" in _html(shown)
    assert "Chose it" not in _html(shown)


def test_team_sees_distractors(make_team: Any, shown: list[Any]) -> None:
    report = _open(make_team({"students.csv": STUDENTS, "assessments.csv": ITEMS}))
    shown.append(strand_assessor.distractors(report))
    item_map = strand_assessor.item_map(report)
    shown.append(item_map)
    assert "Chose it (n)" in _html(shown)
    assert isinstance(item_map.figure, matplotlib.figure.Figure)
    assert "Item map of 3 items" in _html(shown) and "Q3" in item_map.parts[0].alt


def test_without_item_id_says_item_rows_are_needed(make_team: Any, shown: list[Any]) -> None:
    data_dir = make_team()  # standard-level rows only
    report = _open(data_dir)
    shown.extend([strand_assessor.item_statistics(report), strand_assessor.item_map(report)])
    assert _html(shown).count("item-level rows") == 2
    assert strand_assessor.publish(report) is None
    assert not (data_dir / "summary" / "assessor.json").exists()


# --- researcher -------------------------------------------------------------------------

PDSA = (
    "cycle,question,change_idea,prediction,measure,plan,do,study,act,start_date,end_date\n"
    "2,Q two,Idea two,P2,M,Ann leads,Did it,Rose,Adopt,2025-10-01,2025-10-20\n"
    "1,Q one,Idea one,P1,M,Bo leads,Did it,Flat,Adapt,2025-09-01,2025-09-20\n"
)
# 16 weekly points rising 1..16: median 8.5, 8 below then 8 above -> longest run 8 > limit
# round(log2 16) + 3 = 7; 1 crossing < binom.ppf(.05, 15, .5) = 4; IHI shift (>= 6 one side)
# and trend (>= 5 rising); MAD = 4 -> 3 * 1.4826 * 4 = 17.8 away, so no astronomical point.
RISING = "date,value\n" + "".join(f"2025-09-{d:02d},{d}\n" for d in range(1, 17))
# 6 points, a change noted on the 4th: baseline 3 points, after change 3 points
SHORT = ("date,value,annotation,measure\n2025-09-01,5,,Exit tickets (%)\n2025-09-08,6,,\n"
         "2025-09-15,5,,\n2025-09-22,8,Started warm-ups,\n2025-09-29,9,,\n2025-10-06,8,,\n")


def test_rising_chart_signals(make_team: Any) -> None:
    summary = strand_researcher.researcher_summary(_open(make_team({"run_chart.csv": RISING})))
    assert {s["rule"] for s in summary["signals"]} == {"long_run", "few_crossings", "shift", "trend"}
    assert summary["run_chart"]["split_at"] is None
    assert summary["n_pdsa_cycles"] is None  # no pdsa.csv: the chart still renders


def test_short_chart_splits_at_annotation_and_warns(make_team: Any, shown: list[Any]) -> None:
    data_dir = make_team({"run_chart.csv": SHORT, "pdsa.csv": PDSA})
    report = _open(data_dir)
    assert strand_researcher.change_date(strand_researcher.run_chart_data(report)).strftime("%Y-%m-%d") == "2025-09-22"
    assert strand_researcher.measure_label(strand_researcher.run_chart_data(report)) == "Exit tickets (%)"
    strand_researcher.show_run_chart(report)
    assert "The chart has 6 points" in _html(shown)
    assert "split at 2025-09-22" in _html(shown)
    summary = strand_researcher.publish_researcher(report)
    # the signals are read on the whole series: one median of 5, 6, 5, 8, 9, 8 = 7
    assert summary["run_chart"]["split_at"] is None
    assert [p["median"] for p in summary["run_chart"]["phases"]] == [7.0]
    assert summary["split"]["split_at"] == "2025-09-22"
    # baseline median of 5, 6, 5 is 5; after-change median of 8, 9, 8 is 8
    assert [p["median"] for p in summary["split"]["phases"]] == [5.0, 8.0]
    assert summary["n_pdsa_cycles"] == 2
    json.loads((data_dir / "summary" / "researcher.json").read_text(encoding="utf-8"))


def test_pdsa_tracker_order_and_audience(make_team: Any) -> None:
    data_dir = make_team({"pdsa.csv": PDSA})
    team = strand_researcher.pdsa_tracker(_open(data_dir))
    assert team["cycle"].tolist() == [1, 2]
    assert team["start_date"].tolist() == ["2025-09-01", "2025-10-01"]
    assert {"plan", "do"} <= set(team.columns)
    public = strand_researcher.pdsa_tracker(_open(data_dir, "public"))
    assert not {"plan", "do"} & set(public.columns)


def test_researcher_without_files_publishes_nothing(make_team: Any) -> None:
    data_dir = make_team()
    assert strand_researcher.publish_researcher(_open(data_dir)) is None
    assert not (data_dir / "summary" / "researcher.json").exists()


# --- surveys ----------------------------------------------------------------------------

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


def _survey_team(make_team: Any) -> Path:
    return make_team({"surveys.csv": SURVEYS, "survey_items.csv": SURVEY_ITEMS},
                     district=SMALL_DISTRICT)


def test_survey_summary_changes(make_team: Any) -> None:
    data_dir = _survey_team(make_team)
    summary = strand_surveys.publish_surveys(_open(data_dir))
    change = summary["surveys"]["student_voice"]["construct_changes"][0]
    assert change["first_pct_favourable"] == pytest.approx(50.0)
    assert change["latest_pct_favourable"] == 66.7  # 200 / 3, rounded to 0.1
    assert change["pct_favourable_change"] == 16.7  # 50 / 3
    assert change["mean_change"] == pytest.approx(1.0)
    peer = summary["surveys"]["peer_feedback"]["administrations"][0]
    assert peer["status"] == "too few responses" and peer["n_respondents"] is None
    assert peer["n_band"] == "fewer than 4"
    text = (data_dir / "summary" / "surveys.json").read_text(encoding="utf-8")
    assert "resp-" not in text and "peer-" not in text


def test_survey_views_never_show_respondents(make_team: Any, shown: list[Any]) -> None:
    report = _open(_survey_team(make_team))
    for show in (strand_surveys.show_response_counts, strand_surveys.show_construct_scores,
                 strand_surveys.show_construct_changes, strand_surveys.show_survey_chart,
                 strand_surveys.show_survey_description):
        show(report)
    html = _html(shown)
    assert "resp-" not in html and "peer-" not in html
    assert "too few responses" in html
    assert "rose from 50% to 67%" in html
    assert any(isinstance(obj, matplotlib.figure.Figure) for obj in shown)


def test_survey_minimums(make_team: Any) -> None:
    minimums = strand_surveys.survey_minimums(_open(_survey_team(make_team)))
    assert minimums == {"student_voice": 2, "peer_feedback": 4}


def test_item_thresholds_pass_through_to_flags_and_summary(make_team: Any) -> None:
    # Q1's difficulty is .75: not too easy at the default .90, too easy once the cut is .70
    report = _open(make_team({"students.csv": STUDENTS, "assessments.csv": ITEMS}))
    assert strand_assessor.item_statistics(report).frame.set_index("item_id").loc["Q1", "flags"] == ""
    lowered = strand_assessor.item_statistics(report, too_easy_above=0.70).frame.set_index("item_id")
    assert lowered.loc["Q1", "flags"] == "too easy"
    assert strand_assessor.summary(report, too_easy_above=0.70).flagged["too_easy"] == ["Q1"]
