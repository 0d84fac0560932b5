"""Self-paced facilitator training: exercises that check a learner's reading of the data.

A coach learning to facilitate practises on the sample district: every notebook ends with a
practice cell (:func:`practice`) whose exercises are solved from the team's data at run time
(:mod:`.exercise`), marked with feedback that explains why in the team's own numbers
(:func:`.exercise.judge`), and recorded in the learner's private progress file
(:mod:`.progress`).  :mod:`.path` orders the notebooks into a training path with times and
what each practises; :mod:`.rehearsal` holds the "run it yourself" checklist of each workshop.
"""

from datadriver_utils.training.exercise import Exercise, Feedback, Task, judge
from datadriver_utils.training.practice import all_exercises, exercises_for, practice, resolve_mode
from datadriver_utils.training.progress import ProgressStore

__all__ = ["Exercise", "Feedback", "ProgressStore", "Task", "all_exercises", "exercises_for", "judge",
           "practice", "resolve_mode"]
