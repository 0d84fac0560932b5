"""Escape user text where it enters a report, a Markdown cell or a CSV for staff.

Team names, survey answers and notes typed in workshops end up in notebook output.  nbconvert
prints ``text/html`` and Markdown raw (``sanitize_html`` is off by default, and its sanitiser
breaks pandas tables), so the safe place to escape is where the text enters the output (see
/work/shared/FIELD_NOTES.md, "Security facts about the stack").  ``DataFrame.to_html``
escapes by default, a ``Styler`` does not: use :func:`html_table`.  CSVs opened in Excel run
cells that start like a formula (OWASP CSV injection): use :func:`excel_safe_frame`, or
:func:`excel_protect` for files we read back.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Sequence
from typing import Any

import pandas as pd

#: Characters that start a formula in Excel or LibreOffice (OWASP CSV injection guidance).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: A plain number written as text ("-3.5", "+2", "-12.0%"): no formula can hide in it.
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?")
#: Markdown punctuation that can build links, images, emphasis, code, tables or headings.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")
_CSS_CLASS = re.compile(r"-?[A-Za-z_][A-Za-z0-9_-]*")


def escape_text(value: object) -> str:
    """HTML-escape user text (``<``, ``>``, ``&``, quotes); ``None`` becomes ``""``."""
    return "" if value is None else html.escape(str(value), quote=True)


def escape_markdown(value: object) -> str:
    """Make user text inert in Markdown: HTML-escaped, Markdown punctuation backslashed.

    ``<``/``>``/``&``/quotes become entities (no raw HTML); ``[ ] ( ) ! * _ ` | #`` and the
    other CommonMark punctuation get a backslash (no links, images, emphasis, code spans or
    table cells); line breaks become ``<br>`` so a value cannot start a new block.
    """
    text = _MD_SPECIAL.sub(r"\\\1", "" if value is None else str(value))
    text = html.escape(text, quote=True)
    return re.sub(r"\r\n|\r|\n", "<br>", text)


class _EscapingFormatter(string.Formatter):
    """``str.format`` that escapes each value after applying its format spec."""

    def format_field(self, value: Any, format_spec: str) -> str:
        return escape_markdown(super().format_field(value, format_spec))


def md(text_template: str, **user_values: object) -> str:
    """Fill a Markdown template we wrote with values a user typed, escaping every value.

    ``{name}`` and ``{score:.1f}`` work as in ``str.format``.  The template itself is trusted
    and never escaped -- never build it from user text.

    Examples
    --------
    >>> md("**Team:** {team}", team="<b>7th</b> [grade](javascript:x)")
    '**Team:** &lt;b&gt;7th&lt;/b&gt; \\\\[grade\\\\]\\\\(javascript:x\\\\)'
    """
    return _EscapingFormatter().vformat(text_template, (), user_values)


def html_table(
    df: pd.DataFrame,
    *,
    classes: Sequence[str] = ("datadriver-table",),
    index: bool = False,
    na_rep: str = "—",
    float_format: str | None = None,
    max_rows: int | None = None,
) -> str:
    """Render ``df`` as an HTML table with every cell and header HTML-escaped.

    A thin wrapper over ``DataFrame.to_html(escape=True, ...)`` so notebooks never reach for a
    ``Styler`` (which does not escape).  ``float_format`` is a format spec such as ``".1f"``.
    """
    bad = [c for c in classes if not _CSS_CLASS.fullmatch(c)]
    if bad:
        raise ValueError(f"CSS class names may use letters, digits, '-' and '_' only: {bad}")
    formatter = None if float_format is None else (lambda x: format(x, float_format))
    return df.to_html(
        escape=True, index=index, na_rep=na_rep, classes=list(classes), border=0,
        float_format=formatter, max_rows=max_rows, render_links=False,
    )


def excel_safe(value: Any) -> Any:
    """Put an apostrophe before text that Excel would run as a formula (OWASP).

    Text starting with ``= + - @``, a tab or a carriage return is prefixed with ``'``.  Numbers
    (including negative ones) are returned untouched, and so is text that is just a number
    (``"-3.5"``, ``"-12.0%"``), so formatted gains stay readable.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        if not _PLAIN_NUMBER.fullmatch(value):
            return "'" + value
    return value


def excel_protect(value: Any) -> Any:
    """:func:`excel_safe`, made reversible for files we read back (workshop responses).

    Text that already starts with ``'`` gets a second one, so :func:`excel_unprotect` can
    always take exactly one off and give back what was typed.
    """
    if isinstance(value, str) and value.startswith("'"):
        return "'" + value
    return excel_safe(value)


def excel_unprotect(value: str) -> str:
    """Undo :func:`excel_protect`."""
    return value[1:] if value.startswith("'") else value


def excel_safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Apply :func:`excel_safe` to every text cell and to the column names (write index=False).

    Numeric, boolean and date columns are left as they are; text, object and categorical
    columns are checked cell by cell.
    """
    out = df.copy()
    for col in out.columns:
        dtype = out[col].dtype
        if dtype == object or isinstance(dtype, (pd.StringDtype, pd.CategoricalDtype)):
            out[col] = out[col].astype(object).map(excel_safe)
    return out.rename(columns=lambda c: excel_safe(c) if isinstance(c, str) else c)
