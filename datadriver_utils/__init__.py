"""datadriver: the District Data Team Toolkit and the Data Driver cycle as a tested workbook.

What a notebook may call, on one screen::

    report = dd.open_report(data_dir, team_id, audience, summary_dir)   # load, validate, privacy
    dd.snapshot.show_grade_table(report)                                # Data Driver snapshot
    dd.gains.matched_gains(...), dd.items.item_statistics(...), dd.runchart.analyse_run_chart(...),
    dd.surveys.construct_scores(...), dd.inventory..., dd.dissemination..., dd.ratings...

Modules, one job each: ``contract`` (the data contract: reading, schemas, validation),
``gains`` (pre/post growth), ``items`` (assessment item analysis), ``runchart`` (run-chart
rules), ``surveys``, ``inventory``, ``dissemination``, ``ratings`` (workshop self-assessments),
``privacy`` (audiences, suppression), ``safe_text`` (escaping), ``paths`` (safe paths, atomic
writes), ``capture``/``widgets`` (live workshop answers), ``report`` (the notebook context),
``batch``/``export``/``cli`` (papermill runs and HTML reports), ``sample`` (the sample district).
"""

from datadriver_utils.contract.team import TeamData, load_team
from datadriver_utils.errors import (
    CaptureError,
    DataDriverError,
    DataProblemsError,
    MissingDataError,
    Problem,
    UnsafePathError,
)
from datadriver_utils.notebook.report import Report, open_report
from datadriver_utils.privacy.rules import Audience, PrivacyRules
from datadriver_utils.stats import gains
from datadriver_utils.strands import inquiry, snapshot

__version__ = "0.1.0"

__all__ = [
    "Audience",
    "CaptureError",
    "DataDriverError",
    "DataProblemsError",
    "MissingDataError",
    "PrivacyRules",
    "Problem",
    "Report",
    "TeamData",
    "UnsafePathError",
    "gains",
    "inquiry",
    "load_team",
    "open_report",
    "snapshot",
]
