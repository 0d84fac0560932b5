"""Workshop capture: round trips, history, latest, no collisions, atomic writes, bad names.

Also the widgets' save handlers (built, filled in programmatically, saved with ``click()``).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest
import yaml

from datadriver_utils.errors import CaptureError, DataDriverError, UnsafePathError
from datadriver_utils.workshop import store as capture
from datadriver_utils.workshop.content import (
    MODULE1_QUIZ,
    RATING_SCALE,
    TEAM_SELF_ASSESSMENT,
    VISION_COMPONENTS,
    VISION_ROLES,
)
from datadriver_utils.workshop.store import ResponseStore, SavedResponse
from datadriver_utils.workshop.widgets import (
    check_answer,
    quiz,
    rating_grid,
    session_picker,
    table_editor,
    text_capture,
)

UTC = dt.UTC
T0 = dt.datetime(2026, 11, 23, 10, 15, 30, 123456, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> ResponseStore:
    return ResponseStore(tmp_path / "teams" / "t1")


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[dt.datetime]:
    """A settable clock: saves happen at ``times[0]``; the per-process 'last stamp' is reset."""
    times = [T0]
    monkeypatch.setattr(capture, "_clock", lambda: times[0])
    monkeypatch.setattr(capture, "_last_stamp", None)
    return times


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


TRICKY = pd.DataFrame({
    "member": ["Zoë Ñúñez", 'Said "yes", then no', "line one\nline two", "=1+1", "'quoted",
               "-3.5", "@SUM(A1)", "\tTab", "中文"],
    "rating": [1.0, 2.0, 3.0, 4.0, None, 2.5, 1.0, 3.0, 4.0],
    "count": [1, 2, 3, 4, 5, 6, 7, 8, 9],
})


def test_table_round_trip_keeps_text_and_numbers(store: ResponseStore, clock: list) -> None:
    path = store.save_table("team_self_assessment", TRICKY, session="fall", facilitator="Ana")
    assert path.parent == store.root / "team_self_assessment"
    assert path.name == "20261123T101530123456Z-" + path.name[23:29] + ".csv"
    back = store.load(path)
    pd.testing.assert_frame_equal(back.astype({"member": object}),
                                  TRICKY.astype({"member": object}), check_dtype=False)
    assert back["rating"].dtype == "float64" and back["count"].dtype == "int64"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark for Excel
    text = raw.decode("utf-8-sig")
    # formula-like text gets one apostrophe; a plain number written as text does not
    for cell in ["'=1+1", "''quoted", "'@SUM(A1)", "'\tTab", "\n-3.5,2.5,6\n", "\n中文,4.0,9\n"]:
        assert cell in text, cell
    assert "\n'-3.5" not in text
    meta = yaml.safe_load(path.with_name(path.name[:-4] + ".meta.yml").read_text("utf-8"))
    assert meta["session"] == "fall" and meta["facilitator"] == "Ana"
    assert meta["activity"] == "team_self_assessment" and meta["written_by"] == "datadriver"
    assert meta["saved_at"] == T0.isoformat() and meta["rows"] == 9
    assert meta["columns"] == {"member": "text", "rating": "number", "count": "number"}


def test_record_round_trip(store: ResponseStore, clock: list) -> None:
    record = {"prompt": "Our vision?", "text": 'Every "student"\n= known by name', "n": 3}
    path = store.save_record("vision_draft", record)
    assert path.suffix == ".yml"
    assert store.load(path) == record
    assert store.latest("vision_draft") == record
    (saved,) = store.history("vision_draft")
    assert saved.kind == "record" and saved.rows is None


def test_empty_table_with_columns_and_table_without_columns(store: ResponseStore) -> None:
    empty = pd.DataFrame({"member": pd.Series([], dtype=str), "rating": pd.Series([], dtype=float)})
    back = store.load(store.save_table("a", empty))
    assert list(back.columns) == ["member", "rating"] and len(back) == 0
    with pytest.raises(CaptureError, match="at least one column"):
        store.save_table("a", pd.DataFrame())
    with pytest.raises(CaptureError, match="every column name once"):
        store.save_table("a", pd.DataFrame([[1, 2]], columns=["x", "x"]))


def test_history_order_and_latest_before_and_session(store: ResponseStore, clock: list) -> None:
    frames = [pd.DataFrame({"v": [float(i)]}) for i in range(3)]
    sessions = ["fall", "winter", "fall"]
    for i, (frame, session) in enumerate(zip(frames, sessions)):
        clock[0] = T0 + dt.timedelta(minutes=10 * i)  # 10:15, 10:25, 10:35
        store.save_table("barriers", frame, session=session)
    history = store.history("barriers")
    assert [s.saved_at for s in history] == [T0 + dt.timedelta(minutes=m) for m in (0, 10, 20)]
    assert [s.session for s in history] == sessions and [s.rows for s in history] == [1, 1, 1]
    assert store.latest("barriers")["v"].tolist() == [2.0]
    assert store.latest("barriers", before=T0 + dt.timedelta(minutes=20))["v"].tolist() == [1.0]
    assert store.latest("barriers", before=T0) is None  # strictly before the first save
    assert store.latest("barriers", session="winter")["v"].tolist() == [1.0]
    assert store.latest("barriers", session="fall", before=T0 + dt.timedelta(minutes=15))[
        "v"].tolist() == [0.0]
    naive_local = (T0 + dt.timedelta(minutes=11)).astimezone().replace(tzinfo=None)
    assert store.latest("barriers", before=naive_local)["v"].tolist() == [1.0]
    assert store.history("nothing_yet") == [] and store.latest("nothing_yet") is None
    assert isinstance(history[0].to_dict()["saved_at"], str)


def test_same_microsecond_saves_do_not_collide(store: ResponseStore, clock: list) -> None:
    first = store.save_table("a", pd.DataFrame({"v": [1]}))
    second = store.save_table("a", pd.DataFrame({"v": [2]}))
    assert first != second and first.exists() and second.exists()
    assert [store.load(s)["v"].item() for s in store.history("a")] == [1, 2]


def test_taken_name_is_never_overwritten(store: ResponseStore, clock: list,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    folder = store.root / "a"
    folder.mkdir(parents=True)
    taken = folder / "20261123T101530123456Z-aaaaaa.csv"
    taken.write_text("v\n99\n", encoding="utf-8")
    suffixes = iter(["aaaaaa", "bbbbbb", "cccccc"])
    monkeypatch.setattr(capture, "_suffix", lambda: next(suffixes))
    path = store.save_table("a", pd.DataFrame({"v": [1]}))
    assert path.name == "20261123T101530123456Z-bbbbbb.csv"
    assert taken.read_text(encoding="utf-8") == "v\n99\n"


def test_concurrent_saves_from_threads_all_kept(store: ResponseStore, clock: list) -> None:
    def work(k: int) -> None:
        for i in range(10):
            store.save_table("a", pd.DataFrame({"who": [k], "i": [i]}), session=f"s{k}")

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    loaded = pd.concat([store.load(s) for s in store.history("a")])
    assert len(loaded) == 40 and len(loaded.drop_duplicates()) == 40  # 4 threads x 10 saves


def _child(team_dir: str, k: int) -> None:
    # every process starts from the same frozen clock, so their stamps coincide
    capture._clock = lambda: T0  # type: ignore[assignment]
    capture._last_stamp = None
    store = ResponseStore(Path(team_dir))
    for i in range(20):
        store.save_table("a", pd.DataFrame({"who": [k], "i": [i]}))


@pytest.mark.skipif(sys.platform == "win32", reason="uses the fork start method")
def test_concurrent_saves_from_processes_all_kept(store: ResponseStore) -> None:
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_child, args=(str(store.team_dir), k)) for k in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=60)
    assert [p.exitcode for p in procs] == [0, 0]
    history = store.history("a")
    loaded = pd.concat([store.load(s) for s in history])
    assert len(history) == 40 and len(loaded.drop_duplicates()) == 40  # 2 processes x 20 saves
    assert len({s.saved_at for s in history}) == 20  # the same 20 stamps in both processes
    assert not [n for n in os.listdir(store.root / "a") if n.endswith(".tmp")]


def test_failure_during_write_leaves_nothing_partial(store: ResponseStore, clock: list,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    earlier = store.save_table("a", pd.DataFrame({"v": [1]}))
    before_bytes, before_files = earlier.read_bytes(), _files(store.root / "a")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(capture.os, "fsync", broken_fsync)
    with pytest.raises(CaptureError, match="No space left"):
        store.save_table("a", pd.DataFrame({"v": [2]}))
    assert _files(store.root / "a") == before_files and earlier.read_bytes() == before_bytes


def test_failure_writing_sidecar_removes_the_new_file(store: ResponseStore, clock: list,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    earlier = store.save_table("a", pd.DataFrame({"v": [1]}))
    before = _files(store.root / "a")
    real, calls = capture._publish_new, []

    def publish(folder: Path, make_name, data: bytes) -> Path:
        calls.append(1)
        if len(calls) == 2:  # the data file went in; the sidecar fails
            raise OSError(5, "Input/output error")
        return real(folder, make_name, data)

    monkeypatch.setattr(capture, "_publish_new", publish)
    with pytest.raises(CaptureError, match="Earlier saves are untouched"):
        store.save_table("a", pd.DataFrame({"v": [2]}))
    assert _files(store.root / "a") == before and store.load(earlier)["v"].tolist() == [1]


@pytest.mark.parametrize("activity", ["Team Survey", "", "a/b", "../x", "..", "x\n", "a.b",
                                      "/etc", "x" * 65, None])
def test_invalid_activity_refused(store: ResponseStore, activity: object) -> None:
    with pytest.raises(CaptureError, match="cannot be used"):
        store.save_table(activity, pd.DataFrame({"v": [1]}))  # type: ignore[arg-type]
    with pytest.raises(CaptureError):
        store.history(activity)  # type: ignore[arg-type]
    assert not store.root.exists()


def test_symlinked_activity_folder_leading_out_is_refused(store: ResponseStore, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    store.root.mkdir(parents=True)
    (store.root / "evil").symlink_to(outside)
    with pytest.raises(UnsafePathError):
        store.save_table("evil", pd.DataFrame({"v": [1]}))
    assert list(outside.iterdir()) == []


def test_corrupt_files_name_the_file(store: ResponseStore, clock: list) -> None:
    path = store.save_table("a", pd.DataFrame({"v": [1]}))
    path.write_bytes(b"v\n\xff\xfe\x00broken")
    with pytest.raises(CaptureError, match=path.name):
        store.load(path)
    meta = path.with_name(path.name[:-4] + ".meta.yml")
    meta.write_text("rows: [unclosed", encoding="utf-8")
    with pytest.raises(CaptureError, match=meta.name):
        store.history("a")
    record = store.save_record("r", {"a": 1})
    record.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(CaptureError, match=record.name):
        store.load(record)
    with pytest.raises(CaptureError, match="gone.csv"):
        store.load(store.root / "a" / "gone.csv")


def test_csv_without_sidecar_is_still_read(store: ResponseStore) -> None:
    folder = store.root / "a"
    folder.mkdir(parents=True)
    (folder / "20261123T101530123456Z-abcdef.csv").write_text("m,r\nAna,3\n'=x,\n", "utf-8")
    (saved,) = store.history("a")
    assert saved.session is None and saved.rows is None and saved.saved_at == T0
    back = store.load(saved)
    assert back["m"].tolist() == ["Ana", "=x"] and back["r"].tolist()[0] == 3


# -- widgets --------------------------------------------------------------------------------

def test_rating_grid_saves_ratings_and_calls_back(store: ResponseStore, clock: list) -> None:
    received: list[pd.DataFrame] = []
    items = TEAM_SELF_ASSESSMENT[:2]
    box = rating_grid(store, "team_self_assessment", items, ["Ana", "Ben"], RATING_SCALE,
                      on_saved=received.append, session="fall")
    box.controls["save"].click()
    assert "Nothing to save" in box.status.value and store.history("team_self_assessment") == []
    box.controls[(items[0].id, "Ana")].value = 3.0
    box.controls[(items[1].id, "Ben")].value = 1.0
    box.controls["save"].click()
    (saved,) = store.history("team_self_assessment")
    expected = pd.DataFrame({"member": ["Ana", "Ben"], "item": [items[0].id, items[1].id],
                             "rating": [3.0, 1.0]})
    assert len(received) == 1
    pd.testing.assert_frame_equal(received[0], expected)
    pd.testing.assert_frame_equal(store.load(saved).astype(object), expected.astype(object))
    assert "Saved 2 ratings at" in box.status.value and "earlier sessions kept" in box.status.value
    assert saved.session == "fall"


def test_rating_grid_reports_a_save_error(tmp_path: Path) -> None:
    box = rating_grid(ResponseStore(tmp_path), "Bad Name", ["x"], ["Ana"], RATING_SCALE)
    box.controls[("x", "Ana")].value = 2.0
    box.controls["save"].click()
    assert box.status.value.startswith("<b>Not saved:</b>") and "cannot be used" in box.status.value


def test_table_editor_adds_rows_and_saves(store: ResponseStore, clock: list) -> None:
    received: list[pd.DataFrame] = []
    box = table_editor(store, "vision_components", VISION_COMPONENTS, VISION_ROLES,
                       on_saved=received.append)
    box.controls[(VISION_COMPONENTS[0].name, "teachers")].value = "Share a <b>failure</b> a month"
    box.controls["new_row"].value = "Family partnership"
    box.controls["add_row"].click()
    box.controls[("Family partnership", "your_role")].value = "=call families"
    box.controls["save"].click()
    table = store.latest("vision_components")
    assert list(table.columns) == ["component", *[r.id for r in VISION_ROLES]]
    assert len(table) == 6 and table["component"].iloc[-1] == "Family partnership"
    assert table.loc[0, "teachers"] == "Share a <b>failure</b> a month"
    assert table.loc[5, "your_role"] == "=call families"
    assert len(received) == 1 and "Saved 6 rows" in box.status.value
    box.controls["new_row"].value = "Family partnership"  # the same name twice is refused
    box.controls["add_row"].click()
    assert "different name" in box.status.value


def test_text_capture_and_session_picker(store: ResponseStore, clock: list) -> None:
    box = text_capture(store, "vision_draft", "Draft <our> vision")
    assert "&lt;our&gt;" in box.children[0].value
    box.controls["text"].value = "Every student known by name and need."
    box.controls["save"].click()
    clock[0] = T0 + dt.timedelta(hours=1)
    box.controls["text"].value = "Second draft."
    box.controls["save"].click()
    loaded: list[object] = []
    picker = session_picker(store, "vision_draft", loaded.append)
    options = picker.controls["picker"].options
    assert len(options) == 2 and options[0][1].saved_at > options[1][1].saved_at  # newest first
    picker.controls["picker"].value = options[1][1]
    picker.controls["load"].click()
    assert loaded == [{"prompt": "Draft <our> vision",
                       "text": "Every student known by name and need."}]
    assert isinstance(options[0][1], SavedResponse)


def test_session_picker_with_nothing_saved(store: ResponseStore) -> None:
    loaded: list[object] = []
    picker = session_picker(store, "barriers", loaded.append)
    picker.controls["load"].click()
    assert loaded == [] and "Choose a saved version" in picker.status.value


def test_quiz_feedback() -> None:
    question = MODULE1_QUIZ[1]  # political barrier: correct index 2
    assert check_answer(question, None) == "Choose an answer first."
    assert check_answer(question, 2).startswith("Right.")
    assert check_answer(question, 0).startswith('Not quite: the answer is "Political".')
    box = quiz(MODULE1_QUIZ)
    box.controls[(1, "choice")].value = 0
    box.controls[(1, "check")].click()
    assert box.controls[(1, "feedback")].value.startswith("Not quite")
    box.controls[(1, "choice")].value = 2
    box.controls[(1, "check")].click()
    assert box.controls[(1, "feedback")].value.startswith("Right.")
    assert box.controls[(0, "feedback")].value == ""


def test_errors_are_datadriver_errors() -> None:
    assert issubclass(CaptureError, DataDriverError)
