"""An exercise that coaches: the answer comes from the data, the feedback says why.

Grading tools (nbgrader, otter-grader) say right or wrong.  A data coach learning to
facilitate needs to hear *why*, in the team's own numbers, and where to look; so an
:class:`Exercise` does not hold an answer.  It holds ``solve``, a function from the team's
:class:`~datadriver_utils.notebook.report.Report` to a :class:`Task`: the question as the
learner reads it, the answer computed at run time from the same statistics the notebook
shows, the explanation, the table or chart that shows it, a hint, and the tempting wrong
answers with what each one means.  Change the data and the answer changes with it; nothing is
hard-coded.

:func:`judge` is the whole marking rule, kept apart from the widget so tests (and the batch's
worked answers) use exactly what the learner meets:

* right → "Right." and the explanation;
* a known trap (say 38.2 where the matched figure is 37.8) → what that number actually is;
* first wrong try → where to look again;
* second wrong try and after → the hint as well; the worked answer is one click away.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from datadriver_utils.notebook.report import Report

__all__ = ["Exercise", "Feedback", "Task", "judge", "parse_number"]

AnswerKind = Literal["number", "choice"]


@dataclass(frozen=True)
class Task:
    """One exercise as it reads on one team's data.

    ``answer`` is a number (``kind="number"``, accepted within ``tolerance``) or one of
    ``options`` (``kind="choice"``).  ``traps`` pairs tempting wrong answers with what they
    really are, so the feedback can name the mistake rather than only reject it.
    """

    prompt: str
    answer: float | str
    explanation: str
    where: str
    hint: str
    kind: AnswerKind = "number"
    options: tuple[str, ...] = ()
    tolerance: float = 0.05
    unit: str = ""
    traps: tuple[tuple[float | str, str], ...] = ()

    def __post_init__(self) -> None:
        if self.kind == "choice" and self.answer not in self.options:
            raise ValueError(f"the answer {self.answer!r} is not among the options {self.options}")
        if self.kind == "number" and not isinstance(self.answer, int | float):
            raise ValueError("a number exercise needs a numeric answer")

    @property
    def shown_answer(self) -> str:
        """The answer as the worked solution prints it."""
        if isinstance(self.answer, float):
            return f"{self.answer:g}{self.unit}"
        return f"{self.answer}{self.unit}"

    def accepts(self, response: float | str | None) -> bool:
        """True when ``response`` is the answer (numbers within ``tolerance``)."""
        if response is None:
            return False
        if self.kind == "choice":
            return str(response) == str(self.answer)
        number = parse_number(response)
        return number is not None and math.isclose(number, float(self.answer), abs_tol=self.tolerance)

    def trap_for(self, response: float | str | None) -> str | None:
        """What a tempting wrong answer actually is, if ``response`` is one."""
        for value, meaning in self.traps:
            if self.kind == "choice" and str(response) == str(value):
                return meaning
            number = parse_number(response) if self.kind == "number" else None
            if number is not None and isinstance(value, int | float) and math.isclose(
                    number, float(value), abs_tol=self.tolerance):
                return meaning
        return None


@dataclass(frozen=True)
class Exercise:
    """A practice question of a notebook, solved from the data each time it is asked.

    ``solve`` returns ``None`` when the team's files cannot support the question (a team with
    no run chart cannot practise reading one); the practice view then says which file would.
    """

    id: str
    notebook: str
    title: str
    practises: str
    solve: Callable[[Report], Task | None]
    needs: Sequence[str] = field(default_factory=tuple)


@dataclass(frozen=True)
class Feedback:
    """What the learner is told after a Check."""

    correct: bool
    message: str
    hint_shown: bool = False
    attempt: int = 1


def parse_number(value: float | str | None) -> float | None:
    """A typed answer as a number: ``"38,2"``, ``"38.2%"`` and ``" 38.2 "`` all read 38.2."""
    if value is None:
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    text = str(value).strip().rstrip("%").strip().replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def judge(task: Task, response: float | str | None, attempt: int) -> Feedback:
    """Mark one try (``attempt`` counts from 1) and say why, in the team's numbers."""
    if task.accepts(response):
        return Feedback(True, f"Right. {task.explanation}", attempt=attempt)
    if response is None or (task.kind == "number" and parse_number(response) is None):
        what = "Pick one of the options" if task.kind == "choice" else "Type a number (for example 42.5)"
        return Feedback(False, f"{what}, then press Check.", attempt=attempt)
    trap = task.trap_for(response)
    said = f"Not quite: {trap}" if trap else "Not quite."
    if attempt <= 1:
        return Feedback(False, f"{said} Look again at {task.where}.", attempt=attempt)
    return Feedback(False, f"{said} Hint: {task.hint}", hint_shown=True, attempt=attempt)
