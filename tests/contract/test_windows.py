"""Windows and administrations in time order: team.yml first, then dates, then the label, never A-Z."""

from __future__ import annotations

import pytest

from datadriver_utils.contract.config import TeamConfig
from datadriver_utils.contract.windows import order_windows, pre_post_windows, window_sort_key


@pytest.mark.parametrize("labels, expected", [
    (["Spring 2024-2025", "Fall 2024-2025", "Winter 2024-2025"],
     ["Fall 2024-2025", "Winter 2024-2025", "Spring 2024-2025"]),
    (["EOY", "BOY", "MOY"], ["BOY", "MOY", "EOY"]),
    (["fall 2025", "spring 2025"], ["spring 2025", "fall 2025"]),
    (["post", "pre"], ["pre", "post"]),
    (["Fall 2025-2026", "Spring 2024-2025", "Fall 2024-2025"],
     ["Fall 2024-2025", "Spring 2024-2025", "Fall 2025-2026"]),
    (["End of Year", "Beginning of Year", "Middle of Year"], ["Beginning of Year", "Middle of Year", "End of Year"]),
    (["spring 2023-24", "fall 2023-24"], ["fall 2023-24", "spring 2023-24"]),
    (["2025-11-02", "2025-09-15", "2026-01-10"], ["2025-09-15", "2025-11-02", "2026-01-10"]),
    (["Spring (March 2 - End of Year) 2025-2026", "Winter (November 16 - March 1) 2025-2026"],
     ["Winter (November 16 - March 1) 2025-2026", "Spring (March 2 - End of Year) 2025-2026"]),
    (["summer 2025", "fall 2025", "spring 2025"], ["spring 2025", "summer 2025", "fall 2025"]),
])
def test_labels_sort_by_time_not_alphabet(labels, expected):
    assert order_windows(labels) == expected


def test_unreadable_labels_keep_first_appearance_after_readable_ones():
    assert order_windows(["unit 3", "unit 1", "fall 2025", "unit 3"]) == ["fall 2025", "unit 3", "unit 1"]


def test_team_list_wins_over_the_label():
    assert order_windows(["fall", "spring", "winter"], listed=["spring", "fall", "winter"]) == ["spring", "fall", "winter"]


def test_dates_decide_when_every_unlisted_label_has_one():
    dates = {"checkpoint b": "2025-10-01", "checkpoint a": "2025-12-01"}
    assert order_windows(["checkpoint a", "checkpoint b"], dates=dates) == ["checkpoint b", "checkpoint a"]


def test_team_config_keeps_its_order_and_allows_pre_and_post():
    config = TeamConfig(name="t", school="s", subject="m", grade_levels=[3], windows=["Pre", "Mid", "Post"])
    assert config.windows == ["pre", "mid", "post"]
    config = TeamConfig(name="t", school="s", subject="m", grade_levels=[3], windows=["Fall 2024-2025", "Spring 2024-2025"])
    assert config.windows == ["pre", "fall 2024-2025", "spring 2024-2025", "post"]


def test_pre_and_post_windows():
    assert pre_post_windows(["post", "pre"]) == ("pre", "post")
    assert pre_post_windows(["spring 2024-2025", "fall 2024-2025", "winter 2024-2025"]) == (
        "fall 2024-2025", "spring 2024-2025")
    assert pre_post_windows(["fall 2024-2025"]) == ("fall 2024-2025", None)
    assert pre_post_windows([]) == (None, None)


def test_sort_key_reads_school_years_and_calendar_years():
    assert window_sort_key("Fall 2021-2022") == (2021, 1.0, 0.0)
    assert window_sort_key("spring 2025") == (2024, 3.0, 0.0)
    assert window_sort_key("unit 4") is None
