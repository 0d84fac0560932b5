"""The ``datadriver`` command: ``check``, ``run``, ``new-team``, ``import``, ``training`` and ``portfolio``.

A thin click wrapper: every command calls into the package and prints
:class:`~datadriver_utils.errors.DataDriverError` messages without a traceback.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from datadriver_utils.batch.runner import BatchOptions, check_folders, run_batch
from datadriver_utils.contract.team import TeamData, check_team, list_teams, load_district
from datadriver_utils.core.paths import atomic_write_text, validate_team_id
from datadriver_utils.errors import DataDriverError, Problem
from datadriver_utils.privacy.rules import Audience
from datadriver_utils.sample.templates import DISTRICT_TEMPLATE, write_templates

console = Console(highlight=False, soft_wrap=True)
errors = Console(stderr=True, highlight=False, soft_wrap=True)

DEFAULT_OUT = Path("exports")
TRAINING_OUT = DEFAULT_OUT / "training"
"""Where ``run --training`` puts the worked versions: apart from the team's own reports."""

_DATA = click.option(
    "--data", "data_dir", default="sample_data", show_default=True,
    type=click.Path(path_type=Path, file_okay=False), help="The data folder (district.yml and teams/).",
)


def _print_problems(team_id: str, problems: list[Problem]) -> None:
    errors.print(f"[bold red]✗ {team_id}[/]: {len(problems)} problem(s)")
    for problem in problems:
        errors.print(f"    - {problem}", markup=False)


def _mapping_problems(team_dir: Path, team: TeamData | None) -> list[Problem]:
    from datadriver_utils.importers.run import check_kept_mappings

    return check_kept_mappings(team_dir, team.config if team else None)


class _FriendlyGroup(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except DataDriverError as error:
            errors.print(f"[bold red]Error:[/] {escape(str(error))}", markup=True)
            sys.exit(2)


@click.group(cls=_FriendlyGroup)
@click.version_option(package_name="datadriver")
def main() -> None:
    """datadriver: District Data Team Toolkit and Data Driver cycle reports."""


@main.command()
@_DATA
@click.option("--team", "teams", multiple=True, help="Only this team (repeatable).")
def check(data_dir: Path, teams: tuple[str, ...]) -> None:
    """Check every file of every team and list every problem found."""
    data_dir = data_dir.resolve()
    district, district_problems = load_district(data_dir)
    if district is None:
        _print_problems("district", district_problems)
        sys.exit(1)
    team_ids = [validate_team_id(t) for t in teams] or list_teams(data_dir)
    if not team_ids:
        errors.print(f"No teams found under {data_dir / 'teams'} (each team folder needs a team.yml).")
        sys.exit(1)
    bad = 0
    for team_id in team_ids:
        team, problems = check_team(data_dir, team_id, district)
        problems += _mapping_problems(data_dir / "teams" / team_id, team)
        if problems:
            bad += 1
            _print_problems(team_id, problems)
        else:
            missing = f" (not yet supplied: {', '.join(team.missing)})" if team and team.missing else ""
            console.print(f"[green]✓ {team_id}[/]: no problems{missing}")
    sys.exit(1 if bad else 0)


def _as_of_option(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    """``--as-of``: an ISO date, or a clear message (never a traceback)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date: write it as YYYY-MM-DD, for example 2026-01-15 "
                                 "(leave the option out to judge dates as of the day of the run).") from None


@main.command()
@_DATA
@click.option("--out", "out_dir", default=None, type=click.Path(path_type=Path, file_okay=False),
              help=f"Where the reports go  [default: {DEFAULT_OUT}; {TRAINING_OUT} with --training]")
@click.option("--team", "teams", multiple=True, help="Only this team (repeatable).")
@click.option("--audience", type=click.Choice([a.value for a in Audience]), default="team", show_default=True,
              help="team: may show students; district/public: groups only, small groups hidden.")
@click.option("--training", is_flag=True, help="Render the training versions: every notebook's exercises with their "
              "worked answers, for coaches who read before they practise (team view only).")
@click.option("--notebook", "notebooks", multiple=True, help="Only this notebook file name (repeatable).")
@click.option("--jobs", default=2, show_default=True, help="Teams rendered at the same time (processes).")
@click.option("--cell-timeout", default=300, show_default=True, help="Seconds a single cell may run.")
@click.option("--pdf", is_flag=True, help="Also print each report to a PDF beside its HTML, and each team's "
              "credential packet (needs Chromium).")
@click.option("--submission", is_flag=True, help="Also write each report's submission form (<report>.submission.html: "
              "no workshop notes, timings, file names or prompts; groups only), printed too with --pdf.")
@click.option("--packet", is_flag=True, help="Also print each team's Data Driver credential packet "
              "(credential_packet.pdf: overview, snapshot, common assessment, pre/post results; needs Chromium).")
@click.option("--force", is_flag=True, help="Render every team, even those whose data, notebooks and settings "
              "have not changed since their last complete run.")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", default=None, callback=_as_of_option,
              help="Judge every date (overdue actions and trainings, the minutes' register) as of this day, "
                   "for a reproducible rerun. Default: the day of the run.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Send the teams to this dask.distributed scheduler (e.g. tcp://10.0.0.5:8786); "
                   "the reports are gathered into OUT. See docs/scale.md.")
def run(data_dir: Path, out_dir: Path | None, teams: tuple[str, ...], audience: str, training: bool,
        notebooks: tuple[str, ...], jobs: int, cell_timeout: int, pdf: bool, submission: bool, packet: bool,
        force: bool, as_of: dt.date | None, scheduler: str | None) -> None:
    """Validate, then render every notebook for every team into OUT (only what changed)."""
    from datadriver_utils.training.mode import WORKED  # the training package loads widgets: only when asked

    if training and audience != Audience.TEAM.value:
        raise click.UsageError("--training renders the team view only: worked answers quote exact counts of "
                               "students, which shared reports never show. Leave out --audience.")
    options = BatchOptions(
        data_dir=data_dir.resolve(), out_dir=(out_dir or (TRAINING_OUT if training else DEFAULT_OUT)).resolve(),
        teams=list(teams) or None, audience=Audience.parse(audience), notebooks=list(notebooks) or None, jobs=jobs,
        cell_timeout=cell_timeout, pdf=pdf, submission=submission, packet=packet, force=force, scheduler=scheduler, as_of=as_of,
        parameters={"training": WORKED} if training else {},
    )
    check_folders(options)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=errors, transient=False) as progress:
        task = progress.add_task("Rendering teams", total=None)

        def on_progress(label: str, total: int) -> None:
            if label == "start":
                progress.update(task, total=total)
            else:
                progress.update(task, advance=1, description=f"Rendering teams (last: {label})")

        result = run_batch(options, on_progress)
    for outcome in result.teams:
        if outcome.problems:
            _print_problems(outcome.team_id, outcome.problems)
        elif not outcome.ok:
            errors.print(f"[bold red]✗ {outcome.team_id}[/]: {outcome.status_line}", markup=True)
            for notebook in outcome.notebooks:
                if not notebook.ok:
                    where = f" (details: {notebook.details})" if notebook.details else ""
                    errors.print(f"    - {notebook.notebook}: {notebook.message}{where}", markup=False)
        elif outcome.reused:
            console.print(f"[green]= {outcome.team_id}[/]: unchanged since {outcome.rendered_at}, not rendered again")
        else:  # amber, as in the district index, while files are still missing
            colour = "yellow" if outcome.missing_files else "green"
            console.print(f"[{colour}]✓ {outcome.team_id}[/]: {outcome.status_line}")
    if result.teams and not result.rendered and all(t.reused for t in result.teams):
        console.print("Nothing changed since the last run: no report was rendered (--force renders them again).")
    if result.index_path:
        console.print(f"District index: {result.index_path} (the same table as CSV: district_summary.csv beside it)")
    failed = [t.team_id for t in result.teams if not t.ok]
    if failed:
        errors.print(f"[bold red]{len(failed)} team(s) not fully rendered:[/] {', '.join(failed)}")
        sys.exit(1)


@main.command("new-team")
@click.argument("team_dir", type=click.Path(path_type=Path, file_okay=False))
def new_team(team_dir: Path) -> None:
    """Create TEAM_DIR (e.g. my_data/teams/grade7-math) from the blank templates."""
    validate_team_id(team_dir.name)
    if team_dir.exists() and any(team_dir.iterdir()):
        raise click.ClickException(f"{team_dir} already exists and is not empty; nothing was changed.")
    write_templates(team_dir, include_district=False)
    data_dir = team_dir.parent.parent
    if team_dir.parent.name == "teams" and not (data_dir / "district.yml").exists():
        atomic_write_text(data_dir / "district.yml", DISTRICT_TEMPLATE)
        console.print(f"Created {data_dir / 'district.yml'}: fill in the district's name and privacy settings.")
    console.print(f"Created {team_dir} with team.yml and blank CSV templates. Fill in team.yml, students.csv "
                  "and assessments.csv first; delete the templates you do not use yet.")


@main.command("import")
@click.argument("source")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@click.option("--team", "team_dir", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="The team folder to write (e.g. my_data/teams/grade4-math).")
@click.option("--map", "map_path", type=click.Path(path_type=Path, dir_okay=False), help="Mapping file (YAML).")
@click.option("--dry-run", is_flag=True, help="Show the preview; write nothing.")
@click.option("--append", is_flag=True, help="Merge into the team's files by each table's key.")
@click.option("--replace", is_flag=True, help="Overwrite the team's files.")
def import_(source: str, files: tuple[Path, ...], team_dir: Path, map_path: Path | None, dry_run: bool,
            append: bool, replace: bool) -> None:
    """Import vendor exports (SOURCE: nwea-map, renaissance-star, iready, item-sheet, forms-survey, oneroster)."""
    from datadriver_utils.importers import run_import
    from datadriver_utils.importers.preview import render_preview

    if append and replace:  # two flags of one choice: never let the last one win silently
        raise click.UsageError("--append and --replace cannot be used together: --append merges the import into "
                               "the team's files by each table's key, --replace overwrites them. Choose one.")
    outcome = run_import(source, list(files), team_dir, map_path,
                         "append" if append else "replace" if replace else "refuse", dry_run)
    render_preview(outcome, console)


@main.command()
@click.option("--learner", required=True, help="Your name: your progress and your copy are kept under it.")
@click.option("--reset", is_flag=True, help="Start afresh: a new copy of the sample district, progress cleared.")
@click.option("--no-lab", is_flag=True, help="Prepare the copy and print where it is, without starting JupyterLab.")
def training(learner: str, reset: bool, no_lab: bool) -> None:
    """Practise facilitating on your own copy of the sample district (exercises with feedback)."""
    from datadriver_utils.training.workspace import prepare_workspace, start_lab

    workspace = prepare_workspace(learner, reset=reset)
    console.print(f"Training copy for {learner}: {workspace}", markup=False)
    console.print("Start with notebooks/training/README.ipynb: the path, the time each step takes, your progress.",
                  markup=False)
    if not no_lab:
        sys.exit(start_lab(workspace, learner))


# -- teacher leadership: the credential portfolio (notebook 40) ------------------------------------

_STATUS_STYLE = {"complete": "green", "partial": "yellow", "not started": "dim"}


@main.command()
@_DATA
@click.option("--team", "team_id", required=True, help="The team whose folder is read.")
@click.option("--candidate", "people", multiple=True, help="Only this candidate (repeatable).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Also write a submission packet per started credential under OUT/<team>/packets/.")
@click.option("--format", "formats", multiple=True, default=("html",), show_default=True,
              help="Packet formats: html, pdf (printed by Chromium, as `run --pdf`).")
def portfolio(data_dir: Path, team_id: str, people: tuple[str, ...], out_dir: Path | None,
              formats: tuple[str, ...]) -> None:
    """Every credential's evidence for each candidate: complete, partial (with what is missing), not started."""
    from rich.markup import escape
    from rich.table import Table

    from datadriver_utils.batch.packets import write_packets
    from datadriver_utils.contract.team import load_team
    from datadriver_utils.stats.portfolio import credential_status, evaluate
    from datadriver_utils.workshop.records import evidence_inputs

    team = load_team(data_dir.resolve(), validate_team_id(team_id))
    inputs, problems = evidence_inputs(team)
    for problem in problems:
        errors.print(f"[yellow]left out:[/] {escape(str(problem))}", markup=True)
    evidence = evaluate(inputs, list(people) or None)
    for person, own in credential_status(evidence).groupby("candidate", sort=False):
        table = Table(title=escape(f"{person} — {team.config.name}"), show_lines=False)
        for heading in ("credential", "status", "evidence", "still missing"):
            table.add_column(heading, overflow="fold")
        for row in own.itertuples():
            style = _STATUS_STYLE.get(row.status, "")
            table.add_row(row.credential, f"[{style}]{row.status}[/]", f"{row.n_complete}/{row.n_evidence}",
                          escape(str(row.missing)))
        console.print(table)
    if out_dir is not None:
        written = write_packets(team, out_dir.resolve(), people=list(people) or None, formats=formats)
        console.print(f"{len(written)} packet(s) written under {out_dir.resolve() / team.team_id / 'packets'}.")


if __name__ == "__main__":
    main()
