"""A site indexed in shards (search_shard_size): several Pagefind bundles, every document in exactly
one, shard bundles reused from the build cache so that a one-post edit runs Pagefind for one shard
only, and an incremental build that equals a clean one (Pagefind's files compared by what they hold,
as in test_build_cache.py)."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from kit.pagefindkit import PagefindBundle
from kit.sitekit import Project, make_project, post_text
from zoneportal.output.search import shard_names

pytestmark = pytest.mark.build

SHARD_SIZE = 3
# (year, month) of each post; 3 documents a shard: 2019-01..03 | 2020-02..06 | 2021-04..2022-09 | 2023-01..
DATES = [(2019, 1), (2019, 2), (2019, 3), (2020, 2), (2020, 6), (2021, 4), (2021, 4), (2022, 9), (2023, 1), (2024, 5)]
UNIQUE = ["kyla", "phuongx", "voocz", "sendo", "hacma", "tegiac", "caheo", "laclac", "bonsai", "hoamai"]


def _add(project: Project, number: int, year: int, month: int) -> None:
    project.add_post(
        f"{year}/bai-{number:02d}.md",
        title=f"Bài số {number:02d}",
        date=f"{year}-{month:02d}-1{number % 10} 08:00",
        body=f"Nội dung riêng {UNIQUE[number % len(UNIQUE)]} của bài {number}.",
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("shards") / "p", plugin_options={"search_shard_size": SHARD_SIZE})
    for number, (year, month) in enumerate(DATES):
        _add(project, number, year, month)
    project.build()
    return project.root


def _bundles(site: Path) -> dict[str, PagefindBundle]:
    """Each shard's bundle by name ("" for the primary)."""
    return {"": PagefindBundle(site / "pagefind")} | {
        name: PagefindBundle(site / "pagefind" / name) for name in shard_names(site)
    }


def _urls(bundle: PagefindBundle) -> set[str]:
    return {bundle.fragment(page)["url"] for page in range(len(bundle.page_hashes))}


def test_several_shards_every_document_in_exactly_one(built: Path) -> None:
    site = built / "site"
    names = shard_names(site)
    assert names == ["2021-04", "2020-02", "2019-01"]  # older shards, newest first
    bundles = _bundles(site)
    urls = [_urls(bundle) for bundle in bundles.values()]
    everything = set().union(*urls)
    assert sum(len(u) for u in urls) == len(everything)  # no document twice
    posts = {u for u in everything if u.startswith("/tin-tuc/")}
    assert len(posts) == len(DATES)
    assert "/gioi-thieu/" in _urls(bundles[""])  # pages of docs/ (undated) go with the newest shard
    assert {u for u in _urls(bundles["2019-01"])} == {
        "/tin-tuc/2019/01/bai-so-00/",
        "/tin-tuc/2019/02/bai-so-01/",
        "/tin-tuc/2019/03/bai-so-02/",
    }
    for number, word in enumerate(UNIQUE):
        found = [name for name, bundle in bundles.items() if bundle.search(word)]
        assert len(found) == 1, (word, found)
        year, month = DATES[number]
        assert [u for b in bundles.values() for u in b.search(word)] == [
            f"/tin-tuc/{year}/{month:02d}/bai-so-{number:02d}/"
        ]
    # The primary has Pagefind's script and wasm; older shards only what mergeIndex loads.
    assert (site / "pagefind" / "pagefind.js").is_file()
    for name in names:
        files = {p.name for p in (site / "pagefind" / name).iterdir()}
        assert files >= {"pagefind-entry.json", "index", "fragment"} and "pagefind.js" not in files
        assert not list((site / "pagefind" / name).glob("wasm.*"))


def test_the_manifest_gives_each_shards_months_and_costs(built: Path) -> None:
    """What the search page plans its steps with: month ranges (a year filter) and what a word costs."""
    bundle = built / "site" / "pagefind"
    manifest = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["zoneportal"]
    assert (manifest["primary"], manifest["primary_last"]) == ("2023-01", "2024-05")
    assert [(s["name"], s["last"]) for s in manifest["shards"]] == [
        ("2021-04", "2022-09"),
        ("2020-02", "2020-06"),
        ("2019-01", "2019-03"),
    ]
    assert manifest["step_bytes"] == 250 * 1024
    for folder, chunk in [("", manifest["primary_chunk"])] + [(s["path"], s["chunk"]) for s in manifest["shards"]]:
        sizes = [p.stat().st_size for p in (bundle / folder / "index").glob("*.pf_index")]
        assert sizes and chunk == max(sizes)  # the largest chunk: what a word may cost
    assert [s["pages"] for s in manifest["shards"]] == [3, 2, 3]  # its metadata grows with its pages


def test_small_sites_keep_one_index(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    _add(project, 0, 2023, 4)
    project.build()
    entry = json.loads((project.site / "pagefind" / "pagefind-entry.json").read_text())
    assert "zoneportal" not in entry and shard_names(project.site) == []
    folders = sorted(p.name for p in (project.site / "pagefind").iterdir() if p.is_dir())
    assert folders == ["filter", "fragment", "index"]


def _runs(caplog: pytest.LogCaptureFixture) -> tuple[int, int, int]:
    [line] = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Chỉ mục tìm kiếm:")]
    shards, indexed, reused = (int(n) for n in re.findall(r"\d+", line))
    return shards, indexed, reused


def _build(project: Project, caplog: pytest.LogCaptureFixture) -> tuple[int, int, int]:
    caplog.clear()
    with caplog.at_level("INFO", logger="mkdocs.plugins.zoneportal"):
        project.build()
    return _runs(caplog)


def _copy(built: Path, where: Path) -> Project:
    shutil.copytree(built, where)
    return Project(where)


def _retitle(path: Path, title: str) -> None:
    _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
    fields = yaml.safe_load(head) | {"title": title}
    path.write_text("---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n" + body, encoding="utf-8")


def test_unchanged_shards_come_from_the_cache(built: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = _copy(built, tmp_path / "p")
    assert _build(project, caplog) == (4, 0, 4)  # nothing changed: no Pagefind run at all
    _retitle(project.posts / "2020" / "bai-03.md", "Bài số 03 đã sửa")  # an old post: shard 2020-02
    assert _build(project, caplog) == (4, 1, 3)
    [page] = [u for u in _urls(PagefindBundle(project.site / "pagefind" / "2020-02")) if "bai-so-03" in u]
    assert page == "/tin-tuc/2020/02/bai-so-03-da-sua/"
    project.write("posts/2024/bai-moi.md", post_text(title="Bài mới", date="2024-05-20"))  # the newest month
    assert _build(project, caplog) == (4, 1, 3)  # only the newest shard
    _compare(site_files(project.site), _clean(project, tmp_path / "clean"))


def test_one_edit_equals_a_clean_build(built: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = _copy(built, tmp_path / "p")
    (project.posts / "2019" / "bai-01.md").unlink()  # shards after 2019 shift: indexed again
    shards, indexed, reused = _build(project, caplog)
    assert indexed >= 1 and shards == indexed + reused
    _compare(site_files(project.site), _clean(project, tmp_path / "clean"))


def _clean(project: Project, where: Path) -> dict[str, object]:
    shutil.copytree(project.root, where, ignore=shutil.ignore_patterns("site", ".cache", ".site*"))
    clean = Project(where)
    clean.build()
    return site_files(clean.site)


HASHED = re.compile(r"^pagefind/(?:[^/]+/)?(?:index/|filter/|pagefind\.[^/]*\.pf_meta$)")


def site_files(site: Path) -> dict[str, object]:
    """Every file of a site; Pagefind's files named by hashes (which differ between two clean builds)
    by what they hold: every shard's fragments and page count, and the list of shards."""
    found: dict[str, object] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        if name.startswith("pagefind/") and name.endswith((".gz", ".br")):
            continue
        parts = name.split("/")
        shard = parts[1] if len(parts) > 2 and parts[1] not in ("index", "filter", "fragment") else ""
        if "/fragment/" in name:
            data = gzip.decompress(path.read_bytes())
            found.setdefault(f"fragments {shard}", []).append(data.removeprefix(b"pagefind_dcd"))  # type: ignore[union-attr]
        elif HASHED.match(name):
            found[f"hashed {shard}"] = found.get(f"hashed {shard}", 0) + 1  # type: ignore[operator]
        elif name.endswith("pagefind-entry.json"):
            entry = json.loads(path.read_text())
            found[name] = ({k: v["page_count"] for k, v in entry["languages"].items()}, entry.get("zoneportal"))
        else:
            found[name] = path.read_bytes()
    for key, value in found.items():
        if key.startswith("fragments"):
            value.sort()  # type: ignore[union-attr]
    return found


def _compare(incremental: dict[str, object], clean: dict[str, object]) -> None:
    assert sorted(incremental) == sorted(clean)
    assert [name for name in clean if incremental[name] != clean[name]] == []


ASSETS = Path(__file__).resolve().parents[2] / "plugins" / "zoneportal" / "assets"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def test_search_page_walks_shards_newest_first_and_lazily(tmp_path: Path) -> None:
    """search.js's date order over shards, with a stand-in for Pagefind's API: each shard is asked
    (by its filter) only when the list reaches it, shards without results are skipped, and words
    count when any shard holds them."""
    node = shutil.which("node")
    if node is None:
        if IN_CI:
            pytest.fail("CI must run the search page's script tests, but Node.js is not installed")
        pytest.skip("Node.js is not installed")
    script = tmp_path / "check.mjs"
    script.write_text(
        "import { ShardsByDate, foundByEvery, queryWords, nextStep, shardsFor, monthLabel, shardCost }"
        f" from {json.dumps((ASSETS / 'search.js').as_uri())};\n"
        """
const byShard = {"2024-01": ["n1", "n2", "n3"], "2023-01": [], "2021-05": ["o1", "o2", "o3", "o4"]};
const asked = [];
const api = { search: async (q, options) => {
  asked.push([q, options.filters.shard, options.filters.committee, options.sort.date]);
  return { results: byShard[options.filters.shard].map((id) => ({ id })) };
} };
const merged = { results: new Array(7).fill({}), filters: { shard: { "2024-01": 3, "2023-01": 0, "2021-05": 4 } } };
const shards = { filter: "shard", names: ["2024-01", "2023-01", "2021-05"] };
const list = new ShardsByDate(api, { q: "hoi nghi", filters: { committee: "dang-uy" } }, shards, merged, null);
const first = (await list.slice(0, 2)).map((r) => r.id);
const askedFirst = asked.length;
const rest = (await list.slice(2, 10)).map((r) => r.id);
const narrowed = new ShardsByDate(api, { q: "x", filters: {} }, shards, merged, new Set(["n2", "o4"]));
console.log(JSON.stringify({ first, askedFirst, rest, asked, length: list.length,
  narrowed: (await narrowed.slice(0, 10)).map((r) => r.id),
  every: [...foundByEvery([new Set(["a", "b"]), null, new Set(["b", "c"])])],
  none: foundByEvery([null, null]), words: queryWords("  ky   lan "), phrase: queryWords('"ky lan"') }));
const older = [{ name: "2023-01", last: "2023-12", chunk: 30000, pages: 1000 },
  { name: "2021-06", last: "2022-12", chunk: 50000 }, { name: "2019-01", last: "2021-05", chunk: 300000 }];
const step = (spent, words, budget) => nextStep(older, words, spent, budget).map((s) => s.name);
console.log(JSON.stringify({
  firstStep: step(30000, 2, 250000), fullStep: step(0, 1, 250000), oneWord: step(0, 1, 100000),
  bigShard: step(0, 1, 100).concat(step(0, 2, 100000)), afterPrimary: step(240000, 1, 250000),
  year2021: shardsFor({ shards: older }, { year: "2021" }).map((s) => s.name),
  year2023: shardsFor({ shards: older }, { year: "2023" }).map((s) => s.name),
  year2010: shardsFor({ shards: older }, { year: "2010" }).map((s) => s.name),
  noYear: shardsFor({ shards: older }, { committee: "x" }).length,
  label: monthLabel("2021-03"), cost: shardCost(1000, 0) + shardCost(1000, 3, 50) }));
""",
        encoding="utf-8",
    )
    lines = subprocess.run([node, str(script)], capture_output=True, text=True, check=True).stdout.splitlines()
    out, steps = json.loads(lines[0]), json.loads(lines[1])
    assert out["first"] == ["n1", "n2"] and out["askedFirst"] == 1  # the newest shard only
    assert out["rest"] == ["n3", "o1", "o2", "o3", "o4"] and out["length"] == 7
    assert [a[1] for a in out["asked"][:2]] == ["2024-01", "2021-05"]  # 2023-01 has nothing: skipped
    assert out["asked"][0] == ["hoi nghi", "2024-01", "dang-uy", "desc"]  # the reader's filters kept
    assert out["narrowed"] == ["n2", "o4"]
    assert out["every"] == ["b"] and out["none"] is None
    assert out["words"] == ["ky", "lan"] and out["phrase"] == []
    # Steps: newest first, within the budget after what is spent; a reader's step always gets further.
    assert steps["firstStep"] == ["2023-01", "2021-06"]  # 30 000 + (2×30 000 + 10 000) + 2×50 000 ≤ 250 000
    assert steps["fullStep"] == ["2023-01", "2021-06"]  # the 300 000 shard would overflow the step
    assert steps["oneWord"] == ["2023-01", "2021-06"] and steps["bigShard"] == ["2023-01", "2023-01"]
    assert steps["afterPrimary"] == []  # the first step ends where the budget does
    assert steps["year2021"] == ["2021-06", "2019-01"] and steps["year2023"] == ["2023-01"]
    assert steps["year2010"] == [] and steps["noYear"] == 3
    assert steps["label"] == "03/2021" and steps["cost"] == 4500
