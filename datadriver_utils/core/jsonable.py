"""Plain JSON values from analysis results, and the one rounding rule of published figures.

summary.json, saved workshop answers and the district summary all go through
:func:`to_jsonable`; every published float goes through :func:`rounded` (directly, or through
the typed summary fields of :mod:`datadriver_utils.core.quantities`), so a figure reads the
same wherever it appears.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
import math
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["rounded", "to_jsonable"]


def rounded(value: Any, places: int = 1) -> float | None:
    """The published value of a number: ``round(float(value), places)``; ``None`` when missing.

    ``None``, ``NaN``, ``pd.NA`` and infinities have no published value.  Python's ``round``
    on the binary float is the rule everywhere (37.85 may read 37.8 or 37.9 depending on how
    it was computed -- the same in every report, which is what matters to a reader).
    """
    if value is None or value is pd.NA or isinstance(value, bool):
        return None if value is None or value is pd.NA else float(value)
    number = float(value)
    return round(number, places) if math.isfinite(number) else None


def to_jsonable(obj: Any) -> Any:
    """Turn analysis results into plain JSON values, recursively.

    numpy scalars and arrays, pandas ``NA``/``NaT``/``Timestamp``/``Series``/``DataFrame``
    (as a list of row records), dates and times (ISO 8601), enums (their value), paths,
    dataclasses (``to_dict()`` when they have one), mappings, sequences and sets (sorted when
    possible).  ``NaN`` and infinities become ``None``: JSON has no such numbers.

    Raises
    ------
    TypeError
        For any other type, naming it.
    """
    if obj is None or isinstance(obj, (bool, np.bool_)):
        return None if obj is None else bool(obj)
    if obj is pd.NA or obj is pd.NaT:
        return None
    if isinstance(obj, enum.Enum):
        return to_jsonable(obj.value)
    if isinstance(obj, str):
        return str(obj)
    if isinstance(obj, (int, np.integer)):
        return int(obj)
    if isinstance(obj, (float, np.floating, decimal.Decimal)):
        value = float(obj)
        return value if math.isfinite(value) else None
    if isinstance(obj, np.datetime64):
        return to_jsonable(pd.Timestamp(obj)) if not np.isnat(obj) else None
    if isinstance(obj, (dt.date, dt.time)):
        return obj.isoformat()
    if isinstance(obj, (pd.Timedelta, dt.timedelta)):
        return pd.Timedelta(obj).isoformat()
    if isinstance(obj, PurePath):
        return str(obj)
    if isinstance(obj, pd.DataFrame):
        return [to_jsonable(row) for row in obj.to_dict(orient="records")]
    if isinstance(obj, (pd.Series, pd.Index, np.ndarray)):
        return [to_jsonable(v) for v in obj.tolist()]
    if hasattr(obj, "to_dict") and callable(obj.to_dict):
        return to_jsonable(obj.to_dict())
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return to_jsonable(dataclasses.asdict(obj))
    if isinstance(obj, Mapping):
        return {_json_key(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (set, frozenset)):
        items = [to_jsonable(v) for v in obj]
        try:
            return sorted(items)
        except TypeError:
            return items
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    raise TypeError(f"cannot turn a {type(obj).__name__} into JSON: {obj!r:.80}")


def _json_key(key: Any) -> str | int | float | bool | None:
    plain = to_jsonable(key)
    return plain if isinstance(plain, (str, int, float, bool)) or plain is None else str(plain)


