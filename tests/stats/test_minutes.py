"""Minutes as a record of actions followed up: three meetings worked through by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from datadriver_utils.stats.minutes import action_register, follow_up_matrix, meeting_log, minutes_summary, open_actions

MEETINGS = [
    {"meeting": "2025-10-07", "present": ["Ana", "Ben"], "decisions": ["Grade for accuracy", "Meet weekly"],
     "actions": [{"id": "2025-10-07#1", "action": "Bring data", "owner": "Ana", "due": "2025-10-20"},
                 {"id": "2025-10-07#2", "action": "Book room", "owner": "Ben", "due": "2025-11-30"}]},
    {"meeting": "2025-10-21", "present": "Ana, Ben, Cy",
     "actions": [{"action": "Draft letter", "owner": "Cy", "due": "2025-10-28"}],
     "follow_up": [{"id": "2025-10-07#1", "status": "Completed"}]},
    {"meeting": "2025-11-04", "follow_up": [{"id": "2025-10-07#2", "status": "in progress"},
                                            {"id": "2025-10-21#1", "status": "maybe later"}]},
    {"prompt": "Minutes", "text": "free text from before"},
]


def register() -> pd.DataFrame:
    return action_register(meeting_log(MEETINGS))


def test_meetings_actions_and_follow_ups_are_read() -> None:
    log = meeting_log(MEETINGS)
    assert log.unstructured == 1
    assert log.meetings["n_present"].tolist() == [2, 3, 0]
    assert log.meetings["n_decisions"].tolist() == [2, 0, 0]
    assert log.meetings["n_new_actions"].tolist() == [2, 1, 0]
    assert log.meetings["n_reviewed"].tolist() == [0, 1, 1]  # "maybe later" is not a status
    assert log.actions["action_id"].tolist() == ["2025-10-07#1", "2025-10-07#2", "2025-10-21#1"]


def test_register_by_hand() -> None:
    table = register().set_index("action")
    # judged at the latest meeting, 2025-11-04
    assert table["flag"].to_dict() == {"Bring data": "done", "Book room": "open", "Draft letter": "overdue"}
    assert table.loc["Draft letter", "days_overdue"] == 7
    assert table.loc["Draft letter", "status"] == "not reviewed"
    # Bring data: reviewed at the next meeting; Book room: skipped on 10-21; Draft letter: nothing recorded 11-04
    assert table["followed_up_next"].tolist() == [True, False, False]
    assert table["meetings_open"].tolist() == [0, 2, 1]


def test_follow_up_matrix_and_summary() -> None:
    log = meeting_log(MEETINGS)
    table = register()
    matrix = follow_up_matrix(log, table).set_index("action")
    assert matrix.loc["Bring data"].tolist() == ["Ana", "raised", "done", ""]
    assert matrix.loc["Book room"].tolist() == ["Ben", "raised", "not reviewed", "in progress"]
    assert matrix.loc["Draft letter"].tolist() == ["Cy", "", "raised", "not reviewed"]
    facts = minutes_summary(log, table, with_owner=False)
    assert facts["as_of"] == "2025-11-04" and facts["n_meetings"] == 3 and facts["n_actions"] == 3
    assert facts["by_flag"] == {"done": 1, "open": 1, "overdue": 1}
    assert facts["followed_up_next_pct"] == pytest.approx(100 / 3)
    assert facts["n_carried_over"] == 1
    assert facts["overdue"] == [{"action": "Draft letter", "due": "2025-10-28", "days_overdue": 7}]
    assert open_actions(table)["action"].tolist() == ["Book room", "Draft letter"]


def test_a_later_save_of_the_same_meeting_corrects_it() -> None:
    corrected = [*MEETINGS[:3], {**MEETINGS[2], "follow_up": [{"id": "2025-10-07#2", "status": "done"},
                                                              {"id": "2025-10-21#1", "status": "dropped"}]}]
    table = action_register(meeting_log(corrected)).set_index("action")
    assert table["flag"].to_dict() == {"Bring data": "done", "Book room": "done", "Draft letter": "dropped"}
    assert table["meetings_open"].tolist() == [0, 1, 0]


def test_no_structured_minutes_give_an_empty_record() -> None:
    log = meeting_log([{"text": "just words"}])
    assert log.meetings.empty and action_register(log).empty and log.unstructured == 1
