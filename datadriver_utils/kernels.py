"""Kernels for batch runs that other local users cannot reach.

A Jupyter kernel normally listens on TCP ports of 127.0.0.1 protected only by the HMAC key in
its connection file. In a batch we start kernels with ZeroMQ's **IPC transport** instead: the
kernel's sockets are files in a folder created with mode 0700 for this run, so no other user of
the machine can connect, and nothing listens on the network at all (recent ipykernel also warns
when a kernel runs over unencrypted TCP). See docs/privacy.md, "Kernels".
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Unicode, default

__all__ = ["PrivateKernelManager"]


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
