"""Tests for datadriver_utils.core.paths: team ids, paths kept in their folder, atomic writes, JSON."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from datadriver_utils.core import paths
from datadriver_utils.core.paths import (
    TEAM_ID_PATTERN,
    OutputWriteError,
    atomic_write_bytes,
    atomic_write_json,
    atomic_write_text,
    resolve_inside,
    to_jsonable,
    validate_team_id,
)
from datadriver_utils.errors import DataDriverError, UnsafePathError

# ---------------------------------------------------------------- team ids


@pytest.mark.parametrize("team_id", ["lincoln-ms", "7th_grade", "a", "0", "a" * 64, "x-_-y"])
def test_valid_team_ids_come_back_unchanged(team_id: str) -> None:
    assert validate_team_id(team_id) == team_id
    assert TEAM_ID_PATTERN.fullmatch(team_id)


@pytest.mark.parametrize(
    "team_id",
    ["", "..", ".", "../x", "a/b", "a\\b", "-lead", "_lead", "team one", "a" * 65,
     "équipe", "тим", "ｔｅａｍ", "a\n", "a\x00", None, 7],
)
def test_unsafe_team_ids_are_refused_naming_the_allowed_characters(team_id: object) -> None:
    with pytest.raises(UnsafePathError) as info:
        validate_team_id(team_id)
    assert isinstance(info.value, DataDriverError)
    assert "lowercase letters a-z, digits 0-9, '-' and '_'" in str(info.value)


def test_uppercase_team_id_gets_a_lowercase_hint() -> None:
    with pytest.raises(UnsafePathError, match="Try 'lincoln-ms'"):
        validate_team_id("Lincoln-MS")


# ---------------------------------------------------------------- resolve_inside


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    (tmp_path / "data" / "team-a").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    return tmp_path / "data"


def test_a_nested_path_inside_the_folder_is_resolved(root: Path) -> None:
    assert resolve_inside(root, "team-a", "reports", "x.html") == (
        root.resolve() / "team-a" / "reports" / "x.html")
    assert resolve_inside(root, "team-a/../team-b") == root.resolve() / "team-b"
    assert resolve_inside(root) == root.resolve()
    assert resolve_inside(str(root), Path("team-a")) == root.resolve() / "team-a"


@pytest.mark.parametrize(
    "parts", [("../x",), ("..",), ("team-a", "..", "..", "outside"), ("/etc/passwd",),
              ("team-a", "/etc/passwd")],
)
def test_paths_that_climb_out_are_refused(root: Path, parts: tuple[str, ...]) -> None:
    with pytest.raises(UnsafePathError) as info:
        resolve_inside(root, *parts)
    message = str(info.value)
    assert str(root.resolve()) in message and "must stay inside" in message


def test_a_symlink_inside_pointing_out_is_refused(root: Path) -> None:
    (root / "team-a" / "link").symlink_to(root.parent / "outside", target_is_directory=True)
    with pytest.raises(UnsafePathError, match="link"):
        resolve_inside(root, "team-a", "link", "secrets.csv")


def test_a_symlink_that_stays_inside_is_allowed(root: Path) -> None:
    (root / "alias").symlink_to(root / "team-a", target_is_directory=True)
    assert resolve_inside(root, "alias", "x.csv") == root.resolve() / "team-a" / "x.csv"


def test_a_nul_byte_is_refused(root: Path) -> None:
    with pytest.raises(UnsafePathError):
        resolve_inside(root, "team\x00a")


# ---------------------------------------------------------------- atomic writes


def test_atomic_write_creates_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    atomic_write_text(target, "first")
    atomic_write_bytes(target, b"second")
    assert target.read_bytes() == b"second"
    assert os.listdir(tmp_path) == ["report.html"]


def test_text_is_written_byte_for_byte_in_the_encoding(tmp_path: Path) -> None:
    target = tmp_path / "staff.csv"
    atomic_write_text(target, "é\r\n", encoding="utf-8-sig")
    assert target.read_bytes() == b"\xef\xbb\xbf\xc3\xa9\r\n"


def _raise(code: int):  # type: ignore[no-untyped-def]
    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))
    return boom


@pytest.mark.parametrize("where", ["replace", "fsync"])
def test_disk_full_keeps_the_previous_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    target = tmp_path / "summary.json"
    target.write_text("previous")
    monkeypatch.setattr(paths.os, where, _raise(errno.ENOSPC))
    with pytest.raises(OutputWriteError) as info:
        atomic_write_text(target, "new")
    assert target.read_text() == "previous"
    assert os.listdir(tmp_path) == ["summary.json"]
    assert "the disk is full" in str(info.value) and str(target) in str(info.value)
    assert isinstance(info.value, DataDriverError)
    assert info.value.path == target and info.value.__cause__.errno == errno.ENOSPC


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.EROFS, "read-only"), (errno.EACCES, "not allowed to write")],
)
def test_read_only_folder_is_reported_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    # Tests run as root, which may write to a chmod-ed folder: simulate the refusal instead.
    target = tmp_path / "summary.json"
    target.write_text("previous")
    monkeypatch.setattr(paths.tempfile, "NamedTemporaryFile", _raise(code))
    with pytest.raises(OutputWriteError, match=words):
        atomic_write_json(target, {"a": 1})
    assert target.read_text() == "previous"


def test_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(OutputWriteError, match="folder does not exist"):
        atomic_write_text(tmp_path / "nope" / "x.txt", "x")


def test_a_programming_error_is_not_wrapped_but_still_cleans_up(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        atomic_write_bytes(tmp_path / "x.bin", "not bytes")  # type: ignore[arg-type]
    assert os.listdir(tmp_path) == []


def test_permissions_are_kept_or_follow_the_umask(tmp_path: Path) -> None:
    old = tmp_path / "old.txt"
    old.write_text("x")
    old.chmod(0o640)
    atomic_write_text(old, "y")
    assert old.stat().st_mode & 0o777 == 0o640
    previous = os.umask(0o027)
    try:
        atomic_write_text(tmp_path / "new.txt", "z")
    finally:
        os.umask(previous)
    # 0o666 less umask 0o027 = 0o640 (NamedTemporaryFile alone would give 0o600)
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o640


def test_temp_file_is_in_the_same_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real = tempfile.NamedTemporaryFile

    def spy(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        seen.append(str(kwargs["dir"]))
        return real(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(paths.tempfile, "NamedTemporaryFile", spy)
    atomic_write_text(tmp_path / "x.txt", "x")
    assert seen == [str(tmp_path)]


# ---------------------------------------------------------------- JSON


@dataclass(frozen=True)
class _Result:
    gain: float

    def to_dict(self) -> dict[str, float]:
        return {"gain": self.gain}


def test_json_turns_nan_and_missing_into_null(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    atomic_write_json(target, {"mean": float("nan"), "na": pd.NA, "nat": pd.NaT,
                               "np_nan": np.float64("nan"), "inf": float("inf"),
                               "list": [1.5, np.nan, None]})
    text = target.read_text()
    assert json.loads(text) == {"mean": None, "na": None, "nat": None, "np_nan": None,
                                "inf": None, "list": [1.5, None, None]}
    assert "NaN" not in text and "Infinity" not in text and text.endswith("}\n")


def test_json_converts_numpy_pandas_dates_and_dataclasses(tmp_path: Path) -> None:
    frame = pd.DataFrame({"grade": [7], "n": [np.int64(12)], "pct": [np.nan]})
    obj = {
        np.int64(3): np.int64(5), "flag": np.bool_(True), "f": np.float32(0.5),
        "when": pd.Timestamp("2025-09-01 08:30"), "day": dt.date(2025, 9, 1),
        "arr": np.array([1, 2]), "frame": frame, "path": Path("a/b.csv"),
        "set": {"b", "a"}, "result": _Result(gain=2.5), "name": "Zoë",
        "dt64": np.datetime64("2025-01-02"),
    }
    plain = to_jsonable(obj)
    assert plain == {
        3: 5, "flag": True, "f": 0.5, "when": "2025-09-01T08:30:00", "day": "2025-09-01",
        "arr": [1, 2], "frame": [{"grade": 7, "n": 12, "pct": None}], "path": "a/b.csv",
        "set": ["a", "b"], "result": {"gain": 2.5}, "name": "Zoë",
        "dt64": "2025-01-02T00:00:00",
    }
    assert type(plain["flag"]) is bool and type(plain[3]) is int
    atomic_write_json(tmp_path / "x.json", obj)
    assert "Zoë" in (tmp_path / "x.json").read_text(encoding="utf-8")


def test_json_refuses_unknown_types() -> None:
    with pytest.raises(TypeError, match="object"):
        to_jsonable({"x": object()})
