"""The Data Driver strand notebooks in one import: assessor, researcher and surveys.

The work is split by notebook to keep each module short:
:mod:`~datadriver_utils.strand_assessor` (11_assessor: item analysis of the common assessment),
:mod:`~datadriver_utils.strand_researcher` (14_researcher: PDSA tracker and run chart) and
:mod:`~datadriver_utils.strand_surveys` (15_surveys: perception surveys).  A notebook writes::

    from datadriver_utils import strand
    report.section(["assessments"], lambda: strand.show_item_statistics(report))
"""

from __future__ import annotations

from datadriver_utils import strand_assessor, strand_researcher, strand_surveys
from datadriver_utils.strand_assessor import *  # noqa: F403
from datadriver_utils.strand_researcher import *  # noqa: F403
from datadriver_utils.strand_surveys import *  # noqa: F403

__all__ = [*strand_assessor.__all__, *strand_researcher.__all__, *strand_surveys.__all__]
