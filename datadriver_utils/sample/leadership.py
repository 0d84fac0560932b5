"""Sample records for notebooks 06 and 21: trainings, minutes, one-pagers, walkthroughs, feedback.

Written by :func:`write_leadership_records` after every team's core and optional files, from a
random stream of its own (seeded from the district seed and the team's place in the list), so
that no file other analyses read changes: the only existing files touched are ``surveys.csv``
and ``survey_items.csv``, which get rows of a separate survey (``belonging``) appended after
their last line.  A team without workshop responses (oak-middle-science, which has only its
roster and results) gets nothing, so its notebooks show what they need.

The stories (each one is checked in ``tests/sample/test_sample_leadership.py``):

* district-data-team: the two people behind the student list sent to the school board have
  not done the privacy training (overdue); the minutes record the list being withdrawn.
* maple-elementary-g3: every training done; every action followed up at the next meeting; the
  evidence routine's look-for climbs month by month and students' sense of belonging with it.
* cedar-elementary-k2: the interim-report training is overdue for two teachers; an action to
  protect the phonics block is skipped at the next meeting; the December belonging survey has
  too few answers to report.
* river-middle-g7-math: the item-analysis training is overdue for two members (the wrong key);
  the homework rewrite stays open meeting after meeting; look-fors and belonging stay flat;
  two feedback notes run long.
* summit-high-algebra: one training is due soon for nearly everyone; nothing is overdue.
"""

from __future__ import annotations

import datetime as dt
import io
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from datadriver_utils.sample.extras import school_days
from datadriver_utils.sample.leadership_stories import (
    FEEDBACK,
    LOOK_FORS,
    MEETINGS,
    PRACTICES,
    TRAINING_PLANS,
    TRAININGS,
    TRENDS,
    Trend,
)
from datadriver_utils.sample.profiles import TEAMS, TeamProfile
from datadriver_utils.stats.benchmarks import grade_patterns, weakest_standards
from datadriver_utils.workshop.leadership import BELONGING_ITEMS
from datadriver_utils.workshop.store import ResponseStore

__all__ = ["BELONGING_ADMINISTRATIONS", "write_leadership_records", "write_team_leadership"]

WriteCsv = Callable[[Path, pd.DataFrame], None]
BELONGING_ADMINISTRATIONS = ("2025-10", "2025-12", "2026-01")
WALK_MONTHS = ((2025, 10), (2025, 11), (2025, 12), (2026, 1))
_SURVEY = "belonging"


@dataclass(frozen=True)
class _Team:
    profile: TeamProfile
    folder: Path
    rng: np.random.Generator

    @property
    def names(self) -> list[str]:
        return [name for name, _, _ in self.profile.members]


def _trainings(team: _Team) -> pd.DataFrame:
    rows = []
    for training, person, due, completed in TRAINING_PLANS[team.profile.team_id]:
        name, role, _ = team.profile.members[person]
        title, topic, provider = TRAININGS[training]
        rows.append({"person": name, "role": role, "training": title, "topic": topic, "due": due,
                     "completed_on": completed, "provider": provider})
    return pd.DataFrame(rows)


def _links(team: _Team, assessments: pd.DataFrame, students: pd.DataFrame) -> pd.DataFrame:
    profile = team.profile
    weakest = weakest_standards(grade_patterns(assessments, students, profile.cut_pct, "pre"))
    practice, change = PRACTICES[profile.team_id]
    rows = []
    for i, row in enumerate(weakest.itertuples(index=False)):
        rows.append({
            "grade": row.grade, "standard": row.standard, "pattern_window": "pre", "check_window": "post",
            "pattern": f"{row.standard} was grade {row.grade}'s lowest standard on the pre assessment "
                       f"({row.mean_pct:.0f}% correct, {abs(row.gap):.0f} points below the grade's mean).",
            "practice_observed": practice, "micro_change": change,
            "teacher": team.names[(i + 1) % len(team.names)], "observed_on": "2025-10-08",
        })
    return pd.DataFrame(rows)


def _walk_days(year: int, month: int, count: int, rng: np.random.Generator) -> list[dt.date]:
    """``count`` school days of the month (no weekends, Thanksgiving week or winter break)."""
    days = [d for d in school_days((0, 1, 2, 3, 4)) if (d.year, d.month) == (year, month)]
    return sorted(days[i] for i in rng.choice(len(days), size=count, replace=False))


def _walkthroughs(team: _Team) -> pd.DataFrame:
    trend: Trend = TRENDS[team.profile.team_id]
    observer = team.names[-1] if "principal" in team.profile.members[-1][1].lower() else team.names[0]
    look_fors = LOOK_FORS[team.profile.team_id]
    rows = []
    for step, (year, month) in enumerate(WALK_MONTHS):
        share = trend.start + (trend.end - trend.start) * step / (len(WALK_MONTHS) - 1)
        days = _walk_days(year, month, 4, team.rng)
        rooms = team.rng.choice(team.profile.sections, size=len(days), replace=len(days) > len(team.profile.sections))
        cells = len(days) * len(look_fors)  # exactly round(share x cells) observations seen, placed at random
        seen = np.zeros(cells, dtype=bool)
        seen[team.rng.choice(cells, size=int(round(share * cells)), replace=False)] = True
        for (day, room), flags in zip(zip(days, rooms, strict=True), seen.reshape(len(days), -1), strict=True):
            rows += [{"date": day.isoformat(), "classroom": str(room), "observer": observer, "look_for": look_for,
                      "seen": "yes" if flag else "no", "note": None} for look_for, flag in zip(look_fors, flags)]
    return pd.DataFrame(rows)


def _belonging(team: _Team) -> tuple[pd.DataFrame, pd.DataFrame]:
    trend = TRENDS[team.profile.team_id]
    frames = []
    for step, administration in enumerate(BELONGING_ADMINISTRATIONS):
        n = trend.few if administration == trend.few_in else int(team.rng.integers(22, 29))
        leaning = trend.belonging_start + (trend.belonging_end - trend.belonging_start) * step / 2
        spread = team.rng.permutation(np.linspace(-0.9, 0.9, n))  # students spread evenly around the leaning
        for person in range(1, n + 1):
            base = leaning + spread[person - 1]
            for item, _text in BELONGING_ITEMS:
                answer = float(np.clip(np.rint(base + team.rng.normal(0, 0.3)), 1, 4))
                frames.append({"survey": _SURVEY, "administration": administration,
                               "respondent": f"BL{step + 1}{person:02d}", "item": item, "response": answer})
    items = pd.DataFrame([{"survey": _SURVEY, "item": item, "construct": "belonging", "item_text": text,
                           "scale_min": 1, "scale_max": 4, "reverse_scored": "no"} for item, text in BELONGING_ITEMS])
    return pd.DataFrame(frames), items


def _feedback(team: _Team) -> pd.DataFrame:
    rows = []
    for date, teacher, observed, tool, impact, evidence, feedback, next_step in FEEDBACK[team.profile.team_id]:
        rows.append({"date": date, "teacher": team.names[teacher], "observer": team.names[0] if teacher else
                     team.names[-1], "observed": observed, "tool": tool, "impact": impact, "evidence": evidence,
                     "feedback": feedback, "next_step": next_step})
    return pd.DataFrame(rows)


def _minutes(team: _Team) -> list[dict[str, object]]:
    plan = MEETINGS[team.profile.team_id]
    records: list[dict[str, object]] = []
    for number, meeting in enumerate(plan.dates):
        actions = [a for a in plan.actions if a.raised == number]
        follow = [{"id": f"{plan.dates[a.raised]}#{a.order}", "status": a.statuses[number - a.raised - 1], "note": ""}
                  for a in plan.actions if a.raised < number and len(a.statuses) >= number - a.raised
                  and a.statuses[number - a.raised - 1]]
        records.append({
            "meeting": meeting, "present": team.names, "data_reviewed": plan.data[number % len(plan.data)],
            "noticed": plan.noticed[number % len(plan.noticed)], "decisions": list(plan.decisions[number]),
            "actions": [{"id": f"{meeting}#{a.order}", "action": a.action, "owner": team.names[a.owner % len(team.names)],
                         "due": a.due} for a in actions],
            "follow_up": follow, "next_time": "Review open actions first."})
    return records


def _append_rows(path: Path, rows: pd.DataFrame, survey: str, write_text: Callable[[Path, str], None]) -> None:
    """Append ``rows`` after the file's last line, replacing earlier rows of ``survey`` (so a rerun is idempotent)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(f"{survey},")]
    buffer = io.StringIO()
    rows.to_csv(buffer, index=False, header=False, lineterminator="\n", float_format="%g")
    write_text(path, "".join(kept) + buffer.getvalue())


def write_team_leadership(folder: Path, profile: TeamProfile, rng: np.random.Generator, write_csv: WriteCsv,
                          write_text: Callable[[Path, str], None]) -> list[Path]:
    """Every record of notebooks 06 and 21 for one team folder that already holds its other files."""
    team = _Team(profile, folder, rng)
    students = pd.read_csv(folder / "students.csv", dtype=str, keep_default_na=False, na_values=[""])
    assessments = pd.read_csv(folder / "assessments.csv", dtype=str, keep_default_na=False, na_values=[""])
    assessments[["points", "points_possible"]] = assessments[["points", "points_possible"]].astype(float)
    written = []
    for name, frame in (("trainings.csv", _trainings(team)), ("benchmark_links.csv", _links(team, assessments, students)),
                        ("walkthroughs.csv", _walkthroughs(team)), ("feedback_log.csv", _feedback(team))):
        write_csv(folder / name, frame)
        written.append(folder / name)
    responses, items = _belonging(team)
    _append_rows(folder / "surveys.csv", responses, _SURVEY, write_text)
    _append_rows(folder / "survey_items.csv", items, _SURVEY, write_text)
    written += [folder / "surveys.csv", folder / "survey_items.csv"]
    records = _minutes(team)
    stamps = iter(dt.datetime.fromisoformat(f"{r['meeting']}T17:00:00+00:00") for r in records)
    store = ResponseStore(folder, clock=lambda: next(stamps), suffix=lambda: f"{int(rng.integers(0, 16**6)):06x}")
    for record in records:
        written.append(store.save_record("meeting_minutes", record, session=f"team meeting {record['meeting']}",
                                         facilitator=team.names[0]))
    return written


def write_leadership_records(data_dir: Path, seed: int, write_csv: WriteCsv,
                             write_text: Callable[[Path, str], None]) -> None:
    """Add the records of notebooks 06 and 21 to every sample team that keeps workshop responses."""
    for number, profile in enumerate(TEAMS):
        if "responses" not in profile.files:
            continue
        rng = np.random.default_rng([seed, zlib.crc32(profile.team_id.encode()), 21, number])
        write_team_leadership(data_dir / "teams" / profile.team_id, profile, rng, write_csv, write_text)
