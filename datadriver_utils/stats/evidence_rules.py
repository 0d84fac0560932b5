"""The completeness rules of the credential portfolio: one small function per kind of evidence.

Each rule takes the team's records (:class:`EvidenceInputs`) and one candidate and returns a
:class:`Finding`: complete, partial (with what is missing, in words a teacher can act on) or
not started, and the rows that back it (a submission packet shows them).  The registry that
ties rules to credentials is :mod:`datadriver_utils.stats.credentials`; the status table is
:mod:`datadriver_utils.stats.portfolio`.  The thresholds are the seeds' own: two cycles, three
sets, two videos, four peers then eight more, eight sheets, four survey respondents, 15
run-chart points, about six months between culture surveys.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from datadriver_utils.contract.config import TeamConfig
from datadriver_utils.contract.schemas import TABLES
from datadriver_utils.errors import DataProblemsError
from datadriver_utils.stats import improvement, scaling, slrc
from datadriver_utils.stats.gains import goal_result, matched_gains
from datadriver_utils.stats.runchart import MIN_USEFUL_POINTS
from datadriver_utils.stats.survey_scoring import score_responses
from datadriver_utils.stats.surveys import (
    OK,
    administration_status,
    construct_change,
    construct_scores,
    min_respondents_for,
    response_counts,
)

__all__ = [
    "COMPLETE", "GROUP_CONFIDENCE_SURVEY", "GROUP_CULTURE_SURVEY", "NOT_STARTED", "PARTIAL", "PEER_IMPACT_SURVEY",
    "RULES", "EvidenceInputs", "Finding", "Rule", "artifacts_of", "count_rule", "has_reflection", "parts_rule",
]

COMPLETE, PARTIAL, NOT_STARTED = "complete", "partial", "not started"
PEER_IMPACT_SURVEY = "peer_impact"
"""surveys.csv key of Soliciting Feedback from Peers: the cycle's impact in peers' classrooms."""
GROUP_CULTURE_SURVEY = "group_culture"
"""surveys.csv key of Considering Impact on Culture: trust and learning in the learning group."""
GROUP_CONFIDENCE_SURVEY = "group_confidence"
"""surveys.csv key of the end-of-year confidence survey of Building Skills in Others."""
STRANDS = ("assessor", "data_analyst", "goal_setter", "researcher")


@dataclass(frozen=True)
class Finding:
    """The status of one piece of evidence for one candidate, why, and the rows behind it."""

    status: str
    detail: str
    rows: pd.DataFrame | None = field(default=None, compare=False)


@dataclass
class EvidenceInputs:
    """A team's records as the rules read them (teacher-leadership tables with live captures merged)."""

    tables: dict[str, pd.DataFrame]
    config: TeamConfig
    min_group_size: int = 10
    _groups: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    def table(self, key: str) -> pd.DataFrame:
        """The table, or an empty one with the contract's columns."""
        found = self.tables.get(key)
        if found is None:
            kinds = {"number": "float64", "date": "datetime64[ns]", "flag": "boolean"}
            return pd.DataFrame({rule.name: pd.Series(dtype=kinds.get(rule.kind, "object"))
                                 for rule in TABLES[key].columns})
        return found

    def of(self, key: str, candidate: str, column: str = "teacher") -> pd.DataFrame:
        """The rows of ``key`` that name ``candidate`` in ``column``."""
        table = self.table(key)
        return table[table[column].astype(str).str.strip() == candidate]

    @cached_property
    def tool_keys(self) -> set[tuple[str, int]]:
        return slrc.tool_keys(self.table("tallies"), self.table("seating_maps"), self.table("scripts"))

    @cached_property
    def survey_admins(self) -> pd.DataFrame:
        """Respondents per survey administration, suppressed below each survey's minimum."""
        surveys = self.table("surveys")
        if surveys.empty:
            return pd.DataFrame(columns=["survey", "administration", "administration_order", "n_band", "status"])
        minimums = {s: min_respondents_for(s, self.min_group_size) for s in set(surveys["survey"])}
        return administration_status(response_counts(surveys), minimums)

    @cached_property
    def survey_changes(self) -> pd.DataFrame | None:
        """First against latest per survey and construct; ``None`` when surveys cannot be scored."""
        surveys, items = self.table("surveys"), self.table("survey_items")
        if surveys.empty or items.empty:
            return None
        minimums = {s: min_respondents_for(s, self.min_group_size) for s in set(surveys["survey"])}
        try:
            return construct_change(construct_scores(score_responses(surveys, items), minimums))
        except DataProblemsError:
            return None

    @cached_property
    def matched(self) -> pd.DataFrame:
        """Grade-level pre/post statistics over matched students (the Data Driver's table)."""
        goal, results, roster = self.config.goal, self.table("assessments"), self.table("students")
        if goal is None or results.empty or roster.empty:
            return pd.DataFrame(columns=["grade", "n_matched"])
        return matched_gains(results, roster, goal.points_cut_pct, by=("grade",))

    @cached_property
    def rating(self) -> str | None:
        """The team's progress rating, else the one suggested from the data (``None``: no goal or results)."""
        goal = self.config.goal
        if goal is None:
            return None
        if goal.progress_rating:
            return goal.progress_rating
        if self.table("assessments").empty or self.table("students").empty:
            return None
        return goal_result(self.table("assessments"), self.table("students"), goal).progress_rating

    def group(self, leader: str) -> pd.DataFrame:
        """The leader's learning group (:func:`~datadriver_utils.stats.scaling.learning_group`), computed once."""
        if leader not in self._groups:
            self._groups[leader] = scaling.learning_group(self.table("visits"), leader)
        return self._groups[leader]

    def admins_of(self, survey: str) -> pd.DataFrame:
        admins = self.survey_admins
        return admins[admins["survey"] == survey].sort_values("administration_order")


Rule = Callable[[EvidenceInputs, str], Finding]


def count_rule(found: int, needed: int, what: str, rows: pd.DataFrame | None = None) -> Finding:
    if found >= needed:
        return Finding(COMPLETE, f"{found} {what}", rows)
    if found == 0:
        return Finding(NOT_STARTED, f"no {what} yet ({needed} needed)", rows)
    return Finding(PARTIAL, f"{found} of {needed} {what}", rows)


def parts_rule(present: dict[str, bool], rows: pd.DataFrame | None = None, done: str = "all there") -> Finding:
    missing = [name for name, ok in present.items() if not ok]
    if not missing:
        return Finding(COMPLETE, done, rows)
    if len(missing) == len(present):
        return Finding(NOT_STARTED, "nothing recorded yet", rows)
    return Finding(PARTIAL, "missing: " + ", ".join(missing), rows)


# -- Data Driver (seed 000) ---------------------------------------------------------------------------

def dd_overview(inputs: EvidenceInputs, _candidate: str) -> Finding:
    goal = inputs.config.goal
    answers = {"subject": inputs.config.subject, "grades": ", ".join(inputs.config.grade_levels),
               "goal": goal.statement if goal else None, "standards": ", ".join(goal.standards) if goal else None,
               "progress rating": inputs.rating, "team's paragraph": inputs.config.overview}
    rows = pd.DataFrame({"question": list(answers), "answer": list(answers.values())})
    return parts_rule({k: bool(v) for k, v in answers.items()}, rows, "every Part 1 answer is there "
                  "(notebook 20 checks the 300-word limit)")


def dd_snapshot(inputs: EvidenceInputs, _candidate: str) -> Finding:
    steps, actions = inputs.config.next_steps, inputs.config.actions
    present = {f"{s.replace('_', ' ')} thread": bool(steps.get(s)) and bool(actions.get(s)) for s in STRANDS}
    present["pre/post gains"] = bool((inputs.matched["n_matched"] > 0).any())
    rows = pd.DataFrame({"strand": list(STRANDS), "next step": [steps.get(s) for s in STRANDS],
                         "what happened": [actions.get(s) for s in STRANDS]})
    return parts_rule(present, rows, "the thread of all four strands and pre/post gains")


def dd_common_assessment(inputs: EvidenceInputs, _candidate: str) -> Finding:
    results = inputs.table("assessments")
    if results.empty:
        return Finding(NOT_STARTED, "no assessments.csv yet")
    windows = sorted(set(results["window"]))
    if "post" not in windows:
        return Finding(PARTIAL, "no post results yet (windows: " + ", ".join(windows) + ")")
    post = results[results["window"] == "post"]
    return Finding(COMPLETE, f"post window: {post['student_id'].nunique()} students, "
                   f"{post['standard'].nunique()} standard(s)")


def dd_pre_post_table(inputs: EvidenceInputs, _candidate: str) -> Finding:
    table = inputs.matched
    if table.empty:
        return Finding(NOT_STARTED, "no pre and post results to compare yet")
    matched = table[table["n_matched"] > 0]
    if matched.empty:
        return Finding(PARTIAL, "no student has both a pre and a post score yet")
    keep = ["grade", "n_matched", "pre_mean_pct", "post_mean_pct", "gain_pct_points"]
    return Finding(COMPLETE, f"{len(matched)} grade(s) with matched students", matched[keep])


# -- my classroom -------------------------------------------------------------------------------------

def slrc_own_cycles(inputs: EvidenceInputs, candidate: str) -> Finding:
    own = inputs.of("slrc_cycles", candidate)
    if own.empty:
        return Finding(NOT_STARTED, "no cycle in the teacher's own classroom yet")
    table = slrc.cycle_completeness(own, inputs.tool_keys)
    complete = int(table["complete"].sum())
    if complete >= 2:
        return Finding(COMPLETE, f"{complete} complete cycles", table)
    open_cycles = [f"cycle {r.cycle}: {r.missing}" for r in table.itertuples() if not r.complete]
    if len(table) < 2:
        open_cycles.append("cycle 2 not recorded yet")
    return Finding(PARTIAL, f"{complete} of 2 complete; " + "; ".join(open_cycles), table)


def slrc_cycle_rule(inputs: EvidenceInputs, candidate: str) -> Finding:
    judged = slrc.cycle_rule(inputs.of("slrc_cycles", candidate))
    if judged.empty:
        return Finding(NOT_STARTED, "no second cycle yet")
    first = judged.iloc[0]
    status = COMPLETE if first["verdict"] == slrc.RULE_FOLLOWED else PARTIAL
    return Finding(status, f"cycle {first['to_cycle']} {first['verdict']}: {first['reason']}", judged)


def _plans(inputs: EvidenceInputs, candidate: str) -> pd.DataFrame:
    return inputs.of("voice_plans", candidate)


def voice_focus(inputs: EvidenceInputs, candidate: str) -> Finding:
    plans = _plans(inputs, candidate)
    if plans.empty:
        return Finding(NOT_STARTED, "no focus area chosen yet (voice_plans.csv)")
    changes = inputs.survey_changes
    if changes is None:
        return Finding(PARTIAL, "focus area chosen, but surveys.csv and survey_items.csv do not hold its results")
    read = improvement.focus_results(plans, changes)
    shown = read[read["first_status"] == OK]
    if shown.empty:
        return Finding(PARTIAL, "focus area chosen, but its first results are not in the survey "
                       "(or had too few respondents to report)", read)
    row = shown.iloc[0]
    return Finding(COMPLETE, f"{row['construct']}: {row['first_pct_favourable']:.0f}% favourable at "
                   f"{row['first_administration']}", read)


def voice_plan(inputs: EvidenceInputs, candidate: str) -> Finding:
    plans = _plans(inputs, candidate)
    if plans.empty:
        return Finding(NOT_STARTED, "no action plan yet (voice_plans.csv)")
    timeline = improvement.voice_timeline(plans)
    bad = timeline[~timeline["in_window"]]
    if bad.empty:
        return Finding(COMPLETE, "action, students and a timeline between the two administrations", timeline)
    return Finding(PARTIAL, "timeline outside the window: " + "; ".join(bad["problem"]), timeline)


def voice_reflection(inputs: EvidenceInputs, candidate: str) -> Finding:
    plans = _plans(inputs, candidate)
    if plans.empty:
        return Finding(NOT_STARTED, "no plan to reflect on yet")
    written = bool(slrc.has_text(plans["reflection"]).any())
    changes = inputs.survey_changes
    second = changes is not None and bool(
        (improvement.focus_results(plans, changes)["status"] == OK).any())
    return parts_rule({"reflection": written, "second administration's results": second}, plans,
                  "a reflection beside the second administration's results")


def _lasw(inputs: EvidenceInputs, candidate: str, role: str) -> Finding:
    records = inputs.of("student_work", candidate)
    if records.empty:
        return Finding(NOT_STARTED, f"no {role} discussion recorded yet")
    roles = improvement.student_work_roles(records, candidate)
    row = roles[roles["role"] == role].iloc[0]
    if row["complete"]:
        return Finding(COMPLETE, f"{row['date']}, protocol: {row['protocol']}", roles[roles["role"] == role])
    if row["missing"] == "no discussion recorded":
        return Finding(NOT_STARTED, f"no {role} discussion recorded yet", roles[roles["role"] == role])
    return Finding(PARTIAL, f"missing: {row['missing']}", roles[roles["role"] == role])


def lasw_presenting(inputs: EvidenceInputs, candidate: str) -> Finding:
    return _lasw(inputs, candidate, "presenting")


def lasw_facilitating(inputs: EvidenceInputs, candidate: str) -> Finding:
    return _lasw(inputs, candidate, "facilitating")


def _tests(inputs: EvidenceInputs) -> pd.DataFrame:
    pdsa = inputs.table("pdsa")
    return improvement.pdsa_tests(pdsa) if not pdsa.empty else pd.DataFrame(columns=["complete", "missing"])


def pdsa_two_tests(inputs: EvidenceInputs, _candidate: str) -> Finding:
    tests = _tests(inputs)
    found = count_rule(int(tests["complete"].sum()), 2, "complete PDSA test(s)", tests)
    if found.status == NOT_STARTED and len(tests):
        return Finding(PARTIAL, "no complete test yet: " + "; ".join(
            f"cycle {r.cycle} misses {r.missing}" for r in tests.itertuples()), tests)
    return found


def _chart_points(inputs: EvidenceInputs) -> tuple[int, int]:
    chart = inputs.table("run_chart")
    if chart.empty:
        return 0, 0
    notes = chart["annotation"] if "annotation" in chart else pd.Series(dtype=object)
    return int(chart["value"].notna().sum()), int(slrc.has_text(notes).sum())


def run_chart_15(inputs: EvidenceInputs, _candidate: str) -> Finding:
    points, notes = _chart_points(inputs)
    if points == 0:
        return Finding(NOT_STARTED, "no run chart yet (run_chart.csv)")
    return parts_rule({f"at least {MIN_USEFUL_POINTS} points (has {points})": points >= MIN_USEFUL_POINTS,
                   "an annotation": notes > 0}, None, f"{points} points, {notes} annotation(s)")


def share_pdsa_run_chart(inputs: EvidenceInputs, _candidate: str) -> Finding:
    points, _notes = _chart_points(inputs)
    return parts_rule({"a complete PDSA test": bool(_tests(inputs)["complete"].any()), "a run chart": points > 0},
                  None, "the PDSA tracker and the run chart")


def artifacts_of(inputs: EvidenceInputs, candidate: str, credential: str) -> pd.DataFrame:
    own = inputs.of("artifacts", candidate)
    return own[own["credential"] == credential]


def has_reflection(inputs: EvidenceInputs, candidate: str, prompt: str) -> bool:
    own = inputs.of("reflections", candidate)
    return bool(slrc.has_text(own.loc[own["prompt"] == prompt, "text"]).any())


def share_artifacts(inputs: EvidenceInputs, candidate: str) -> Finding:
    shared = artifacts_of(inputs, candidate, "sharing_improvement_strategies")
    lessons = has_reflection(inputs, candidate, "lessons_learned") or bool((shared["kind"] == "lessons learned").any())
    others = shared[shared["kind"] != "lessons learned"]
    return parts_rule({"related artifacts": not others.empty, "lessons learned": lessons}, shared,
                  f"{len(others)} artifact(s) and the lessons learned")


RULES: dict[str, Rule] = {rule.__name__: rule for rule in (
    dd_overview, dd_snapshot, dd_common_assessment, dd_pre_post_table, slrc_own_cycles, slrc_cycle_rule,
    voice_focus, voice_plan, voice_reflection, lasw_presenting, lasw_facilitating, pdsa_two_tests, run_chart_15,
    share_pdsa_run_chart, share_artifacts,
)}
"""The rules for the Data Driver and the "my classroom" credentials, by name."""
