"""``@needs``: a view says which files it reads, once, where it is defined.

A notebook then writes ``analyst.results(report, "grade")`` rather than restating the view's
files around every call.  When a file is missing the view is not run: its result is the
plain notice "add this file, start from this template", so a team that has only some of its
files still gets a report that says what it needs next.  A result is computed once per
report (the same call with the same options returns the same object), because a notebook
shows one analysis in several places and the team's data do not change meanwhile.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from datadriver_utils.contract.schemas import TABLES
from datadriver_utils.notebook.html import render
from datadriver_utils.notebook.results import Fragment, Result

if TYPE_CHECKING:
    from datadriver_utils.notebook.report import Report

__all__ = ["MissingData", "missing_data", "needs"]

P = ParamSpec("P")
R = TypeVar("R")


class MissingData(Result):
    """The result of a view whose files are not all in the team folder yet."""

    def __init__(self, tables: list[str], then: str | None = None) -> None:
        self.missing = tables
        super().__init__([Fragment(missing_data_html(tables, then), label="needs " + ", ".join(tables))])


def missing_data_html(tables: list[str], then: str | None = None) -> str:
    """The notice naming each missing file, why the section needs it and its template."""
    files = [{"name": TABLES[k].file, "purpose": TABLES[k].purpose, "template": TABLES[k].template} for k in tables]
    return render("missing", files=files, then=then)


def missing_data(report: Report, *tables: str) -> MissingData | None:
    """:class:`MissingData` for the tables ``report``'s team lacks, or ``None`` if it has them all."""
    missing = [t for t in tables if not report.team.has(t)]
    return MissingData(missing) if missing else None


def _memo_key(view: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...] | None:
    key = (view.__module__, view.__qualname__, args, tuple(sorted(kwargs.items())))
    try:
        hash(key)
    except TypeError:  # an unhashable option (a list): compute, do not remember
        return None
    return key


def needs(*tables: str, memo: bool = True) -> Callable[
        [Callable[Concatenate[Report, P], R]], Callable[Concatenate[Report, P], R | MissingData]]:
    """Declare the team files a view reads (keys of :data:`~datadriver_utils.contract.schemas.TABLES`).

    ``memo=False`` for views that build live widgets or write files: those must run each time.
    """
    unknown = [t for t in tables if t not in TABLES]
    if unknown:
        raise ValueError(f"@needs names unknown tables {unknown}; known: {sorted(TABLES)}")

    def decorate(view: Callable[Concatenate[Report, P], R]) -> Callable[Concatenate[Report, P], R | MissingData]:
        @functools.wraps(view)
        def run(report: Report, *args: P.args, **kwargs: P.kwargs) -> R | MissingData:
            absent = missing_data(report, *tables)
            if absent is not None:
                return absent
            key = _memo_key(view, args, kwargs) if memo else None
            if key is None:
                return view(report, *args, **kwargs)
            return report.memo(key, lambda: view(report, *args, **kwargs))

        run.needs = tables  # type: ignore[attr-defined]
        return run

    return decorate
