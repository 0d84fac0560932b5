"""The two YAML files of a data folder: ``district.yml`` and each team's ``team.yml``.

Both are parsed with pydantic, so a wrong type or a missing field becomes a
:class:`~datadriver_utils.errors.Problem` naming the file and the field, never a traceback.
Field meanings are documented for people in ``docs/data-contract.md``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, TypeVar

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator, model_validator

from datadriver_utils.errors import Problem

__all__ = [
    "DEFAULT_CUT_PCT",
    "GRADES",
    "PROGRESS_RATINGS",
    "Benchmarks",
    "benchmark_cuts",
    "DistrictConfig",
    "LearningGoal",
    "Member",
    "TeamConfig",
    "grade_sort_key",
    "normalise_grade",
    "read_yaml",
    "parse_config",
]

ModelT = TypeVar("ModelT", bound=BaseModel)

GRADES: tuple[str, ...] = ("K", *(str(g) for g in range(1, 13)))
"""Grade labels in order: kindergarten, then 1 to 12."""

DEFAULT_CUT_PCT = 70.0
"""The point-score proficiency cut when team.yml gives none (docs/analysis.md)."""

PROGRESS_RATINGS: tuple[str, ...] = (
    "met goal",
    "good progress, goal not met",
    "some progress",
    "little or no progress",
)
"""The Data Driver credential's four answers to "how much progress did we make?"."""


def normalise_grade(value: object) -> str | None:
    """``"k"``, ``"KG"``, ``"0"``, ``"07"``, ``7`` → ``"K"`` / ``"7"``; ``None`` if not K–12."""
    text = str(value).strip().upper()
    if text in {"K", "KG", "KN", "0", "00"}:
        return "K"
    if text.isdigit() and 1 <= int(text) <= 12:
        return str(int(text))
    return None


def grade_sort_key(grade: str) -> int:
    """Sort grades in school order (K before 1 before 10)."""
    return GRADES.index(grade) if grade in GRADES else len(GRADES)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _benchmarks(value: Any) -> Any:
    """``{window: {grade: cut}}`` with windows lower-cased and grades as K or 1-12."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError("expected one entry per window, each listing a cut score per grade "
                         "(for example  fall 2024-2025: {3: 188, 4: 199})")
    cleaned: dict[str, dict[str, Any]] = {}
    for window, cuts in value.items():
        if not isinstance(cuts, dict):
            raise ValueError(f"window {window!r}: expected a cut score per grade, for example {{3: 188, 4: 199}}")
        bad = [g for g in cuts if normalise_grade(g) is None]
        if bad:
            raise ValueError(f"window {window!r}: grades must be K or 1-12, found {bad}")
        cleaned[str(window).strip().lower()] = {str(normalise_grade(g)): cut for g, cut in cuts.items()}
    return cleaned


Benchmarks = Annotated[dict[str, dict[str, float]], BeforeValidator(_benchmarks)]
"""Benchmark cut scores for scale scores: window -> grade -> the lowest proficient score."""


class DistrictConfig(_Strict):
    """``district.yml``: who the district is and how cautious its shared reports are."""

    name: str = Field(min_length=1, description="District name as it appears on reports.")
    school_year: str = Field(min_length=4, description='For example "2025-26".')
    school_year_start: dt.date | None = Field(
        default=None, description="First day of the school year; defaults to August 1."
    )
    mission: str | None = Field(default=None, description="District mission, for the vision work.")
    min_group_size: int = Field(
        default=10, ge=1, le=100, description="Groups smaller than this are suppressed in shared reports."
    )
    bottom_code_pct: float = Field(default=5.0, ge=0, le=50)
    top_code_pct: float = Field(default=95.0, ge=50, le=100)
    suppression_marker: str = Field(default="*", min_length=1, max_length=5)
    min_staff_group_size: int = Field(
        default=3, ge=3, le=100,
        description="Staff self-ratings (Module 1) are shown beyond the team when at least this many rated.",
    )
    show_sections_to_district: bool = Field(
        default=False,
        description="District reports may show results by section (classroom); public reports never do.",
    )
    benchmarks: Benchmarks = Field(
        default_factory=dict,
        description="Cut scores for scale scores: window -> grade -> lowest proficient score (teams may override).",
    )

    @property
    def year_start(self) -> dt.date:
        """First day of the school year (August 1 of the year the label starts with)."""
        if self.school_year_start is not None:
            return self.school_year_start
        digits = self.school_year[:4]
        year = int(digits) if digits.isdigit() else dt.date.today().year
        return dt.date(year, 8, 1)


class Member(_Strict):
    """One person on the team roster."""

    name: str = Field(min_length=1)
    role: str = Field(min_length=1)
    functions: list[str] = Field(
        default_factory=list, description="Which of the five data-team functions this member covers."
    )


class LearningGoal(_Strict):
    """The team's student learning goal for this inquiry cycle."""

    statement: str = Field(min_length=1)
    standards: list[str] = Field(min_length=1, description="Standard code(s) the goal addresses.")
    proficiency_cut_pct: float | None = Field(
        default=None, gt=0, le=100,
        description="Point scores: the percent correct that counts as proficient (needed for them; "
                    "scale scores use cut_score or the benchmarks instead).")
    cut_score: float | None = Field(
        default=None, ge=0,
        description="Scale scores or percentile ranks: one cut on the test's own scale for every grade and "
                    "window (e.g. 210 for RIT 210, 40 for the 40th percentile). Without it, the benchmarks: "
                    "cut of each student's grade and window.")
    target_pct_proficient: float = Field(gt=0, le=100, description="Percent proficient aimed for on the post assessment.")
    progress_rating: str | None = Field(
        default=None, description="Overrides the rating suggested from the data (one of PROGRESS_RATINGS)."
    )

    @property
    def points_cut_pct(self) -> float:
        """The cut for point scores: ``proficiency_cut_pct``, or :data:`DEFAULT_CUT_PCT` when the goal
        (written for scale scores) has none; ``datadriver check`` reports a point-score team without one."""
        return DEFAULT_CUT_PCT if self.proficiency_cut_pct is None else float(self.proficiency_cut_pct)

    @field_validator("standards", mode="before")
    @classmethod
    def _one_standard_is_a_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("progress_rating")
    @classmethod
    def _known_rating(cls, value: str | None) -> str | None:
        if value is not None and value not in PROGRESS_RATINGS:
            raise ValueError("must be one of: " + "; ".join(PROGRESS_RATINGS))
        return value


class Cycle(_Strict):
    """Dates of the inquiry cycle."""

    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ends_after_start(self) -> Cycle:
        if self.end < self.start:
            raise ValueError("the cycle must end after it starts")
        return self


class TeamConfig(_Strict):
    """``team.yml``: the team, its roster, its learning goal and its cycle."""

    name: str = Field(min_length=1)
    school: str = Field(min_length=1)
    level: str | None = Field(default=None, description="district, elementary, middle or high.")
    subject: str = Field(min_length=1)
    grade_levels: list[str] = Field(min_length=1)
    windows: list[str] = Field(
        default_factory=lambda: ["pre", "post"],
        description="Assessment windows used in assessments.csv, in time order; pre and post are always allowed.",
    )
    benchmarks: Benchmarks = Field(
        default_factory=dict,
        description="Cut scores for scale scores: window -> grade -> lowest proficient score (over district.yml).",
    )
    members: list[Member] = Field(default_factory=list)
    goal: LearningGoal | None = None
    cycle: Cycle | None = None
    next_steps: dict[str, str] = Field(
        default_factory=dict, description="Each strand's committed next steps (assessor, data_analyst, ...)."
    )
    actions: dict[str, str] = Field(
        default_factory=dict, description="What happened when each strand's next steps were carried out."
    )
    overview: str | None = Field(
        default=None, description="The team's own words on its progress (the credential's Part 1, at most 300 words)."
    )

    @field_validator("grade_levels", mode="before")
    @classmethod
    def _grades(cls, value: Any) -> Any:
        values = value if isinstance(value, list) else [value]
        grades = [normalise_grade(v) for v in values]
        bad = [v for v, g in zip(values, grades, strict=True) if g is None]
        if bad:
            raise ValueError(f"grades must be K or 1-12, found {bad}")
        return grades

    @field_validator("windows")
    @classmethod
    def _windows(cls, value: list[str]) -> list[str]:
        """Lower-cased, in the team's order; ``pre`` first and ``post`` last unless listed elsewhere."""
        cleaned = list(dict.fromkeys(w.strip().lower() for w in value))
        return [*([] if "pre" in cleaned else ["pre"]), *cleaned, *([] if "post" in cleaned else ["post"])]


def benchmark_cuts(district: DistrictConfig, team: TeamConfig) -> dict[tuple[str, str], float]:
    """``(window, grade) -> cut``: district.yml's benchmarks, overridden cut by cut by team.yml's."""
    cuts = {(w, g): float(c) for w, grades in district.benchmarks.items() for g, c in grades.items()}
    cuts.update({(w, g): float(c) for w, grades in team.benchmarks.items() for g, c in grades.items()})
    return cuts


def read_yaml(path: Path, file_label: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Parse a YAML mapping; syntax errors become a problem with the line number."""
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        row = None if mark is None else mark.line + 1
        hint = " (YAML does not allow tab characters for indenting: use spaces)" if "\t" in path.read_text(
            encoding="utf-8-sig", errors="replace"
        ) else ""
        return None, [Problem(file_label, f"this is not valid YAML: {error.problem}{hint}.", row=row)]
    except UnicodeDecodeError:
        return None, [Problem(file_label, "this file is not saved as UTF-8 text (an accented letter from another "
                              "encoding?): open it in a text editor and save it with the UTF-8 encoding.")]
    except yaml.YAMLError as error:
        return None, [Problem(file_label, f"this file could not be read as YAML text ({error}).")]
    if not isinstance(loaded, dict):
        return None, [Problem(file_label, "expected named fields (key: value lines) at the top level.")]
    return loaded, []


def _field_path(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc)


def parse_config(
    model: type[ModelT], raw: dict[str, Any], file_label: str
) -> tuple[ModelT | None, list[Problem]]:
    """Validate a mapping against a model, turning every pydantic error into a Problem."""
    try:
        return model.model_validate(raw), []
    except ValidationError as error:
        problems = [
            Problem(
                file_label,
                _explain(detail["type"], detail["msg"]),
                column=_field_path(detail["loc"]) or None,
                value=None if detail["type"] == "missing" else repr(detail.get("input"))[:80],
            )
            for detail in error.errors()
        ]
        return None, problems


def _explain(kind: str, message: str) -> str:
    message = message.removeprefix("Value error, ")
    if kind == "missing":
        return "this field is required but missing."
    if kind == "extra_forbidden":
        return "this field is not part of the contract (a typo?). See docs/data-contract.md."
    if kind.startswith(("date", "datetime")):
        return message[0].lower() + message[1:] + ": write dates as YYYY-MM-DD, for example 2025-09-15."
    return message[0].lower() + message[1:] + "."
