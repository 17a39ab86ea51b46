"""Measure the image pipeline: first build (every photo encoded) and second build (all from the cache).

    .venv/bin/python bench/images.py                 # 200 photos of 4000×3000, then the example portal
    .venv/bin/python bench/images.py --photos 40     # a quicker run
    .venv/bin/python bench/images.py --skip-example

Photos are generated with Pillow (camera-like JPEGs with EXIF, GPS and orientation) into
`.cache/bench-images/` and reused by later runs. Builds run `mkdocs build` as staff would, each in
its own process; times are wall-clock seconds of the whole build, and the pipeline's own count
("N ảnh mã hóa mới, M lấy từ bộ đệm") is read from the build log. Results go to stdout as a table.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".cache" / "bench-images"
MKDOCS = Path(sys.executable).with_name("mkdocs")
PHOTOS_PER_POST = 10
STATS = re.compile(r"zoneportal: (\d+) ảnh, (\d+) ảnh mã hóa mới, (\d+) lấy từ bộ đệm \(([\d.]+) s CPU\)")


def camera_photo(seed: int, size: tuple[int, int] = (4000, 3000)) -> bytes:
    """A 12-megapixel JPEG like a camera's: gradients, shapes, sensor noise, EXIF with GPS."""
    rng = random.Random(seed)
    small = Image.new("RGB", (400, 300), tuple(rng.randint(60, 200) for _ in range(3)))
    draw = ImageDraw.Draw(small)
    for _ in range(40):
        x, y = rng.randint(-50, 400), rng.randint(-50, 300)
        w, h = rng.randint(10, 160), rng.randint(10, 120)
        color = tuple(rng.randint(0, 255) for _ in range(3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)((x, y, x + w, y + h), fill=color)
    image = small.resize(size, Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(3))
    noise = Image.effect_noise(size, 40).convert("RGB")
    image = Image.blend(image, noise, 0.16)
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0110] = "Canon EOS 80D"
    exif.get_ifd(0x8825).update({1: "N", 2: (19.0, 48.0, 21.6), 3: "E", 4: (105.0, 46.0, 37.2)})
    if seed % 5 == 0:
        exif[0x0112] = 6  # some taken upright, stored sideways
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92, exif=exif)
    return out.getvalue()


def _write_photo(args: tuple[int, str]) -> int:
    seed, path = args
    data = camera_photo(seed)
    Path(path).write_bytes(data)
    return len(data)


def ensure_photos(count: int) -> list[Path]:
    folder = WORK / "photos"
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"anh-{i:04d}.jpg" for i in range(count)]
    missing = [(i, str(p)) for i, p in enumerate(paths) if not p.is_file()]
    if missing:
        print(f"Tạo {len(missing)} ảnh 4000×3000 …", flush=True)
        with ProcessPoolExecutor() as pool:
            sizes = list(pool.map(_write_photo, missing))
        print(f"  trung bình {sum(sizes) / len(sizes) / 1e6:.1f} MB/ảnh", flush=True)
    return paths


def make_project(photos: list[Path]) -> Path:
    """A portal of posts with ten photos each, the photos hard-linked into each bundle."""
    project = WORK / "project"
    shutil.rmtree(project, ignore_errors=True)
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "gioi-thieu.md").write_text("# Giới thiệu\n", encoding="utf-8")
    posts = project / "posts"
    posts.mkdir()
    for name in ("authors.yml", "categories.yml", "committees.yml"):
        shutil.copyfile(ROOT / "posts" / name, posts / name)
    authors = yaml.safe_load((posts / "authors.yml").read_text(encoding="utf-8"))
    categories = yaml.safe_load((posts / "categories.yml").read_text(encoding="utf-8"))
    committees = yaml.safe_load((posts / "committees.yml").read_text(encoding="utf-8"))
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["nav"] = [{"Trang chủ": "index.md"}, {"Giới thiệu": "gioi-thieu.md"}]
    config["theme"].pop("custom_dir", None)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    committee = next(iter(committees))
    for number, start in enumerate(range(0, len(photos), PHOTOS_PER_POST), start=1):
        folder = posts / "2024" / f"hoi-nghi-{number:03d}"
        folder.mkdir(parents=True)
        batch = photos[start : start + PHOTOS_PER_POST]
        for photo in batch:
            os.link(photo, folder / photo.name)
        front = {
            "title": f"Hội nghị chuyên đề số {number}",
            "date": f"2024-{(number % 12) + 1:02d}-{(number % 27) + 1:02d} 08:00",
            "author": next(iter(authors)),
            "committee": committee,
            "categories": [next(iter(categories))],
            "cover": batch[0].name,
            "gallery": [
                {"src": p.name, "caption": f"Ảnh {i} của hội nghị số {number}"} for i, p in enumerate(batch, 1)
            ],
        }
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\nNội dung hội nghị.\n"
        (folder / "index.md").write_text(text, encoding="utf-8")
    return project


def timed_build(project: Path, label: str) -> dict[str, object]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    done = subprocess.run(
        [str(MKDOCS), "build", "-f", str(project / "mkdocs.yml")], capture_output=True, text=True, env=env, check=False
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{label}: mkdocs build thất bại\n{done.stderr[-3000:]}")
    found = STATS.search(done.stderr)
    photos, encoded, reused = (int(g) for g in found.groups()[:3]) if found else (0, 0, 0)
    cpu = float(found[4]) if found else 0.0
    load = os.getloadavg()[0]
    row = {"build": label, "seconds": round(seconds, 1), "photos": photos, "encoded": encoded, "reused": reused}
    print(
        f"  {label:<30} {seconds:7.1f} s   {photos:4d} ảnh, {encoded:4d} mã hóa ({cpu:6.1f} s CPU), "
        f"{reused:4d} từ bộ đệm; tải máy {load:.1f}",
        flush=True,
    )
    return row


def bench_large(count: int) -> list[dict[str, object]]:
    photos = ensure_photos(count)
    project = make_project(photos)
    shutil.rmtree(project / ".cache", ignore_errors=True)
    print(f"{count} ảnh 4000×3000 ({len(photos) // PHOTOS_PER_POST} bài, {os.cpu_count()} lõi CPU):", flush=True)
    rows = [timed_build(project, "lần 1 (bộ đệm trống)"), timed_build(project, "lần 2 (không đổi ảnh nào)")]
    changed = project / "posts" / "2024" / "hoi-nghi-001" / photos[0].name
    changed.unlink()  # break the hard link, then write a different photo under the same name
    changed.write_bytes(camera_photo(10_000))
    rows.append(timed_build(project, "lần 3 (thay 1 ảnh)"))
    return rows


def bench_example() -> list[dict[str, object]]:
    print("Cổng mẫu (posts/ của kho):", flush=True)
    shutil.rmtree(ROOT / ".cache" / "zoneportal" / "images", ignore_errors=True)
    return [timed_build(ROOT, "lần 1 (bộ đệm trống)"), timed_build(ROOT, "lần 2 (không đổi ảnh nào)")]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--skip-example", action="store_true")
    parser.add_argument("--skip-large", action="store_true")
    options = parser.parse_args(argv)
    if not options.skip_example:
        bench_example()
    if not options.skip_large:
        bench_large(options.photos)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
