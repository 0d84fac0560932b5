"""The mapping file (``--map MAP.yml``): what a team tells the importer that an export cannot say.

Which column holds the student id, which subject a team looks at, which window a vendor term
becomes, which standard a domain or a gradebook column stands for, how a survey's answers are
scored. Everything is optional; each source uses the keys listed in docs/importing.md, and a key
a source does not use is reported (a misplaced key is usually a mistake). The file is parsed with
pydantic, so every problem names the file, the key and what was expected -- the same way
``datadriver check`` reports data problems. A copy is kept in the team folder
(``mappings/<source>.yml``) so ``datadriver check`` can check it again later.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from datadriver_utils.contract.config import TeamConfig, normalise_grade, parse_config, read_yaml
from datadriver_utils.errors import MappingError, Problem
from datadriver_utils.importers.scales import BUILTIN_SCALES, answer_key

__all__ = ["MappingFile", "Question", "WindowDates", "TeamDefaults", "load_mapping", "mapping_problems",
           "read_mapping_problems", "MAPPINGS_FOLDER"]

MAPPINGS_FOLDER = "mappings"
"""Where a team folder keeps the mapping files its imports used (checked by ``datadriver check``)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class WindowDates(_Strict):
    """A window by its dates: a test completed from ``start`` to ``end`` (inclusive) belongs to it."""

    window: str = Field(min_length=1)
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> WindowDates:
        if self.end < self.start:
            raise ValueError(f"window {self.window!r} ends ({self.end}) before it starts ({self.start})")
        return self


class Question(_Strict):
    """One survey question (by its title in the form)."""

    item: str | None = Field(default=None, description="Item id in survey_items.csv (default q1, q2 ... by column).")
    construct_name: str | None = Field(default=None, alias="construct",
                                       description="What the item measures (default: the survey name).")
    reverse: bool = Field(default=False, description="Reverse-keyed: agreeing means less of the construct.")
    scale: str | None = Field(default=None, description="Answer scale: a built-in name or one under scales:.")
    skip: bool = Field(default=False, description="Leave this question out.")


class TeamDefaults(_Strict):
    """What a new team.yml says when the import creates it."""

    name: str | None = None
    school: str | None = None
    subject: str | None = None
    grade_levels: list[str] | None = None

    @field_validator("grade_levels", mode="before")
    @classmethod
    def _grades(cls, value: object) -> object:
        if value is None:
            return None
        values = value if isinstance(value, list) else [value]
        grades = [normalise_grade(v) for v in values]
        if None in grades:
            raise ValueError(f"grades must be K or 1-12, found {values}")
        return grades


class MappingFile(_Strict):
    """Every key a mapping file may hold (docs/importing.md says which source reads which)."""

    source: str | None = None
    student_id_column: str | None = Field(default=None, description="Header of the column holding the student id.")
    columns: dict[str, str] = Field(default_factory=dict, description="Header in your file -> header the source expects.")
    subject: str | None = Field(default=None, description="The one subject to import from a file holding several.")
    assessment: str | None = Field(default=None, description="Name written to the assessment column.")
    window: str | None = Field(default=None, description="One window for every row (answer sheets, surveys).")
    windows: dict[str, str] = Field(default_factory=dict, description="Window in the export -> window of the team.")
    window_dates: list[WindowDates] = Field(default_factory=list, description="Windows by date, for files without one.")
    windows_from: Literal["norming-window", "flags"] | None = Field(
        default=None, description="i-Ready: windows from the Norming Window, or pre/post from the Baseline/Most Recent flags.")
    date_format: str | None = Field(default=None, description='How dates are written, e.g. "%d/%m/%Y".')
    standards: dict[str, str] = Field(default_factory=dict, description="Domain, goal or gradebook column -> standard.")
    grade: str | None = Field(default=None, description="Grade of every student, for files without a grade column.")
    blank_answers: Literal["wrong", "skip"] = Field(default="wrong", description="Answer sheets: a blank answer scores 0, or is left out.")
    survey: str | None = None
    administration: str | None = None
    scales: dict[str, dict[str, float]] = Field(default_factory=dict, description="Your own answer scales: name -> answer -> number.")
    scale: str | None = Field(default=None, description="Answer scale of every question (a built-in name or one under scales:).")
    questions: dict[str, Question] = Field(default_factory=dict, description="Question title -> item, construct, reverse, scale.")
    team: TeamDefaults | None = None

    @field_validator("grade")
    @classmethod
    def _grade(cls, value: str | None) -> str | None:
        if value is not None and normalise_grade(value) is None:
            raise ValueError(f"grade must be K or 1-12, found {value!r}")
        return None if value is None else normalise_grade(value)

    @field_validator("date_format")
    @classmethod
    def _date_format(cls, value: str | None) -> str | None:
        if value is not None:
            sample = dt.date(2026, 1, 13)
            shown = sample.strftime(value)
            try:
                if dt.datetime.strptime(shown, value).date() != sample or not {"%d", "%m"} <= set(_codes(value)):
                    raise ValueError
            except ValueError:
                raise ValueError(f"{value!r} is not a date pattern with a day, a month and a year, such as "
                                 "\"%d/%m/%Y\" (day/month/year) or \"%m/%d/%Y\"") from None
        return value

    @field_validator("scale")
    @classmethod
    def _known_scale(cls, value: str | None, info: ValidationInfo) -> str | None:
        known = set(BUILTIN_SCALES) | set(info.data.get("scales") or {})
        if value is not None and value not in known:
            raise ValueError(f"unknown answer scale: use one of {sorted(known)}, or define it under scales:")
        return value

    @field_validator("questions")
    @classmethod
    def _known_question_scales(cls, value: dict[str, Question], info: ValidationInfo) -> dict[str, Question]:
        known = set(BUILTIN_SCALES) | set(info.data.get("scales") or {})
        unknown = sorted({f"{title}: {q.scale}" for title, q in value.items() if q.scale and q.scale not in known})
        if unknown:
            raise ValueError(f"unknown answer scale in {unknown}: use one of {sorted(known)}, or define it under scales:")
        return value

    def all_scales(self) -> dict[str, dict[str, float]]:
        """Built-in scales and the file's own, answers compared by :func:`answer_key`."""
        own = {name: {answer_key(k): v for k, v in scale.items()} for name, scale in self.scales.items()}
        return {**BUILTIN_SCALES, **own}

    def window_for(self, label: str) -> str:
        """A window label as the team names it (``windows:`` renames, compared without case), lower case."""
        renames = {k.strip().lower(): v.strip().lower() for k, v in self.windows.items()}
        label = label.strip().lower()
        return renames.get(label, label)

    def window_on(self, day: str | None) -> str | None:
        """The ``window_dates`` window holding an ISO date, or None."""
        if not day:
            return None
        when = dt.date.fromisoformat(day)
        return next((w.window.strip().lower() for w in self.window_dates if w.start <= when <= w.end), None)

    def used_keys(self) -> set[str]:
        """The keys the file sets."""
        return set(self.model_fields_set)


def _codes(pattern: str) -> list[str]:
    return [pattern[i:i + 2] for i in range(len(pattern) - 1) if pattern[i] == "%"]


def load_mapping(path: Path | None) -> MappingFile:
    """Read and check a mapping file; ``None`` gives the empty mapping.

    Raises
    ------
    MappingError
        Naming the file, each key and what it expects.
    """
    if path is None:
        return MappingFile()
    label = path.name
    if not path.is_file():
        raise MappingError("The mapping file cannot be used:", [Problem(str(path), "no such file.")])
    raw, problems = read_yaml(path, label)
    if raw is None:
        raise MappingError(f"The mapping file {label} cannot be read:", problems)
    mapping, problems = parse_config(MappingFile, raw, label)
    if mapping is None:
        raise MappingError(f"The mapping file {label} has problems:", problems)
    return mapping


def mapping_problems(mapping: MappingFile, label: str, source_keys: set[str] | None = None,
                     source_name: str | None = None, team: TeamConfig | None = None) -> list[Problem]:
    """Problems a valid file can still have: keys its source does not read, a source it does not
    name, windows the team does not list."""
    problems: list[Problem] = []
    if source_name and mapping.source and mapping.source != source_name:
        problems.append(Problem(label, f"this mapping is for the source '{mapping.source}', not '{source_name}': "
                                "use the mapping written for this export.", column="source", value=mapping.source))
    if source_keys is not None:
        for key in sorted(mapping.used_keys() - source_keys - {"source", "team"}):
            problems.append(Problem(label, f"the source '{source_name}' does not read this key, so it would be ignored: "
                                    "remove it, or check which source it was meant for (docs/importing.md).", column=key))
    if team is not None:
        allowed = set(team.windows)
        targets = {*mapping.windows.values(), *(w.window for w in mapping.window_dates), *filter(None, [mapping.window])}
        for window in sorted(t.strip().lower() for t in targets if t.strip().lower() not in allowed):
            problems.append(Problem(label, "this window is not in the windows: list of team.yml, so its rows would not "
                                    "pass the check: add it to team.yml (in time order) or correct the mapping.",
                                    column="windows", value=window))
    return problems


def read_mapping_problems(path: Path, team: TeamConfig | None, source_keys: dict[str, set[str]]) -> list[Problem]:
    """Every problem of one kept mapping file (``mappings/<source>.yml``), for ``datadriver check``."""
    label = f"{MAPPINGS_FOLDER}/{path.name}"
    raw, problems = read_yaml(path, label)
    if raw is None:
        return problems
    mapping, problems = parse_config(MappingFile, raw, label)
    if mapping is None:
        return problems
    source = mapping.source or path.stem
    if source not in source_keys:
        return [Problem(label, f"no importer is called '{source}': name one of {', '.join(sorted(source_keys))} "
                        "under source:, or name the file after it.", column="source", value=source)]
    return mapping_problems(mapping, label, source_keys[source], source, team)

