"""The marking rule: right, a named trap, where to look, then the hint."""

from __future__ import annotations

import pytest

from datadriver_utils.training.exercise import Task, judge, parse_number


def number_task() -> Task:
    return Task(prompt="Percent proficient?", answer=37.8, explanation="30 of 79 students.", where="table 1",
                hint="Count students, not points.", unit="%", tolerance=0.15,
                traps=((55.7, "that is the mean percent correct"),))


@pytest.mark.parametrize("typed", ["37.8", "37,8", " 37.8% ", "37.9", 37.7])
def test_answers_within_tolerance_and_in_local_spellings_are_right(typed) -> None:
    feedback = judge(number_task(), typed, 1)
    assert feedback.correct and feedback.message == "Right. 30 of 79 students."


def test_a_trap_is_named_then_the_hint_comes_on_the_second_try() -> None:
    first = judge(number_task(), "55.7", 1)
    assert not first.correct and "mean percent correct" in first.message and "table 1" in first.message
    assert not first.hint_shown
    second = judge(number_task(), "40", 2)
    assert second.hint_shown and "Count students, not points." in second.message
    assert "mean percent correct" not in second.message


def test_no_answer_or_text_asks_for_a_number_without_counting_as_wrong() -> None:
    assert "Type a number" in judge(number_task(), "about half", 1).message
    assert "Type a number" in judge(number_task(), None, 1).message


def test_choices() -> None:
    task = Task(prompt="Which item?", answer="Q2", kind="choice", options=("Q1", "Q2", "Q3"),
                explanation="r = -0.31.", where="the item map", hint="Below zero.",
                traps=(("Q3", "Q3 is hard, not wrong"),))
    assert judge(task, "Q2", 1).correct
    assert "Q3 is hard, not wrong" in judge(task, "Q3", 1).message
    assert "Pick one" in judge(task, None, 1).message


def test_a_task_whose_answer_is_not_an_option_is_refused() -> None:
    with pytest.raises(ValueError):
        Task(prompt="?", answer="Q9", kind="choice", options=("Q1",), explanation="", where="", hint="")


@pytest.mark.parametrize(("text", "value"), [("1,5", 1.5), ("12%", 12.0), ("nan", None), ("", None), ("x", None)])
def test_parse_number(text, value) -> None:
    assert parse_number(text) == value
