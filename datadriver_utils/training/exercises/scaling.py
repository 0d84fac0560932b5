"""Exercises for 32_scaling: who is in the learning group, what moved, and how the group feels.

Every answer is read from what the notebook shows: the visit log with its rounds
(``scaling.network(report).value``), the eight reflection sheets (``scaling.impact(report).value``),
the culture survey's table by construct (``scaling.culture(report).tables["constructs"]``) and the
confidence survey's (``scaling.building_skills(report).tables["constructs"]``).  The sizes the
credential asks for are the statistics module's own constants
(:data:`~datadriver_utils.stats.scaling.SECOND_ROUND_PEERS` and its siblings).
"""

from __future__ import annotations

import pandas as pd

from datadriver_utils.leadership import scaling
from datadriver_utils.notebook.report import Report
from datadriver_utils.stats import scaling as stats
from datadriver_utils.stats.slrc import same_question
from datadriver_utils.training.exercise import Exercise, Task
from datadriver_utils.training.exercises.choices import joined, pct, points, table, traps_apart

__all__ = ["EXERCISES"]

NOTEBOOK = "32_scaling"


def _value(found: object) -> pd.DataFrame | None:
    value = getattr(found, "value", None)
    return value if isinstance(value, pd.DataFrame) and not value.empty else None


def _yellow_dots(report: Report) -> Task | None:
    rounds = _value(scaling.network(report))
    if rounds is None:
        return None
    leader = str(rounds["leader"].iloc[0])
    group = stats.learning_group(rounds.drop(columns="round"), leader)  # the view's own definition of the dots
    blue = sorted(group.loc[group["dot"] == stats.BLUE, "person"].astype(str))
    yellow = sorted(group.loc[group["dot"] == stats.YELLOW, "person"].astype(str))
    others = int((rounds["round"] == stats.OTHER).sum())
    answer = float(len(yellow))
    return Task(
        prompt=f"How many yellow dots does {leader}'s learning group have: colleagues the first peers (blue dots) "
               f"brought the cycle to? The credential asks for {stats.SECOND_ROUND_PEERS}.",
        answer=answer, tolerance=0.0,
        explanation=f"{len(yellow)}: {joined(yellow) or 'nobody yet'}, each hosted by a blue dot ({joined(blue)}). "
                    + (f"The {others} visit(s) marked 'other' add nobody: a yellow dot visiting another yellow dot "
                       "is the cycle spreading further, not the second round. " if others else "")
                    + "Building Will counts people reached, not visits made.",
        where="section 1, the network and the visit log (column 'Round')",
        hint="Take the hosts of round-2 visits, each once.",
        traps=traps_apart(answer, 0.0, [
            (float(len(rounds)), "that is every visit in the log; a person visited twice is one dot"),
            (float(len(blue)), "those are the blue dots, the leader's first peers"),
            (float(len(group)), "that is the whole group, the leader and blue dots included")]))


def _peer_rises(sheets: pd.DataFrame) -> pd.DataFrame:
    """Per peer with both cycles on the same question and a result in each: cycle 1, cycle 2, change
    (the worked explanation's lines; the mean itself is the summary's)."""
    rows = []
    for peer, own in sheets.groupby("peer", sort=False):
        by_cycle = own.set_index("cycle")
        if {1, 2} <= set(by_cycle.index) and by_cycle["result_pct"].notna().all() and same_question(
                by_cycle.loc[1, "question"], by_cycle.loc[2, "question"]):
            first, second = float(by_cycle.loc[1, "result_pct"]), float(by_cycle.loc[2, "result_pct"])
            rows.append({"peer": peer, "first": first, "second": second, "change": second - first})
    return pd.DataFrame(rows, columns=["peer", "first", "second", "change"])


def _mean_change(report: Report) -> Task | None:
    sheets = _value(scaling.impact(report))
    mean = scaling.summary(report).mean_change  # the summary's own figure: one definition of the mean
    if sheets is None or mean is None:
        return None
    rises = _peer_rises(sheets)
    if rises.empty:
        return None
    answer = round(float(mean), 1)
    each = "; ".join(f"{r.peer} {r.first:.0f}% → {r.second:.0f}% ({points(r.change)})" for r in rises.itertuples())
    return Task(
        prompt="Over the first peers with a result in both cycles on the same question, what is the mean change "
               "from cycle 1 to cycle 2, in points? (Use a minus sign for a fall.)",
        answer=answer, unit=" points", tolerance=0.15,
        explanation=f"{points(answer)}: {each}. Each change is the peer's own students on her own question, so the "
                    "mean says how much the cycles moved learning in the rooms they reached; it cannot say the "
                    "cycles alone did it.",
        where="section 2, the reflection sheets and the chart of cycle 1 to cycle 2",
        hint="For each peer subtract the cycle 1 result from the cycle 2 result, then average the changes.",
        traps=traps_apart(answer, 0.15, [
            (round(float(rises["second"].mean()), 1), "that is the mean cycle 2 result, not the change"),
            (round(float(rises["change"].max()), 1), "that is the largest single change"),
            (-answer, "the sign is reversed: cycle 2 minus cycle 1")]))


def _culture_change(report: Report) -> Task | None:
    shown = scaling.culture(report)
    constructs = table(shown, "constructs")
    if constructs is None:
        return None
    known = constructs.dropna(subset=["pct_favourable_change"])
    if known.empty:
        return None
    row = known.loc[known["pct_favourable_change"].idxmax()]
    answer = round(float(row["pct_favourable_change"]), 1)
    respondents = table(shown, "respondents")
    counts = "" if respondents is None else " and ".join(str(n) for n in respondents["n_band"])
    return Task(
        prompt=f"By how many points did the share of favourable answers on '{row['construct']}' change from the "
               f"first culture survey ({row['first_administration']}) to the latest ({row['latest_administration']})?",
        answer=answer, unit=" points", tolerance=0.15,
        explanation=f"{pct(row['first_pct_favourable'])} → {pct(row['latest_pct_favourable'])}: {points(answer)}."
                    + (f" {counts} people answered: " if counts else " ")
                    + "when fewer answer the second time, say so before anyone reads the change, since those "
                      "who stopped answering may be the least convinced.",
        where="section 3, the culture survey's table of % favourable by construct",
        hint="Subtract the first % favourable from the latest, for that construct.",
        traps=traps_apart(answer, 0.15, [
            (round(float(row["latest_pct_favourable"]), 1), "that is the latest share favourable, not the change"),
            (round(float(row["first_pct_favourable"]), 1), "that is the first share favourable"),
            *[(round(float(r["pct_favourable_change"]), 1), f"that is the change on '{r['construct']}'")
              for _, r in known.iterrows() if r["construct"] != row["construct"]]]))


def _less_confident(report: Report) -> Task | None:
    constructs = table(scaling.building_skills(report), "constructs")
    if constructs is None or len(constructs) < 2:
        return None
    latest = constructs.set_index("construct")["latest_pct_favourable"].dropna().astype(float)
    if len(latest) < 2 or (latest == latest.min()).sum() > 1:
        return None
    answer = str(latest.idxmin())
    reading = "; ".join(f"{c} {pct(v)} favourable" for c, v in latest.items())
    return Task(
        prompt="In the group's end-of-year confidence survey, which skill is the group less confident in?",
        answer=answer, kind="choice", options=tuple(sorted(latest.index.astype(str))),
        explanation=f"{answer[0].upper()}{answer[1:]}: {reading}. The next agenda of the whole group should "
                    "practise it: a facilitated reflection in pairs, recorded and watched together.",
        where="section 4, the confidence survey's table of % favourable by construct",
        hint="Compare the 'Latest % favourable' column of the two constructs.",
        traps=tuple((c, reading) for c in latest.index.astype(str) if c != answer))


EXERCISES = (
    Exercise("32.1", NOTEBOOK, "Yellow dots", "counting people reached, not visits", _yellow_dots, needs=("visits",)),
    Exercise("32.2", NOTEBOOK, "Impact on student learning", "the mean change over the first peers", _mean_change,
             needs=("visits", "slrc_cycles")),
    Exercise("32.3", NOTEBOOK, "Impact on culture", "a survey change and who answered", _culture_change,
             needs=("surveys", "survey_items")),
    Exercise("32.4", NOTEBOOK, "Building skills in others", "where the group needs practice", _less_confident,
             needs=("surveys", "survey_items")),
)
