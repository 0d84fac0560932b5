"""Reports as PDF, printed by the system Chromium through Playwright: for submission and packets.

``datadriver run --pdf`` writes ``<report>.pdf`` beside each HTML report (:func:`print_reports`,
called by the runner after the HTML is written); :func:`write_pdf` prints any list of HTML
files or HTML strings into one PDF (a team's credential packet).

Why Chromium (Playwright's ``page.pdf``) and not WeasyPrint: the reports are nbconvert's lab
template, written for browsers (CSS variables, flex layouts), and a coach checks them in a
browser, so printing them with a browser engine gives the page she has already seen.
WeasyPrint implements its own subset of CSS and needs Pango from the operating system, which
pip cannot install; Debian's ``chromium`` is one apt package and the same one the browser test
of the workshop uses (``.ci/run`` installs it). Playwright only drives it: no browser download.

Print rules live in ``report_template/datadriver/print.css``: the HTML template includes them
for a reader's own Print, and :class:`PdfPrinter` adds them to every page it prints, so HTML
not made by our template (a packet part) prints the same way: tables and figures kept whole
on a page where they fit, table headers repeated where a long table must break, charts scaled
to the page width, and a table wider than the page set in smaller type (and, if that is not
enough, with long words broken) rather than cut off at the page edge.

Nothing is fetched: the report template carries no CDN scripts, and every request a page
makes other than to its own file or inline data is blocked and listed in
:attr:`PdfWritten.blocked` (a test asserts it is empty for real reports).
"""

from __future__ import annotations

import asyncio
import io
import os
import shutil
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from datadriver_utils.batch.outcomes import NotebookOutcome
from datadriver_utils.core.paths import atomic_write_bytes
from datadriver_utils.errors import PdfUnavailableError

__all__ = ["CHROMIUM_ARGS", "CHROMIUM_ENV", "PRINT_CSS", "PdfPrinter", "PdfWritten", "find_chromium",
           "print_reports", "write_pdf"]

CHROMIUM_ENV = "DATADRIVER_CHROMIUM"
"""Set to a Chromium or Chrome executable to use instead of the one on ``PATH``."""
_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = (
    "--no-sandbox",  # root in containers and CI; the pages are our own files
    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
)
"""Flags for a headless Chromium on a machine without outside network (nothing phones home)."""
PRINT_CSS = (Path(__file__).parent / "report_template" / "datadriver" / "print.css").read_text(encoding="utf-8")
_PAGE: dict[str, Any] = {
    "format": "Letter", "print_background": True, "display_header_footer": True,
    "margin": {"top": "0.6in", "bottom": "0.7in", "left": "0.55in", "right": "0.55in"},
    "header_template": "<span></span>",
    "footer_template": ('<div style="font-size:8px;color:#555;width:100%;padding:0 0.55in;display:flex;'
                        'justify-content:space-between"><span class="title"></span>'
                        '<span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'),
}
_PRINTABLE_PX = round((8.5 - 0.55 - 0.55) * 96)
"""The width a Letter page leaves between its margins, in CSS pixels: tables are measured at it."""
_FIT_WIDE_TABLES = """() => {
    const wide = t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1;
    for (const table of document.querySelectorAll('table')) {
        if (!wide(table)) continue;
        table.classList.add('dd-wide');
        if (wide(table)) table.classList.add('dd-wider');
    }
}"""
"""Mark tables wider than the page (print.css then sets them smaller, then lets words break)."""
_LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
_INSTALL = ("install Debian's chromium (`apt-get install chromium`) or set "
            f"{CHROMIUM_ENV}=/path/to/chrome, and the Python package playwright "
            "(`pip install 'datadriver[pdf]'`; no browser download is needed)")


def _unavailable(why: str) -> PdfUnavailableError:
    return PdfUnavailableError(f"No PDF was printed: {why}. The HTML reports are written. To print PDFs, {_INSTALL}.")


def find_chromium() -> Path | None:
    """The Chromium to print with: ``$DATADRIVER_CHROMIUM``, else the first one on ``PATH``."""
    chosen = os.environ.get(CHROMIUM_ENV)
    if chosen:
        return Path(chosen) if Path(chosen).is_file() else None
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


@dataclass(frozen=True)
class PdfWritten:
    """One PDF written: where, how many pages, and any outside request its pages tried."""

    path: Path
    pages: int
    blocked: tuple[str, ...] = ()


@dataclass
class PdfPrinter:
    """One headless Chromium that prints HTML pages to PDF bytes; use it as a context manager.

    Starting Chromium takes a second or two, so a team's reports share one printer.
    """

    chromium: Path | None = None
    blocked: list[str] = field(default_factory=list)
    _playwright: Any = field(default=None, init=False, repr=False)
    _browser: Any = field(default=None, init=False, repr=False)

    def __enter__(self) -> PdfPrinter:
        executable = self.chromium or find_chromium()
        if executable is None:
            raise _unavailable("Chromium was not found")
        try:
            from playwright.sync_api import Error, sync_playwright
        except ImportError as err:
            raise _unavailable("the Python package playwright is not installed") from err
        try:
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(executable_path=str(executable), args=list(CHROMIUM_ARGS))
        except Error as err:
            self.__exit__(None, None, None)
            first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise _unavailable(f"Chromium ({executable}) did not start ({first}); check that it runs headless") from err
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._browser is not None:
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()
        self._browser = self._playwright = None

    def _block_outside(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(_LOCAL_SCHEMES):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def pdf(self, source: Path | str) -> bytes:
        """Print one HTML file (a ``Path``) or HTML text (a ``str``) to PDF bytes."""
        if self._browser is None:
            raise RuntimeError("PdfPrinter is used inside a `with` block")
        page = self._browser.new_page()
        try:
            page.route("**/*", self._block_outside)
            if isinstance(source, Path):
                page.goto(source.resolve().as_uri(), wait_until="load", timeout=120_000)
            else:
                page.set_content(source, wait_until="load", timeout=120_000)
            page.add_style_tag(content=PRINT_CSS)
            page.emulate_media(media="print")
            page.set_viewport_size({"width": _PRINTABLE_PX, "height": 1000})
            page.evaluate(_FIT_WIDE_TABLES)
            return bytes(page.pdf(**_PAGE))
        finally:
            page.close()


def _pypdf() -> Any:
    try:
        import pypdf
    except ImportError as err:
        raise _unavailable("the Python package pypdf is not installed") from err
    return pypdf


def _merge(documents: Sequence[bytes]) -> tuple[bytes, int]:
    """One PDF from several, in order (each keeps its own pages); with its page count."""
    pypdf = _pypdf()
    writer = pypdf.PdfWriter()
    for document in documents:
        writer.append(pypdf.PdfReader(io.BytesIO(document)))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue(), len(writer.pages)


def _in_event_loop() -> bool:
    """True inside a running asyncio loop (a Jupyter kernel), where Playwright's sync API refuses."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def write_pdf(parts: Sequence[Path | str], out_path: Path, *, printer: PdfPrinter | None = None) -> PdfWritten:
    """Print ``parts`` (HTML files as ``Path``, HTML text as ``str``) into one PDF at ``out_path``.

    Each part starts on a new page. The file is written atomically. This is the hook for a
    team's credential packet (snapshot, blueprint, pre/post table and graph as one PDF).
    Called from a notebook, the printing runs in a thread of its own (Playwright's sync API
    does not run inside the kernel's event loop).
    Raises :class:`~datadriver_utils.errors.PdfUnavailableError` when Chromium cannot print.
    """
    if not parts:
        raise ValueError("write_pdf needs at least one HTML part")
    if printer is None:
        if _in_event_loop():
            with ThreadPoolExecutor(max_workers=1) as thread:
                return thread.submit(write_pdf, parts, out_path).result()
        with PdfPrinter() as own:
            return write_pdf(parts, out_path, printer=own)
    already = len(printer.blocked)
    data, pages = _merge([printer.pdf(part) for part in parts])
    atomic_write_bytes(out_path, data)
    return PdfWritten(Path(out_path), pages, tuple(printer.blocked[already:]))


def print_reports(team_id: str, team_out: Path, outcomes: Sequence[NotebookOutcome],
                  more: Sequence[tuple[Sequence[Path | str], Path]] = ()) -> list[NotebookOutcome]:
    """``--pdf``: a PDF beside each HTML report that rendered, and each of ``more`` (HTML parts and
    the PDF to print them into: submission forms, the credential packet); returns outcomes only
    for failures.

    Runs after the HTML export, so a missing Chromium costs the PDFs, never the HTML. A PDF
    from an earlier run is removed when this run's could not be printed: it would no longer
    match the report beside it, and it is the file a coach would submit.
    """
    jobs: list[tuple[Sequence[Path | str], Path]] = [
        ([team_out / o.html], (team_out / o.html).with_suffix(".pdf"))
        for o in outcomes if o.ok and o.html and o.html.endswith(".html")]
    jobs += list(more)
    if not jobs:
        return []
    failed: list[NotebookOutcome] = []
    try:
        with PdfPrinter() as printer:
            for parts, target in jobs:
                try:
                    write_pdf(parts, target, printer=printer)
                except Exception as error:  # one report's PDF must not stop the others
                    target.unlink(missing_ok=True)
                    failed.append(NotebookOutcome(team_id, f"{target.stem} (PDF)", False, None,
                                                  f"the PDF could not be printed ({type(error).__name__})"))
    except PdfUnavailableError as error:
        for _parts, target in jobs:
            target.unlink(missing_ok=True)
        return [NotebookOutcome(team_id, "PDF", False, None, str(error))]
    return failed
