"""Lighthouse (npm `lighthouse`, Debian chromium, mobile preset) on the example portal: the median of
three runs for home, post, category, timeline, gallery and search; writes bench/LIGHTHOUSE.md.

The portal is built fresh into .cache/bench/lighthouse/site and served by nginx with gzip, as a
board's web server would (deploy/ ships such a config). Run: `make bench-lighthouse`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LIGHTHOUSE = REPO / "tests" / "e2e" / "node" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = Path(os.environ.get("ZP_CHROMIUM", "/usr/bin/chromium"))
WORK = REPO / ".cache" / "bench" / "lighthouse"
# The article measured, by its file: its address comes from the URL map the build writes
# (site/.zoneportal/urls.json), so a change of how slugs are made cannot point the measurement at a 404.
ARTICLE_SOURCE = "posts/2025/dai-hoi-dai-bieu-dang-bo-lan-thu-iv/index.md"
PAGES = {
    "Trang chủ": "/",
    "Bài viết": ARTICLE_SOURCE,
    "Chuyên mục": "/chuyen-muc/xay-dung-dang/",
    "Dòng thời gian": "/nhiem-ky/dang-bo-bql/2020-2025/",
    "Thư viện ảnh": "/thu-vien-anh/",
    "Tìm kiếm": "/tim-kiem/?q=dai+hoi",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


@dataclass
class PageResult:
    name: str
    path: str
    scores: dict[str, list[int]]
    lcp_ms: list[float]
    bytes_total: list[int]

    def median(self, category: str) -> int:
        return round(statistics.median(self.scores[category]))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


NGINX_CONF = """
{user}
worker_processes 1; daemon off; pid {work}/nginx.pid; error_log {work}/error.log warn;
events {{ worker_connections 64; }}
http {{
  include /etc/nginx/mime.types; default_type application/octet-stream; access_log off;
  client_body_temp_path {work}/cb; proxy_temp_path {work}/px; fastcgi_temp_path {work}/fc;
  uwsgi_temp_path {work}/uw; scgi_temp_path {work}/sc;
  gzip on; gzip_comp_level 6; gzip_min_length 256;
  gzip_types text/css application/javascript text/javascript application/json image/svg+xml application/xml;
  server {{
    listen 127.0.0.1:{port}; root {site}; index index.html; error_page 404 /404.html;
    location /assets/ {{ expires 30d; }}
    location /pagefind/ {{ expires 1d; }}
  }}
}}
"""


def build_site(target: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(REPO / "mkdocs.yml"), site_dir=str(target)))


def serve(site: Path, work: Path) -> tuple[subprocess.Popen[bytes], str]:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    port = free_port()
    user = "user root;" if os.geteuid() == 0 else ""
    conf = work / "nginx.conf"
    conf.write_text(NGINX_CONF.format(user=user, work=work, port=port, site=site), encoding="utf-8")
    process = subprocess.Popen([nginx, "-c", str(conf), "-p", str(work)], stderr=subprocess.DEVNULL)
    for _ in range(50):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    return process, f"http://127.0.0.1:{port}"


# A headless Chromium that Lighthouse fails to start or reach now and then (seen once in `make bench`
# on a 2-core machine): each page run is tried again before the whole measurement stops, with its message.
ATTEMPTS = 3


def lighthouse(url: str, report: Path) -> dict[str, object]:
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--form-factor=mobile",  # the default preset: a mid-range phone, simulated slow 4G
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    env = dict(os.environ, CHROME_PATH=str(CHROMIUM))
    said = ""
    for _attempt in range(ATTEMPTS):
        done = subprocess.run(command, env=env, capture_output=True, text=True, errors="replace")
        if done.returncode == 0 and report.exists():
            return json.loads(report.read_text(encoding="utf-8"))
        said = (done.stderr or done.stdout).strip()
    tail = "\n".join(said.splitlines()[-8:])
    sys.exit(f"Lighthouse failed {ATTEMPTS} times on {url} (exit {done.returncode}):\n{tail}")


def site_pages(site: Path) -> dict[str, str]:
    """PAGES as addresses of the built site: the article's from the URL map; each must be a page."""
    posts = json.loads((site / ".zoneportal" / "urls.json").read_text(encoding="utf-8"))["posts"]
    if ARTICLE_SOURCE not in posts:
        sys.exit(f"{ARTICLE_SOURCE} is not among the example's published posts: choose another article")
    pages = {name: "/" + posts[path] if path == ARTICLE_SOURCE else path for name, path in PAGES.items()}
    for name, path in pages.items():
        page = site / path.split("?")[0].lstrip("/") / "index.html"
        if not page.is_file():
            sys.exit(f"{name}: {path} is not a page of the built example ({page} missing)")
    return pages


def run(runs: int) -> list[PageResult]:
    missing = [str(p) for p in (LIGHTHOUSE, CHROMIUM) if not p.exists()]
    if missing:
        sys.exit(f"Thiếu công cụ: {', '.join(missing)} (npm ci --prefix tests/e2e/node; apt-get install chromium)")
    WORK.mkdir(parents=True, exist_ok=True)
    site = WORK / "site"
    build_site(site)
    pages = site_pages(site)
    results = []
    with tempfile.TemporaryDirectory(dir=WORK) as temp:
        process, origin = serve(site, Path(temp))
        try:
            for name, path in pages.items():
                result = PageResult(name, path, {c: [] for c in CATEGORIES}, [], [])
                for number in range(runs):
                    data = lighthouse(origin + path, Path(temp) / f"report-{number}.json")
                    categories = data["categories"]  # type: ignore[index]
                    for category in CATEGORIES:
                        result.scores[category].append(round(float(categories[category]["score"]) * 100))  # type: ignore[index]
                    audits = data["audits"]  # type: ignore[index]
                    result.lcp_ms.append(float(audits["largest-contentful-paint"]["numericValue"]))  # type: ignore[index]
                    result.bytes_total.append(int(audits["total-byte-weight"]["numericValue"]))  # type: ignore[index]
                    failing = [
                        f"{key}: {audit.get('title')}"
                        for key, audit in audits.items()  # type: ignore[union-attr]
                        if audit.get("score") is not None
                        and audit.get("score") < 1
                        and audit.get("scoreDisplayMode") == "binary"
                    ]
                    if failing and number == 0:
                        print(f"  {name}: {'; '.join(failing[:8])}", file=sys.stderr)
                print(f"{name}: {[result.median(c) for c in CATEGORIES]}", file=sys.stderr)
                results.append(result)
        finally:
            process.terminate()
            process.wait()
    return results


# Measured once (2026-11): @fontsource/be-vietnam-pro 5.3.0, woff2 of the latin and vietnamese subsets,
# weights 400 and 700 — what a self-hosted Vietnamese-complete face would add to every first visit.
BE_VIETNAM_PRO_BYTES = 21168 + 22152 + 11532 + 12468
ARTICLE_BUDGET = 150 * 1024


def article_weight(site: Path, path: str) -> int:
    """Gzip bytes of an article without its photos: HTML, every stylesheet (print CSS too) and script."""
    import gzip
    import re

    page = site / path.strip("/") / "index.html"
    html = page.read_text(encoding="utf-8")
    total = len(gzip.compress(html.encode("utf-8"), 9))
    for ref in re.findall(r'<(?:link rel="stylesheet"|script)[^>]*(?:href|src)="([^"]+)"', html):
        target = (page.parent / ref).resolve()
        if target.is_file():
            total += len(gzip.compress(target.read_bytes(), 9))
    return total


def table(results: list[PageResult], runs: int) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Lighthouse trên cổng mẫu (mobile)",
        "",
        f"Đo bằng `make bench-lighthouse` ({when}): Lighthouse {lighthouse_version()}, Chromium của Debian, cấu hình",
        f"mobile mặc định (điện thoại tầm trung, 4G chậm mô phỏng), trung vị của {runs} lần đo mỗi trang;",
        "nginx có gzip.",
        f"Cây mã đo: commit {git_commit()}. Mục tiêu: hiệu năng ≥ {TARGETS['performance']}, còn lại 100.",
        "",
        "| Trang | Hiệu năng | Trợ năng | Thực hành tốt | SEO | LCP (trung vị) | Dung lượng |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lcp = statistics.median(r.lcp_ms) / 1000
        size = statistics.median(r.bytes_total) / 1024
        cells = [str(r.median(c)) + ("" if r.median(c) >= TARGETS[c] else " ✗") for c in CATEGORIES]
        lines.append(f"| {r.name} (`{r.path}`) | {' | '.join(cells)} | {lcp:.1f} s | {size:.0f} KiB |")
    lines += [
        "",
        "✗: dưới mục tiêu. Dung lượng: tổng byte truyền (đã nén) theo Lighthouse.",
        "SEO của trang Tìm kiếm: robots.txt chặn /tim-kiem/ có chủ ý (trang kết quả tìm kiếm không dành cho",
        "máy tìm kiếm), Lighthouse tính đó là lỗi «Page is blocked from indexing» (is-crawlable).",
        "",
    ]
    weight = article_weight(WORK / "site", site_pages(WORK / "site")["Bài viết"])
    font = BE_VIETNAM_PRO_BYTES
    verdict = "vượt" if weight + font > ARTICLE_BUDGET else "trong"
    lines += [
        "## Phông chữ",
        "",
        f"Bài viết, không kể ảnh (HTML, CSS, JS, nén gzip): {weight / 1024:.0f} KiB. Be Vietnam Pro tự lưu trữ",
        f"(@fontsource/be-vietnam-pro 5.3.0, woff2, bộ latin + vietnamese, đậm 400 và 700): {font / 1024:.0f} KiB.",
        f"Cộng lại {(weight + font) / 1024:.0f} KiB: {verdict} ngân sách {ARTICLE_BUDGET // 1024} KiB,",
        "nên cổng dùng phông hệ thống (Roboto/Noto trên Android, San Francisco trên iOS, Segoe UI trên Windows:",
        "đều đủ dấu tiếng Việt).",
        "",
    ]
    return "\n".join(lines)


def git_commit() -> str:
    try:
        found = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    except OSError:
        return "?"
    return found.stdout.strip() or "?"


def lighthouse_version() -> str:
    package = LIGHTHOUSE.resolve().parents[1] / "package.json"
    try:
        return str(json.loads(package.read_text(encoding="utf-8"))["version"])
    except (OSError, KeyError, ValueError):
        return "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "LIGHTHOUSE.md")
    args = parser.parse_args()
    results = run(args.runs)
    args.out.write_text(table(results, args.runs), encoding="utf-8")
    print(args.out.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
