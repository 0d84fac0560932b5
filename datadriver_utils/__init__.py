"""datadriver: the District Data Team Toolkit and the Data Driver cycle as a tested workbook.

What a notebook calls, on one screen::

    report = dd.open_report(data_dir, team_id, audience, summary_dir)   # load, validate, privacy
    from datadriver_utils.strands import assessor
    items = assessor.item_statistics(report, too_easy_above=0.85)       # a result: shows its table
    items.frame                                                         # ... and hands over its numbers
    assessor.publish(report)                                            # its summary.json section

The package, one job per subpackage (README "Layout" draws the whole tree):
``core`` (paths and atomic files, rounding, safe text), ``contract`` (reading and checking the
team's files), ``privacy`` (rules, suppression, what each audience may see), ``stats`` (every
computed figure), ``charts`` (matplotlib figures, never a statistic), ``notebook`` (Report,
results, ``@needs``, HTML templates), ``workshop`` (answers captured in a session), ``toolkit``,
``strands`` and ``leadership`` (one view module per notebook, 00-06, 11-21 and 30-40), ``importers`` (vendor exports
into the contract), ``batch`` (papermill runs, reports, the district index), ``sample``.
"""

import importlib
import typing

from datadriver_utils.errors import (
    CaptureError,
    DataDriverError,
    DataProblemsError,
    MissingDataError,
    ParameterError,
    Problem,
    UnsafePathError,
)

if typing.TYPE_CHECKING:
    from datadriver_utils.contract.team import TeamData, load_team
    from datadriver_utils.notebook.report import Report, open_report
    from datadriver_utils.privacy.rules import Audience, PrivacyRules
    from datadriver_utils.stats import gains
    from datadriver_utils.strands import inquiry, snapshot

__version__ = "0.1.0"

# Imported on first use (PEP 562): ``datadriver run`` and ``datadriver check`` need none of the
# drawing and statistics libraries, which take seconds to import (issue 13).
_LAZY = {
    "TeamData": "datadriver_utils.contract.team", "load_team": "datadriver_utils.contract.team",
    "Report": "datadriver_utils.notebook.report", "open_report": "datadriver_utils.notebook.report",
    "Audience": "datadriver_utils.privacy.rules", "PrivacyRules": "datadriver_utils.privacy.rules",
    "gains": "datadriver_utils.stats.gains", "inquiry": "datadriver_utils.strands.inquiry",
    "snapshot": "datadriver_utils.strands.snapshot",
}


def __getattr__(name: str) -> typing.Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'datadriver_utils' has no attribute {name!r}")
    module = importlib.import_module(_LAZY[name])
    value = module if _LAZY[name].endswith("." + name) else getattr(module, name)
    globals()[name] = value
    return value

__all__ = [
    "Audience",
    "CaptureError",
    "DataDriverError",
    "DataProblemsError",
    "MissingDataError",
    "ParameterError",
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
