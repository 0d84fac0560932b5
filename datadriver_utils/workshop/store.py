"""Workshop answers saved into the team folder, every save kept, the latest one easy to reload.

Layout: ``teams/<team_id>/responses/<activity>/<stamp>-<suffix>.csv`` for tables and ``.yml``
for text and mappings, each with a sidecar ``<stamp>-<suffix>.meta.yml`` holding when it was
saved (UTC), the session, the facilitator, the activity, the column types and the writer.
``stamp`` is the UTC time to the microsecond (``20261123T101530123456Z``), so file names sort
by time; ``suffix`` is six random hex digits so that two laptops saving in the same
microsecond into a shared folder still get different names.

Why so careful: a workshop is run once; losing a team's answers to a half-written file, a
double-clicked Save or two facilitators saving at once cannot be undone. So each file is
written to a temporary file in the same folder, flushed and ``os.fsync``-ed, then published
under its final name with ``os.link`` -- which fails rather than overwrite an existing file --
(or, where hard links are not supported, by reserving the name with ``O_CREAT | O_EXCL`` and
``os.replace``-ing onto the reservation). Nothing is ever overwritten; the report uses the
latest save unless told otherwise (:meth:`ResponseStore.latest` with ``before=``/``session=``).

CSVs are UTF-8 with a byte-order mark so Excel opens them with accents intact, and text cells
that Excel would run as a formula (``= + - @``, tab, CR; OWASP "CSV injection") get a leading
apostrophe, as do cells that already start with one, so :meth:`ResponseStore.load` can take
exactly one apostrophe off and give back what was typed. Numeric columns are written as numbers.
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import re
import secrets
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from datadriver_utils.core.jsonable import to_jsonable
from datadriver_utils.core.paths import fsync_folder, resolve_inside
from datadriver_utils.core.safe_text import excel_protect, excel_unprotect
from datadriver_utils.core.timestamps import file_stamp, parse_file_stamp, utc_now
from datadriver_utils.errors import CaptureError

__all__ = ["ACTIVITY_PATTERN", "ResponseStore", "SavedResponse"]

#: Activity names become folder names: lowercase letters, digits, ``_`` and ``-`` only.
ACTIVITY_PATTERN = re.compile(r"[a-z0-9_-]{1,64}")
RESPONSES_DIR = "responses"
WRITER = "datadriver"
_NAME = re.compile(r"(?P<stamp>\d{8}T\d{12}Z)-(?P<suffix>[0-9a-f]{6})\.(?P<ext>csv|yml)")
_MAX_TRIES = 20
_NO_HARD_LINKS = {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS}
_clock_lock = threading.Lock()
_last_stamp: dt.datetime | None = None


def _clock() -> dt.datetime:
    """The current UTC time (tests replace this to force saves into one microsecond)."""
    return utc_now()


def _suffix() -> str:
    return secrets.token_hex(3)


def _next_time() -> dt.datetime:
    """``_clock()``, nudged 1 µs past the previous save of this process when it would repeat.

    Within one process names then strictly increase, so history keeps the order of saves
    even when the clock is coarse; across processes the random suffix keeps names apart.
    """
    global _last_stamp
    with _clock_lock:
        now = _clock().astimezone(dt.UTC)
        if _last_stamp is not None and now <= _last_stamp:
            now = _last_stamp + dt.timedelta(microseconds=1)
        _last_stamp = now
        return now


@dataclass(frozen=True)
class SavedResponse:
    """One saved answer: its file, when and in which session it was saved, and its size."""

    path: Path
    activity: str
    saved_at: dt.datetime
    session: str | None = None
    facilitator: str | None = None
    rows: int | None = None
    kind: str = "table"

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.path.name, "activity": self.activity,
                "saved_at": self.saved_at.isoformat(), "session": self.session,
                "facilitator": self.facilitator, "rows": self.rows, "kind": self.kind}


class ResponseStore:
    """Saved workshop answers of one team, under ``team_dir / "responses"``.

    Parameters
    ----------
    team_dir:
        The team folder (``data/teams/<team_id>``); ``responses/`` is created on first save.
    clock, suffix:
        Where save times and file-name suffixes come from. Leave them out in a workshop; the
        sample generator passes fixed ones so the sample district is reproducible byte for byte.
    """

    def __init__(self, team_dir: Path | str, *, clock: Callable[[], dt.datetime] | None = None,
                 suffix: Callable[[], str] | None = None) -> None:
        self.team_dir = Path(team_dir)
        self.root = self.team_dir / RESPONSES_DIR
        self._clock = clock
        self._suffix = suffix

    # -- saving ---------------------------------------------------------------------------
    def save_table(self, activity: str, df: pd.DataFrame, *, session: str | None = None,
                   facilitator: str | None = None) -> Path:
        """Save a table of answers as a new CSV; earlier saves are kept. Returns its path.

        The index is not written (``reset_index()`` first if it carries answers).

        Raises
        ------
        CaptureError
            For an invalid activity name, a table without columns or with repeated column
            names, or a file that could not be written (nothing partial is left behind).
        """
        folder = self._folder(activity, create=True)
        columns = [str(c) for c in df.columns]
        if not columns or len(set(columns)) != len(columns):
            raise CaptureError(f"Cannot save the '{activity}' table: it needs at least one column "
                               f"and every column name once (got {columns}).")
        table = df.set_axis(columns, axis=1)
        kinds = {c: _column_kind(table[c]) for c in columns}
        data = _csv_text(table, kinds).encode("utf-8-sig")
        meta = {"rows": int(len(table)), "columns": kinds}
        return self._save(folder, activity, "csv", data, meta, session, facilitator)

    def save_record(self, activity: str, mapping: Mapping[str, Any], *, session: str | None = None,
                    facilitator: str | None = None) -> Path:
        """Save text or a mapping (a vision draft, minutes) as a new YAML file. Returns its path.

        Values are turned into plain YAML types (dates as ISO text, numpy numbers as numbers).
        """
        folder = self._folder(activity, create=True)
        try:
            plain = to_jsonable(dict(mapping))
            data = yaml.safe_dump(plain, allow_unicode=True, sort_keys=False).encode("utf-8")
        except (TypeError, ValueError, yaml.YAMLError) as err:
            raise CaptureError(f"Cannot save the '{activity}' answers: {err}.") from err
        return self._save(folder, activity, "yml", data, {"rows": None}, session, facilitator)

    def _save(self, folder: Path, activity: str, ext: str, data: bytes, meta: dict[str, Any],
              session: str | None, facilitator: str | None) -> Path:
        when = _next_time() if self._clock is None else self._clock().astimezone(dt.UTC)
        meta = {"activity": activity, "saved_at": when.isoformat(), "session": session,
                "facilitator": facilitator, "kind": "table" if ext == "csv" else "record",
                **meta, "written_by": WRITER}
        meta_bytes = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).encode("utf-8")
        stamp = file_stamp(when)
        try:
            path = _publish_new(folder, lambda: f"{stamp}-{(self._suffix or _suffix)()}.{ext}", data)
        except OSError as err:
            raise CaptureError(f"Could not save the '{activity}' answers in {folder}: "
                               f"{err.strerror or err}. Earlier saves are untouched.") from err
        try:
            _publish_new(folder, lambda: _meta_name(path), meta_bytes)
        except OSError as err:
            path.unlink(missing_ok=True)
            raise CaptureError(f"Could not save the '{activity}' answers in {folder}: "
                               f"{err.strerror or err}. Earlier saves are untouched.") from err
        return path

    # -- reading --------------------------------------------------------------------------
    def history(self, activity: str) -> list[SavedResponse]:
        """Every save of ``activity``, oldest first (``[]`` when there is none yet).

        Raises
        ------
        CaptureError
            If a sidecar ``.meta.yml`` cannot be read; the message names it.
        """
        folder = self._folder(activity, create=False)
        if not folder.is_dir():
            return []
        found = [m for p in folder.iterdir() if (m := _NAME.fullmatch(p.name))]
        saved = [self._describe(folder / m.group(0), activity, m) for m in found]
        return sorted(saved, key=lambda s: (s.saved_at, s.path.name))

    def latest(self, activity: str, *, before: dt.datetime | None = None,
               session: str | None = None) -> pd.DataFrame | dict[str, Any] | None:
        """The newest save (optionally saved strictly before ``before``, or of one session).

        A naive ``before`` is taken as this computer's local time. ``None`` when nothing fits.
        """
        saves = self.history(activity)
        if before is not None:
            limit = before.astimezone(dt.UTC)
            saves = [s for s in saves if s.saved_at < limit]
        if session is not None:
            saves = [s for s in saves if s.session == session]
        return self.load(saves[-1]) if saves else None

    def load(self, saved: SavedResponse | Path) -> pd.DataFrame | dict[str, Any]:
        """Read one save back: a DataFrame for a table, a dict for a record.

        Raises
        ------
        CaptureError
            When the file is missing or cannot be read (damaged, not UTF-8, not CSV/YAML),
            naming the file.
        """
        path = saved.path if isinstance(saved, SavedResponse) else Path(saved)
        meta = _read_meta(path)
        try:
            if path.suffix == ".yml":
                value = yaml.safe_load(path.read_text(encoding="utf-8"))
                if not isinstance(value, dict):
                    raise ValueError("it does not hold a set of named answers")
                return value
            text = path.read_text(encoding="utf-8-sig")
            raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False)
        except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as err:
            raise CaptureError(f"Could not read the saved answers in {path}: {err}. Delete or "
                               "repair this file; the other saves are not affected.") from err
        return _restore(raw, meta.get("columns") or {}, path)

    # -- helpers --------------------------------------------------------------------------
    def _folder(self, activity: object, *, create: bool) -> Path:
        if not isinstance(activity, str) or not ACTIVITY_PATTERN.fullmatch(activity):
            raise CaptureError(
                f"Activity name {activity!r} cannot be used: use 1 to 64 lowercase letters, "
                "digits, '_' or '-' (for example 'team_self_assessment').")
        folder = resolve_inside(self.team_dir, RESPONSES_DIR, activity)
        if create:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise CaptureError(f"Could not create {folder}: {err.strerror or err}.") from err
        return folder

    def describe(self, path: Path) -> SavedResponse:
        """The :class:`SavedResponse` for a path returned by a save."""
        match = _NAME.fullmatch(path.name)
        if match is None:
            raise CaptureError(f"{path} is not a saved workshop answer (unexpected file name).")
        return self._describe(path, path.parent.name, match)

    def _describe(self, path: Path, activity: str, match: re.Match[str]) -> SavedResponse:
        meta = _read_meta(path)
        stamp = parse_file_stamp(match.group("stamp"))
        rows = meta.get("rows")
        return SavedResponse(path=path, activity=activity, saved_at=stamp,
                             session=_opt_str(meta.get("session")),
                             facilitator=_opt_str(meta.get("facilitator")),
                             rows=int(rows) if isinstance(rows, int) else None,
                             kind="table" if match.group("ext") == "csv" else "record")


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


def _meta_name(path: Path) -> str:
    return path.name.rsplit(".", 1)[0] + ".meta.yml"


def _read_meta(path: Path) -> dict[str, Any]:
    """The sidecar of ``path`` ({} when it is missing: e.g. a save interrupted mid-way)."""
    meta_path = path.with_name(_meta_name(path))
    try:
        value = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise CaptureError(f"Could not read {meta_path}: {err}. Delete or repair this file.") from err
    if not isinstance(value, dict):
        raise CaptureError(f"Could not read {meta_path}: it is not a set of named values. "
                           "Delete or repair this file.")
    return value


def _column_kind(column: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(column):
        return "boolean"
    if pd.api.types.is_numeric_dtype(column):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(column):
        return "datetime"
    return "text"


def _csv_text(table: pd.DataFrame, kinds: Mapping[str, str]) -> str:
    out = table.copy()
    for col, kind in kinds.items():
        if kind == "text":
            out[col] = out[col].astype(object).map(excel_protect)
    out.columns = [excel_protect(c) for c in out.columns]
    return out.to_csv(index=False, lineterminator="\n")


def _restore(raw: pd.DataFrame, kinds: Mapping[str, str], path: Path) -> pd.DataFrame:
    """Undo :func:`_csv_text`: apostrophes off text, numbers and dates typed again."""
    out = raw.rename(columns=excel_unprotect)
    for col in out.columns:
        kind = kinds.get(col) or _guess_kind(out[col])
        blank = out[col] == ""
        try:
            if kind == "number":
                out[col] = pd.to_numeric(out[col].mask(blank))
            elif kind == "boolean":
                out[col] = out[col].map({"True": True, "False": False})
            elif kind == "datetime":
                out[col] = pd.to_datetime(out[col].mask(blank), format="ISO8601")
            else:
                out[col] = out[col].map(excel_unprotect)
        except (ValueError, TypeError) as err:
            raise CaptureError(f"Could not read column '{col}' of {path}: {err}. Delete or "
                               "repair this file.") from err
    return out


def _guess_kind(column: pd.Series) -> str:
    """For a CSV without sidecar: a column whose filled cells are all numbers is numeric."""
    filled = column[column != ""]
    ok = len(filled) > 0 and pd.to_numeric(filled, errors="coerce").notna().all()
    return "number" if ok else "text"


def _publish_new(folder: Path, make_name: Callable[[], str], data: bytes) -> Path:
    """Write ``data`` under a new name from ``make_name()``; never replace an existing file."""
    tmp = str(folder / f".{secrets.token_hex(8)}.tmp")
    # 0o666 less the umask, as for any new file (mkstemp would make it owner-only)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        for _ in range(_MAX_TRIES):
            final = folder / make_name()
            if _link_new(tmp, final):
                fsync_folder(folder)
                return final
        raise FileExistsError(errno.EEXIST, f"no free file name after {_MAX_TRIES} tries")
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _link_new(tmp: str, final: Path) -> bool:
    """Give ``tmp`` the name ``final`` if that name is free; ``False`` when it is taken."""
    try:
        os.link(tmp, final)
        return True
    except FileExistsError:
        return False
    except OSError as err:
        if err.errno not in _NO_HARD_LINKS:
            raise
    try:  # no hard links here: reserve the name exclusively, then swap the data in
        os.close(os.open(final, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except FileExistsError:
        return False
    os.replace(tmp, final)
    return True


