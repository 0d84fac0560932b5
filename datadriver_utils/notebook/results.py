"""What a view returns: a result that shows itself in a notebook and hands over its data.

Like seaborn's ``Plot`` or a pandas ``Styler``, a :class:`Result` is the last expression of a
cell and draws itself (``_repr_html_``); the same object still holds what it shows, with the
audience's privacy rules already applied::

    items = assessor.item_statistics(report, too_easy_above=0.85)
    items                                   # the table, as the report shows it
    items.frame.sort_values("discrimination")   # the numbers behind it
    items.figure                            # the chart, if the view draws one

A result is a list of parts -- a :class:`Notice`, a :class:`Table`, a :class:`Chart`, or a
:class:`Fragment` of HTML we rendered ourselves -- in the order a reader meets them.  Views
build results; they never compute a statistic (that is :mod:`datadriver_utils.stats`) and
never draw one (that is :mod:`datadriver_utils.charts`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from IPython.display import display
from matplotlib.figure import Figure

from datadriver_utils.core.quantities import Summary
from datadriver_utils.notebook.html import NOTICE_COLOURS, chart_png, render

__all__ = ["Chart", "Fragment", "Notice", "Part", "Result", "Table"]


class Part:
    """One piece of a result, in reading order."""

    def html(self) -> str:  # pragma: no cover - every part overrides it
        raise NotImplementedError

    def describe(self) -> str:
        """A plain-text line for consoles and ``repr``."""
        return type(self).__name__


@dataclass
class Notice(Part):
    """A boxed note; ``text`` is escaped, ``items`` become a bulleted list."""

    text: str | Sequence[str]
    kind: str = "info"
    items: Sequence[str] = ()

    @property
    def paragraphs(self) -> list[str]:
        return [self.text] if isinstance(self.text, str) else list(self.text)

    def html(self) -> str:
        colour, background = NOTICE_COLOURS.get(self.kind, NOTICE_COLOURS["info"])
        return render("notice", kind=self.kind, colour=colour, background=background,
                      paragraphs=self.paragraphs, items=list(self.items))

    def describe(self) -> str:
        return " ".join(self.paragraphs)


@dataclass
class Table(Part):
    """A table as the audience may see it.

    ``data`` holds the values behind it (for the team the computed frame; beyond the team the
    frame after suppression and coding, with ``suppressed`` and ``suppression_reason``
    columns); ``shown`` is the text each cell shows; ``footer`` says which privacy rule was
    applied.
    """

    data: pd.DataFrame
    shown: pd.DataFrame
    caption: str | None = None
    footer: str | None = None
    name: str | None = None

    def html(self) -> str:
        from datadriver_utils.core.safe_text import html_table

        return render("table", caption=self.caption, footer=self.footer, table_html=html_table(self.shown))

    def describe(self) -> str:
        return f"{self.caption or 'table'} ({len(self.shown)} rows)"


@dataclass
class Chart(Part):
    """A matplotlib figure with the words a screen reader (and a reader of a printout) gets."""

    figure: Figure
    alt: str
    name: str | None = None
    _png: str | None = field(default=None, init=False, repr=False)

    def html(self) -> str:
        if self._png is None:  # drawn once, however often the result is shown
            self._png = chart_png(self.figure)
        return render("chart", png=self._png, alt=self.alt)

    def describe(self) -> str:
        return f"chart: {self.alt}"


@dataclass
class Fragment(Part):
    """HTML a template of ours rendered (its values already escaped)."""

    markup: str
    label: str = "note"

    def html(self) -> str:
        return self.markup

    def describe(self) -> str:
        return self.label


class Result:
    """Parts in reading order, the data behind them, and (for ``publish``) a summary section."""

    display_id: str | None = None
    """Set by views of workshop answers (:func:`~datadriver_utils.workshop.live.redrawn_on_save`):
    the result is shown under this IPython display id so that a Save can redraw it in place."""

    def __init__(self, parts: Iterable[Part] = (), *, summary: Summary | None = None,
                 value: Any = None) -> None:
        self.parts: list[Part] = list(parts)
        self.summary = summary
        self.value = value
        """What the view computed when it is not a table (a goal check, a run-chart analysis)."""

    # -- building --------------------------------------------------------------------------
    def add(self, *parts: Part | Result | None) -> Result:
        """Append parts (or every part of other results); ``None`` is skipped. Returns self."""
        for part in parts:
            if isinstance(part, Result):
                self.parts.extend(part.parts)
            elif part is not None:
                self.parts.append(part)
        return self

    def note(self, text: str | Sequence[str], kind: str = "info", items: Sequence[str] = ()) -> Result:
        """Append a :class:`Notice`. Returns self."""
        return self.add(Notice(text, kind, items))

    # -- what a coach looks inside ---------------------------------------------------------
    def _of(self, kind: type[Part]) -> Iterator[Any]:
        return (p for p in self.parts if isinstance(p, kind))

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table's data, by name (or caption, or position)."""
        return {(t.name or t.caption or f"table {i + 1}"): t.data for i, t in enumerate(self._of(Table))}

    @property
    def frame(self) -> pd.DataFrame | None:
        """The data of the first table (``None`` when the view shows no table)."""
        first = next(self._of(Table), None)
        return None if first is None else first.data

    @property
    def figures(self) -> list[Figure]:
        return [c.figure for c in self._of(Chart)]

    @property
    def figure(self) -> Figure | None:
        """The first chart (``None`` when the view draws none)."""
        first = next(self._of(Chart), None)
        return None if first is None else first.figure

    @property
    def notices(self) -> list[str]:
        """The text of every notice, for reading results in tests and consoles."""
        return [n.describe() for n in self._of(Notice)]

    # -- showing -------------------------------------------------------------------------------
    def _repr_html_(self) -> str:
        return "".join(part.html() for part in self.parts)

    @property
    def _ipython_display_(self) -> Callable[[], None] | None:
        """IPython's display hook, there only for a result with a :attr:`display_id`.

        IPython looks the hook up with ``getattr`` and uses it only if it is callable; for every
        other result it is ``None``, so IPython falls back to :meth:`_repr_html_` as before.
        """
        return None if self.display_id is None else self._display_under_id

    def _display_under_id(self) -> None:
        display({"text/html": self._repr_html_(), "text/plain": repr(self)}, raw=True, display_id=self.display_id)

    def __repr__(self) -> str:
        lines = [part.describe() for part in self.parts] or ["(nothing to show)"]
        return f"<{type(self).__name__}: " + "; ".join(lines) + ">"
