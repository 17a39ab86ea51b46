"""The files of /admin/: the page, Decap CMS (vendored), our editor script and styles, config.yml and the
registry names. The same list is served by the built site and by `zoneportal edit`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import escape

from ..content.registry import Registry
from .backend import BackendKind, EditorBackend
from .config import EditorSite, editor_config, registry_labels, render_config

ADMIN_DIR = "admin"
ASSETS = Path(__file__).resolve().parents[1] / "assets"
EDITOR_ASSETS = ASSETS / "editor"
VENDOR = ASSETS / "vendor"
# Loaded in this order; no inline script, so the page runs under `script-src 'self'`.
SCRIPTS = ("zp-boot.js", "vendor/js-yaml/js-yaml.min.js", "vendor/decap-cms/decap-cms.js", "zp-editor.js")
VENDORED = ("decap-cms", "js-yaml")


@dataclass(frozen=True)
class AdminFile:
    """One file of /admin/: `path` inside the site, with either its text or the file it is copied from."""

    path: str
    text: str | None = None
    source: Path | None = None


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else None


def admin_csp(backend: EditorBackend) -> str:
    """The Content-Security-Policy /admin/ needs (measured in Chromium, tests/e2e/test_e2e_editor.py), in the
    page itself and for the web server's /admin/ block (deploy): Decap CMS compiles its config schema with
    `new Function` ('unsafe-eval'), injects its styles at run time ('unsafe-inline' styles), shows uploads
    as blob: images, and talks to the git server's API (or decap-server) and token endpoint."""
    block = backend.decap()
    servers = sorted({o for key in ("api_root", "base_url", "proxy_url") if (o := _origin(str(block.get(key, ""))))})
    if backend.kind is BackendKind.GITHUB and "api_root" not in block:
        servers.append("https://api.github.com")
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' blob: data:",
            "connect-src " + " ".join(["'self'", "blob:", *servers]),
            "frame-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def admin_page(site_name: str, backend: EditorBackend, icon: str = "") -> str:
    scripts = "\n".join(f'  <script src="{name}"></script>' for name in SCRIPTS)
    icon_link = f'\n  <link rel="icon" href="{escape(icon)}">' if icon else ""
    return f"""<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex, nofollow">
  <meta http-equiv="Content-Security-Policy" content="{admin_csp(backend)}">
  <title>Soạn bài — {escape(site_name)}</title>
  <link rel="cms-config-url" type="text/yaml" href="config.yml">{icon_link}
  <link rel="stylesheet" href="zp-admin.css">
</head>
<body data-pagefind-ignore="all">
  <noscript>Trình soạn bài cần bật JavaScript.</noscript>
{scripts}
</body>
</html>
"""


def admin_files(
    registry: Registry,
    backend: EditorBackend,
    site: EditorSite,
    *,
    site_name: str,
    preview_styles: list[str],
    icon: str = "",
) -> list[AdminFile]:
    """Everything under /admin/. `preview_styles` (the portal's stylesheets) and `icon` are relative to /admin/."""
    labels = json.loads(registry_labels(registry))
    if site.register is not None:
        # The document preview names the type and the issuer as the document's page does.
        labels["types"] = dict(site.register.types)
        labels["issuers"] = dict(site.register.issuers)
    portal = json.dumps(
        {"labels": labels, "previewStyles": [*preview_styles, "zp-preview.css"]},
        ensure_ascii=False,
        indent=1,
    )
    files = [
        AdminFile(f"{ADMIN_DIR}/index.html", text=admin_page(site_name, backend, icon)),
        AdminFile(f"{ADMIN_DIR}/config.yml", text=render_config(editor_config(registry, backend, site))),
        AdminFile(f"{ADMIN_DIR}/portal.json", text=portal),
    ]
    for asset in sorted(EDITOR_ASSETS.iterdir()):
        if asset.is_file():
            files.append(AdminFile(f"{ADMIN_DIR}/{asset.name}", source=asset))
    for package in VENDORED:
        for vendored in sorted((VENDOR / package).iterdir()):
            if vendored.is_file() and vendored.name != "README.md":
                files.append(AdminFile(f"{ADMIN_DIR}/vendor/{package}/{vendored.name}", source=vendored))
    return files


def write_admin(files: list[AdminFile], site_dir: Path) -> None:
    """Write /admin/ into a folder (the local editor server of `zoneportal edit`)."""
    for file in files:
        target = site_dir / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if file.text is not None:
            target.write_text(file.text, encoding="utf-8")
        elif file.source is not None:
            target.write_bytes(file.source.read_bytes())
