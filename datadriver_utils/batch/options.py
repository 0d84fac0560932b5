"""What a batch run is asked to do (:class:`BatchOptions`) and which notebooks it renders.

Split from :mod:`datadriver_utils.batch.runner` so the command line, the state records and the
Dask path can describe a run without loading the engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import datadriver_utils.notebooks as bundled_notebooks
from datadriver_utils.batch.outcomes import PACKET_SNAPSHOT
from datadriver_utils.contract.cache import CACHE_ENV, default_cache_dir
from datadriver_utils.errors import ParameterError
from datadriver_utils.privacy.rules import Audience

__all__ = ["DEFAULT_NOTEBOOK_DIR", "BatchOptions", "default_notebooks"]

DEFAULT_NOTEBOOK_DIR = Path(bundled_notebooks.__file__).resolve().parent
"""The installed notebooks (the repository's ``notebooks/`` in a checkout's editable install)."""


@dataclass(frozen=True)
class BatchOptions:
    """What to run, where, for whom, and how patiently."""

    data_dir: Path
    out_dir: Path
    teams: Sequence[str] | None = None
    audience: Audience = Audience.TEAM
    notebook_dir: Path = DEFAULT_NOTEBOOK_DIR
    notebooks: Sequence[str] | None = None
    jobs: int = 2
    cell_timeout: int = 300
    start_timeout: int = 60
    kernel_name: str = "python3"
    share_kernel: bool = True
    """One kernel for many notebooks (see :class:`~datadriver_utils.batch.kernels.SharedKernel`);
    ``False`` starts a fresh kernel for every notebook."""
    force: bool = False
    """Render every team even if nothing changed since its last complete run."""
    cache_dir: Path | None = field(default_factory=default_cache_dir)
    """Private folder of checked teams read by every notebook; ``None`` reads the files each time."""
    parameters: Mapping[str, str] = field(default_factory=dict)
    """More notebook parameters (e.g. a window), passed as text; part of the rerun key."""
    as_of: dt.date | None = None
    """The day every notebook judges dates at (overdue actions and trainings, the minutes'
    register), passed to each as its ``as_of`` parameter and part of the rerun key. ``None``:
    :func:`run_batch` sets the run's date, so a rerun on a later day renders every team again
    (every report prints the date in its header)."""
    scheduler: str | None = None
    """Address of a dask.distributed scheduler to send the teams to (``None``: this machine)."""
    pdf: bool = False
    """Also print each HTML report to a PDF beside it (:mod:`datadriver_utils.batch.pdf`); part of
    the rerun key, so a ``--pdf`` run after a plain one renders (and prints) again.  Implies ``packet``."""
    submission: bool = False
    """Also write each report's submission form (:mod:`datadriver_utils.batch.shared_forms`)."""
    packet: bool = False
    """Also print each team's Data Driver credential packet (:mod:`datadriver_utils.batch.credential_packet`)."""

    def wants_packet(self, notebooks: Sequence[Path]) -> bool:
        """The packet is printed with ``packet`` or ``pdf``, when the run renders the snapshot."""
        return (self.packet or self.pdf) and PACKET_SNAPSHOT in {n.stem for n in notebooks}

    def notebook_parameters(self, team_id: str, summary_dir: str) -> dict[str, str]:
        """What every notebook receives; plain ``str`` only (FIELD_NOTES: other types are not escaped)."""
        return {
            **{str(k): str(v) for k, v in self.parameters.items()},
            **({"as_of": self.as_of.isoformat()} if self.as_of is not None else {}),
            "data_dir": str(self.data_dir), "team_id": str(team_id),
            "audience": str(self.audience.value), "summary_dir": str(summary_dir),
        }

    def dated(self) -> BatchOptions:
        """These options with ``as_of`` set: the given date (or an ``as_of`` among
        ``parameters``), else the run's date (today)."""
        if self.as_of is not None:
            return self
        given = str(self.parameters.get("as_of", "")).strip()
        try:
            day = dt.date.fromisoformat(given) if given else dt.date.today()
        except ValueError:
            raise ParameterError(f"as_of {given!r} is not a date: write it as YYYY-MM-DD (for example "
                                 "2026-01-15).") from None
        return replace(self, as_of=day)

    def kernel_env(self) -> dict[str, str]:
        """Environment for the kernels: where the checked teams are cached (empty: no cache)."""
        return {CACHE_ENV: str(self.cache_dir) if self.cache_dir else ""}


def default_notebooks(notebook_dir: Path) -> list[Path]:
    """Numbered notebooks (``00_…`` to ``99_…``) in order."""
    return sorted(p for p in notebook_dir.glob("[0-9][0-9]_*.ipynb"))
