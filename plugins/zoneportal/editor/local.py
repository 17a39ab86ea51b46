"""`zoneportal edit` (`make edit`): the web editor on a staff member's own machine.

decap-server (npm, editor/node_modules) reads and writes posts/ directly; `zoneportal serve` serves the portal
and its /admin/ with the editor's backend forced to that local server, so the editor (with its preview
pane) and the live portal preview run side by side, and a saved post shows on the portal a moment later.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# Read by the MkDocs adapter (mkdocs/editor.py): they override the editor options of mkdocs.yml.
BACKEND_VARIABLE = "ZONEPORTAL_EDITOR_BACKEND"
LOCAL_URL_VARIABLE = "ZONEPORTAL_EDITOR_LOCAL_URL"
DECAP_SERVER = Path("editor") / "node_modules" / "decap-server" / "dist" / "index.js"


class LocalEditorError(Exception):
    """Why the local editor cannot start (Vietnamese, for the staff member's terminal)."""


@dataclass(frozen=True)
class LocalEditor:
    project_root: Path
    site_port: int = 8000
    backend_port: int = 8081
    host: str = "127.0.0.1"

    @property
    def backend_url(self) -> str:
        return f"http://{self.host}:{self.backend_port}/api/v1"

    @property
    def site_url(self) -> str:
        return f"http://{self.host}:{self.site_port}/"

    def decap_server(self) -> Path:
        script = self.project_root / DECAP_SERVER
        if shutil.which("node") is None:
            raise LocalEditorError("cần Node.js (lệnh node) để chạy trình soạn bài trên máy: cài gói nodejs và npm.")
        if not script.is_file():
            raise LocalEditorError(
                f"chưa cài decap-server ({DECAP_SERVER}). Chạy: npm ci --prefix editor --omit=dev (hoặc make edit)."
            )
        return script

    def backend_command(self) -> tuple[list[str], dict[str, str]]:
        env = {
            **os.environ,
            "PORT": str(self.backend_port),
            "BIND_HOST": self.host,
            "MODE": "fs",  # straight into posts/, no branches: `draft: true` keeps a post unpublished
            "GIT_REPO_DIRECTORY": str(self.project_root),
            "LOG_LEVEL": "warn",
        }
        return ["node", str(self.decap_server())], env

    def site_command(self, config_file: Path) -> tuple[list[str], dict[str, str]]:
        env = {**os.environ, BACKEND_VARIABLE: "local", LOCAL_URL_VARIABLE: self.backend_url}
        command = [sys.executable, "-m", "zoneportal.cli", "-f", str(config_file), "serve"]
        return [*command, "--host", self.host, "--port", str(self.site_port)], env


def run_local_editor(editor: LocalEditor, config_file: Path) -> int:
    """Start both servers, say where to go, and stop both on Ctrl+C (or when either stops)."""
    try:
        backend_cmd, backend_env = editor.backend_command()
    except LocalEditorError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    site_cmd, site_env = editor.site_command(config_file)
    backend = subprocess.Popen(backend_cmd, env=backend_env, cwd=editor.project_root)
    site: subprocess.Popen[bytes] | None = None
    try:
        if not _answers(editor.backend_url, backend):
            print(f"Lỗi: decap-server không chạy được ở cổng {editor.backend_port}.", file=sys.stderr)
            return 1
        site = subprocess.Popen(site_cmd, env=site_env, cwd=editor.project_root)
        print(
            "\nTrình soạn bài trên máy này:\n"
            f"  Soạn bài:           {editor.site_url}admin/  (bấm Đăng nhập)\n"
            "  Lưu thẳng vào:      posts/ (bài viết), documents/ (văn bản)\n"
            f"  Xem trước cổng:     {editor.site_url}  (tự cập nhật sau mỗi lần lưu)\n"
            "  Bài mới là bài nháp: bỏ chọn 'Bài nháp' khi bài đã sẵn sàng đăng.\n"
            "  Dừng: Ctrl+C\n",
            flush=True,
        )
        while backend.poll() is None and site.poll() is None:
            time.sleep(0.5)
        return 0 if backend.returncode in (None, 0) and site.returncode in (None, 0) else 1
    except KeyboardInterrupt:
        return 0
    finally:
        for process in (site, backend):
            _stop(process)


def _answers(url: str, process: subprocess.Popen[bytes]) -> bool:
    """Wait until decap-server answers (bounded: a broken start must not hang the terminal)."""
    import urllib.request  # here: every build imports this module, only `make edit` calls this (~40 ms)

    request = urllib.request.Request(url, data=b'{"action":"info"}', headers={"Content-Type": "application/json"})
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(request, timeout=2):
                return True
        except OSError:  # urllib.error.URLError is one
            time.sleep(0.2)
    return False


def _stop(process: subprocess.Popen[bytes] | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
