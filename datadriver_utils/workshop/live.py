"""Views of saved answers that redraw themselves, in place, when a live widget saves.

In a workshop notebook a capture widget (a live-only cell) sits above the view that reads its
answers back (:func:`~datadriver_utils.workshop.sessions.saved_view`). That view ran before
anyone pressed Save, so without help it keeps saying "No answers captured yet" until its cell
is run again -- exactly when a group is looking at it.

The help is IPython's display ids. A view marked with :func:`redrawn_on_save` gives its result
a stable ``display_id`` and remembers how to compute it again; the result is then shown
under that id (:attr:`~datadriver_utils.notebook.results.Result.display_id`). When a capture
widget saves (:mod:`datadriver_utils.workshop.widgets`), it calls :func:`redraw_saved_views`,
which recomputes every view of that team and activity and sends the new HTML with
``update_display``: JupyterLab replaces the output of the view's cell wherever it is.

Batch reports are not changed by this: a batch run (its report has a ``summary_dir``) gets
no display id, so each view is the cell's value exactly as before, and the export shows the
same static tables and charts.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from IPython.display import update_display

from datadriver_utils.errors import DataDriverError
from datadriver_utils.notebook.results import Result
from datadriver_utils.workshop.store import ResponseStore

if TYPE_CHECKING:
    from datadriver_utils.notebook.report import Report

__all__ = ["LiveView", "forget_views", "live_views", "redraw_saved_views", "redrawn_on_save", "responses_key"]

P = ParamSpec("P")
R = TypeVar("R", bound=Result)
Key = tuple[str, str]
"""(the team's responses folder, resolved; the activity)."""


@dataclass(frozen=True)
class LiveView:
    """One displayed view: the saves it reads and how to draw it again."""

    display_id: str
    reads: frozenset[Key]
    redraw: Callable[[], Result]


_VIEWS: dict[str, LiveView] = {}
"""Every view shown in this kernel outside a batch run, by display id (a re-run replaces its entry)."""


def responses_key(responses_root: Path | str, activity: str) -> Key:
    """The key under which saves of ``activity`` into ``responses_root`` are announced."""
    return (str(Path(responses_root).resolve()), activity)


def _display_id(view: Callable[..., Any], team_dir: Path, args: tuple[Any, ...],
                kwargs: dict[str, Any]) -> str:
    """The same view of the same team with the same options gets the same id each run."""
    text = repr((str(team_dir.resolve()), view.__module__, view.__qualname__, args, sorted(kwargs.items())))
    return "datadriver-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def redrawn_on_save(*activities: str) -> Callable[[Callable[Concatenate[Report, P], R]],
                                                   Callable[Concatenate[Report, P], R]]:
    """Mark a view as showing the saved answers of ``activities``; a Save of any of them redraws it.

    The view itself is unchanged (it still returns its :class:`Result`, with its tables and
    value); only the result's ``display_id`` is set and the view is remembered for redrawing,
    and not even that in a batch run, where nobody presses Save.
    """
    if not activities:
        raise ValueError("@redrawn_on_save needs at least one activity")

    def decorate(view: Callable[Concatenate[Report, P], R]) -> Callable[Concatenate[Report, P], R]:
        @functools.wraps(view)
        def run(report: Report, *args: P.args, **kwargs: P.kwargs) -> R:
            result = view(report, *args, **kwargs)
            if report.summary_dir is not None:  # a batch run: nobody will press Save
                return result
            team_dir = Path(report.team.team_dir)
            display_id = _display_id(view, team_dir, args, kwargs)
            responses = ResponseStore(team_dir).root
            _VIEWS[display_id] = LiveView(display_id, frozenset(responses_key(responses, a) for a in activities),
                                          lambda: view(report, *args, **kwargs))
            result.display_id = display_id
            return result

        run.redrawn_on_save = activities  # type: ignore[attr-defined]
        return run

    return decorate


def live_views(responses_root: Path | str, activity: str) -> list[LiveView]:
    """The displayed views that read saves of ``activity`` from ``responses_root``."""
    key = responses_key(responses_root, activity)
    return [v for v in _VIEWS.values() if key in v.reads]


def _publish(result: Result, display_id: str) -> None:
    update_display({"text/html": result._repr_html_(), "text/plain": repr(result)}, raw=True,
                   display_id=display_id)


def redraw_saved_views(responses_root: Path | str, activity: str,
                       publish: Callable[[Result, str], None] = _publish) -> tuple[int, list[str]]:
    """Recompute every view of this save's team and activity and replace its output.

    Returns how many views were redrawn, and one line per view that could not be (its data
    could not be read) for the widget's status; the save itself has already succeeded.
    """
    redrawn, problems = 0, []
    for view in live_views(responses_root, activity):
        try:
            publish(view.redraw(), view.display_id)
        except DataDriverError as err:
            problems.append(str(err))
        else:
            redrawn += 1
    return redrawn, problems


def forget_views(display_ids: Iterable[str] | None = None) -> None:
    """Drop remembered views (all of them by default): for tests and kernel restarts."""
    for display_id in list(_VIEWS) if display_ids is None else display_ids:
        _VIEWS.pop(display_id, None)
