"""Kernels for batch runs that other local users cannot reach.

A Jupyter kernel normally listens on TCP ports of 127.0.0.1 protected only by the HMAC key in
its connection file. In a batch we start kernels with ZeroMQ's **IPC transport** instead: the
kernel's sockets are files in a folder created with mode 0700 for this run, so no other user of
the machine can connect, and nothing listens on the network at all (recent ipykernel also warns
when a kernel runs over unencrypted TCP). See docs/privacy.md, "Kernels".
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Unicode, default

__all__ = ["PrivateKernelManager", "RESET_SOURCE", "SharedKernel"]


class PrivateKernelManager(AsyncKernelManager):
    """An AsyncKernelManager whose kernel talks over IPC sockets in a private folder."""

    transport = Unicode("ipc")  # type: ignore[assignment]

    @default("ip")
    def _private_socket_prefix(self) -> str:
        folder = Path(tempfile.mkdtemp(prefix="datadriver-kernel-"))
        os.chmod(folder, 0o700)
        return str(folder / "kernel")

    @default("connection_file")
    def _private_connection_file(self) -> str:
        return str(Path(self.ip).parent / "connection.json")

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        """Also remove the private socket folder once the kernel is gone for good."""
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            with contextlib.suppress(OSError):
                Path(self.ip).parent.rmdir()


RESET_SOURCE = (
    "get_ipython().run_line_magic('reset', '-f')\n"
    "import sys as _sys\n"
    "if 'matplotlib.pyplot' in _sys.modules:\n"
    "    _sys.modules['matplotlib.pyplot'].close('all')\n"
    "del _sys"
)
"""First cell of every notebook run on a shared kernel: a clean namespace, no stale figures
(pyplot is not imported just to close figures: on a fresh kernel that alone took ~0.5 s).
Widgets are not closed: closing ipywidgets' shared style objects breaks later widgets."""


class SharedKernel:
    """One private kernel for many notebooks, restarted after any failure.

    Papermill starts a kernel per notebook and has no kernel reuse (papermill #326, #583,
    #616); start-up plus importing pandas, seaborn and scipy costs about 3 s here, which is
    most of a small notebook's run time. We start one :class:`PrivateKernelManager` per team,
    hand it to papermill (nbclient leaves a kernel it does not own running), clear the user
    namespace before each notebook with :data:`RESET_SOURCE`, and start a fresh kernel after a
    notebook fails, so a dead or hung kernel never carries over. Imported modules stay loaded:
    that is the saving.

    A batch worker keeps its kernel from one team to the next (issue 13: the imports cost ~3 s
    of CPU per team). Nothing of a team survives into the next team's notebooks: the namespace,
    the output history and the figures are cleared before every notebook, a failure replaces
    the kernel, and the package keeps no module-level state about a team (its only cache of
    team data is on disk, keyed per team: :mod:`datadriver_utils.contract.cache`).
    """

    def __init__(self, kernel_name: str, cwd: Path, env: Mapping[str, str] | None = None) -> None:
        self.kernel_name = kernel_name
        self.cwd = cwd
        self.env = dict(env or {})
        """Added to this process's environment for the kernel (e.g. the team cache folder)."""
        self.manager: PrivateKernelManager | None = None

    def serves(self, kernel_name: str, cwd: Path, env: Mapping[str, str]) -> bool:
        """Whether this kernel was started the way a caller now asks for."""
        return (self.kernel_name, self.cwd, self.env) == (kernel_name, cwd, dict(env))

    def ensure(self) -> PrivateKernelManager:
        """The running kernel manager, starting a kernel if there is none (or it died)."""
        from jupyter_core.utils import run_sync

        if self.manager is not None and not run_sync(self.manager.is_alive)():
            self.discard()
        if self.manager is None:
            manager = PrivateKernelManager(kernel_name=self.kernel_name)
            run_sync(manager.start_kernel)(cwd=str(self.cwd), env={**os.environ, **self.env})
            self.manager = manager
        return self.manager

    def discard(self) -> None:
        """Shut the kernel down now (after a failure, or at the end of the team)."""
        from jupyter_core.utils import run_sync

        if self.manager is not None:
            try:
                run_sync(self.manager.shutdown_kernel)(now=True)
            except Exception:  # a kernel that is already gone cannot be shut down twice
                pass
            self.manager = None

    def __enter__(self) -> SharedKernel:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.discard()
