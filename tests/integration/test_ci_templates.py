"""deploy/ci/: the GitLab, GitHub and Forgejo definitions parse, agree with each other, and their steps
pass when run in order, as the CI job would run them, on a copy of this repository (the example portal
with a public site_url): merge request → check + build; main → check + publish; the scheduled run
publishes a post whose time has come. `zoneportal init-ci` puts each file where its forge reads it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import yaml

from kit.publishkit import PUBLIC_URL, REPO, add_post, git
from zoneportal.vi import VIETNAM_TZ

CI_DIR = REPO / "deploy" / "ci"
ENVIRONMENT_STEP = "Môi trường:"  # steps that prepare the runner (checkout, Python, keys), not the portal


def load(name: str) -> dict:
    return yaml.safe_load((CI_DIR / name).read_text(encoding="utf-8"))


def commands(script: list[str] | str) -> list[str]:
    """Shell commands one per line, `set -o pipefail` left out (the test runs every step with it)."""
    lines = script if isinstance(script, list) else [script]
    found = []
    for chunk in lines:
        for line in re.split(r"[;\n]", chunk):
            line = line.strip()
            if line and line != "set -o pipefail":
                found.append(line)
    return found


def gitlab_steps() -> dict[str, list[str]]:
    pipeline = load("gitlab-ci.yml")
    return {"review": commands(pipeline["check"]["script"]), "publish": commands(pipeline["publish"]["script"])}


def actions_steps(name: str) -> dict[str, list[str]]:
    jobs = load(name)["jobs"]

    def portal_steps(job: dict) -> list[str]:
        steps = [s for s in job["steps"] if "run" in s and not s.get("name", "").startswith(ENVIRONMENT_STEP)]
        return [line for step in steps for line in commands(step["run"])]

    return {"review": portal_steps(jobs["check"]), "publish": portal_steps(jobs["publish"])}


def test_the_three_definitions_parse_and_do_the_same_steps() -> None:
    gitlab = gitlab_steps()
    assert gitlab == actions_steps("github.yml") == actions_steps("forgejo.yml")
    assert gitlab["review"] == [
        "make install",
        ".venv/bin/zoneportal check 2>&1 | tee bao-cao-kiem-tra.txt",
        ".venv/bin/mkdocs build",
    ]
    assert gitlab["publish"][-1] == '.venv/bin/zoneportal publish "$ZONEPORTAL_TARGET"'


def test_triggers_schedule_and_cache() -> None:
    pipeline = load("gitlab-ci.yml")
    assert pipeline["cache"]["paths"] == [".cache/"]
    assert any("merge_request_event" in rule["if"] for rule in pipeline["check"]["rules"])
    publish_rules = " ".join(rule["if"] for rule in pipeline["publish"]["rules"])
    assert "CI_DEFAULT_BRANCH" in publish_rules and '"schedule"' in publish_rules
    for name in ("github.yml", "forgejo.yml"):
        workflow = load(name)
        triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as true
        assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
        assert triggers["schedule"] == [{"cron": "*/15 * * * *"}]
        for job in workflow["jobs"].values():
            caches = [s for s in job["steps"] if "cache@" in s.get("uses", "")]
            assert caches and caches[0]["with"]["path"] == ".cache"


@pytest.mark.parametrize(
    ("forge", "destination"),
    [
        ("gitlab", ".gitlab-ci.yml"),
        ("github", ".github/workflows/zoneportal.yml"),
        ("forgejo", ".forgejo/workflows/zoneportal.yml"),
    ],
)
def test_init_ci_copies_the_template_and_never_overwrites(tmp_path: Path, forge: str, destination: str) -> None:
    from kit.publishkit import example_project, zoneportal

    project = example_project(tmp_path / "cong")
    result = zoneportal(project, "init-ci", forge)
    assert result.returncode == 0, result.stdout + result.stderr
    template = {"gitlab": "gitlab-ci.yml", "github": "github.yml", "forgejo": "forgejo.yml"}[forge]
    assert (project / destination).read_bytes() == (CI_DIR / template).read_bytes()
    assert "ZONEPORTAL_TARGET" in result.stdout
    again = zoneportal(project, "init-ci", forge)
    assert again.returncode == 1 and "không ghi đè" in again.stdout


def repository_copy(target: Path) -> Path:
    """This repository as a board would clone it: tracked (and new, not ignored) files only."""
    listed = subprocess.run(
        ["git", "-C", str(REPO), "ls-files", "-co", "--exclude-standard", "-z"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    config = target / "mkdocs.yml"
    text = re.sub(r"(?m)^site_url: .*$", f"site_url: {PUBLIC_URL}", config.read_text(encoding="utf-8"))
    config.write_text(text, encoding="utf-8")
    (REPO / ".cache").mkdir(exist_ok=True)
    (target / ".cache").symlink_to(REPO / ".cache")  # the job's kept cache dir (encoded photos)
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-qm", "Kho của cổng")
    return target


def run_steps(steps: list[str], clone: Path, env: dict[str, str]) -> str:
    output = []
    for step in steps:
        result = subprocess.run(
            ["bash", "-eo", "pipefail", "-c", step], cwd=clone, env=env, capture_output=True, text=True, check=False
        )
        output.append(result.stdout + result.stderr)
        assert result.returncode == 0, f"step failed: {step}\n{result.stdout}\n{result.stderr}"
    return "\n".join(output)


@pytest.mark.build
def test_the_steps_pass_in_order_on_the_example_portal(tmp_path: Path) -> None:
    clone = repository_copy(tmp_path / "kho")
    webroot = tmp_path / "web"
    now = datetime(2026, 11, 29, 9, 0, tzinfo=VIETNAM_TZ)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTEST", "SOURCE_DATE"))},
        "CI": "true",
        "ZONEPORTAL_TARGET": str(webroot),
        "SOURCE_DATE_EPOCH": str(int(now.timestamp())),
    }
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if ".venv" not in p)
    steps = gitlab_steps()

    review = run_steps(steps["review"], clone, env)
    assert "Không có lỗi" in review and (clone / "bao-cao-kiem-tra.txt").is_file()
    assert (clone / "site" / "index.html").is_file() and not webroot.exists()

    # A post scheduled for 09:10, merged at 09:00: main publishes without it.
    add_post(clone, "2026/le-ky-ket.md", "Lễ ký kết hợp tác đào tạo nghề", "2026-11-29 09:10")
    git(clone, "add", "-A")
    git(clone, "commit", "-qm", "Bài hẹn giờ")
    published = run_steps(steps["publish"], clone, env)
    assert "Bài hẹn giờ (1)" in published and "Đã đăng bản" in published
    scheduled_page = webroot / "current/tin-tuc/2026/11/le-ky-ket-hop-tac-dao-tao-nghe/index.html"
    assert (webroot / "current/index.html").is_file() and not scheduled_page.exists()

    # The scheduled run at 09:15 publishes it.
    env["SOURCE_DATE_EPOCH"] = str(int((now + timedelta(minutes=15)).timestamp()))
    scheduled = run_steps(steps["publish"], clone, env)
    assert "Trang mới: /tin-tuc/2026/11/le-ky-ket-hop-tac-dao-tao-nghe/" in scheduled
    assert scheduled_page.is_file()

    # A merge request with a mistake: the check step fails with the Vietnamese list as its output.
    post = clone / "posts/2026/le-ky-ket.md"
    post.write_text(post.read_text(encoding="utf-8").replace("dang-bo-bql", "dang-bo-bq"), encoding="utf-8")
    failing = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", steps["review"][1]], cwd=clone, env=env, capture_output=True, text=True
    )
    assert failing.returncode == 1
    report = (clone / "bao-cao-kiem-tra.txt").read_text(encoding="utf-8")
    assert "posts/2026/le-ky-ket.md" in report and "[lỗi] trường 'committee'" in report and "dang-bo-bql" in report
