"""The preview every import prints (a dry run prints only this): what was read, what would be
written, and every input row that could not be used, with file, row, column and reason."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from datadriver_utils.errors import Problem
from datadriver_utils.importers.run import ImportOutcome

__all__ = ["render_preview", "preview_lines"]

_LIST_AT_MOST = 12


def _listed(values: list[str]) -> str:
    shown = ", ".join(values[:_LIST_AT_MOST])
    return shown + (f" … and {len(values) - _LIST_AT_MOST} more" if len(values) > _LIST_AT_MOST else "")


def preview_lines(outcome: ImportOutcome) -> list[tuple[str, str]]:
    """The figures of the preview as (label, value) pairs: what tests and the table show."""
    plan = outcome.plan
    rows = [("files read", ", ".join(f"{name} ({n} rows)" for name, n in plan.rows_read.items()))]
    if "students" in plan.tables:
        rows.append(("students", str(plan.count("students"))))
    if "assessments" in plan.tables:
        kinds = plan.distinct("assessments", "score_type")
        rows += [("assessment rows", str(plan.count("assessments"))),
                 ("students with scores", str(plan.count("assessments", "student_id"))),
                 ("score types", ", ".join(kinds) or "points")]
        items = plan.distinct("assessments", "item_id")
        if items:
            rows.append((f"items ({len(items)})", _listed(items)))
        standards = plan.distinct("assessments", "standard")
        rows.append((f"standards ({len(standards)})", _listed(standards)))
    if "surveys" in plan.tables:
        rows += [("survey answers", str(plan.count("surveys"))),
                 ("respondents", str(plan.count("surveys", "respondent"))),
                 (f"items ({plan.count('survey_items')})", _listed(plan.distinct("survey_items", "item")))]
    if plan.windows or "assessments" in plan.tables:
        rows.append(("windows, in time order", " → ".join(plan.windows) or "—"))
    if plan.administrations:
        rows.append(("administrations, in time order", " → ".join(plan.administrations)))
    rows.append(("unusable input rows", str(len(plan.unusable))))
    return rows


def _problem_table(title: str, problems: list[Problem]) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False)
    for column in ("file", "row", "column", "reason"):
        table.add_column(column, overflow="fold")
    for problem in problems:
        reason = problem.message + (f" (found {problem.value!r})" if problem.value is not None else "")
        table.add_row(*(Text(v) for v in (problem.file, "" if problem.row is None else str(problem.row),
                                          problem.column or "", reason)))
    return table


def render_preview(outcome: ImportOutcome, console: Console) -> None:
    """Print the preview: figures, rules applied, unusable rows, grade disagreements, files written."""
    plan = outcome.plan
    console.print(f"[bold]Import {escape(plan.source)}[/] ({escape(plan.title)}) into {escape(str(outcome.team_dir))}")
    figures = Table(show_header=False, box=None, pad_edge=False)
    figures.add_column(style="bold")
    figures.add_column(overflow="fold")
    for label, value in preview_lines(outcome):
        figures.add_row(Text(label), Text(value))
    console.print(figures)
    for note in plan.notes:
        console.print(f"  • {note}", markup=False)
    if plan.unusable:
        console.print(_problem_table(f"Input rows not used ({len(plan.unusable)})", plan.unusable))
    conflicts = plan.grade_conflicts + outcome.writes.problems
    if conflicts:
        console.print(_problem_table(f"Grades that disagree ({len(conflicts)})", conflicts))
    verb = "Wrote" if outcome.written else "Would write (dry run: nothing was written)"
    console.print(f"[bold]{verb}:[/]")
    for action in outcome.writes.actions:
        console.print(f"  - {action}", markup=False)
    if outcome.written:
        console.print("Next: `datadriver check --data <your data folder>`, then open the notebooks.")
