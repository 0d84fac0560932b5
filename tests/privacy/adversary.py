"""The adversary of test_adversary.py: every table and summary.json of a team, read as linear facts.

An auditor reads a release the way a determined reader would (FIELD_NOTES, "More disclosure rules
seen in practice"): every published count, percentage and total is a linear fact about whole
numbers of students, and the same quantity published twice is one unknown.  :class:`Adversary`
reads one team's exported HTML reports (BeautifulSoup) and summary.json into a
:class:`~datadriver_utils.privacy.audit.DisclosureCheck`, marks every hidden (``<10``, ``*``) or
coded (``≤5%``, ``≥95%``) cell, and asks which of them the facts pin to one value.

What it knows of our tables is only what a reader of the report knows: the column headers and
captions say what a row counts, which rows add up to which total (the grades of a window, the
categories of one student group, the bands of a grade, the sections), and which figures are
the same population seen twice (12's post-window counts by grade are 20's "Post (n)").  A
table with people counts it does not recognise is still read, row by row, on its own (a
"≤5%" of fewer than 20 people is pinned with no help from the margins).  Means and gains are
continuous facts (sums of percent correct): they tighten the counts, and a coded mean counts
as pinned when it is known to within 0.1 point.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from datadriver_utils.privacy.audit import DisclosureCheck, percent_interval

Key = tuple[Any, ...]
HIDDEN_TEXT = {"*"}
_COUNT = re.compile(r"^\d+$")
_LESS = re.compile(r"^(?:<\s*|fewer than\s+)(\d+)$")
_CAPTION_RESULTS = re.compile(r"Results by (\w+), (\w+) assessment \(cut ([\d.]+)%\)")
_WINDOW = re.compile(r"\b(pre|post|mid\w*)\b")
_PEOPLE_HEADER = re.compile(r"\(n\)|^Respondents$|^Students\b|^Members who rated$")


@dataclass
class PublishedTable:
    """One table of one report as the reader sees it."""

    report: str
    caption: str
    header: list[str]
    rows: list[list[str]]

    def where(self, row: list[str], column: str) -> str:
        label = " ".join(c for c in row[:2] if c and not _COUNT.match(c))
        return f"{self.report} · {self.caption or ' | '.join(self.header[:3])} · {label} · {column}"


def read_tables(html: Path) -> Iterator[PublishedTable]:
    """Every ``<table>`` of an exported report with its caption (the bold line above it)."""
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    for table in soup.find_all("table"):
        box = table.find_parent("div", class_="dd-table")
        title = box.find("b") if box is not None else None
        rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in table.find_all("tr")]
        if rows:
            yield PublishedTable(html.stem, title.get_text(" ", strip=True) if title else "", rows[0], rows[1:])


def _key(population: Key, measure: str, filters: dict[str, str] | None = None) -> Key:
    return (population, measure, tuple(sorted((filters or {}).items())))


@dataclass
class Adversary:
    """The facts of one team's release and the cells it hid or coded."""

    team: str
    check: DisclosureCheck = field(default_factory=DisclosureCheck)
    protected: dict[Key, list[str]] = field(default_factory=dict)
    handled: list[str] = field(default_factory=list)
    generic: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    _deferred: list[Callable[[], None]] = field(default_factory=list)

    # -- primitive facts ------------------------------------------------------------------------

    def _protect(self, key: Key, where: str, shown: str) -> None:
        self.protected.setdefault(key, []).append(f"{where} = {shown!r}")

    def count(self, key: Key, text: object, where: str) -> None:
        """A count as shown: a number, ``<10`` / ``fewer than 4`` (hidden, below k), ``*`` (hidden)."""
        shown = "" if text is None else str(text).strip()
        self.check.count(key)
        if _COUNT.match(shown):
            self.check.count(key, float(shown))
        elif (less := _LESS.match(shown)) is not None:
            self.check.count(key, upper=int(less[1]) - 1, protected=True)
            self._protect(key, where, shown)
        elif shown in HIDDEN_TEXT or (isinstance(text, float) and math.isnan(text)):
            self.check.count(key, protected=True)
            self._protect(key, where, shown)

    def share(self, numerator: Key, count: Key, text: object, where: str) -> None:
        """``numerator`` people of ``count`` at the shown percentage (a whole number of people)."""
        shown = "" if text is None else str(text).strip()
        coded = shown.startswith(("≤", "≥"))
        interval = percent_interval(shown) if shown not in HIDDEN_TEXT else None
        self.check.share(numerator, count, interval)
        if coded or shown in HIDDEN_TEXT:
            self.check.unknown(numerator, protected=True)
            self._protect(numerator, where, shown)

    def json_share(self, numerator: Key, count: Key, value: object, where: str, hidden: bool) -> None:
        """A share from summary.json: a number rounded to 0.1, a coded text, or null (hidden when
        the record says so)."""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.share(numerator, count, f"{value:.1f}%", where)
        elif isinstance(value, str):
            self.share(numerator, count, value, where)
        elif hidden:
            self.share(numerator, count, "*", where)

    def mean(self, total: Key, count: Key, text: object, where: str) -> None:
        """A mean percentage: ``total`` is the sum of the people's percentages / 100 (continuous,
        between 0 and the count), so means add up along the same lines as counts."""
        shown = "" if text is None else str(text).strip()
        self.check.unknown(total, integer=False)
        self.check.constrain({total: 1.0, count: -1.0}, -math.inf, 0.0)
        interval = percent_interval(shown) if shown not in HIDDEN_TEXT else None
        if interval is not None:
            low, high = interval
            self.check.constrain({total: 1.0, count: -low / 100}, 0.0, math.inf)
            self.check.constrain({total: 1.0, count: -high / 100}, -math.inf, 0.0)
        if shown.startswith(("≤", "≥")):
            self._deferred.append(lambda: self._protect_mean(total, count, where, shown))

    def _protect_mean(self, total: Key, count: Key, where: str, shown: str) -> None:
        n = self.exact(count)
        if n:
            self.check.unknown(total, integer=False, protected=True, resolution=0.2 * n / 100)
            self._protect(total, where, shown)

    def difference(self, first: tuple[Key, Key], latest: tuple[Key, Key], text: object) -> None:
        """latest% - first% shown in points (both numerator/count pairs): linear once both counts are exact."""
        interval = _difference(text)
        if interval is None:
            return
        low, high = interval

        def fact() -> None:
            n_first, n_latest = self.exact(first[1]), self.exact(latest[1])
            if n_first and n_latest:
                terms = {latest[0]: 100.0 / n_latest, first[0]: -100.0 / n_first}
                self.check.constrain(terms, low, high)
        self._deferred.append(fact)

    def family(self, parts: Iterable[Key], total: Key) -> None:
        """The parts add up to the total (rows of a line and its margin)."""
        parts = list(dict.fromkeys(parts))
        if parts:
            for key in (*parts, total):
                if key not in self.check.unknowns:
                    self.check.unknown(key, integer=not _is_mean(key))
            self.check.add_sum(parts, total)

    def exact(self, key: Key) -> float | None:
        unknown = self.check.unknowns.get(key)
        if unknown is not None and unknown.lower == unknown.upper:
            return unknown.lower
        return None

    # -- reading ---------------------------------------------------------------------------------

    def read_export(self, team_dir: Path) -> Adversary:
        """Every HTML report and summary.json of one team's export folder."""
        for html in sorted(team_dir.glob("*.html")):
            context: dict[str, Any] = {"window": "post", "cut": None}
            tables = list(read_tables(html))
            for table in tables:  # the cut and window of the report, from its results captions
                found = _CAPTION_RESULTS.search(table.caption)
                if found:
                    context.update(window=found[2], cut=float(found[3]))
            for table in tables:
                self.read_table(table, context)
        summary = team_dir / "summary.json"
        if summary.is_file():
            read_summary(self, json.loads(summary.read_text(encoding="utf-8")))
        for fact in self._deferred:
            fact()
        return self

    def read_table(self, table: PublishedTable, context: dict[str, Any]) -> None:
        for reader in TABLE_READERS:
            if reader(self, table, context):
                self.handled.append(f"{table.report}: {table.caption or table.header[:3]}")
                return
        if any(_PEOPLE_HEADER.search(h) for h in table.header):
            read_generic(self, table)
            self.generic.append(f"{table.report}: {table.caption or table.header[:3]}")
        else:
            self.skipped.append(f"{table.report}: {table.header[:4]}")

    # -- verdict ---------------------------------------------------------------------------------

    def findings(self) -> dict[Key, tuple[tuple[float, float], list[str]]]:
        """Every hidden or coded cell the facts pin, with its bounds and where it was shown."""
        if not self.check.feasible():
            raise AssertionError(f"{self.team}: the adversary's reading of the release is contradictory; "
                                 "a table's meaning has changed (update tests/privacy/adversary.py)")
        pinned = self.check.pinned(list(self.protected))
        return {key: (bounds, self.protected[key]) for key, bounds in pinned.items()}


def _difference(text: object) -> tuple[float, float] | None:
    """A difference in points as shown ("-1.1", "+16.3"): the interval its rounding allows."""
    shown = str(text or "").strip().lstrip("+")
    if not re.match(r"^-?\d+(\.\d+)?$", shown):
        return None
    half = 0.5 * 10.0 ** -len(shown.partition(".")[2])
    return float(shown) - half, float(shown) + half


def _is_mean(key: Key) -> bool:
    return isinstance(key, tuple) and len(key) > 1 and str(key[1]).startswith("points")


# ----------------------------------------------------------------------------- table readers

def _rows(table: PublishedTable) -> Iterator[dict[str, str]]:
    for row in table.rows:
        if len(row) == len(table.header):
            yield dict(zip(table.header, row, strict=True))


RESULT_HEADER = ["Students (n)", "Mean % correct", "% proficient"]


def read_results(adv: Adversary, table: PublishedTable, context: dict[str, Any]) -> bool:
    """12: results by grade, section or standard (``Results by grade, post assessment (cut 80%)``)."""
    found = _CAPTION_RESULTS.search(table.caption)
    if found is None or table.header[1:] != RESULT_HEADER:
        return False
    by, window, cut = found[1], found[2], found[3]
    population: Key = ("scored", window)
    parts = []
    for row in _rows(table):
        label = row[table.header[0]]
        pop, filters = (((*population, "standard", label), {}) if by == "standard"
                        else (population, {by: label}))
        _result_row(adv, table, row, pop, filters, cut)
        parts.append(filters)
    if by != "standard":
        _families(adv, population, parts, cut)
    return True


def _result_row(adv: Adversary, table: PublishedTable, row: dict[str, str], pop: Key, filters: dict[str, str],
                cut: object) -> None:
    n = _key(pop, "n", filters)
    raw = list(row.values())
    adv.count(n, row["Students (n)"], table.where(raw, "Students (n)"))
    adv.mean(_key(pop, "points", filters), n, row["Mean % correct"], table.where(raw, "Mean % correct"))
    adv.share(_key(pop, f"proficient@{cut}", filters), n, row["% proficient"], table.where(raw, "% proficient"))


def _families(adv: Adversary, pop: Key, parts: list[dict[str, str]], cut: object,
              within: dict[str, str] | None = None) -> None:
    for measure in ("n", "points", f"proficient@{cut}"):
        adv.family([_key(pop, measure, {**(within or {}), **p}) for p in parts], _key(pop, measure, within))


def read_subgroups(adv: Adversary, table: PublishedTable, context: dict[str, Any]) -> bool:
    """12: results by student group (each group's categories add up to every student)."""
    if table.header != ["Student group", "Value", *RESULT_HEADER]:
        return False
    window = (_WINDOW.search(table.caption) or [None, context["window"]])[1]
    population: Key = ("scored", window)
    groups: dict[str, list[dict[str, str]]] = {}
    for row in _rows(table):
        filters = {row["Student group"]: row["Value"]}
        _result_row(adv, table, row, population, filters, context["cut"])
        groups.setdefault(row["Student group"], []).append(filters)
    for parts in groups.values():
        _families(adv, population, parts, context["cut"])
    return True


def read_bands(adv: Adversary, table: PublishedTable, context: dict[str, Any]) -> bool:
    """12: students by grade and band; a band's percentage is of its grade; proficient and
    advanced together are the grade's proficient students at the report's cut."""
    if table.header != ["Grade", "Band", "Students (n)", "% of grade"]:
        return False
    window = (_WINDOW.search(table.caption) or [None, context["window"]])[1]
    population: Key = ("scored", window)
    grades: dict[str, list[str]] = {}
    for row in _rows(table):
        raw, grade, band = list(row.values()), row["Grade"], row["Band"]
        cell = _key(population, "n", {"grade": grade, "band": band})
        adv.count(cell, row["Students (n)"], table.where(raw, "Students (n)"))
        adv.share(cell, _key(population, "n", {"grade": grade}), row["% of grade"], table.where(raw, "% of grade"))
        grades.setdefault(grade, []).append(band)
    for grade, bands in grades.items():
        adv.family([_key(population, "n", {"grade": grade, "band": b}) for b in bands],
                   _key(population, "n", {"grade": grade}))
        if context["cut"] is not None and {"proficient", "advanced"} <= set(bands):
            adv.family([_key(population, "n", {"grade": grade, "band": b}) for b in ("proficient", "advanced")],
                       _key(population, f"proficient@{context['cut']}", {"grade": grade}))
    adv.family([_key(population, "n", {"grade": g}) for g in grades], _key(population, "n"))
    return True


DISCREPANCY_HEADER = ["Section", "Smallest count (n)", "Assessed (n)", "Process records (n)", "Completion",
                      "A or B grades", "Attendance", "% proficient", "Gap"]


def read_discrepancy(adv: Adversary, table: PublishedTable, context: dict[str, Any]) -> bool:
    """12: process records beside the assessment, by section and for all students.  A/B grades
    are a share of the records with a course grade (an unknown number, at most the records);
    completion and attendance are means over the records."""
    if table.header != DISCREPANCY_HEADER:
        return False
    scored: Key = ("scored", context["window"])
    parts = []
    for row in _rows(table):
        _discrepancy_row(adv, table, row, scored, context)
        if row["Section"] != "All students":
            parts.append({"section": row["Section"]})
    for measure in ("n", "graded", "ab", "points:completion", "points:attendance"):
        adv.family([_key(("records",), measure, p) for p in parts], _key(("records",), measure))
    return True


def _discrepancy_row(adv: Adversary, table: PublishedTable, row: dict[str, str], scored: Key,
                     context: dict[str, Any]) -> None:
    filters = {} if row["Section"] == "All students" else {"section": row["Section"]}
    raw = list(row.values())
    assessed, records = _key(scored, "n", filters), _key(("records",), "n", filters)
    adv.count(assessed, row["Assessed (n)"], table.where(raw, "Assessed (n)"))
    adv.count(records, row["Process records (n)"], table.where(raw, "Process records (n)"))
    adv.share(_key(scored, f"proficient@{context['cut']}", filters), assessed, row["% proficient"],
              table.where(raw, "% proficient"))
    graded = _key(("records",), "graded", filters)  # records with a readable course grade
    adv.check.constrain({graded: 1.0, records: -1.0}, -math.inf, 0.0)
    adv.share(_key(("records",), "ab", filters), graded, row["A or B grades"], table.where(raw, "A or B grades"))
    for column, measure in (("Completion", "points:completion"), ("Attendance", "points:attendance")):
        adv.mean(_key(("records",), measure, filters), records, row[column], table.where(raw, column))


GAIN_HEADER = ["Pre (n)", "Post (n)", "Both (n)", "Pre mean", "Post mean", "Gain (points)", "Pre % proficient",
               "Post % proficient", "Effect size"]


_ALL_STANDARDS = ", all standards"
"""The grade table labels its shares and effect size as read on all standards (not the goal's)."""


def read_gains(adv: Adversary, table: PublishedTable, context: dict[str, Any]) -> bool:
    """20: matched pre/post results by grade (and standard).  Pre (n) and Post (n) count the
    students scored in each window (the same counts as 12's); the rest are matched students."""
    table = PublishedTable(table.report, table.caption, [h.removesuffix(_ALL_STANDARDS) for h in table.header],
                           table.rows)
    by_standard = table.header[:2] == ["Grade", "Standard"]
    if table.header[(2 if by_standard else 1):] != GAIN_HEADER or table.header[0] != "Grade":
        return False
    lines: dict[str, list[str]] = {}
    for row in _rows(table):
        standard = row.get("Standard") if by_standard else None
        gain_row(adv, row, standard, lambda column, r=row: table.where(list(r.values()), column))
        lines.setdefault(standard or "", []).append(row["Grade"])
    for standard, grades in lines.items():
        gain_families(adv, standard or None, grades)
    return True


def gain_row(adv: Adversary, row: dict[str, Any], standard: str | None, where: Callable[[str], str],
             from_json: bool = False) -> None:
    """One grade's (or grade and standard's) matched results, from a table row or a JSON record."""
    extra = ("standard", standard) if standard else ()
    filters = {"grade": str(row["Grade"])}
    matched: Key = ("matched", *extra)
    for column, pop in (("Pre (n)", ("scored", "pre", *extra)), ("Post (n)", ("scored", "post", *extra)),
                        ("Both (n)", matched)):
        adv.count(_key(pop, "n", filters), row[column], where(column))
    n = _key(matched, "n", filters)
    hidden = bool(row.get("_hidden"))
    for column, measure in (("Pre % proficient", "pre-proficient"), ("Post % proficient", "post-proficient")):
        if from_json:
            adv.json_share(_key(matched, measure, filters), n, row[column], where(column), hidden)
        else:
            adv.share(_key(matched, measure, filters), n, row[column], where(column))
    for column, measure in (("Pre mean", "points-pre"), ("Post mean", "points-post")):
        value = row[column]
        text = f"{value:.1f}%" if from_json and isinstance(value, (int, float)) else value
        adv.mean(_key(matched, measure, filters), n, text, where(column))
    gain = row["Gain (points)"]
    interval = _difference(f"{gain:.1f}" if isinstance(gain, (int, float)) else gain)
    if interval is not None:
        low, high = interval
        post, pre = _key(matched, "points-post", filters), _key(matched, "points-pre", filters)
        adv.check.constrain({post: 1.0, pre: -1.0, n: -low / 100}, 0.0, math.inf)
        adv.check.constrain({post: 1.0, pre: -1.0, n: -high / 100}, -math.inf, 0.0)


def gain_families(adv: Adversary, standard: str | None, grades: list[str]) -> None:
    extra = ("standard", standard) if standard else ()
    for pop, measures in ((("matched", *extra), ("n", "pre-proficient", "post-proficient", "points-pre",
                                                  "points-post")),
                          (("scored", "pre", *extra), ("n",)), (("scored", "post", *extra), ("n",))):
        for measure in measures:
            adv.family([_key(pop, measure, {"grade": g}) for g in grades], _key(pop, measure))


BASELINE_PCT = "Baseline: % proficient (all pre takers)"
BASELINE_HEADER = ["Standards measured", "Students (n)", BASELINE_PCT, "Target", "Students to cross",
                   "Points to gain", "Status"]


def read_baseline(adv: Adversary, table: PublishedTable, context: dict[str, Any]) -> bool:
    """13: the goal's baseline; students to cross and points to gain are arithmetic on it."""
    if table.header != BASELINE_HEADER:
        return False
    for row in _rows(table):
        where = lambda column, r=row: table.where(list(r.values()), column)  # noqa: E731
        baseline(adv, row["Students (n)"], row[BASELINE_PCT], row["Target"], row["Students to cross"],
                 row["Points to gain"], where)
    return True


def baseline(adv: Adversary, n_text: object, pct_text: object, target_text: object, cross_text: object,
             points_text: object, where: Callable[[str], str]) -> None:
    n, prof = _key(("goal-baseline",), "n"), _key(("goal-baseline",), "proficient")
    adv.count(n, n_text, where("Students (n)"))
    adv.share(prof, n, pct_text, where(BASELINE_PCT))
    target = percent_interval(str(target_text))
    if target is None:
        return
    goal = (target[0] + target[1]) / 2
    if isinstance(points_text, (int, float)) or _COUNT.match(str(points_text).split(".")[0] or "x"):
        points = float(points_text)  # type: ignore[arg-type]
        if points > 0:
            adv.check.share(prof, n, (goal - points - 0.05, goal - points + 0.05))
    cross = str(cross_text)
    if _COUNT.match(cross):
        def fact() -> None:
            size = adv.exact(n)
            if size is not None:
                needed = math.ceil(round(goal * size / 100, 9))
                if int(cross) > 0:
                    adv.check.equal({prof: 1.0}, needed - int(cross))
                else:
                    adv.check.constrain({prof: 1.0}, needed, math.inf)
        adv._deferred.append(fact)


GOAL_PRE, GOAL_POST = "Pre % proficient (matched)", "Post % proficient (matched)"
GOAL_HEADER = ["Goal standards", "Both (n)", GOAL_PRE, GOAL_POST, "Change (points)", "Target", "Gap closed",
               "Effect size", "Progress rating"]


def read_goal_progress(adv: Adversary, table: PublishedTable, context: dict[str, Any]) -> bool:
    """20: the goal's standards, matched students: the pre and post shares of one group; the
    change is post - pre (the gap closed goes with it)."""
    if table.header != GOAL_HEADER:
        return False
    for row in _rows(table):
        raw = list(row.values())
        goal_progress(adv, row["Goal standards"], row["Both (n)"], row[GOAL_PRE], row[GOAL_POST],
                      row["Change (points)"], lambda column, r=raw: table.where(r, column))
    return True


def goal_progress(adv: Adversary, standards: str, n_text: object, pre_text: object, post_text: object,
                  change: object, where: Callable[[str], str]) -> None:
    """A goal of one standard is that standard's matched students over every grade: the margin of
    the grade-and-standard rows (the same unknowns); a goal pooling standards is its own group."""
    parts = [s.strip() for s in standards.split(",") if s.strip()]
    pop: Key = ("matched", "standard", parts[0]) if len(parts) == 1 else ("goal-matched", standards)
    n, pre, post = _key(pop, "n"), _key(pop, "pre-proficient"), _key(pop, "post-proficient")
    adv.count(n, n_text, where("Both (n)"))
    adv.share(pre, n, pre_text, where(GOAL_PRE))
    adv.share(post, n, post_text, where(GOAL_POST))
    adv.difference((pre, n), (post, n), change)


SURVEY_SCORES = ["Administration", "Construct", "Respondents", "Mean score", "% favourable", "Status"]
SURVEY_CHANGE_PREFIX = ["Construct", "First", "First % favourable", "Latest", "Latest % favourable",
                        "Change (points)"]


def _survey_name(caption: str, report: str) -> str:
    head = caption.split(":")[0].strip().lower()
    return "culture" if head.startswith("culture") or report.startswith("05") else head.replace(" ", "_")


def read_survey_scores(adv: Adversary, table: PublishedTable, context: dict[str, Any]) -> bool:
    """05/15: construct scores per administration.  Percent favourable is of answered items, not
    of respondents, so it is a continuous fact (a mean) about the respondents."""
    if table.header != SURVEY_SCORES:
        return False
    survey = _survey_name(table.caption, table.report)
    for row in _rows(table):
        raw = list(row.values())
        pop: Key = ("survey", survey, row["Administration"], row["Construct"])
        adv.count(_key(pop, "n"), row["Respondents"], table.where(raw, "Respondents"))
        adv.mean(_key(pop, "points:favourable"), _key(pop, "n"), _as_percent(row["% favourable"]),
                 table.where(raw, "% favourable"))
    return True


def read_survey_change(adv: Adversary, table: PublishedTable, context: dict[str, Any]) -> bool:
    """05/15: first against latest administration per construct; the change is latest - first."""
    if table.header[:6] != SURVEY_CHANGE_PREFIX:
        return False
    survey = _survey_name(table.caption, table.report)
    for row in _rows(table):
        raw = list(row.values())
        survey_change(adv, survey, row["Construct"], row["First"], row["First % favourable"], row["Latest"],
                      row["Latest % favourable"], row["Change (points)"],
                      lambda column, r=raw: table.where(r, column))
    return True


def _as_percent(text: object) -> object:
    """Survey tables print percentages without the sign ("39.5")."""
    shown = str(text or "").strip()
    return f"{shown}%" if re.match(r"^-?\d+(\.\d+)?$", shown) else text


def survey_change(adv: Adversary, survey: str, construct: str, first: str, first_pct: object, latest: str,
                  latest_pct: object, change: object, where: Callable[[str], str],
                  counts: tuple[object, object] | None = None) -> None:
    pairs = []
    for admin, pct, column, n_text in ((first, first_pct, "First % favourable", counts[0] if counts else None),
                                       (latest, latest_pct, "Latest % favourable", counts[1] if counts else None)):
        pop: Key = ("survey", survey, str(admin), construct)
        if n_text is not None:
            adv.count(_key(pop, "n"), n_text, where(column.replace("% favourable", "respondents")))
        text = f"{pct:.1f}%" if isinstance(pct, (int, float)) else _as_percent(pct)
        adv.mean(_key(pop, "points:favourable"), _key(pop, "n"), text, where(column))
        pairs.append((_key(pop, "points:favourable"), _key(pop, "n")))
    if first != latest:
        adv.difference(pairs[0], pairs[1], f"{change:.1f}" if isinstance(change, (int, float)) else change)


def read_generic(adv: Adversary, table: PublishedTable) -> None:
    """A table with people counts this reader does not model: each row on its own (counts, and
    percentages of the row's only count).  A percentage may be of something else than those
    people (answered items, observations): it is read as a whole number of them only where one
    fits, and a coded one always is (a coded share of people is the case to catch)."""
    counts = [h for h in table.header if _PEOPLE_HEADER.search(h)]
    shares = [h for h in table.header if h.startswith("%") or h.endswith("(%)")]
    for number, row in enumerate(_rows(table)):
        raw = list(row.values())
        keys = {h: (("generic", table.report, table.caption, tuple(table.header), number), h) for h in counts}
        for column, key in keys.items():
            adv.count(key, row[column], table.where(raw, column))
        if len(keys) != 1:
            continue
        (count_key,), n = keys.values(), adv.exact(next(iter(keys.values())))
        for column in shares:
            text = _as_percent(row[column])
            interval = percent_interval(str(text))
            whole = n is not None and interval is not None and (
                math.ceil(interval[0] * n / 100 - 1e-9) <= math.floor(interval[1] * n / 100 + 1e-9))
            if whole or str(text).startswith(("≤", "≥")) or str(text) in HIDDEN_TEXT:
                adv.share((*count_key, column), count_key, text, table.where(raw, column))


TABLE_READERS: list[Callable[[Adversary, PublishedTable, dict[str, Any]], bool]] = [
    read_results, read_subgroups, read_bands, read_discrepancy, read_gains, read_baseline,
    read_survey_scores, read_survey_change, read_goal_progress,
]


# ----------------------------------------------------------------------------- summary.json

def read_summary(adv: Adversary, summary: dict[str, Any]) -> None:
    """The sections of summary.json that publish figures about groups of students or respondents."""
    analyst = summary.get("data_analyst") or {}
    window, cut = analyst.get("window", "post"), analyst.get("proficiency_cut_pct")
    where = lambda path: lambda column: f"summary.json {path} · {column}"  # noqa: E731
    cut_text = f"{cut:g}" if isinstance(cut, (int, float)) else cut
    for record in analyst.get("by_grade", []):
        _json_result(adv, ("scored", window), {"grade": record["grade"]}, record, cut_text,
                     where(f"data_analyst.by_grade[{record['grade']}]"))
    for record in analyst.get("by_standard", []):
        _json_result(adv, ("scored", window, "standard", record["standard"]), {}, record, cut_text,
                     where(f"data_analyst.by_standard[{record['standard']}]"))
    _json_discrepancy(adv, analyst.get("discrepancy"), ("scored", window), cut_text)
    driver = summary.get("data_driver") or {}
    for name, has_standard in (("by_grade", False), ("by_grade_standard", True)):
        for record in driver.get(name, []):
            row = {"Grade": record["grade"], "Pre (n)": record["n_pre"], "Post (n)": record["n_post"],
                   "Both (n)": record["n_matched"], "Pre mean": record["pre_mean_pct"],
                   "Post mean": record["post_mean_pct"], "Gain (points)": record["gain_pct_points"],
                   "Pre % proficient": record["pre_pct_proficient"],
                   "Post % proficient": record["post_pct_proficient"], "_hidden": record.get("suppressed")}
            row = {k: _json_text(v) if k.endswith("(n)") else v for k, v in row.items()}
            standard = record.get("standard") if has_standard else None
            gain_row(adv, row, standard, where(f"data_driver.{name}[{record['grade']} {standard or ''}]"),
                     from_json=True)
    progress = driver.get("goal") or {}
    if progress.get("standards"):
        as_text = {k: (f"{v:.1f}%" if isinstance(v, (int, float)) else v if isinstance(v, str) else "*")
                   for k, v in progress.items() if k in ("pre_pct_proficient", "post_pct_proficient")}
        change = progress.get("change_pct_points")
        goal_progress(adv, ", ".join(progress["standards"]), _json_text(progress.get("n_matched")) or "*",
                      as_text.get("pre_pct_proficient", "*"), as_text.get("post_pct_proficient", "*"),
                      f"{change:.1f}" if isinstance(change, (int, float)) else None, where("data_driver.goal"))
    goal = summary.get("goal_setter") or {}
    if goal.get("target_pct_proficient") is not None:
        pct = goal.get("baseline_pct_proficient")
        baseline(adv, _json_text(goal.get("n_baseline")), f"{pct:.1f}%" if isinstance(pct, (int, float)) else
                 (pct or ("*" if goal.get("suppressed") else "")),
                 f"{goal['target_pct_proficient']:g}%", _json_text(goal.get("students_to_cross")), "",
                 where("goal_setter"))
    _json_surveys(adv, summary, where)


def _json_text(value: object) -> str:
    if value is None:
        return ""
    return str(int(value)) if isinstance(value, (int, float)) and float(value).is_integer() else str(value)


def _json_result(adv: Adversary, pop: Key, filters: dict[str, str], record: dict[str, Any], cut: object,
                 where: Callable[[str], str]) -> None:
    hidden = bool(record.get("suppressed"))
    n = _key(pop, "n", filters)
    adv.count(n, "*" if hidden and record.get("n") is None else _json_text(record.get("n")), where("n"))
    adv.json_share(_key(pop, f"proficient@{cut}", filters), n, record.get("pct_proficient"),
                   where("pct_proficient"), hidden)
    mean = record.get("mean_pct")
    adv.mean(_key(pop, "points", filters), n, f"{mean:.1f}%" if isinstance(mean, (int, float)) else mean or "",
             where("mean_pct"))


def _json_discrepancy(adv: Adversary, record: dict[str, Any] | None, scored: Key, cut: object) -> None:
    if not record:
        return
    rows = [(s.get("section"), s) for s in record.get("sections", [])] + [("All students", record["overall"])]
    for section, values in rows:
        hidden = bool(values.get("suppressed"))
        text = {k: ("*" if hidden and v is None else v) for k, v in values.items()}
        as_pct = {k: (f"{v:.1f}%" if isinstance(v, (int, float)) else v or "")
                  for k, v in text.items()}
        row = {"Section": section, "Assessed (n)": _json_text(text["n_assessed"]) if text["n_assessed"] != "*" else "*",
               "Process records (n)": _json_text(text["n_records"]) if text["n_records"] != "*" else "*",
               "% proficient": as_pct["pct_proficient"], "A or B grades": as_pct["ab_share_pct"],
               "Completion": as_pct["mean_completion_pct"], "Attendance": as_pct["mean_attendance_pct"]}
        table = PublishedTable("summary.json", "data_analyst.discrepancy", DISCREPANCY_HEADER, [])
        _discrepancy_row(adv, table, row, scored, {"cut": cut})


def _json_surveys(adv: Adversary, summary: dict[str, Any], where: Callable[[str], Callable[[str], str]]) -> None:
    blocks = dict((summary.get("surveys") or {}).get("surveys") or {})
    culture = (summary.get("change") or {}).get("culture")
    if culture:
        blocks.setdefault("culture", culture)
    for survey, block in blocks.items():
        for change in (block or {}).get("construct_changes", []):
            counts = (change.get("first_n_band"), change.get("latest_n_band"))
            survey_change(adv, survey, change["construct"], str(change.get("first_administration")),
                          change.get("first_pct_favourable"), str(change.get("latest_administration")),
                          change.get("latest_pct_favourable"), change.get("pct_favourable_change"),
                          where(f"surveys.{survey}.construct_changes[{change['construct']}]"), counts)
