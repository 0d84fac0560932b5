"""Executed notebook → code-free HTML report that opens offline.

nbconvert's ``exclude_input`` drops the code (papermill's ``--report-mode`` only hides it in
JupyterLab); the TagRemovePreprocessor drops facilitator notes and the parameter cells; the
``datadriver`` template (``report_template/``) is nbconvert's lab template without the
require.js, MathJax and Mermaid scripts it would fetch from a CDN (FIELD_NOTES, "Security facts
about the stack"). Charts are already embedded as PNG data in the outputs.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor
from traitlets.config import Config

__all__ = ["REMOVED_TAGS", "notebook_to_html"]

TEMPLATE_DIR = Path(__file__).parent / "report_template"

REMOVED_TAGS = frozenset({"facilitator", "parameters", "injected-parameters", "live-only", "remove"})
"""Cells with these tags are left out of every exported report."""


def notebook_to_html(notebook: nbformat.NotebookNode, title: str) -> str:
    """Render an executed notebook as a standalone, code-free HTML page."""
    config = Config()
    config.TagRemovePreprocessor.remove_cell_tags = set(REMOVED_TAGS)
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
    notebook = nbformat.from_dict(notebook)
    notebook.metadata.pop("widgets", None)  # saved widget state can carry live answers and numbers
    notebook.metadata["title"] = title
    body, _resources = exporter.from_notebook_node(notebook)
    return body
