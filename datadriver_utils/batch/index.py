"""The district index: one line per team, links to its reports, nothing that names a student."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from datadriver_utils.core.safe_text import escape_text

if TYPE_CHECKING:
    from datadriver_utils.batch.outcomes import TeamOutcome

__all__ = ["render_index"]

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top}
.ok{color:#2f855a}.bad{color:#c53030}small{color:#555}
"""


def render_index(title: str, audience: str, outcomes: Sequence[TeamOutcome]) -> str:
    """A standalone HTML page (no scripts, no outside requests)."""
    rows = []
    for outcome in outcomes:
        links = " · ".join(
            f'<a href="{escape_text(outcome.team_id)}/{escape_text(n.html)}">{escape_text(n.notebook)}</a>'
            for n in outcome.notebooks if n.ok and n.html
        )
        summary = f' · <a href="{escape_text(outcome.team_id)}/summary.json">summary.json</a>' if outcome.notebooks else ""
        css = "ok" if outcome.ok else "bad"
        rows.append(
            f"<tr><td><b>{escape_text(outcome.name or outcome.team_id)}</b><br><small>{escape_text(outcome.team_id)}</small></td>"
            f'<td class="{css}">{escape_text(outcome.status_line)}</td><td>{links}{summary}</td></tr>'
        )
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{escape_text(title)} — data team reports</title><style>{_STYLE}</style></head><body>"
        f"<h1>{escape_text(title)}: data team reports</h1>"
        f"<p>Audience: <b>{escape_text(audience)}</b> · generated {stamp} · {len(outcomes)} team(s)</p>"
        "<table><thead><tr><th>Team</th><th>Status</th><th>Reports</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></body></html>"
    )
