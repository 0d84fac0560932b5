"""The Inquiry Cycle Snapshot (notebook 20): Part 1 word limit and the thread of next steps."""

from __future__ import annotations

import json
from typing import Any

import datadriver_utils as dd
from datadriver_utils.strands import inquiry
from tests.conftest import SAMPLE_DATA, TEAM

OVERVIEW_WORDS = 3 + 4 + 5 + 6 + 16
"""Words of the tiny team's five answers: "Subject area: Math" 3; "Grade level(s): 7" 4 (the "s"
in brackets is a word of its own); "Student learning goal: 70% proficient" 5; "Standard(s) the
goal addresses: S1" 6; "Progress toward the goal: met goal (suggested from the data: see the
thresholds in the docs)" 16 (students 001 and 002 both reach 70% on the post: 100% >= 50%)."""


def test_overview_over_the_limit_is_called_out(make_team: Any) -> None:
    long_paragraph = " ".join(["word"] * 320)
    data = make_team(team=dict(TEAM, overview=long_paragraph))
    result = inquiry.overview_check(dd.open_report(data, "t1", "team", None))
    check = result.value
    # the five answers (OVERVIEW_WORDS = 34), then the 320 words of the paragraph
    assert (check.words, check.limit, check.within_limit, check.team_paragraph) == (354, 300, False, True)
    assert result.notices == ["Part 1 is 354 words: cut 54 to meet the 300-word limit (shorten the "
                              "`overview:` paragraph in team.yml)."]


def test_short_overview_is_within_limit(make_team: Any) -> None:
    result = inquiry.overview_check(dd.open_report(make_team(), "t1", "team", None))
    assert result.value.words == OVERVIEW_WORDS and result.value.within_limit is True
    assert result.value.team_paragraph is False
    assert "no `overview:` paragraph yet" in result.notices[0]
    assert result.notices[1] == "Part 1 is 34 words, within the 300-word limit."


def test_thread_carries_next_steps_actions_and_evidence(make_team: Any) -> None:
    team = dict(TEAM, next_steps={"assessor": "Check the key"}, actions={"assessor": "Key fixed"})
    data = make_team(team=team)
    thread = inquiry.thread(dd.open_report(data, "t1", "team", None)).frame.set_index("strand")
    assert list(thread.index) == ["Assessor", "Data Analyst", "Goal Setter", "Researcher"]
    assert thread.loc["Assessor", "next_step"] == "Check the key"
    assert thread.loc["Assessor", "what_happened"] == "Key fixed"
    assert thread.loc["Goal Setter", "next_step"] == "—"
    # no item_id, no processes, no run chart in the tiny team: each strand says what it needs
    assert "item_id" in thread.loc["Assessor", "evidence"]
    assert "processes.csv" in thread.loc["Data Analyst", "evidence"]
    assert "run_chart.csv" in thread.loc["Researcher", "evidence"]


def test_publish_writes_the_typed_section(make_team: Any) -> None:
    data = make_team()
    summary = inquiry.publish(dd.open_report(data, "t1", "team", data / "summary"))
    assert isinstance(summary, inquiry.InquirySummary)
    written = json.loads((data / "summary" / "inquiry_cycle.json").read_text(encoding="utf-8"))
    assert written["overview"] == {"words": OVERVIEW_WORDS, "limit": 300, "within_limit": True, "team_paragraph": False}
    assert [step["strand"] for step in written["thread"]] == ["Assessor", "Data Analyst", "Goal Setter", "Researcher"]
    assert set(written["thread"][0]) == {"strand", "next_step", "what_happened", "evidence"}


def test_sample_thread_names_the_planted_findings() -> None:
    river = inquiry.thread(dd.open_report(SAMPLE_DATA, "river-middle-g7-math", "team", None)).frame.set_index("strand")
    assert river.loc["Data Analyst", "evidence"].startswith("Assignments are")
    # 22 points, none on the median of 51.0
    assert river.loc["Researcher", "evidence"] == ("Run chart (22 useful points): No sign of change yet: ordinary "
                                                   "variation so far.")
    assessor = river.loc["Assessor", "evidence"]  # the key was corrected and the item rescored (key_corrections.csv)
    assert "Check the key" not in assessor
    assert ("Key of 7.RP.A.2-Q2 corrected (A to C, 2026-01-28) and rescored: flags negative discrimination before, "
            "too hard after.") in assessor
    maple = inquiry.thread(dd.open_report(SAMPLE_DATA, "maple-elementary-g3", "team", None)).frame.set_index("strand")
    assert maple.loc["Researcher", "evidence"].startswith("Run chart (24 useful points): Likely a real change")
    assert "no gap flagged" in maple.loc["Data Analyst", "evidence"]
