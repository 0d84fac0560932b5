"""Submission packets: one self-contained HTML file per candidate and credential.

A packet holds only one credential's evidence, as the credential's reviewer needs it: what is
asked, the status of each piece with what is still missing, and the records behind it
(:attr:`~datadriver_utils.stats.evidence_rules.Finding.rows`).  Packets are written for every
credential a candidate has started (complete, or partial and marked as a draft), under
``<out>/<team_id>/packets/<candidate>/<credential>.html``.

Packets leave the team, so they are checked like the share package: a table in which a student
id of ``students.csv`` appears is left out with a note, and the Data Driver's grade table hides
grades with fewer matched students than the district's minimum group size.

**Other formats** hook in here: :func:`register_packet_converter` takes a name and a function from
the written HTML file to the new file; :func:`write_packets` calls it for every packet when asked
for that format, and says plainly when no converter is registered.  ``"pdf"`` is registered:
Chromium prints the HTML (:mod:`datadriver_utils.batch.pdf`); without Chromium or Playwright the
HTML packets are still written and the PDF step fails with
:class:`~datadriver_utils.errors.PdfUnavailableError`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from datadriver_utils.contract.team import TeamData
from datadriver_utils.core.paths import atomic_write_text, resolve_inside
from datadriver_utils.core.safe_text import html_table
from datadriver_utils.errors import DataDriverError
from datadriver_utils.notebook.html import render
from datadriver_utils.privacy.rules import rules_for
from datadriver_utils.stats.credentials import CREDENTIALS, Credential
from datadriver_utils.stats.evidence_rules import COMPLETE, NOT_STARTED, EvidenceInputs, Finding
from datadriver_utils.stats.improvement import identifier_hits
from datadriver_utils.stats.portfolio import RULES, candidates, credential_status, evaluate
from datadriver_utils.workshop.records import evidence_inputs

__all__ = ["PACKET_CONVERTERS", "Packet", "PacketFormatError", "register_packet_converter", "write_packets"]

PacketConverter = Callable[[Path], Path]


def _pdf(html_path: Path) -> Path:
    """The packet printed by the system Chromium (:func:`datadriver_utils.batch.pdf.write_pdf`)."""
    from datadriver_utils.batch.pdf import write_pdf  # Playwright is optional: only when a PDF is asked for

    return write_pdf([html_path], html_path.with_suffix(".pdf")).path


PACKET_CONVERTERS: dict[str, PacketConverter] = {"pdf": _pdf}
"""Formats besides HTML, by name: each turns a written packet's HTML file into another file."""
_REQUIREMENT_NOTE = ("Requirements no file can show (a passing evaluation, agreeing to answer other teachers' "
                     "questions) are not part of this packet.")


class PacketFormatError(DataDriverError):
    """A packet format was asked for that no converter has been registered for."""


def register_packet_converter(name: str, converter: PacketConverter) -> None:
    """Make ``write_packets(..., formats=(name,))`` call ``converter(html_path)`` for each packet."""
    PACKET_CONVERTERS[name] = converter


@dataclass(frozen=True)
class Packet:
    """One written packet: whose, which credential, its status and its files."""

    candidate: str
    credential_id: str
    status: str
    files: tuple[Path, ...]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "candidate"


def _shown(rows: pd.DataFrame) -> pd.DataFrame:
    out = rows.drop(columns=[c for c in rows.columns if str(c).startswith("_")]).reset_index(drop=True)
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
        elif pd.api.types.is_bool_dtype(out[column]) or out[column].map(type).eq(bool).any():
            out[column] = out[column].map({True: "yes", False: "no"}).fillna("—")
    return out.astype(object).where(out.notna(), "—")


def _hide_small_grades(rows: pd.DataFrame, min_group_size: int) -> pd.DataFrame:
    if "n_matched" not in rows:
        return rows
    small = rows["n_matched"] < min_group_size
    out = rows.astype(object)
    for column in [c for c in rows.columns if c not in ("grade", "n_matched")]:
        out.loc[small, column] = "*"
    return out


def _evidence_block(finding: Finding, asks: str, sources: tuple[str, ...], ids: set[str],
                    min_group_size: int) -> dict[str, object]:
    block: dict[str, object] = {"asks": asks, "status": finding.status, "detail": finding.detail,
                                "sources": ", ".join(sources), "table": None, "note": None}
    if finding.rows is None or finding.rows.empty:
        return block
    rows = _hide_small_grades(_shown(finding.rows), min_group_size)
    text = rows.astype(str).to_csv(index=False)
    if identifier_hits(text, ids):
        block["note"] = "The records behind this item hold a student identifier and were left out of the packet."
        return block
    block["table"] = html_table(rows)
    if (rows == "*").any().any():
        block["note"] = f"* hidden: fewer than {min_group_size} students."
    return block


def packet_html(team: TeamData, inputs: EvidenceInputs, candidate: str, credential: Credential,
                status: str, open_items: Sequence[str]) -> str:
    """One packet as a self-contained HTML document (every value escaped)."""
    ids = set(team.table("students")["student_id"].dropna().astype(str)) if team.has("students") else set()
    minimum = rules_for(team.district).min_group_size
    blocks = [_evidence_block(RULES[e.rule](inputs, candidate), e.asks, e.sources, ids, minimum)
              for e in credential.evidence]
    return render("packet", credential=credential.name, candidate=candidate, team=team.config.name,
                  school=team.config.school, school_year=team.district.school_year, stack=credential.stack,
                  level=credential.level, source=f"shared/seeds {credential.seed}", status=status,
                  open_items=list(open_items), evidence=blocks, requirement_note=_REQUIREMENT_NOTE)


def write_packets(team: TeamData, out_dir: Path, *, people: Sequence[str] | None = None,
                  formats: Sequence[str] = ("html",)) -> list[Packet]:
    """Write a packet for every credential each candidate has started; returns what was written.

    Raises
    ------
    PacketFormatError
        For a format other than HTML with no registered converter (nothing is written).
    """
    unknown = [f for f in formats if f != "html" and f not in PACKET_CONVERTERS]
    if unknown:
        raise PacketFormatError(f"No converter for packet format(s) {', '.join(unknown)}: the formats are html, "
                                + ", ".join(sorted(PACKET_CONVERTERS)) + ".")
    inputs, _problems = evidence_inputs(team)
    chosen = list(people) if people is not None else candidates(inputs)
    statuses = credential_status(evaluate(inputs, chosen))
    by_id = {c.id: c for c in CREDENTIALS}
    written: list[tuple[str, str, str, Path]] = []
    for row in statuses[statuses["status"] != NOT_STARTED].itertuples():
        folder = resolve_inside(out_dir, team.team_id, "packets", _slug(row.candidate))
        folder.mkdir(parents=True, exist_ok=True)
        open_items = [] if row.status == COMPLETE else [m for m in str(row.missing).split("; ") if m]
        html_path = folder / f"{row.credential_id}.html"
        atomic_write_text(html_path, packet_html(team, inputs, row.candidate, by_id[row.credential_id], row.status,
                                                 open_items))
        written.append((row.candidate, row.credential_id, row.status, html_path))
    # every HTML packet is written before any conversion: a missing Chromium costs the PDFs only
    extra = [f for f in formats if f != "html"]
    return [Packet(who, credential, status, (html, *(PACKET_CONVERTERS[f](html) for f in extra)))
            for who, credential, status, html in written]
