"""The credential portfolio on the sample district: every sample teacher's status on every credential.

The statuses follow the stories planted in datadriver_utils/sample/teacher_leadership.py, read in
registry order (Data Driver first, then seed 003):

    DD  Focus  Voice  LASW  PDSA  RunChart  ShareImpr  Aim  Collect  Facil  PeerSurvey  Will  Impact  Culture  Skills  ShareLearn

* Jasmine Ortiz (maple) has everything but the presentation synopsis;
* Ben Carter and Mei Chen (maple's blue dots) have their own two cycles and the team's files;
* Daniel Brooks (river) is midway: cycle 2 captured live but not run, two of three peer sets,
  three peer-survey answers, one video;
* Grace Kim (cedar) breaks two rules: a new question after an unsatisfying cycle 1, and an
  action that runs past the second survey; cedar's run chart has 11 points;
* oak has only students and assessments: Data Driver partial (no paragraph), the rest not started.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from datadriver_utils.contract.team import list_teams, load_team
from datadriver_utils.stats.credentials import CREDENTIALS, registry_table
from datadriver_utils.stats.portfolio import (
    COMPLETE,
    NOT_STARTED,
    PARTIAL,
    RULES,
    candidates,
    credential_status,
    evaluate,
)
from datadriver_utils.workshop.records import evidence_inputs
from datadriver_utils.workshop.store import ResponseStore
from tests.conftest import SAMPLE_DATA

_CODE = {"C": COMPLETE, "P": PARTIAL, "-": NOT_STARTED}
EXPECTED = {
    ("maple-elementary-g3", "Jasmine Ortiz"): "CCCCCCCCCCCCCCCP",
    ("maple-elementary-g3", "Ben Carter"): "CC--CCPPP-C--PP-",
    ("maple-elementary-g3", "Mei Chen"): "CC--CCPPP-C--PP-",
    ("river-middle-g7-math", "Daniel Brooks"): "CPPPCCPPPPP-----",
    ("river-middle-g7-math", "Aisha Rahman"): "CP--CCPPP-P-----",
    ("cedar-elementary-k2", "Grace Kim"): "PPP-CPP---------",
    ("cedar-elementary-k2", "Luis Romero"): "P---CPPPP-------",
    ("summit-high-algebra", "Nora Lindqvist"): "C---CCP---------",
    ("district-data-team", "Dr. Alma Reyes"): "P---CCP---------",
    ("oak-middle-science", "Ruth Adeyemi"): "P---------------",
}


def statuses(team_id: str, data: Path = SAMPLE_DATA):
    return _sample_statuses(team_id) if data == SAMPLE_DATA else _statuses(team_id, data)


def _statuses(team_id: str, data: Path):
    inputs, problems = evidence_inputs(load_team(data, team_id))
    return inputs, problems, evaluate(inputs)


@functools.cache
def _sample_statuses(team_id: str):
    return _statuses(team_id, SAMPLE_DATA)


def test_the_registry_covers_seeds_000_and_003_with_a_rule_for_every_piece() -> None:
    names = {c.name for c in CREDENTIALS}
    assert "Data Driver" in names and len(CREDENTIALS) == 16
    assert {"Focusing on Student Learning", "Listening to Student Voice", "Looking at Student Work",
            "Understanding Improvement", "Establishing a Common Aim", "Collecting Data", "Facilitating Peer Reflection",
            "Soliciting Feedback from Peers", "Building Will", "Measuring Impact on Student Learning",
            "Considering Impact on Culture", "Building Skills in Others", "Sharing Learning"} <= names
    table = registry_table()
    assert set(table["rule"]) <= set(RULES) and not table.duplicated(["credential_id", "evidence_id"]).any()


@pytest.mark.parametrize("team_id", sorted({t for t, _ in EXPECTED}))
def test_every_sample_teachers_status(team_id: str) -> None:
    inputs, problems, evidence = statuses(team_id)
    assert problems == []
    people = [p for (t, p) in EXPECTED if t == team_id]
    assert candidates(inputs) == people
    found = credential_status(evidence)
    for person in people:
        own = found[found["candidate"] == person]
        assert own["credential_id"].tolist() == [c.id for c in CREDENTIALS]
        assert own["status"].tolist() == [_CODE[c] for c in EXPECTED[(team_id, person)]], person


def detail(evidence, person: str, credential: str, piece: str) -> tuple[str, str]:
    row = evidence[(evidence["candidate"] == person) & (evidence["credential_id"] == credential)
                   & (evidence["evidence_id"] == piece)].iloc[0]
    return row["status"], row["detail"]


def test_what_the_stories_leave_missing() -> None:
    _, _, maple = statuses("maple-elementary-g3")
    assert detail(maple, "Jasmine Ortiz", "sharing_learning", "synopsis")[0] == NOT_STARTED
    assert detail(maple, "Jasmine Ortiz", "measuring_impact", "increase") == (
        COMPLETE, "4 of 4 peers with two results; mean change +19.0 points; 4 rose")
    assert detail(maple, "Jasmine Ortiz", "building_will", "eight_more") == (
        COMPLETE, "8 more peer(s) visited by the first four (yellow dots)")
    _, _, river = statuses("river-middle-g7-math")
    assert detail(river, "Daniel Brooks", "focusing_on_student_learning", "two_cycles") == (
        PARTIAL, "1 of 2 complete; cycle 2: student learning data, considerations, next steps")
    assert detail(river, "Daniel Brooks", "focusing_on_student_learning", "cycle_two_rule")[0] == COMPLETE
    assert detail(river, "Daniel Brooks", "soliciting_feedback_from_peers", "peer_survey") == (
        PARTIAL, "fewer than 4 respondents: at least 4 are needed")
    assert detail(river, "Daniel Brooks", "establishing_a_common_aim", "three_sets")[1].startswith("2 of 3")
    _, _, cedar = statuses("cedar-elementary-k2")
    status, words = detail(cedar, "Grace Kim", "focusing_on_student_learning", "cycle_two_rule")
    assert status == PARTIAL and "breaks the rule" in words
    status, words = detail(cedar, "Grace Kim", "listening_to_student_voice", "action_plan")
    assert status == PARTIAL and "2026-01-30" in words
    assert detail(cedar, "Grace Kim", "using_improvement_methods", "run_chart") == (
        PARTIAL, "missing: at least 15 points (has 11)")


def test_a_capture_that_breaks_the_contract_is_left_out_and_named(sample_copy: Path) -> None:
    import pandas as pd

    store = ResponseStore(sample_copy / "teams" / "oak-middle-science")
    store.save_table("slrc_cycles", pd.DataFrame([{"teacher": "Ruth Adeyemi", "cycle": "1", "question": "Q?",
                                                   "tool": "telepathy", "date": "13/10/2025"}]))
    store.save_table("slrc_cycles", pd.DataFrame([{"teacher": "Ruth Adeyemi", "cycle": "1", "question": "Q?",
                                                   "tool": "tally"}]))
    inputs, problems, evidence = statuses("oak-middle-science", sample_copy)
    assert {(p.column, p.row) for p in problems} == {("tool", 2), ("date", 2)}
    assert all(p.file.startswith("responses/slrc_cycles/") for p in problems)
    assert len(inputs.table("slrc_cycles")) == 1  # the valid capture counts
    assert detail(evidence, "Ruth Adeyemi", "focusing_on_student_learning", "two_cycles")[0] == PARTIAL


def test_all_sample_teams_are_covered() -> None:
    assert {t for t, _ in EXPECTED} == set(list_teams(SAMPLE_DATA))
