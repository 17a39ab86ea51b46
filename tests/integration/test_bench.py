"""The benchmark corpus: seeded, within its word range, valid for zoneportal, and buildable three ways.

Only correctness here: timings live in `make bench`, never in `make test`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.corpus import WORDS, generate
from bench.layouts import MKDOCS_LAYOUTS, write_project
from bench.run import article_weight, build_once
from zoneportal.content.validate import load_content


def test_same_seed_same_corpus() -> None:
    first, second = generate(40, seed=3), generate(40, seed=3)
    assert [(p.title, p.moment, p.body) for p in first.posts] == [(p.title, p.moment, p.body) for p in second.posts]
    assert [p.title for p in generate(40, seed=4).posts] != [p.title for p in first.posts]


def test_posts_have_600_to_900_words_and_unique_urls() -> None:
    corpus = generate(300, seed=8)
    assert all(WORDS[0] <= p.word_count <= WORDS[1] for p in corpus.posts)
    keys = [(p.moment.year, p.moment.month, p.slug) for p in corpus.posts]
    assert len(set(keys)) == len(keys)


def test_zoneportal_project_is_valid(tmp_path: Path) -> None:
    corpus = generate(120, seed=8, photo_share=0.1)
    write_project(corpus, "zoneportal", tmp_path)
    _registry, posts, report = load_content(tmp_path / "posts", tmp_path)
    assert not report.problems, report.render()
    assert len(posts) == 120
    assert sum(1 for p in posts if p.cover is not None) == sum(1 for p in corpus.posts if p.photo_seed is not None)
    # Stated terms are always right, and the rest are derived like the stated ones would be.
    stated = {(p.moment.year, p.moment.month, p.slug): p.term for p in corpus.posts}
    assert all(post.term == stated[post.url_key] for post in posts if stated[post.url_key])


@pytest.mark.parametrize("layout", MKDOCS_LAYOUTS)
def test_every_layout_builds_every_post(tmp_path: Path, layout: str) -> None:
    corpus = generate(12, seed=8, photo_share=0.25)
    write_project(corpus, layout, tmp_path)
    run = build_once(tmp_path)
    assert run.pages >= 12
    # bench/clock.py timed the build's phases: disjoint, adding up to the whole, CPU counted likewise.
    total_wall, total_cpu = run.phases["total"]
    parts = {name: times for name, times in run.phases.items() if name != "total"}
    assert abs(sum(wall for wall, _ in parts.values()) - total_wall) < 1e-6
    assert abs(sum(cpu for _, cpu in parts.values()) - total_cpu) < 1e-6
    assert 0 < total_wall <= run.seconds and parts["start-up"][0] > 0
    zoneportal_steps = {"plan (read, validate, index, page specs)", "render our pages", "search index (Pagefind)"}
    if layout == "zoneportal":
        assert all(parts[step][0] > 0 for step in zoneportal_steps), parts
    else:
        assert not zoneportal_steps & set(parts)
    if layout == "zoneportal":
        for post in corpus.posts:
            assert (tmp_path / "site" / f"tin-tuc/{post.moment:%Y/%m}/{post.slug}/index.html").is_file()
        weight = article_weight(tmp_path / "site")
        assert weight.html_gzip > 0 and len(weight.files) > 1
