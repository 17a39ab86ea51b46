"""Servers the tests start (nginx, Caddy, decap-server …): stopped the same way everywhere."""

from __future__ import annotations

import subprocess


def stop_process(process: subprocess.Popen[bytes] | subprocess.Popen[str] | None, timeout: float) -> None:
    """Terminate, wait `timeout` seconds, then kill: a server that ignores SIGTERM cannot hang the suite."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
