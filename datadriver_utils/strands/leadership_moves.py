"""Leadership moves (notebook 21): benchmark one-pager, look-fors beside belonging, bite-size feedback.

A practitioner article on leaders who model data use for their staff (shared/seeds 002)
describes moves a leader can start tomorrow; three of them become views here, each with its
own evidence:

* **the benchmark one-pager** -- a grade-level pattern in the assessments
  (:func:`~datadriver_utils.stats.benchmarks.grade_patterns`), the practice observed, the
  micro-change the teacher tries (``benchmark_links.csv``), and its check on the next window
  over matched students (:func:`~datadriver_utils.stats.benchmarks.link_checks`); point scores
  and, where the contract's ``score_type`` says so, scale scores;
* **look-fors beside belonging** -- walkthrough look-fors (school-process evidence,
  ``walkthroughs.csv``) month by month beside the belonging micro-survey (perception evidence,
  survey ``belonging`` in surveys.csv) (:mod:`~datadriver_utils.stats.lookfors`);
* **the bite-size feedback log** -- what was observed, what a tool did for students, which
  evidence, what feedback (``feedback_log.csv``; :mod:`~datadriver_utils.stats.feedback`).

Every record can grow live: rows added in a session are checked as the file is and joined to
it (:mod:`datadriver_utils.workshop.entries`).  Privacy: teachers, classrooms and the notes'
words stay in the team view; beyond it groups of fewer students than the minimum are hidden
(primary suppression: links and standards overlap), and shares of students are coded for the
public.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import pandas as pd

from datadriver_utils.charts.leadership import (
    beside_figure,
    feedback_evidence_figure,
    link_check_figure,
    lookfor_rates_figure,
    pattern_heatmap_figure,
)
from datadriver_utils.contract.schemas import BENCHMARK_LINKS, FEEDBACK_LOG, WALKTHROUGHS, TableSpec
from datadriver_utils.core.definitions import SURVEY_TERMS
from datadriver_utils.notebook.html import render
from datadriver_utils.notebook.needs import MissingData, needs
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Chart, Fragment, Result
from datadriver_utils.privacy.release import hidden_rows, names_members, released_share
from datadriver_utils.stats.benchmarks import grade_patterns, link_checks, weakest_standards
from datadriver_utils.stats.feedback import evidence_by_impact, feedback_entries, feedback_overview, feedback_summary
from datadriver_utils.stats.lookfors import (
    BELONGING_SURVEY,
    beside_belonging,
    describe_beside,
    lookfor_rates,
    lookfors_by_month,
    month_by_lookfor,
    visit_count,
    visit_grid,
)
from datadriver_utils.stats.surveys import construct_scores
from datadriver_utils.strands.analyst import EVIDENCE_SOURCES, team_cut
from datadriver_utils.strands.leadership_records import LeadershipMovesSummary, released_rows
from datadriver_utils.strands.leadership_text import (
    LABELS,
    card_figures,
    link_alt,
    lookfor_alt,
    pattern_alt,
)
from datadriver_utils.strands.surveys import scored_surveys, survey_minimums
from datadriver_utils.workshop.entries import entry_log, fill_entries, joined_record
from datadriver_utils.workshop.leadership import LEADERSHIP_QUIZ
from datadriver_utils.workshop.live import redrawn_on_save
from datadriver_utils.workshop.sessions import member_names, resumable
from datadriver_utils.workshop.store import ResponseStore
from datadriver_utils.workshop.widgets import quiz

__all__ = [
    "LeadershipMovesSummary", "belonging", "benchmark_pattern", "feedback_entry", "feedback_log", "link_entry",
    "look_fors", "one_pager", "pattern_window", "publish", "self_check", "self_check_answers", "summary",
    "walkthrough_entry",
]

ACTIVITIES = {"benchmark_links": "benchmark_links", "walkthroughs": "walkthroughs", "feedback_log": "feedback_log"}
"""Where rows added live are saved, by table (``responses/<activity>``)."""
_KEYS = {"benchmark_links": ("grade", "standard", "pattern_window", "micro_change"),
         "walkthroughs": ("date", "classroom", "look_for"), "feedback_log": ()}
_SESSION = "leadership moves session"
_LINK_VALUES = ["pattern_mean", "check_mean", "change", "others_change", "pattern_pct_at_cut", "check_pct_at_cut",
                "effect_size"]


def _evidence(*used: str) -> Fragment:
    return Fragment(render("evidence", sources=[(s, s in used) for s in EVIDENCE_SOURCES]),
                    label="sources of evidence: " + ", ".join(used))


def _record(report: Report, key: str) -> tuple[pd.DataFrame | None, list[str]]:
    spec: TableSpec = {"benchmark_links": BENCHMARK_LINKS, "walkthroughs": WALKTHROUGHS, "feedback_log": FEEDBACK_LOG}[key]
    return joined_record(report.team.tables.get(key), report.team.team_dir, ACTIVITIES[key], spec, _KEYS[key])


def _problems(result: Result, problems: list[str]) -> Result:
    if problems:
        result.note("Some rows added in a session could not be read as the contract expects:", "warning",
                    items=problems)
    return result


def pattern_window(report: Report) -> str:
    """The first window of team.yml that holds scores (where a pattern is read before acting)."""
    present = set(report.team.assessments.loc[report.team.assessments["points"].notna(), "window"].astype(str))
    return next((w for w in report.config.windows if w in present), report.config.windows[0])


# -- the benchmark one-pager ----------------------------------------------------------------------

def _patterns(report: Report, window: str) -> pd.DataFrame:
    team = report.team
    return report.memo(("leadership.patterns", window), lambda: grade_patterns(
        team.assessments, team.students, team_cut(report), window))


@needs("students", "assessments")
def benchmark_pattern(report: Report, window: str | None = None) -> Result:
    """Grade × standard in the pattern window, each grade's weakest standard outlined."""
    window = window or pattern_window(report)
    patterns = _patterns(report, window)
    result = Result([_evidence("student learning")], value=patterns)
    if patterns.empty:
        return result.note(f"No point scores in the {window} window yet: add assessments.csv rows for it.")
    values = ["mean_pct", "pct_proficient", "grade_mean_pct", "gap"]
    hidden = hidden_rows(patterns, "n", report.rules, report.audience, value_cols=values)
    shown = patterns.assign(weakest=patterns["weakest"].map({True: "weakest", False: ""}))
    result.add(report.tabulate(shown, count_col="n", value_cols=[*values, "weakest"],
                               pct_cols=["mean_pct", "pct_proficient", "grade_mean_pct"], rename=LABELS,
                               caption=f"Grade-level pattern, {window} (cut {team_cut(report):g}%)", name="pattern"))
    drawn = patterns.assign(mean_pct=patterns["mean_pct"].mask(hidden), weakest=patterns["weakest"] & ~hidden)
    result.add(Chart(pattern_heatmap_figure(drawn, window), pattern_alt(drawn, window), name="pattern"))
    weakest = weakest_standards(drawn.dropna(subset=["mean_pct"]))
    lines = [f"Grade {r.grade}: {r.standard}, {r.mean_pct:.1f}% correct, {abs(r.gap):.1f} points below the grade's "
             "mean" for r in weakest.itertuples(index=False)]
    return result.note(f"The weakest standard of each grade in the {window} window: the pattern a one-pager "
                       "can start from.", items=lines)


def _checks(report: Report, links: pd.DataFrame) -> pd.DataFrame:
    team = report.team
    return link_checks(links, team.assessments, team.students, team_cut(report))


def _cards(report: Report, checks: pd.DataFrame, hidden: Any) -> list[Fragment]:
    cards = []
    for (_, link), hide in zip(checks.iterrows(), hidden, strict=True):
        standard = link["standard"] if isinstance(link["standard"], str) else "whole assessment"
        pattern_figure, check_figure = card_figures(link, hide, report.rules.min_group_size,
                                                    lambda v: released_share(v, report.rules, report.audience))
        teacher = link.get("teacher") if names_members(report.audience) and isinstance(link.get("teacher"), str) \
            else None
        cards.append(Fragment(render(
            "one_pager", heading=f"Grade {link['grade']} · {standard}", teacher=teacher,
            pattern_window=link["pattern_window"], check_window=link["check_window"], pattern=link["pattern"],
            pattern_figure=pattern_figure, practice=link["practice_observed"], micro_change=link["micro_change"],
            verdict="hidden: too few students" if hide else link["verdict"], check_figure=check_figure),
            label=f"one-pager grade {link['grade']} {standard}"))
    return cards


@needs("students", "assessments")
def one_pager(report: Report) -> Result:
    """Each link: pattern → practice observed → micro-change → check on the next window.
    ``.frame`` is the table of checks as the audience sees it; ``.value`` the checks."""
    links, problems = _record(report, "benchmark_links")
    if links is None:
        return MissingData(["benchmark_links"], then="Or add a link live with the form below.")
    checks = _checks(report, links)
    hidden = hidden_rows(checks, "n_matched", report.rules, report.audience, value_cols=_LINK_VALUES)
    result = Result([_evidence("student learning", "school processes")], value=checks)
    result.add(*_cards(report, checks, hidden))
    table = checks[["grade", "standard", "pattern_window", "check_window", "micro_change", "score_kind",
                    "n_matched", *_LINK_VALUES, "verdict"]]
    result.add(report.tabulate(table.round(2), count_col="n_matched", value_cols=[*_LINK_VALUES, "verdict"],
                               pct_cols=["pattern_pct_at_cut", "check_pct_at_cut"], decimals={"effect_size": 2},
                               rename=LABELS, caption="The check of each link (matched students)", name="checks"))
    drawn = checks.assign(pattern_mean=checks["pattern_mean"].mask(hidden), check_mean=checks["check_mean"].mask(hidden))
    result.add(Chart(link_check_figure(drawn), link_alt(drawn), name="checks"))
    result.note("A micro-change is credited only with what the other standards did not share: compare "
                "'change' with 'others' change' before calling it a success.")
    return _problems(result, problems)


def link_entry(report: Report) -> w.VBox:
    """Live: add a link (grade, standard, windows, pattern, practice, micro-change); Save redraws."""
    return _entry(report, "benchmark_links", BENCHMARK_LINKS, {"teacher": member_names(report)},
                  lambda: one_pager(report))


# -- look-fors beside belonging -------------------------------------------------------------------

def _walkthroughs(report: Report) -> tuple[pd.DataFrame | None, list[str]]:
    return _record(report, "walkthroughs")


@redrawn_on_save(ACTIVITIES["walkthroughs"])
def look_fors(report: Report) -> Result:
    """How often each look-for was seen, month by month; visits by classroom for the team only."""
    rows, problems = _walkthroughs(report)
    if rows is None:
        return MissingData(["walkthroughs"], then="Or record visits live with the form below.")
    rates = lookfor_rates(rows)
    result = Result([_evidence("school processes")], value=rates)
    result.add(report.tabulate(rates.round(1), caption="Look-fors across every visit", rename=LABELS,
                               name="look-fors"),
               Chart(lookfor_rates_figure(rates), lookfor_alt(rates), name="look-fors"))
    result.add(report.tabulate(month_by_lookfor(lookfors_by_month(rows)).round(1), rename=LABELS, name="by month",
                               caption="Look-fors by month: % of observations where each was seen"))
    if names_members(report.audience):
        result.add(report.tabulate(visit_grid(rows), caption="Every visit (team view only)", rename=LABELS,
                                   name="visits"))
    else:
        result.note("Classrooms and observers are named in the team view only.")
    result.note(f"{visit_count(rows)} visits, {len(rows)} look-for observations.")
    return _problems(result, problems)


def walkthrough_entry(report: Report) -> w.VBox:
    """Live: record a visit's look-fors, one row each; Save redraws the look-fors."""
    rows = report.team.tables.get("walkthroughs")
    known = [] if rows is None else list(dict.fromkeys(rows["look_for"].astype(str)))
    return _entry(report, "walkthroughs", WALKTHROUGHS, {"look_for": known, "observer": member_names(report)},
                  lambda: look_fors(report))


def _belonging_scores(report: Report) -> pd.DataFrame | None:
    surveys = report.team.table("surveys")
    if not (surveys["survey"] == BELONGING_SURVEY).any():
        return None
    scored = scored_surveys(report)
    return construct_scores(scored[scored["survey"] == BELONGING_SURVEY], survey_minimums(report))


@needs("surveys", "survey_items")
def belonging(report: Report) -> Result:
    """The belonging micro-survey, and each month beside the walkthroughs' look-fors."""
    scores = _belonging_scores(report)
    result = Result([_evidence("perceptions", "school processes")])
    if scores is None:
        return result.note("surveys.csv has no belonging micro-survey yet: give a few short items to students "
                           "in the months of the walkthroughs, with survey = 'belonging' and the month "
                           "(YYYY-MM) as the administration.")
    result.add(report.tabulate(scores[["administration", "n_band", "mean_score", "pct_favourable", "status"]],
                               caption="Belonging micro-survey", rename=LABELS, name="belonging",
                               terms=SURVEY_TERMS))
    rows, _problems_ = _walkthroughs(report)
    if rows is None:
        return result.note("Add walkthroughs.csv to read the survey beside the look-fors.")
    beside = beside_belonging(lookfors_by_month(rows), scores)
    result.value = beside
    result.add(report.tabulate(beside.round(1), caption="Month by month: look-fors seen beside belonging",
                               rename=LABELS, name="beside"),
               Chart(beside_figure(beside), _beside_alt(beside), name="beside"))
    return result.note(describe_beside(beside, lambda v: _share(report, v)), "good")


def _share(report: Report, value: float) -> str:
    coded = released_share(value, report.rules, report.audience)
    return coded if isinstance(coded, str) else f"{coded:.1f}%"


def _beside_alt(beside: pd.DataFrame) -> str:
    def cell(value: Any) -> str:
        return "no value" if pd.isna(value) else f"{value:.0f}%"
    months = "; ".join(f"{r.month}: look-fors {cell(r.pct_seen)}, belonging {cell(r.belonging_pct_favourable)}"
                       for r in beside.itertuples(index=False))
    return f"Two line charts on one month axis, look-fors seen above and belonging favourable below: {months}."


# -- the bite-size feedback log -------------------------------------------------------------------

@redrawn_on_save(ACTIVITIES["feedback_log"])
def feedback_log(report: Report) -> Result:
    """The notes (team view), by month, by evidence and impact, and the bite-size rate."""
    rows, problems = _record(report, "feedback_log")
    if rows is None:
        return MissingData(["feedback_log"], then="Or log feedback live with the form below.")
    entries = feedback_entries(rows)
    facts = feedback_summary(entries)
    result = Result([_evidence("school processes", "student learning", "perceptions")], value=entries)
    if names_members(report.audience):
        shown = entries.assign(date=entries["date"].dt.strftime("%Y-%m-%d"),
                               bite_size=entries["bite_size"].map({True: "yes", False: "NO: too long"}))
        shown = shown.reindex(columns=["date", "teacher", "observed", "tool", "impact", "evidence", "feedback",
                                       "words", "bite_size"]).fillna("")
        result.add(report.tabulate(shown, caption="Feedback notes (team view only)", rename=LABELS, name="notes"))
    else:
        result.note("Who received feedback and what it said stay in the team view.")
    table = evidence_by_impact(entries)
    result.add(report.tabulate(feedback_overview(entries).round(1), caption="By month", rename=LABELS,
                               name="by month"),
               Chart(feedback_evidence_figure(table), _feedback_alt(table), name="evidence"))
    rate = facts["pct_bite_size"] or 0.0
    result.note(f"{facts['n_entries']} notes to {facts['n_teachers']} teacher(s): {rate:.0f}% bite-size (40 words or "
                f"fewer), {facts['pct_impact_known'] or 0:.0f}% say what the tool did for students.",
                "good" if rate >= 80 else "warning")
    return _problems(result, problems)


def _feedback_alt(table: pd.DataFrame) -> str:
    parts = "; ".join(f"{source}: " + ", ".join(f"{n} {impact}" for impact, n in row.items() if n)
                      for source, row in table.iterrows())
    return f"Stacked bars of feedback notes per evidence source, split by impact: {parts or 'none'}."


def feedback_entry(report: Report) -> w.VBox:
    """Live: log one conversation (observed, tool, impact, evidence, feedback); Save redraws."""
    return _entry(report, "feedback_log", FEEDBACK_LOG, {"teacher": member_names(report),
                                                         "observer": member_names(report)},
                  lambda: feedback_log(report))


def _entry(report: Report, key: str, spec: TableSpec, choices: dict[str, list[str]], redraw: Any) -> w.VBox:
    store = ResponseStore(report.team.team_dir)
    form = entry_log(store, ACTIVITIES[key], spec, choices=choices, session=_SESSION,
                     on_saved=lambda _rows: redraw())
    return resumable(report, ACTIVITIES[key], form, fill_entries)


# -- the self-check --------------------------------------------------------------------------------

def self_check() -> w.VBox:
    """Live: the leadership-moves quiz with feedback that explains each rule (nothing saved)."""
    return quiz(LEADERSHIP_QUIZ)


def self_check_answers(report: Report) -> Result:
    """The quiz as static text for a report: options, the right answer and why."""
    return Result([Fragment(render("quiz_key", questions=list(LEADERSHIP_QUIZ)),
                            label=f"self-check key ({len(LEADERSHIP_QUIZ)} questions)")])


# -- summary.json ----------------------------------------------------------------------------------

def _summary_links(report: Report) -> list[dict[str, Any]] | None:
    links, _problems_ = _record(report, "benchmark_links")
    if links is None:
        return None
    checks = _checks(report, links)
    keep = ["grade", "standard", "pattern_window", "check_window", "score_kind", "n_matched", *_LINK_VALUES, "verdict"]
    rows = released_rows(report, checks[keep].astype({"grade": str}), "n_matched", _LINK_VALUES)
    for row in rows:
        if row["suppressed"]:
            row["verdict"] = None
        row["standard"] = row["standard"] if isinstance(row["standard"], str) else None
    return rows


def _summary_walkthroughs(report: Report) -> dict[str, Any] | None:
    rows, _problems_ = _walkthroughs(report)
    if rows is None:
        return None
    scores = _belonging_scores(report) if report.team.has("surveys") and report.team.has("survey_items") else None
    beside = beside_belonging(lookfors_by_month(rows), scores)
    return {"n_visits": visit_count(rows), "n_observations": len(rows),
            "look_fors": lookfor_rates(rows).rename(columns={"n_visits": "n_observations"})[
                ["look_for", "n_observations", "pct_seen"]].to_dict("records"),
            "by_month": beside.astype(object).where(beside.notna(), None).to_dict("records")}


def summary(report: Report) -> LeadershipMovesSummary:
    """The ``leadership_moves`` section (aggregates only; small groups hidden beyond the team)."""
    window = pattern_window(report)
    patterns = _patterns(report, window)
    weakest = weakest_standards(patterns).merge(patterns[["grade", "standard", "n"]], on=["grade", "standard"],
                                                how="left")
    has_surveys = report.team.has("surveys") and report.team.has("survey_items")
    scores = _belonging_scores(report) if has_surveys else None
    feedback_rows, _problems_ = _record(report, "feedback_log")
    return LeadershipMovesSummary.model_validate({
        "pattern_window": window,
        "weakest": released_rows(report, weakest.astype({"grade": str}), "n", ["mean_pct", "gap"]),
        "links": _summary_links(report), "walkthroughs": _summary_walkthroughs(report),
        "belonging": None if scores is None else scores[["administration", "n_band", "mean_score", "pct_favourable",
                                                         "status"]].to_dict("records"),
        "feedback": None if feedback_rows is None else feedback_summary(feedback_entries(feedback_rows)),
        "self_check_questions": len(LEADERSHIP_QUIZ)})


def publish(report: Report) -> LeadershipMovesSummary:
    """Write the ``leadership_moves`` section of summary.json and return it."""
    found = summary(report)
    report.publish(found)
    return found
