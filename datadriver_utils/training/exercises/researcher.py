"""Exercises for 14_researcher: read a run chart by its rules, not by the eye.

Every answer is read from the :class:`~datadriver_utils.stats.runchart_reading.RunChartReading`
that ``researcher.run_chart(report).value`` returns: the verdict the chart's title shows, the
rules read on the whole series (useful points, the longest run, crossings and their Anhøj
limits) and the chart split at the team's first noted change.  A team without a run chart, or
whose chart has no values yet, gets ``None``.
"""

from __future__ import annotations

from datadriver_utils.notebook.report import Report
from datadriver_utils.stats.runchart import RunChartAnalysis
from datadriver_utils.stats.runchart_reading import RunChartReading
from datadriver_utils.strands import researcher
from datadriver_utils.training.exercise import Exercise, Task
from datadriver_utils.training.exercises.choices import joined, traps_apart

__all__ = ["EXERCISES"]

NOTEBOOK = "14_researcher"
_NEEDS = ("run_chart",)
_SIGNAL_WHERE = "section 2, the run chart's title and the signal table under it"

LIKELY = "a likely real change: an Anhøj rule fired"
IHI_ONLY = "not clear yet: only an IHI rule fired"
NOISE = "ordinary variation: no rule fired, with enough points"
TOO_FEW = "not known yet: too few useful points to tell"
VERDICTS = (LIKELY, IHI_ONLY, NOISE, TOO_FEW)
NO_RULE = "no rule fires"
_RULE_FLAGS = (("a long run", "anhoej_run_signal"), ("too few crossings", "anhoej_crossings_signal"),
               ("a shift", "ihi_shift"), ("a trend", "ihi_trend"), ("a far-out point", "ihi_astronomical"))


def _reading(report: Report) -> RunChartReading | None:
    found = researcher.run_chart(report).value
    return found if isinstance(found, RunChartReading) and found.n_points else None


def _whole(found: RunChartReading) -> RunChartAnalysis:
    return found.whole.phases[0]


def _limits(p: RunChartAnalysis) -> str:
    return (f"with {p.n_useful} useful points the longest run chance usually allows is {p.longest_run_max} and "
            f"the fewest crossings it usually gives is {p.crossings_min}; here the longest run is {p.longest_run} "
            f"and the line crosses the median {p.crossings} times")


def _verdict_answer(found: RunChartReading) -> str:
    verdict = found.verdict
    if verdict.likely_change:
        return LIKELY
    if not verdict.enough_points:
        return TOO_FEW
    return IHI_ONLY if verdict.ihi_rules else NOISE


def _verdict_meaning(option: str, found: RunChartReading) -> str:
    p, verdict = _whole(found), found.verdict
    fired = joined(list(verdict.ihi_rules)) if verdict.ihi_rules else ""
    if option == LIKELY:
        return f"a likely change needs an Anhøj rule: {_limits(p)}"
    if option == IHI_ONLY:
        return (f"the Anhøj rules fired ({joined(list(verdict.anhoej_rules))}): they set the headline"
                if verdict.likely_change else f"the IHI rules flag {fired or 'nothing'} here")
    if option == NOISE:
        if not verdict.enough_points:
            return (f"with {p.n_useful} useful points (fewer than {verdict.min_useful_points}) 'no signal' means "
                    "'not known yet'")
        return f"a rule fired ({joined([*verdict.anhoej_rules, *verdict.ihi_rules])}): read the signal table"
    return f"there are {p.n_useful} useful points, at least the {verdict.min_useful_points} the rules need"


def _verdict(report: Report) -> Task | None:
    found = _reading(report)
    if found is None:
        return None
    answer = _verdict_answer(found)
    return Task(
        prompt=f"The team's run chart tracks '{found.measure}'. What does it say so far?",
        answer=answer, kind="choice", options=VERDICTS,
        explanation=f"{found.verdict.sentence} In numbers: {_limits(_whole(found))}. The Anhøj rules decide because "
                    "their false-alarm rate stays near 5% whatever the number of points.",
        where=_SIGNAL_WHERE,
        hint="First count the useful points (15 are needed), then ask: did a long run or too few crossings "
             "(Anhøj) fire, or only a shift, trend or far-out point (IHI)?",
        traps=tuple((o, _verdict_meaning(o, found)) for o in VERDICTS if o != answer))


def _useful(report: Report) -> Task | None:
    found = _reading(report)
    if found is None:
        return None
    p = _whole(found)
    on_median = p.n_points - p.n_useful
    return Task(
        prompt="How many useful points does the run chart have (the number the Anhøj rules count)?",
        answer=float(p.n_useful), tolerance=0.0,
        explanation=f"{p.n_points} points have a value and {on_median} of them "
                    f"{'sits' if on_median == 1 else 'sit'} exactly on the median ({p.median:g}), so "
                    f"{p.n_useful} are useful. The Anhøj limits follow from that number, and below "
                    f"{found.verdict.min_useful_points} useful points 'no signal' means 'not known yet', which is what "
                    "the Researcher credential asks a team to reach.",
        where="section 2, the run chart's title (useful points) and the notes under it",
        hint="Count the points with a value, then leave out any that sit exactly on the dashed median line.",
        traps=traps_apart(float(p.n_useful), 0.0, [
            (float(p.n_points), f"that counts every point; the {on_median} on the median are not useful"),
            (float(p.n_points + p.n_missing), "that counts every date, including those without a value"),
            (float(found.verdict.min_useful_points), "that is how many useful points the rules need, not how many "
                                                     "the chart has")]))


def _rules_fired(report: Report) -> Task | None:
    found = _reading(report)
    if found is None:
        return None
    p = _whole(found)
    fired = [words for words, flag in _RULE_FLAGS if getattr(p, flag)]
    answer = joined(fired) if fired else NO_RULE
    options = tuple(dict.fromkeys([*(w for w, _ in _RULE_FLAGS), NO_RULE, answer]))
    not_fired = {
        "a long run": f"a long run must be longer than {p.longest_run_max} points; the longest here is {p.longest_run}",
        "too few crossings": f"too few crossings means fewer than {p.crossings_min}; the line crosses {p.crossings} "
                             "times",
        "a shift": f"a shift needs {p.rules.shift_length} points in a row on one side; the longest run is "
                   f"{p.longest_run}",
        "a trend": f"a trend needs {p.rules.trend_length} points each rising (or each falling); none here",
        "a far-out point": "no point lies far from the rest by our heuristic (3 robust standard deviations)",
    }
    traps = [(w, not_fired[w] if w not in fired else f"{w} fired, but not alone: the signal table lists "
              f"{answer}") for w, _ in _RULE_FLAGS if w != answer]
    if fired:
        traps.append((NO_RULE, f"the signal table lists {answer}"))
    return Task(
        prompt="Which run-chart rules fire on the whole series? (Pick the option that names every one.)",
        answer=answer, kind="choice", options=options,
        explanation=(f"{answer[0].upper()}{answer[1:]}: " if fired else "No rule fires: ") + _limits(p) + ". "
                    f"An IHI shift is {p.rules.shift_length} or more points on one side, a trend "
                    f"{p.rules.trend_length} or more each rising or falling (weak evidence on its own).",
        where=_SIGNAL_WHERE,
        hint="Read the 'Rule' column of the signal table; no table means no rule fired.",
        traps=tuple(traps))


def _longest_run(report: Report) -> Task | None:
    found = _reading(report)
    if found is None or not _whole(found).n_useful:
        return None
    p = _whole(found)
    beyond = "longer than" if p.anhoej_run_signal else "no longer than"
    return Task(
        prompt="How many points are in the longest run on one side of the median (points on the median skipped)?",
        answer=float(p.longest_run), tolerance=0.0,
        explanation=f"{p.longest_run} points in a row, {beyond} the {p.longest_run_max} that chance usually allows "
                    f"with {p.n_useful} useful points (round(log2({p.n_useful})) + 3). "
                    + ("So the long-run rule fires." if p.anhoej_run_signal else "So the long-run rule does not fire."),
        where="section 2, the run chart (points above or below the dashed median)",
        hint="Follow the points along the median line and count the most in a row on the same side; a point on the "
             "line neither breaks nor extends a run.",
        traps=traps_apart(float(p.longest_run), 0.0, [
            (float(p.longest_run_max or 0), f"that is the Anhøj limit for {p.n_useful} useful points, not the run "
                                            "on the chart")]))


def _crossings(report: Report) -> Task | None:
    found = _reading(report)
    if found is None or not _whole(found).n_useful:
        return None
    p = _whole(found)
    return Task(
        prompt="How many times does the line cross the median on the whole series?",
        answer=float(p.crossings), tolerance=0.0,
        explanation=f"{p.crossings} crossings; with {p.n_useful} useful points chance usually gives at least "
                    f"{p.crossings_min}. " + ("Fewer means the line sticks to one side: the crossings rule fires."
                                              if p.anhoej_crossings_signal else
                                              "So the crossings rule does not fire."),
        where="section 2, the run chart (the dashed median line)",
        hint="Count the times consecutive useful points fall on opposite sides of the median (runs − 1).",
        traps=traps_apart(float(p.crossings), 0.0, [
            (float(p.crossings_min or 0), f"that is the fewest crossings chance usually gives with {p.n_useful} "
                                          "useful points, the Anhøj limit"),
            (float(p.crossings + 1), "that counts the runs; the crossings are one fewer")]))


class _Split:
    """The chart split at the team's first noted change: the date and each phase's median."""

    def __init__(self, split_at: str, before: float, after: float) -> None:
        self.split_at, self.before, self.after = split_at, before, after


def _split(report: Report) -> tuple[RunChartReading, _Split] | None:
    found = _reading(report)
    if found is None or found.split is None or found.split.split_at is None or len(found.split.phases) != 2:
        return None
    before, after = (p.median for p in found.split.phases)
    if before is None or after is None:
        return None
    return found, _Split(found.split.split_at, float(before), float(after))


def _median_after(report: Report) -> Task | None:
    both = _split(report)
    if both is None:
        return None
    found, split = both
    answer = round(split.after, 1)
    return Task(
        prompt=f"The chart is split at {split.split_at}, the first change the team noted. What is the median after "
               "the change?",
        answer=answer, tolerance=0.05,
        explanation=f"Baseline median {split.before:.1f}, after the change {split.after:.1f} "
                    f"({split.after - split.before:+.1f}). Each phase gets its own median, so the new level can be "
                    "read once a signal on the whole series says the change made a difference.",
        where="section 2, the split chart and the note above it",
        hint="Read the dash-dot line of the second phase, or the 'after change' median in the note.",
        traps=traps_apart(answer, 0.05, [
            (round(split.before, 1), "that is the baseline median, before the change"),
            (round(float(_whole(found).median or 0), 1), "that is the median of the whole series, one line for "
                                                         "every point")]))


def _proof(report: Report) -> Task | None:
    both = _split(report)
    if both is None:
        return None
    found, split = both
    yes = "yes: an Anhøj rule found a signal on the whole series, and the split shows the new level"
    not_yet = "not yet: without an Anhøj signal the difference between the medians can be ordinary variation"
    moved = "yes: the median moved after the change"
    answer = yes if found.verdict.likely_change else not_yet
    return Task(
        prompt=f"Before {split.split_at} the median was {split.before:.1f}, after it {split.after:.1f}. Can the team "
               "say its change made a difference?",
        answer=answer, kind="choice", options=(yes, not_yet, moved),
        explanation=f"{found.verdict.headline}. Two medians always differ a little; a difference counts only when a "
                    "rule that keeps false alarms rare (Anhøj) fires on the whole series read with one median.",
        where=_SIGNAL_WHERE,
        hint="The split chart shows the level; the signal table says whether the change is real.",
        traps=((moved, "two medians always differ a little: a moved median is not a signal by itself"),
               (not_yet if answer == yes else yes,
                f"the Anhøj rules {'did' if found.verdict.likely_change else 'did not'} fire on the whole series")))


EXERCISES = (
    Exercise("14.1", NOTEBOOK, "Is the signal real", "the run chart's verdict: Anhøj first, IHI beside",
             _verdict, needs=_NEEDS),
    Exercise("14.2", NOTEBOOK, "Useful points", "which points the rules count", _useful, needs=_NEEDS),
    Exercise("14.3", NOTEBOOK, "Which rules fire", "the signal table", _rules_fired, needs=_NEEDS),
    Exercise("14.4", NOTEBOOK, "The longest run", "the Anhøj long-run limit", _longest_run, needs=_NEEDS),
    Exercise("14.5", NOTEBOOK, "Crossings of the median", "the Anhøj crossings limit", _crossings, needs=_NEEDS),
    Exercise("14.6", NOTEBOOK, "The median after the change", "a chart split at the change", _median_after,
             needs=_NEEDS),
    Exercise("14.7", NOTEBOOK, "Does a higher median prove it", "a moved median versus a signal", _proof,
             needs=_NEEDS),
)
