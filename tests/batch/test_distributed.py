"""``datadriver run --scheduler``: teams rendered on a dask.distributed cluster, reports gathered into --out.

Issue 13. A LocalCluster stands in for a state network's cluster: two teams, one notebook. The
worker gets the team's files as data (no shared folder is assumed), so the reports it sends
back must match a local run of the same team, land in the export folder with summary.json,
and be recorded so the next run renders nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from datadriver_utils.batch.distributed import bundle_team
from datadriver_utils.batch.runner import BatchOptions, run_batch

pytestmark = pytest.mark.notebooks
distributed = pytest.importorskip("distributed")

TEAMS = ["maple-elementary-g3", "oak-middle-science"]
SNAPSHOT = "20_data_driver_snapshot.ipynb"


def options(data: Path, out: Path, tmp_path: Path, **more: object) -> BatchOptions:
    settings: dict[str, object] = {"teams": TEAMS, "notebooks": [SNAPSHOT], "jobs": 1, "cell_timeout": 180,
                                   "cache_dir": tmp_path / "cache", **more}
    return BatchOptions(data_dir=data, out_dir=out, **settings)  # type: ignore[arg-type]


def test_teams_render_on_a_cluster_and_land_in_the_export_folder(sample_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "cluster-out"
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        result = run_batch(options(sample_copy, out, tmp_path, scheduler=cluster.scheduler_address))
        assert result.ok, [(t.team_id, [n.message for n in t.notebooks]) for t in result.teams]
        assert [t.team_id for t in result.rendered] == TEAMS
        again = run_batch(options(sample_copy, out, tmp_path, scheduler=cluster.scheduler_address))
        assert again.rendered == []  # recorded like a local run
    for team_id in TEAMS:
        assert (out / team_id / "20_data_driver_snapshot.html").stat().st_size > 1000
    assert (out / "index.html").is_file()
    local_out = tmp_path / "local-out"
    run_batch(options(sample_copy, local_out, tmp_path, teams=[TEAMS[0]]))
    cluster_summary = json.loads((out / TEAMS[0] / "summary.json").read_text(encoding="utf-8"))
    local_summary = json.loads((local_out / TEAMS[0] / "summary.json").read_text(encoding="utf-8"))
    assert cluster_summary["data_driver"] == local_summary["data_driver"]
    assert cluster_summary["data_driver"]["by_grade"]


def test_a_bundle_carries_the_whole_team_folder_and_nothing_outside(sample_copy: Path, tmp_path: Path) -> None:
    team_dir = sample_copy / "teams" / TEAMS[0]
    secret = tmp_path / "secret.csv"
    secret.write_text("not the team's\n", encoding="utf-8")
    (team_dir / "linked.csv").symlink_to(secret)
    bundle = bundle_team(sample_copy, TEAMS[0], [])
    expected = {str(p.relative_to(team_dir)) for p in team_dir.rglob("*") if p.is_file() and not p.is_symlink()}
    assert set(bundle.team_files) == expected and "team.yml" in expected
    assert any(name.startswith("responses/") for name in bundle.team_files)
    assert "linked.csv" not in bundle.team_files
