"""Which training mode a notebook runs in, and for which learner.

Kept apart (and free of heavy imports) because two layers ask: the practice cell of every
notebook, and the workshop's capture widgets, which in ``practice`` mode start filled with the
sample team's last saved session so a learner sees what a finished workshop looks like.
``datadriver training`` sets both variables when it starts JupyterLab on the learner's copy.
"""

from __future__ import annotations

import os

from datadriver_utils.errors import DataDriverError

__all__ = ["LEARNER_VARIABLE", "MODES", "MODE_VARIABLE", "OFF", "PRACTICE", "WORKED", "resolve_learner", "resolve_mode"]

OFF, PRACTICE, WORKED = "off", "practice", "worked"
MODES = (OFF, PRACTICE, WORKED)
MODE_VARIABLE = "DATADRIVER_TRAINING"
LEARNER_VARIABLE = "DATADRIVER_LEARNER"


def resolve_mode(mode: str | None = None) -> str:
    """``mode``, else ``$DATADRIVER_TRAINING``, else ``"off"``; anything else is an error."""
    chosen = (mode or os.environ.get(MODE_VARIABLE) or "off").strip().lower()
    if chosen not in MODES:
        raise DataDriverError(f"training = {mode or chosen!r} is not a training mode: use one of {', '.join(MODES)}.")
    return chosen


def resolve_learner(learner: str | None = None) -> str:
    """``learner``, else ``$DATADRIVER_LEARNER``, else ``""`` (progress is then not kept)."""
    return (learner or os.environ.get(LEARNER_VARIABLE) or "").strip()
