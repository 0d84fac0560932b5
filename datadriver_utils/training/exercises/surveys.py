"""Exercises for 15_surveys: read perception surveys without over-reading them.

Every answer is read from the frames the notebook's views return: respondents per
administration (``surveys.response_counts(report).value``), construct scores
(``surveys.construct_scores(report).value``) and the first-against-latest table
(``surveys.construct_changes(report).value``), all already suppressed the way every audience,
the team included, sees them.  A team without surveys, or whose surveys cannot support a
question (a single administration, a tie), gets ``None``.
"""

from __future__ import annotations

import pandas as pd

from datadriver_utils.notebook.report import Report
from datadriver_utils.strands import surveys as survey_views
from datadriver_utils.training.exercise import Exercise, Task
from datadriver_utils.training.exercises.choices import joined, pct, points, traps_apart

__all__ = ["EXERCISES"]

NOTEBOOK = "15_surveys"
_NEEDS = ("surveys", "survey_items")
NONE_HIDDEN = "none: every administration is shown"
_PREFERRED = ("student_voice", "culture", "belonging")


def _title(survey: object) -> str:
    return str(survey).replace("_", " ")


def _value(result: object) -> pd.DataFrame | None:
    found = getattr(result, "value", None)
    return found if isinstance(found, pd.DataFrame) and not found.empty else None


def _comparable(report: Report) -> pd.DataFrame | None:
    changes = _value(survey_views.construct_changes(report))
    if changes is None:
        return None
    return changes[(changes["status"] == "ok") & changes["pct_favourable_change"].notna()]


def _pick(surveys: pd.Series, order: tuple[str, ...] = _PREFERRED) -> str | None:
    """The first survey of ``order`` among ``surveys``, else the first of them in their own order."""
    present = list(dict.fromkeys(surveys.astype(str)))
    return next((s for s in order if s in present), present[0] if present else None)


def _unique_extreme(frame: pd.DataFrame, column: str, *, lowest: bool) -> pd.Series | None:
    ranked = frame.dropna(subset=[column]).sort_values(column, ascending=lowest, key=lambda c: c.round(6))
    if ranked.empty or (len(ranked) > 1 and round(ranked.iloc[0][column], 6) == round(ranked.iloc[1][column], 6)):
        return None
    return ranked.iloc[0]


def _most_changed(report: Report) -> Task | None:
    changes = _comparable(report)
    survey = None if changes is None else _pick(changes.groupby("survey").filter(lambda g: len(g) > 1)["survey"])
    if changes is None or survey is None:
        return None
    part = changes[changes["survey"] == survey].assign(size=lambda f: f["pct_favourable_change"].abs())
    row = _unique_extreme(part, "size", lowest=False)
    if row is None:
        return None
    answer = str(row["construct"])
    favourite = str(part.loc[part["latest_pct_favourable"].idxmax(), "construct"])
    traps = [(str(r["construct"]), f"{r['construct']} "
              + ("is the most favourable now, but it " if r["construct"] == favourite else "")
              + f"moved {points(r['pct_favourable_change'])}, less than {answer}")
             for _, r in part.iterrows() if str(r["construct"]) != answer]
    return Task(
        prompt=f"In the {_title(survey)} survey, which construct's % favourable changed most (up or down) from the "
               f"first administration ({row['first_administration']}) to the latest ({row['latest_administration']})?",
        answer=answer, kind="choice", options=tuple(part["construct"].astype(str)),
        explanation=f"{answer.capitalize()}: {pct(row['first_pct_favourable'])} → {pct(row['latest_pct_favourable'])} "
                    "favourable "
                    f"({points(row['pct_favourable_change'])}), with {int(row['first_n_respondents'])} and "
                    f"{int(row['latest_n_respondents'])} respondents. Before crediting the action plan, check that "
                    "about the same people answered both times and that the construct's items moved together.",
        where=f"section 3, the {_title(survey)} change table (column 'Change (points)')",
        hint="Compare the size of 'Change (points)' across the constructs, ignoring its sign.",
        traps=tuple(traps))


def _admin_label(row: pd.Series) -> str:
    return f"{_title(row['survey'])}: {row['administration']}"


def _hidden(report: Report) -> Task | None:
    admins = _value(survey_views.response_counts(report))
    if admins is None:
        return None
    minimums = survey_views.survey_minimums(report)
    hidden, shown = admins[admins["status"] != "ok"], admins[admins["status"] == "ok"]
    labels = [_admin_label(r) for _, r in hidden.iterrows()]
    answer = joined(labels) if labels else NONE_HIDDEN
    smallest = shown.sort_values("n_respondents", kind="stable").head(2)
    options = tuple(dict.fromkeys([*labels, answer, NONE_HIDDEN, *(_admin_label(r) for _, r in smallest.iterrows())]))
    traps = [(_admin_label(r), f"{_admin_label(r)} is shown: {int(r['n_respondents'])} respondents, at least the "
              f"{minimums[str(r['survey'])]} the {_title(r['survey'])} survey needs") for _, r in smallest.iterrows()]
    traps += [(label, f"{label} is hidden, but not alone: the respondents table marks {answer}")
              for label in labels if label != answer]
    if labels:
        traps.append((NONE_HIDDEN, f"the respondents table marks {answer} 'too few responses'"))
    why = "; ".join(f"{_admin_label(r)} had {r['n_band']} respondents" for _, r in hidden.iterrows())
    rule = ", ".join(f"{_title(s)} {k}" for s, k in minimums.items())
    return Task(
        prompt="Which survey administration(s) does every view hide, the team's included?",
        answer=answer, kind="choice", options=options,
        explanation=(f"{why}. " if labels else "Every administration reached its minimum. ")
                    + f"The minimums are {rule} respondents (peer feedback needs 4, the others the district's "
                      "minimum group size): with fewer, a reader could guess who said what, so the numbers are "
                      "hidden everywhere and that administration cannot be compared.",
        where="section 1, who answered (column 'Status')",
        hint="Look for 'too few responses' in the Status column of the respondents table.",
        traps=tuple(traps))


def _favourable(report: Report) -> Task | None:
    scores = _value(survey_views.construct_scores(report))
    if scores is None:
        return None
    scores = scores[scores["status"] == "ok"]
    survey = _pick(scores["survey"], ("culture", "student_voice", "belonging"))
    if survey is None:
        return None
    part = scores[scores["survey"] == survey]
    latest = part[part["administration_order"] == part["administration_order"].max()]
    row = _unique_extreme(latest, "pct_favourable", lowest=True)
    if row is None:
        return None
    low, high, mean = float(row["scale_min"]), float(row["scale_max"]), float(row["mean_score"])
    middle = (low + high) / 2
    answer = round(float(row["pct_favourable"]), 1)
    return Task(
        prompt=f"In the latest {_title(survey)} survey ({row['administration']}), what percent of the answers on "
               f"{row['construct']} were favourable?",
        answer=answer, unit="%", tolerance=0.15,
        explanation=f"{pct(row['pct_favourable'])} of the answers on {row['construct']} were above the midpoint "
                    f"({middle:g}) of the {low:g}–{high:g} scale, after flipping reverse-scored items. Its mean score "
                    f"is {mean:.2f}: a mean near the midpoint can hide many neutral answers, and a neutral answer is "
                    "not favourable.",
        where=f"section 2, the {_title(survey)} construct scores (column '% favourable')",
        hint="Read '% favourable' in the latest administration's row, not the mean score.",
        traps=traps_apart(answer, 0.15, [
            (round(mean, 2), f"that is the mean score on the {low:g}–{high:g} scale, not a share of answers"),
            (round((mean - low) / (high - low) * 100, 1), "that turns the mean score into a percent of the scale; % "
                                                          "favourable counts the answers above its midpoint"),
        ]))


def _change_points(report: Report) -> Task | None:
    changes = _comparable(report)
    scores = _value(survey_views.construct_scores(report))
    if changes is None or scores is None or changes.empty:
        return None
    rounds = scores.groupby("survey")["administration"].nunique()
    survey = _pick(changes["survey"], tuple(rounds.sort_values(ascending=False, kind="stable").index.astype(str)))
    row = changes[changes["survey"] == survey].iloc[0]
    answer = round(float(row["pct_favourable_change"]), 1)
    series = scores[(scores["survey"] == survey) & (scores["construct"] == row["construct"])
                    & (scores["status"] == "ok")].sort_values("administration_order")
    previous = series.iloc[-2] if len(series) > 2 else None
    return Task(
        prompt=f"{_title(survey).capitalize()} survey, {row['construct']}: by how many percentage points did % favourable "
               f"change from the first administration ({row['first_administration']}) to the latest "
               f"({row['latest_administration']})? (Use a minus sign for a fall.)",
        answer=answer, unit=" points", tolerance=0.15,
        explanation=f"{pct(row['latest_pct_favourable'])} − {pct(row['first_pct_favourable'])} = {points(answer)}, with "
                    f"{int(row['first_n_respondents'])} and {int(row['latest_n_respondents'])} respondents. The table "
                    "compares the first with the latest administration; the ones between are read on the chart.",
        where=f"section 3, the {_title(survey)} change table (column 'Change (points)')",
        hint="Latest % favourable minus first % favourable, in percentage points.",
        traps=traps_apart(answer, 0.15, [
            (-answer, "the sign is reversed: the change is latest minus first"),
            (round(float(row["mean_change"]), 2), "that is the change in mean score, on the items' scale"),
            (None if previous is None else round(float(series.iloc[-1]["pct_favourable"] - previous["pct_favourable"]), 1),
             "that is the change since the previous administration; the table compares the first with the latest"),
        ]))


def _peer_snapshot(report: Report) -> Task | None:
    scores = _value(survey_views.construct_scores(report))
    if scores is None:
        return None
    single = scores.groupby("survey")["administration"].nunique()
    survey = _pick(pd.Series(single[single == 1].index), ("peer_feedback",))
    if survey is None:
        return None
    part = scores[scores["survey"] == survey]
    row = _unique_extreme(part[part["status"] == "ok"], "pct_favourable", lowest=True)
    if row is None:
        return None
    answer = str(row["construct"])
    minimum = survey_views.survey_minimums(report)[survey]
    traps = [(str(r["construct"]), f"{r['construct']} is hidden: fewer than {minimum} answered its items, so "
              "nothing can be said of it" if r["status"] != "ok" else
              f"{r['construct']} is {pct(r['pct_favourable'])} favourable, higher than {answer}")
             for _, r in part.iterrows() if str(r["construct"]) != answer]
    return Task(
        prompt=f"The {_title(survey)} survey was given once ({row['administration']}). Which construct has the lowest "
               "% favourable?",
        answer=answer, kind="choice", options=tuple(part["construct"].astype(str)),
        explanation=f"{answer.capitalize()}: {pct(row['pct_favourable'])} favourable from {row['n_band']} respondents. One "
                    "administration is a snapshot, not a change: say what it shows and plan the next administration "
                    f"with the same items. It is shown only with at least {minimum} respondents.",
        where=f"section 2, the {_title(survey)} construct scores (column '% favourable')",
        hint="Compare '% favourable' across the constructs that are shown.",
        traps=tuple(traps))


EXERCISES = (
    Exercise("15.1", NOTEBOOK, "Which construct changed most", "first against latest administration",
             _most_changed, needs=_NEEDS),
    Exercise("15.2", NOTEBOOK, "The hidden administration", "minimum respondents and why", _hidden, needs=_NEEDS),
    Exercise("15.3", NOTEBOOK, "Percent favourable", "% favourable versus the mean score", _favourable,
             needs=_NEEDS),
    Exercise("15.4", NOTEBOOK, "How much it moved", "a change in percentage points, first to latest",
             _change_points, needs=_NEEDS),
    Exercise("15.5", NOTEBOOK, "One administration", "reading a snapshot, not a change", _peer_snapshot,
             needs=_NEEDS),
)
