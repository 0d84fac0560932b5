"""The live goal builder of notebook 13, and the one place that writes the goal into team.yml.

In the room the team edits the statement, standards, cut and target and watches the baseline
check and the SMART checklist redraw (:func:`datadriver_utils.stats.goals.review_goal`).
Nothing is written until someone presses Save; then :func:`save_goal` keeps the previous
team.yml byte for byte in ``responses/goal_setter/`` and replaces team.yml atomically.  A
report never shows the widget (nbconvert would embed its state, the check's exact counts, in the
HTML): the view :func:`datadriver_utils.strands.goal_setter.goal_builder` builds it for the
team audience only.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as w
import numpy as np
import pandas as pd
import yaml
from pydantic import ValidationError

from datadriver_utils.contract.config import Cycle, LearningGoal, TeamConfig
from datadriver_utils.core.paths import atomic_write_bytes, atomic_write_text, resolve_inside
from datadriver_utils.core.safe_text import escape_text
from datadriver_utils.core.timestamps import file_stamp
from datadriver_utils.errors import CaptureError, DataDriverError
from datadriver_utils.stats.goals import GoalReview, ReachThresholds, review_goal
from datadriver_utils.stats.smart import MET_WORDS

__all__ = ["BACKUP_DIR", "SavedGoal", "goal_builder", "review_html", "save_goal"]

BACKUP_DIR = ("responses", "goal_setter")
"""Where the previous team.yml is kept, inside the team folder."""


@dataclass(frozen=True)
class SavedGoal:
    """Where the new team.yml and the kept previous version are."""

    team_yml: Path
    previous: Path


def _read_team_yml(team_yml: Path) -> tuple[bytes, dict[str, Any]]:
    old_bytes = team_yml.read_bytes()
    try:
        raw = yaml.safe_load(old_bytes.decode("utf-8-sig"))
    except (UnicodeDecodeError, yaml.YAMLError) as err:
        raise CaptureError(f"{team_yml} could not be read as YAML ({err}); fix it before saving a goal.") from err
    if not isinstance(raw, dict):
        raise CaptureError(f"{team_yml} does not hold named fields; fix it before saving a goal.")
    return old_bytes, raw


def save_goal(team_dir: Path | str, goal: Mapping[str, Any], *, now: dt.datetime | None = None) -> SavedGoal:
    """Write ``goal`` into team.yml, keeping the previous file first.

    The current team.yml is copied byte for byte to ``responses/goal_setter/team.<UTC
    time>.yml``; then the goal's given fields replace the old ones (other goal fields, such as
    ``progress_rating``, and every other key of team.yml are kept, in order) and the file is
    replaced atomically (:func:`datadriver_utils.core.paths.atomic_write_text`).  Comments in
    team.yml are not carried over by ``yaml.safe_dump``; the kept copy still has them.

    Raises
    ------
    CaptureError
        When team.yml cannot be read, or the goal or the resulting team.yml would not pass the
        data contract; nothing is written then.
    OutputWriteError
        When a file cannot be written (disk full, read-only); team.yml is then unchanged.
    """
    team_yml = resolve_inside(team_dir, "team.yml")
    old_bytes, raw = _read_team_yml(team_yml)
    new_goal = {**(raw.get("goal") or {}), **{k: _plain(v) for k, v in goal.items()}}
    try:
        LearningGoal.model_validate(new_goal)
        TeamConfig.model_validate({**raw, "goal": new_goal})
    except ValidationError as err:
        details = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'goal'}: {e['msg']}" for e in err.errors())
        raise CaptureError(f"The goal was not saved to team.yml: {details}.") from err
    folder = resolve_inside(team_dir, *BACKUP_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    previous = folder / f"team.{file_stamp(now)}.yml"
    while previous.exists():
        previous = folder / f"team.{file_stamp(now)}-{secrets.token_hex(3)}.yml"
    atomic_write_bytes(previous, old_bytes)
    atomic_write_text(team_yml, yaml.safe_dump({**raw, "goal": new_goal}, sort_keys=False, allow_unicode=True))
    return SavedGoal(team_yml, previous)


def _plain(value: Any) -> Any:
    """A widget's value as team.yml holds it: lists without blanks, whole floats as ints, text stripped."""
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return int(value)
    return value.strip() if isinstance(value, str) else value


def review_html(review: GoalReview) -> str:
    """The check in words, the pooled-standards warning and the SMART checklist, escaped (people
    type the statement)."""
    rows = "".join(f"<li><b>{escape_text(i.criterion)}</b>: {escape_text(MET_WORDS[i.met])} — "
                   f"{escape_text(i.explanation)}</li>" for i in review.smart.items)
    pooled = f"<p><b>Pooled standards:</b> {escape_text(review.pooling.explanation)}</p>" if review.pooling.pooled else ""
    return f"<p>{escape_text(review.check.explanation)}</p>{pooled}<ul>{rows}</ul>"


def _controls(goal: LearningGoal | None, assessed: Sequence[str]) -> dict[str, w.Widget]:
    statement, standards = (goal.statement, list(goal.standards)) if goal else ("", [])
    cut, target = (goal.points_cut_pct, goal.target_pct_proficient) if goal else (70.0, 70.0)
    return {
        "statement": w.Textarea(value=statement, description="Goal", layout=w.Layout(width="40em", height="5em")),
        "standards": w.SelectMultiple(options=sorted({*assessed, *standards}), value=tuple(standards),
                                      description="Standards"),
        "cut": w.BoundedFloatText(value=cut, min=1, max=100, step=1, description="Cut (%)"),
        "target": w.BoundedFloatText(value=target, min=1, max=100, step=1, description="Target (%)"),
        "save": w.Button(description="Save goal to team.yml", button_style="warning"),
    }


def goal_builder(assessments: pd.DataFrame, team_dir: Path, goal: LearningGoal | None, *,
                 thresholds: ReachThresholds = ReachThresholds(), cycle: Cycle | None = None,
                 on_saved: Callable[[SavedGoal], None] | None = None) -> w.VBox:
    """A live goal builder: fields, the check redrawn as they change, Save to team.yml.

    ``cycle`` (team.yml) dates "the end of the cycle" in the SMART checklist.  ``box.controls`` holds the inputs and the ``save`` button, ``box.check`` the check view and
    ``box.status`` the save line, so tests can drive it without a browser.
    """
    controls = _controls(goal, sorted(set(assessments["standard"].dropna().unique())))
    check, status = w.HTML(), w.HTML()

    def values() -> dict[str, Any]:
        return {"statement": controls["statement"].value, "standards": list(controls["standards"].value),
                "proficiency_cut_pct": controls["cut"].value, "target_pct_proficient": controls["target"].value}

    def refresh(_: Any = None) -> None:
        v = values()
        check.value = review_html(review_goal(assessments, v["statement"], v["standards"], v["proficiency_cut_pct"],
                                              v["target_pct_proficient"], thresholds, cycle=cycle))

    def save(_: Any = None) -> None:
        try:
            saved = save_goal(team_dir, values())
        except DataDriverError as err:
            status.value = f"<b>Not saved:</b> {escape_text(err)}"
            return
        status.value = escape_text(f"Saved to team.yml; the previous version is kept as {saved.previous.name}.")
        if on_saved is not None:
            on_saved(saved)

    for name in ("statement", "standards", "cut", "target"):
        controls[name].observe(refresh, names="value")
    controls["save"].on_click(save)
    refresh()
    box = w.VBox([*controls.values(), check, status])
    box.controls, box.check, box.status = controls, check, status  # type: ignore[attr-defined]
    return box
