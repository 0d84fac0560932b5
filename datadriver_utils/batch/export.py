"""Executed notebook → code-free HTML report that opens offline.

nbconvert's ``exclude_input`` drops the code (papermill's ``--report-mode`` only hides it in
JupyterLab); the TagRemovePreprocessor drops facilitator notes and the parameter cells; the
``datadriver`` template (``report_template/``) is nbconvert's lab template without the
require.js, MathJax and Mermaid scripts it would fetch from a CDN (FIELD_NOTES, "Security facts
about the stack"). Charts are already embedded as PNG data in the outputs.
"""

from __future__ import annotations

import threading
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor
from traitlets.config import Config

__all__ = ["REMOVED_TAGS", "notebook_to_html"]

TEMPLATE_DIR = Path(__file__).parent / "report_template"

REMOVED_TAGS = frozenset({"facilitator", "parameters", "injected-parameters", "live-only", "remove"})
"""Cells with these tags are left out of every exported report."""


_PER_THREAD = threading.local()


def _exporter(removed_tags: frozenset[str] = REMOVED_TAGS) -> HTMLExporter:
    """One exporter per thread and tag set, reused: building one loads and compiles the templates (~0.1 s)."""
    exporters: dict[frozenset[str], HTMLExporter] = _PER_THREAD.__dict__.setdefault("exporters", {})
    if removed_tags not in exporters:
        exporters[removed_tags] = _new_exporter(removed_tags)
    return exporters[removed_tags]


def _new_exporter(removed_tags: frozenset[str]) -> HTMLExporter:
    config = Config()
    config.TagRemovePreprocessor.remove_cell_tags = set(removed_tags)
    config.TagRemovePreprocessor.enabled = True
    exporter = HTMLExporter(
        config=config,
        template_name="datadriver",
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.register_preprocessor(TagRemovePreprocessor(config=config), enabled=True)
    return exporter


def notebook_to_html(notebook: nbformat.NotebookNode, title: str,
                     removed_tags: frozenset[str] = REMOVED_TAGS) -> str:
    """Render an executed notebook as a standalone, code-free HTML page, without cells tagged
    with one of ``removed_tags`` (the submission form removes more: :mod:`.submission`)."""
    notebook = nbformat.from_dict(notebook)
    notebook.metadata.pop("widgets", None)  # saved widget state can carry live answers and numbers
    notebook.metadata["title"] = title
    body, _resources = _exporter(removed_tags).from_notebook_node(notebook)
    return body
