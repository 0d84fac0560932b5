"""The training path: which notebook to practise in which order, how long it takes, what it teaches.

The order follows the inquiry cycle a facilitator will run (Module 1 first, then the Data
Driver strand).  A step's time is the session length the notebook itself states plus about
three minutes per exercise; what it practises is read from its exercises, so the path cannot
promise an exercise that does not exist.  :func:`progress_table` sets a learner's saved
progress (:class:`~datadriver_utils.training.progress.ProgressStore`) beside it.
"""

from __future__ import annotations

import pandas as pd

from datadriver_utils.notebook.results import Result, Table
from datadriver_utils.training.practice import all_exercises
from datadriver_utils.training.progress import ProgressStore
from datadriver_utils.training.rehearsal import REHEARSALS, notebook_minutes

__all__ = ["MINUTES_PER_EXERCISE", "path_table", "progress_table"]

MINUTES_PER_EXERCISE = 3


def path_table() -> pd.DataFrame:
    """``step, notebook, minutes, exercises, practises, rehearsal`` in training order."""
    rows = []
    for step, (notebook, exercises) in enumerate(all_exercises().items(), start=1):
        session = notebook_minutes(notebook) or 0
        rows.append({
            "step": step, "notebook": notebook,
            "minutes": session + MINUTES_PER_EXERCISE * len(exercises),
            "exercises": len(exercises),
            "practises": "; ".join(e.practises for e in exercises),
            "rehearsal": notebook in REHEARSALS,
        })
    return pd.DataFrame(rows, columns=["step", "notebook", "minutes", "exercises", "practises", "rehearsal"])


def progress_table(learner: str = "") -> Result:
    """The path with the learner's progress: exercises done, tries, and what is next."""
    path = path_table()
    done: dict[str, dict[str, object]] = ProgressStore(learner).load() if learner.strip() else {}
    ids = {notebook: [e.id for e in exercises] for notebook, exercises in all_exercises().items()}
    path["done"] = [sum(bool(done.get(i, {}).get("correct")) for i in ids[n]) for n in path["notebook"]]
    path["tries"] = [sum(int(done.get(i, {}).get("tries", 0)) for i in ids[n]) for n in path["notebook"]]  # type: ignore[call-overload]
    unfinished = path[path["done"] < path["exercises"]]
    shown = path.assign(done=path["done"].astype(str) + " of " + path["exercises"].astype(str),
                        rehearsal=path["rehearsal"].map({True: "yes", False: "—"}))
    shown = shown.drop(columns=["exercises"]).rename(columns={
        "step": "Step", "notebook": "Notebook", "minutes": "Minutes", "practises": "What you practise",
        "rehearsal": "Run-it-yourself checklist", "done": "Done", "tries": "Tries"})
    total = int(path["minutes"].sum())
    result = Result([Table(data=path, shown=shown, caption=f"Training path: about {total // 60} h {total % 60} min",
                           name="training path")], value=path)
    if not learner.strip():
        return result.note("Set a learner name to see and keep your progress.", "info")
    if unfinished.empty:
        return result.note(f"{learner}: every exercise is done.", "good")
    return result.note(f"{learner}: next, {unfinished.iloc[0]['notebook']}.", "info")
