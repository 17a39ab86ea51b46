"""Synthetic Vietnamese news posts for the search benchmark, written as a zoneportal project.

The phrases below were written for this benchmark and are combined at random (fixed seed) into
titles, summaries and 450-900-syllable bodies. What matters for the search index is the shape of
the text: a small set of very common syllables ("các", "của", "khu", "công", "nghiệp", "hội")
that occur in almost every post, a long tail of rarer words, names and numbers.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

COMMITTEES = {
    "dang-bo": ("Đảng bộ Ban Quản lý các khu công nghiệp", "Đảng bộ"),
    "chi-bo-van-phong": ("Chi bộ Văn phòng", "Chi bộ"),
    "chi-bo-dau-tu": ("Chi bộ Phòng Quản lý đầu tư", "Chi bộ"),
    "chi-bo-moi-truong": ("Chi bộ Phòng Tài nguyên và Môi trường", "Chi bộ"),
    "cong-doan": ("Công đoàn các khu công nghiệp", "Công đoàn"),
    "doan-thanh-nien": ("Đoàn Thanh niên Ban Quản lý", "Đoàn cơ sở"),
}
CATEGORIES = {
    "tin-hoat-dong": "Tin hoạt động",
    "xay-dung-dang": "Xây dựng Đảng",
    "dau-tu": "Đầu tư và phát triển",
    "lao-dong": "Lao động và việc làm",
    "moi-truong": "Môi trường",
    "thong-bao": "Thông báo",
}
AUTHORS = {
    "tran-thu-trang": "Trần Thu Trang",
    "nguyen-van-hieu": "Nguyễn Văn Hiếu",
    "pham-ngoc-anh": "Phạm Ngọc Ánh",
    "dinh-cong-luan": "Đinh Công Luận",
    "vu-hai-yen": "Vũ Hải Yến",
}
TAGS = (
    "Đại hội",
    "Sơ kết",
    "Tổng kết",
    "Nghị quyết",
    "Thu hút đầu tư",
    "Nhà ở công nhân",
    "Chuyển đổi số",
    "An toàn lao động",
    "Phòng cháy",
    "Nước thải",
    "Thi đua",
    "Khen thưởng",
    "Học tập",
    "Tết",
    "Thanh niên",
)
SUBJECTS = (
    "Ban Quản lý các khu công nghiệp",
    "Đảng ủy Ban Quản lý",
    "Ban Thường vụ Đảng ủy",
    "lãnh đạo Ban Quản lý",
    "Công đoàn các khu công nghiệp",
    "Đoàn Thanh niên",
    "Hội Liên hiệp Phụ nữ",
    "Chi bộ Văn phòng",
    "các doanh nghiệp trong khu công nghiệp",
    "nhà đầu tư nước ngoài",
    "Ủy ban Kiểm tra",
    "đoàn công tác liên ngành",
    "Sở Kế hoạch và Đầu tư",
    "Ủy ban nhân dân tỉnh",
    "Phòng Quản lý doanh nghiệp",
    "Trung tâm dịch vụ việc làm",
    "người lao động",
    "cán bộ, đảng viên",
    "đoàn viên công đoàn",
    "Ban Chấp hành Đảng bộ",
)
VERBS = (
    "đã tổ chức",
    "tiếp tục triển khai",
    "thống nhất thông qua",
    "đánh giá cao",
    "chỉ đạo thực hiện",
    "quán triệt",
    "phối hợp kiểm tra",
    "đề xuất điều chỉnh",
    "tháo gỡ khó khăn cho",
    "ký kết",
    "tuyên truyền về",
    "rà soát",
    "hướng dẫn",
    "trao tặng",
    "khảo sát",
    "hoàn thành",
    "tổng hợp ý kiến về",
    "cấp giấy chứng nhận cho",
    "đẩy nhanh tiến độ",
    "biểu dương",
    "thẩm định",
    "tiếp nhận",
    "bàn giao",
)
OBJECTS = (
    "kế hoạch thu hút đầu tư năm",
    "nghị quyết Đại hội Đảng bộ",
    "dự án hạ tầng khu công nghiệp",
    "chương trình chuyển đổi số",
    "công tác phòng cháy, chữa cháy",
    "hệ thống xử lý nước thải tập trung",
    "thủ tục hành chính một cửa",
    "quy hoạch phân khu",
    "phong trào thi đua lao động giỏi",
    "nhà ở cho công nhân",
    "báo cáo chính trị",
    "công tác kiểm tra, giám sát",
    "hồ sơ điều chỉnh dự án",
    "chế độ cho người lao động",
    "quỹ hỗ trợ đoàn viên",
    "mô hình dân vận khéo",
    "việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "các tiêu chí khu công nghiệp sinh thái",
    "tiến độ giải phóng mặt bằng",
    "an toàn vệ sinh lao động",
    "thỏa ước lao động tập thể",
    "đường giao thông nội khu",
    "trạm biến áp",
    "giấy phép môi trường",
    "vốn đầu tư trực tiếp nước ngoài",
    "chỉ tiêu nghị quyết năm",
    "công tác phát triển đảng viên mới",
    "bữa ăn ca cho công nhân",
    "sân chơi cho con công nhân",
    "cây xanh và mặt nước",
)
ADJUNCTS = (
    "trong quý đầu năm",
    "tại hội trường Ban Quản lý",
    "theo đúng quy định",
    "với sự tham gia của đại diện",
    "nhằm cải thiện môi trường đầu tư",
    "trên địa bàn tỉnh",
    "trong giai đoạn tới",
    "một cách đồng bộ",
    "ngay từ những tháng đầu năm",
    "để kịp thời tháo gỡ vướng mắc",
    "theo tinh thần chỉ đạo của cấp trên",
    "đạt và vượt kế hoạch đề ra",
    "so với cùng kỳ năm trước",
    "bảo đảm an toàn, tiết kiệm",
    "tại các khu công nghiệp",
)
CONNECTORS = (
    "Bên cạnh đó,",
    "Theo báo cáo,",
    "Đồng thời,",
    "Cũng tại hội nghị,",
    "Phát biểu chỉ đạo,",
    "Trong thời gian qua,",
    "Dịp này,",
    "Tiếp đó,",
    "Kết quả là",
    "Ngoài ra,",
)
PLACES = (
    "Bắc Sông Mây",
    "Tân Lập",
    "Phú Thủy",
    "Hòa Khánh Tây",
    "Đồng Xoài Mới",
    "Cẩm Lĩnh",
    "Vạn Ninh",
    "Nam Quế Sơn",
    "Long Điền Đông",
    "Thạch Bàn",
)
PEOPLE = (
    "Nguyễn Hữu Tín",
    "Lê Thị Huệ",
    "Trịnh Minh Đức",
    "Hồ Ngọc Sương",
    "Phan Quốc Khánh",
    "Lương Thế Vinh",
    "Mai Thu Thủy",
    "Kiều Văn Đạt",
    "Tạ Thanh Hòa",
    "Đàm Quang Thuỷ",
)
TITLE_HEADS = (
    "Hội nghị sơ kết",
    "Hội nghị tổng kết",
    "Đại hội",
    "Hội nghị Ban Chấp hành",
    "Sinh hoạt chuyên đề",
    "Kiểm tra",
    "Ký kết",
    "Trao tặng",
    "Khảo sát",
    "Hội thảo về",
    "Tập huấn",
    "Đối thoại với",
)
SENTENCE_SYLLABLES = 22


def sentence(rng: random.Random) -> str:
    parts = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS)]
    if rng.random() < 0.4:
        parts.append(str(rng.randint(2005, 2025)))
    if rng.random() < 0.7:
        parts.append(rng.choice(ADJUNCTS))
    if rng.random() < 0.25:
        parts.append(f"khu công nghiệp {rng.choice(PLACES)}")
    if rng.random() < 0.2:
        parts.append(f"do ông {rng.choice(PEOPLE)} chủ trì")
    if rng.random() < 0.15:
        parts.append(f"với tổng vốn {rng.randint(2, 900)} triệu USD")
    text = " ".join(parts)
    if rng.random() < 0.35:
        text = f"{rng.choice(CONNECTORS)} {text}"
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, syllables: int) -> str:
    sentences = [sentence(rng) for _ in range(max(1, syllables // SENTENCE_SYLLABLES))]
    return " ".join(sentences)


def post_fields(rng: random.Random, number: int, when: datetime) -> tuple[dict[str, Any], str]:
    head = rng.choice(TITLE_HEADS)
    title = f"{head} {rng.choice(OBJECTS)} {rng.choice(('tại', 'ở', 'của'))} {rng.choice(PLACES)} số {number}"
    committee = rng.choice(list(COMMITTEES))
    fields: dict[str, Any] = {
        "title": title,
        "date": when.strftime("%Y-%m-%d %H:%M"),
        "author": rng.choice(list(AUTHORS)),
        "committee": committee,
        "categories": sorted(rng.sample(list(CATEGORIES), rng.choice((1, 1, 2)))),
        "tags": rng.sample(TAGS, rng.randint(0, 3)),
        "summary": sentence(rng),
        "slug": f"bai-{number:05d}",
    }
    total = rng.randint(450, 900)
    paragraphs, left = [], total
    while left > 0:
        size = min(left, rng.randint(60, 140))
        paragraphs.append(paragraph(rng, size))
        left -= size
    return fields, "\n\n".join(paragraphs)


def write_project(root: Path, count: int, seed: int = 5) -> Path:
    """A complete zoneportal project with `count` posts, one every ~13 hours back from 2025."""
    rng = random.Random(seed)
    posts = root / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    years = {2005 + 5 * i for i in range(5)}
    committees = {
        key: {
            "name": name,
            "level": level,
            "terms": [{"start": y, "end": y + 5, "start_date": f"{y}-06-15"} for y in sorted(years)],
        }
        for key, (name, level) in COMMITTEES.items()
    }
    _dump(posts / "committees.yml", committees)
    _dump(posts / "categories.yml", {k: {"name": v, "order": i} for i, (k, v) in enumerate(CATEGORIES.items())})
    _dump(posts / "authors.yml", {k: {"name": v} for k, v in AUTHORS.items()})
    start = datetime(2025, 12, 20, 8, 0)
    for number in range(1, count + 1):
        when = start - timedelta(hours=13 * number + rng.randint(0, 5))
        fields, body = post_fields(rng, number, when)
        path = posts / str(when.year) / f"bai-{number:05d}.md"
        path.parent.mkdir(exist_ok=True)
        front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
        path.write_text(f"---\n{front}---\n\n{body}\n", encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "gioi-thieu.md").write_text("# Giới thiệu\n\nCổng thông tin thử nghiệm.\n", encoding="utf-8")
    config = {
        "site_name": "Cổng thử nghiệm tìm kiếm",
        "site_url": "http://127.0.0.1/",
        "theme": {"name": "material", "language": "vi", "font": False},
        "plugins": [{"zoneportal": {"posts_dir": "posts"}}],
    }
    _dump(root / "mkdocs.yml", config)
    return root / "mkdocs.yml"


def _dump(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
