"""Completeness rules for the peers' classrooms and school-scaling credentials (shared/seeds 003).

The companion of :mod:`datadriver_utils.stats.evidence_rules` (Data Driver and "my classroom"):
three question-and-tool sets and three data sets in peers' rooms, two facilitation videos and
three reflection answers, an anonymous peer survey of at least four, the learning group of 4
then 8 more peers, eight reflection sheets showing learning rising, two culture surveys about
six months apart, the agendas of the groups of 5 and 13, the confidence survey, and the
presentation with its synopsis.
"""

from __future__ import annotations

import pandas as pd

from datadriver_utils.stats import scaling, slrc
from datadriver_utils.stats.evidence_rules import (
    COMPLETE,
    GROUP_CONFIDENCE_SURVEY,
    GROUP_CULTURE_SURVEY,
    NOT_STARTED,
    PARTIAL,
    PEER_IMPACT_SURVEY,
    EvidenceInputs,
    Finding,
    Rule,
    artifacts_of,
    count_rule,
    has_reflection,
    parts_rule,
)
from datadriver_utils.stats.surveys import OK

__all__ = ["RULES", "first_four_peers"]

# -- peers' classrooms ----------------------------------------------------------------------------

def _peer_sets(inputs: EvidenceInputs, candidate: str) -> pd.DataFrame:
    sets = slrc.peer_sets(inputs.table("slrc_cycles"), inputs.tool_keys)
    return sets[sets["visitor"].astype(str).str.strip() == candidate]


def common_aim_sets(inputs: EvidenceInputs, candidate: str) -> Finding:
    sets = _peer_sets(inputs, candidate)
    return count_rule(int(sets["crafted"].sum()), 3, "question and tool set(s) crafted for a peer", sets)


def collected_sets(inputs: EvidenceInputs, candidate: str) -> Finding:
    sets = _peer_sets(inputs, candidate)
    return count_rule(int(sets["collected"].sum()), 3, "data set(s) collected in a peer's classroom", sets)


def _videos(inputs: EvidenceInputs, candidate: str) -> pd.DataFrame:
    shared = artifacts_of(inputs, candidate, "facilitating_peer_reflection")
    return shared[shared["kind"] == "video"].sort_values("date")


def video_first(inputs: EvidenceInputs, candidate: str) -> Finding:
    videos = _videos(inputs, candidate)
    return count_rule(min(len(videos), 1), 1, "facilitation video", videos.head(1))


def video_second(inputs: EvidenceInputs, candidate: str) -> Finding:
    videos = _videos(inputs, candidate)
    if len(videos) < 2:
        return Finding(NOT_STARTED if videos.empty else PARTIAL, "no second video yet", videos)
    dates = videos["date"].dropna()
    if dates.nunique() < 2:
        return Finding(PARTIAL, "date both videos, so the one after more practice can be told apart", videos)
    return Finding(COMPLETE, f"second video on {dates.max():%Y-%m-%d}, {(dates.max() - dates.min()).days} days "
                   "after the first", videos)


def facilitation_reflection(inputs: EvidenceInputs, candidate: str) -> Finding:
    prompts = {"what became easier": "facilitation_easier", "what is still tricky": "facilitation_tricky",
               "what strikes you in the videos": "facilitation_strikes"}
    own = inputs.of("reflections", candidate)
    return parts_rule({words: has_reflection(inputs, candidate, p) for words, p in prompts.items()},
                      own[own["prompt"].isin(list(prompts.values()))], "all three questions answered")



def _survey_finding(inputs: EvidenceInputs, survey: str, too_few: str) -> Finding:
    """A survey the credential asks for: not given, given to too few to report, or reported."""
    admins = inputs.admins_of(survey)
    if admins.empty:
        return Finding(NOT_STARTED, f"no '{survey}' survey in surveys.csv yet")
    reported = admins[admins["status"] == OK]
    if reported.empty:
        return Finding(PARTIAL, f"{admins['n_band'].iloc[-1]} respondents: {too_few}", admins)
    return Finding(COMPLETE, f"{reported['n_band'].iloc[-1]} respondents at {reported['administration'].iloc[-1]}",
                   admins)


def peer_survey(inputs: EvidenceInputs, _candidate: str) -> Finding:
    return _survey_finding(inputs, PEER_IMPACT_SURVEY, "at least 4 are needed")


# -- scaling in the school -------------------------------------------------------------------------

def first_four_peers(inputs: EvidenceInputs, leader: str) -> list[str]:
    """The leader's blue dots in the order of their first visit (at most the first four)."""
    group = inputs.group(leader)
    return group.loc[group["dot"] == scaling.BLUE, "person"].head(scaling.FIRST_ROUND_PEERS).tolist()


def will_first_four(inputs: EvidenceInputs, candidate: str) -> Finding:
    group = inputs.group(candidate)
    blue = group[group["dot"] == scaling.BLUE]
    return count_rule(len(blue), scaling.FIRST_ROUND_PEERS, "peer(s) visited with the leader (blue dots)", blue)


def will_eight_more(inputs: EvidenceInputs, candidate: str) -> Finding:
    group = inputs.group(candidate)
    yellow = group[group["dot"] == scaling.YELLOW]
    return count_rule(len(yellow), scaling.SECOND_ROUND_PEERS, "more peer(s) visited by the first four "
                      "(yellow dots)", yellow)


def impact_sheets(inputs: EvidenceInputs, candidate: str) -> Finding:
    peers = first_four_peers(inputs, candidate)
    if not peers:
        return Finding(NOT_STARTED, "no peers in the learning group yet (visits.csv)")
    sheets = scaling.impact_sheets(inputs.table("slrc_cycles"), peers, inputs.tool_keys)
    needed = 2 * scaling.FIRST_ROUND_PEERS
    return count_rule(int(sheets["sheet"].sum()), needed, "reflection sheet(s) with a question and data", sheets)


def impact_increase(inputs: EvidenceInputs, candidate: str) -> Finding:
    peers = first_four_peers(inputs, candidate)
    changes = scaling.peer_changes(inputs.table("slrc_cycles"), peers)
    known = changes[changes["change"].notna()]
    if known.empty:
        return Finding(NOT_STARTED, "no peer has results for two cycles on one question yet", changes)
    mean = float(known["change"].mean())
    words = (f"{len(known)} of {scaling.FIRST_ROUND_PEERS} peers with two results; mean change "
             f"{mean:+.1f} points; {int((known['change'] > 0).sum())} rose")
    if len(known) >= scaling.FIRST_ROUND_PEERS and mean > 0:
        return Finding(COMPLETE, words, changes)
    return Finding(PARTIAL, words, changes)


def culture_two_surveys(inputs: EvidenceInputs, _candidate: str) -> Finding:
    admins = inputs.admins_of(GROUP_CULTURE_SURVEY)
    if admins.empty:
        return Finding(NOT_STARTED, f"no '{GROUP_CULTURE_SURVEY}' survey in surveys.csv yet")
    if len(admins) < 2:
        return Finding(PARTIAL, f"given once ({admins['administration'].iloc[0]}); give it again about six "
                       "months later", admins)
    first, latest = admins.iloc[0], admins.iloc[-1]
    gap, about_six = scaling.culture_gap(str(first["administration"]), str(latest["administration"]))
    present = {"both administrations reportable": bool((admins["status"] == OK).all()),
               "administrations labelled by month (YYYY-MM)": gap is not None,
               f"about six months apart (found {gap})": bool(about_six)}
    return parts_rule(present, admins, f"{first['administration']} and {latest['administration']}, "
                      f"{gap} months apart")


def culture_themes(inputs: EvidenceInputs, candidate: str) -> Finding:
    if has_reflection(inputs, candidate, "culture_themes"):
        return Finding(COMPLETE, "trends and themes written")
    return Finding(NOT_STARTED, "no trends and themes written yet (reflections.csv, prompt culture_themes)")


def agendas(inputs: EvidenceInputs, candidate: str) -> Finding:
    groups = scaling.meetings_by_group(inputs.table("meetings"), candidate)
    present = {f"an agenda of the group of {g}": n > 0 for g, n in zip(groups["group"], groups["n_with_agenda"])}
    return parts_rule(present, groups, "agendas of both groups")


def confidence_survey(inputs: EvidenceInputs, _candidate: str) -> Finding:
    return _survey_finding(inputs, GROUP_CONFIDENCE_SURVEY, "too few to report")


def presentation_artifacts(inputs: EvidenceInputs, candidate: str) -> Finding:
    shared = artifacts_of(inputs, candidate, "sharing_learning")
    return count_rule(len(shared), 1, "presentation artifact(s)", shared)


def presentation_synopsis(inputs: EvidenceInputs, candidate: str) -> Finding:
    if has_reflection(inputs, candidate, "presentation_synopsis"):
        return Finding(COMPLETE, "synopsis written")
    return Finding(NOT_STARTED, "no synopsis yet (reflections.csv, prompt presentation_synopsis)")


RULES: dict[str, Rule] = {rule.__name__: rule for rule in (
    common_aim_sets, collected_sets, video_first, video_second, facilitation_reflection, peer_survey,
    will_first_four, will_eight_more, impact_sheets, impact_increase, culture_two_surveys, culture_themes,
    agendas, confidence_survey, presentation_artifacts, presentation_synopsis,
)}
"""The rules for the peers' classrooms and school-scaling credentials, by name."""
