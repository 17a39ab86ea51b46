"""The one synthetic corpus, streamed: the same posts as `generate`, written in one pass for several
layouts; the Hugo project puts every post and listing at zoneportal's URLs; the memory sampler sees a
whole process tree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from bench.corpus import generate, stream
from bench.layouts import HUGO_PREFIXES, write_project, write_projects
from bench.memtree import TreeSampler
from bench.preview_latency import post_url
from zoneportal.pages.urls import UrlScheme
from zoneportal.vi import slugify


def tree_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def front_matter(path: Path) -> dict[str, object]:
    head = path.read_text(encoding="utf-8").split("---\n", 2)[1]
    return yaml.safe_load(head)


def test_stream_draws_the_posts_of_generate() -> None:
    corpus = generate(60, seed=5, photo_share=0.2)
    streamed = sorted(stream(60, seed=5, photo_share=0.2), key=lambda p: (p.moment, p.slug))
    assert streamed == corpus.posts


def test_one_pass_writes_what_each_layout_writes_alone(tmp_path: Path) -> None:
    corpus = generate(30, seed=8)
    write_projects(stream(30, seed=8), {"zoneportal": tmp_path / "both-z", "hugo": tmp_path / "both-h"})
    write_project(corpus, "zoneportal", tmp_path / "z")
    write_project(corpus, "hugo", tmp_path / "h")
    assert tree_of(tmp_path / "both-z") == tree_of(tmp_path / "z")
    assert tree_of(tmp_path / "both-h") == tree_of(tmp_path / "h")


def test_hugo_project_has_zoneportals_urls_and_taxonomies(tmp_path: Path) -> None:
    corpus = generate(80, seed=8)
    write_project(corpus, "hugo", tmp_path)
    config = yaml.safe_load((tmp_path / "hugo.yaml").read_text(encoding="utf-8"))
    urls = UrlScheme()
    prefixes = {
        "categories": urls.categories,
        "authors": urls.authors,
        "tags": urls.tags,
        "committees": urls.committees,
    }
    assert prefixes == HUGO_PREFIXES
    assert config["permalinks"]["term"]["tags"] == f"/{urls.tags}/:slug/"
    assert config["pagination"]["path"] == urls.page
    years = set()
    for post in corpus.posts:
        # Hugo's URL of content/tin-tuc/YYYY/MM/<slug>.md is the same path: zoneportal's post URL.
        source = tmp_path / "content" / f"{urls.posts}/{post.moment:%Y}/{post.moment:%m}/{post.slug}.md"
        fields = front_matter(source)
        assert fields["title"] == post.title
        assert fields["categories"] == list(post.categories) and fields["authors"] == [post.author]
        assert fields["committees"] == [post.committee]
        for tag in post.tags:
            slug = slugify(tag)  # zoneportal's tag key (index/taxonomy.py), so /the/<slug>/ on both
            assert slug in fields["tags"]
            assert front_matter(tmp_path / "content" / "tags" / slug / "_index.md")["title"] == tag
        years.add(post.moment.year)
        assert "<!--more-->" in source.read_text(encoding="utf-8")  # the lead is the summary, as ours
    archive = {p.parent.name for p in (tmp_path / "content" / urls.archive).glob("*/_index.md")}
    assert archive == {str(y) for y in years}
    assert (tmp_path / "layouts" / "baseof.html").read_text(encoding="utf-8").count("partialCached") == 1


def test_post_url_of_a_bench_post_file(tmp_path: Path) -> None:
    posts = tmp_path / "posts"
    assert post_url(posts / "2020" / "01-hoi-nghi-so-ket.md", posts) == "tin-tuc/2020/01/hoi-nghi-so-ket/"
    assert post_url(posts / "2021" / "11-dai-hoi" / "index.md", posts) == "tin-tuc/2021/11/dai-hoi/"


def test_sampler_sums_memory_over_the_process_tree() -> None:
    # A parent holding ~60 MB starts a child holding ~60 MB: the tree's peak is over 100 MB,
    # more than either process alone.
    child = "import time; block = bytearray(60 * 2**20); block[::4096] = b'x' * len(block[::4096]); time.sleep(1.5)"
    parent = (
        "import subprocess, sys, time; block = bytearray(60 * 2**20); block[::4096] = b'x' * len(block[::4096]); "
        f"subprocess.run([sys.executable, '-c', {child!r}])"
    )
    process = subprocess.Popen([sys.executable, "-c", parent])
    sampler = TreeSampler(process.pid).start()
    process.wait(timeout=60)
    sampler.stop()
    assert sampler.peak_rss_kb > 110 * 1024
    assert sampler.peak_pss_kb > 100 * 1024


def test_a_huge_archive_stays_within_the_committee_terms() -> None:
    from bench.corpus import LAST_YEAR, POSTS_PER_YEAR, TERM_YEARS, archive_years

    assert archive_years(10_000) == round(10_000 / POSTS_PER_YEAR)  # unchanged where it fitted
    assert archive_years(100_000) == LAST_YEAR - TERM_YEARS[0][0] + 1
    # The posts drawn first for 100 000 (no need to draw them all) have a term and unique URLs.
    posts = [post for post, _ in zip(stream(100_000, seed=8), range(3000), strict=False)]
    assert min(p.moment.year for p in posts) >= TERM_YEARS[0][0]
    assert len({(p.moment.year, p.moment.month, p.slug) for p in posts}) == len(posts)
