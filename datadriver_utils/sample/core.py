"""Generate the core files of a sample team: team.yml, students.csv, assessments.csv.

Results follow a simple item-response model so that item statistics, growth and subgroup
gaps look like real classrooms: a student's chance of earning an item's point is
logistic(ability − item difficulty), and post ability = pre ability + the team's growth + noise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from datadriver_utils.sample.profiles import TeamProfile

__all__ = ["CoreData", "generate_core", "key_corrections", "team_yaml", "CYCLE_START", "CYCLE_END"]

CYCLE_START = dt.date(2025, 9, 15)
CYCLE_END = dt.date(2026, 1, 30)
_OPTIONS = ("A", "B", "C", "D")
_RACE = ("Asian", "Black", "Hispanic or Latino", "Two or more races", "White", "American Indian")
_RACE_WEIGHTS = (0.09, 0.17, 0.34, 0.06, 0.32, 0.02)


@dataclass
class CoreData:
    """What the other generators build on: the roster and each student's abilities."""

    students: pd.DataFrame
    assessments: pd.DataFrame
    ability: pd.DataFrame  # student_id, pre, post


def _students(profile: TeamProfile, rng: np.random.Generator, first_id: int) -> pd.DataFrame:
    n = profile.n_students
    grade = rng.choice(profile.grades, size=n)
    ell = rng.random(n) < 0.14
    sped = rng.random(n) < 0.12
    frl = rng.random(n) < 0.48
    gender = rng.choice(["F", "M", "X"], size=n, p=[0.49, 0.49, 0.02])
    race = rng.choice(_RACE, size=n, p=_RACE_WEIGHTS)
    per_grade = {g: [s for s in profile.sections if s.startswith(g + "-")] for g in profile.grades}
    section = [
        rng.choice(per_grade[g]) if per_grade.get(g) else rng.choice(profile.sections) for g in grade
    ]
    return pd.DataFrame({
        "student_id": [f"{first_id + i:06d}" for i in range(n)],
        "grade": grade,
        "ell": np.where(ell, "Y", "N"),
        "sped": np.where(sped, "Y", "N"),
        "frl": np.where(frl, "Y", "N"),
        "gender": gender,
        "race_ethnicity": race,
        "section": section,
    })


def _items(profile: TeamProfile, rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for standard in profile.standards:
        for k in range(1, 5):
            constructed = k == 4
            rows.append({
                "standard": standard,
                "item_id": f"{standard}-Q{k}",
                "points_possible": 2.0 if constructed else 1.0,
                "difficulty": rng.uniform(-1.7, 0.7),
                "key": None if constructed else rng.choice(_OPTIONS),
                "planted": "",
            })
    items = pd.DataFrame(rows)
    if "assessor" in profile.story:  # a multiple-choice item scored against the wrong key
        items.loc[1, "planted"] = "wrong key"
    items.loc[len(items) - 3, ["difficulty", "planted"]] = [-3.2, "too easy"]
    return items


def _responses(
    items: pd.DataFrame, ability: pd.Series, window: str, date: dt.date, rng: np.random.Generator
) -> pd.DataFrame:
    frames = []
    for item in items.itertuples(index=False):
        chance = 1 / (1 + np.exp(-(ability.to_numpy() - item.difficulty)))
        if item.planted == "wrong key":
            chance = 1 - chance * 0.85
        if item.points_possible == 2:
            points = rng.binomial(2, chance).astype(float)
            response: list[str | None] = [None] * len(ability)
            key = None
        else:
            correct = rng.random(len(ability)) < chance
            points = correct.astype(float)
            wrong = [o for o in _OPTIONS if o != item.key]
            response = [item.key if c else rng.choice(wrong, p=[0.5, 0.3, 0.2]) for c in correct]
            key = item.key
        frames.append(pd.DataFrame({
            "student_id": ability.index,
            "window": window,
            "standard": item.standard,
            "item_id": item.item_id,
            "points": points,
            "points_possible": item.points_possible,
            "assessment": "Common assessment",
            "date": date.isoformat(),
            "response": response,
            "key": key,
        }))
    return pd.concat(frames, ignore_index=True)


def generate_core(profile: TeamProfile, rng: np.random.Generator, first_id: int) -> CoreData:
    """Roster and item-level pre/post results for one team, with realistic absences."""
    students = _students(profile, rng, first_id)
    base = rng.normal(profile.ability_shift, 1.0, len(students))
    base -= 0.35 * (students["ell"] == "Y").to_numpy() + 0.5 * (students["sped"] == "Y").to_numpy()
    grade_offset = students["grade"].map({g: 0.15 * i for i, g in enumerate(profile.grades)}).to_numpy()
    pre = pd.Series(base - grade_offset, index=students["student_id"])
    post = pre + rng.normal(profile.growth, 0.45, len(pre))
    items = _items(profile, rng)
    took_pre = rng.random(len(pre)) > 0.03
    took_post = rng.random(len(pre)) > profile.absent_post_rate
    assessments = pd.concat([
        _responses(items, pre[took_pre], "pre", CYCLE_START + dt.timedelta(days=3), rng),
        _responses(items, post[took_post], "post", CYCLE_END - dt.timedelta(days=4), rng),
    ], ignore_index=True)
    ability = pd.DataFrame({"student_id": pre.index, "pre": pre.to_numpy(), "post": post.to_numpy()})
    return CoreData(students, assessments, ability)


def team_yaml(profile: TeamProfile) -> dict[str, object]:
    """The team.yml mapping for a profile."""
    return {
        "name": profile.name,
        "school": profile.school,
        "level": profile.level,
        "subject": profile.subject,
        "grade_levels": list(profile.grades),
        "windows": ["pre", "post"],
        "members": [
            {"name": name, "role": role, "functions": list(functions)}
            for name, role, functions in profile.members
        ],
        "goal": {
            "statement": profile.goal_statement,
            "standards": list(profile.goal_standards),
            "proficiency_cut_pct": profile.cut_pct,
            "target_pct_proficient": profile.target_pct,
        },
        "cycle": {"start": CYCLE_START.isoformat(), "end": CYCLE_END.isoformat()},
        **({"overview": profile.overview} if profile.overview else {}),
    }


def key_corrections(profile: TeamProfile, assessments: pd.DataFrame) -> pd.DataFrame | None:
    """key_corrections.csv of a team whose story plants a wrong key (None for the others).

    The planted item (the second of the first standard, :func:`_items`) was scored against a
    key the strongest students did not choose. The team, reading the distractor table, takes as
    the correct option the one whose choosers had the highest mean total on the post
    assessment, records it two days after that assessment, and rescores the item in both
    windows. Computed from the files, with no random draw, so every other file stays the same.
    """
    if "assessor" not in profile.story:
        return None
    item = f"{profile.standards[0]}-Q2"
    post = assessments[assessments["window"] == "post"]
    totals = post.groupby("student_id")["points"].sum() / post.groupby("student_id")["points_possible"].sum()
    chosen = post[(post["item_id"] == item) & (post["response"] != post["key"])]
    means = chosen.assign(total=chosen["student_id"].map(totals)).groupby("response")["total"].mean()
    corrected = CYCLE_END - dt.timedelta(days=2)
    return pd.DataFrame([{"item_id": item, "window": "", "key": str(means.idxmax()), "corrected_on": corrected.isoformat(),
                          "note": "Strong students chose this option; the scanner key had the wrong letter."}])

