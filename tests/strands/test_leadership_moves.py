"""Notebook 21 on a team small enough to check by hand: the one-pager, look-fors beside belonging, feedback.

Grade 7 has 12 students: S1 rises from 50% (six at 40%, six at 60%) to 80% for everyone, S2 stays at
80%; grade 8 has 3 students, too few to leave the team.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from datadriver_utils.notebook.needs import MissingData
from datadriver_utils.notebook.report import Report, open_report
from datadriver_utils.strands import leadership_moves as moves
from datadriver_utils.workshop.leadership import LEADERSHIP_QUIZ
from tests.conftest import SAMPLE_DATA, TEAM, write_team

SEVENS = [f"s{i:02d}" for i in range(1, 13)]
EIGHTS = ["e1", "e2", "e3"]
STUDENTS = "student_id,grade\n" + "".join(f"{s},7\n" for s in SEVENS) + "".join(f"{s},8\n" for s in EIGHTS)


def _results() -> str:
    rows = ["student_id,window,standard,points,points_possible"]
    for i, s in enumerate(SEVENS):
        rows += [f"{s},pre,S1,{4 if i < 6 else 6},10", f"{s},post,S1,8,10", f"{s},pre,S2,8,10", f"{s},post,S2,8,10"]
    for s in EIGHTS:
        rows += [f"{s},pre,S1,5,10", f"{s},post,S1,6,10", f"{s},pre,S2,9,10", f"{s},post,S2,9,10"]
    return "\n".join(rows) + "\n"


LINKS = ("grade,standard,pattern_window,check_window,pattern,practice_observed,micro_change,teacher\n"
         "7,S1,pre,post,S1 lowest,Answers from memory,Cite the text,Ms Teacher\n"
         "8,S1,pre,post,S1 lowest,Copying methods,Explain why,Mr Small\n")
WALKS = ("date,classroom,observer,look_for,seen\n"
         "2025-10-02,7-1,Rosa,Talk,yes\n2025-10-02,7-1,Rosa,Names,no\n"
         "2025-10-09,7-2,Rosa,Talk,no\n2025-10-09,7-2,Rosa,Names,no\n"
         "2025-11-05,7-1,Rosa,Talk,yes\n2025-11-05,7-1,Rosa,Names,yes\n")
FEEDBACK = ("date,teacher,observed,tool,impact,evidence,feedback\n"
            "2025-10-02,Ms Teacher,Pairs talked,,helped,walkthrough,Keep pairs.\n"
            "2025-10-20,Mr Small,Quiz app stalled,Quiz app,hindered,progress data,Use paper slips for group B.\n")


def _surveys() -> tuple[str, str]:
    rows = ["survey,administration,respondent,item,response"]
    rows += [f"belonging,2025-10,B{i:02d},B1,{3 if i < 9 else 2}" for i in range(12)]  # 9 of 12 favourable: 75%
    rows += [f"belonging,2025-11,C{i},B1,4" for i in range(5)]  # 5 students: too few
    items = "survey,item,construct,item_text,scale_min,scale_max,reverse_scored\nbelonging,B1,belonging,I belong,1,4,no\n"
    return "\n".join(rows) + "\n", items


@pytest.fixture
def team_dir(tmp_path: Path) -> Path:
    surveys, items = _surveys()
    return write_team(tmp_path / "data", {
        "students.csv": STUDENTS, "assessments.csv": _results(), "benchmark_links.csv": LINKS,
        "walkthroughs.csv": WALKS, "feedback_log.csv": FEEDBACK, "surveys.csv": surveys, "survey_items.csv": items,
    }, team={**TEAM, "grade_levels": [7, 8], "members": [{"name": "Rosa", "role": "AP"}]})


def open_as(team_dir: Path, audience: str = "team") -> Report:
    return open_report(team_dir.parent.parent, team_dir.name, audience, None)


def test_pattern_and_one_pager_by_hand(team_dir: Path) -> None:
    pattern = moves.benchmark_pattern(open_as(team_dir)).value.set_index(["grade", "standard"])
    assert pattern.loc[("7", "S1"), ["n", "mean_pct", "gap"]].tolist() == [12, 50.0, -15.0]  # grade mean 65
    checks = moves.one_pager(open_as(team_dir)).value.set_index("grade")
    seven = checks.loc["7"]
    assert (seven["n_matched"], seven["pattern_mean"], seven["check_mean"], seven["change"]) == (12, 50.0, 80.0, 30.0)
    assert seven["others_change"] == 0.0 and seven["verdict"] == "rose more than the other standards"
    assert (seven["pattern_pct_at_cut"], seven["check_pct_at_cut"]) == (0.0, 100.0)
    assert checks.loc["8", "n_matched"] == 3 and checks.loc["8", "change"] == pytest.approx(10.0)


def test_small_groups_and_teachers_stay_in_the_team(team_dir: Path) -> None:
    shown = moves.one_pager(open_as(team_dir, "public"))
    html = shown._repr_html_()
    assert "Ms Teacher" not in html and "hidden: too few students" in html
    table = shown.tables["checks"].set_index("grade")
    assert table.loc["8", "suppressed"] and not table.loc["7", "suppressed"]
    assert "Ms Teacher" in moves.one_pager(open_as(team_dir))._repr_html_()
    found = moves.summary(open_as(team_dir, "public"))
    eight = next(link for link in found.links or [] if link.grade == "8")
    assert eight.suppressed and eight.change is None and eight.verdict is None
    assert [w.suppressed for w in found.weakest] == [False, True]
    pattern = moves.benchmark_pattern(open_as(team_dir, "public")).tables["pattern"].set_index("grade")
    assert pattern.loc["8", "suppressed"].all()


def test_look_fors_and_belonging_side_by_side(team_dir: Path) -> None:
    shown = moves.look_fors(open_as(team_dir))
    rates = shown.value.set_index("look_for")
    assert rates.loc["Talk", ["n_visits", "n_seen"]].tolist() == [3, 2] and rates.loc["Names", "n_seen"] == 1
    assert "visits" in shown.tables and "3 visits, 6 look-for observations." in shown.notices
    assert "visits" not in moves.look_fors(open_as(team_dir, "public")).tables
    beside = moves.belonging(open_as(team_dir)).value.set_index("month")
    assert beside.loc["2025-10", "pct_seen"] == 25.0 and beside.loc["2025-10", "belonging_pct_favourable"] == 75.0
    assert beside.loc["2025-11", "pct_seen"] == 100.0 and beside.loc["2025-11", "belonging_status"] == "too few responses"
    walks = moves.summary(open_as(team_dir)).walkthroughs
    assert walks is not None and (walks.n_visits, walks.n_observations) == (3, 6)
    assert [(m.month, m.pct_seen, m.belonging_pct_favourable) for m in walks.by_month] == [
        ("2025-10", 25.0, 75.0), ("2025-11", 100.0, None)]


def test_feedback_log_counts_and_privacy(team_dir: Path) -> None:
    assert "notes" in moves.feedback_log(open_as(team_dir)).tables
    public = moves.feedback_log(open_as(team_dir, "public"))
    assert "notes" not in public.tables and "Mr Small" not in public._repr_html_()
    found = moves.summary(open_as(team_dir, "public")).feedback
    assert found is not None and (found.n_entries, found.n_teachers, found.pct_bite_size) == (2, 2, 100.0)
    assert found.by_evidence["walkthrough"] == 1 and found.by_impact["hindered"] == 1


def test_a_walkthrough_added_live_joins_the_record(team_dir: Path) -> None:
    form = moves.walkthrough_entry(open_as(team_dir)).controls["box"]
    fields = form.controls
    fields["date"].value, fields["classroom"].value, fields["look_for"].value = "2025-11-12", "7-3", "Talk"
    fields["add"].click()
    assert "Not added" in form.status.value and "seen" in form.status.value  # seen is required
    fields["seen"].value = "yes"
    fields["add"].click()
    fields["save"].click()
    rates = moves.look_fors(open_as(team_dir)).value.set_index("look_for")
    assert rates.loc["Talk", ["n_visits", "n_seen"]].tolist() == [4, 3]


def test_self_check_key_and_summary_count(team_dir: Path) -> None:
    assert moves.self_check_answers(open_as(team_dir))._repr_html_().count("✓") == len(LEADERSHIP_QUIZ)
    assert moves.summary(open_as(team_dir)).self_check_questions == len(LEADERSHIP_QUIZ) == 5
    box = moves.self_check()
    box.controls[(0, "choice")].value = 1
    box.controls[(0, "check")].click()
    assert box.controls[(0, "feedback")].value.startswith("Right.")


def test_oak_renders_and_says_what_it_needs() -> None:
    report = open_report(SAMPLE_DATA, "oak-middle-science", "team", None)
    assert not moves.benchmark_pattern(report).value.empty  # the pattern needs only students and assessments
    for view, missing in ((moves.one_pager, ["benchmark_links"]), (moves.look_fors, ["walkthroughs"]),
                          (moves.belonging, ["surveys", "survey_items"]), (moves.feedback_log, ["feedback_log"])):
        shown = view(report)
        assert isinstance(shown, MissingData) and shown.missing == missing
    found = moves.summary(report)
    assert (found.links, found.walkthroughs, found.belonging, found.feedback) == (None, None, None, None)
    assert [(w.grade, w.standard) for w in found.weakest] == [("8", "MS-PS1-2")]


def test_scale_scores_from_an_interim_export_are_checked_in_scale_points(tmp_path: Path) -> None:
    """Rows with a score_type naming a scale score (as an import may write them) are read in scale points;
    points_possible is not used for them (here 999, which today's contract accepts)."""
    rows = ["student_id,window,standard,points,points_possible,score_type"]
    for i, s in enumerate(SEVENS):
        rows += [f"{s},pre,Reading,{200 + i},999,scale", f"{s},post,Reading,{206 + i + (i % 2) * 2},999,scale"]
    links = ("grade,pattern_window,check_window,pattern,practice_observed,micro_change,cut_score\n"
             "7,pre,post,Fall RIT below the benchmark,Whole-class reading only,Small groups twice a week,205\n")
    team_dir = write_team(tmp_path / "data", {"students.csv": STUDENTS, "assessments.csv": "\n".join(rows) + "\n",
                                              "benchmark_links.csv": links}, team={**TEAM, "grade_levels": [7, 8]})
    report = open_as(team_dir)
    assert moves.benchmark_pattern(report).notices[-1].startswith("No point scores in the pre window")
    check = moves.one_pager(report).value.iloc[0]
    # pre 200..211 (mean 205.5); post 206 + i + 2 for odd i: mean 205.5 + 6 + 1 = 212.5; gains 6 or 8
    assert check["score_kind"] == "scale" and check["n_matched"] == 12
    assert (check["pattern_mean"], check["check_mean"], check["change"]) == (205.5, 212.5, 7.0)
    assert (check["pattern_pct_at_cut"], check["check_pct_at_cut"]) == (pytest.approx(700 / 12), 100.0)
    assert check["verdict"] == "rose"
    assert "scale score 206" in moves.one_pager(report)._repr_html_()  # the card reads in scale points
    assert moves.summary(report).weakest == []
