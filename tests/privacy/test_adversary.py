"""Play the adversary against the released sample district, and against small hand-built tables.

The whole sample district is rendered for the district and the public (once per audience), every
table of every HTML report and every group figure of summary.json is read as linear facts
(tests/privacy/adversary.py), and each hidden or coded cell is bounded with whole numbers
(:class:`~datadriver_utils.privacy.audit.DisclosureCheck`).  No cell may be left with a single
possible value.  On the release before coded cells got complements, this found Cedar's English
learners "Y" (18 students, "≤5%" proficient) and Asian students (11, "≤5%") pinned at 0.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from datadriver_utils.privacy.audit import DisclosureCheck, percent_interval
from datadriver_utils.privacy.coding import BOTTOM, COMPLEMENT, SHOWN, WITHHELD, band_holds_one_count
from datadriver_utils.privacy.release import release_values, released_share, value_status
from datadriver_utils.privacy.rules import Audience, PrivacyRules
from tests.privacy.adversary import Adversary, PublishedTable, _key, read_tables
from tests.rendered import render_sample

RULES = PrivacyRules()


# ---------------------------------------------------------------- the solver on hand-built facts


def test_percent_interval_reads_the_precision_shown() -> None:
    assert percent_interval("19.4%") == pytest.approx((19.35, 19.45))
    assert percent_interval("40%") == (39.5, 40.5)
    assert percent_interval("≤5%") == (0.0, 5.0) and percent_interval("≥95%") == (95.0, 100.0)
    assert percent_interval("0.0%") == (0.0, 0.05)
    assert percent_interval("*") is None and percent_interval("—") is None


def cedar_before() -> DisclosureCheck:
    """Cedar's public 12 report before the fix: EL Y 18 at ≤5%, EL N 98 at 19.4%, 19 proficient
    in all (special education N 97 at 18.6% + Y 19 at 5.3% = 18 + 1)."""
    check = DisclosureCheck()
    for key, n, pct, hidden in (("el_y", 18, "≤5%", True), ("el_n", 98, "19.4%", False),
                                ("sped_n", 97, "18.6%", False), ("sped_y", 19, "5.3%", False)):
        check.count(key, n)
        check.share(f"x_{key}", key, percent_interval(pct), protected=hidden)
    check.add_sum(["el_y", "el_n"], "all")
    check.add_sum(["sped_y", "sped_n"], "all")
    check.add_sum(["x_el_y", "x_el_n"], "x_all")
    check.add_sum(["x_sped_y", "x_sped_n"], "x_all")
    return check


def test_the_cedar_case_is_pinned_at_zero_by_the_margins() -> None:
    check = cedar_before()
    assert check.bounds("x_all") == (19, 19)
    assert check.pinned() == {"x_el_y": (0, 0)}


def test_a_coded_cell_with_a_hidden_complement_is_not_pinned() -> None:
    check = DisclosureCheck()
    check.count("y", 40)
    check.count("n", 60)
    check.share("x_y", "y", percent_interval("≤5%"), protected=True)  # 0..2 of 40
    check.share("x_n", "n", None, protected=True)
    check.equal({"x_y": 1, "x_n": 1}, 20)
    assert check.pinned() == {}
    assert check.bounds("x_y") == (0, 2) and check.bounds("x_n") == (18, 20)


def test_the_band_alone_pins_a_small_group_and_hidden_parts_summing_to_zero_are_pinned() -> None:
    check = DisclosureCheck()
    check.count("n", 18)
    check.share("x", "n", percent_interval("≤5%"), protected=True)
    assert check.pinned() == {"x": (0, 0)}
    both = DisclosureCheck()
    both.count("a", lower=0, upper=9, protected=True)
    both.count("b", lower=0, upper=9, protected=True)
    both.equal({"a": 1, "b": 1}, 18)  # two small groups that add up to 18
    assert both.pinned() == {"a": (9, 9), "b": (9, 9)}


def test_contradictory_facts_are_reported() -> None:
    check = DisclosureCheck()
    check.count("n", 10)
    check.share("x", "n", (50.0, 50.0))
    check.equal({"x": 1}, 3)
    assert not check.feasible()
    with pytest.raises(ValueError, match="contradict"):
        check.bounds("x")


def test_a_continuous_unknown_is_pinned_to_its_resolution() -> None:
    check = DisclosureCheck()
    check.unknown("pre", 0, 100, integer=False, protected=True, resolution=0.2)
    check.unknown("post", 57.85, 57.95, integer=False)
    check.constrain({"post": 1, "pre": -1}, 1.85, 1.95)  # a gain of 1.9 points gives the pre mean back
    assert set(check.pinned()) == {"pre"}


# ---------------------------------------------------------------- the release machinery on small tables


def subgroup_table() -> pd.DataFrame:
    """Cedar's numbers: the English learner and special education lines of 116 students, 19 proficient."""
    return pd.DataFrame({"group": ["ell", "ell", "sped", "sped"], "category": ["N", "Y", "N", "Y"],
                         "n": [98, 18, 97, 19], "pct": [100 * 19 / 98, 0.0, 100 * 18 / 97, 100 * 1 / 19]})


def test_a_near_zero_percentage_of_fewer_than_20_is_withheld_not_coded() -> None:
    assert band_holds_one_count(18, 5.0) and band_holds_one_count(19, 5.0)
    assert not band_holds_one_count(20, 5.0) and not band_holds_one_count(10, 10.0)
    status = value_status(subgroup_table(), "n", ["pct"], RULES, "public", group_cols=["group"])["pct"]
    # EL Y 0% of 18 would read "≤5%" = none: withheld; EL N its complement; sped untouched
    assert status.tolist() == [COMPLEMENT, WITHHELD, SHOWN, SHOWN]


def test_the_district_sees_the_numbers_and_the_public_sees_no_recoverable_one() -> None:
    table = subgroup_table()
    district = release_values(table, "n", ["pct"], RULES, "district", group_cols=["group"])
    assert district["pct"].tolist()[1] == 0.0
    public = release_values(table, "n", ["pct"], RULES, "public", group_cols=["group"])
    assert public["pct"].tolist()[:2] == ["*", "*"] and public["n"].tolist() == ["98", "18", "97", "19"]
    assert not pinned_in_release(public, table, "group")


def test_a_coded_cell_of_a_large_group_stays_coded_and_its_neighbour_is_protected() -> None:
    table = pd.DataFrame({"group": ["g"] * 3, "category": ["a", "b", "c"], "n": [60, 40, 25],
                          "pct": [100 * 2 / 60, 100 * 10 / 40, 100 * 5 / 25]})
    status = value_status(table, "n", ["pct"], RULES, "public", group_cols=["group"])["pct"]
    assert status.tolist() == [BOTTOM, SHOWN, COMPLEMENT]  # "≤5%" of 60, next smallest (25) protected
    public = release_values(table, "n", ["pct"], RULES, "public", group_cols=["group"])
    assert public["pct"].tolist()[0] == "≤5%" and not pinned_in_release(public, table, "group")


def test_protection_is_checked_with_whole_numbers() -> None:
    # a: 0 of 60 and b: 0 of 30, both "≤5%"; c: 12 of 40. Two coded cells pass the equation
    # check, but x_a + x_b = 12 - 12 = 0 leaves both at 0: the integer check hides c as well.
    table = pd.DataFrame({"group": ["g"] * 3, "category": ["a", "b", "c"], "n": [60, 30, 40],
                          "pct": [0.0, 0.0, 30.0]})
    status = value_status(table, "n", ["pct"], RULES, "public", group_cols=["group"])["pct"]
    assert status.tolist() == [BOTTOM, BOTTOM, COMPLEMENT]
    public = release_values(table, "n", ["pct"], RULES, "public", group_cols=["group"])
    assert not pinned_in_release(public, table, "group")


def test_derived_figures_are_hidden_with_their_percentage() -> None:
    table = pd.DataFrame({"n": [40], "pct": [2.5], "cross": [27], "points": [67.5]})
    public = release_values(table, "n", ["pct", "cross", "points"], RULES, "public", pct_cols=["pct"],
                            derived={"cross": ["pct"], "points": ["pct"]})
    assert public[["pct", "cross", "points"]].iloc[0].tolist() == ["≤5%", "*", "*"]
    team = release_values(table, "n", ["pct", "cross", "points"], RULES, "team", pct_cols=["pct"],
                          derived={"cross": ["pct"], "points": ["pct"]})
    assert team["cross"].tolist() == [27]


def test_a_sentence_codes_like_the_table_when_it_knows_the_group_size() -> None:
    assert released_share(0.0, RULES, "public", n=18) == "*"  # the table withholds it too
    assert released_share(0.0, RULES, "public", n=40) == "≤5%"
    assert released_share(100.0, RULES, "public", n=19) == "*"
    assert released_share(0.0, RULES, "district", n=18) == 0.0


def pinned_in_release(released: pd.DataFrame, truth: pd.DataFrame, line: str) -> dict:
    """The adversary on one released table: counts and percentages as shown, lines summing to the
    true totals (a reader knows them from elsewhere)."""
    check = DisclosureCheck()
    totals: dict[object, list[int]] = {}
    for i, (row, real) in enumerate(zip(released.to_dict("records"), truth.to_dict("records"), strict=True)):
        count = str(row["n"])
        check.count(("n", i), float(count) if count.isdigit() else None, protected=not count.isdigit())
        shown = row["pct"]
        text = f"{shown:.1f}%" if isinstance(shown, float) else str(shown)
        check.share(("x", i), ("n", i), percent_interval(text), protected=not isinstance(shown, float))
        totals.setdefault(real[line], []).append(i)
    for rows in totals.values():
        true_total = sum(round(truth["n"].iloc[i] * truth["pct"].iloc[i] / 100) for i in rows)
        check.equal({("x", i): 1 for i in rows}, true_total)
        check.equal({("n", i): 1 for i in rows}, float(truth["n"].iloc[rows].sum()))
    return check.pinned()


# ---------------------------------------------------------------- the reader on a hand-built report


def write_report(folder: Path, name: str, tables: list[tuple[str, list[str], list[list[str]]]]) -> None:
    """A minimal exported report: captioned tables in ``div.dd-table`` as the batch writes them."""
    parts = []
    for caption, header, rows in tables:
        head = "".join(f"<th>{h}</th>" for h in header)
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
        parts.append(f'<div class="dd-table"><p><b>{caption}</b></p><table><thead><tr>{head}</tr></thead>'
                     f"<tbody>{body}</tbody></table></div>")
    (folder / f"{name}.html").write_text("<html><body>" + "".join(parts) + "</body></html>", encoding="utf-8")


RESULTS = ["Students (n)", "Mean % correct", "% proficient"]


def test_the_reader_links_tables_of_one_report_like_a_reader_would(tmp_path: Path) -> None:
    """Cedar before the fix, as HTML: the subgroup table alone pins EL Y; the grade table agrees."""
    write_report(tmp_path, "12_data_analyst", [
        ("Results by grade, post assessment (cut 80%)", ["Grade", *RESULTS],
         [["K", "38", "55.4%", "18.4%"], ["1", "40", "56.0%", "17.5%"], ["2", "38", "50.7%", "13.2%"]]),
        ("Results by student group, post", ["Student group", "Value", *RESULTS],
         [["English learner", "N", "98", "55.6%", "19.4%"], ["English learner", "Y", "18", "45.9%", "≤5%"]]),
    ])
    adversary = Adversary("cedar").read_export(tmp_path)
    found = adversary.findings()
    key = _key(("scored", "post"), "proficient@80.0", {"English learner": "Y"})
    assert set(found) == {key} and found[key][0] == (0, 0)
    assert "English learner Y" in found[key][1][0]


def test_the_reader_finds_a_hidden_count_published_in_summary_json(tmp_path: Path) -> None:
    write_report(tmp_path, "12_data_analyst", [
        ("Results by grade, post assessment (cut 70%)", ["Grade", *RESULTS],
         [["6", "<10", "*", "*"], ["7", "*", "*", "*"], ["8", "40", "50.0%", "50.0%"]]),
    ])
    (tmp_path / "summary.json").write_text(
        '{"data_analyst": {"window": "post", "proficiency_cut_pct": 70, "by_grade": ['
        '{"grade": "6", "n": 6, "mean_pct": 40.0, "pct_proficient": 50.0, "suppressed": false}]}}',
        encoding="utf-8")
    found = Adversary("t").read_export(tmp_path).findings()
    assert (6, 6) in [bounds for bounds, _ in found.values()]


def test_every_table_with_people_counts_is_read(tmp_path: Path) -> None:
    write_report(tmp_path, "99_new", [("Something new", ["Group", "Students (n)", "% passing"],
                                       [["a", "12", "≤5%"]])])
    adversary = Adversary("t").read_export(tmp_path)
    assert adversary.generic == ["99_new: Something new"]
    assert len(adversary.findings()) == 1  # "≤5%" of 12 is 0, with no help from any margin


# ---------------------------------------------------------------- the whole sample district


@pytest.fixture(scope="module", params=[Audience.DISTRICT, Audience.PUBLIC], ids=lambda a: a.value)
def release(request, tmp_path_factory) -> tuple[Audience, Path]:
    return request.param, render_sample(tmp_path_factory, request.param)


@pytest.mark.notebooks
def test_no_hidden_or_coded_cell_of_the_sample_district_can_be_worked_out(release) -> None:
    audience, out = release
    teams = sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith("."))  # .datadriver: run records
    assert len(teams) == 6
    pinned, protected, read = {}, 0, 0
    for team in teams:
        adversary = Adversary(team.name).read_export(team)
        protected += len(adversary.protected)
        read += len(adversary.handled) + len(adversary.generic)
        pinned.update({(team.name, *where[:1]): bounds for bounds, where in adversary.findings().values()})
    assert read > 60 and protected > 20, (read, protected)  # the adversary did read the release
    assert pinned == {}, "\n".join(f"{k}: {v}" for k, v in pinned.items())


@pytest.mark.notebooks
def test_cedar_public_subgroups_after_the_fix(release) -> None:
    audience, out = release
    tables = [t for t in read_tables(out / "cedar-elementary-k2" / "12_data_analyst.html")
              if t.header[:2] == ["Student group", "Value"]]
    rows = {tuple(r[:2]): r[2:] for r in tables[0].rows}
    if audience is Audience.PUBLIC:
        # 0 of 18 English learners: a "≤5%" would say none, so it is hidden; so is "N", its complement
        assert rows[("English learner", "Y")] == ["18", "45.9%", "*"]
        assert rows[("English learner", "N")] == ["98", "55.6%", "*"]
        assert rows[("Race/ethnicity", "Asian")][2] == "*"
    else:
        assert rows[("English learner", "Y")] == ["18", "45.9%", "0.0%"]
    adversary = Adversary("cedar").read_export(out / "cedar-elementary-k2")
    el_y = _key(("scored", "post"), "proficient@80.0", {"English learner": "Y"})
    low, high = adversary.check.bounds(el_y)
    assert (low, high) == ((0, 18) if audience is Audience.PUBLIC else (0, 0))


def test_published_table_where_names_the_cell() -> None:
    table = PublishedTable("12_data_analyst", "Results by student group, post",
                           ["Student group", "Value", *RESULTS], [["English learner", "Y", "18", "45.9%", "≤5%"]])
    assert table.where(table.rows[0], "% proficient") == (
        "12_data_analyst · Results by student group, post · English learner Y · % proficient")
    assert np.isclose(percent_interval("45.9%")[0], 45.85)


GRADE_STANDARD = ["Grade", "Standard", "Pre (n)", "Post (n)", "Both (n)", "Pre mean", "Post mean", "Gain (points)",
                  "Pre % proficient", "Post % proficient", "Effect size"]
GOAL_TABLE = ["Goal standards", "Both (n)", "Pre % proficient (matched)", "Post % proficient (matched)",
              "Change (points)", "Target", "Gap closed", "Effect size", "Progress rating"]


@pytest.mark.parametrize("with_goal_table", [True, False])
def test_a_one_standard_goal_is_the_margin_of_its_grades(tmp_path: Path, with_goal_table: bool) -> None:
    """20's goal table for one standard totals the grade-and-standard rows: with a grade hidden and
    the others shown, the goal row gives the hidden grade back (the reader must see that)."""
    tables = [("Results by grade and standard", GRADE_STANDARD, [
        ["7", "S1", "30", "30", "30", "50.0%", "60.0%", "10.0", "20.0%", "40.0%", "0.50"],
        ["8", "S1", "<10", "<10", "<10", "*", "*", "*", "*", "*", "*"]])]
    if with_goal_table:
        tables.append(("The goal's standards", GOAL_TABLE,
                       [["S1", "36", "25.0%", "41.7%", "16.7", "50%", "0.67", "0.40", "good progress"]]))
    write_report(tmp_path, "20_data_driver_snapshot", tables)
    adversary = Adversary("t").read_export(tmp_path)
    assert len(adversary.handled) == len(tables)
    pinned = [bounds for bounds, _ in adversary.findings().values()]
    assert ((6, 6) in pinned) is with_goal_table
