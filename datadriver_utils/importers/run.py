"""``datadriver import``: plan, preview, then write -- the steps behind the command.

:func:`run_import` reads the mapping and the team folder, lets the source build its plan from
the input files, prepares every file it would write (refusing, before anything is written, to
overwrite a team's files unless told to append or replace), and writes them atomically unless
it is a dry run. Input files are only ever read; an input that is also one of the files the
import would write is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from datadriver_utils.contract.config import TeamConfig
from datadriver_utils.contract.reading import read_table_checked
from datadriver_utils.core.paths import validate_team_id
from datadriver_utils.errors import ImportRefusedError, MappingError, Problem, TableReadError
from datadriver_utils.importers.mapping import MAPPINGS_FOLDER, load_mapping, mapping_problems, read_mapping_problems
from datadriver_utils.importers.plan import ImportPlan
from datadriver_utils.importers.registry import ImportContext, get_source, source_keys
from datadriver_utils.importers.writing import Mode, WriteResult, prepare_writes, read_team_config, write_prepared

__all__ = ["ImportOutcome", "run_import", "check_kept_mappings"]


@dataclass
class ImportOutcome:
    """The plan, what was (or would be) written, and whether it was."""

    plan: ImportPlan
    writes: WriteResult
    team_dir: Path
    written: bool


def _known_students(team_dir: Path, mode: Mode) -> frozenset[str] | None:
    path = team_dir / "students.csv"
    if mode == "replace" or not path.is_file():
        return None
    try:
        frame, _ = read_table_checked(path, path.name)
    except TableReadError:
        return None
    return frozenset(frame["student_id"].dropna().astype(str)) if "student_id" in frame else None


def _refuse_writing_inputs(files: list[Path], team_dir: Path, writes: WriteResult) -> None:
    targets = {(team_dir / name).resolve() for name in writes.files}
    clashes = [f for f in files if f.resolve() in targets]
    if clashes:
        raise ImportRefusedError("Nothing was written: an input file is one the import would write.", [
            Problem(f.name, "this input is inside the team folder under a name the import writes; move the export "
                    "somewhere else (for example a downloads folder) and import it from there.") for f in clashes])


def run_import(source_name: str, files: list[Path], team_dir: Path, map_path: Path | None = None,
               mode: Mode = "refuse", dry_run: bool = False) -> ImportOutcome:
    """Import ``files`` as ``source_name`` into ``team_dir``; see the module docstring.

    Raises
    ------
    ImportRefusedError
        (or a subclass) with every problem found, when nothing can be written.
    """
    validate_team_id(team_dir.name)
    source = get_source(source_name)
    mapping = load_mapping(map_path)
    if map_path is not None:
        problems = mapping_problems(mapping, map_path.name, set(source.mapping_keys), source.name)
        if problems:
            raise MappingError(f"The mapping file {map_path.name} does not fit '{source.name}':", problems)
    config = read_team_config(team_dir)
    context = ImportContext(team_dir, config, _known_students(team_dir, mode))
    plan = source.build(files, mapping, context)
    if mapping.team is not None:
        plan.team_defaults = plan.team_defaults.model_copy(update=mapping.team.model_dump(exclude_none=True))
    plan.tables = {key: frame for key, frame in plan.tables.items() if len(frame)}
    if not plan.tables:
        raise ImportRefusedError(f"Nothing was written: no row of the {source.title} files could be used.",
                                 plan.unusable or [Problem(", ".join(plan.files), "the files hold no data rows.")])
    copy_name = f"{MAPPINGS_FOLDER}/{source.name}.yml"
    mapping_copy = None
    if map_path is not None and map_path.resolve() != (team_dir / copy_name).resolve():
        mapping_copy = (copy_name, map_path.read_bytes())
    writes = prepare_writes(plan, team_dir, mode, config, mapping_copy)
    _refuse_writing_inputs(files, team_dir, writes)
    if not dry_run:
        write_prepared(writes, team_dir)
    return ImportOutcome(plan, writes, team_dir, written=not dry_run)


def check_kept_mappings(team_dir: Path, team: TeamConfig | None) -> list[Problem]:
    """Problems of the mapping files a team keeps (``mappings/*.yml``), for ``datadriver check``:
    invalid keys and values, keys the source does not read, windows team.yml does not list."""
    folder = team_dir / MAPPINGS_FOLDER
    if not folder.is_dir():
        return []
    keys = source_keys()
    return [p for path in sorted(folder.glob("*.y*ml")) for p in read_mapping_problems(path, team, keys)]
