"""The submission form of a report: what a credential reviewer reads, without the workshop around it.

A team report is written for the team's own meeting: it opens with who the session is for and
how long it takes, names the files the team edits (``team.yml``, ``assessments.csv``), asks
discussion questions and carries practice exercises.  None of that belongs in evidence sent to a
credential reviewer.  ``datadriver run --submission`` writes ``<report>.submission.html`` beside
each report, made from the same executed notebook in three steps:

1. **Cells** tagged for the workshop are left out (:data:`SUBMISSION_REMOVED_TAGS`: the facilitator
   notes every report drops, plus ``workshop`` -- discussion questions, "what to notice" prompts,
   the practice heading -- and ``practice``).
2. **Paragraphs** that open with a workshop lead-in (:data:`WORKSHOP_LEADS`, e.g. "**Who it is
   for.** ... **Time:** about 40 minutes") are left out, and a heading that opens a discussion
   takes the rest of its cell with it, so an untagged prompt in a new notebook is caught too.
3. **Sentences** naming a file or a timing (:data:`FORBIDDEN`) are left out of every paragraph,
   list item and table cell, in the narrative and in the results alike ("Add processes.csv to ..."
   is a to-do for the team, not evidence); an emptied table cell shows "—".

:func:`leaks` then reads the form as a reviewer would and lists whatever is left (and any student
id): the runner writes no submission form that leaks, and the tests hold every sample team to it.
The form leaves the team, so it is always made from a shared (district or public) rendering of
the notebook: :func:`datadriver_utils.batch.runner` renders one when the run itself is for the team.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import nbformat
from bs4 import BeautifulSoup, Tag

from datadriver_utils.batch.export import REMOVED_TAGS, notebook_to_html
from datadriver_utils.stats.improvement import identifier_hits

__all__ = ["FORBIDDEN", "PROMPT_HEADINGS", "SUBMISSION_REMOVED_TAGS", "WORKSHOP_LEADS", "Leak", "leaks", "scrub",
           "submission_html"]

SUBMISSION_REMOVED_TAGS = REMOVED_TAGS | {"workshop", "practice"}
"""Cells left out of a submission form: every report's removals plus the workshop's own cells."""

WORKSHOP_LEADS = ("What this session is for.", "Who it is for.", "Time:", "What to notice.", "Discussion.")
"""A paragraph opening with one of these speaks to the workshop, not to a reviewer: left out."""

PROMPT_HEADINGS = re.compile(r"^\s*(?:Discussion|Discuss|Practice|What to notice|Facilitator notes)\b", re.I)
"""A heading (or paragraph) opening like this starts a workshop prompt."""

FORBIDDEN: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("timing", re.compile(r"\bTime:|\b\d+\s*(?:[–-]\s*\d+\s*)?min(?:ute)?s?\b", re.I)),
    ("file name", re.compile(r"\b[\w-]+(?:/[\w.-]+)*\.(?:csv|ya?ml|md|ipynb|json|parquet|xlsx?)\b", re.I)),
    ("live instruction", re.compile(r"\b(?:In a live session|Fill it in live|[Pp]ress (?:Save|Check))\b")),
)
"""Markers no sentence of a submission form may carry.  Meeting *minutes* are a topic of the
toolkit, so only a duration ("40 minutes", "0–5 min") counts as a timing; a widget is not in the
form, so neither is a sentence telling the reader to use one."""

_LEAVES = ("p", "li", "td", "th", "caption", "figcaption", "dt", "dd", "pre", "h1", "h2", "h3", "h4", "h5", "h6")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Leak:
    """Something a submission form must not show: what kind, and the text around it."""

    kind: str
    text: str


def _marked(text: str) -> bool:
    return any(pattern.search(text) for _kind, pattern in FORBIDDEN)


def _squeezed(element: Tag) -> str:
    return re.sub(r"\s+", " ", element.get_text()).strip().removesuffix("¶").strip()


def _is_leaf(element: Tag) -> bool:
    return element.find(_LEAVES) is None


def _drop_prompts(soup: BeautifulSoup) -> None:
    """Paragraphs with a workshop lead-in, session agendas (a table whose header has a "Time"
    column), and discussion headings with the rest of their cell."""
    for table in soup.find_all("table"):
        if any(_squeezed(th) == "Time" for th in table.find_all("th")):
            table.decompose()
    for paragraph in soup.find_all("p"):
        if _squeezed(paragraph).startswith(WORKSHOP_LEADS):
            paragraph.decompose()
    for heading in soup.find_all(_HEADINGS):
        if heading.parent is not None and PROMPT_HEADINGS.match(_squeezed(heading)):
            for sibling in list(heading.find_next_siblings()):
                sibling.decompose()
            heading.decompose()


def _scrub_sentences(soup: BeautifulSoup) -> None:
    """Sentences naming a file or a timing leave every leaf block; an emptied cell shows "—"."""
    for element in soup.find_all(_LEAVES):
        if element.parent is None or not _is_leaf(element) or not _marked(element.get_text()):
            continue
        kept = [s for s in _SENTENCE_END.split(_squeezed(element)) if s and not _marked(s)]
        if not kept and element.name not in ("td", "th"):
            element.decompose()
            continue
        element.clear()
        element.append(" ".join(kept) or "—")
    for image in soup.find_all("img", alt=True):
        alt = str(image["alt"])
        if _marked(alt):
            image["alt"] = " ".join(s for s in _SENTENCE_END.split(alt) if not _marked(s))


def scrub(html: str) -> str:
    """The submission form of an exported report's HTML (steps 2 and 3 of the module's list)."""
    soup = BeautifulSoup(html, "html.parser")
    _drop_prompts(soup)
    _scrub_sentences(soup)
    return str(soup)


def submission_html(notebook: nbformat.NotebookNode, title: str) -> str:
    """An executed notebook's submission form as a standalone, code-free HTML page."""
    return scrub(notebook_to_html(notebook, title, SUBMISSION_REMOVED_TAGS))


def leaks(html: str, student_ids: Iterable[str] = ()) -> list[Leak]:
    """What a reviewer would still see that a submission must not show: timings, file names,
    workshop prompts and (given the team's ids) student identifiers.  Empty for a clean form."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup.find_all(["style", "script", "title"]):
        hidden.decompose()
    found: list[Leak] = []
    for element in soup.find_all(_LEAVES):
        text = _squeezed(element)
        if not _is_leaf(element) or not text:
            continue
        found += [Leak(kind, text[:160]) for kind, pattern in FORBIDDEN if pattern.search(text)]
        if (element.name in _HEADINGS and PROMPT_HEADINGS.match(text)) or (
                element.name == "p" and text.startswith(WORKSHOP_LEADS)) or (element.name == "th" and text == "Time"):
            found.append(Leak("workshop prompt", text[:160]))
    found += [Leak("alt text", str(img["alt"])[:160]) for img in soup.find_all("img", alt=True) if _marked(str(img["alt"]))]
    body = soup.body or soup
    found += [Leak("student id", hit) for hit in identifier_hits(body.get_text(" "), student_ids)]
    return found
