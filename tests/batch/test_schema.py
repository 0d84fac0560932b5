"""docs/summary-schema.md is the summary models, written out; every field declares its kind."""

from __future__ import annotations

import typing

from datadriver_utils.batch.schema import SCHEMA_PATH, _unwrap, schema_markdown, section_models
from datadriver_utils.core.quantities import Quantity, Summary, quantity_of


def test_schema_document_is_generated_from_the_models() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_markdown(), (
        "docs/summary-schema.md is stale: run `python -m datadriver_utils.batch.schema`")


def test_every_published_field_says_what_kind_of_value_it_is() -> None:
    untyped = []
    pending: list[type[Summary]] = section_models()
    seen: set[type[Summary]] = set()
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, field in model.model_fields.items():
            inner, _ = _unwrap(field.annotation)
            if isinstance(inner, type) and issubclass(inner, Summary):
                pending.append(inner)
                continue
            quantity = next((m for m in field.metadata if isinstance(m, Quantity)), None) or quantity_of(inner)
            if quantity is None and inner not in (str, bool):
                untyped.append(f"{model.__name__}.{name}: {typing.get_args(inner) or inner}")
    assert untyped == [], "give these fields a kind from core/quantities.py"


def test_each_section_has_one_model_and_a_description_for_every_field() -> None:
    models = section_models()
    assert len({m.section for m in models}) == len(models)
    missing = [f"{m.__name__}.{n}" for m in models for n, f in m.model_fields.items() if not f.description
               and not (isinstance(_unwrap(f.annotation)[0], type) and issubclass(_unwrap(f.annotation)[0], Summary))]
    assert missing == []
