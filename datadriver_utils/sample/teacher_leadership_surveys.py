"""Sample answers under the three teacher-leadership survey keys, written out by hand.

* ``peer_impact`` (Soliciting Feedback from Peers): colleagues say whether the cycle changed
  learning and practice in their own classrooms.  Maple: six peers in 2026-05 (83.3% favourable
  on student learning, 88.9% on practice).  River: three peers, one short of the four the
  credential needs, so every view hides them.
* ``group_culture`` (Considering Impact on Culture): Maple's learning group of twelve in
  2025-09 and again in 2026-03 (eleven answered): trust 33.3% → 59.1% favourable, learning
  together 33.3% → 72.7%.
* ``group_confidence`` (Building Skills in Others): the twelve peers at the end of the year,
  2026-06: observing student learning 79.2% favourable, facilitating peer reflection 41.7%.

Items are ours, on a 1-5 agreement scale; one item per survey is worded negatively and
reverse-scored.  Respondent codes are anonymous and carry no name.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["ITEMS", "survey_rows"]

# survey, item, construct, text, reverse scored
ITEMS: tuple[tuple[str, str, str, str, bool], ...] = (
    ("peer_impact", "PI1", "student learning", "My students' learning changed because of what our cycle showed me.",
     False),
    ("peer_impact", "PI2", "student learning", "The data my visitor collected told me something new about my "
     "students.", False),
    ("peer_impact", "PI3", "practice", "I changed a routine in my classroom after our reflection conversation.",
     False),
    ("peer_impact", "PI4", "practice", "I would invite a colleague to collect data in my room again.", False),
    ("peer_impact", "PI5", "practice", "The cycle took time from my students without helping them.", True),
    ("group_culture", "GC1", "trust", "I can show colleagues a lesson that did not go well.", False),
    ("group_culture", "GC2", "trust", "I hold back what I really think in our group.", True),
    ("group_culture", "GC3", "learning together", "I learn something about my own students when I visit a "
     "colleague's room.", False),
    ("group_culture", "GC4", "learning together", "Our group's conversations change how I teach.", False),
    ("group_confidence", "CF1", "observing student learning", "I can collect data on a Student Learning Question "
     "without judging the teacher.", False),
    ("group_confidence", "CF2", "observing student learning", "I can choose a tool that fits a colleague's "
     "question.", False),
    ("group_confidence", "CF3", "facilitating peer reflection", "I can lead a colleague through reflecting on the "
     "data from their room.", False),
    ("group_confidence", "CF4", "facilitating peer reflection", "I can keep a reflection on student learning "
     "rather than on advice.", False),
)

_N = None  # a respondent absent from an administration
# survey -> administration -> item -> one answer per respondent (in respondent order)
_ANSWERS: dict[str, dict[str, dict[str, dict[str, tuple[int | None, ...]]]]] = {
    "maple-elementary-g3": {
        "peer_impact": {"2026-05": {
            "PI1": (5, 4, 4, 3, 5, 4), "PI2": (4, 4, 5, 4, 5, 3), "PI3": (5, 4, 3, 4, 4, 4),
            "PI4": (5, 5, 4, 4, 5, 4), "PI5": (1, 2, 2, 3, 1, 2)}},
        "group_culture": {
            "2025-09": {"GC1": (3, 4, 2, 4, 3, 4, 2, 3, 4, 3, 4, 3), "GC2": (4, 3, 4, 2, 3, 2, 4, 3, 3, 4, 4, 2),
                        "GC3": (3, 4, 4, 3, 2, 4, 3, 3, 4, 3, 4, 2), "GC4": (2, 3, 4, 4, 3, 3, 2, 3, 4, 3, 3, 3)},
            "2026-03": {"GC1": (4, 5, 3, 4, 3, 5, _N, 4, 4, 3, 3, 4), "GC2": (2, 2, 3, 2, 3, 1, _N, 3, 3, 2, 3, 2),
                        "GC3": (4, 4, 5, 4, 3, 5, _N, 4, 4, 4, 3, 4), "GC4": (4, 3, 4, 5, 3, 4, _N, 3, 5, 4, 3, 4)}},
        "group_confidence": {"2026-06": {
            "CF1": (4, 5, 4, 4, 3, 5, 4, 4, 5, 4, 3, 4), "CF2": (4, 4, 3, 4, 4, 5, 3, 4, 4, 4, 3, 4),
            "CF3": (3, 4, 3, 4, 3, 4, 3, 3, 4, 4, 2, 3), "CF4": (3, 4, 4, 3, 3, 4, 3, 4, 3, 4, 3, 3)}},
    },
    "river-middle-g7-math": {
        "peer_impact": {"2026-01": {"PI1": (4, 3, 4), "PI2": (4, 4, 3), "PI3": (3, 4, 4), "PI4": (5, 4, 4),
                                    "PI5": (2, 2, 3)}},
    },
}
_PREFIX = {"peer_impact": "P", "group_culture": "G", "group_confidence": "C"}


def survey_rows(team_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``surveys.csv`` rows and ``survey_items.csv`` rows the team adds (empty frames if none)."""
    rows = []
    for survey, administrations in _ANSWERS.get(team_id, {}).items():
        for administration, items in administrations.items():
            for item, answers in items.items():
                rows += [{"survey": survey, "administration": administration,
                          "respondent": f"{_PREFIX[survey]}{n:02d}", "item": item, "response": answer}
                         for n, answer in enumerate(answers, 1) if answer is not None]
    responses = pd.DataFrame(rows, columns=["survey", "administration", "respondent", "item", "response"])
    used = set(responses["survey"])
    items = pd.DataFrame([i for i in ITEMS if i[0] in used],
                         columns=["survey", "item", "construct", "item_text", "reverse"])
    items = items.assign(scale_min=1, scale_max=5, reverse_scored=np.where(items["reverse"], "yes", "no"))
    columns = ["survey", "item", "construct", "item_text", "scale_min", "scale_max", "reverse_scored"]
    return responses, items[columns]
