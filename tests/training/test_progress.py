"""Progress is the learner's, outside every team folder, and can be reset."""

from __future__ import annotations

import json

import pytest

from datadriver_utils.errors import CaptureError
from datadriver_utils.training.progress import ProgressStore, training_home


def test_tries_are_counted_and_right_stays_right(tmp_path) -> None:
    store = ProgressStore("Ana R", root=tmp_path)
    store.record("11.1", False)
    store.record("11.1", True)
    entry = store.record("11.1", False)
    assert entry["tries"] == 3 and entry["correct"] is True
    saved = json.loads(store.path.read_text(encoding="utf-8"))
    assert saved["learner"] == "Ana R" and set(saved["exercises"]) == {"11.1"}
    assert store.path.parent == tmp_path


def test_reset_forgets(tmp_path) -> None:
    store = ProgressStore("ana", root=tmp_path)
    store.record("12.1", True)
    assert store.reset() is True
    assert store.load() == {} and store.reset() is False


@pytest.mark.parametrize("name", ["", "../x", "a/b", "x" * 80])
def test_unsafe_learner_names_are_refused(tmp_path, name) -> None:
    with pytest.raises(CaptureError):
        ProgressStore(name, root=tmp_path)


def test_the_home_can_be_moved(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("DATADRIVER_TRAINING_DIR", str(tmp_path / "t"))
    assert training_home() == tmp_path / "t"
    assert ProgressStore("bo").path == tmp_path / "t" / "bo.json"


def test_a_damaged_file_says_how_to_recover(tmp_path) -> None:
    store = ProgressStore("bo", root=tmp_path)
    store.path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CaptureError, match="Reset it"):
        store.load()
