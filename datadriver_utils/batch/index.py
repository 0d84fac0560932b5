"""The district index: one sortable table comparing the teams, from :mod:`~datadriver_utils.batch.comparison`.

A standalone HTML page: no outside requests, one small inline script that only reorders rows
(without it the rows keep their printed order, teams needing attention first).  Every value is
escaped by the Jinja2 template (team names and goals are typed by people).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from datadriver_utils.batch.comparison import ABSENT, COLUMNS, DistrictRow

__all__ = ["render_index"]


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("datadriver_utils.batch", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )


def render_index(title: str, audience: str, rows: Sequence[DistrictRow], generated: dt.datetime | None = None) -> str:
    """The index page for ``rows`` (in the order given: the order shown without a script)."""
    stamp = (generated or dt.datetime.now()).strftime("%Y-%m-%d %H:%M")
    return _environment().get_template("index.html.j2").render(
        title=title, audience=audience, rows=list(rows), columns=COLUMNS, absent=ABSENT, generated=stamp)
