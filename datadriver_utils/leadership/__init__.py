"""The teacher-leadership notebooks' views: one module per notebook (30-33, 40).

``student_learning_cycles`` (30), ``peer_classrooms`` (31), ``scaling`` (32),
``classroom_improvement`` (33) and ``credential_portfolio`` (40) follow the teacher-leadership
micro-credentials (Teaching Matters; shared/seeds 003) and the Data Driver credential (seed
000).  Like :mod:`datadriver_utils.toolkit` and :mod:`datadriver_utils.strands` they return
:class:`~datadriver_utils.notebook.results.Result` objects; the numbers come from
:mod:`datadriver_utils.stats`, the drawings from :mod:`datadriver_utils.charts`, the records
from the team's files merged with what live forms captured
(:mod:`datadriver_utils.workshop.records`).
"""
