"""Scaling the cycle in a school: the learning group, its visits, its impact and its culture.

The "Scaling Powerful Student Learning in My School" micro-credentials (Teaching Matters;
shared/seeds 003) have a teacher leader grow a learning group of twelve colleagues in two
rounds: first she runs Student Learning Reflection Cycle visits with four peers (the seed's
*blue dots*), then those four visit eight more (the *yellow dots*).  From the visit log alone
(``visits.csv``: leader, visitor, host, date) this module works out who is which:

* **round 1**: visits the leader makes or hosts; the other teacher in them is a blue dot;
* **round 2**: a blue dot visiting someone who is neither the leader nor a blue dot, who is a
  yellow dot; any other visit (yellow to yellow, yellow to blue) is counted as "other".

It then collects the eight reflection sheets of Measuring Impact (cycles 1 and 2 of each blue
dot), the agendas of the group of 5 and of 13, and checks the gap between the two culture
surveys ("about six months": 5 to 7 whole months).  Pure functions; no audiences here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from datadriver_utils.stats.change import months_apart
from datadriver_utils.stats.slrc import cycle_change, has_text

__all__ = [
    "BLUE", "FIRST_ROUND_PEERS", "LEADER", "OTHER", "SECOND_ROUND_PEERS", "SIX_MONTHS", "YELLOW", "culture_gap",
    "group_summary", "impact_sheets", "learning_group", "meetings_by_group", "peer_changes", "visit_rounds",
]

LEADER, BLUE, YELLOW, OTHER = "leader", "blue", "yellow", "other"
FIRST_ROUND_PEERS = 4
"""Peers the leader runs cycles with first (blue dots)."""
SECOND_ROUND_PEERS = 8
"""Peers the blue dots then visit (yellow dots): twelve in all."""
SIX_MONTHS = (5, 7)
"""Whole months between the two culture surveys that count as "about six months later"."""


def visit_rounds(visits: pd.DataFrame, leader: str) -> pd.DataFrame:
    """The leader's visits in date order with ``round`` (1, 2 or ``"other"``).

    Round 1 takes the leader's own visits; a blue dot is anyone in them.  Round 2 takes a blue
    dot visiting a teacher who is neither the leader nor a blue dot.
    """
    own = visits[visits["leader"] == leader].sort_values(["date", "visitor", "host"]).reset_index(drop=True)
    with_leader = (own["visitor"] == leader) | (own["host"] == leader)
    blue = set(own.loc[with_leader, "visitor"]) | set(own.loc[with_leader, "host"])
    blue.discard(leader)
    second = ~with_leader & own["visitor"].isin(blue) & ~own["host"].isin(blue | {leader})
    rounds = pd.Series(OTHER, index=own.index, dtype=object)
    rounds[with_leader] = 1
    rounds[second] = 2
    return own.assign(round=rounds)


def learning_group(visits: pd.DataFrame, leader: str) -> pd.DataFrame:
    """Everyone in the leader's learning group: ``person, dot`` (leader, blue, yellow) and
    ``first_visit`` (the date of their first visit in the log), leader first, then by date."""
    rounds = visit_rounds(visits, leader)
    first = rounds.loc[rounds["round"] == 1]
    second = rounds.loc[rounds["round"] == 2]
    rows = [{"person": leader, "dot": LEADER, "first_visit": rounds["date"].min() if len(rounds) else pd.NaT}]
    for dot, people in ((BLUE, pd.concat([first["visitor"], first["host"]])), (YELLOW, second["host"])):
        for person in dict.fromkeys(p for p in people if p != leader):
            dates = rounds.loc[(rounds["visitor"] == person) | (rounds["host"] == person), "date"]
            rows.append({"person": person, "dot": dot, "first_visit": dates.min()})
    group = pd.DataFrame(rows, columns=["person", "dot", "first_visit"])
    head, rest = group.iloc[:1], group.iloc[1:].sort_values(["dot", "first_visit", "person"])
    return pd.concat([head, rest], ignore_index=True)


def group_summary(visits: pd.DataFrame, leader: str) -> dict[str, Any]:
    """Counts for the leader's group: blue and yellow dots, visits per round, first and last date."""
    rounds = visit_rounds(visits, leader)
    group = learning_group(visits, leader)
    return {
        "n_blue": int((group["dot"] == BLUE).sum()), "n_yellow": int((group["dot"] == YELLOW).sum()),
        "n_round_1": int((rounds["round"] == 1).sum()), "n_round_2": int((rounds["round"] == 2).sum()),
        "n_other": int((rounds["round"] == OTHER).sum()),
        "first_date": None if rounds.empty else rounds["date"].min().strftime("%Y-%m-%d"),
        "last_date": None if rounds.empty else rounds["date"].max().strftime("%Y-%m-%d"),
    }


def impact_sheets(cycles: pd.DataFrame, peers: Iterable[str],
                  with_tool_data: Iterable[tuple[str, int]] = ()) -> pd.DataFrame:
    """The Measuring Impact reflection sheets: cycles 1 and 2 of each peer.

    One row per peer and cycle (1, 2), present or not: ``question``, ``has_data`` (written or in
    a tool table), ``result_pct`` and ``sheet`` (a question and data: a sheet that counts).
    """
    keyed = set(with_tool_data)
    rows = []
    for peer in peers:
        for number in (1, 2):
            row = cycles[(cycles["teacher"] == peer) & (cycles["cycle"].astype(int) == number)]
            found = row.iloc[0] if len(row) else None
            question = None if found is None else found["question"]
            written = found is not None and bool(has_text(pd.Series([found["student_learning_data"]])).iloc[0])
            has_data = written or (peer, number) in keyed
            result = None if found is None or pd.isna(found.get("result_pct")) else float(found["result_pct"])
            rows.append({"peer": peer, "cycle": number, "question": question, "has_data": has_data,
                         "result_pct": result, "sheet": bool(question) and has_data})
    return pd.DataFrame(rows, columns=["peer", "cycle", "question", "has_data", "result_pct", "sheet"])


def peer_changes(cycles: pd.DataFrame, peers: Iterable[str]) -> pd.DataFrame:
    """:func:`~datadriver_utils.stats.slrc.cycle_change` for the given peers, in their order."""
    wanted = list(peers)
    changes = cycle_change(cycles[cycles["teacher"].isin(wanted)])
    return changes.set_index("teacher").reindex(wanted).rename_axis("teacher").reset_index()


def meetings_by_group(meetings: pd.DataFrame, leader: str) -> pd.DataFrame:
    """Per group (5, 13): meetings held, meetings with an agenda, first and last date."""
    own = meetings[meetings["leader"] == leader]
    rows = []
    for group in ("5", "13"):
        part = own[own["group"].astype(str) == group]
        rows.append({"group": group, "n_meetings": int(len(part)),
                     "n_with_agenda": int(has_text(part["agenda"]).sum()),
                     "first_date": None if part.empty else part["date"].min().strftime("%Y-%m-%d"),
                     "last_date": None if part.empty else part["date"].max().strftime("%Y-%m-%d")})
    return pd.DataFrame(rows)


def culture_gap(first_label: str, latest_label: str) -> tuple[int | None, bool | None]:
    """Whole months between two administrations labelled ``YYYY-MM``, and whether that is
    "about six months" (:data:`SIX_MONTHS`); ``(None, None)`` when a label is not a month."""
    gap = months_apart(first_label, latest_label)
    return gap, None if gap is None else SIX_MONTHS[0] <= gap <= SIX_MONTHS[1]
