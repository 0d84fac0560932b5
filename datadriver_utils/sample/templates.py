"""Blank templates of every file in the data contract, generated from the schemas.

Generating them from :data:`~datadriver_utils.contract.schemas.TABLES` keeps the templates and
the validation in step. CSVs are written as UTF-8 with a byte-order mark so Excel opens
accented names correctly.
"""

from __future__ import annotations

from pathlib import Path

from datadriver_utils.contract.schemas import TABLES
from datadriver_utils.core.paths import atomic_write_text

__all__ = ["TEAM_TEMPLATE", "DISTRICT_TEMPLATE", "write_templates"]

DISTRICT_TEMPLATE = """\
# district.yml: one per data folder. See docs/data-contract.md.
name: Our School District          # as it should appear on reports
school_year: 2025-26
school_year_start: 2025-08-18      # optional; defaults to August 1
mission: >-
  Write the district mission here; the vision notebook ties the team's vision to it.
min_group_size: 10                 # groups smaller than this are hidden in shared reports
bottom_code_pct: 5                 # public reports show "<5%" at or below this
top_code_pct: 95                   # public reports show ">95%" at or above this
suppression_marker: "*"
min_staff_group_size: 3            # staff self-ratings shown beyond the team from this many raters
show_sections_to_district: false   # true: district reports may show classroom rows (never public)
"""

TEAM_TEMPLATE = """\
# team.yml: one per team folder (teams/<team_id>/team.yml). See docs/data-contract.md.
name: Grade 7 Math PLC
school: Our Middle School
level: middle                      # district, elementary, middle or high
subject: Mathematics
grade_levels: [7]                  # K or 1-12
windows: [pre, post]               # assessment windows used in assessments.csv
members:
  - name: First Teacher
    role: Team leader
    functions: [vision, analysis]  # vision, data_management, analysis, professional_development, communication
  - name: Second Teacher
    role: Math teacher
goal:
  statement: By January, 70% of students will score 70% or more on proportional reasoning.
  standards: [7.RP.A.2]
  proficiency_cut_pct: 70          # percent correct that counts as proficient
  target_pct_proficient: 70        # percent of students proficient on the post assessment
  # progress_rating: some progress  # optional: overrides the rating suggested from the data
cycle:
  start: 2025-09-15
  end: 2026-01-30
next_steps: {}                     # assessor, data_analyst, goal_setter, researcher: what the team committed to
actions: {}                        # the same keys: what happened when the team did it
"""


def write_templates(folder: Path, *, include_district: bool = True) -> list[Path]:
    """Write every template into ``folder`` and return their paths.

    ``include_district=False`` for a team folder, which holds no district.yml of its own.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in TABLES.values():
        header = ",".join(rule.name for rule in spec.columns)
        path = folder / spec.file
        atomic_write_text(path, "\ufeff" + header + "\r\n")
        written.append(path)
    yaml_templates = [("team.yml", TEAM_TEMPLATE)]
    if include_district:
        yaml_templates.insert(0, ("district.yml", DISTRICT_TEMPLATE))
    for name, text in yaml_templates:
        atomic_write_text(folder / name, text)
        written.append(folder / name)
    return written
