"""A team's Data Driver credential packet: the evidence the credential asks for, as one PDF.

The Data Driver micro-credential (Teaching Matters; shared/seeds 000) asks for the overview
questions (Part 1) and three pieces of evidence (Part 2): the Inquiry Cycle Snapshot, the common
assessment, and a table or graph of grade-level averages from a pre and a post assessment.  The
packet puts them in that order, one part per page or more, behind a cover that names the team:

============  ==================================================  ============================
page          what                                                cells tagged
============  ==================================================  ============================
cover         the team, school, year, audience; what follows      ``credential-cover``
Part 1        overview questions and the word count               ``credential-overview``
Part 2, 1     the thread from each strand, the gains              ``credential-snapshot``
Part 2, 2     the common assessment's blueprint (11 Assessor)     ``credential-blueprint``
Part 2, 3     pre/post tables and chart by grade and standard     ``credential-pre-post``
============  ==================================================  ============================

Each part is made from the **executed** notebooks' own cells, picked by tag, and exported as
their submission form (:mod:`datadriver_utils.batch.submission`), so the packet shows the same
numbers as the reports and none of the workshop.  A notebook that adds evidence to a part only
tags its cell; nothing here computes.  The packet leaves the team: it is made from a shared
(district or public) rendering, never the team view.  :func:`packet_html` gives the packet as one HTML
document (so its pages are numbered through); :func:`datadriver_utils.batch.pdf.write_pdf` prints
it, each part starting a new page (``.dd-page-break`` in print.css) and tables kept whole.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass

import nbformat
from nbformat.v4 import new_markdown_cell, new_notebook

from datadriver_utils.batch.outcomes import PACKET_FILE, PACKET_SNAPSHOT
from datadriver_utils.batch.submission import submission_html

__all__ = ["PACKET_FILE", "PACKET_NOTEBOOKS", "PACKET_SECTIONS", "PAGE_BREAK", "PacketSection", "packet_html"]

PAGE_BREAK = "dd-page-break"
"""Class of the empty block that starts each part on a new page (print.css)."""


@dataclass(frozen=True)
class PacketSection:
    """One part of the packet: its heading, what it holds, and where its cells come from."""

    title: str
    intro: str
    tag: str
    notebooks: tuple[str, ...]
    """Notebooks to take the tagged cells from, in order of preference: the first that has them."""


_SNAPSHOT = PACKET_SNAPSHOT
_ASSESSOR = "11_assessor"
PACKET_SECTIONS: tuple[PacketSection, ...] = (
    PacketSection("Part 1. Overview questions",
                  "Subject, grade levels, the student learning goal, the standard it addresses and the progress made "
                  "toward it, in the credential's four levels; within 300 words.", "credential-overview", (_SNAPSHOT,)),
    PacketSection("Part 2, item 1. Inquiry Cycle Snapshot",
                  "For each earlier strand (Assessor, Data Analyst, Goal Setter, Researcher): the next step the team "
                  "committed to, what happened, and what the data show; then the gains related to the goal.",
                  "credential-snapshot", (_SNAPSHOT,)),
    PacketSection("Part 2, item 2. Common assessment",
                  "The common assessment used to judge progress at the end of the cycle: the items and points it "
                  "gives each standard, from the team's item scores. The assessment's questions accompany this packet.",
                  "credential-blueprint", (_ASSESSOR, _SNAPSHOT)),
    PacketSection("Part 2, item 3. Pre and post: grade-level averages",
                  "Averages and percent proficient across the grade from the pre and the post assessment, by grade "
                  "and by standard, for the students who took both.", "credential-pre-post", (_SNAPSHOT,)),
)
"""The packet's parts after the cover, in the credential's order."""

PACKET_NOTEBOOKS = frozenset({_SNAPSHOT, _ASSESSOR})
"""The notebooks a packet is made from (by file stem)."""


_SOURCE = ("Laid out after the Data Driver micro-credential's submission requirements (Teaching Matters): Part 1, the "
           "overview questions; Part 2, the evidence and artifacts. Figures are computed from the team's records by "
           "the datadriver workbook; groups smaller than the district's minimum are hidden.")


def _tagged(node: nbformat.NotebookNode, tag: str) -> list[nbformat.NotebookNode]:
    return [copy.deepcopy(c) for c in node.cells if tag in c.get("metadata", {}).get("tags", [])]


def _has_output(cells: list[nbformat.NotebookNode]) -> bool:
    return any(c.cell_type == "code" and c.get("outputs") for c in cells)


def _section_cells(nodes: Mapping[str, nbformat.NotebookNode], section: PacketSection) -> list[nbformat.NotebookNode]:
    """The section's cells from the first of its notebooks that shows them; else a line saying so."""
    for stem in section.notebooks:
        found = _tagged(nodes[stem], section.tag) if stem in nodes else []
        if _has_output(found):
            return found
    return [new_markdown_cell("*Not available: the report this part is made from did not render for this team, "
                              "or its data are not there yet.*")]


def packet_html(nodes: Mapping[str, nbformat.NotebookNode], team_name: str) -> str:
    """The packet as one HTML document (cover first, each part on a new page), from executed
    notebooks keyed by file stem.

    A part whose notebooks did not run (or show nothing for it) says so on its page, so the
    packet keeps the credential's order and a reviewer sees what is missing.
    """
    snapshot = nodes.get(_SNAPSHOT)
    packet = new_notebook(metadata=copy.deepcopy(dict(snapshot.metadata)) if snapshot is not None else {})
    contents = "\n".join(f"* {s.title}" for s in PACKET_SECTIONS)
    packet.cells = [new_markdown_cell("# Data Driver micro-credential: evidence packet"),
                    *(_tagged(snapshot, "credential-cover") if snapshot is not None else []),
                    new_markdown_cell(f"**In this packet**\n\n{contents}\n\n{_SOURCE}")]
    for section in PACKET_SECTIONS:
        packet.cells += [new_markdown_cell(f'<div class="{PAGE_BREAK}"></div>\n\n# {section.title}\n\n{section.intro}'),
                         *_section_cells(nodes, section)]
    for number, cell in enumerate(packet.cells):
        cell.metadata = {k: v for k, v in cell.metadata.items() if k != "tags"}  # picked: none is removed
        cell.id = f"packet-{number:02d}"  # cells of two notebooks may share an id
    return submission_html(packet, f"Data Driver credential packet — {team_name}")
