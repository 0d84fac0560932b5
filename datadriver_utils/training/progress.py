"""A learner's progress: which exercises they tried and got right, kept out of every team folder.

Progress belongs to the person learning, not to a team's data: a coach practising on the
sample district must not leave files in it, and a team's folder must never hold a trainee's
mistakes.  It is saved under the user's own data folder (``platformdirs.user_data_dir``, e.g.
``~/.local/share/datadriver/training/<learner>.json``; ``DATADRIVER_TRAINING_DIR`` moves it),
created readable by its owner only, written atomically, and removed by :meth:`reset`.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from datadriver_utils.core.paths import atomic_write_json
from datadriver_utils.core.timestamps import utc_now
from datadriver_utils.errors import CaptureError

__all__ = ["ProgressStore", "training_home"]

_LEARNER = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}")


def training_home() -> Path:
    """Where learners' progress files live (``DATADRIVER_TRAINING_DIR`` wins)."""
    configured = os.environ.get("DATADRIVER_TRAINING_DIR")
    return Path(configured) if configured else Path(platformdirs.user_data_dir("datadriver")) / "training"


@dataclass
class ProgressStore:
    """One learner's record: exercise id → tries, whether right, when last tried."""

    learner: str
    root: Path | None = None

    def __post_init__(self) -> None:
        name = (self.learner or "").strip()
        if not _LEARNER.fullmatch(name):
            raise CaptureError(
                f"Learner name {self.learner!r} cannot be used for a progress file: use 1 to 64 letters, "
                "digits, spaces, '.', '_' or '-', starting with a letter or digit (for example 'Ana R').")
        self.learner = name
        self.root = Path(self.root) if self.root is not None else training_home()

    @property
    def path(self) -> Path:
        assert self.root is not None
        return self.root / (self.learner.replace(" ", "_").lower() + ".json")

    def load(self) -> dict[str, dict[str, Any]]:
        """Every exercise tried so far (empty for a new learner or after a reset)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as err:
            raise CaptureError(f"The progress file {self.path} cannot be read ({err}). "
                               "Reset it with training.reset_progress(learner).") from err
        return data.get("exercises", {}) if isinstance(data, dict) else {}

    def record(self, exercise_id: str, correct: bool) -> dict[str, Any]:
        """Count one try; once right, an exercise stays done."""
        exercises = self.load()
        entry = exercises.get(exercise_id, {"tries": 0, "correct": False})
        entry = {"tries": int(entry.get("tries", 0)) + 1, "correct": bool(entry.get("correct")) or correct,
                 "last_tried": utc_now().isoformat(timespec="seconds")}
        exercises[exercise_id] = entry
        assert self.root is not None
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write_json(self.path, {"learner": self.learner, "exercises": exercises})
        return entry

    def reset(self) -> bool:
        """Forget everything; True if there was something to forget."""
        try:
            self.path.unlink()
        except FileNotFoundError:
            return False
        return True
