"""The SMART checklist of a goal statement: each criterion met or not, and why.

A checklist that always says yes teaches nothing, so each criterion can say no and says what
would make it yes (docs/analysis.md, "Goal Setter"):

* **specific** -- the statement names one of the goal's (or any assessed) standard codes, or a
  skill in words ("on fraction equivalence"; we then suggest adding the code, which is what can
  be matched to the assessment);
* **measurable** -- it states a percentage (and we say when the target is not among them);
* **attainable** -- agrees with the baseline reach check: yes only when the target is
  *reachable*; *ambitious* and *out of reach* are a no that says how many students below the
  cut must cross it, *already met* a no that asks for a higher target (cannot tell without a
  baseline);
* **relevant** -- every goal standard is on the common assessment;
* **time-bound** -- a date or a window someone can put in a calendar: a date, a month, "within
  six weeks", or the end of a named period of the school calendar ("the end of the semester");
  "the end of the cycle" counts when team.yml gives the cycle's dates, and the check quotes
  the date.  "By the end of" with no period after it is not a date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from datadriver_utils.contract.config import Cycle

if TYPE_CHECKING:
    from datadriver_utils.stats.goals import GoalCheck

__all__ = ["SMART_CRITERIA", "SmartCheck", "SmartItem", "smart_check"]

SMART_CRITERIA: tuple[str, ...] = ("specific", "measurable", "attainable", "relevant", "time_bound")
MET_WORDS = {True: "yes", False: "no", None: "cannot tell yet"}
"""How the checklist reads each answer."""

_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|percent\b)", re.IGNORECASE)
_SKILL = re.compile(r"\bon\s+([a-z][a-z -]*?)(?=\s+(?:on|by|in|at|before|for)\b|\s*[,.;()]|\s*$)", re.IGNORECASE)
_NOT_A_SKILL = re.compile(r"\b(?:assessment|test|exam|post|pre|benchmark|quiz)\b", re.IGNORECASE)

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov",
           "Dec")
# Month names are matched with their capital only, so "students may improve" names no month.
_MONTH = re.compile(r"(?:\b(?i:by|before|in|until|through|on)\s+)?\b(?:" + "|".join(_MONTHS) + r")\b"
                    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?\b)?(?:,?\s+\d{4}\b)?")
_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"  # "3/4 of students" is no date
                   r"|\b(?:by|before|on|until)\s+\d{1,2}/\d{1,2}\b", re.IGNORECASE)
_PERIOD = r"school year|year|semester|term|quarter|trimester|unit|marking period|grading period|(?:inquiry )?cycle"
_WINDOW = re.compile(r"(?:\b(?:by|before|at|until|through)\s+)?(?:the\s+)?\bend\s+of\s+(?:the\s+|this\s+)?"
                     r"(?:(?:fall|winter|spring|summer|first|second|third|fourth|next)\s+)?"
                     rf"({_PERIOD})(?![\w-])", re.IGNORECASE)
_WITHIN = re.compile(r"\bwithin\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+"
                     r"(?:days|weeks|months)\b", re.IGNORECASE)
_SEASON = re.compile(r"\bby\s+(?:the\s+)?(?:fall|winter|spring|summer)\b", re.IGNORECASE)
_END_OF = re.compile(r"\b(?:by\s+)?the\s+end\s+of\b", re.IGNORECASE)


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
        return pd.DataFrame([(i.criterion.replace("_", "-"), MET_WORDS[i.met], i.explanation) for i in self.items],
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
    """Yes only when the reach check says reachable: the two never disagree."""
    if check is None or check.status is None:
        return SmartItem("attainable", None, "No baseline to judge against.")
    if check.status == "already met":
        return SmartItem("attainable", False, f"No goal to reach: the baseline already meets the target of "
                         f"{check.target_pct:g}%. Raise the target, or aim at a harder standard.")
    if check.status == "reachable":
        return SmartItem("attainable", True, f"The baseline check says reachable: {check.reason}.")
    advice = ("Keep it only with a plan for the support those students need, or lower the target"
              if check.status == "ambitious" else "Lower the target, or give it more than one cycle")
    return SmartItem("attainable", False, f"The baseline check says {check.status}: {check.reason}. {advice}.")


def _relevant(standards: Sequence[str], assessed: Sequence[str]) -> SmartItem:
    missing = [s for s in standards if s not in set(assessed)]
    if standards and not missing:
        return SmartItem("relevant", True, "Every goal standard is on the common assessment.")
    return SmartItem("relevant", False, "Not on the common assessment: " + (", ".join(missing) or "no standard")
                     + ". Progress on it cannot be checked.")


def _by_window(found: re.Match[str], cycle: Cycle | None) -> SmartItem:
    said = found.group(0).strip()
    if "cycle" not in found.group(1).lower():
        return SmartItem("time_bound", True, f"Says when: “{said}”, a period of the school calendar.")
    if cycle is None:
        return SmartItem("time_bound", False, f"“{said}”, but team.yml gives no cycle dates: add `cycle:` with its "
                         "start and end, or name a month.")
    return SmartItem("time_bound", True, f"Says when: “{said}” (team.yml: the cycle ends {cycle.end.isoformat()}).")


def _time_bound(statement: str, cycle: Cycle | None) -> SmartItem:
    """A date or a window someone can put in a calendar (the first the statement gives)."""
    if found := _DATE.search(statement):
        return SmartItem("time_bound", True, f"Says when: “{found.group(0)}”.")
    if found := _MONTH.search(statement):
        return SmartItem("time_bound", True, f"Says when: “{found.group(0).strip()}”.")
    if found := _WINDOW.search(statement):
        return _by_window(found, cycle)
    if found := (_WITHIN.search(statement) or _SEASON.search(statement)):
        return SmartItem("time_bound", True, f"Says when: “{found.group(0)}”.")
    if found := _END_OF.search(statement):
        return SmartItem("time_bound", False, f"“{found.group(0)}” names no date or window: finish it with a month "
                         "(“by the end of January”) or a period (“by the end of the semester”).")
    return SmartItem("time_bound", False, "No date or window: add a month (“by January”) or "
                     "“by the end of the cycle”.")


def smart_check(statement: str, standards: Sequence[str], assessed: Sequence[str], check: GoalCheck | None,
                cycle: Cycle | None = None) -> SmartCheck:
    """Read the statement against the five SMART criteria (see the module for each rule).

    ``check`` is the baseline reach check (None before there is one); ``cycle`` the dates of
    the inquiry cycle in team.yml, which give "the end of the cycle" its date.
    """
    return SmartCheck((
        _specific(statement, [*standards, *assessed]),
        _measurable(statement, check),
        _attainable(check),
        _relevant(standards, assessed),
        _time_bound(statement, cycle),
    ))
