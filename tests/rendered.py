"""The sample district rendered once per audience per test session, shared by the test modules
that read exported reports (tests/e2e/test_audiences.py, tests/privacy/test_adversary.py).

Rendering the whole district takes minutes, so each audience is rendered once: the first module
to ask renders it into the session's temporary root, the others (on the same or another
pytest-xdist worker) wait on a file lock and reuse it (tests/e2e/test_notebooks.py reads the
team render too).  A render that fails is not cached.

``DATADRIVER_TEST_EXPORTS=/some/folder`` makes the tests read ``/some/folder/<audience>/``
instead of rendering: how to judge an export made by another version (e.g. run the adversary
on an export of an older commit).  The district render also writes the submission forms
(``--submission``, tests/batch/test_submission.py), so the privacy tests read those too.
"""

from __future__ import annotations

import fcntl
import os
import pickle
from pathlib import Path

import pytest

from datadriver_utils.batch.runner import BatchOptions, BatchResult, run_batch
from datadriver_utils.privacy.rules import Audience
from tests.conftest import SAMPLE_AS_OF, SAMPLE_DATA


def _session_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder every xdist worker of this session shares (one session's root, never an older one)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def render_sample(tmp_path_factory: pytest.TempPathFactory, audience: Audience) -> Path:
    """The export folder of the whole sample district for ``audience`` (rendered at most once)."""
    given = os.environ.get("DATADRIVER_TEST_EXPORTS")
    if given:
        return Path(given) / audience.value
    return sample_batch(tmp_path_factory, audience)[1]


def sample_batch(tmp_path_factory: pytest.TempPathFactory, audience: Audience) -> tuple[BatchResult, Path]:
    """The batch result and export folder of the whole sample district for ``audience``."""
    root = _session_root(tmp_path_factory) / "rendered-sample"
    root.mkdir(exist_ok=True)
    out, done = root / audience.value, root / f"{audience.value}.pickle"
    with open(root / f"{audience.value}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not done.exists():
                result = run_batch(BatchOptions(data_dir=SAMPLE_DATA, out_dir=out, audience=audience, jobs=2,
                                                cell_timeout=180, submission=audience is Audience.DISTRICT,
                                                as_of=SAMPLE_AS_OF))
                if not result.ok:  # not cached: the next module tries again and reports its own failure
                    return result, out
                done.write_bytes(pickle.dumps(result))
            return pickle.loads(done.read_bytes()), out
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
