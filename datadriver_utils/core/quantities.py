"""What a published number *is*: the typed fields of every summary.json section.

A section of summary.json is a :class:`Summary` (a pydantic model) whose fields say what each
value is -- a count of people, a share of people, a percent that is a setting, a mean, a
difference, a coefficient, a label, a sentence.  Two things follow from the type and from
nothing else:

* **rounding**: every float is rounded once, when the section is written, to the places its
  kind carries (:func:`~datadriver_utils.core.jsonable.rounded`); a run-chart median can no
  longer reach summary.json as ``50.650000000000006``;
* **coding for the public**: only a :data:`Share` (a percentage *of people*) is top/bottom
  coded.  The coding rule itself belongs to :mod:`datadriver_utils.privacy.release`, which
  hands it in as the serialisation context (``{"code_share": function}``); this module knows
  nothing of audiences.

``docs/summary-schema.md`` is generated from these models (``python -m
datadriver_utils.batch.schema``) and a test keeps it current.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any, ClassVar

import numpy as np
import pandas as pd
from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer, SerializationInfo

from datadriver_utils.core.jsonable import rounded

__all__ = [
    "Coefficient", "Count", "Day", "Difference", "EffectSize", "Flag", "Kind", "Label", "Mean", "Percent",
    "Position", "Quantity", "Score", "ScoreChange", "Share", "Summary", "Text", "quantity_of",
]


class Kind(str, Enum):
    """The kinds of published value (the "type" column of docs/summary-schema.md)."""

    COUNT = "count"
    SHARE = "share"
    PERCENT = "percent"
    MEAN = "mean"
    DIFFERENCE = "difference"
    COEFFICIENT = "coefficient"
    SCORE = "score"
    LABEL = "label"
    TEXT = "text"
    FLAG = "flag"
    DAY = "date"
    POSITION = "position"


@dataclass(frozen=True)
class Quantity:
    """Field metadata: the kind of a value, its decimal places and what it means in words."""

    kind: Kind
    places: int | None = None
    meaning: str = ""


def _plain_number(value: Any) -> Any:
    """numpy scalars to Python numbers, and NaN / NA / NaT to ``None``, before validation."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _whole(value: Any) -> Any:
    value = _plain_number(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _round_to(places: int) -> Callable[[Any], float | None]:
    def serialise(value: Any) -> float | None:
        return rounded(value, places)
    return serialise


def _share(value: Any, info: SerializationInfo) -> float | str | None:
    """A share rounded to 0.1, then coded by the audience's rule when one is given."""
    shown = rounded(value, 1)
    code = (info.context or {}).get("code_share")
    return code(shown) if code is not None and shown is not None else shown


_NUMBER = BeforeValidator(_plain_number)

Count = Annotated[int | None, BeforeValidator(_whole),
                  Quantity(Kind.COUNT, meaning="a number of people, rows or items")]
Share = Annotated[float | None, _NUMBER, PlainSerializer(_share, return_type=Any),
                  Quantity(Kind.SHARE, 1, "a percentage of people (0-100); coded ≤5% / ≥95% in public reports")]
Percent = Annotated[float | None, _NUMBER, PlainSerializer(_round_to(1), return_type=float | None),
                    Quantity(Kind.PERCENT, 1, "a percentage that is a setting or a score, not a share of people")]
Mean = Annotated[float | None, _NUMBER, PlainSerializer(_round_to(1), return_type=float | None),
                 Quantity(Kind.MEAN, 1, "an average on the scale named by the field")]
Difference = Annotated[float | None, _NUMBER, PlainSerializer(_round_to(1), return_type=float | None),
                       Quantity(Kind.DIFFERENCE, 1, "a change or gap, in the units named by the field")]
EffectSize = Annotated[float | None, _NUMBER, PlainSerializer(_round_to(2), return_type=float | None),
                       Quantity(Kind.COEFFICIENT, 2, "paired effect size d_z (mean gain ÷ SD of gains), to 0.01 as "
                                                     "every report shows it")]
Score = Annotated[float | None, _NUMBER, PlainSerializer(_round_to(2), return_type=float | None),
                  Quantity(Kind.SCORE, 2, "a construct score, or a change in one, on a survey's agreement scale "
                                          "(e.g. 1-4), to 0.01 as every report shows it")]
ScoreChange = Annotated[float | None, _NUMBER, PlainSerializer(_round_to(2), return_type=float | None),
                        Quantity(Kind.SCORE, 2, "a change in a construct score, to 0.01 as every report "
                                                "shows it")]
Coefficient = Annotated[float | None, _NUMBER, PlainSerializer(_round_to(2), return_type=float | None),
                        Quantity(Kind.COEFFICIENT, 2, "a coefficient read at two decimals (alpha, r, p)")]
Label = Annotated[str | None, Quantity(Kind.LABEL, meaning="a category, name or code")]
Text = Annotated[str | None, Quantity(Kind.TEXT, meaning="a sentence written for the reader")]
Flag = Annotated[bool | None, Quantity(Kind.FLAG, meaning="yes / no (null: cannot tell yet)")]
Day = Annotated[str | None, Quantity(Kind.DAY, meaning="an ISO date, YYYY-MM-DD")]
Position = Annotated[int | None, BeforeValidator(_whole),
                     Quantity(Kind.POSITION, meaning="where a row sits in a table, counting from 0 (not a number of anything)")]


class Summary(BaseModel):
    """A section of summary.json, or a record inside one.

    A subclass that is a whole section sets ``section`` (its key in summary.json); records
    nested in it leave it ``None``.  Field descriptions become docs/summary-schema.md.
    """

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=False, validate_default=True)

    section: ClassVar[str | None] = None

    def to_json(self, context: dict[str, Any] | None = None) -> dict[str, Any]:
        """Plain JSON values: floats rounded by kind, shares coded by ``context["code_share"]``."""
        return self.model_dump(mode="json", context=context)


def quantity_of(annotation: Any) -> Quantity | None:
    """The :class:`Quantity` carried by a field's metadata, if any."""
    for item in getattr(annotation, "__metadata__", ()):
        if isinstance(item, Quantity):
            return item
    return None
