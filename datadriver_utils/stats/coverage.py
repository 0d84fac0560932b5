"""Who on the team's roster covers each of the toolkit's five functions, and which nobody does.

Activity 1.1 of the District Data Team Toolkit (Module 1) asks a team to name who carries each
function -- vision and policy, data management, inquiry and analysis, action, professional
development, communication -- because a function nobody owns is a function nobody does.
team.yml lists each member's ``functions`` in the team's own words, read through
:data:`FUNCTION_ALIASES`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from datadriver_utils.errors import DataProblemsError, Problem
from datadriver_utils.stats.ratings import FUNCTION_NAMES, plain_records
from datadriver_utils.workshop.content import FIVE_FUNCTIONS

__all__ = ["FUNCTION_ALIASES", "coverage_by_function", "coverage_summary", "describe_coverage"]

#: Words people write in team.yml for a function, mapped to the toolkit's function ids.
FUNCTION_ALIASES: dict[str, str] = {
    "vision": "vision", "policy": "vision", "data": "data_management",
    "inventory": "data_management", "collection": "data_management",
    "inquiry": "analysis", "action": "analysis", "pd": "professional_development",
    "training": "professional_development", "dissemination": "communication",
    "monitoring": "communication",
    **{f.id: f.id for f in FIVE_FUNCTIONS},
    **{f.name.lower(): f.id for f in FIVE_FUNCTIONS},
}


def _field(member: Any, key: str) -> Any:
    """A roster entry's field, whether it is a dict or a ``Member`` model from team.yml."""
    return member.get(key) if isinstance(member, Mapping) else getattr(member, key, None)


def coverage_by_function(team_members: Sequence[Mapping[str, Any] | Any], *,
                         source: str = "team.yml") -> pd.DataFrame:
    """Which roster members cover each of the five functions; ``covered`` False flags a gap.

    ``team_members``: dicts with ``name``, ``role`` and ``functions`` (ids, names or the
    words in :data:`FUNCTION_ALIASES`). Returns ``function_id, function, members, n_members,
    covered``, ``members`` a list of names in roster order.

    Raises
    ------
    DataProblemsError
        For a function word that is not one of the five, naming the member and the word.
    """
    pairs, problems = [], []
    for number, member in enumerate(team_members, start=1):
        name = _field(member, "name")
        for word in _field(member, "functions") or []:
            fid = FUNCTION_ALIASES.get(str(word).strip().lower())
            if fid is None:
                problems.append(Problem(source, f"member {number} ({name}) lists a "
                                        "function that is not one of the five; use one of "
                                        f"{', '.join(FUNCTION_NAMES)}", column="functions",
                                        value=str(word)))
            else:
                pairs.append((fid, str(name)))
    if problems:
        raise DataProblemsError(problems)
    cover = pd.DataFrame(pairs, columns=["function_id", "name"]).drop_duplicates()
    names = cover.groupby("function_id")["name"].agg(list).reindex(list(FUNCTION_NAMES))
    table = pd.DataFrame({"function_id": list(FUNCTION_NAMES),
                          "function": list(FUNCTION_NAMES.values()),
                          "members": [v if isinstance(v, list) else [] for v in names]})
    table["n_members"] = table["members"].map(len)
    return table.assign(covered=table["n_members"] > 0)


def describe_coverage(coverage: pd.DataFrame) -> str:
    """Which functions nobody on the roster covers."""
    gaps = coverage.loc[~coverage["covered"], "function"].tolist()
    if not gaps:
        return "Every one of the five functions has at least one member covering it."
    return f"No one on the roster covers: {', '.join(gaps)}. Consider who could take this on."


def coverage_summary(coverage: pd.DataFrame, *, include_members: bool = False) -> dict[str, Any]:
    """``{"coverage": [...]}``; member names only with ``include_members`` (team audience)."""
    table = coverage if include_members else coverage.drop(columns="members")
    return {"coverage": plain_records(table)}
