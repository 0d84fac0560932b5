"""The package's public surface is what ``__all__`` says, kept sorted, nothing more by accident."""

from __future__ import annotations

from types import ModuleType

import datadriver_utils


def test_all_is_sorted_and_complete():
    exported = datadriver_utils.__all__
    assert exported == sorted(exported)
    for name in exported:
        assert hasattr(datadriver_utils, name), name
    defined_here = {
        name for name, value in vars(datadriver_utils).items()
        if not name.startswith("_") and not isinstance(value, ModuleType)
    }
    assert defined_here <= set(exported)


def test_every_error_a_user_can_cause_is_a_datadriver_error():
    for name in ("CaptureError", "DataProblemsError", "MissingDataError", "UnsafePathError"):
        assert issubclass(getattr(datadriver_utils, name), datadriver_utils.DataDriverError)
