"""The Inquiry Cycle Snapshot: Part 1 word limit and the thread of next steps."""

from __future__ import annotations

import datadriver_utils as dd
from datadriver_utils.strands import inquiry
from tests.conftest import SAMPLE_DATA, TEAM


def test_count_words_counts_what_a_reader_counts():
    assert inquiry.count_words("By January, 70% of grade-7 students (7.RP.A.2) will pass.") == 9
    assert inquiry.count_words("") == 0


def test_overview_over_the_limit_is_called_out(make_team):
    long_paragraph = " ".join(["word"] * 320)
    data = make_team(team=dict(TEAM, overview=long_paragraph))
    check = inquiry.overview_check(dd.open_report(data, "t1", "team", None))
    # 320 words of the paragraph + the five answers (at least 10 more words)
    assert check["words"] > 330 and check["within_limit"] is False and check["team_paragraph"] is True


def test_short_overview_is_within_limit(make_team):
    check = inquiry.overview_check(dd.open_report(make_team(), "t1", "team", None))
    assert check["within_limit"] is True and check["team_paragraph"] is False


def test_thread_carries_next_steps_actions_and_evidence(make_team):
    team = dict(TEAM, next_steps={"assessor": "Check the key"}, actions={"assessor": "Key fixed"})
    data = make_team(team=team)
    thread = inquiry.strand_thread(dd.open_report(data, "t1", "team", None)).set_index("strand")
    assert list(thread.index) == ["Assessor", "Data Analyst", "Goal Setter", "Researcher"]
    assert thread.loc["Assessor", "next_step"] == "Check the key"
    assert thread.loc["Assessor", "what_happened"] == "Key fixed"
    assert thread.loc["Goal Setter", "next_step"] == "—"
    # no item_id, no processes, no run chart in the tiny team: each strand says what it needs
    assert "item_id" in thread.loc["Assessor", "evidence"]
    assert "processes.csv" in thread.loc["Data Analyst", "evidence"]
    assert "run_chart.csv" in thread.loc["Researcher", "evidence"]


def test_sample_thread_names_the_planted_findings():
    river = inquiry.strand_thread(dd.open_report(SAMPLE_DATA, "river-middle-g7-math", "team", None)).set_index("strand")
    assert river.loc["Data Analyst", "evidence"].startswith("Assignments are")
    assert "No run-chart signal" in river.loc["Researcher", "evidence"]
    maple = inquiry.strand_thread(dd.open_report(SAMPLE_DATA, "maple-elementary-g3", "team", None)).set_index("strand")
    assert maple.loc["Researcher", "evidence"].startswith("Run-chart signal")
    assert "no gap flagged" in maple.loc["Data Analyst", "evidence"]
