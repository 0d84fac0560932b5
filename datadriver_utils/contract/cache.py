"""A team's validated tables, kept as Parquet so twelve notebooks read them once, not twelve times.

Reading, checking and typing a team's files is the same work in every notebook; for an item-level
file of a million rows it is seconds each time. The batch therefore checks a team once, stores
its typed tables here, and every notebook's :func:`~datadriver_utils.contract.team.load_team`
reads them back (the batch sets :data:`CACHE_ENV` for its kernels, so notebooks need no change).

What keeps it safe:

* **The key is the content.** An entry is found by a hash (:func:`team_key`) of the bytes of
  district.yml, team.yml and every table file, the team's folder and id, and the versions of
  this package's contract code, pandas and pyarrow. Any edit, a new file, a moved folder or an
  upgrade gives a new key, so a stale entry is never read -- it is just not found.
* **One team, one folder.** Entries live under a folder named by a hash of the team folder's
  path, and each records its team id, folder and key; a read checks all three, so another
  team's data (or another data folder's team of the same id) is never returned.
* **Private, and outside the data.** The cache lives in the user's cache folder
  (``~/.cache/datadriver/teams`` or ``$XDG_CACHE_HOME``), never in the data folder or the
  exports; folders are created 0700 and a cache folder another account owns is refused.
* **Concurrent runs.** An entry is written in a temporary folder and renamed into place in
  one step; a reader sees a whole entry or none, and any read error is a miss (the files are
  read again). Only the newest entry of a team is kept.
* **Only clean data.** A team with problems is never stored: it is checked again next time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from datadriver_utils.contract.schemas import TABLES

__all__ = [
    "CACHE_ENV", "CachedTeam", "cache_root_from_env", "default_cache_dir", "forget", "read_cached", "store", "team_key",
]

CACHE_ENV = "DATADRIVER_CACHE"
"""Environment variable naming the cache folder; set by the batch for its kernels."""

_FORMAT = "1"  # bump when the entry layout changes
_META = "team.json"


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/datadriver/teams``, else ``~/.cache/datadriver/teams``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "datadriver" / "teams"


def cache_root_from_env() -> Path | None:
    """The folder named by :data:`CACHE_ENV`, or ``None`` (no caching) when it is unset."""
    value = os.environ.get(CACHE_ENV, "").strip()
    return Path(value) if value else None


@cache
def _code_version() -> str:
    """This package's version and the contract code itself (a changed check is a new key)."""
    import pyarrow

    digest = hashlib.sha256(f"{_FORMAT}|{pd.__version__}|{pyarrow.__version__}".encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + source.read_bytes())
    return digest.hexdigest()


def _input_files(team_dir: Path) -> list[Path]:
    """The files whose bytes decide the team's tables: team.yml and every contract table."""
    files = [team_dir / "team.yml"]
    for spec in TABLES.values():
        stem = Path(spec.file).stem
        files += [team_dir / f"{stem}{suffix}" for suffix in (".csv", ".xlsx")]
    return files


def team_key(data_dir: Path, team_id: str) -> str:
    """Hash of everything the team's validated tables depend on (see the module docstring)."""
    team_dir = (data_dir / "teams" / team_id).resolve()
    digest = hashlib.sha256(f"{_code_version()}|{team_id}|{team_dir}".encode())
    for path in [data_dir / "district.yml", *_input_files(team_dir)]:
        digest.update(b"\0" + path.name.encode() + b"\0")
        try:
            with path.open("rb") as handle:
                digest.update(hashlib.file_digest(handle, "sha256").digest())
        except (FileNotFoundError, IsADirectoryError):
            digest.update(b"absent")
    return digest.hexdigest()


def _team_folder(root: Path, data_dir: Path, team_id: str) -> Path:
    location = str((data_dir / "teams" / team_id).resolve())
    return root / hashlib.sha256(location.encode()).hexdigest()[:24]


def _private_folder(path: Path) -> Path:
    """Create ``path`` (and parents) owner-only; refuse one another account owns."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    info = path.stat()
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise PermissionError(f"the cache folder {path} belongs to another account")
    if info.st_mode & 0o077:
        os.chmod(path, 0o700)
    return path


@dataclass(frozen=True)
class CachedTeam:
    """A stored entry: the team's tables and which tables it has not supplied yet."""

    tables: dict[str, pd.DataFrame]
    missing: list[str]


def read_cached(root: Path, data_dir: Path, team_id: str, key: str | None = None) -> CachedTeam | None:
    """The entry for this team and key, or ``None`` (absent, for another team, or unreadable)."""
    key = key or team_key(data_dir, team_id)
    entry = _team_folder(root, data_dir, team_id) / key
    try:
        meta = json.loads((entry / _META).read_text(encoding="utf-8"))
        if meta != {**meta, "team_id": team_id, "team_dir": str((data_dir / "teams" / team_id).resolve()), "key": key}:
            return None
        tables = {name: pd.read_parquet(entry / f"{name}.parquet") for name in meta["tables"]}
    except (OSError, ValueError, KeyError, TypeError):  # absent, half-pruned or damaged: read the files
        return None
    return CachedTeam(tables, list(meta["missing"]))


def store(root: Path, data_dir: Path, team_id: str, key: str, tables: dict[str, pd.DataFrame],
          missing: list[str]) -> bool:
    """Write an entry atomically; ``False`` (and nothing kept) if the cache cannot be written."""
    try:
        folder = _private_folder(_team_folder(_private_folder(root), data_dir, team_id))
        if (folder / key / _META).is_file():
            return True  # another process stored the same content first
        staging = Path(tempfile.mkdtemp(prefix=".writing-", dir=folder))
        try:
            for name, frame in tables.items():
                frame.to_parquet(staging / f"{name}.parquet", index=True)
            meta: dict[str, Any] = {"team_id": team_id, "team_dir": str((data_dir / "teams" / team_id).resolve()),
                                    "key": key, "tables": sorted(tables), "missing": list(missing)}
            (staging / _META).write_text(json.dumps(meta), encoding="utf-8")
            os.rename(staging, folder / key)  # atomic; fails if a racing writer got there first
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
            return (folder / key / _META).is_file()
    except (OSError, ValueError, ImportError):  # read-only or full cache, a table pyarrow cannot store
        return False
    _prune(folder, keep=key)
    return True


def _prune(folder: Path, keep: str) -> None:
    """Remove the team's older entries (and temporary folders older than an hour)."""
    import time

    for entry in folder.iterdir():
        if entry.name == keep:
            continue
        with contextlib.suppress(OSError):  # a concurrent run may be pruning too
            if not entry.name.startswith(".") or time.time() - entry.stat().st_mtime > 3600:
                shutil.rmtree(entry)


def forget(root: Path, data_dir: Path, team_id: str) -> None:
    """Remove every entry of this team folder (a worker's temporary copy, once rendered)."""
    shutil.rmtree(_team_folder(root, data_dir, team_id), ignore_errors=True)
