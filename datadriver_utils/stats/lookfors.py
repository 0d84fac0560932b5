"""Walkthrough look-fors (process evidence) beside a belonging micro-survey (perception evidence).

The practitioner article on leaders modelling data use (shared/seeds 002) describes a team that
pairs short look-fors from unannounced classroom walkthroughs -- what adults do, evidence of
school processes -- with brief student surveys about belonging -- how students experience it,
evidence of perceptions (two of Bernhardt's four sources; FIELD_NOTES "Evidence and goals").

``walkthroughs.csv`` has one row per visit and look-for (``date, classroom, look_for, seen``).
Here:

* a **visit** is one classroom on one date; **rows** are visit × look-for;
* a look-for's **percent seen** = rows where it was seen ÷ rows where it was looked for × 100
  (a share of observations, not of people);
* by month (``YYYY-MM`` of the visit date), for every look-for together and for each one;
* beside the belonging survey: a month's percent seen next to the administration of the
  belonging survey labelled with the same month (its percent favourable from
  :func:`~datadriver_utils.stats.surveys.construct_scores`, already suppressed when too few
  students answered).  Side by side, not correlated: a handful of months cannot carry a
  correlation, and the two kinds of evidence are read together, not one explained by the other.

Classrooms and observers never leave this module's team-level tables (callers decide); every
aggregate here is over visits.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["ALL_LOOK_FORS", "BELONGING_SURVEY", "beside_belonging", "describe_beside", "lookfor_rates",
           "lookfors_by_month", "month_by_lookfor", "visit_grid", "visit_count"]

BELONGING_SURVEY = "belonging"
"""The ``survey`` value of the belonging micro-survey in surveys.csv."""
ALL_LOOK_FORS = "all look-fors"


def _seen(walkthroughs: pd.DataFrame) -> pd.Series:
    return walkthroughs["seen"].astype("boolean").fillna(False).astype(bool)


def visit_count(walkthroughs: pd.DataFrame) -> int:
    """Distinct visits: one classroom on one date."""
    return int(walkthroughs[["date", "classroom"]].drop_duplicates().shape[0])


def lookfor_rates(walkthroughs: pd.DataFrame) -> pd.DataFrame:
    """Per look-for (in the order first recorded): ``look_for, n_visits, n_seen, pct_seen``."""
    if walkthroughs.empty:
        return pd.DataFrame(columns=["look_for", "n_visits", "n_seen", "pct_seen"])
    table = walkthroughs.assign(_seen=_seen(walkthroughs), look_for=walkthroughs["look_for"].astype(str))
    rates = table.groupby("look_for", sort=False).agg(n_visits=("_seen", "size"), n_seen=("_seen", "sum"))
    rates["pct_seen"] = 100.0 * rates["n_seen"] / rates["n_visits"]
    return rates.reset_index().astype({"n_visits": int, "n_seen": int})


def lookfors_by_month(walkthroughs: pd.DataFrame) -> pd.DataFrame:
    """``month, look_for, n_visits, n_rows, n_seen, pct_seen`` per month, each look-for and
    :data:`ALL_LOOK_FORS` (``n_visits``: distinct visits that month)."""
    columns = ["month", "look_for", "n_visits", "n_rows", "n_seen", "pct_seen"]
    if walkthroughs.empty:
        return pd.DataFrame(columns=columns)
    table = walkthroughs.assign(_seen=_seen(walkthroughs), look_for=walkthroughs["look_for"].astype(str),
                                month=pd.to_datetime(walkthroughs["date"]).dt.strftime("%Y-%m"))
    visits = table.drop_duplicates(["month", "date", "classroom"]).groupby("month").size()
    order = [*dict.fromkeys(table["look_for"]), ALL_LOOK_FORS]  # as first recorded, then all together
    both = pd.concat([table, table.assign(look_for=ALL_LOOK_FORS)])
    both["look_for"] = pd.Categorical(both["look_for"], categories=order, ordered=True)
    grouped = both.groupby(["month", "look_for"], sort=True, observed=True).agg(
        n_rows=("_seen", "size"), n_seen=("_seen", "sum")).reset_index()
    grouped["look_for"] = grouped["look_for"].astype(str)
    grouped["n_visits"] = grouped["month"].map(visits).astype(int)
    grouped["pct_seen"] = 100.0 * grouped["n_seen"] / grouped["n_rows"]
    return grouped.astype({"n_rows": int, "n_seen": int})[columns]


def month_by_lookfor(by_month: pd.DataFrame) -> pd.DataFrame:
    """:func:`lookfors_by_month` as months down and look-fors across (percent seen), visits first."""
    if by_month.empty:
        return pd.DataFrame(columns=["month", "n_visits", ALL_LOOK_FORS])
    order = [*dict.fromkeys(by_month.loc[by_month["look_for"] != ALL_LOOK_FORS, "look_for"]), ALL_LOOK_FORS]
    wide = by_month.pivot_table(index="month", columns="look_for", values="pct_seen").reindex(columns=order)
    visits = by_month.drop_duplicates("month").set_index("month")["n_visits"]
    return wide.rename_axis(columns=None).reset_index().merge(visits.reset_index(), on="month")[
        ["month", "n_visits", *order]]


def visit_grid(walkthroughs: pd.DataFrame) -> pd.DataFrame:
    """One row per visit (date, classroom, observer), one column per look-for: yes / no / blank
    when it was not looked for. Team view only: it names classrooms and observers."""
    table = walkthroughs.assign(look_for=walkthroughs["look_for"].astype(str),
                                date=pd.to_datetime(walkthroughs["date"]).dt.strftime("%Y-%m-%d"),
                                observer=walkthroughs.get("observer", pd.Series(index=walkthroughs.index))
                                .astype(object).fillna(""),
                                seen=_seen(walkthroughs).map({True: "yes", False: "no"}))
    order = list(dict.fromkeys(table["look_for"]))
    wide = table.pivot_table(index=["date", "classroom", "observer"], columns="look_for", values="seen",
                             aggfunc="first").reindex(columns=order)
    return wide.rename_axis(columns=None).reset_index().fillna("")


def beside_belonging(by_month: pd.DataFrame, belonging: pd.DataFrame | None) -> pd.DataFrame:
    """Every month with visits or a belonging administration: ``month, n_visits, pct_seen,
    belonging_n_band, belonging_pct_favourable, belonging_status``.

    ``belonging`` is :func:`~datadriver_utils.stats.surveys.construct_scores` of the belonging
    survey (one construct); administrations are matched on their ``YYYY-MM`` label.
    """
    overall = by_month.loc[by_month["look_for"] == ALL_LOOK_FORS, ["month", "n_visits", "pct_seen"]]
    if belonging is None or belonging.empty:
        side = pd.DataFrame(columns=["month", "belonging_n_band", "belonging_pct_favourable", "belonging_status"])
    else:
        first = belonging.drop_duplicates("administration")
        side = pd.DataFrame({"month": first["administration"].astype(str).str[:7],
                             "belonging_n_band": first["n_band"].astype(str),
                             "belonging_pct_favourable": first["pct_favourable"].astype(float),
                             "belonging_status": first["status"].astype(str)})
    table = overall.merge(side, on="month", how="outer").sort_values("month")
    return table.reset_index(drop=True)


def _first_last(values: pd.Series) -> tuple[Any, Any] | None:
    known = values.dropna()
    return None if len(known) < 2 else (known.iloc[0], known.iloc[-1])


def describe_beside(table: pd.DataFrame, share: Any = None) -> str:
    """Both kinds of evidence in a sentence, first month against latest (``share`` formats a
    share of students for the audience; plain ``12.3%`` by default)."""
    show = share or (lambda v: f"{v:.1f}%")
    seen = _first_last(table.set_index("month")["pct_seen"].astype(float))
    felt = _first_last(table.set_index("month")["belonging_pct_favourable"].astype(float))
    parts = []
    if seen:
        parts.append(f"look-fors were seen in {seen[0]:.0f}% of observations at first and {seen[1]:.0f}% in the "
                     "latest month")
    if felt:
        parts.append(f"students answering favourably about belonging went from {show(felt[0])} to {show(felt[1])}")
    if not parts:
        return "Not enough months yet to compare the first with the latest."
    return ("Process evidence and perception evidence together: " + "; ".join(parts) + ". Read them side by side: "
            "did students feel the change the walkthroughs saw?")
