"""Tests for datadriver_utils.core.safe_text: HTML/Markdown escaping and Excel formula prefixing."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from datadriver_utils.core.safe_text import (
    escape_markdown,
    escape_text,
    excel_safe,
    excel_safe_frame,
    html_table,
    md,
)

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def render(markdown_text: str) -> str:
    """Render with mistune, the Markdown engine nbconvert uses for HTML reports."""
    mistune = pytest.importorskip("mistune")
    return str(mistune.html(markdown_text))


# ---------------------------------------------------------------- plain text


def test_escape_text_neutralises_script_and_img() -> None:
    assert escape_text(SCRIPT) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert escape_text(IMG) == "&lt;img src=x onerror=alert(1)&gt;"
    assert escape_text('a "b" & \'c\'') == "a &quot;b&quot; &amp; &#x27;c&#x27;"
    assert escape_text(None) == "" and escape_text(7) == "7"


# ---------------------------------------------------------------- tables


def test_html_table_escapes_cells_and_headers() -> None:
    df = pd.DataFrame({SCRIPT: [IMG, None], "pct": [12.345, np.nan]})
    out = html_table(df, float_format=".1f")
    assert "<script" not in out and "<img" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "<td>12.3</td>" in out and out.count("<td>—</td>") == 2
    assert 'class="dataframe datadriver-table"' in out


def test_html_table_refuses_odd_class_names() -> None:
    with pytest.raises(ValueError, match="CSS class"):
        html_table(pd.DataFrame({"a": [1]}), classes=['x" onclick="alert(1)'])


# ---------------------------------------------------------------- Markdown


def test_md_escapes_values_but_not_the_template() -> None:
    out = md("## Team {team}\n\n**Goal:** {goal}", team=SCRIPT, goal=IMG)
    assert out.startswith("## Team &lt;script&gt;alert\\(1\\)&lt;/script&gt;")
    html = render(out)
    assert "<script" not in html and "<img" not in html
    assert "<h2>" in html and "<strong>Goal:</strong>" in html


@pytest.mark.parametrize(
    ("value", "forbidden"),
    [("[click](javascript:alert(1))", "<a"), ("![x](http://evil.example/p.png)", "<img"),
     ("*bold* _it_", "<em"), ("`code`", "<code"), ("<b>x</b>", "<b>"),
     ("<https://evil.example>", "<a"), ("# heading", "<h1")],
)
def test_md_values_cannot_build_links_images_emphasis_or_html(value: str, forbidden: str) -> None:
    html = render(md("Note: {v}", v=value) if not value.startswith("#") else md("{v}", v=value))
    assert forbidden not in html


def test_md_values_cannot_break_a_table_row_or_start_a_block() -> None:
    out = md("| team | note |\n|---|---|\n| {team} | {note} |", team="a | b", note="x\n\n# H")
    assert "a \\| b" in out and "x<br><br>\\# H" in out
    html = render(out)
    assert "<h1" not in html


def test_md_keeps_format_specs_and_the_visible_text() -> None:
    assert md("{pct:.1f}% of {n:d}", pct=12.345, n=40) == "12\\.3% of 40"
    assert escape_markdown("Tom & Jerry's") == "Tom &amp; Jerry&#x27;s"
    assert render(md("{x}", x="5 < 6 [a]")).strip() == "<p>5 &lt; 6 [a]</p>"


# ---------------------------------------------------------------- Excel


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+cmd", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A2)", "\t=1", "\r=1",
     '=HYPERLINK("http://evil.example","x")', "-", "--5"],
)
def test_formula_like_text_gets_an_apostrophe(value: str) -> None:
    assert excel_safe(value) == "'" + value


@pytest.mark.parametrize(
    "value", ["hello", "", "a=b", -5, -3.5, np.float64(-1.25), None, "-3.5", "-12.0%", "+2",
              "-1e5"],
)
def test_plain_values_and_numbers_are_untouched(value: object) -> None:
    assert excel_safe(value) is value


def test_excel_safe_frame_prefixes_text_cells_and_headers_only() -> None:
    df = pd.DataFrame({
        "gain": [-3.0, 2.5],
        "note": ["=cmd|' /C calc'!A0", "fine"],
        "=HYPERLINK(1)": ["@x", "y"],
        "level": pd.Categorical(["-risk", "ok"]),
    })
    out = excel_safe_frame(df)
    assert list(out.columns) == ["gain", "note", "'=HYPERLINK(1)", "level"]
    assert out["gain"].tolist() == [-3.0, 2.5] and out["gain"].dtype == float
    assert out["note"].tolist() == ["'=cmd|' /C calc'!A0", "fine"]
    assert out["'=HYPERLINK(1)"].tolist() == ["'@x", "y"]
    assert out["level"].tolist() == ["'-risk", "ok"]
    assert df["note"].iloc[0].startswith("=")  # input untouched


def test_excel_protect_round_trips_every_text() -> None:
    from datadriver_utils.core.safe_text import excel_protect, excel_unprotect
    for typed in ["=SUM(A1)", "'quoted", "''two", "-3.5", "plain", "@x", "\tTab"]:
        stored = excel_protect(typed)
        assert not (isinstance(stored, str) and stored.startswith(("=", "+", "@", "\t")))
        assert excel_unprotect(stored) == typed
