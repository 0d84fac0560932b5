"""What a batch run reports: each notebook's outcome, each team's, and the whole run's.

Kept apart from :mod:`~datadriver_utils.batch.runner` because the district index, the console
summary and the tests read outcomes without needing papermill or a kernel.  A status line
never quotes a data value: it may reach the district index, and a value could identify a
student.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from datadriver_utils.errors import Problem

__all__ = ["BatchResult", "NotebookOutcome", "PACKET_FILE", "PACKET_SNAPSHOT", "SUBMISSION_SUFFIX", "TeamOutcome"]

SUBMISSION_SUFFIX = ".submission.html"
"""A report's submission form is written beside it as ``<report>.submission.html`` (``--submission``)."""
PACKET_FILE = "credential_packet.pdf"
"""A team's Data Driver credential packet in its export folder (``--packet``, ``--pdf``)."""
PACKET_SNAPSHOT = "20_data_driver_snapshot"
"""A run makes the packet only when it renders this notebook: a run of other notebooks leaves the
last packet alone rather than replacing it with pages that say "not available"."""


@dataclass
class NotebookOutcome:
    """How one notebook went for one team."""

    team_id: str
    notebook: str
    ok: bool
    html: str | None = None
    message: str = ""
    seconds: float = 0.0
    details: str | None = None
    """Private folder with the executed notebook and traceback of a failure (console only)."""


@dataclass
class TeamOutcome:
    """How one team went: invalid data, or each notebook's outcome."""

    team_id: str
    name: str = ""
    problems: list[Problem] = field(default_factory=list)
    notebooks: list[NotebookOutcome] = field(default_factory=list)
    missing_files: list[str] = field(default_factory=list)
    reused: bool = False
    """Its inputs had not changed since ``rendered_at``: the stored reports stand (not rendered again)."""
    rendered_at: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and all(n.ok for n in self.notebooks)

    @property
    def status_line(self) -> str:
        """One line for the district index; never quotes data values (they may identify a student)."""
        if self.problems:
            files = sorted({p.file for p in self.problems})
            return f"not rendered: {len(self.problems)} data problem(s) in {', '.join(files)} — run `datadriver check --team {self.team_id}`"
        failed = [n.notebook for n in self.notebooks if not n.ok]
        if failed:
            return f"{len(self.notebooks) - len(failed)} of {len(self.notebooks)} reports rendered; failed: {', '.join(failed)}"
        note = f"; files not yet supplied: {', '.join(self.missing_files)}" if self.missing_files else ""
        return f"all {len(self.notebooks)} reports rendered{note}"


@dataclass
class BatchResult:
    """Every team's outcome, and where the index was written."""

    teams: list[TeamOutcome]
    index_path: Path | None

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.teams)

    @property
    def rendered(self) -> list[TeamOutcome]:
        """Teams whose notebooks ran in this run (not those reused unchanged, nor refused)."""
        return [t for t in self.teams if t.notebooks and not t.reused]
