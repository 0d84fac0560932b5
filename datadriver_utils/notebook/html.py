"""HTML fragments of a report, from the Jinja2 templates in ``notebook/templates``.

Every value a template prints is escaped (``autoescape``): team names, goals and survey answers
are typed by people, and nbconvert prints ``text/html`` outputs raw (FIELD_NOTES, "Security
facts about the stack").  Only HTML we built ourselves -- a table from
:func:`~datadriver_utils.core.safe_text.html_table`, another rendered fragment -- is passed
with ``| safe``.
"""

from __future__ import annotations

import base64
import io
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from matplotlib.figure import Figure

__all__ = ["NOTICE_COLOURS", "chart_png", "render"]

NOTICE_COLOURS: dict[str, tuple[str, str]] = {
    "info": ("#2b6cb0", "#ebf4ff"),
    "warning": ("#b35900", "#fff5e6"),
    "good": ("#2f855a", "#f0fff4"),
}
"""Border and background of each kind of notice (readable in greyscale: the border carries it)."""


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("datadriver_utils.notebook", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render(template: str, **values: Any) -> str:
    """Render ``templates/<template>.html.j2`` with ``values`` escaped."""
    return _environment().get_template(f"{template}.html.j2").render(**values).strip()


def chart_png(figure: Figure, dpi: int = 100) -> str:
    """The figure as base64 PNG text for an ``<img src="data:...">`` (no file, no request)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")
