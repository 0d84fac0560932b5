"""Stages of Concern: where a team's worries about the change to data use stand.

Activity 1.9 of the District Data Team Toolkit treats resistance as a normal part of change;
members answer our own short concerns items (0-7), read with the seven Stages of Concern of the
Concerns-Based Adoption Model (Hall & Hord; /work/shared/FIELD_NOTES.md "Stages of concern
(CBAM)").  Raw means only: the published percentile norms belong to the copyrighted 35-item
questionnaire, not to our items.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from datadriver_utils.stats.ratings import checked_ratings, plain_records
from datadriver_utils.workshop.content import CONCERNS_ITEMS, CONCERNS_SCALE, STAGES_OF_CONCERN

__all__ = ["ConcernsProfile", "concerns_profile", "concerns_summary", "describe_concerns"]

_STAGE_NAMES = {s.number: s.name for s in STAGES_OF_CONCERN}


@dataclass(frozen=True)
class ConcernsProfile:
    """Raw-score Stages of Concern profile (0-7 item scale).

    ``member_stages``: ``member, stage, stage_name, score`` (mean of that member's items in
    the stage); ``members``: ``member, peak_stage, peak_name, second_stage, second_name``;
    ``team``: ``stage, stage_name, score, n_members`` (mean of member scores, each member
    counted once); ``team_peak`` and ``team_second``: stage numbers (``None`` if unknown).
    """

    member_stages: pd.DataFrame
    members: pd.DataFrame
    team: pd.DataFrame
    team_peak: int | None
    team_second: int | None

    def to_dict(self) -> dict[str, Any]:
        return {"team": plain_records(self.team), "team_peak": self.team_peak,
                "team_second": self.team_second, "members": plain_records(self.members)}


def _peaks(scores: pd.DataFrame) -> pd.DataFrame:
    """Highest and second-highest stage per row; a tie goes to the earlier stage."""
    values = scores.to_numpy(dtype=float, na_value=np.nan)
    order = np.argsort(-np.nan_to_num(values, nan=-np.inf), axis=1, kind="stable")
    stages = scores.columns.to_numpy()
    answered = np.isfinite(values).sum(axis=1)
    peak = pd.array(np.where(answered >= 1, stages[order[:, 0]], -1), dtype="Int64")
    second = pd.array(np.where(answered >= 2, stages[order[:, min(1, order.shape[1] - 1)]], -1),
                      dtype="Int64")
    return pd.DataFrame({"peak_stage": peak, "second_stage": second},
                        index=scores.index).replace(-1, pd.NA)


def concerns_profile(responses: pd.DataFrame, *, source: str = "concerns") -> ConcernsProfile:
    """Stage scores, peak and second-highest stage, per member and for the team.

    A stage score is the raw mean of the stage's items on the 0-7 scale. We report raw
    scores, not percentiles: the SoCQ percentile norms belong to the copyrighted 35-item
    questionnaire and were built on its items, so they do not apply to our own short items
    (FIELD_NOTES "Stages of concern"). Read the *shape* -- which stages stand highest -- rather
    than the level. On a tie the earlier stage is named, since earlier concerns usually
    have to be met first (Hall & Hord).
    """
    stage_of = {i.id: i.stage for i in CONCERNS_ITEMS}
    frame = checked_ratings(responses, stage_of, CONCERNS_SCALE, source)
    frame = frame.assign(stage=frame["item"].map(stage_of))
    stage_list = [s.number for s in STAGES_OF_CONCERN]
    wide = frame.pivot_table(index="member", columns="stage", values="rating", aggfunc="mean")
    wide = wide.reindex(columns=stage_list)
    long = wide.melt(ignore_index=False, value_name="score")
    long = long.reset_index().sort_values(["member", "stage"]).reset_index(drop=True)
    long.insert(2, "stage_name", long["stage"].map(_STAGE_NAMES))
    members = _peaks(wide).reset_index()
    team = pd.DataFrame({"stage": stage_list, "stage_name": [_STAGE_NAMES[s] for s in stage_list],
                         "score": wide.mean().to_numpy(), "n_members": wide.count().to_numpy()})
    team_peaks = _peaks(team.set_index("stage")[["score"]].T)
    for col in ("peak", "second"):
        members.insert(members.columns.get_loc(f"{col}_stage") + 1, f"{col}_name",
                       members[f"{col}_stage"].map(_STAGE_NAMES, na_action="ignore"))
    peak, second = (team_peaks.iloc[0][c] if len(team_peaks) else pd.NA
                    for c in ("peak_stage", "second_stage"))
    return ConcernsProfile(long, members, team, None if pd.isna(peak) else int(peak),
                           None if pd.isna(second) else int(second))


def describe_concerns(profile: ConcernsProfile) -> str:
    """The team's peak and second stage of concern, with what tends to help at the peak."""
    if profile.team_peak is None:
        return "No one has answered the concerns items yet."
    stage = STAGES_OF_CONCERN[profile.team_peak]
    text = f"The team's concerns peak at stage {stage.number}, {stage.name.lower()}"
    if profile.team_second is not None:
        text += (f", followed by stage {profile.team_second}, "
                 f"{_STAGE_NAMES[profile.team_second].lower()}")
    return f"{text}. What tends to help: {stage.what_helps}"


def concerns_summary(profile: ConcernsProfile, *, include_members: bool = False,
                     min_group_size: int | None = None) -> dict[str, Any]:
    """``{"concerns": {...}}``: team stage scores and peaks; per-member peaks only if asked."""
    n = int(profile.team["n_members"].max()) if len(profile.team) else 0
    hidden = bool(min_group_size) and n < (min_group_size or 0)
    out: dict[str, Any] = {
        "team": plain_records(profile.team.assign(score=np.nan) if hidden else profile.team),
        "team_peak": None if hidden else profile.team_peak,
        "team_second": None if hidden else profile.team_second,
        "n_members": n, "suppressed": hidden, "scoring": "raw mean per stage, 0-7; no norms",
    }
    if include_members:
        out["members"] = plain_records(profile.members)
    return {"concerns": out}
