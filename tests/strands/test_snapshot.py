"""The snapshot's privacy: a small grade, and the grade that would give it away, are hidden."""

from __future__ import annotations

import datadriver_utils as dd
from datadriver_utils.strands import snapshot
from tests.conftest import SAMPLE_DATA, TEAM


def _rows(n: int, grade: str, start: int) -> tuple[str, str]:
    students = "".join(f"{start + i:03d},{grade}\n" for i in range(n))
    scores = "".join(f"{start + i:03d},pre,S1,5,10\n{start + i:03d},post,S1,7,10\n" for i in range(n))
    return students, scores


def _team(make_team, sizes: dict[str, int]):
    students, scores, start = "student_id,grade\n", "student_id,window,standard,points,points_possible\n", 1
    for grade, n in sizes.items():
        s, a = _rows(n, grade, start)
        students, scores, start = students + s, scores + a, start + n
    team = dict(TEAM, grade_levels=list(sizes))
    return make_team({"students.csv": students, "assessments.csv": scores}, team=team)


def test_lone_small_grade_is_protected_by_its_complement(make_team):
    data = _team(make_team, {"6": 25, "7": 12, "8": 4})
    district = dd.open_report(data, "t1", "district", None)
    by_grade = {row["grade"]: row for row in snapshot.summary(district).to_json()["by_grade"]}
    # grade 8 (4 students) is small; grade 7 (12) is hidden too, or 8 = total - 6 - 7
    assert by_grade["8"]["suppressed"] and by_grade["8"]["n_matched"] is None
    assert by_grade["7"]["suppressed"] and by_grade["7"]["pre_mean_pct"] is None
    assert not by_grade["6"]["suppressed"] and by_grade["6"]["n_matched"] == 25


def test_team_view_shows_every_grade(make_team):
    data = _team(make_team, {"6": 25, "7": 12, "8": 4})
    team = dd.open_report(data, "t1", "team", None)
    rows = snapshot.summary(team).to_json()["by_grade"]
    assert [r["n_matched"] for r in rows] == [25, 12, 4]
    assert all("suppressed" not in r for r in rows)


def test_no_small_group_means_nothing_hidden(make_team):
    data = _team(make_team, {"6": 25, "7": 12})
    rows = snapshot.summary(dd.open_report(data, "t1", "public", None)).to_json()["by_grade"]
    assert [r["suppressed"] for r in rows] == [False, False]


def test_snapshot_analyses_are_computed_once_per_report(make_team):
    report = dd.open_report(_team(make_team, {"6": 25, "7": 12}), "t1", "team", None)
    assert snapshot.grade_gains(report) is snapshot.grade_gains(report)
    assert snapshot.snapshot_goal(report) is snapshot.snapshot_goal(report)
    other = dd.open_report(_team(make_team, {"6": 25, "7": 12}), "t1", "team", None)
    assert snapshot.grade_gains(other) is not snapshot.grade_gains(report)


def test_a_pre_only_team_is_told_what_the_post_window_will_fill(make_team):
    students = "student_id,grade\n" + "".join(f"{i:03d},7\n" for i in range(1, 13))
    scores = "student_id,window,standard,points,points_possible\n" + "".join(
        f"{i:03d},pre,S1,{i % 10},10\n" for i in range(1, 13))
    report = dd.open_report(make_team({"students.csv": students, "assessments.csv": scores}), "t1", "team", None)
    rating = dict(snapshot.overview_rows(report))["Progress toward the goal"]
    assert rating.startswith("not rated yet: the rating needs students with a score in both the pre and the post")
    assert any("No student has a score in the post window yet: the post, gain and effect-size columns fill in" in n
               for n in snapshot.grade_table(report).notices)
    caveat = snapshot.matching_caveat(report).notices
    assert any("the comparison fills in when the post rows are added" in n for n in caveat)
    assert not any("001" in n for n in caveat)  # nobody has a post score: no list of every student
    assert "this fills in when students with a pre score also have a post score" in snapshot.interpretation_text(report)


def test_equal_gains_leave_the_effect_size_blank_and_say_why(make_team):
    data = _team(make_team, {"7": 12})  # every student: 5 -> 7 of 10, a gain of 20 points each
    report = dd.open_report(data, "t1", "team", None)
    row = snapshot.grade_gains(report).iloc[0]
    assert row["gain_pct_points"] == 20.0 and row["effect_size"] != row["effect_size"]  # NaN, never inf
    assert any("every matched student gained exactly the same" in n for n in snapshot.grade_table(report).notices)


def test_grade_chart_compares_the_cut_with_percent_proficient_not_with_a_mean(make_team):
    # 25 students, all at 50% before; after, 20 at 80% and 5 at 0%: a mean of 64 (under a 70% cut)
    # while 80% of the students are at or above it -- the reading a cut drawn across means gets wrong
    students = "student_id,grade\n" + "".join(f"{i:03d},6\n" for i in range(1, 26))
    scores = "student_id,window,standard,points,points_possible\n" + "".join(
        f"{i:03d},pre,S1,5,10\n{i:03d},post,S1,{8 if i <= 20 else 0},10\n" for i in range(1, 26))
    data = make_team({"students.csv": students, "assessments.csv": scores}, team=dict(TEAM, grade_levels=["6"]))
    report = dd.open_report(data, "t1", "team", None)
    cut = snapshot._cut(report)
    assert cut == 70
    chart = snapshot.standard_chart(report)
    axis = chart.figure.axes[0]
    heights = sorted(round(bar.get_height(), 6) for bar in axis.patches)
    assert heights == [0.0, 80.0]  # percent proficient pre and post, not the means 50 and 64
    assert not [line for line in axis.lines if set(line.get_ydata()) == {cut}]  # no cut line across the bars
    assert "at or above the 70% cut" in axis.get_ylabel() and "matched" in chart.figure.get_suptitle()
    alt = chart.parts[0].alt
    assert alt.startswith("Bar chart: percent of matched students at or above the 70% cut")
    assert "grade 6: S1 pre 0.0%, post 80.0% (n=25)" in alt


def test_rivers_flat_gain_is_called_flat() -> None:
    """River's +1.9-point grade gain and +2.4-point goal gain (effect size 0.12) are flat, not uneven."""
    text = snapshot.interpretation_text(dd.open_report(SAMPLE_DATA, "river-middle-g7-math", "team"))
    assert "uneven" not in text
    assert "the average of the 127 matched students was flat, going from 55.7% to 57.7% (+1.9 points)" in text
    assert ("the mean gain in percent correct is +2.4 points (paired effect size 0.12; 95% interval of the gain -1.0 to +5.7 points): "
            "flat — the effect size is below 0.2 and the interval includes 0") in text
    maple = snapshot.interpretation_text(dd.open_report(SAMPLE_DATA, "maple-elementary-g3", "team"))
    assert "growth was broad across students" in maple and "flat" not in maple


def test_missing_post_scores_by_section_with_their_share_and_a_checked_claim() -> None:
    """River section 7-4: 6 of its 28 students have no post score (21.4%)."""
    shown = snapshot.matching_caveat(dd.open_report(SAMPLE_DATA, "river-middle-g7-math", "team"))
    table = shown.tables["missing by section"].set_index("section")
    assert table.loc["7-4", ["n_students", "n_missing_post", "pct_missing_post"]].tolist() == [28, 6, 21.4]
    assert table.loc["All", ["n_students", "n_missing_post", "n_missing_pre", "n_matched"]].tolist() == [142, 11, 6, 127]
    text = " ".join(shown.notices)
    assert "do not change the story" not in text
    assert "The 9 students with a pre score and no post score averaged 58.3% on the pre assessment, against 55.7% " \
           "for the 127 matched students (+2.6 points)" in text
    assert len(shown.tables["students without a post score"]) == 11  # ids in a table, with section and pre score
    district = snapshot.matching_caveat(dd.open_report(SAMPLE_DATA, "river-middle-g7-math", "district"))
    assert district.tables["missing by section"]["section"].tolist() == ["All"]  # sections stay in the team
    assert "students without a post score" not in district.tables
    html = district._repr_html_()
    assert "7-4" not in html and "400004" not in html
