"""``datadriver import``: vendor exports into the data contract.

One module per source (``nwea_map``, ``renaissance_star``, ``iready``, ``item_sheet``,
``forms_survey``, ``oneroster``), each registered by name in :mod:`.registry`; shared machinery
for headers (:mod:`.headers`), cell values (:mod:`.values`), the mapping file (:mod:`.mapping`),
the plan and its shared rules (:mod:`.plan`), writing (:mod:`.writing`), the preview
(:mod:`.preview`) and the run (:mod:`.run`). docs/importing.md is the guide for people.
"""

from __future__ import annotations

from datadriver_utils.importers import (  # noqa: F401  (importing a source module registers it)
    forms_survey,
    iready,
    item_sheet,
    nwea_map,
    oneroster,
    renaissance_star,
)
from datadriver_utils.importers.registry import get_source, source_names
from datadriver_utils.importers.run import ImportOutcome, run_import

__all__ = ["ImportOutcome", "get_source", "run_import", "source_names"]
