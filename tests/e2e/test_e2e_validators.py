"""The example portal through the W3C's Nu HTML Checker (vnu, npm `vnu-jar`, needs Java): no error
caused by our templates or page structure on any page. No browser needed: runs on every `make test`.

Known and allowed, and only this: Material's hidden drawer/search toggles carry `autocomplete="off"`
on checkboxes (Material's base.html, not ours; it keeps Firefox from restoring their state).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter

import pytest

from conftest import IN_CI, REPO, BuiltSite

VNU_JAR = REPO / "tests" / "e2e" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MATERIAL_TOGGLE = "Attribute “autocomplete” is only allowed when the input type is"


def vnu_errors(site: BuiltSite) -> list[dict[str, str]]:
    java = shutil.which("java")
    missing = [] if java else ["java (apt-get install default-jre-headless)"]
    if not VNU_JAR.is_file():
        missing.append(f"{VNU_JAR.relative_to(REPO)} (npm ci --prefix tests/e2e/node)")
    if missing:
        reason = "Nu HTML Checker cannot run: " + ", ".join(missing)
        if IN_CI:
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    command = [
        java or "java",
        "-jar",
        str(VNU_JAR),
        "--errors-only",
        "--format",
        "json",
        "--skip-non-html",
        str(site.site),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    return json.loads(result.stderr or result.stdout)["messages"]


def test_every_page_is_valid_html(example_site: BuiltSite) -> None:
    errors = vnu_errors(example_site)
    ours = [
        e for e in errors if not (e.get("message", "").startswith(MATERIAL_TOGGLE) and 'id="__' in e.get("extract", ""))
    ]
    # Every page carries Material's two toggles: their (allowed) reports prove each page was checked.
    checked = {e.get("url", "") for e in errors if e not in ours}
    material_pages = [p for p in example_site.site.rglob("*.html") if 'id="__drawer"' in p.read_text(encoding="utf-8")]
    assert len(checked) == len(material_pages) > 50
    summary = Counter(f"{e.get('message')} [{e.get('extract', '').strip()[:80]}]" for e in ours)
    assert not ours, "\n".join(f"{count} × {text}" for text, count in summary.most_common(20))
