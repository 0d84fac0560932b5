"""Exercises for 21_leadership_moves: credit a micro-change fairly, read process beside perception.

Every answer is read from what the notebook shows: the one-pager's table of checks
(``moves.one_pager(report).tables["checks"]``), the look-fors across visits
(``moves.look_fors(report).frame``), the month-by-month table beside belonging
(``moves.belonging(report).value``) and the feedback notes (``moves.feedback_log(report).value``).
The one-pager's rule (a rise is d_z of at least :data:`VERDICT_EFFECT`, credited to the
micro-change when it beats the other standards by :data:`AHEAD_POINTS`) and the bite-size limit
are the statistics modules' own constants, quoted, never restated.
"""

from __future__ import annotations

import pandas as pd

from datadriver_utils.notebook.report import Report
from datadriver_utils.stats.benchmarks import AHEAD_POINTS, VERDICT_EFFECT
from datadriver_utils.stats.feedback import BITE_SIZE_WORDS
from datadriver_utils.strands import leadership_moves as moves
from datadriver_utils.training.exercise import Exercise, Task
from datadriver_utils.training.exercises.choices import joined, pct, points, table, traps_apart

__all__ = ["EXERCISES"]

NOTEBOOK = "21_leadership_moves"
_CHECKED = ("rose more than the other standards", "rose with the other standards", "no clear change", "fell")
MOVED_POINTS = 5.0
"""This question's own bar for "rose" in 21.3, stated in its prompt: a few points either way is
what a different handful of visits or respondents gives."""
BOTH = f"both rose by {MOVED_POINTS:g} points or more"
ONLY_LOOKFORS = f"only the look-fors rose by {MOVED_POINTS:g} points or more"
ONLY_BELONGING = f"only belonging rose by {MOVED_POINTS:g} points or more"
NEITHER = f"neither rose by {MOVED_POINTS:g} points or more"


def _link(report: Report) -> pd.Series | None:
    """The link a team is most tempted to celebrate: the largest rise among links checked
    against the grade's other standards."""
    checks = table(moves.one_pager(report), "checks")
    if checks is None:
        return None
    checked = checks[checks["verdict"].isin(_CHECKED) & checks["others_change"].notna() & checks["change"].notna()]
    return None if checked.empty else checked.loc[checked["change"].idxmax()]


def _heading(link: pd.Series) -> str:
    return f"Grade {link['grade']}, {link['standard']} ({link['pattern_window']} → {link['check_window']})"


def _ahead(report: Report) -> Task | None:
    link = _link(report)
    if link is None:
        return None
    change, others = round(float(link["change"]), 1), round(float(link["others_change"]), 1)  # as the table shows
    answer = round(change - others, 1)
    return Task(
        prompt=f"{_heading(link)}: the micro-change was “{str(link['micro_change']).rstrip('.')}”. By how many points did the targeted "
               "standard rise more than the same students' other standards? (Use a minus sign if it rose less.)",
        answer=answer, unit=" points", tolerance=0.15,
        explanation=f"{change:.1f} − {others:.1f} = {points(answer)}. The matched students rose {change:.1f} points on "
                    f"{link['standard']} and {others:.1f} on the grade's other standards; only the difference can be "
                    "credited to the micro-change, since whatever lifted every standard (a good unit, a familiar test "
                    f"format) lifted this one too. The one-pager asks for at least {AHEAD_POINTS:g} points ahead.",
        where="section 2, the table of checks (columns 'Change' and 'Others' change')",
        hint="Subtract 'Others' change' from 'Change' in the link's row.",
        traps=traps_apart(answer, 0.15, [
            (round(change, 1), "that is the targeted standard's whole rise; part of it every standard shared"),
            (round(others, 1), "that is what the other standards rose, not how far this one got ahead"),
            (-answer, "the sign is reversed: it is the standard's change minus the others' change")]))


def _verdict_meaning(option: str, d: float, ahead: float, link: pd.Series) -> str:
    rise = f"d_z = {d:.2f}"
    return {
        "rose more than the other standards": f"it is {points(ahead)} ahead of the other standards; the rule asks for "
                                              f"at least {AHEAD_POINTS:g}" if d >= VERDICT_EFFECT else
                                              f"{rise} is below {VERDICT_EFFECT:g}: not a rise to credit",
        "rose with the other standards": f"it is {points(ahead)} ahead of the other standards, at least "
                                         f"{AHEAD_POINTS:g}" if d >= VERDICT_EFFECT else
                                         f"{rise} is below {VERDICT_EFFECT:g}: not a rise",
        "no clear change": f"{rise}: at least {VERDICT_EFFECT:g} either way is more than noise",
        "fell": f"the matched students' mean went from {link['pattern_mean']:.1f} to {link['check_mean']:.1f}",
    }[option]


def _verdict(report: Report) -> Task | None:
    link = _link(report)
    if link is None or pd.isna(link["effect_size"]):
        return None
    d = float(link["effect_size"])
    ahead = round(float(link["change"]), 1) - round(float(link["others_change"]), 1)
    answer = str(link["verdict"])
    return Task(
        prompt=f"{_heading(link)}: d_z = {d:.2f}, change {link['change']:.1f} points, others' change "
               f"{link['others_change']:.1f}. What does the one-pager's check say?",
        answer=answer, kind="choice", options=_CHECKED,
        explanation=f"'{answer}'. The rule: d_z of {VERDICT_EFFECT:g} or more is a rise (−{VERDICT_EFFECT:g} or less "
                    f"a fall, in between no clear change); a rise is credited to the micro-change only when it beats "
                    f"the other standards by {AHEAD_POINTS:g} points or more. Here d_z = {d:.2f} and the standard is "
                    f"{points(ahead)} ahead.",
        where="section 2, the one-pager's card and the 'Verdict' column of the checks",
        hint=f"First d_z against ±{VERDICT_EFFECT:g}, then 'Change' minus 'Others' change' against "
             f"{AHEAD_POINTS:g} points.",
        traps=tuple((o, _verdict_meaning(o, d, ahead, link)) for o in _CHECKED if o != answer))


def _first_last(values: pd.Series) -> tuple[float, float] | None:
    known = values.dropna()
    return None if len(known) < 2 else (float(known.iloc[0]), float(known.iloc[-1]))


def _beside(report: Report) -> Task | None:
    beside = moves.belonging(report).value
    if not isinstance(beside, pd.DataFrame) or "pct_seen" not in beside:
        return None
    seen, felt = _first_last(beside["pct_seen"]), _first_last(beside["belonging_pct_favourable"])
    if seen is None or felt is None:
        return None
    seen_rose, felt_rose = seen[1] - seen[0] >= MOVED_POINTS, felt[1] - felt[0] >= MOVED_POINTS
    answer = {(True, True): BOTH, (True, False): ONLY_LOOKFORS, (False, True): ONLY_BELONGING,
              (False, False): NEITHER}[(seen_rose, felt_rose)]
    moved = (f"look-fors seen {pct(seen[0])} → {pct(seen[1])} ({points(seen[1] - seen[0])}), belonging "
             f"favourable {pct(felt[0])} → {pct(felt[1])} ({points(felt[1] - felt[0])})")
    return Task(
        prompt=f"From the first month to the latest, did the look-fors seen and students' belonging each rise by "
               f"{MOVED_POINTS:g} percentage points or more?",
        answer=answer, kind="choice", options=(BOTH, ONLY_LOOKFORS, ONLY_BELONGING, NEITHER),
        explanation=f"{moved[0].upper()}{moved[1:]}. Look-fors are process evidence, the micro-survey perception "
                    "evidence: reading them side by side asks whether students felt what the walkthroughs saw. A "
                    "handful of months cannot show that one caused the other.",
        where="section 3, the month-by-month table beside belonging",
        hint="Take the first and the latest month that have a value in each column (a hidden month has none).",
        traps=tuple((o, f"the table reads {moved}") for o in (BOTH, ONLY_LOOKFORS, ONLY_BELONGING, NEITHER)
                    if o != answer))


def _bite_size(report: Report) -> Task | None:
    entries = moves.feedback_log(report).value
    if not isinstance(entries, pd.DataFrame) or entries.empty or "bite_size" not in entries:
        return None
    n, short = len(entries), int(entries["bite_size"].sum())
    share = 100 * short / n
    known = 100 * float((entries["impact"] != "not yet known").mean()) if "impact" in entries else None
    long_notes = [int(w) for w, ok in zip(entries["words"], entries["bite_size"], strict=True) if not ok]
    answer = round(share, 1)
    return Task(
        prompt=f"What share of the team's {n} feedback notes are bite-size ({BITE_SIZE_WORDS} words or fewer)?",
        answer=answer, unit="%", tolerance=0.5,
        explanation=f"{short} of {n} notes, {share:.0f}%. "
                    + (f"The other {len(long_notes)} run to {joined([str(w) for w in long_notes])} words: a note that "
                       "long usually carries "
                       "more than one next step; ask which one the teacher can act on tomorrow." if long_notes else
                       "Each note gives one next step a teacher can act on tomorrow."),
        where="section 4, the feedback log (the note under it and the 'By month' table)",
        hint="Count the notes marked bite-size and divide by all the notes.",
        traps=traps_apart(answer, 0.5, [
            (float(short), "that is the number of bite-size notes; the question asks for their share"),
            (None if known is None else round(known, 1), "that is the share of notes that say what the tool did for "
                                                         "students")]))


def _rare_lookfor(report: Report) -> Task | None:
    rates = table(moves.look_fors(report), "look-fors")
    if rates is None or len(rates) < 2:
        return None
    ranked = rates.sort_values("pct_seen", kind="stable")
    if ranked.iloc[0]["pct_seen"] == ranked.iloc[1]["pct_seen"]:
        return None
    row = ranked.iloc[0]
    answer = str(row["look_for"])
    return Task(
        prompt="Across every walkthrough visit, which look-for was seen least often?",
        answer=answer, kind="choice", options=tuple(rates["look_for"].astype(str)),
        explanation=f"“{answer}”: seen in {int(row['n_seen'])} of {int(row['n_visits'])} observations "
                    f"({pct(row['pct_seen'])}). Ask whether it is hard to see in a short visit or rare in practice: "
                    "the first calls for a longer look, the second for support.",
        where="section 3, the look-fors across every visit",
        hint="Compare the '% seen' column across the look-fors.",
        traps=tuple((str(r["look_for"]), f"seen in {pct(r['pct_seen'])} of observations, more often")
                    for _, r in rates.iterrows() if str(r["look_for"]) != answer))


EXERCISES = (
    Exercise("21.1", NOTEBOOK, "What the micro-change can claim", "change against the other standards' change",
             _ahead, needs=("students", "assessments", "benchmark_links")),
    Exercise("21.2", NOTEBOOK, "The one-pager's verdict", "effect size and the lead over other standards",
             _verdict, needs=("students", "assessments", "benchmark_links")),
    Exercise("21.3", NOTEBOOK, "Look-fors beside belonging", "process evidence beside perception evidence",
             _beside, needs=("surveys", "survey_items", "walkthroughs")),
    Exercise("21.4", NOTEBOOK, "Bite-size feedback", "one next step per note", _bite_size,
             needs=("feedback_log",)),
    Exercise("21.5", NOTEBOOK, "The look-for rarely seen", "reading walkthrough rates", _rare_lookfor,
             needs=("walkthroughs",)),
)
