"""Every error a user of datadriver can cause, as a class.

The tree::

    DataDriverError                 base: anything we explain to a person, never a traceback
    ├── DataProblemsError           one or more problems in a team's files (carries ``problems``)
    ├── TableReadError              one file cannot be read as a table at all (carries ``problem``)
    ├── UnsafePathError             a path, team id or file name that would leave its folder
    ├── MissingDataError            a file the notebook needs is not there yet (names the template)
    ├── CaptureError                a workshop response could not be saved or read back
    ├── PdfUnavailableError         a PDF was asked for but Chromium or Playwright is missing or fails
    ├── OutputWriteError            a report or export could not be written (earlier file intact)
    ├── PrivacySettingError         an audience or privacy setting we cannot use (also a ValueError)
    ├── ParameterError              a notebook or command parameter we cannot read (also a ValueError)
    └── ImportRefusedError          ``datadriver import`` cannot go on (carries ``problems``)
        ├── UnknownSourceError      a source name no importer is registered for
        ├── MappingError            the mapping file is wrong (file, key, what was expected)
        └── TeamFilesExistError     the team already has the files; say --append or --replace

A notebook that fails in a batch run is not an exception of ours: the batch records it as a
:class:`~datadriver_utils.batch.outcomes.NotebookOutcome` and goes on with the other teams.

Each message names what a person needs to fix the problem: which file, which row, which
column, what was expected.  The command line prints ``str(error)`` without a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in a team's data.

    Attributes
    ----------
    file:
        File name as the user knows it (``"assessments.csv"``), relative to the team folder.
    message:
        What is wrong and how to fix it, in plain words.
    row:
        Row number as a spreadsheet shows it (the header is row 1), or ``None`` for the
        whole file.
    column:
        Column name, or ``None`` when the problem is not about one column.
    value:
        The offending value as it was typed, or ``None``.
    """

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column '{self.column}'"
        shown = "" if self.value is None else f" (found {self.value!r})"
        return f"{where}: {self.message}{shown}"


class DataDriverError(Exception):
    """Base class: an error whose message is meant for a data coach, not a programmer."""

    def _render_traceback_(self) -> list[str]:
        """IPython shows this instead of a traceback: the message is the whole story."""
        return [f"{type(self).__name__}: {self}"]


class DataProblemsError(DataDriverError):
    """A team's data has problems; ``problems`` lists every one found, not just the first."""

    def __init__(self, problems: Sequence[Problem], team_id: str | None = None) -> None:
        self.problems = list(problems)
        self.team_id = team_id
        head = f"team '{team_id}': " if team_id else ""
        lines = [f"{head}{len(self.problems)} problem(s) in the data:"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class UnsafePathError(DataDriverError):
    """A path would read or write outside the data or export folder."""


class MissingDataError(DataDriverError):
    """A file a notebook needs does not exist yet; the message names the template to copy."""

    def __init__(self, file: str, template: str, purpose: str) -> None:
        self.file = file
        self.template = template
        self.purpose = purpose
        super().__init__(
            f"{file} is not in the team folder yet. {purpose} "
            f"Start from the template sample_data/templates/{template}."
        )


class CaptureError(DataDriverError):
    """A workshop response could not be saved or loaded."""



class PdfUnavailableError(DataDriverError):
    """A PDF was asked for but cannot be printed here (no Chromium, no Playwright, or Chromium fails).

    The HTML reports are written before any PDF, so they are there whatever this says.
    """


class TableReadError(DataDriverError):
    """A file cannot be read as a table at all (binary, empty first row, wrong encoding).

    Raised inside the contract layer and turned into a :class:`Problem` of the team's check,
    so a coach sees it beside every other problem of the team.
    """

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


class OutputWriteError(DataDriverError):
    """A report or export could not be written; any earlier version of the file is intact."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(
            f"Could not write {self.path}: {reason}. Any earlier version of this file was left "
            "as it was; free some space or choose a folder you may write to, then run again."
        )


class PrivacySettingError(DataDriverError, ValueError):
    """An audience or a privacy setting (in ``district.yml``) that we cannot use."""


class ParameterError(DataDriverError, ValueError):
    """A notebook parameter or command option we cannot read, such as an ``as_of`` that is no date."""


class ImportRefusedError(DataDriverError):
    """``datadriver import`` cannot go on: the input files or the mapping cannot be used as they are.

    ``problems`` names each file (and row, column or mapping key) with what was expected;
    nothing has been written to the team folder.
    """

    def __init__(self, headline: str, problems: Sequence[Problem] = ()) -> None:
        self.headline = headline
        self.problems = list(problems)
        lines = [headline, *(f"  - {p}" for p in self.problems)]
        super().__init__("\n".join(lines))


class UnknownSourceError(ImportRefusedError):
    """A source name no importer is registered for; the message lists the known ones."""


class MappingError(ImportRefusedError):
    """The mapping file (``--map``) is wrong: each problem names the key and what it expects."""


class TeamFilesExistError(ImportRefusedError):
    """The team folder already holds files the import would write; nothing was changed."""
