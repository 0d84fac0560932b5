"""Exercises for 11_assessor: read the item table the way a careful item writer does."""

from __future__ import annotations

import pandas as pd

from datadriver_utils.notebook.report import Report
from datadriver_utils.strands import assessor
from datadriver_utils.training.exercise import Exercise, Task
from datadriver_utils.training.exercises.choices import options_with, table

NOTEBOOK = "11_assessor"
_ALPHA_BANDS = (
    (0.80, "good (0.80 or more)"),
    (0.70, "acceptable (0.70 to 0.79)"),
    (0.60, "questionable (0.60 to 0.69)"),
    (float("-inf"), "poor (below 0.60)"),
)


def _items(report: Report) -> pd.DataFrame | None:
    found = assessor.item_statistics(report).value
    if not isinstance(found, pd.DataFrame):
        return None
    return found.dropna(subset=["difficulty_p", "discrimination_r"])


def _rekey(report: Report) -> Task | None:
    items = _items(report)
    if items is None or len(items) < 3:
        return None
    worst = items.loc[items["discrimination_r"].idxmin()]
    hardest = items.loc[items["difficulty_p"].idxmin()]
    easiest = items.loc[items["difficulty_p"].idxmax()]
    answer = str(worst["item_id"])
    negative = worst["discrimination_r"] < 0
    why = (f"{answer} has discrimination r = {worst['discrimination_r']:.2f}: "
           + ("students who did better on the rest of the test were *less* likely to earn its points, "
              "which is what a wrong answer key (or a question with two defensible answers) produces."
              if negative else "no item points the wrong way, but this one separates students least, "
              "so its key and wording are the first to read."))
    traps = []
    if str(hardest["item_id"]) != answer:
        traps.append((str(hardest["item_id"]), f"{hardest['item_id']} is the hardest item (p = "
                      f"{hardest['difficulty_p']:.2f}), but hard is not wrong: its r = "
                      f"{hardest['discrimination_r']:.2f} is still positive."))
    if str(easiest["item_id"]) not in (answer, str(hardest["item_id"])):
        traps.append((str(easiest["item_id"]), f"{easiest['item_id']} is the easiest item (p = "
                      f"{easiest['difficulty_p']:.2f}); too easy tells you little, but it does not point the wrong way."))
    middle = items.iloc[len(items) // 2]["item_id"]
    return Task(
        prompt="The team has time to check the answer key of one item before reading any standard-level "
               "result. Which item should it check first?",
        answer=answer, kind="choice",
        options=options_with(answer, [hardest["item_id"], easiest["item_id"], middle]),
        explanation=why, where="the item table (column 'Discrimination r') and the item map, below zero",
        hint="Look for the item whose discrimination is lowest, below zero if any: the strongest students "
             "missed it more often than the weakest.",
        traps=tuple(traps))


def _flag_count(report: Report) -> Task | None:
    items = _items(report)
    if items is None or items.empty:
        return None
    easy = items[items["too_easy"]]
    hard = items[items["too_hard"]]
    n = len(easy) + len(hard)
    named = ", ".join(map(str, [*easy["item_id"], *hard["item_id"]])) or "none"
    return Task(
        prompt="With the default thresholds (too easy above p = 0.90, too hard below p = 0.30), how many items "
               "are flagged too easy or too hard?",
        answer=float(n), tolerance=0.0,
        explanation=f"{len(easy)} too easy and {len(hard)} too hard ({named}). Difficulty p is the share of the "
                    "available points students earned, so p = 0.95 means nearly everyone got it.",
        where="the item table, column 'Flags' (or the shaded edges of the item map)",
        hint="Count the rows whose Difficulty p is above 0.90 or below 0.30.",
        traps=tuple((float(negative), "that is the number of items with negative discrimination, a different flag")
                    for negative in [int(items["negative_discrimination"].sum())] if negative != n))


def _alpha(report: Report) -> Task | None:
    found = assessor.summary(report)
    alpha = getattr(found, "alpha", None)
    if alpha is None:
        return None
    band = next(label for floor, label in _ALPHA_BANDS if round(alpha, 2) >= floor)  # as printed
    return Task(
        prompt="How would you describe the reliability of this assessment (Cronbach's alpha)?",
        answer=band, kind="choice", options=tuple(label for _, label in _ALPHA_BANDS),
        explanation=f"Alpha is {alpha:.2f} over {found.n_items} items and {found.n_students_alpha} students. "  # type: ignore[union-attr]
                    "Alpha rises with the number of items, so a short common assessment rarely reaches 0.80; "
                    "read standard-level results from it as rough signals.",
        where="section 2, 'Does the test hang together?'",
        hint="Compare the alpha printed in section 2 with the rules of thumb 0.60 / 0.70 / 0.80.")


def _goal_share(report: Report) -> Task | None:
    found = assessor.blueprint(report).frame
    goal = report.config.goal
    if found is None or found.empty or goal is None or not goal.standards:
        return None
    on_goal = found[found["standard"].isin(goal.standards)]
    share = float(on_goal["share_of_points"].sum())
    standards = ", ".join(goal.standards)
    reading = ("most of the test speaks to the goal" if share >= 50 else
               "less than half of the test speaks to the goal, so its total score is a weak measure of it")
    return Task(
        prompt=f"The team's goal is on {standards}. What share of the test's points (in %) is on those standards?",
        answer=round(share, 1), unit="%", tolerance=0.15,
        explanation=f"{len(on_goal)} of the {len(found)} standards on the test "
                    + ("is a goal standard" if len(on_goal) == 1 else "are goal standards") + ", carrying "
                    f"{share:.1f}% of the points: {reading}.",
        where="section 3, the blueprint table (add the 'Share of points (%)' of the goal's standards)",
        hint=f"Add the 'Share of points (%)' of the rows for {standards}.",
        traps=tuple((float(v), "that is one goal standard's share; add the others")
                    for v in on_goal["share_of_points"] if len(on_goal) > 1 and abs(v - share) > 0.15)[:1])


def _strongest_choice(report: Report) -> Task | None:
    items, chosen = _items(report), table(assessor.distractors(report), "distractors")
    k = report.rules.min_group_size
    if items is None or items.empty or chosen is None:
        return None
    counted = chosen[chosen["count"] >= k].dropna(subset=["mean_total_proportion"])
    readable = counted.groupby("item_id")["option"].count()
    candidates = items[items["item_id"].isin(readable[readable >= 2].index)]
    if candidates.empty:
        return None
    worst = candidates.loc[candidates["discrimination_r"].idxmin()]
    item = chosen[chosen["item_id"] == worst["item_id"]]
    ranked = counted[counted["item_id"] == worst["item_id"]].sort_values("mean_total_proportion", ascending=False)
    if ranked.iloc[0]["mean_total_proportion"] == ranked.iloc[1]["mean_total_proportion"]:
        return None
    top, key = ranked.iloc[0], item[item["is_key"]]
    answer, keyed = str(top["option"]), bool(top["is_key"])
    key_row = key.iloc[0] if len(key) else None
    wrong = item[~item["is_key"]]
    popular = wrong.loc[wrong["count"].idxmax()] if len(wrong) else None
    reading = (f"the key {answer} drew the strongest students, as a key should: the low r more likely comes from the "
               "wording or from a skill the rest of the test does not measure" if keyed else
               "a wrong option drew stronger students than the key"
               + (f" {key_row['option']} ({key_row['mean_total_proportion']:.1f}%)" if key_row is not None else "")
               + ": check the key first, then read the item for a second defensible answer")
    traps = []
    if popular is not None and str(popular["option"]) != answer:
        traps.append((str(popular["option"]), f"option {popular['option']} is the most chosen wrong answer "
                      f"({popular['proportion']:.1f}%), but its choosers averaged {popular['mean_total_proportion']:.1f}%"))
    if key_row is not None and not keyed:
        traps.append((str(key_row["option"]), f"{key_row['option']} is the key; its choosers averaged "
                      f"{key_row['mean_total_proportion']:.1f}%, less than those who chose {answer}"))
    return Task(
        prompt=f"Of the items where two or more options drew at least {k} students, {worst['item_id']} separates "
               f"students least (r = {worst['discrimination_r']:.2f}). Among its options chosen by {k} or more, which "
               "one did the students with the highest mean total choose?",
        answer=answer, kind="choice", options=tuple(sorted(item["option"].astype(str))),
        explanation=f"Option {answer}: its {int(top['count'])} choosers averaged {top['mean_total_proportion']:.1f}% on "
                    f"the whole test. Here {reading}.",
        where="section 4, the distractor table (column 'Their mean total (%)')",
        hint="In the item's rows, compare 'Their mean total (%)' across the options, skipping options few students chose.",
        traps=tuple(traps))


EXERCISES = (
    Exercise("11.1", NOTEBOOK, "The item to re-key", "reading discrimination: wrong key versus hard item",
             _rekey, needs=("assessments",)),
    Exercise("11.2", NOTEBOOK, "Too easy, too hard", "difficulty p and the flag thresholds",
             _flag_count, needs=("assessments",)),
    Exercise("11.3", NOTEBOOK, "How far to trust the test", "reading Cronbach's alpha", _alpha,
             needs=("assessments",)),
    Exercise("11.4", NOTEBOOK, "What the test weighs", "reading a blueprint against the goal",
             _goal_share, needs=("assessments",)),
    Exercise("11.5", NOTEBOOK, "Who chose what", "the distractor table: a wrong option that drew strong students",
             _strongest_choice, needs=("assessments",)),
)
