"""Readable report titles, taken from one place: the header each report prints.

Every notebook calls ``report.header("<title>")`` once, e.g. ``report.header("Data Analyst:
where exactly are our students?")``, and the report prints that title at its top.  The
district index links each report by the part before the colon ("Data Analyst") and keeps the
whole header for the link's tooltip, so a notebook that retitles its report retitles its link:
there is no second list of titles to keep in step.  A notebook without such a call falls back
to its first Markdown ``# heading``, then to its file name in words.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["ReportTitle", "report_title", "report_titles"]

_HEADING = re.compile(r"^#\s+(?P<title>\S.*?)\s*#*\s*$", re.MULTILINE)


@dataclass(frozen=True)
class ReportTitle:
    """``short`` names the link ("Goal Setter"); ``full`` is the notebook's whole heading."""

    short: str
    full: str


def _from_stem(stem: str) -> ReportTitle:
    """``12_data_analyst`` → "Data analyst": for a report whose notebook is no longer at hand."""
    words = re.sub(r"^\d+_", "", stem).replace("_", " ").strip() or stem
    text = words[:1].upper() + words[1:]
    return ReportTitle(text, text)


def _header_call(source: str) -> str | None:
    """The text literal passed to ``<something>.header(...)`` in a code cell, if any."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics and the like
        return None
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "header"
                and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            return node.args[0].value.strip() or None
    return None


def _heading(notebook: Path) -> str | None:
    """The report's header text, else the first ``# heading`` (read as JSON: no nbformat needed)."""
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return None
    sources = [(c.get("cell_type"), "".join(c.get("source", "")) if isinstance(c.get("source"), list)
                else str(c.get("source", ""))) for c in cells if isinstance(c, dict)]
    for kind, source in sources:
        if kind == "code" and (header := _header_call(source)):
            return header
    for kind, source in sources:
        if kind == "markdown" and (found := _HEADING.search(source)):
            return found.group("title")
    return None


@cache
def _cached_title(notebook: Path, mtime_ns: int) -> ReportTitle:
    heading = _heading(notebook)
    if not heading:
        return _from_stem(notebook.stem)
    short = heading.split(":", 1)[0].strip() or heading
    return ReportTitle(short, heading)


def report_title(notebook_dir: Path, stem: str) -> ReportTitle:
    """The title of the report made from ``<notebook_dir>/<stem>.ipynb`` (its stem in words if absent)."""
    path = notebook_dir / f"{stem}.ipynb"
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return _from_stem(stem)
    return _cached_title(path, mtime)


def report_titles(notebook_dir: Path, stems: list[str] | None = None) -> dict[str, ReportTitle]:
    """Titles by notebook stem: ``stems``, or every numbered notebook in ``notebook_dir``."""
    if stems is None:
        stems = sorted(p.stem for p in notebook_dir.glob("[0-9][0-9]_*.ipynb"))
    return {stem: report_title(notebook_dir, stem) for stem in stems}
