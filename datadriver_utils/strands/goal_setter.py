"""The Goal Setter strand: a student learning goal the team can reach and can check.

The Goal Setter micro-credential of the Data Driver strand (Teaching Matters; shared/seeds 000)
asks for a goal set from evidence.  Here the evidence is the **baseline**: the pre assessment
on the goal's standards, read at the team's cut (percent correct ≥ ``proficiency_cut_pct``).

Checking a target against it (all counts are whole students):

* students needed at the cut = ⌈target × n ÷ 100⌉, taken on the product rounded to 9 decimals
  so that 70% of 10 is 7, not 8 (0.7 × 10 is 7.000000000000001 in floating point);
* **students to cross** = max(needed − already proficient, 0); the implied increase in percent
  proficient = target − baseline, in percentage points;
* **share to cross** = students to cross ÷ students below the cut.  Our documented defaults
  (:class:`ReachThresholds`): above 80% of the students below the cut is *out of reach* for one
  cycle, above 50% is *ambitious*, and so is an increase larger than a gain the district says it
  typically sees (``typical_gain_points``, off unless given); a target at or under the baseline is
  *already met*.  There is no published norm for these cut-offs: a district should set its own.

The SMART checklist reads the goal statement itself; the builder (a live-only widget) writes
team.yml only when Save is clicked, keeping the previous file in ``responses/goal_setter/``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import ipywidgets as w
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import yaml
from IPython.display import display
from matplotlib.figure import Figure
from pydantic import ValidationError

from datadriver_utils.contract.config import LearningGoal, TeamConfig
from datadriver_utils.core.paths import atomic_write_bytes, atomic_write_text, resolve_inside
from datadriver_utils.core.safe_text import escape_text
from datadriver_utils.core.timestamps import file_stamp
from datadriver_utils.errors import CaptureError, DataDriverError
from datadriver_utils.notebook.report import Report
from datadriver_utils.privacy.coding import PUBLISHED, SHOWN, TOP
from datadriver_utils.privacy.release import value_status
from datadriver_utils.privacy.rules import Audience
from datadriver_utils.stats.gains import student_percent_correct

__all__ = [
    "STATUSES", "SMART_CRITERIA", "BACKUP_DIR", "Baseline", "ReachThresholds", "GoalCheck", "SmartItem",
    "SmartCheck", "GoalReview", "SavedGoal", "measured_standards", "baseline_scores", "baseline", "check_goal",
    "smart_check", "review_goal", "team_review", "save_goal", "baseline_figure", "goal_builder", "show_goal",
    "show_baseline_check", "show_smart", "show_baseline_chart", "show_goal_builder", "goal_setter_summary",
    "publish_goal_setter",
]

STATUSES: tuple[str, ...] = ("already met", "reachable", "ambitious", "out of reach")
BACKUP_DIR = ("responses", "goal_setter")


def measured_standards(assessments: pd.DataFrame, standards: Sequence[str]) -> list[str]:
    """The goal's standards that were assessed; all assessed standards if none were (as
    :func:`datadriver_utils.stats.gains.goal_result` does)."""
    assessed = set(assessments["standard"].dropna())
    return [s for s in standards if s in assessed] or sorted(assessed)


def baseline_scores(assessments: pd.DataFrame, standards: Sequence[str], window: str = "pre") -> pd.Series:
    """Each student's percent correct on the measured standards in the baseline window."""
    scores = student_percent_correct(assessments, measured_standards(assessments, standards))
    return scores.loc[scores["window"] == window, "pct_correct"].reset_index(drop=True)


@dataclass(frozen=True)
class Baseline:
    """Where the students start on the goal's standards."""

    standards: list[str]
    cut_pct: float
    n: int
    n_proficient: int
    pct_proficient: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def baseline(assessments: pd.DataFrame, standards: Sequence[str], cut_pct: float, window: str = "pre") -> Baseline:
    """Percent proficient at the cut on the baseline window (None without students)."""
    scores = baseline_scores(assessments, standards, window)
    n, n_prof = int(scores.count()), int((scores >= cut_pct).sum())
    return Baseline(measured_standards(assessments, standards), float(cut_pct), n, n_prof,
                    n_prof / n * 100 if n else None)


@dataclass(frozen=True)
class ReachThresholds:
    """When a target is ambitious or out of reach (our documented defaults; see the module)."""

    ambitious_share: float = 0.5
    out_of_reach_share: float = 0.8
    typical_gain_points: float | None = None


@dataclass(frozen=True)
class GoalCheck:
    """The target set against the baseline."""

    target_pct: float
    students_needed: int
    students_to_cross: int
    points_to_gain: float | None
    share_to_cross: float | None
    status: str | None
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _reach_status(check_share: float, points: float, t: ReachThresholds) -> str:
    if check_share > t.out_of_reach_share:
        return "out of reach"
    too_big = t.typical_gain_points is not None and points > t.typical_gain_points
    return "ambitious" if check_share > t.ambitious_share or too_big else "reachable"


def check_goal(base: Baseline, target_pct: float, thresholds: ReachThresholds = ReachThresholds()) -> GoalCheck:
    """Students to cross the cut, the implied increase, and one of :data:`STATUSES`."""
    if not base.n or base.pct_proficient is None:
        return GoalCheck(target_pct, 0, 0, None, None, None,
                         "There is no baseline yet: no student has a pre score on these standards.")
    needed = math.ceil(round(target_pct * base.n / 100, 9))
    to_cross = max(needed - base.n_proficient, 0)
    below = base.n - base.n_proficient
    share = to_cross / below if below else 0.0
    points = target_pct - base.pct_proficient
    start = f"{base.n_proficient} of {base.n} students ({base.pct_proficient:.0f}%) are at or above the cut now"
    if to_cross == 0:
        return GoalCheck(target_pct, needed, 0, points, 0.0, "already met",
                         f"{start}: the target of {target_pct:g}% is already met. "
                         "Raise it, or aim at a harder standard.")
    status = _reach_status(share, points, thresholds)
    reading = {"reachable": "within reach for one cycle", "ambitious": "a stretch: plan the support it needs",
               "out of reach": f"more than {thresholds.out_of_reach_share:.0%} of them, unlikely in one cycle"}
    return GoalCheck(target_pct, needed, to_cross, points, share, status,
                     f"{start}. Reaching {target_pct:g}% means {needed}: {to_cross} more students must cross the cut "
                     f"(+{points:.0f} points), {share:.0%} of the {below} below it — {reading[status]}.")


# ----------------------------------------------------------------------------- SMART checklist

_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|percent\b)", re.IGNORECASE)
_TIME = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr"
    r"|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b|\d{4}-\d{2}-\d{2}|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"
    r"|(?i:\bby the end of\b|\bend of (?:the )?(?:year|semester|term|quarter|unit|cycle|trimester)\b"
    r"|\bby (?:the )?(?:fall|winter|spring|summer)\b|\bwithin \d+ (?:days|weeks|months)\b)")
_SKILL = re.compile(r"\bon\s+([a-z][a-z -]*?)(?=\s+(?:on|by|in|at|before|for)\b|\s*[,.;()]|\s*$)", re.IGNORECASE)
_NOT_A_SKILL = re.compile(r"\b(?:assessment|test|exam|post|pre|benchmark|quiz)\b", re.IGNORECASE)
SMART_CRITERIA: tuple[str, ...] = ("specific", "measurable", "attainable", "relevant", "time_bound")


@dataclass(frozen=True)
class SmartItem:
    """One SMART criterion: met or not (None when it cannot be judged yet) and why."""

    criterion: str
    met: bool | None
    explanation: str


@dataclass(frozen=True)
class SmartCheck:
    """The five criteria in order."""

    items: tuple[SmartItem, ...]

    def to_dict(self) -> dict[str, bool | None]:
        return {item.criterion: item.met for item in self.items}

    def frame(self) -> pd.DataFrame:
        met = {True: "yes", False: "not yet", None: "cannot tell yet"}
        return pd.DataFrame([(i.criterion.replace("_", "-"), met[i.met], i.explanation) for i in self.items],
                            columns=["Criterion", "Met", "Why"])


def _named(statement: str, codes: Sequence[str]) -> list[str]:
    found = [c for c in codes if re.search(rf"(?<![\w.-]){re.escape(c)}(?![\w-]|\.\w)", statement, re.IGNORECASE)]
    return list(dict.fromkeys(found))


def _specific(statement: str, codes: Sequence[str]) -> SmartItem:
    named = _named(statement, codes)
    skills = [m for m in _SKILL.findall(statement) if not _NOT_A_SKILL.search(m)]
    if named:
        return SmartItem("specific", True, f"Names {', '.join(named)}.")
    if skills:
        return SmartItem("specific", True, f"Names a skill in words (“{skills[0]}”); adding its standard code "
                         "lets the goal be checked against the assessment.")
    return SmartItem("specific", False, "Names no standard or skill: add the one the goal is about, e.g. (7.RP.A.2).")


def _measurable(statement: str, check: GoalCheck | None) -> SmartItem:
    percents = sorted({float(p) for p in _PERCENT.findall(statement)})
    if not percents:
        return SmartItem("measurable", False, "No percentage in the statement: say how many students and what score.")
    text = "States " + ", ".join(f"{p:g}%" for p in percents) + "."
    if check is not None and check.target_pct not in percents:
        text += f" The target in team.yml ({check.target_pct:g}%) is not among them."
    return SmartItem("measurable", True, text)


def _attainable(check: GoalCheck | None) -> SmartItem:
    if check is None or check.status is None:
        return SmartItem("attainable", None, "No baseline to judge against.")
    met = check.status in {"reachable", "ambitious"}
    return SmartItem("attainable", met, f"The baseline check says: {check.status}.")


def _relevant(standards: Sequence[str], assessed: Sequence[str]) -> SmartItem:
    missing = [s for s in standards if s not in set(assessed)]
    if standards and not missing:
        return SmartItem("relevant", True, "Every goal standard is on the common assessment.")
    return SmartItem("relevant", False, "Not on the common assessment: " + (", ".join(missing) or "no standard")
                     + ". Progress on it cannot be checked.")


def smart_check(statement: str, standards: Sequence[str], assessed: Sequence[str],
                check: GoalCheck | None) -> SmartCheck:
    """Read the statement against the five SMART criteria.

    *Specific*: it names one of the goal's (or any assessed) standard codes, or a skill in
    words ("on fraction equivalence"; we then suggest adding the code, which is what can be
    matched to the assessment).
    *Measurable*: it states a percentage (and we say if the target is not among them).
    *Attainable*: the baseline check is reachable or ambitious (None without a baseline).
    *Relevant*: every goal standard is on the common assessment.
    *Time-bound*: a month, a date, "by the end of …", "within 6 weeks".
    """
    timed = _TIME.search(statement)
    return SmartCheck((
        _specific(statement, [*standards, *assessed]),
        _measurable(statement, check),
        _attainable(check),
        _relevant(standards, assessed),
        SmartItem("time_bound", timed is not None, f"Says when: “{timed.group(0)}”." if timed else
                  "No date: add a month or 'by the end of the cycle'."),
    ))


@dataclass(frozen=True)
class GoalReview:
    """Baseline, target check and SMART checklist for one draft goal."""

    baseline: Baseline
    check: GoalCheck
    smart: SmartCheck


def review_goal(assessments: pd.DataFrame, statement: str, standards: Sequence[str], cut_pct: float,
                target_pct: float, thresholds: ReachThresholds = ReachThresholds(), window: str = "pre") -> GoalReview:
    """Everything the goal setter shows for a draft goal (used by the notebook and the builder)."""
    base = baseline(assessments, standards, cut_pct, window)
    check = check_goal(base, target_pct, thresholds)
    assessed = sorted(set(assessments["standard"].dropna()))
    return GoalReview(base, check, smart_check(statement, list(standards), assessed, check))


# ----------------------------------------------------------------------------- saving team.yml


@dataclass(frozen=True)
class SavedGoal:
    """Where the new team.yml and the kept previous version are."""

    team_yml: Path
    previous: Path


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
    old_bytes = team_yml.read_bytes()
    try:
        raw = yaml.safe_load(old_bytes.decode("utf-8-sig"))
    except (UnicodeDecodeError, yaml.YAMLError) as err:
        raise CaptureError(f"{team_yml} could not be read as YAML ({err}); fix it before saving a goal.") from err
    if not isinstance(raw, dict):
        raise CaptureError(f"{team_yml} does not hold named fields; fix it before saving a goal.")
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
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return int(value)
    return value.strip() if isinstance(value, str) else value


# ----------------------------------------------------------------------------- chart


def baseline_figure(scores: pd.Series | None, base: Baseline, target_pct: float,
                    now_label: str | None = None) -> Figure:
    """Left: the baseline distribution, below and at/above the cut (team view; ``scores=None``
    leaves it out).  Right: percent proficient now against the target (``now_label`` overrides
    the bar's label, e.g. with a top-coded "≥95%")."""
    panels = 2 if scores is not None else 1
    figure, axes = plt.subplots(1, panels, figsize=(9.5, 3.8) if panels == 2 else (3.6, 3.8), squeeze=False,
                                gridspec_kw={"width_ratios": [3, 1.2] if panels == 2 else [1]})
    if scores is not None:
        axis, valid = axes[0][0], scores.dropna()
        axis.hist([valid[valid < base.cut_pct], valid[valid >= base.cut_pct]], bins=np.arange(0, 110, 10),
                  stacked=True, color=["#c6dbef", "#2171b5"], edgecolor="#333",
                  label=["below the cut", "at or above the cut"])
        axis.axvline(base.cut_pct, color="#222", linestyle="--")
        axis.text(base.cut_pct, axis.get_ylim()[1] * 0.97, f"cut {base.cut_pct:g}%", va="top", ha="right", fontsize=9,
                  bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
        axis.set(xlim=(0, 100), xlabel="Percent correct on the goal's standards (pre)", ylabel="Students",
                 title="Where students start")
        axis.legend(fontsize=8, loc="upper left")
    axis = axes[0][-1]
    now = base.pct_proficient or 0.0
    axis.bar([0], [now], width=0.5, color="#08519c")
    axis.text(0, now + 1.5, now_label or f"{now:.0f}%", ha="center", va="bottom", fontsize=9)
    axis.axhline(target_pct, color="#b35900", linestyle="--")
    axis.text(0.45, target_pct + 1.5, f"target {target_pct:g}%", ha="right", va="bottom", fontsize=9, color="#7a3d00")
    axis.set(xlim=(-0.5, 0.5), ylim=(0, 105), xticks=[0], xticklabels=["Now (pre)"],
             ylabel="Percent at or above the cut", title="Proficient now vs target")
    figure.tight_layout()
    plt.close(figure)
    return figure


# ----------------------------------------------------------------------------- notebook views


def _goal_fields(report: Report) -> tuple[str, list[str], float, float] | None:
    goal = report.config.goal
    return None if goal is None else (goal.statement, list(goal.standards), goal.proficiency_cut_pct,
                                      goal.target_pct_proficient)


def team_review(report: Report, thresholds: ReachThresholds = ReachThresholds()) -> GoalReview | None:
    """:func:`review_goal` for the goal in team.yml, or None without a goal."""
    fields = _goal_fields(report)
    return None if fields is None else review_goal(report.team.assessments, *fields, thresholds=thresholds)


def _no_goal(report: Report) -> None:
    report.notice("team.yml has no goal yet. Draft one with the goal builder below (live session) or add a "
                  "`goal:` block to team.yml (see docs/data-contract.md).", "warning")


def _small(report: Report, base: Baseline) -> bool:
    return report.audience is not Audience.TEAM and base.n < report.rules.min_group_size


_BASELINE_DERIVED = {"cross": ["pct"], "points": ["pct"]}
"""Students to cross and points to gain are arithmetic on the baseline: hidden whenever it is coded."""


def _baseline_status(report: Report, base: Baseline) -> str:
    """What the shared reports do to the baseline percentage (shown, coded, withheld, hidden)."""
    frame = pd.DataFrame([{"n": base.n, "pct": base.pct_proficient}])
    return str(value_status(frame, "n", ["pct"], report.rules, report.audience)["pct"].iloc[0])


def show_goal(report: Report) -> None:
    """The goal as written in team.yml."""
    fields = _goal_fields(report)
    if fields is None:
        _no_goal(report)
        return
    statement, standards, cut, target = fields
    report.table(pd.DataFrame([("Statement", statement), ("Standards", ", ".join(standards)),
                               ("Proficiency cut", f"{cut:g}% correct"), ("Target", f"{target:g}% proficient")],
                              columns=["Goal", "As written in team.yml"]))


def show_baseline_check(report: Report) -> None:
    """Baseline and target check as a table, then the check in words."""
    review = team_review(report)
    if review is None:
        _no_goal(report)
        return
    base, check = review.baseline, review.check
    frame = pd.DataFrame([{"standards": ", ".join(base.standards), "n": base.n, "pct": base.pct_proficient,
                           "target": f"{check.target_pct:g}%", "cross": str(check.students_to_cross),
                           "points": None if check.points_to_gain is None else max(check.points_to_gain, 0.0),
                           "status": check.status or "—"}])
    report.table(frame, count_col="n", value_cols=["pct", "target", "cross", "points", "status"], pct_cols=["pct"],
                 caption="Baseline (pre assessment) and the target", derived=_BASELINE_DERIVED,
                 rename={"standards": "Standards measured", "n": "Students (n)", "pct": "% proficient now",
                         "target": "Target", "cross": "Students to cross", "points": "Points to gain",
                         "status": "Status"})
    coded = base.pct_proficient is not None and _baseline_status(report, base) != SHOWN
    if not _small(report, base) and not coded:  # the sentence gives exact counts: not for coded cells
        report.notice(check.explanation, {"reachable": "good", "ambitious": "info"}.get(check.status or "", "warning"))


def show_smart(report: Report) -> None:
    """The SMART checklist of the goal statement."""
    review = team_review(report)
    if review is None:
        _no_goal(report)
        return
    report.table(review.smart.frame(), caption="SMART checklist of the goal statement")


def show_baseline_chart(report: Report) -> None:
    """The baseline distribution (team view only), the cut and the target."""
    review = team_review(report)
    if review is None:
        _no_goal(report)
        return
    if _small(report, review.baseline):
        report.notice("Too few students to chart beyond the team.")
        return
    team_view = report.audience is Audience.TEAM
    scores = baseline_scores(report.team.assessments, review.baseline.standards) if team_view else None
    pct = review.baseline.pct_proficient or 0.0
    status = _baseline_status(report, review.baseline)
    if status not in PUBLISHED:
        report.notice("The baseline is too close to 0% or 100% to chart for a group this size beyond the team.")
        return
    base, label = review.baseline, f"{pct:.0f}%"
    if status != SHOWN:  # public and near 0 or 100: draw the bar at the coding threshold
        label = report.rules.top_text if status == TOP else report.rules.bottom_text
        edge = report.rules.top_code_pct if status == TOP else report.rules.bottom_code_pct
        base = replace(base, pct_proficient=edge)
    display(baseline_figure(scores, base, review.check.target_pct, label))


def _review_html(review: GoalReview) -> str:
    met = {True: "yes", False: "not yet", None: "cannot tell yet"}
    rows = "".join(f"<li><b>{escape_text(i.criterion)}</b>: {escape_text(met[i.met])} — "
                   f"{escape_text(i.explanation)}</li>" for i in review.smart.items)
    return f"<p>{escape_text(review.check.explanation)}</p><ul>{rows}</ul>"


def goal_builder(report: Report, *, on_saved: Callable[[SavedGoal], None] | None = None) -> w.VBox:
    """A live goal builder: fields, the check redrawn as they change, Save to team.yml.

    ``box.controls`` holds the inputs and the ``save`` button, ``box.check`` the check view and
    ``box.status`` the save line, so tests can drive it without a browser.
    """
    fields = _goal_fields(report) or ("", [], 70.0, 70.0)
    assessed = sorted(set(report.team.assessments["standard"].dropna()))
    controls: dict[str, w.Widget] = {
        "statement": w.Textarea(value=fields[0], description="Goal", layout=w.Layout(width="40em", height="5em")),
        "standards": w.SelectMultiple(options=sorted({*assessed, *fields[1]}), value=tuple(fields[1]),
                                      description="Standards"),
        "cut": w.BoundedFloatText(value=fields[2], min=1, max=100, step=1, description="Cut (%)"),
        "target": w.BoundedFloatText(value=fields[3], min=1, max=100, step=1, description="Target (%)"),
        "save": w.Button(description="Save goal to team.yml", button_style="warning"),
    }
    check, status = w.HTML(), w.HTML()

    def values() -> dict[str, Any]:
        return {"statement": controls["statement"].value, "standards": list(controls["standards"].value),
                "proficiency_cut_pct": controls["cut"].value, "target_pct_proficient": controls["target"].value}

    def refresh(_: Any = None) -> None:
        v = values()
        check.value = _review_html(review_goal(report.team.assessments, v["statement"], v["standards"],
                                               v["proficiency_cut_pct"], v["target_pct_proficient"]))

    def save(_: Any = None) -> None:
        try:
            saved = save_goal(report.team.team_dir, values())
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


def show_goal_builder(report: Report) -> w.VBox | None:
    """Display :func:`goal_builder` for the team (a live-only cell; exported reports leave it out).

    Beyond the team no widget is built: nbconvert embeds widget state (the check's exact
    counts) in the HTML even when the cell itself is removed.
    """
    if report.audience is not Audience.TEAM:
        report.notice("The goal builder is for the team's live session: open this notebook with audience 'team'.")
        return None
    box = goal_builder(report)
    display(box)
    return box


def goal_setter_summary(report: Report) -> dict[str, Any]:
    """The ``goal_setter`` section of summary.json; counts hidden for small groups beyond the team."""
    review = team_review(report)
    if review is None:
        return {"baseline_pct_proficient": None, "n_baseline": None, "target_pct_proficient": None,
                "students_to_cross": None, "status": None, "smart": None}
    base, check = review.baseline, review.check
    small = _small(report, base)
    status = _baseline_status(report, base)  # a coded baseline is coded here too; what it gives back is not
    summary: dict[str, Any] = {
        "standards": base.standards,
        "proficiency_cut_pct": base.cut_pct,
        "baseline_pct_proficient": None if small or base.pct_proficient is None or status not in PUBLISHED
        else round(base.pct_proficient, 1),
        "n_baseline": None if small else base.n,
        "target_pct_proficient": check.target_pct,
        "students_to_cross": None if small or status != SHOWN else check.students_to_cross,
        "status": None if small else check.status,
        "smart": {k: (None if small and k == "attainable" else v) for k, v in review.smart.to_dict().items()},
    }
    if report.audience is not Audience.TEAM:
        summary["suppressed"] = small
    return summary


def publish_goal_setter(report: Report) -> dict[str, Any]:
    """Write the goal_setter section for summary.json and return it."""
    summary = goal_setter_summary(report)
    report.publish(summary, "goal_setter")
    return summary
