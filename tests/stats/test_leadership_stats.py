"""Teacher-leadership statistics on small hand-made tables, every figure worked out by hand.

* Cycles: a cycle is complete with its five parts; data count when written or in a tool table.
* The rule for cycle 2: not satisfied -> same question after a change; satisfied -> new question.
* Tools: tally shares (3 of 4 tallies = 75%), seats seen (2 of 3 = 66.7%), scripted notes from
  students (2 of 4 = 50%).
* Scaling: the leader L visits A, B hosts L (round 1: blue A, B), A visits Y1, B visits Y2
  (round 2: yellow Y1, Y2), Y1 visits Y2 (other).
* Student voice: results on 10-01, second survey on 12-01: 10-05..11-20 is inside, 09-25..11-20
  starts too early, 10-05..12-01 ends on the second survey.
"""

from __future__ import annotations

import pandas as pd
import pytest

from datadriver_utils.stats import improvement, scaling, slrc


def cycles(*rows: tuple) -> pd.DataFrame:
    columns = ["teacher", "cycle", "question", "tool", "visitor", "student_learning_data", "considerations",
               "next_steps", "satisfied", "changes", "result_pct"]
    return pd.DataFrame(rows, columns=columns)


FULL = ("Ana", 1, "How many explain?", "tally", None, "4 of 20", "few explain", "model it", False, None, 20.0)


def test_a_cycle_is_complete_with_its_five_parts_and_data_may_sit_in_a_tool_table() -> None:
    table = cycles(FULL, ("Ana", 2, "How many explain?", "tally", None, None, None, None, None, "sentence frames", None),
                   ("Bo", 1, "Who speaks?", "seating map", "Ana", None, "back row quiet", "stems", True, None, 50.0))
    checked = slrc.cycle_completeness(table, with_tool_data={("Bo", 1)})
    assert checked["complete"].tolist() == [True, False, True]
    assert checked.loc[1, "missing"] == "student learning data, considerations, next steps"
    assert checked["n_parts"].tolist() == [5, 2, 5]


@pytest.mark.parametrize(("satisfied", "second_question", "changes", "verdict"), [
    (False, "How many explain?", "sentence frames", slrc.RULE_FOLLOWED),
    (False, "How many explain?", None, slrc.RULE_PENDING),
    (False, "Who asks questions?", "sentence frames", slrc.RULE_BREAKS),
    (True, "Who asks questions?", None, slrc.RULE_FOLLOWED),
    (True, "how many  EXPLAIN", None, slrc.RULE_BREAKS),   # retyped, still the same question
    (None, "How many explain?", "frames", slrc.RULE_PENDING),
])
def test_the_rule_for_cycle_two(satisfied, second_question, changes, verdict) -> None:
    first = FULL[:8] + (satisfied, None, 20.0)
    second = ("Ana", 2, second_question, "tally", None, "x", "y", "z", None, changes, 35.0)
    judged = slrc.cycle_rule(cycles(first, second))
    assert judged.loc[0, "verdict"] == verdict
    assert (judged.loc[0, "from_cycle"], judged.loc[0, "to_cycle"]) == (1, 2)


def test_change_compares_only_cycles_on_the_first_question() -> None:
    table = cycles(FULL, ("Ana", 2, "How many explain? ", "tally", None, "9 of 20", "c", "n", True, "f", 45.0),
                   ("Ana", 3, "Who asks questions?", "scripting", None, "d", "c", "n", None, None, 90.0),
                   ("Bo", 1, "Q", "tally", None, "d", "c", "n", False, None, 30.0))
    change = slrc.cycle_change(table).set_index("teacher")
    assert change.loc["Ana", ["first_pct", "latest_pct", "change"]].tolist() == [20.0, 45.0, 25.0]
    assert change.loc["Ana", "latest_cycle"] == 2  # cycle 3 asks another question
    assert pd.isna(change.loc["Bo", "change"])


def test_tool_figures() -> None:
    tallies = pd.DataFrame({"teacher": "Ana", "cycle": 1.0, "minute": [0, 0, 10, 10],
                            "category": ["yes", "no", "yes", "no"], "count": [1.0, 1.0, 2.0, 0.0]})
    shares = slrc.tally_shares(tallies).set_index("category")
    assert shares.loc["yes", "pct"] == pytest.approx(75.0)
    assert slrc.tally_table(tallies, "Ana", 1).to_dict() == {"yes": {0: 1, 10: 2}, "no": {0: 1, 10: 0}}
    maps = pd.DataFrame({"teacher": "Bo", "cycle": 1.0, "seat_row": [1.0, 1.0, 2.0], "seat_column": [1.0, 2.0, 1.0],
                         "count": [2.0, 0.0, 1.0]})
    assert slrc.seat_coverage(maps).loc[0, "pct_seen"] == pytest.approx(200 / 3)
    grid = slrc.seat_grid(maps, "Bo", 1)
    assert grid.shape == (2, 2) and pd.isna(grid.loc[2, 2]) and grid.loc[1, 1] == 2
    scripts = pd.DataFrame({"teacher": "Ana", "cycle": 2.0, "minute": [0, 1, 2, 3], "note": list("abcd"),
                            "speaker": ["teacher", "student", "group", "teacher"]})
    counts = slrc.script_counts(scripts).iloc[0]
    assert (counts["notes_teacher"], counts["notes_student"], counts["notes_group"]) == (2, 1, 1)
    assert counts["pct_student"] == pytest.approx(50.0)


def test_peer_sets_count_for_the_visitor() -> None:
    table = cycles(("Bo", 1, "Q1", "tally", "Ana", "data", "c", "n", None, None, None),
                   ("Bo", 2, "Q1", "tally", "Ana", None, None, None, None, None, None),
                   ("Cy", 1, "Q2", "scripting", "Ana", None, None, None, None, None, None),
                   ("Ana", 1, "Q3", "tally", "Ana", "d", "c", "n", None, None, None))  # her own room: not a peer set
    sets = slrc.peer_sets(table, with_tool_data={("Cy", 1)})
    assert sets["visitor"].unique().tolist() == ["Ana"]
    assert (int(sets["crafted"].sum()), int(sets["collected"].sum())) == (3, 2)


VISITS = pd.DataFrame({
    "leader": "L",
    "visitor": ["L", "B", "A", "B", "Y1", "L"],
    "host": ["A", "L", "Y1", "Y2", "Y2", "A"],
    "date": pd.to_datetime(["2025-09-10", "2025-09-12", "2025-10-01", "2025-10-02", "2025-11-01", "2025-11-05"]),
})


def test_rounds_and_dots_come_from_the_visit_log() -> None:
    rounds = scaling.visit_rounds(VISITS, "L")
    assert rounds["round"].tolist() == [1, 1, 2, 2, "other", 1]
    group = scaling.learning_group(VISITS, "L")
    assert group["dot"].tolist() == ["leader", "blue", "blue", "yellow", "yellow"]
    assert group["person"].tolist() == ["L", "A", "B", "Y1", "Y2"]
    summary = scaling.group_summary(VISITS, "L")
    assert (summary["n_blue"], summary["n_yellow"], summary["n_round_1"], summary["n_round_2"],
            summary["n_other"]) == (2, 2, 3, 2, 1)
    assert (summary["first_date"], summary["last_date"]) == ("2025-09-10", "2025-11-05")


def test_impact_sheets_and_culture_gap() -> None:
    table = cycles(("A", 1, "Q", "tally", "L", "d", "c", "n", False, None, 40.0),
                   ("A", 2, "Q", "tally", "L", None, None, None, None, "x", 55.0),
                   ("B", 1, "R", "tally", "L", None, None, None, None, None, None))
    sheets = scaling.impact_sheets(table, ["A", "B"], with_tool_data={("A", 2)})
    assert sheets["sheet"].tolist() == [True, True, False, False]
    changes = scaling.peer_changes(table, ["A", "B"])
    assert changes["change"].tolist()[0] == 15.0 and pd.isna(changes["change"].tolist()[1])
    assert scaling.culture_gap("2025-09", "2026-03") == (6, True)
    assert scaling.culture_gap("2025-09", "2025-11") == (2, False)
    assert scaling.culture_gap("pre", "post") == (None, None)


def test_meetings_by_group() -> None:
    meetings = pd.DataFrame({"leader": "L", "date": pd.to_datetime(["2025-10-01", "2025-12-01", "2026-01-10"]),
                             "group": ["5", "5", "13"], "agenda": ["a", None, "c"]})
    groups = scaling.meetings_by_group(meetings, "L").set_index("group")
    assert groups.loc["5", "n_meetings"] == 2 and groups.loc["5", "n_with_agenda"] == 1
    assert groups.loc["13", "first_date"] == "2026-01-10"


def test_the_action_timeline_must_sit_between_the_two_administrations() -> None:
    dates = pd.to_datetime
    plans = pd.DataFrame({"teacher": ["A", "B", "C"], "results_received": dates(["2025-10-01"] * 3),
                          "start": dates(["2025-10-05", "2025-09-25", "2025-10-05"]),
                          "end": dates(["2025-11-20", "2025-11-20", "2025-12-01"]),
                          "second_administration": dates(["2025-12-01"] * 3)})
    timeline = improvement.voice_timeline(plans)
    assert timeline["in_window"].tolist() == [True, False, False]
    assert "before the first results arrived" in timeline.loc[1, "problem"]
    assert "on or after the second administration" in timeline.loc[2, "problem"]
    assert timeline.loc[0, "days"] == 47


def test_pdsa_tests_and_student_work_roles() -> None:
    pdsa = pd.DataFrame({"cycle": [2.0, 1.0], "question": ["q", "q"], "change_idea": ["c", "c"],
                         "prediction": ["p", None], "measure": ["m", "m"], "study": ["s", "s"]})
    tests = improvement.pdsa_tests(pdsa)
    assert tests["cycle"].tolist() == [1, 2] and tests["complete"].tolist() == [False, True]
    assert tests.loc[0, "missing"] == "prediction"
    work = pd.DataFrame({"teacher": "A", "role": ["presenting"], "date": pd.to_datetime(["2025-11-01"]),
                         "protocol": ["Tuning Protocol"], "student_work": ["essay"], "reflection": ["r"],
                         "next_steps": [None]})
    roles = improvement.student_work_roles(work, "A").set_index("role")
    assert roles.loc["presenting", "missing"] == "next steps"
    assert roles.loc["facilitating", "missing"] == "no discussion recorded"


def test_identifier_hits_are_whole_tokens() -> None:
    text = "student_id,group\n000123,reteach\n9000123,other\nS-77 note"
    assert improvement.identifier_hits(text, ["000123", "900", "S-77", "12"]) == ["000123", "S-77"]
    assert improvement.identifier_hits("nothing here", ["000123"]) == []
