"""The words of notebook 21: column labels, the one-pager's figures in a sentence, and alt text.

Alt text says what a chart shows *from the data* (every bar or point with its value, in the
order drawn), so a reader who cannot see the chart reads the same finding; cells the chart
leaves out for privacy are named as hidden, as the chart greys them out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

__all__ = ["LABELS", "card_figures", "link_alt", "lookfor_alt", "lookfor_rates_text", "pattern_alt"]

LABELS: dict[str, str] = {
    "grade": "Grade", "standard": "Standard", "n": "Students (n)", "mean_pct": "Mean % correct",
    "pct_proficient": "% proficient", "grade_mean_pct": "Grade mean %", "gap": "Gap (points)", "weakest": "Weakest?",
    "pattern_window": "Pattern in", "check_window": "Checked in", "micro_change": "Micro-change",
    "score_kind": "Scores", "n_matched": "Matched (n)", "pattern_mean": "Mean then", "check_mean": "Mean now",
    "change": "Change", "others_change": "Others' change", "pattern_pct_at_cut": "% at cut then",
    "check_pct_at_cut": "% at cut now", "effect_size": "d_z", "verdict": "Verdict",
    "look_for": "Look-for", "n_visits": "Visits", "n_rows": "Observations", "n_seen": "Seen",
    "pct_seen": "% seen", "month": "Month", "date": "Date", "classroom": "Classroom", "observer": "Observer",
    "seen": "Seen?", "note": "Note", "administration": "Administration", "n_band": "Students",
    "mean_score": "Mean (1-4)", "pct_favourable": "% favourable", "status": "Status",
    "belonging_n_band": "Belonging: students", "belonging_pct_favourable": "Belonging: % favourable",
    "belonging_status": "Belonging: status", "teacher": "Teacher", "observed": "Observed", "tool": "Tool",
    "impact": "Impact", "evidence": "Evidence", "feedback": "Feedback", "words": "Words",
    "bite_size": "Bite-size?", "n_entries": "Notes", "n_bite_size": "Bite-size", "pct_bite_size": "% bite-size",
    "n_impact_known": "Impact known", "pct_impact_known": "% impact known",
}


def _mean(kind: str, value: float) -> str:
    return f"{value:.1f}% correct" if kind == "points" else f"scale score {value:.0f}"


def _points(kind: str) -> str:
    return "points" if kind == "points" else "scale points"


def card_figures(link: pd.Series, hidden: bool, min_group_size: int,
                 share: Callable[[float], Any]) -> tuple[str | None, str | None]:
    """The pattern's and the check's numbers in a sentence each (``None`` where there are none).

    ``share`` codes a share of students for the audience (it may return text such as "≤5%").
    """
    if hidden:
        return None, f"Fewer than {min_group_size} matched students: the figures stay in the team view."
    if pd.isna(link["pattern_mean"]):
        return None, None
    kind = str(link["score_kind"])

    def at_cut(value: Any) -> str:
        coded = share(float(value))
        return "" if pd.isna(value) else f" ({coded if isinstance(coded, str) else f'{coded:.1f}%'} at or above the cut)"

    pattern = f"Matched students' mean: {_mean(kind, link['pattern_mean'])}{at_cut(link['pattern_pct_at_cut'])}."
    others = "" if pd.isna(link["others_change"]) else \
        f"; on the grade's other standards {link['others_change']:+.1f}"
    size = "" if pd.isna(link["effect_size"]) else f"; d_z = {link['effect_size']:.2f}"
    check = (f"Now {_mean(kind, link['check_mean'])}{at_cut(link['check_pct_at_cut'])}: "
             f"{link['change']:+.1f} {_points(kind)}{others}{size} ({int(link['n_matched'])} matched students).")
    return pattern, check


def link_alt(checks: pd.DataFrame) -> str:
    """Each link's line from its pattern-window mean to its check-window mean."""
    parts = []
    for row in checks.itertuples(index=False):
        standard = row.standard if isinstance(row.standard, str) else "all standards"
        if pd.isna(row.pattern_mean) or pd.isna(row.check_mean):
            parts.append(f"grade {row.grade} {standard}: not shown ({row.verdict})")
        else:
            parts.append(f"grade {row.grade} {standard}: {row.pattern_mean:.1f} to {row.check_mean:.1f} "
                         f"({row.verdict})")
    return "Dumbbell chart, one line per micro-change from the pattern window to the check window: " + \
        "; ".join(parts) + "."


def lookfor_rates_text(rates: pd.DataFrame) -> str:
    return "; ".join(f"{r.look_for}: {r.pct_seen:.0f}% of {r.n_visits}" for r in rates.itertuples(index=False))


def lookfor_alt(rates: pd.DataFrame) -> str:
    """The look-for bars in the order drawn, with the percent seen and the observations behind it."""
    if rates.empty:
        return "No walkthroughs recorded yet."
    return "Horizontal bars of the percent of observations where each look-for was seen: " + \
        lookfor_rates_text(rates) + "."


def pattern_alt(patterns: pd.DataFrame, window: str) -> str:
    """Each grade's row of the heat map, its weakest standard named first."""
    if patterns.empty:
        return f"No scores in the {window} window."
    grades = []
    for grade, part in patterns.groupby("grade", sort=False):
        cells = ", ".join(f"{r.standard} " + ("hidden" if pd.isna(r.mean_pct) else f"{r.mean_pct:.0f}%")
                          for r in part.itertuples(index=False))
        weakest = part.loc[part["weakest"], "standard"].tolist()
        grades.append(f"grade {grade} ({cells}" + (f"; weakest {weakest[0]}" if weakest else "") + ")")
    return f"Heat map of mean percent correct by grade and standard in the {window} window: " + "; ".join(grades) + "."
