"""Point scores and scale scores in one assessments table.

A classroom common assessment gives **points** out of points possible, so a percent correct
means something. Interim assessments (NWEA MAP, Renaissance Star, i-Ready) give **scale
scores** with no maximum, where a percent correct means nothing: a mean is read in scale
points and "proficient" means at or above a benchmark cut that depends on grade and window
(IMPORT_FORMATS.md, "Interim assessments give scale scores, not points").

The contract may carry a ``score_type`` column saying which a row is (its allowed values are
:data:`~datadriver_utils.contract.schemas.SCORE_TYPES`). This module reads it only when it is
there: without the column every row is a point score, exactly as before. A row whose score has
no maximum (:data:`~datadriver_utils.contract.schemas.SCORES_WITHOUT_MAXIMUM`: scale scores and
percentile ranks) holds it in ``points``; ``points_possible`` is not used for it.
"""

from __future__ import annotations

import pandas as pd

from datadriver_utils.contract.schemas import SCORES_WITHOUT_MAXIMUM

__all__ = ["POINTS", "SCALE", "SCORE_TYPE_COLUMN", "point_rows", "scale_rows", "score_kind", "score_kinds"]

SCORE_TYPE_COLUMN = "score_type"
POINTS = "points"
SCALE = "scale"


def score_kind(value: object) -> str:
    """:data:`SCALE` for a score with no maximum, else :data:`POINTS` (blank included)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return POINTS
    return SCALE if str(value).strip().lower() in SCORES_WITHOUT_MAXIMUM else POINTS


def score_kinds(assessments: pd.DataFrame) -> pd.Series:
    """The kind of every row (:data:`POINTS` for all rows when there is no ``score_type`` column)."""
    if SCORE_TYPE_COLUMN not in assessments:
        return pd.Series(POINTS, index=assessments.index, dtype=object)
    return assessments[SCORE_TYPE_COLUMN].map(score_kind).astype(object)


def point_rows(assessments: pd.DataFrame) -> pd.DataFrame:
    """The rows scored in points (every row without a ``score_type`` column)."""
    return assessments[score_kinds(assessments) == POINTS]


def scale_rows(assessments: pd.DataFrame) -> pd.DataFrame:
    """The rows holding a scale score (none without a ``score_type`` column)."""
    return assessments[score_kinds(assessments) == SCALE]
