"""The workshop as a coach runs it: JupyterLab in Chromium, Run All, fill a widget, Save (issue 10, item 8).

For each notebook with capture widgets, a real JupyterLab server serves a copy of the
notebooks and the sample data (nothing is written into ``sample_data``). Chromium, driven by
Playwright, opens the notebook, waits for the kernel, runs all cells from the Run menu,
fills one capture widget, presses its Save button, and checks what the coach would check:
the status line says it saved, the response file is in the team's responses folder, and the
view under the widget, which said "No answers captured yet" before, now shows the answers
without its cell being run again.

Screenshots of each step land in ``test-artifacts/browser/`` (git-ignored) for a person to
look at, and one of the failing state when a step fails. The test is skipped, with the reason,
where Chromium or the playwright package is missing (``.ci/run`` installs Debian's chromium).
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import pytest

from datadriver_utils.batch.pdf import CHROMIUM_ARGS, CHROMIUM_ENV, find_chromium
from tests.conftest import NOTEBOOKS, REPO, SAMPLE_DATA

pytestmark = [pytest.mark.notebooks, pytest.mark.browser]
TEAM = "maple-elementary-g3"  # the notebooks' default team
ARTIFACTS = REPO / "test-artifacts" / "browser"
TOKEN = "datadriver-browser-test"
NOTHING = "No answers captured yet"
ERROR_OUTPUT = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
"""Where JupyterLab shows a cell's traceback (and anything else written to stderr)."""
STEP_MS = 30_000  # one click or one widget round trip
RUN_ALL_MS = 300_000  # every cell of a notebook, on a busy 2-core machine
LAB_SETTINGS = {
    # every cell in the page (JupyterLab 4 otherwise attaches only the cells in view)
    "@jupyterlab/notebook-extension/tracker": '{"windowingMode": "none"}',
    # no news or update checks: the machine has no outside network
    "@jupyterlab/apputils-extension/notification": '{"fetchNews": "false", "checkForUpdates": false}',
    "@jupyterlab/extensionmanager-extension/plugin": '{"enabled": false}',
}


def _type_draft(output: Any) -> str:
    draft = "Every teacher looks at this week's exit tickets with a colleague."
    output.locator("textarea").first.fill(draft)
    return draft


def _rate_everything(output: Any) -> None:
    selects = output.locator("select")
    for n in range(1, selects.count()):  # the first one picks an earlier session to reload
        selects.nth(n).select_option(index=3)


def _rate_and_expect(caption: str) -> Callable[[Any], str]:
    def fill(output: Any) -> str:
        _rate_everything(output)
        return caption
    return fill


def _write_an_action(output: Any) -> str:
    action = "Post the data calendar in the staff room"
    output.locator("textarea").first.fill(action)
    return action


@dataclass(frozen=True)
class Scenario:
    """One notebook: the live cell to fill, the view cell under it, and what it shows before."""

    notebook: str
    capture: str
    view: str
    activity: str
    fill: Callable[[Any], str]
    """Fills the widget (its output area) and returns the text the refreshed view must show."""
    before: str = NOTHING


SCENARIOS = [
    Scenario("00_orientation", "orientation.team_self_assessment_grid(report)",
             "orientation.team_self_assessment(report)", "team_self_assessment",
             _rate_and_expect("Team self-assessment by function")),
    Scenario("01_vision", "vision.vision_statement_capture(report)", "vision.vision_statement(report)",
             "vision_statement", _type_draft),
    Scenario("03_collection", "collection.self_assessment_grid(report)", "collection.self_assessment(report)",
             "collection_self_assessment", _rate_and_expect("Collection self-assessment, mean of members"),
             before="No collection self-assessment has been saved yet"),
    Scenario("05_change", "change.change_actions_editor(report)", "change.change_actions(report)",
             "change_actions", _write_an_action),
]


def test_every_notebook_with_capture_widgets_is_covered() -> None:
    """A new workshop notebook with a capture widget must get a scenario here."""
    capturing = set()
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        if any("live-only" in c.metadata.get("tags", []) and re.search(r"_(grid|capture|editor)\(", c.source)
               for c in cells):
            capturing.add(path.stem)
    assert capturing == {s.notebook for s in SCENARIOS}


# -- the server and the browser ---------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_server(base: str, server: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"JupyterLab did not start (exit code {server.poll()})")
        time.sleep(0.5)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Copies of the notebooks and the sample data, the chosen activities never saved yet."""
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(NOTEBOOKS, root / "notebooks", ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    shutil.copytree(SAMPLE_DATA, root / "sample_data")
    for scenario in SCENARIOS:
        shutil.rmtree(root / "sample_data" / "teams" / TEAM / "responses" / scenario.activity, ignore_errors=True)
    settings = root / "lab-settings"
    for plugin, text in LAB_SETTINGS.items():
        path = settings / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def lab(workspace: Path) -> Iterator[str]:
    """A JupyterLab server on a free port, serving ``workspace``; yields its base URL."""
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed (pip install -e .[test])")
    if find_chromium() is None:
        pytest.skip(f"Chromium is not installed (apt-get install chromium, or set {CHROMIUM_ENV})")
    port = _free_port()
    log = (workspace / "jupyterlab.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--port={port}", "--ip=127.0.0.1",
         f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={workspace}",
         f"--ServerApp.runtime_dir={workspace / 'runtime'}", f"--LabApp.user_settings_dir={workspace / 'lab-settings'}",
         f"--LabApp.workspaces_dir={workspace / 'lab-workspaces'}", "--LabApp.news_url=None",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for_server(base, server)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="module")
def browser(lab: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(find_chromium()), args=list(CHROMIUM_ARGS))
        yield chromium
        chromium.close()


# -- one notebook, as a coach runs it ---------------------------------------------------------

def _code_cell_positions(notebook: Path) -> tuple[int, dict[str, int]]:
    """How many cells the notebook has, and each code cell's position, by its source."""
    cells = nbformat.read(notebook, as_version=4).cells
    return len(cells), {c.source.strip(): n for n, c in enumerate(cells) if c.cell_type == "code"}


def _kernel_ready(page: Any) -> None:
    """The status bar names the kernel and says Idle: the kernel is started and connected."""
    page.locator(".jp-StatusBar-Item", has_text=re.compile(r"\|\s*Idle")).first.wait_for(timeout=RUN_ALL_MS)


def _run_all(page: Any, n_code: int) -> None:
    """Run ▸ Run All Cells, then wait until every code cell has its execution number.

    A Run All pressed while the kernel is still connecting can be dropped by JupyterLab, so the
    menu is used again (at most twice more) if no cell has started after a while.
    """
    from playwright.sync_api import TimeoutError as NothingStarted

    started = """() => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')]
                        .some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))"""

    for attempt in range(3):
        _kernel_ready(page)
        page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-item:not(.lm-mod-disabled)", has_text=re.compile(r"^Run All Cells")).first.click()
        try:
            page.wait_for_function(started, timeout=STEP_MS, polling=250)
            break
        except NothingStarted:
            if attempt == 2:
                raise
    page.wait_for_function(  # every cell ran, or one failed (Run All stops there)
        """({n, errors}) => {
            const failed = [...document.querySelectorAll(errors)].some(e => e.textContent.includes('Traceback'));
            const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')];
            return failed || (prompts.length === n && prompts.every(p => /\\[\\d+\\]/.test(p.textContent)));
        }""", arg={"n": n_code, "errors": ERROR_OUTPUT}, timeout=RUN_ALL_MS, polling=500)
    errors = page.locator(ERROR_OUTPUT, has_text="Traceback")
    assert errors.count() == 0, errors.first.inner_text()[:2000]
    _kernel_ready(page)


def _saved_files(workspace: Path, activity: str) -> list[Path]:
    folder = workspace / "sample_data" / "teams" / TEAM / "responses" / activity
    return sorted(p for p in folder.glob("*") if not p.name.endswith(".meta.yml")) if folder.is_dir() else []


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.notebook)
def test_fill_a_widget_save_and_the_view_below_refreshes(scenario: Scenario, workspace: Path, lab: str,
                                                         browser: Any) -> None:
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{scenario.notebook}-*.png"):
        old.unlink()
    n_cells, positions = _code_cell_positions(workspace / "notebooks" / f"{scenario.notebook}.ipynb")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(STEP_MS)
    step = "open"

    def shot(name: str) -> None:
        page.screenshot(path=str(ARTIFACTS / f"{scenario.notebook}-{name}.png"))

    try:
        page.goto(f"{lab}/lab/workspaces/{scenario.notebook}/tree/notebooks/{scenario.notebook}.ipynb"
                  f"?reset&token={TOKEN}", timeout=RUN_ALL_MS)
        cells = page.locator(".jp-Notebook .jp-Cell")
        expect(cells).to_have_count(n_cells, timeout=RUN_ALL_MS)
        step = "run all"
        _run_all(page, len(positions))
        capture = cells.nth(positions[scenario.capture]).locator(".jp-Cell-outputArea")
        view = cells.nth(positions[scenario.view]).locator(".jp-Cell-outputArea")
        capture.scroll_into_view_if_needed()
        expect(view).to_contain_text(scenario.before)
        shot("1-ran")

        step = "fill"
        expected = scenario.fill(capture)
        shot("2-filled")
        step = "save"
        capture.locator("button", has_text=re.compile(r"^\s*Save\s*$")).click()
        expect(capture).to_contain_text("earlier sessions kept", timeout=STEP_MS)
        saved = _saved_files(workspace, scenario.activity)
        assert len(saved) == 1 and saved[0].stat().st_size > 0, saved

        step = "refresh"
        expect(view).not_to_contain_text(scenario.before, timeout=STEP_MS)
        expect(view).to_contain_text(expected)
        view.scroll_into_view_if_needed()
        shot("3-saved")
    except Exception:
        shot(f"failed-at-{step.replace(' ', '-')}")
        raise
    finally:
        context.close()
        _shut_down_kernels(lab)


def _shut_down_kernels(base: str) -> None:
    """End the notebook's kernel: four idle kernels would only crowd a 2-core machine."""
    with urllib.request.urlopen(f"{base}/api/sessions?token={TOKEN}", timeout=10) as response:  # noqa: S310
        sessions = json.loads(response.read())
    for session in sessions:
        request = urllib.request.Request(f"{base}/api/sessions/{session['id']}?token={TOKEN}", method="DELETE")
        with urllib.request.urlopen(request, timeout=30):  # noqa: S310 - localhost only
            pass


# -- a self-paced learner: one exercise answered wrong, then right, in the page ------------------

PRACTICE_NOTEBOOK = "30_student_learning_cycles"
PRACTICE_EXERCISE = "30.1"


def _practice_copy(workspace: Path) -> tuple[Path, Any]:
    """A copy of the notebook with ``training = "practice"`` in its parameters cell (as a learner
    sets it), and the exercise as it reads on the copy's data."""
    import datadriver_utils as dd
    from datadriver_utils.training import exercises_for
    from datadriver_utils.training.practice import solved

    node = nbformat.read(NOTEBOOKS / f"{PRACTICE_NOTEBOOK}.ipynb", as_version=4)
    parameters = next(c for c in node.cells if "parameters" in c.metadata.get("tags", []))
    assert 'training = ""' in parameters.source
    parameters.source = parameters.source.replace('training = ""', 'training = "practice"')
    copy = workspace / "notebooks" / f"practice-{PRACTICE_NOTEBOOK}.ipynb"
    nbformat.write(node, copy)
    exercise = next(e for e in exercises_for(PRACTICE_NOTEBOOK) if e.id == PRACTICE_EXERCISE)
    task = solved(dd.open_report(workspace / "sample_data", TEAM), exercise)
    assert task is not None and task.kind == "number"
    return copy, (exercise, task)


def test_a_learner_answers_an_exercise_wrong_then_right(workspace: Path, lab: str, browser: Any) -> None:
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("training-*.png"):
        old.unlink()
    copy, (exercise, task) = _practice_copy(workspace)
    n_cells, positions = _code_cell_positions(copy)
    practice_cell = next(n for source, n in positions.items() if source.startswith("from datadriver_utils.training"))
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(STEP_MS)
    step = "open"

    def shot(name: str) -> None:
        page.screenshot(path=str(ARTIFACTS / f"training-{PRACTICE_NOTEBOOK}-{name}.png"))

    try:
        page.goto(f"{lab}/lab/workspaces/training/tree/notebooks/{copy.name}?reset&token={TOKEN}", timeout=RUN_ALL_MS)
        cells = page.locator(".jp-Notebook .jp-Cell")
        expect(cells).to_have_count(n_cells, timeout=RUN_ALL_MS)
        step = "run all"
        _run_all(page, len(positions))
        output = cells.nth(practice_cell).locator(".jp-Cell-outputArea")
        box = output.locator(".widget-vbox").filter(has_text=f"{exercise.id} {exercise.title}").last
        box.scroll_into_view_if_needed()
        expect(box).to_contain_text(task.prompt)
        shot("1-ran")

        step = "wrong answer"
        answer, check = box.locator("input[type='text']"), box.locator("button", has_text=re.compile(r"^\s*Check\s*$"))
        answer.fill(f"{float(task.answer) + 3:g}")
        check.click()
        feedback = box.locator("[role='status']")
        expect(feedback).to_contain_text("Not quite")
        expect(feedback).to_contain_text(f"Look again at {task.where}")
        shot("2-wrong")

        step = "right answer"
        answer.fill(f"{float(task.answer):g}")
        check.click()
        expect(feedback).to_contain_text("Right.")
        expect(feedback).to_contain_text(task.explanation.split(". ")[0])
        expect(feedback).not_to_contain_text("Not quite")
        box.scroll_into_view_if_needed()
        shot("3-right")
    except Exception:
        shot(f"failed-at-{step.replace(' ', '-')}")
        raise
    finally:
        context.close()
        _shut_down_kernels(lab)
