"""The package installs and runs outside a checkout, and its two dependency lists agree.

A district's IT department installs datadriver from a wheel, not from our repository, so the
notebooks, report templates and Jinja2 fragments must travel inside the package.  The wheel
test builds the wheel, installs it (without dependencies, which it borrows from this test
environment) into a fresh virtual environment in a temporary folder, and runs
``datadriver run`` there on a copy of the sample district.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGE = ROOT / "datadriver_utils"
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _requirement(line: str) -> tuple[str, str]:
    line = line.split("#")[0]
    name, _extras, bound = re.match(r"^\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*(.*)$", line).groups()  # type: ignore[union-attr]
    return name.lower().replace("_", "-"), bound.replace(" ", "")


def test_every_subpackage_is_listed_for_setuptools() -> None:
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in PACKAGE.rglob("__init__.py")
             if "__pycache__" not in p.parts}
    found.add("datadriver_utils.notebooks")  # notebooks/ is mapped in by package-dir
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"


def test_environment_yml_mirrors_pyproject_lower_bounds() -> None:
    project = PYPROJECT["project"]
    wanted = dict(_requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"])
    conda = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))["dependencies"]
    mirrored = dict(_requirement(d) for d in conda if isinstance(d, str) and d not in ("pip",))
    mirrored.pop("python", None)
    assert mirrored == wanted


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # Built from a copy: setuptools leaves build/ and *.egg-info beside the sources it builds.
    source = shutil.copytree(ROOT, out / "source", ignore=shutil.ignore_patterns(
        ".venv", ".git", "exports", "build", "*.egg-info", "__pycache__", ".*_cache"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
                    "--wheel-dir", str(out), str(source)], check=True)
    return next(out.glob("datadriver-*.whl"))


def test_wheel_carries_the_notebooks_and_templates(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert {f"datadriver_utils/notebooks/{n}" for n in NOTEBOOKS} <= set(names)
    assert any(n.startswith("datadriver_utils/notebook/templates/") and n.endswith(".j2") for n in names)
    assert any(n.startswith("datadriver_utils/batch/report_template/") for n in names)
    assert {"datadriver_utils/batch/templates/index.html.j2", "datadriver_utils/batch/templates/sort_table.js"} <= set(names)


@pytest.mark.notebooks
def test_installed_wheel_renders_every_team_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = Path(subprocess.run([venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               check=True, capture_output=True, text=True).stdout.strip())
    # Dependencies come from this environment; a bare path line does not run its .pth files,
    # so the checkout's editable install stays invisible to the fresh environment.
    (site / "borrowed_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    # nbconvert's HTML templates are data files beside the environment, not in site-packages.
    (venv / "share" / "jupyter").mkdir(parents=True)
    (venv / "share" / "jupyter" / "nbconvert").symlink_to(Path(sys.prefix) / "share" / "jupyter" / "nbconvert")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--quiet",
                    "--no-deps", "--no-index", str(wheel)], check=True)
    data = shutil.copytree(ROOT / "sample_data", tmp_path / "district")
    elsewhere = tmp_path / "somewhere-else"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    where = subprocess.run([venv / "bin" / "python", "-c", "import datadriver_utils; print(datadriver_utils.__file__)"],
                           cwd=elsewhere, env=env, check=True, capture_output=True, text=True).stdout
    assert where.startswith(str(site)), where
    # No kernel spec is installed in the fresh environment, so papermill's "python3" is the
    # native kernel of that environment's interpreter, which imports the wheel too.
    assert not (venv / "share" / "jupyter" / "kernels").exists()
    # Two notebooks per team keep the test short; the wheel test of the whole set is
    # `datadriver run` without --notebook (the closing note of issue 8 records it).
    done = subprocess.run([venv / "bin" / "datadriver", "run", "--data", str(data), "--out", str(tmp_path / "out"),
                           "--notebook", "00_orientation.ipynb", "--notebook", "11_assessor.ipynb"],
                          cwd=elsewhere, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    teams = sorted(p.name for p in (data / "teams").iterdir() if p.is_dir())
    for team in teams:
        assert (tmp_path / "out" / team / "11_assessor.html").is_file()
        assert (tmp_path / "out" / team / "summary.json").is_file()
    assert (tmp_path / "out" / "index.html").is_file()
