"""Perception surveys: student voice, peer feedback and culture/trust, before and after.

Perceptions are one of Bernhardt's four data domains (demographics, perceptions, student
learning, school processes). The teacher-leadership micro-credentials ask for three kinds of
survey evidence: a student voice survey given before and after an action plan, an anonymous
peer feedback survey answered by at least four colleagues, and a culture/trust survey given to
the learning group at the start and again six months later.

The flow is :func:`~datadriver_utils.stats.survey_scoring.score_responses` (row level, in
:mod:`datadriver_utils.stats.survey_scoring`) → ``construct_scores`` / ``item_distribution``
(aggregates, small groups suppressed) → ``construct_change`` → ``survey_summary`` (plain JSON)
and ``describe_survey_changes`` (plain words for a coach).  Respondent ids stay in the scored
rows: no aggregate returned here carries them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from datadriver_utils.errors import DataProblemsError, Problem
from datadriver_utils.stats.survey_scoring import ADMINISTRATION_KEYS, with_order

__all__ = [
    "DEFAULT_MIN_RESPONDENTS", "RESPONDENT_NOUNS", "OK", "TOO_FEW", "administration_status",
    "construct_change", "construct_scores", "describe_survey_changes", "item_distribution", "item_sides",
    "min_respondents_for", "response_counts", "survey_minimums", "survey_summary",
]

INVITED_SOURCE = "invited counts"
OK = "ok"
TOO_FEW = "too few responses"

#: Surveys whose minimum number of respondents is fixed by the micro-credential itself.
DEFAULT_MIN_RESPONDENTS: dict[str, int] = {"peer_feedback": 4, "peer_impact": 4}

#: Who answers each survey, for the sentences a coach reads.
RESPONDENT_NOUNS: dict[str, str] = {
    "student_voice": "students", "peer_feedback": "peers", "culture": "colleagues",
    "peer_impact": "peers", "group_culture": "peers in the learning group", "group_confidence": "peers",
}

_SORT = ["survey", "administration_order"]
MinRespondents = int | Mapping[str, int]


def min_respondents_for(survey: str, min_group_size: int) -> int:
    """Smallest number of respondents a survey administration needs before it is reported.

    Peer feedback (and ``peer_impact``, the cycle's impact in peers' classrooms) uses 4 whatever
    the district's minimum group size: the "Soliciting Feedback from Peers" micro-credential
    requires an anonymous survey answered by at least four people,
    so four is both the evidence bar and the point below which a candidate could guess who said
    what. Every other survey uses ``min_group_size``, the district's minimum for reporting a
    group (NCES 2011-603 found state minimums of 5 to 30, 10 the most common). Note that for
    peer feedback this means 4 even when ``min_group_size`` is larger.
    """
    if min_group_size < 1:
        raise ValueError(f"min_group_size must be at least 1, got {min_group_size}")
    return DEFAULT_MIN_RESPONDENTS.get(survey, min_group_size)


def survey_minimums(surveys: Iterable[str], min_group_size: int, *, at_least: int | None = None) -> dict[str, int]:
    """Survey -> smallest number of respondents it needs, for every survey named in ``surveys``
    in the order first met.

    Each is :func:`min_respondents_for`, raised to ``at_least`` when that is larger: a coach may
    ask for more respondents before a number is read, never for fewer than privacy allows.
    """
    if at_least is not None and at_least < 1:
        raise ValueError(f"at_least must be at least 1, got {at_least}")
    return {str(s): max(min_respondents_for(str(s), min_group_size), at_least or 0)
            for s in dict.fromkeys(surveys)}


def _minimum(min_respondents: MinRespondents, surveys: pd.Series) -> pd.Series:
    if isinstance(min_respondents, Mapping):
        missing = sorted(set(surveys) - set(min_respondents))
        if missing:
            raise ValueError(f"no minimum number of respondents given for surveys {missing}; "
                             "build the mapping with min_respondents_for()")
        minimum = surveys.map(min_respondents)
    else:
        minimum = pd.Series(min_respondents, index=surveys.index)
    if (minimum < 1).any():
        raise ValueError("minimum numbers of respondents must be at least 1")
    return minimum.astype("int64")


def _suppress(table: pd.DataFrame, too_few: pd.Series, minimum: pd.Series,
              hidden: Sequence[str]) -> pd.DataFrame:
    """Blank ``hidden`` columns where ``too_few``; show the count only as a band there."""
    n = table["n_respondents"].astype("int64")
    band = np.where(too_few, "fewer than " + minimum.astype(str), n.astype(str))
    out = table.assign(n_respondents=n.astype("Int64").mask(too_few), n_band=band,
                       status=np.where(too_few, TOO_FEW, OK))
    for column in hidden:
        out[column] = out[column].mask(too_few)
    return out


def response_counts(responses: pd.DataFrame,
                    invited: Mapping[tuple[str, str], int] | None = None,
                    order: Sequence[str] | None = None) -> pd.DataFrame:
    """Respondents per survey administration and, where the invited count is known, the rate.

    A respondent counts when they answered at least one item (all-skipped rows do not).
    ``response_rate_pct = 100 · n_respondents / n_invited``. Administrations that appear only in
    ``invited`` are listed with 0 respondents so a coach sees whom to follow up with. Counts
    are exact (participation, not answers); use ``administration_status`` for a shareable
    view. Pass the same ``order`` as to ``score_responses``.
    """
    keys = responses[["survey", "administration"]].astype(str)
    if invited:
        keys = pd.concat([keys, pd.DataFrame(list(invited), columns=keys.columns)])
    if order is not None:
        with_order(responses, order)  # names the rows of surveys.csv the order lacks
    keys = with_order(keys.drop_duplicates().reset_index(drop=True), order)
    answered = responses[responses["response"].notna()]
    n = answered.groupby(["survey", "administration"])["respondent"].nunique()
    table = keys.merge(n.rename("n_respondents").reset_index(), on=["survey", "administration"],
                       how="left")
    table["n_respondents"] = table["n_respondents"].fillna(0).astype("int64")
    pairs = zip(table["survey"], table["administration"])
    table["n_invited"] = pd.array([(invited or {}).get(p) for p in pairs], dtype="Int64")
    bad = table["n_invited"].notna() & ((table["n_invited"] < 1)
                                        | (table["n_invited"] < table["n_respondents"]))
    if bad.any():
        raise DataProblemsError([
            Problem(INVITED_SOURCE, f"survey '{s}', administration '{a}': {n} people responded but "
                    f"{k} were invited; correct the invited count", value=str(k))
            for s, a, n, k in table.loc[bad, ["survey", "administration", "n_respondents",
                                              "n_invited"]].values])
    table["response_rate_pct"] = (100 * table["n_respondents"] / table["n_invited"]).astype(float)
    return table.sort_values(["survey", "administration_order"]).reset_index(drop=True)


def administration_status(counts: pd.DataFrame, min_respondents: MinRespondents) -> pd.DataFrame:
    """Shareable view of ``response_counts``: administrations below the minimum are suppressed.

    Where ``n_respondents < minimum`` the count becomes <NA>, ``n_band`` reads
    "fewer than k", the response rate is blanked (with ``n_invited`` it would give the count
    away) and ``status`` is ``"too few responses"``.
    """
    minimum = _minimum(min_respondents, counts["survey"])
    too_few = counts["n_respondents"] < minimum
    return _suppress(counts, too_few, minimum, ["response_rate_pct"])


def _admin_n(scored: pd.DataFrame) -> pd.DataFrame:
    counts = response_counts(scored)[["survey", "administration", "n_respondents"]]
    return counts.rename(columns={"n_respondents": "administration_n"})


def construct_scores(scored: pd.DataFrame, min_respondents: MinRespondents) -> pd.DataFrame:
    """Mean score and percent favourable per survey × administration × construct.

    ``mean_score`` is the mean of each respondent's construct mean (their mean over the items
    they answered), so answering more items does not weigh more. ``pct_favourable`` is
    100 · favourable answers / answered items, pooled over the construct's items and
    respondents. Suppressed (status "too few responses", numbers NaN, count shown only as a
    band) when either the administration or the construct has fewer respondents than the
    minimum (an ``int``, or a mapping survey → minimum from ``min_respondents_for``).
    No respondent ids are returned.
    """
    keys = ADMINISTRATION_KEYS + ["construct"]
    answered = scored[scored["scored"].notna()]
    person = answered.groupby(keys + ["respondent"])["scored"].mean().rename("person_mean")
    stats = person.groupby(keys).agg(n_respondents="size", mean_score="mean")
    favourable = 100 * answered["favourable"].astype(float)
    stats["pct_favourable"] = favourable.groupby([answered[k] for k in keys]).mean()
    base = scored[keys + ["scale_min", "scale_max"]].drop_duplicates(keys)
    table = (base.merge(stats.reset_index(), on=keys, how="left")
             .merge(_admin_n(scored), on=["survey", "administration"], how="left"))
    table["n_respondents"] = table["n_respondents"].fillna(0)
    minimum = _minimum(min_respondents, table["survey"])
    too_few = (table["n_respondents"] < minimum) | (table["administration_n"] < minimum)
    table = _suppress(table, too_few, minimum, ["mean_score", "pct_favourable"])
    columns = keys + ["n_respondents", "n_band", "mean_score", "pct_favourable", "status",
                      "scale_min", "scale_max"]
    return table[columns].sort_values(_SORT + ["construct"]).reset_index(drop=True)


def construct_change(scores: pd.DataFrame) -> pd.DataFrame:
    """First administration against the latest, per survey × construct.

    ``mean_change = latest_mean_score - first_mean_score`` and ``pct_favourable_change`` in
    percentage points, both NaN when either side is suppressed (status "too few responses")
    or the construct has only one administration so far (status "one administration").
    "First" and "latest" are per construct, by ``administration_order``; ``first_status`` and
    ``latest_status`` say which side was suppressed.
    """
    ordered = scores.sort_values(["survey", "construct", "administration_order"])
    first, latest = (_one_side(ordered, keep, prefix)
                     for keep, prefix in (("first", "first"), ("last", "latest")))
    table = first.merge(latest, on=["survey", "construct"])
    single = table["first_administration"] == table["latest_administration"]
    suppressed = (table["first_status"] != OK) | (table["latest_status"] != OK)
    table["mean_change"] = (table["latest_mean_score"] - table["first_mean_score"]).mask(single)
    table["pct_favourable_change"] = (table["latest_pct_favourable"]
                                      - table["first_pct_favourable"]).mask(single)
    table["status"] = np.select([single, suppressed], ["one administration", TOO_FEW], OK)
    return table.reset_index(drop=True)


def _one_side(ordered: pd.DataFrame, keep: str, prefix: str) -> pd.DataFrame:
    sides = ["administration", "n_respondents", "n_band", "mean_score", "pct_favourable", "status"]
    side = ordered.drop_duplicates(["survey", "construct"], keep=keep)  # type: ignore[arg-type]
    return side[["survey", "construct", *sides]].rename(columns={c: f"{prefix}_{c}" for c in sides})


def item_distribution(scored: pd.DataFrame, min_respondents: MinRespondents) -> pd.DataFrame:
    """Answers per scale point for each survey × administration × item (for diverging bars).

    One row per scale point (on the scored scale, so reverse-scored items read the same way
    as the rest), with ``count`` and ``percent`` of the item's answers and ``side``
    ("negative" below the midpoint, "neutral" on it, "positive" above). Suppressed like
    ``construct_scores`` when the administration or the item has too few respondents.
    """
    keys = ADMINISTRATION_KEYS + ["item"]
    grid = scored[keys + ["construct", "scale_min", "scale_max"]].drop_duplicates(keys)
    grid = grid.assign(scale_point=[np.arange(lo, hi + 1) for lo, hi in
                                    zip(grid["scale_min"], grid["scale_max"])])
    grid = grid.explode("scale_point").astype({"scale_point": float})
    answered = scored[scored["scored"].notna()]
    counts = answered.groupby(keys + ["scored"]).size().rename("count").reset_index()
    table = grid.merge(counts.rename(columns={"scored": "scale_point"}),
                       on=keys + ["scale_point"], how="left")
    table["count"] = table["count"].fillna(0).astype("int64")
    n = answered.groupby(keys)["respondent"].nunique().rename("n_respondents").reset_index()
    table = (table.merge(n, on=keys, how="left")
             .merge(_admin_n(scored), on=["survey", "administration"], how="left"))
    table["n_respondents"] = table["n_respondents"].fillna(0)
    table["percent"] = 100 * table["count"] / table.groupby(keys)["count"].transform("sum")
    midpoint = (table["scale_min"] + table["scale_max"]) / 2
    table["side"] = np.select([table["scale_point"] < midpoint, table["scale_point"] > midpoint],
                              ["negative", "positive"], "neutral")
    minimum = _minimum(min_respondents, table["survey"])
    too_few = (table["n_respondents"] < minimum) | (table["administration_n"] < minimum)
    table = _suppress(table, too_few, minimum, ["percent"])
    table["count"] = table["count"].astype("Int64").mask(too_few)
    columns = keys + ["construct", "scale_point", "count", "percent", "side", "n_respondents",
                      "n_band", "status", "scale_min", "scale_max"]
    return table[columns].sort_values(_SORT + ["item", "scale_point"]).reset_index(drop=True)


def item_sides(distribution: pd.DataFrame) -> pd.DataFrame:
    """The two arms of each diverging bar: per survey × administration × item of
    :func:`item_distribution`, the percent of answers below the midpoint (``pct_negative``), on it
    (``pct_neutral``) and above it (``pct_positive``), in the distribution's order; NaN where the
    item's answers are suppressed (the chart marks those bars, it does not draw them)."""
    keys = ["survey", "administration", "item"]
    sides = (distribution.groupby([*keys, "side"], sort=False)["percent"].sum(min_count=1)
             .unstack("side").reindex(columns=["negative", "neutral", "positive"]))
    return sides.add_prefix("pct_").reset_index().rename_axis(columns=None)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of plain Python values (NaN / <NA> → None)."""
    plain = frame.astype(object).where(frame.notna(), None)
    return [{k: (v.item() if isinstance(v, np.generic) else v) for k, v in row.items()}
            for row in plain.to_dict("records")]


def survey_summary(administrations: pd.DataFrame, changes: pd.DataFrame) -> dict[str, Any]:
    """Plain-JSON summary for summary.json: per survey, its administrations and construct changes.

    ``administrations`` comes from ``administration_status``, ``changes`` from
    ``construct_change``; both are already suppressed, so nothing here is re-derived.
    """
    admin_cols = ["administration", "n_respondents", "n_band", "n_invited", "response_rate_pct",
                  "status"]
    surveys: dict[str, Any] = {}
    for survey in dict.fromkeys([*administrations["survey"], *changes["survey"]]):
        admins = administrations[administrations["survey"] == survey]
        rows = changes[changes["survey"] == survey].drop(columns="survey")
        surveys[str(survey)] = {
            "administrations": _records(admins.sort_values("administration_order")[admin_cols]),
            "construct_changes": _records(rows),
        }
    return {"surveys": surveys}


def _pct(value: float) -> str:
    return f"{value:.0f}%"


def _change_sentence(row: pd.Series, noun: str) -> str:
    name = str(row["construct"]).replace("_", " ")
    name = name[:1].upper() + name[1:]
    first, latest = row["first_administration"], row["latest_administration"]
    if row["status"] == "one administration":
        shown = (f"{_pct(row['first_pct_favourable'])} favourable" if row["first_status"] == OK
                 else "too few responses to report")
        return (f"{name}: {shown} at {first} ({row['first_n_band']} {noun}); there is no later "
                "administration to compare with yet.")
    if row["status"] == TOO_FEW:
        return (f"{name}: no change is shown between {first} and {latest}, because "
                f"{first} had {row['first_n_band']} {noun} and {latest} had "
                f"{row['latest_n_band']} {noun} (too few responses to report).")
    before, after = _pct(row["first_pct_favourable"]), _pct(row["latest_pct_favourable"])
    verb = ("stayed at " + before if before == after else
            ("rose" if row["pct_favourable_change"] > 0 else "fell") + f" from {before} to {after}")
    return (f"{name} {verb} favourable between {first} and {latest} "
            f"({row['first_n_band']} and {row['latest_n_band']} {noun}).")


def describe_survey_changes(changes: pd.DataFrame, administrations: pd.DataFrame | None = None,
                            nouns: Mapping[str, str] | None = None) -> str:
    """Plain sentences for a coach, one paragraph per survey.

    Each construct's percent favourable at the first and the latest administration, with the
    numbers of respondents; suppressed administrations (from ``administration_status``) are
    named as having too few responses to report. ``nouns`` overrides ``RESPONDENT_NOUNS``.
    """
    words = {**RESPONDENT_NOUNS, **(nouns or {})}
    admins = administrations if administrations is not None else pd.DataFrame(
        columns=ADMINISTRATION_KEYS + ["n_band", "status"])
    paragraphs = []
    for survey in dict.fromkeys([*admins["survey"], *changes["survey"]]):
        noun = words.get(survey, "respondents")
        lines = [f"{str(survey).replace('_', ' ').capitalize()} survey:"]
        rows = changes[changes["survey"] == survey]
        lines += [_change_sentence(row, noun) for _, row in rows.iterrows()]
        hidden = admins[(admins["survey"] == survey) & (admins["status"] != OK)]
        lines += [f"The {a} administration had too few responses to report ({band} {noun})."
                  for a, band in hidden.sort_values("administration_order")
                  [["administration", "n_band"]].values]
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)
