"""The exercise widget: answer, Check, feedback that explains; a hint on the second wrong try.

Like the workshop widgets, the box carries ``box.controls`` (``answer``, ``check``,
``feedback``, ``reveal``, ``worked``) so a test presses the same buttons a learner does:
``box.controls["answer"].value = "37.8"; box.controls["check"].click()``.  The marking is
:func:`~datadriver_utils.training.exercise.judge`; this module only wires it to controls and
records the try in the learner's :class:`~datadriver_utils.training.progress.ProgressStore`.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from datadriver_utils.core.safe_text import escape_text
from datadriver_utils.errors import DataDriverError
from datadriver_utils.training.exercise import Exercise, Feedback, Task, judge
from datadriver_utils.training.progress import ProgressStore

__all__ = ["exercise_widget", "feedback_html", "worked_html"]

_COLOURS = {True: ("#1b5e20", "#e8f5e9"), False: ("#8a4b00", "#fff4e5")}


def feedback_html(feedback: Feedback) -> str:
    """The feedback line, coloured by outcome (text escaped)."""
    colour, background = _COLOURS[feedback.correct]
    return (f'<div role="status" style="color:{colour};background:{background};padding:4px 8px;'
            f'border-radius:4px">{escape_text(feedback.message)}</div>')


def worked_html(task: Task) -> str:
    """The worked answer: the answer, why, and where the notebook shows it."""
    return (f"<p><b>Answer:</b> {escape_text(task.shown_answer)}</p>"
            f"<p><b>Why:</b> {escape_text(task.explanation)}</p>"
            f"<p><b>Where to see it:</b> {escape_text(task.where)}</p>")


def _answer_control(task: Task) -> w.Widget:
    if task.kind == "choice":
        return w.RadioButtons(options=list(task.options), value=None, layout=w.Layout(width="auto"))
    return w.Text(placeholder="your answer" + (f" ({task.unit.strip()})" if task.unit.strip() else ""),
                  layout=w.Layout(width="14em"))


def exercise_widget(exercise: Exercise, task: Task, progress: ProgressStore | None = None) -> w.VBox:
    """One exercise, live: prompt, answer control, Check, feedback, and the worked answer on request."""
    answer = _answer_control(task)
    check = w.Button(description="Check", button_style="primary")
    feedback, worked = w.HTML(), w.HTML()
    reveal = w.Button(description="Show the worked answer", layout=w.Layout(display="none"))
    state: dict[str, Any] = {"attempts": 0}

    def on_check(_: Any) -> None:
        response = answer.value if answer.value not in ("", None) else None
        state["attempts"] += 1 if response is not None else 0
        result = judge(task, response, max(state["attempts"], 1))
        feedback.value = feedback_html(result)
        if progress is not None and response is not None:
            try:
                progress.record(exercise.id, result.correct)
            except (DataDriverError, OSError) as err:  # progress is a convenience; say so, go on
                feedback.value += f"<p><i>Progress not saved: {escape_text(err)}</i></p>"
        if not result.correct and state["attempts"] >= 2:
            reveal.layout.display = None

    def on_reveal(_: Any) -> None:
        worked.value = worked_html(task)

    check.on_click(on_check)
    reveal.on_click(on_reveal)
    header = w.HTML(f"<b>{escape_text(exercise.id)} {escape_text(exercise.title)}</b>"
                    f"<p>{escape_text(task.prompt)}</p>")
    box = w.VBox([header, answer, w.HBox([check, reveal]), feedback, worked])
    box.controls = {"answer": answer, "check": check, "feedback": feedback, "reveal": reveal, "worked": worked}
    box.state = state
    return box
