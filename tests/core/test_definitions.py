"""One definition per quantity: the glossary, the docs, the decimals and each report's Definitions agree."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import datadriver_utils as dd
from datadriver_utils.core.definitions import (
    DEFINITIONS,
    GLOSSARY_END,
    GLOSSARY_START,
    SURVEY_TERMS,
    definition,
    definition_of_field,
    glossary_markdown,
    places_for,
    terms_for_columns,
    write_glossary,
)
from datadriver_utils.core.quantities import EffectSize, Score, ScoreChange, Summary, quantity_of
from datadriver_utils.strands.snapshot import GainRecord
from datadriver_utils.strands.survey_records import ConstructChange

DOCS = Path(__file__).resolve().parents[2] / "docs" / "analysis.md"


def test_docs_glossary_is_the_definitions_text():
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index(GLOSSARY_START) + len(GLOSSARY_START):text.index(GLOSSARY_END)]
    assert section.strip() == glossary_markdown(), "run: python -m datadriver_utils.core.definitions"


def test_write_glossary_rewrites_only_the_section(tmp_path: Path):
    doc = tmp_path / "analysis.md"
    doc.write_text(f"# Title\n\n{GLOSSARY_START}\nstale\n{GLOSSARY_END}\n\n## After\n", encoding="utf-8")
    assert write_glossary(doc) is True
    text = doc.read_text(encoding="utf-8")
    assert "stale" not in text and text.startswith("# Title") and text.endswith("## After\n")
    assert glossary_markdown() in text and write_glossary(doc) is False


def test_every_figure_once_and_computed_by_a_real_function():
    keys = [d.key for d in DEFINITIONS]
    names = [d.name for d in DEFINITIONS]
    columns = [c for d in DEFINITIONS for c in d.columns]
    assert len(set(keys)) == len(keys) and len(set(names)) == len(names) and len(set(columns)) == len(columns)
    for d in DEFINITIONS:
        module, _, function = d.source.rpartition(".")
        assert callable(getattr(importlib.import_module(f"datadriver_utils.{module}"), function)), d.source
        assert d.formula and d.counted, d.key


def test_two_baselines_are_two_named_figures():
    baseline, matched = definition("baseline"), definition("goal_pre_pct")
    assert "all pre takers" in baseline.name and "matched" in matched.name
    assert baseline.source == "stats.goals.baseline" and matched.source == "stats.gains.goal_result"


@pytest.mark.parametrize(("key", "annotation"), [
    ("effect_size", EffectSize), ("construct_score", Score), ("construct_change", ScoreChange)])
def test_tables_and_summary_json_use_the_same_decimals(key: str, annotation: object):
    quantity = quantity_of(annotation)
    assert quantity is not None and definition(key).places == quantity.places == 2
    assert all(places_for(column) == 2 for column in definition(key).columns)


def test_summary_json_rounds_effect_size_and_construct_scores_to_hundredths():
    record = GainRecord.model_validate({"grade": "7", "n_pre": 3, "n_post": 3, "n_matched": 3,
                                        "pre_pct_proficient": 10, "post_pct_proficient": 20, "effect_size": 0.1449})
    assert record.to_json()["effect_size"] == 0.14
    change = ConstructChange.model_validate({
        "construct": "trust", "first_mean_score": 3.0526, "latest_mean_score": 3.3421, "mean_change": 0.2895,
        **{k: None for k in ConstructChange.model_fields if k not in (
            "construct_name", "first_mean_score", "latest_mean_score", "mean_change")}})
    dumped = change.to_json()
    assert (dumped["first_mean_score"], dumped["latest_mean_score"], dumped["mean_change"]) == (3.05, 3.34, 0.29)
    assert isinstance(change, Summary)


def test_columns_name_their_figures_in_glossary_order():
    assert terms_for_columns(["first_mean_score", "grade", "effect_size", "n_matched"]) == [
        "n_matched", "effect_size", "construct_score"]
    assert terms_for_columns(["mean_score", "mean_change"]) == []  # a scale score's mean, a cycle's change: named


def test_report_definitions_quote_the_glossary(make_team):
    report = dd.open_report(make_team(), "t1", "team", None)
    assert report.definitions().parts == []  # nothing shown, nothing to define
    with pytest.raises(KeyError, match="no definition 'baseline_pct'"):
        report.define("baseline_pct")
    report.define("effect_size", "baseline")
    report.define("effect_size")
    html = report.definitions()._repr_html_()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("h2").get_text() == "Definitions"
    assert [dt.get_text() for dt in soup.find_all("dt")] == [definition("effect_size").name, definition("baseline").name]
    assert soup.find_all("dd")[1].get_text().startswith("Students whose percent correct on the goal")
    assert definition("baseline").formula[1:] in soup.find_all("dd")[1].get_text()


def test_tabulate_shows_a_defined_column_with_its_decimals_and_defines_it(make_team):
    import pandas as pd

    report = dd.open_report(make_team(), "t1", "team", None)
    frame = pd.DataFrame({"construct": ["trust"], "mean_score": [3.0526], "pct_favourable": [30.63]})
    assert report.tabulate(frame).shown["mean_score"].iloc[0] == pytest.approx(3.0526)  # whose mean? not said
    assert report.defined == ("pct_favourable",)
    table = report.tabulate(frame, terms=SURVEY_TERMS)
    assert table.shown.iloc[0].tolist() == ["trust", "3.05", "30.6"]
    assert table.data["mean_score"].iloc[0] == pytest.approx(3.0526)  # the numbers behind it are not rounded
    grouped = report.tabulate(pd.DataFrame({"n": [40], "effect_size": [0.1449]}), count_col="n",
                              value_cols=["effect_size"], pct_cols=[])
    assert grouped.shown["effect_size"].iloc[0] == "0.14"
    assert report.defined == ("pct_favourable", "construct_score", "effect_size")  # in the order a reader meets them


def _schema_paths() -> set[str]:
    """``section.path`` of every field docs/summary-schema.md lists."""
    paths, section = set(), None
    for line in (DOCS.parent / "summary-schema.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## `"):
            section = line.split("`")[1]
        elif line.startswith("| `") and section is not None:
            paths.add(f"{section}.{line.split('`')[1]}")
    return paths


def test_every_summary_field_of_a_definition_exists_and_has_one_definition():
    paths = _schema_paths()
    fields = [f for d in DEFINITIONS for f in d.fields]
    assert len(fields) == len(set(fields))
    assert [f for f in fields if f not in paths] == []
    assert definition_of_field("data_driver.goal.pre_pct_proficient") is definition("goal_pre_pct")
    assert definition_of_field("goal_setter.baseline_pct_proficient") is definition("baseline")
    assert definition_of_field("data_driver.by_grade[].grade") is None
