"""The portal's own stylesheets and scripts, merged: one render-blocking stylesheet per page.

Six `<link rel=stylesheet>` cost a phone six round trips before the first paint; the files stay
separate in the source tree (each has one concern) and are joined at build time, with the board's
colours (identity.colors) prepended. The print stylesheet stays apart (`media="print"` does not block).
"""

from __future__ import annotations

from pathlib import Path

ASSET_DIR = Path(__file__).parents[1] / "assets"
STYLESHEETS = ("zp.css", "gallery.css", "documents.css", "zp-access.css", "zp-portal.css")
# Small scripts every page runs (text size, keyboard access), in one file loaded with `defer`.
EVERY_PAGE_SCRIPTS = ("zp-textsize.js", "zp-keyboard.js")
PORTAL_CSS = "assets/zoneportal/portal.css"
PORTAL_JS = "assets/zoneportal/portal.js"
PRINT_CSS = "assets/zoneportal/zp-print.css"


def portal_css(palette_css: str, asset_dir: Path = ASSET_DIR) -> str:
    parts = [f"/* identity.colors */\n{palette_css}"]
    parts += [f"/* {name} */\n{(asset_dir / name).read_text(encoding='utf-8')}" for name in STYLESHEETS]
    return "\n".join(parts)


def portal_js(asset_dir: Path = ASSET_DIR) -> str:
    return "\n".join(f"/* {name} */\n{(asset_dir / name).read_text(encoding='utf-8')}" for name in EVERY_PAGE_SCRIPTS)
