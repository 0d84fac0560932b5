"""Exercises for 31_peer_classrooms: whose evidence a set is, what is still missing, what peers said.

Every answer is read from what the notebook shows: the sets crafted and collected in peers' rooms
(``peers.common_aim(report).value`` and ``peers.collecting(report).value``), the facilitation
videos and reflection answers (``peers.facilitation(report).tables``) and the anonymous peer
survey (``peers.peer_feedback(report).tables``).  The number of sets each credential asks for is
the view's own :data:`~datadriver_utils.leadership.peer_classrooms.NEEDED_SETS`.
"""

from __future__ import annotations

import pandas as pd

from datadriver_utils.leadership import peer_classrooms as peers
from datadriver_utils.notebook.report import Report
from datadriver_utils.training.exercise import Exercise, Task
from datadriver_utils.training.exercises.choices import counted, joined, pct, table, traps_apart

__all__ = ["EXERCISES"]

NOTEBOOK = "31_peer_classrooms"
VIDEOS = 2
"""Facilitation videos the credential asks for: a first, and a second after more practice."""
HIDDEN = "neither can be read: too few peers answered"


def _sets(found: object) -> pd.DataFrame | None:
    value = getattr(found, "value", None)
    return value if isinstance(value, pd.DataFrame) and not value.empty else None


def _counts_for_visitor(report: Report) -> Task | None:
    sets = _sets(peers.common_aim(report))
    if sets is None:
        return None
    per = sets.groupby("visitor")["crafted"].sum()
    visitor = str(per.idxmax())
    own = sets[sets["visitor"] == visitor]
    crafted = int(own["crafted"].sum())
    hosted = int((sets["teacher"] == visitor).sum())
    hosts = joined(sorted(dict.fromkeys(own["teacher"].astype(str))))
    answer = float(crafted)
    return Task(
        prompt=f"How many question-and-tool sets count for {visitor} toward Establishing a Common Aim "
               f"({peers.NEEDED_SETS} needed)?",
        answer=answer, tolerance=0.0,
        explanation=f"{crafted}: the sets {visitor} crafted as the visitor, in the rooms of {hosts}. A set counts "
                    "for the visiting teacher, the one who helped a peer find the question and built the tool; "
                    + (f"the {counted(hosted, 'cycle')} in {visitor}'s own room count for the visitors, not for "
                       f"{visitor}."
                       if hosted else f"no cycle in {visitor}'s own room is listed here."),
        where="section 1, the sets per visiting teacher (column 'Sets crafted')",
        hint=f"Find {visitor} in the 'Visiting teacher' column, not the 'Host teacher' one.",
        traps=traps_apart(answer, 0.0, [
            (float(hosted), f"that is the number of cycles in {visitor}'s own room; those count for the visitors"),
            (float(crafted + hosted), f"that adds the cycles {visitor} hosted; only the visits count")]))


def _three_collected(report: Report) -> Task | None:
    sets = _sets(peers.collecting(report))
    if sets is None:
        return None
    per = sets.groupby("visitor")[["crafted", "collected"]].sum()
    done = sorted(per[per["collected"] >= peers.NEEDED_SETS].index.astype(str))
    crafted_enough = int((per["crafted"] >= peers.NEEDED_SETS).sum())
    answer = float(len(done))
    status = "; ".join(f"{v} {int(r.collected)} of {int(r.crafted)} crafted" for v, r in per.iterrows())
    return Task(
        prompt=f"Of the {counted(len(per), 'visiting teacher')}, how many have collected the {peers.NEEDED_SETS} data sets in "
               "peers' rooms that Collecting Data asks for?",
        answer=answer, tolerance=0.0,
        explanation=f"{len(done)}: {joined(done) or 'nobody yet'}. Data sets collected per visitor: {status}. A set "
                    "crafted is a plan; it counts as collected once its data are written in the cycle or recorded "
                    "in a tally sheet, seating map or script.",
        where="section 2, the data sets per visiting teacher (column 'Data sets')",
        hint=f"Count the visitors whose 'Data sets' reach {peers.NEEDED_SETS}; a set crafted but not yet collected "
             "does not count.",
        traps=traps_apart(answer, 0.0, [
            (float(crafted_enough), f"that counts visitors with {peers.NEEDED_SETS} sets crafted; the question asks "
                                    "for data collected"),
            (float(len(per)), "that is every visiting teacher")]))


def _facilitation_left(report: Report) -> Task | None:
    shown = peers.facilitation(report)
    videos, answers = table(shown, "videos"), table(shown, "reflection")
    people = sorted(set(() if videos is None else videos["teacher"]) | set(() if answers is None else answers["teacher"]))
    if not people:
        return None
    person = str(people[0])
    n_videos = 0 if videos is None else int((videos["teacher"] == person).sum())
    n_answers = 0 if answers is None else int(answers.loc[answers["teacher"] == person, "prompt"].nunique())
    prompts = len(peers.FACILITATION_PROMPTS)
    left = max(VIDEOS - n_videos, 0) + max(prompts - n_answers, 0)
    answer = float(left)
    return Task(
        prompt=f"Facilitating Peer Reflection asks for {VIDEOS} videos and answers to {prompts} reflection questions. "
               f"How many of these {VIDEOS + prompts} pieces is {person} still missing?",
        answer=answer, tolerance=0.0,
        explanation=f"{left}: {person} has {n_videos} of {VIDEOS} videos and {n_answers} of {prompts} answers. "
                    "The second video matters most: it is recorded after more practice, and the third question "
                    "asks what strikes the facilitator when watching both.",
        where="section 3, the facilitation videos and the three reflection questions",
        hint="Count the videos and the answered questions, and subtract each from what is asked.",
        traps=traps_apart(answer, 0.0, [
            (float(n_videos + n_answers), "that is the pieces already there; the question asks what is missing"),
            (float(max(VIDEOS - n_videos, 0)), "that counts the missing videos only; add the questions not yet answered")]))


def _weaker_construct(report: Report) -> Task | None:
    shown = peers.peer_feedback(report)
    constructs = table(shown, "constructs")
    if constructs is None or len(constructs) < 2:
        return None
    latest = constructs.set_index("construct")["latest_pct_favourable"]
    names = tuple(sorted(latest.index.astype(str)))
    respondents = table(shown, "respondents")
    band = "" if respondents is None else str(respondents.iloc[-1]["n_band"])
    if latest.isna().all():
        answer, reading = HIDDEN, (f"the latest administration had {band} respondents: below the survey's "
                                   "minimum the answers are hidden in every view, the team's too, so nobody can tell who said what")
    elif latest.notna().all() and latest.nunique() == len(latest):
        answer = str(latest.astype(float).idxmin())
        reading = "; ".join(f"{c} {pct(v)} favourable" for c, v in latest.items()) + f" ({band} peers)"
    else:
        return None
    return Task(
        prompt="In the latest peer survey on the cycle's impact, which construct is weaker: peers' student learning "
               "or their practice?",
        answer=answer, kind="choice", options=(*names, HIDDEN),
        explanation=f"{answer[0].upper()}{answer[1:]}: {reading}. "
                    + ("Ask one more colleague rather than show a small group." if answer == HIDDEN else
                       "The weaker construct is the one to follow up on in conversation with peers."),
        where="section 4, the peer survey's table of % favourable by construct",
        hint="Read the 'Latest % favourable' column; a blank there means the answers are hidden.",
        traps=tuple((o, reading) for o in (*names, HIDDEN) if o != answer))


EXERCISES = (
    Exercise("31.1", NOTEBOOK, "Whose set is it", "a set counts for the visiting teacher", _counts_for_visitor,
             needs=("slrc_cycles",)),
    Exercise("31.2", NOTEBOOK, "Three data sets", "a set crafted is not yet a set collected", _three_collected,
             needs=("slrc_cycles",)),
    Exercise("31.3", NOTEBOOK, "Two videos, three questions", "what Facilitating Peer Reflection still needs",
             _facilitation_left, needs=("artifacts", "reflections")),
    Exercise("31.4", NOTEBOOK, "What peers said", "reading a small anonymous survey", _weaker_construct,
             needs=("surveys", "survey_items")),
)
