"""Draw the example portal's emblem (docs/assets/emblem.png) with Pillow.

An emblem invented for this project — a rising sun over factory roofs and a river, in a gold ring
on deep red — and deliberately NOT the national emblem (no star, no cogwheel, no rice ears). A board
replaces it with its own logo in mkdocs.yml (`identity: logo:`). Run: `.venv/bin/python tools/draw_emblem.py`.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw

RED = (160, 28, 28, 255)
DEEP = (110, 14, 14, 255)
GOLD = (232, 181, 0, 255)
WHITE = (255, 255, 255, 255)
RIVER = (120, 190, 230, 255)
SIZE = 512
SCALE = 4  # drawn four times larger, then reduced: smooth edges without an SVG rasteriser


def draw(size: int = SIZE) -> Image.Image:
    s = size * SCALE
    image = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)

    def box(cx: float, cy: float, r: float) -> tuple[float, float, float, float]:
        return (cx - r, cy - r, cx + r, cy + r)

    c = s / 2
    pen.ellipse(box(c, c, s * 0.5), fill=GOLD)
    pen.ellipse(box(c, c, s * 0.455), fill=DEEP)
    pen.ellipse(box(c, c, s * 0.44), fill=RED)
    # Rising sun with rays, behind the roofs.
    sun_y = s * 0.56
    for i in range(9):
        angle = math.pi * (i + 0.5) / 9
        x1, y1 = c + math.cos(angle) * s * 0.17, sun_y - math.sin(angle) * s * 0.17
        x2, y2 = c + math.cos(angle) * s * 0.33, sun_y - math.sin(angle) * s * 0.33
        pen.line((x1, y1, x2, y2), fill=GOLD, width=int(s * 0.022))
    pen.pieslice(box(c, sun_y, s * 0.14), 180, 360, fill=GOLD)
    # Factory: saw-tooth roofs and a chimney, white.
    left, right, base, top = s * 0.24, s * 0.76, s * 0.68, s * 0.5
    teeth = 4
    width = (right - left) / teeth
    points = [(left, base)]
    for i in range(teeth):
        x = left + i * width
        points += [(x, top + s * 0.05), (x + width, top - s * 0.02), (x + width, top + s * 0.05)]
    points += [(right, base)]
    pen.polygon(points, fill=WHITE)
    pen.rectangle((s * 0.62, s * 0.36, s * 0.67, top + s * 0.02), fill=WHITE)
    for i in range(teeth):  # windows
        x = left + i * width + width * 0.25
        pen.rectangle((x, s * 0.6, x + width * 0.5, s * 0.64), fill=RED)
    # River: two waves under the zone.
    for row, colour in ((0.72, RIVER), (0.78, WHITE)):
        y = s * row
        wave = [(s * 0.2 + k * s * 0.6 / 48, y + math.sin(k / 48 * 4 * math.pi) * s * 0.012) for k in range(49)]
        pen.line(wave, fill=colour, width=int(s * 0.022), joint="curve")
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else Path(__file__).parents[1] / "docs" / "assets" / "emblem.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    draw().save(target, optimize=True)
    print(f"Đã vẽ biểu trưng: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
