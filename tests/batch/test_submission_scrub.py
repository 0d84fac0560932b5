"""The submission form's scrub on hand-made HTML: what is left out, what stays, what still counts as a leak.

The sample district's forms are checked end to end in tests/batch/test_submission.py; here each
rule is pinned on a page small enough to read.
"""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from datadriver_utils.batch.submission import leaks, scrub, submission_html


def _page(body: str) -> str:
    return f"<html><head><title>t</title><style>.x {{ }}</style></head><body>{body}</body></html>"


def test_workshop_paragraphs_leave_and_the_rest_stays() -> None:
    html = scrub(_page(
        "<h1>Snapshot</h1>"
        "<p><strong>What this session is for.</strong> The leader pulls the cycle together.</p>"
        "<p><strong>Who it is for.</strong> The team.  <strong>Time:</strong> about 40 minutes.</p>"
        "<p>Means use matched students only.</p>"))
    assert "Snapshot" in html and "Means use matched students only." in html
    assert "session is for" not in html and "40 minutes" not in html and "Who it is for" not in html
    assert leaks(html) == []


def test_a_sentence_naming_a_file_or_a_timing_leaves_its_paragraph_only() -> None:
    html = scrub(_page("<p>The rating follows documented thresholds. See <code>docs/analysis.md</code> for them. "
                       "Read silently for 2 minutes. Both are shown.</p>"))
    assert "The rating follows documented thresholds. Both are shown." in html
    assert "analysis.md" not in html and "minutes" not in html


def test_an_emptied_table_cell_shows_a_dash_and_meeting_minutes_stay() -> None:
    html = scrub(_page("<table><tr><th>Strand</th><th>What the data show</th></tr>"
                       "<tr><td>Data Analyst</td><td>Add processes.csv to set completion beside the results.</td></tr>"
                       "<tr><td>Team</td><td>Minutes of every meeting record who follows up.</td></tr></table>"))
    assert "<td>—</td>" in html and "processes.csv" not in html
    assert "Minutes of every meeting record who follows up." in html  # a topic of the toolkit, not a timing
    assert leaks(html) == []


def test_a_session_agenda_and_live_instructions_leave() -> None:
    html = scrub(_page("<table><thead><tr><th>Time</th><th>Activity</th></tr></thead>"
                       "<tbody><tr><td>0–10 min</td><td>Overview</td></tr></tbody></table>"
                       "<p>The latest draft is shown. In a live session, write the draft below.</p>"))
    assert "<table" not in html and "Overview" not in html
    assert "The latest draft is shown." in html and "live session" not in html
    assert leaks(html) == []


def test_a_discussion_heading_takes_the_rest_of_its_cell_but_not_the_next() -> None:
    html = scrub(_page('<div class="cell"><h3>Discussion</h3><ol><li>What surprised you?</li></ol></div>'
                       '<div class="cell"><h2>Part 2. Evidence and artifacts</h2></div>'))
    assert "Discussion" not in html and "surprised" not in html
    assert "Part 2. Evidence and artifacts" in html


def test_leaks_names_what_is_left() -> None:
    found = leaks(_page("<p>Time: about 40 minutes.</p><h3>What to notice</h3><p>Edit team.yml now.</p>"
                        '<p>Missing post scores: 400004.</p><img alt="chart of assessments.csv" src="data:,">'),
                  student_ids={"400004"})
    assert {leak.kind for leak in found} == {"timing", "file name", "workshop prompt", "alt text", "student id"}


def test_submission_html_drops_workshop_cells_of_a_notebook() -> None:
    notebook = new_notebook(cells=[
        new_markdown_cell("## Part 1. Overview questions"),
        new_markdown_cell("### Discussion\n1. What would change your mind?", metadata={"tags": ["workshop"]}),
        new_markdown_cell("> **Facilitator notes** 0–5 min: read aloud", metadata={"tags": ["facilitator"]}),
        new_code_cell("practice()", metadata={"tags": ["practice"]},
                      outputs=[nbformat.v4.new_output("stream", text="exercise 20.1")]),
        new_code_cell("x", outputs=[nbformat.v4.new_output("display_data", data={"text/html": "<p>Goal met.</p>"})]),
    ])
    html = submission_html(notebook, "form")
    assert "Part 1. Overview questions" in html and "Goal met." in html
    for gone in ("Discussion", "change your mind", "Facilitator", "exercise 20.1"):
        assert gone not in html, gone
    assert leaks(html) == []
