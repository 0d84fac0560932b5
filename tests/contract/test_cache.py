"""The cache of checked teams: same frames as reading the files, never another team's, private, atomic.

Issue 13: a team's files are read and checked once; every notebook then reads the typed tables
from a private cache keyed by the files' content. These tests hold the cache to what
contract/cache.py promises.
"""

from __future__ import annotations

import io
import json
import shutil
import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

from datadriver_utils.contract import cache as team_cache
from datadriver_utils.contract.reading import _parse_with_pandas, _parse_with_pyarrow
from datadriver_utils.contract.team import check_team, list_teams, load_district, load_team
from tests.conftest import SAMPLE_DATA, STUDENTS_OK

TEAMS = list_teams(SAMPLE_DATA)


def entries(root: Path) -> list[Path]:
    return [p for p in root.glob("*/*") if not p.name.startswith(".")] if root.exists() else []


@pytest.mark.parametrize("team_id", TEAMS)
def test_cached_tables_equal_the_checked_files(team_id: str, tmp_path: Path) -> None:
    district, _ = load_district(SAMPLE_DATA)
    assert district is not None
    fresh, problems = check_team(SAMPLE_DATA, team_id, district)
    assert fresh is not None and not problems
    check_team(SAMPLE_DATA, team_id, district, tmp_path / "cache")  # stores
    assert len(entries(tmp_path / "cache")) == 1
    cached, problems = check_team(SAMPLE_DATA, team_id, district, tmp_path / "cache")  # reads back
    assert cached is not None and not problems
    assert cached.missing == fresh.missing and cached.tables.keys() == fresh.tables.keys()
    for name, frame in fresh.tables.items():
        pd.testing.assert_frame_equal(cached.tables[name], frame, check_exact=True)
        assert cached.tables[name].index.name == frame.index.name == "row"


def test_a_changed_file_is_read_again_and_the_old_entry_removed(make_team, tmp_path: Path) -> None:
    data = make_team()
    root = tmp_path / "cache"
    first = load_team(data, "t1", cache=root)
    assert list(first.students["student_id"]) == ["001", "002", "003"]
    (data / "teams" / "t1" / "students.csv").write_text(STUDENTS_OK + "004,7\n", encoding="utf-8")
    second = load_team(data, "t1", cache=root)
    assert list(second.students["student_id"]) == ["001", "002", "003", "004"]
    assert len(entries(root)) == 1  # only the newest entry is kept


def test_a_team_with_problems_is_never_stored(make_team, tmp_path: Path) -> None:
    data = make_team({"students.csv": "student_id,grade\n001,seven\n"})
    district, _ = load_district(data)
    team, problems = check_team(data, "t1", district, tmp_path / "cache")
    assert problems
    assert entries(tmp_path / "cache") == []


def test_one_teams_entry_is_never_read_for_another(make_team, tmp_path: Path) -> None:
    data = make_team()
    shutil.copytree(data / "teams" / "t1", data / "teams" / "t2")  # the very same files
    root = tmp_path / "cache"
    load_team(data, "t1", cache=root)
    load_team(data, "t2", cache=root)
    assert len(entries(root)) == 2  # each team folder has its own entry
    # Plant t1's entry where t2's would be: the record inside names t1, so it is not used.
    key2 = team_cache.team_key(data.resolve(), "t2")
    [entry1] = [e for e in entries(root) if json.loads((e / "team.json").read_text())["team_id"] == "t1"]
    planted = root / team_cache._team_folder(root, data.resolve(), "t2").name / key2
    shutil.rmtree(planted)
    shutil.copytree(entry1, planted)
    assert team_cache.read_cached(root, data.resolve(), "t2", key2) is None


def test_the_cache_folder_is_private_and_outside_the_data(make_team, tmp_path: Path, monkeypatch) -> None:
    data = make_team()
    monkeypatch.setenv(team_cache.CACHE_ENV, str(tmp_path / "cache"))
    load_team(data, "t1")  # the batch's kernels find the cache through the environment
    [entry] = entries(tmp_path / "cache")
    for folder in (tmp_path / "cache", entry.parent, entry):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert not [p for p in data.rglob("*") if p.suffix == ".parquet"]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert team_cache.default_cache_dir() == tmp_path / "xdg" / "datadriver" / "teams"


def test_without_a_cache_nothing_is_written(make_team, tmp_path: Path, monkeypatch) -> None:
    data = make_team()
    monkeypatch.delenv(team_cache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    load_team(data, "t1")
    assert not (tmp_path / "xdg").exists()


def test_concurrent_writers_leave_one_whole_entry(make_team, tmp_path: Path) -> None:
    data = make_team()
    root = tmp_path / "cache"
    with ThreadPoolExecutor(4) as pool:
        teams = list(pool.map(lambda _: load_team(data, "t1", cache=root), range(8)))
    assert all(list(t.students["student_id"]) == ["001", "002", "003"] for t in teams)
    [entry] = entries(root)
    assert not [p for p in entry.parent.iterdir() if p.name.startswith(".writing-")]
    assert team_cache.read_cached(root, data.resolve(), "t1") is not None


def test_a_damaged_entry_is_a_miss_not_an_error(make_team, tmp_path: Path) -> None:
    data = make_team()
    root = tmp_path / "cache"
    load_team(data, "t1", cache=root)
    [entry] = entries(root)
    (entry / "students.parquet").write_bytes(b"not parquet")
    assert team_cache.read_cached(root, data.resolve(), "t1") is None
    assert list(load_team(data, "t1", cache=root).students["student_id"]) == ["001", "002", "003"]


@pytest.mark.parametrize("team_id", TEAMS[:3])
def test_pyarrow_reads_every_sample_file_as_pandas_does(team_id: str) -> None:
    for path in sorted((SAMPLE_DATA / "teams" / team_id).glob("*.csv")):
        text = path.read_text(encoding="utf-8-sig")
        width = len(pd.read_csv(io.StringIO(text), dtype=str, nrows=0).columns)
        fast = _parse_with_pyarrow(text.encode(), ",", width)
        slow = _parse_with_pandas(text, ",")
        assert fast is not None and slow is not None, path.name
        assert fast.astype(object).fillna("").to_numpy().tolist() == slow.astype(object).fillna("").to_numpy().tolist()


def test_pyarrow_keeps_leading_zeros_and_leaves_odd_files_to_pandas() -> None:
    frame = _parse_with_pyarrow(b"student_id,grade\n007,07\n0042,K\n", ",", 2)
    assert frame is not None and frame.iloc[:, 0].tolist() == ["007", "0042"] and frame.iloc[:, 1].tolist() == ["07", "K"]
    assert _parse_with_pyarrow(b'student_id,grade\n001,"7\n002,7\n', ",", 2) is None  # unclosed quote
    assert _parse_with_pyarrow(b"student_id,grade\n001,7,x\n", ",", 2) is None  # a row too long
    assert _parse_with_pyarrow(b"student_id,grade\n001\n", ",", 2) is None  # a row too short
