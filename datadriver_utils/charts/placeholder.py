"""A chart that says in words why there is nothing to draw yet.

A report keeps its shape when a team has not filled a file in: the chart's place holds the
reason (``"The inventory lists no data elements yet"``) rather than an empty frame.
"""

from __future__ import annotations

from matplotlib.figure import Figure

__all__ = ["message_figure"]


def message_figure(message: str, title: str) -> Figure:
    """A small figure with ``title`` and ``message`` centred, no axes."""
    figure = Figure(figsize=(6, 2))
    axis = figure.subplots()
    axis.text(0.5, 0.5, message, ha="center", va="center")
    axis.set_axis_off()
    axis.set_title(title)
    return figure
