"""Answer scales for survey text: "Strongly agree" → 4 or 5, depending on the scale the form used.

Built in: the common 4- and 5-point agreement and frequency scales. A form whose answers fit
both a 4- and a 5-point scale (nobody chose "Neutral", say) cannot be scored by looking at the
answers, so the import asks for ``scale:`` in the mapping rather than guess: "Agree" is 3 on one
and 4 on the other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

__all__ = ["BUILTIN_SCALES", "answer_key", "fitting_scales", "scale_range"]

BUILTIN_SCALES: dict[str, dict[str, float]] = {
    "agreement-4": {"strongly disagree": 1, "disagree": 2, "agree": 3, "strongly agree": 4},
    "agreement-5": {"strongly disagree": 1, "disagree": 2, "neither agree nor disagree": 3, "neutral": 3,
                    "agree": 4, "strongly agree": 5},
    "frequency-4": {"never": 1, "sometimes": 2, "often": 3, "always": 4},
    "frequency-5": {"never": 1, "rarely": 2, "sometimes": 3, "often": 4, "always": 5},
}
"""Scale name -> answer (as :func:`answer_key` writes it) -> number."""


def answer_key(text: object) -> str:
    """An answer as compared: lower case, single spaces, no trailing punctuation."""
    return re.sub(r"\s+", " ", str(text).strip().lower()).rstrip(".!")


def scale_range(scale: Mapping[str, float]) -> tuple[float, float]:
    """Lowest and highest number of a scale."""
    return min(scale.values()), max(scale.values())


def fitting_scales(answers: Iterable[str], scales: Mapping[str, Mapping[str, float]]) -> list[str]:
    """Names of the scales whose answers include every one of ``answers``."""
    wanted = {answer_key(a) for a in answers}
    return [name for name, scale in scales.items() if wanted <= {answer_key(k) for k in scale}]
