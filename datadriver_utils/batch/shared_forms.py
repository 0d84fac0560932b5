"""What a team sends out of the batch: submission forms (``--submission``) and its credential packet.

Both leave the team, so both are made from a **shared** rendering of the notebooks: the run's
own when it is for the district or the public, otherwise a second rendering for the district
audience (groups only, small groups hidden), into a folder of its own so the team's summary is
untouched.  A form that would still show a timing, a file name, a workshop prompt or a student id
(:func:`datadriver_utils.batch.submission.leaks`) is not written: the outcome says what leaked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from datadriver_utils.batch.credential_packet import PACKET_NOTEBOOKS, packet_html
from datadriver_utils.batch.execute import shared_node
from datadriver_utils.batch.outcomes import PACKET_FILE, SUBMISSION_SUFFIX, NotebookOutcome
from datadriver_utils.batch.submission import leaks, submission_html
from datadriver_utils.contract.team import load_team
from datadriver_utils.core.paths import atomic_write_text
from datadriver_utils.errors import DataDriverError

if TYPE_CHECKING:
    import nbformat

    from datadriver_utils.batch.kernels import SharedKernel
    from datadriver_utils.batch.runner import BatchOptions

__all__ = ["SUBMISSION_SUFFIX", "SharedForms", "forms_for_run", "submission_path", "write_shared_forms"]

SharedNode = Callable[[Path], "nbformat.NotebookNode | None"]
"""Runs (or reads back) one notebook for a shared audience; ``None`` when it failed."""


@dataclass
class SharedForms:
    """What :func:`write_shared_forms` made: failures, forms written, the packet's HTML."""

    failures: list[NotebookOutcome] = field(default_factory=list)
    forms: list[Path] = field(default_factory=list)
    packet: tuple[list[Path | str], Path] | None = None
    """The packet's HTML and where its PDF goes; printed with the PDFs (it needs Chromium)."""

    def to_print(self, *, pdf: bool) -> list[tuple[Sequence[Path | str], Path]]:
        """What to print: the packet, and with ``pdf`` each form beside it."""
        forms: list[tuple[Sequence[Path | str], Path]] = [([f], f.with_suffix(".pdf")) for f in self.forms] if pdf else []
        return forms + ([self.packet] if self.packet else [])


def submission_path(report: Path) -> Path:
    """Where the submission form of ``report`` (an exported ``.html``) goes."""
    return report.with_name(report.stem + SUBMISSION_SUFFIX)


def _name_and_ids(data_dir: Path, team_id: str, cache: Path | None) -> tuple[str, set[str]]:
    """The team's name for the packet, and its student ids to check every form against."""
    try:
        team = load_team(data_dir, team_id, cache)
    except DataDriverError:
        return team_id, set()
    ids = set(team.table("students")["student_id"].dropna().astype(str)) if team.has("students") else set()
    return team.config.name, ids


def forms_for_run(team_id: str, notebooks: Sequence[Path], options: BatchOptions, work_dir: Path, team_out: Path,
                  outcomes: Sequence[NotebookOutcome], kernel: SharedKernel | None) -> SharedForms:
    """The forms a batch run asked for, after its notebooks ran into ``work_dir``."""
    ran = {o.notebook for o in outcomes if o.ok}
    return write_shared_forms(team_id, notebooks, shared_node(team_id, options, work_dir, ran, kernel), team_out,
                              submission=options.submission, packet=options.wants_packet(notebooks),
                              data_dir=options.data_dir, cache=options.cache_dir)


def write_shared_forms(team_id: str, notebooks: Sequence[Path], shared_node: SharedNode,
                       team_out: Path, *, submission: bool, packet: bool, data_dir: Path,
                       cache: Path | None) -> SharedForms:
    """Write a submission form per notebook (``submission``) and gather the packet (``packet``)."""
    made = SharedForms()
    wanted = [n for n in notebooks if submission or (packet and n.stem in PACKET_NOTEBOOKS)]
    team_name, ids = _name_and_ids(data_dir, team_id, cache)
    nodes: dict[str, nbformat.NotebookNode] = {}
    for notebook in wanted:
        node = shared_node(notebook)
        if node is None:
            made.failures.append(NotebookOutcome(team_id, f"{notebook.stem} (shared form)", False, None,
                                                 "the notebook failed when rendered for a shared audience"))
            continue
        nodes[notebook.stem] = node
        if submission:
            _write_form(team_id, notebook.stem, node, ids, team_out, made, team_name)
    if packet:
        html = packet_html(nodes, team_name)
        found = sorted({leak.kind for leak in leaks(html, ids)})
        if found:
            made.failures.append(NotebookOutcome(team_id, "credential packet", False, None,
                                                 f"not written: it would still show {', '.join(found)}"))
        else:
            made.packet = ([html], team_out / PACKET_FILE)
    return made


def _title(node: nbformat.NotebookNode, stem: str) -> str:
    """The report's own title (its first ``# `` heading): the PDF footer shows it, not a file name."""
    for cell in node.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return stem.split("_", 1)[-1].replace("_", " ").capitalize()


def _write_form(team_id: str, stem: str, node: nbformat.NotebookNode, ids: set[str], team_out: Path,
                made: SharedForms, team_name: str) -> None:
    target = submission_path(team_out / f"{stem}.html")
    html = submission_html(node, f"{_title(node, stem)} — {team_name}")
    found = leaks(html, ids)
    if found:
        target.unlink(missing_ok=True)  # an older form would no longer match the report
        kinds = sorted({leak.kind for leak in found})
        made.failures.append(NotebookOutcome(team_id, f"{stem} (submission)", False, None,
                                             f"not written: it would still show {', '.join(kinds)}"))
        return
    atomic_write_text(target, html)
    made.forms.append(target)
