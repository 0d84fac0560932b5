"""The data contract: what every file of a team folder must hold, how it is read and checked.

Importing the package registers every table in :data:`~datadriver_utils.contract.schemas.TABLES`,
the teacher-leadership ones (:mod:`~datadriver_utils.contract.teacher_leadership`) included.
"""

from datadriver_utils.contract import teacher_leadership as _teacher_leadership  # noqa: F401  registers its tables
