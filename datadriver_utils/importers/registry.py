"""The sources ``datadriver import`` knows, by name -- registered the way papermill registers engines.

Each source is a class with a ``name`` (what a person types), a ``title``, the contract tables it
writes, the mapping keys it reads, and :meth:`Source.build`, which turns the input files into an
:class:`~datadriver_utils.importers.plan.ImportPlan`. The built-in sources register themselves
when :mod:`datadriver_utils.importers` is imported; another package can add one through the
``datadriver.importers`` entry-point group (``name = "package.module:SourceClass"``), as papermill
does with ``papermill.engine``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import ClassVar, TypeVar

from datadriver_utils.contract.config import TeamConfig
from datadriver_utils.errors import Problem, UnknownSourceError
from datadriver_utils.importers.mapping import MappingFile
from datadriver_utils.importers.plan import ImportPlan

__all__ = ["ImportContext", "Source", "register", "get_source", "source_names", "source_keys"]

ENTRY_POINT_GROUP = "datadriver.importers"
SourceT = TypeVar("SourceT", bound="type[Source]")


@dataclass(frozen=True)
class ImportContext:
    """What the team folder already says: its team.yml and the students its roster already has."""

    team_dir: Path
    team: TeamConfig | None = None
    known_students: frozenset[str] | None = None

    @property
    def team_windows(self) -> list[str] | None:
        return None if self.team is None else list(self.team.windows)


class Source(ABC):
    """One kind of export. Subclasses set the class attributes and implement :meth:`build`."""

    name: ClassVar[str]
    title: ClassVar[str]
    tables: ClassVar[tuple[str, ...]]
    mapping_keys: ClassVar[frozenset[str]]

    @abstractmethod
    def build(self, files: list[Path], mapping: MappingFile, context: ImportContext) -> ImportPlan:
        """Read ``files`` (never writing to them) and return what the import would write."""


_SOURCES: dict[str, type[Source]] = {}
_LOADED_ENTRY_POINTS = False


def register(cls: SourceT) -> SourceT:
    """Class decorator: make a source available under its ``name``."""
    _SOURCES[cls.name] = cls
    return cls


def _load_entry_points() -> None:
    global _LOADED_ENTRY_POINTS
    if _LOADED_ENTRY_POINTS:
        return
    _LOADED_ENTRY_POINTS = True
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        source = entry.load()
        if isinstance(source, type) and issubclass(source, Source):
            _SOURCES.setdefault(source.name, source)


def source_names() -> list[str]:
    """Every registered source name, sorted."""
    _load_entry_points()
    return sorted(_SOURCES)


def source_keys() -> dict[str, set[str]]:
    """Source name -> the mapping keys it reads."""
    _load_entry_points()
    return {name: set(cls.mapping_keys) for name, cls in _SOURCES.items()}


def get_source(name: str) -> Source:
    """The source called ``name``.

    Raises
    ------
    UnknownSourceError
        Listing the names that exist.
    """
    _load_entry_points()
    cleaned = name.strip().lower()
    if cleaned not in _SOURCES:
        raise UnknownSourceError(f"There is no importer called '{name}'.", [
            Problem("datadriver import", "choose one of: " + ", ".join(source_names())
                    + " (docs/importing.md says which export each one reads).", value=name)])
    return _SOURCES[cleaned]()
