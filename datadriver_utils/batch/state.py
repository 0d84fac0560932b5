"""What the last run rendered for each team, so a rerun renders only what changed.

Each rendered team leaves a small record in ``<out>/.datadriver/teams/<team_id>.json``: the
**run key** its reports were made from and its outcome (report names, ok, messages -- never a
data value, as in the district index). The run key (:func:`run_key`) is a hash of everything a
report depends on:

* the team's data: district.yml and every file in the team's folder (tables, team.yml, the
  workshop answers under ``responses/``), by content;
* the notebooks, by content, and the package that runs them (every source and template file
  of ``datadriver_utils``, and the versions of the libraries that draw and export);
* the audience and every other notebook parameter, among them the as-of date every date is
  judged at (``--as-of``, else the run's date: so a rerun on a later day renders every team
  again -- each report prints the date in its header, and overdue flags may have changed).

A team whose key matches its record, whose last run was fully rendered and whose files are
all still in ``<out>`` is not rendered again; ``--force`` renders it anyway. The index and
the district summary are rebuilt from these records every run, so they list every team the
export folder holds reports for (of the run's audience), not only the teams of this run.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import datadriver_utils
from datadriver_utils.batch.outcomes import PACKET_FILE, SUBMISSION_SUFFIX, NotebookOutcome, TeamOutcome
from datadriver_utils.core.paths import atomic_write_json

__all__ = ["STATE_DIR", "TeamRecord", "notebooks_fingerprint", "package_fingerprint", "read_record", "records_for", "run_key", "unchanged_teams",
           "write_record"]

STATE_DIR = ".datadriver"
"""Folder inside the export folder for run records (no data values: names, keys, outcomes)."""

_LIBRARIES = ("pandas", "numpy", "matplotlib", "seaborn", "nbconvert", "papermill", "pyarrow", "jinja2")


@cache
def package_fingerprint() -> str:
    """Every file of the installed package (code, templates) and the libraries' versions."""
    digest = hashlib.sha256(f"{datadriver_utils.__version__}|{sys.version}".encode())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=absent;".encode())
    root = Path(datadriver_utils.__file__).resolve().parent
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        if path.suffix in {".py", ".j2", ".json", ".ipynb", ".css", ".yml"}:
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _file_digest(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").digest()
    except OSError:
        return b"absent"


def _folder_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + _file_digest(path))
    return digest.hexdigest()


def notebooks_fingerprint(notebooks: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for notebook in notebooks:
        digest.update(notebook.name.encode() + b"\0" + notebook.read_bytes())
    return digest.hexdigest()


def run_key(data_dir: Path, team_id: str, notebooks_digest: str, parameters: Mapping[str, str]) -> str:
    """The hash a team's reports are made from (see the module docstring)."""
    digest = hashlib.sha256()
    for part in (_file_digest(data_dir / "district.yml").hex(), _folder_digest(data_dir / "teams" / team_id),
                 team_id, notebooks_digest, package_fingerprint(), json.dumps(dict(parameters), sort_keys=True)):
        digest.update(part.encode() + b"\n")
    return digest.hexdigest()


class TeamRecord:
    """A team's stored result: the key it was rendered from and its outcome."""

    def __init__(self, key: str, audience: str, rendered_at: str, outcome: TeamOutcome) -> None:
        self.key, self.audience, self.rendered_at, self.outcome = key, audience, rendered_at, outcome

    def to_json(self) -> dict[str, Any]:
        outcome = self.outcome
        return {
            "key": self.key, "audience": self.audience, "rendered_at": self.rendered_at,
            "team_id": outcome.team_id, "name": outcome.name, "missing_files": list(outcome.missing_files),
            "notebooks": [{k: v for k, v in asdict(n).items() if k != "details"} for n in outcome.notebooks],
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> TeamRecord:
        notebooks = [NotebookOutcome(**n) for n in raw["notebooks"]]
        outcome = TeamOutcome(raw["team_id"], raw.get("name", ""), [], notebooks, list(raw.get("missing_files", [])))
        return cls(str(raw["key"]), str(raw["audience"]), str(raw["rendered_at"]), outcome)

    def outputs_present(self, out_dir: Path, pdf: bool = False, *, submission: bool = False,
                        packet: bool = False) -> bool:
        """Every report it names, and summary.json, are still in the export folder (with ``pdf``,
        the PDF beside each report too; with ``submission`` each submission form, with
        ``packet`` the credential packet)."""
        team_out = out_dir / self.outcome.team_id
        reports = [n.html for n in self.outcome.notebooks if n.html]
        forms = [Path(r).stem + SUBMISSION_SUFFIX for r in reports] if submission else []
        names = reports + forms + ["summary.json"] + ([PACKET_FILE] if packet else [])
        names += [str(Path(r).with_suffix(".pdf")) for r in reports + forms] if pdf else []
        return all((team_out / name).is_file() for name in names)


def _record_path(out_dir: Path, team_id: str) -> Path:
    return out_dir / STATE_DIR / "teams" / f"{team_id}.json"


def read_record(out_dir: Path, team_id: str) -> TeamRecord | None:
    """The team's record, or ``None`` when there is none or it cannot be read."""
    try:
        return TeamRecord.from_json(json.loads(_record_path(out_dir, team_id).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_record(out_dir: Path, record: TeamRecord) -> None:
    path = _record_path(out_dir, record.outcome.team_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_json(path, record.to_json())


def records_for(out_dir: Path, team_ids: Iterable[str], audience: str) -> dict[str, TeamRecord]:
    """Stored records of these teams rendered for ``audience`` (others are left out)."""
    found = {}
    for team_id in team_ids:
        record = read_record(out_dir, team_id)
        if record is not None and record.audience == audience:
            found[team_id] = record
    return found


def unchanged_teams(
    out_dir: Path, audience: str, keys: Mapping[str, str], notebooks: Sequence[Path], *, pdf: bool = False,
    submission: bool = False, packet: bool = False,
) -> dict[str, TeamOutcome]:
    """Teams whose last run was complete, from the same key, with every report (and with ``pdf``
    every PDF beside it) still there."""
    reused = {}
    wanted = {nb.stem for nb in notebooks}
    for team_id, key in keys.items():
        record = read_record(out_dir, team_id)
        if (record is None or record.key != key or record.audience != audience or not record.outcome.ok
                or {n.notebook for n in record.outcome.notebooks} != wanted or not record.outputs_present(out_dir, pdf, submission=submission, packet=packet)):
            continue
        record.outcome.reused, record.outcome.rendered_at = True, record.rendered_at
        reused[team_id] = record.outcome
    return reused
