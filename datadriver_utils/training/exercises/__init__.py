"""One module of exercises per notebook, named after the notebook's view module.

Each module defines ``EXERCISES``, a tuple of :class:`~datadriver_utils.training.exercise.Exercise`
whose ``solve`` reads the same results the notebook shows (so the answer is what the learner
can see) and returns ``None`` when the team's data cannot support the question.
"""
