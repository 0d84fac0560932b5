"""Shared steps of the importer tests: where the fixtures are, and an import into a fresh team folder."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from datadriver_utils.importers import ImportOutcome, run_import
from tests.conftest import REPO

FIXTURES = REPO / "tests" / "data" / "imports"


def fixture(source: str, kind: str, *names: str) -> list[Path]:
    """Paths of fixture files (``kind``: documented or traps)."""
    return [FIXTURES / source / kind / name for name in names]


def import_into(tmp_path: Path, source: str, files: list[Path], mapping: Path | None = None,
                team: str = "t1", **options: object) -> ImportOutcome:
    """Import into ``tmp_path/data/teams/<team>``."""
    team_dir = tmp_path / "data" / "teams" / team
    return run_import(source, files, team_dir, mapping, **options)  # type: ignore[arg-type]


def table(outcome: ImportOutcome, name: str) -> pd.DataFrame:
    """A written table read back as text, the way the contract reads it."""
    return pd.read_csv(outcome.team_dir / name, dtype=str, keep_default_na=False)


def digest(paths: list[Path]) -> dict[str, str]:
    """SHA-256 of every file under the paths (to prove inputs are never written)."""
    files = [p for path in paths for p in ([path] if path.is_file() else sorted(path.rglob("*")))]
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files if p.is_file()}


def scores(outcome: ImportOutcome, standard: str = "overall") -> dict[tuple[str, str], float]:
    """(student, window) -> points of one standard."""
    frame = table(outcome, "assessments.csv")
    rows = frame[frame["standard"] == standard]
    return {(r.student_id, r.window): float(r.points) for r in rows.itertuples()}
