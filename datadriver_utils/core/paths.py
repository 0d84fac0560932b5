"""Safe names and safe writes: team ids, paths that stay in their folder, atomic files.

Two facts from /work/shared/FIELD_NOTES.md ("Security facts about the stack") shape this:
a team id ends up in folder and file names (so it must not be able to climb out with ``..``),
and a file written with a plain ``open(path, "w")`` is left half-written when the disk fills or
the kernel dies -- so we write a temporary file in the same folder, fsync it and ``os.replace``
it into place, which either swaps in the whole new file or leaves the old one.
"""

from __future__ import annotations

import errno
import json
import os
import re
import tempfile
from pathlib import Path, PurePath
from typing import Any

from datadriver_utils.core.jsonable import to_jsonable
from datadriver_utils.errors import OutputWriteError, UnsafePathError

#: 1-64 characters: lowercase a-z, digits, ``-`` and ``_``, starting with a letter or digit.
TEAM_ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_ALLOWED_WORDS = (
    "1 to 64 characters from lowercase letters a-z, digits 0-9, '-' and '_', "
    "starting with a letter or digit (for example 'lincoln-ms' or 'grade7_team')"
)
_REASONS = {
    errno.EROFS: "the folder is read-only",
    errno.EACCES: "this account is not allowed to write there",
    errno.EPERM: "this account is not allowed to write there",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "part of the path is a file, not a folder",
    errno.EISDIR: "a folder already has that name",
    errno.ENAMETOOLONG: "the file name is too long",
}



def validate_team_id(team_id: object) -> str:
    """Return ``team_id`` if it is safe as a folder and file name, else raise.

    Raises
    ------
    UnsafePathError
        Naming the allowed characters (and the lowercase spelling when that would do).
    """
    if isinstance(team_id, str) and TEAM_ID_PATTERN.fullmatch(team_id):
        return team_id
    hint = ""
    if isinstance(team_id, str) and TEAM_ID_PATTERN.fullmatch(team_id.strip().lower()):
        hint = f" Try '{team_id.strip().lower()}'."
    raise UnsafePathError(f"Team id {team_id!r} cannot be used: use {_ALLOWED_WORDS}.{hint}")


def resolve_inside(root: Path | str, *parts: Path | str) -> Path:
    """Join ``parts`` under ``root``, resolve it fully, and insist it is still inside ``root``.

    ``Path.resolve`` follows symlinks and removes ``..``, so ``../x``, an absolute part such
    as ``/etc/passwd`` and a symlink inside ``root`` that points elsewhere all land outside
    and are refused.  The path need not exist yet.  (The check is made now: a symlink created
    after it is not seen -- write only into folders the tool itself controls.)

    Raises
    ------
    UnsafePathError
        Naming the path and the folder it must stay in.
    """
    base = Path(root).resolve()
    shown = str(PurePath(*parts)) if parts else "."
    try:
        target = base.joinpath(*parts).resolve()
    except (OSError, ValueError) as err:  # NUL byte, symlink loop
        raise UnsafePathError(f"The path {shown!r} cannot be used ({err}).") from err
    if target != base and base not in target.parents:
        raise UnsafePathError(
            f"The path {shown!r} leads to {target}, outside the folder {base}; "
            f"files must stay inside {base}."
        )
    return target


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one.

    A temporary file in the same folder is written, flushed and ``os.fsync``-ed, then
    ``os.replace``-d over ``path`` (atomic on one file system).  An existing file keeps its
    permission bits; a new one gets the usual ``0o666`` less the process umask.

    Raises
    ------
    OutputWriteError
        On any ``OSError``, with the reason in words; the temporary file is removed and the
        previous file is untouched.
    """
    path = Path(path)
    tmp_name: str | None = None
    try:
        with tempfile.NamedTemporaryFile(
            delete=False, dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        ) as tmp:
            tmp_name = tmp.name
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_name, _mode_for(path))
        os.replace(tmp_name, path)
        tmp_name = None
        fsync_folder(path.parent)
    except OSError as err:
        raise OutputWriteError(path, _reason(err)) from err
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def atomic_write_text(path: Path | str, text: str, encoding: str = "utf-8") -> None:
    """Atomically write ``text`` (no newline translation); ``encoding="utf-8-sig"`` for Excel."""
    atomic_write_bytes(path, text.encode(encoding))


def atomic_write_json(path: Path | str, obj: Any) -> None:
    """Atomically write ``obj`` as UTF-8 JSON (indent 2); NaN, NA and infinities become ``null``."""
    text = json.dumps(to_jsonable(obj), indent=2, ensure_ascii=False, allow_nan=False)
    atomic_write_text(path, text + "\n")


def _reason(err: OSError) -> str:
    words = _REASONS.get(err.errno or 0)
    return words if words else (err.strerror or str(err))


def _mode_for(path: Path) -> int:
    """Permission bits for the new file: the old file's, else 0o666 less the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process umask, read without changing it where Linux allows (threads stay safe)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    return 0o077  # unknown: owner-only is the safe side for files that may hold student rows


def fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless to skip where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
