"""Tests for datadriver_utils.privacy.suppression: audiences, suppression, complements, coding, display."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest

from datadriver_utils.errors import DataDriverError, PrivacySettingError
from datadriver_utils.privacy.release import drop_identifiers, format_for_audience
from datadriver_utils.privacy.rules import REASON_COMPLEMENT, REASON_UNKNOWN, Audience, PrivacyRules
from datadriver_utils.privacy.suppression import suppress_small_groups, suppress_with_complements, top_bottom_code

RULES = PrivacyRules()


# ---------------------------------------------------------------- helpers (independent checks)


def determined_cells(n_cells: int, equations: list[dict[int, float]], hidden: set[int]) -> set[int]:
    """Hidden cells whose value the shown cells and the known line totals fix exactly.

    Each equation is ``sum(coef * cell) = known``.  Restricted to hidden cells it is a row of
    A; cell k is fixed iff the unit vector e_k lies in the row space of A, i.e. adding it as a
    row does not raise the rank.
    """
    order = sorted(hidden)
    col = {cell: j for j, cell in enumerate(order)}
    rows = [[eq.get(cell, 0.0) for cell in order] for eq in equations]
    a = np.array([r for r in rows if any(r)] or [[0.0] * len(order)])
    rank = np.linalg.matrix_rank(a)
    fixed = set()
    for cell in order:
        unit = np.zeros(len(order))
        unit[col[cell]] = 1.0
        if np.linalg.matrix_rank(np.vstack([a, unit])) == rank:
            fixed.add(cell)
    return fixed


def two_way_equations(grades: list[str], ells: list[str], margins: bool) -> list[dict[int, float]]:
    """Row and column sums of a grade x ell table laid out row-major (margins last)."""
    g_all = grades + (["All"] if margins else [])
    e_all = ells + (["All"] if margins else [])
    idx = {(g, e): i for i, (g, e) in enumerate((g, e) for g in g_all for e in e_all)}
    eqs = []
    for g in g_all:
        eq = {idx[(g, e)]: 1.0 for e in ells}
        if margins:
            eq[idx[(g, "All")]] = -1.0
        eqs.append(eq)
    for e in e_all:
        eq = {idx[(g, e)]: 1.0 for g in grades}
        if margins:
            eq[idx[("All", e)]] = -1.0
        eqs.append(eq)
    return eqs


def hidden_set(result: pd.DataFrame) -> set[int]:
    return set(np.flatnonzero(result["suppressed"].to_numpy()))


# ---------------------------------------------------------------- audiences and rules


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("team", Audience.TEAM), (" Public ", Audience.PUBLIC), ("DISTRICT", Audience.DISTRICT),
     (Audience.PUBLIC, Audience.PUBLIC)],
)
def test_audience_parse_accepts_the_three_words(raw: object, expected: Audience) -> None:
    assert Audience.parse(raw) is expected


@pytest.mark.parametrize("raw", ["everyone", "", "teams", None, 3])
def test_audience_parse_refuses_anything_else_with_the_allowed_words(raw: object) -> None:
    with pytest.raises(PrivacySettingError) as info:
        Audience.parse(raw)
    assert isinstance(info.value, DataDriverError)
    assert all(word in str(info.value) for word in ("'team'", "'district'", "'public'"))


def test_only_team_sees_student_rows_and_audience_prints_as_its_word() -> None:
    assert [a.allows_student_rows for a in Audience] == [True, False, False]
    assert str(Audience.PUBLIC) == "public" and f"{Audience.TEAM}" == "team"


def test_rules_defaults_are_10_and_5_95_and_frozen() -> None:
    assert RULES.to_dict() == {"min_group_size": 10, "bottom_code_pct": 5.0,
                               "top_code_pct": 95.0, "marker": "*", "min_staff_group_size": 3,
                               "sections_for_district": False}
    with pytest.raises(dataclasses.FrozenInstanceError):
        RULES.min_group_size = 5  # type: ignore[misc]


@pytest.mark.parametrize(
    "kwargs",
    [{"min_group_size": 0}, {"min_group_size": 2.5}, {"min_group_size": True},
     {"bottom_code_pct": 95.0, "top_code_pct": 5.0}, {"top_code_pct": 101.0},
     {"bottom_code_pct": -1.0}, {"marker": " "}, {"min_staff_group_size": 2}],
)
def test_rules_refuse_unusable_settings(kwargs: dict[str, object]) -> None:
    with pytest.raises(PrivacySettingError, match="privacy"):
        PrivacyRules(**kwargs)  # type: ignore[arg-type]


def test_describe_states_the_rules_for_each_audience() -> None:
    public = RULES.describe()
    assert "fewer than 10 students" in public and '"<10"' in public and '"*"' in public
    assert '"≤5%"' in public and '"≥95%"' in public and "next smallest" in public
    assert "≤5%" not in RULES.describe("district")
    assert "team" in RULES.describe(Audience.TEAM)
    assert "fewer than 5" in PrivacyRules(min_group_size=5).describe()


# ---------------------------------------------------------------- primary suppression


def subgroups() -> pd.DataFrame:
    return pd.DataFrame({
        "subgroup": ["ell", "sped", "all", "unknown"],
        "n": [9.0, 10.0, 25.0, np.nan],
        "pct_proficient": [44.4, 50.0, 60.0, 70.0],
    })


def test_small_groups_are_hidden_below_the_minimum_and_ten_is_shown() -> None:
    out = suppress_small_groups(subgroups(), "n", ["pct_proficient"], RULES, "public")
    # 9 < 10 hidden; 10 is not < 10, shown; a missing count is hidden as unknown.
    assert out["n"].tolist() == ["<10", "10", "25", "*"]
    assert out["n"].dtype == object
    assert out["pct_proficient"].tolist() == [None, 50.0, 60.0, None]
    assert out["suppressed"].tolist() == [True, False, False, True]
    assert out["suppression_reason"].tolist() == [
        "fewer than 10 students", None, None, REASON_UNKNOWN]


def test_minimum_group_size_is_a_setting() -> None:
    out = suppress_small_groups(subgroups(), "n", ["pct_proficient"],
                                PrivacyRules(min_group_size=5), "district")
    assert out["n"].tolist() == ["9", "10", "25", "*"]


def test_team_gets_an_unchanged_copy() -> None:
    table = subgroups()
    out = suppress_small_groups(table, "n", ["pct_proficient"], RULES, "team")
    pd.testing.assert_frame_equal(out, table)
    out.loc[0, "n"] = 99.0
    assert table.loc[0, "n"] == 9.0


def test_empty_table_and_missing_column() -> None:
    empty = subgroups().iloc[:0]
    out = suppress_with_complements(empty, "n", ["pct_proficient"], [], RULES, "public")
    assert len(out) == 0 and "suppressed" in out
    with pytest.raises(ValueError, match="not in the table"):
        suppress_small_groups(subgroups(), "count", ["pct_proficient"], RULES, "public")


# ---------------------------------------------------------------- complementary suppression


def grade7_ell() -> pd.DataFrame:
    # ell=Y 6 + ell=N 34 = All 40
    return pd.DataFrame({"grade": [7, 7, 7], "ell": ["Y", "N", "All"],
                         "n": [6.0, 34.0, 40.0], "pct": [50.0, 61.8, 60.0]})


def test_primary_suppression_alone_leaks_by_subtraction_and_complements_stop_it() -> None:
    leaky = suppress_small_groups(grade7_ell(), "n", ["pct"], RULES, "public")
    assert leaky["n"].tolist() == ["<10", "34", "40"]
    assert int(leaky["n"][2]) - int(leaky["n"][1]) == 6  # the hidden count, recovered
    # equation Y + N - All = 0 over cells 0, 1, 2
    assert determined_cells(3, [{0: 1, 1: 1, 2: -1}], hidden_set(leaky)) == {0}

    safe = suppress_with_complements(grade7_ell(), "n", ["pct"], ["grade"], RULES, "public",
                                     total_row={"ell": "All"})
    assert safe["n"].tolist() == ["<10", "*", "40"]
    assert safe["pct"].tolist() == [None, None, 60.0]
    assert safe["suppression_reason"].tolist() == [
        "fewer than 10 students", REASON_COMPLEMENT, None]
    assert determined_cells(3, [{0: 1, 1: 1, 2: -1}], hidden_set(safe)) == set()


def test_complement_is_the_next_smallest_category_ties_in_table_order() -> None:
    table = pd.DataFrame({
        "grade": [6, 6, 6, 6, 7, 7, 7],
        "race": ["A", "B", "C", "D", "A", "B", "C"],
        "n": [3.0, 20.0, 12.0, 12.0, 30.0, 40.0, 50.0],
    })
    out = suppress_with_complements(table, "n", [], ["grade"], RULES, "public")
    # grade 6: 3 hidden; next smallest 12, first of the two 12s (row 2); grade 7 untouched
    assert out["suppressed"].tolist() == [True, False, True, False, False, False, False]
    assert out["n"].tolist() == ["<10", "20", "*", "12", "30", "40", "50"]


def test_two_small_cells_in_a_line_need_no_complement() -> None:
    table = pd.DataFrame({"ell": ["Y", "N", "All"], "n": [4.0, 8.0, 12.0]})
    out = suppress_with_complements(table, "n", [], [], RULES, "public", total_row={"ell": "All"})
    assert out["n"].tolist() == ["<10", "<10", "12"]


def test_total_is_hidden_only_when_no_category_is_left() -> None:
    table = pd.DataFrame({"ell": ["Y", "All"], "n": [3.0, 40.0]})
    out = suppress_with_complements(table, "n", [], [], RULES, "public", total_row={"ell": "All"})
    assert out["n"].tolist() == ["<10", "*"]


def test_team_gets_complement_input_unchanged() -> None:
    out = suppress_with_complements(grade7_ell(), "n", ["pct"], ["grade"], RULES, Audience.TEAM)
    pd.testing.assert_frame_equal(out, grade7_ell())


def two_way() -> pd.DataFrame:
    #          Y    N   All
    # 6       12   30    42
    # 7        4   25    29
    # 8       15   20    35
    # All     31   75   106
    return pd.DataFrame({
        "grade": ["6"] * 3 + ["7"] * 3 + ["8"] * 3 + ["All"] * 3,
        "ell": ["Y", "N", "All"] * 4,
        "n": [12.0, 30, 42, 4, 25, 29, 15, 20, 35, 31, 75, 106],
        "pct": [50.0, 60, 58, 75, 40, 44.8, 20, 96, 61, 40, 60, 55],
    })


def test_two_way_table_with_margins_is_protected_in_every_row_and_column() -> None:
    out = suppress_with_complements(two_way(), "n", ["pct"], [["grade"], ["ell"]], RULES,
                                    "public", total_row={"grade": "All", "ell": "All"})
    # (7,Y)=4 is small.  Row 7 has it alone -> hide (7,N)=25.  Column Y has it alone ->
    # hide (6,Y)=12, the smallest shown.  Row 6 then has it alone -> hide (6,N)=30.
    # Column N now has (6,N) and (7,N): every line has 0 or 2 hidden cells.
    assert hidden_set(out) == {0, 1, 3, 4}
    assert out["n"].tolist()[:6] == ["*", "*", "42", "<10", "*", "29"]
    # The 2x2 block keeps one degree of freedom: (7,Y) = t, t in 0..9, not one value.
    eqs = two_way_equations(["6", "7", "8"], ["Y", "N"], margins=True)
    assert determined_cells(12, eqs, {3}) == {3}
    assert determined_cells(12, eqs, hidden_set(out)) == set()


def test_a_bridge_between_two_blocks_is_caught_and_closed() -> None:
    # 4 x 4 interior cells, row and column totals assumed known (published elsewhere).
    # Small cells: block rows a,b x cols p,q; block rows c,d x cols r,s; and (a, r).
    # Every row and column then has >= 2 hidden cells, yet (a, r) is a bridge:
    # rows a+b minus columns p+q leaves exactly (a, r) = known.
    rows, cols = ["a", "b", "c", "d"], ["p", "q", "r", "s"]
    small = {("a", "p"), ("a", "q"), ("b", "p"), ("b", "q"), ("c", "r"), ("c", "s"),
             ("d", "r"), ("d", "s"), ("a", "r")}
    cells = [(r, c) for r in rows for c in cols]
    n = [5.0 if cell in small else 40.0 + i for i, cell in enumerate(cells)]
    table = pd.DataFrame({"row": [r for r, _ in cells], "col": [c for _, c in cells], "n": n})
    eqs = two_way_equations(rows, cols, margins=False)
    primary = {i for i, cell in enumerate(cells) if cell in small}
    assert determined_cells(16, eqs, primary) == {cells.index(("a", "r"))}

    out = suppress_with_complements(table, "n", [], [["row"], ["col"]], RULES, "public")
    hidden = hidden_set(out)
    assert primary < hidden
    assert determined_cells(16, eqs, hidden) == set()


# ---------------------------------------------------------------- top / bottom coding


def test_top_bottom_coding_boundaries_are_inclusive() -> None:
    pct = pd.Series([0.0, 4.99, 5.0, 100 * 7 / 140, 5.01, 50.0, 94.99, 95.0, 100.0, np.nan])
    out = top_bottom_code(pct, RULES, "public")
    assert out.tolist()[:9] == ["≤5%", "≤5%", "≤5%", "≤5%", 5.01, 50.0, 94.99, "≥95%", "≥95%"]
    assert math.isnan(out.iloc[9])


def test_coding_is_public_only_and_thresholds_are_settings() -> None:
    pct = pd.Series([1.0, 50.0, 99.0])
    pd.testing.assert_series_equal(top_bottom_code(pct, RULES, "district"), pct)
    pd.testing.assert_series_equal(top_bottom_code(pct, RULES, "team"), pct)
    strict = PrivacyRules(bottom_code_pct=1.0, top_code_pct=99.0)
    assert top_bottom_code(pd.Series([1.0, 2.0, 98.0, 99.0]), strict, "public").tolist() == [
        "≤1%", 2.0, 98.0, "≥99%"]


def test_coding_a_table_touches_only_the_named_columns() -> None:
    table = pd.DataFrame({"n": [3.0, 40.0], "pct": [None, 97.5]}, dtype=object)
    out = top_bottom_code(table, RULES, "public", columns=["pct"])
    assert out["n"].tolist() == [3.0, 40.0] and out["pct"].tolist() == [None, "≥95%"]
    with pytest.raises(ValueError, match="columns"):
        top_bottom_code(table, RULES, "public")


# ---------------------------------------------------------------- display and identifiers


def grade_table() -> pd.DataFrame:
    return pd.DataFrame({
        "grade": [7, 7, 7], "ell": ["Y", "N", "All"], "n": [6.0, 34.0, 40.0],
        "pct_proficient": [50.0, 97.06, 91.24], "mean_score": [201.0, 233.333, 228.5],
    })


def test_format_for_public_applies_suppression_then_coding_as_text() -> None:
    out = format_for_audience(grade_table(), "n", ["pct_proficient", "mean_score"], RULES,
                              "public", group_cols=["grade"], total_row={"ell": "All"},
                              pct_cols=["pct_proficient"])
    assert list(out.columns) == ["grade", "ell", "n", "pct_proficient", "mean_score"]
    assert out["n"].tolist() == ["<10", "*", "40"]
    assert out["pct_proficient"].tolist() == ["*", "*", "91.2%"]
    assert out["mean_score"].tolist() == ["*", "*", "228.5"]


def test_format_for_district_suppresses_without_coding_and_team_sees_all() -> None:
    district = format_for_audience(grade_table(), "n", ["pct_proficient"], RULES, "district")
    assert district["n"].tolist() == ["<10", "34", "40"]
    assert district["pct_proficient"].tolist() == ["*", "97.1%", "91.2%"]
    team = format_for_audience(grade_table(), "n", ["pct_proficient"], RULES, "team")
    assert team["n"].tolist() == ["6", "34", "40"]
    assert team["pct_proficient"].tolist() == ["50.0%", "97.1%", "91.2%"]


def test_missing_values_show_a_dash_not_the_marker() -> None:
    table = pd.DataFrame({"n": [20.0], "pct": [np.nan]})
    assert format_for_audience(table, "n", ["pct"], RULES, "public")["pct"].tolist() == ["—"]


def test_identifiers_and_free_text_are_dropped_outside_the_team() -> None:
    table = pd.DataFrame({"student_id": ["007"], " Name ": ["Ana"], "Last_Name": ["B"],
                          "respondent": ["r1"], "score": [3.0], "comment": ["Ana was late"]})
    out = drop_identifiers(table, "public", free_text_cols=["comment", "not_there"])
    assert list(out.columns) == ["score"]
    assert list(drop_identifiers(table, "district").columns) == ["score", "comment"]
    pd.testing.assert_frame_equal(drop_identifiers(table, "team", ["comment"]), table)


def test_random_two_way_tables_never_leave_a_hidden_count_solvable() -> None:
    rng = np.random.default_rng(20240601)
    for _ in range(40):
        n_rows, n_cols = int(rng.integers(2, 6)), int(rng.integers(2, 5))
        grades, ells = [f"g{i}" for i in range(n_rows)], [f"e{j}" for j in range(n_cols)]
        full = np.zeros((n_rows + 1, n_cols + 1))
        full[:n_rows, :n_cols] = rng.integers(0, 40, (n_rows, n_cols))
        full[:n_rows, n_cols] = full[:n_rows, :n_cols].sum(axis=1)
        full[n_rows, :] = full[:n_rows, :].sum(axis=0)
        labels = [(g, e) for g in grades + ["All"] for e in ells + ["All"]]
        table = pd.DataFrame(labels, columns=["grade", "ell"]).assign(n=full.ravel())
        out = suppress_with_complements(table, "n", [], [["grade"], ["ell"]], RULES, "public",
                                        total_row={"grade": "All", "ell": "All"})
        hidden = hidden_set(out)
        assert set(np.flatnonzero(table["n"].to_numpy() < 10)) <= hidden
        if hidden:
            eqs = two_way_equations(grades, ells, margins=True)
            assert determined_cells(len(table), eqs, hidden) == set()


