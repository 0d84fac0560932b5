"""Write the whole sample district: ``python -m datadriver_utils.sample --seed N``.

The output is committed to ``sample_data/`` so tests and reports run on fixed files; running
the command again with the same seed reproduces them byte for byte.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from datadriver_utils.core.paths import atomic_write_text
from datadriver_utils.sample.core import generate_core, key_corrections, team_yaml
from datadriver_utils.sample.extras import write_extras
from datadriver_utils.sample.leadership import write_leadership_records
from datadriver_utils.sample.profiles import DISTRICT, TEAMS, TeamProfile
from datadriver_utils.sample.teacher_leadership import write_teacher_leadership
from datadriver_utils.sample.templates import write_templates

__all__ = ["DEFAULT_SEED", "generate_district", "write_csv"]

DEFAULT_SEED = 2026


def write_csv(path: Path, frame: pd.DataFrame) -> None:
    """CSV with a stable format (LF line ends, no index), written atomically."""
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n", float_format="%g")
    atomic_write_text(path, buffer.getvalue())


def _write_yaml(path: Path, mapping: dict[str, object]) -> None:
    atomic_write_text(path, yaml.safe_dump(mapping, sort_keys=False, allow_unicode=True, width=100))


def _write_team(data_dir: Path, profile: TeamProfile, rng: np.random.Generator, first_id: int) -> None:
    team_dir = data_dir / "teams" / profile.team_id
    team_dir.mkdir(parents=True, exist_ok=True)
    core = generate_core(profile, rng, first_id)
    config = team_yaml(profile)
    extra_config = write_extras(team_dir, profile, core, rng, write_csv)
    config.update(extra_config)
    _write_yaml(team_dir / "team.yml", config)
    write_csv(team_dir / "students.csv", core.students)
    write_csv(team_dir / "assessments.csv", core.assessments)
    corrections = key_corrections(profile, core.assessments)
    if corrections is not None:  # no random draw: every other file stays byte for byte the same
        write_csv(team_dir / "key_corrections.csv", corrections)
    # teacher leadership (notebooks 30-33, 40): new files and new survey keys only, no randomness,
    # so every file above stays byte for byte what it was
    write_teacher_leadership(team_dir, profile.team_id, write_csv)


def generate_district(out_dir: Path, seed: int = DEFAULT_SEED) -> Path:
    """Write district.yml, templates and every team of the sample district under ``out_dir``."""
    rng = np.random.default_rng(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    _write_yaml(out_dir / "district.yml", dict(DISTRICT))
    write_templates(out_dir / "templates")
    for number, profile in enumerate(TEAMS):
        _write_team(out_dir, profile, np.random.default_rng(rng.integers(0, 2**32)), 100_000 * (number + 1))
    # Notebooks 06 and 21 (assessment literacy, leadership moves): new files from a random stream of
    # their own, so every file above stays byte for byte what it was.
    write_leadership_records(out_dir, seed, write_csv, atomic_write_text)
    return out_dir
