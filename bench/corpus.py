"""A seeded synthetic corpus of Vietnamese news posts, independent of how it is laid out on disk.

Every word here is invented for the benchmark: the vocabulary below is combined at random (with a
fixed seed) into titles and 600-900-word bodies that look like a management board's news. The same
`Corpus` is then written three ways by `bench.layouts` so the three generators build the same text.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from zoneportal.vi import slugify

# Posts a board publishes in a year; the corpus spans as many years as N posts need at that rate,
# so 1 000 posts cover 2 years and 10 000 posts 15 years, like a provincial archive.
POSTS_PER_YEAR = 650
LAST_YEAR = 2025
WORDS = (600, 900)

AUTHORS: dict[str, dict[str, str]] = {
    "nguyen-thi-lan": {"name": "Nguyễn Thị Lan", "role": "Chuyên viên Văn phòng", "unit": "Văn phòng Ban Quản lý"},
    "tran-quoc-huy": {"name": "Trần Quốc Huy", "role": "Phó Chánh Văn phòng Đảng ủy"},
    "le-thu-ha": {"name": "Lê Thu Hà", "role": "Cộng tác viên", "unit": "Công đoàn các khu công nghiệp"},
    "pham-van-duc": {"name": "Phạm Văn Đức", "role": "Trưởng phòng Quản lý đầu tư"},
    "vo-minh-chau": {"name": "Võ Minh Châu", "role": "Chuyên viên", "unit": "Phòng Quản lý doanh nghiệp"},
    "dang-hoai-nam": {"name": "Đặng Hoài Nam", "role": "Phóng viên cộng tác"},
    "bui-thanh-tam": {"name": "Bùi Thanh Tâm", "role": "Bí thư Đoàn Thanh niên"},
    "hoang-my-linh": {"name": "Hoàng Mỹ Linh", "role": "Chuyên viên", "unit": "Phòng Quản lý môi trường"},
    "do-duc-thang": {"name": "Đỗ Đức Thắng", "role": "Chánh Văn phòng Ban Quản lý"},
    "ngo-bao-ngoc": {"name": "Ngô Bảo Ngọc", "role": "Cộng tác viên", "unit": "Hội Phụ nữ cơ sở"},
    "duong-khanh-an": {"name": "Dương Khánh An", "role": "Chuyên viên", "unit": "Phòng Quy hoạch xây dựng"},
    "ly-gia-bao": {"name": "Lý Gia Bảo", "role": "Phó trưởng phòng Lao động"},
}

CATEGORIES: dict[str, dict[str, object]] = {
    "tin-hoat-dong": {"name": "Tin hoạt động", "description": "Hoạt động thường ngày của Ban Quản lý.", "order": 1},
    "xay-dung-dang": {"name": "Xây dựng Đảng", "description": "Đại hội, hội nghị, sơ kết, tổng kết.", "order": 2},
    "dau-tu-phat-trien": {"name": "Đầu tư - Phát triển", "description": "Thu hút đầu tư, hạ tầng.", "order": 3},
    "doan-the": {"name": "Công đoàn - Đoàn thể", "description": "Công đoàn, Đoàn Thanh niên, Hội Phụ nữ.", "order": 4},
    "lao-dong-viec-lam": {"name": "Lao động - Việc làm", "description": "Tuyển dụng, nhà ở công nhân.", "order": 5},
    "moi-truong": {"name": "Môi trường", "description": "Xử lý nước thải, cây xanh, an toàn.", "order": 6},
    "cai-cach-hanh-chinh": {"name": "Cải cách hành chính", "description": "Thủ tục, một cửa, số hóa.", "order": 7},
    "thong-bao": {"name": "Thông báo", "description": "Thông báo, lịch làm việc, kế hoạch.", "order": 8},
}

# Committees with five-year terms from 2005 to 2030; every term after the first has a congress date,
# so the term of any post date is unambiguous.
COMMITTEE_NAMES: dict[str, tuple[str, str, str, str | None]] = {
    "dang-bo-bql": ("Đảng bộ Ban Quản lý các khu công nghiệp tỉnh Thanh Vân", "Đảng bộ Ban Quản lý", "Đảng bộ", None),
    "chi-bo-van-phong": ("Chi bộ Văn phòng Ban Quản lý", "Chi bộ Văn phòng", "Chi bộ", "dang-bo-bql"),
    "chi-bo-dau-tu": ("Chi bộ Phòng Quản lý đầu tư", "Chi bộ Quản lý đầu tư", "Chi bộ", "dang-bo-bql"),
    "chi-bo-doanh-nghiep": ("Chi bộ Phòng Quản lý doanh nghiệp", "Chi bộ Doanh nghiệp", "Chi bộ", "dang-bo-bql"),
    "chi-bo-moi-truong": ("Chi bộ Phòng Quản lý môi trường", "Chi bộ Môi trường", "Chi bộ", "dang-bo-bql"),
    "cong-doan-kcn": ("Công đoàn các khu công nghiệp tỉnh Thanh Vân", "Công đoàn các KCN", "Công đoàn", None),
    "doan-thanh-nien": ("Đoàn Thanh niên Ban Quản lý", "Đoàn Thanh niên", "Đoàn cơ sở", None),
    "hoi-phu-nu": ("Hội Phụ nữ cơ sở Ban Quản lý", "Hội Phụ nữ", "Hội cơ sở", None),
}
TERM_YEARS = ((2005, 2010), (2010, 2015), (2015, 2020), (2020, 2025), (2025, 2030))
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
EVENTS = ("dai-hoi", "hoi-nghi-bch", "so-ket", "tong-ket", "sinh-hoat-chuyen-de", "hoi-nghi", "khac")
EVENT_NAMES = {
    "dai-hoi": "Đại hội",
    "hoi-nghi-bch": "Hội nghị Ban Chấp hành",
    "so-ket": "Hội nghị sơ kết",
    "tong-ket": "Hội nghị tổng kết",
    "sinh-hoat-chuyen-de": "Sinh hoạt chuyên đề",
    "hoi-nghi": "Hội nghị",
    "khac": "Lễ kỷ niệm",
}

ZONES = (
    "Khu công nghiệp Bắc Thanh Vân",
    "Khu công nghiệp Sông Mây",
    "Khu công nghiệp Tây Nam Lộc Điền",
    "Khu công nghiệp Phú Hòa",
    "Khu kinh tế cửa khẩu Đồng Vân",
    "Cụm công nghiệp An Khê",
    "Khu công nghiệp Cẩm Thạch",
)
SUBJECTS = (
    "Ban Quản lý các khu công nghiệp",
    "Đảng ủy Ban Quản lý",
    "Lãnh đạo Ban Quản lý",
    "Công đoàn các khu công nghiệp",
    "Đoàn Thanh niên Ban Quản lý",
    "các doanh nghiệp trong khu công nghiệp",
    "Phòng Quản lý đầu tư",
    "Phòng Quản lý môi trường",
    "Tổ công tác liên ngành",
    "Ban Chấp hành Đảng bộ",
    "các chi bộ trực thuộc",
    "đoàn công tác của tỉnh",
    "nhà đầu tư thứ cấp",
    "Hội đồng thi đua khen thưởng",
    "Ủy ban Kiểm tra Đảng ủy",
    "các đoàn viên, hội viên",
)
VERBS = (
    "đã tổ chức",
    "tiếp tục triển khai",
    "thống nhất thông qua",
    "đánh giá cao",
    "chỉ đạo thực hiện",
    "nghiêm túc quán triệt",
    "phối hợp kiểm tra",
    "đề xuất điều chỉnh",
    "tập trung tháo gỡ",
    "khẩn trương hoàn thành",
    "kịp thời nắm bắt",
    "chủ động rà soát",
    "tích cực hưởng ứng",
    "ghi nhận và biểu dương",
    "cam kết đẩy mạnh",
    "báo cáo kết quả",
)
OBJECTS = (
    "công tác thu hút đầu tư vào các khu công nghiệp",
    "việc thực hiện Nghị quyết Đại hội Đảng bộ các cấp",
    "kế hoạch phát triển hạ tầng kỹ thuật dùng chung",
    "chương trình cải cách thủ tục hành chính theo cơ chế một cửa",
    "các giải pháp bảo đảm an toàn vệ sinh lao động",
    "phong trào thi đua lao động giỏi, lao động sáng tạo",
    "công tác xây dựng Đảng và hệ thống chính trị",
    "việc giải quyết chế độ, chính sách cho người lao động",
    "dự án nhà ở xã hội cho công nhân",
    "hệ thống xử lý nước thải tập trung",
    "công tác phòng cháy, chữa cháy và cứu nạn, cứu hộ",
    "kế hoạch chuyển đổi số trong quản lý khu công nghiệp",
    "việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "công tác kiểm tra, giám sát và thi hành kỷ luật đảng",
    "chương trình đào tạo nghề cho lao động địa phương",
    "các thủ tục cấp, điều chỉnh giấy chứng nhận đăng ký đầu tư",
    "công tác bồi thường, giải phóng mặt bằng",
    "chỉ tiêu phát triển đảng viên trong doanh nghiệp",
    "mô hình dân vận khéo tại cơ sở",
    "hoạt động chăm lo Tết cho đoàn viên công đoàn",
    "việc quan trắc môi trường tự động",
    "kế hoạch xúc tiến đầu tư năm tới",
)
OPENERS = (
    "Sáng {d}/{m}",
    "Chiều {d}/{m}",
    "Ngày {d}/{m}/{y}",
    "Trong những năm qua",
    "Theo báo cáo tại hội nghị",
    "Phát biểu chỉ đạo",
    "Trong quý vừa qua",
    "Qua kiểm tra thực tế",
    "Bên cạnh những kết quả đạt được",
    "Thực hiện kế hoạch năm {y}",
    "Tại buổi làm việc",
    "Từ đầu năm đến nay",
)
TAILS = (
    "trong năm {y}",
    "theo đúng kế hoạch đề ra",
    "nhằm nâng cao hiệu quả hoạt động",
    "góp phần hoàn thành các chỉ tiêu của nhiệm kỳ",
    "tại {zone}",
    "với sự tham gia của {n} doanh nghiệp",
    "đạt {p}% kế hoạch năm",
    "trên địa bàn toàn tỉnh",
    "theo chỉ đạo của Ủy ban nhân dân tỉnh",
    "bảo đảm đúng quy định của pháp luật",
    "tạo chuyển biến rõ nét trong nhận thức và hành động",
    "thu hút {n} lượt đoàn viên tham gia",
)
CLOSERS = (
    "Hội nghị đã thống nhất các nhiệm vụ trọng tâm trong thời gian tới.",
    "Dịp này, nhiều tập thể và cá nhân có thành tích xuất sắc được biểu dương, khen thưởng.",
    "Các đại biểu đã thảo luận sôi nổi, đóng góp nhiều ý kiến tâm huyết.",
    "Ban Quản lý sẽ tiếp tục theo dõi, đôn đốc để bảo đảm tiến độ đề ra.",
    "Kết thúc buổi làm việc, hai bên thống nhất lịch kiểm tra định kỳ hằng quý.",
)
HEADINGS = (
    "Kết quả nổi bật",
    "Những khó khăn, vướng mắc",
    "Nhiệm vụ trọng tâm thời gian tới",
    "Ý kiến chỉ đạo",
    "Đánh giá chung",
    "Đề xuất, kiến nghị",
    "Một số giải pháp",
    "Thảo luận tại hội nghị",
)
TITLE_ACTIONS = (
    "làm việc với doanh nghiệp về",
    "kiểm tra",
    "triển khai",
    "sơ kết",
    "tổng kết",
    "hội nghị bàn về",
    "tập huấn",
    "đối thoại về",
    "phát động thi đua về",
    "ký kết phối hợp về",
)
TITLE_TOPICS = (
    "thu hút đầu tư",
    "an toàn lao động",
    "phòng cháy, chữa cháy",
    "xử lý nước thải",
    "cải cách hành chính",
    "chuyển đổi số",
    "nhà ở công nhân",
    "đào tạo nghề",
    "phát triển đảng viên",
    "chăm lo Tết cho người lao động",
    "bảo vệ môi trường",
    "giải phóng mặt bằng",
    "quan hệ lao động",
    "văn hóa doanh nghiệp",
)
TAGS = tuple(
    dict.fromkeys(
        [*(t.capitalize() for t in TITLE_TOPICS), *(z.split(" ", 3)[-1] for z in ZONES), *EVENT_NAMES.values()]
        + [f"Năm {y}" for y in range(2005, 2031)]
        + ["Nghị quyết", "Khen thưởng", "Công đoàn", "Thanh niên", "Phụ nữ", "FDI", "Hạ tầng", "Kiểm tra"]
    )
)


@dataclass(frozen=True)
class TermSpan:
    key: str
    congress: str
    first_day: date
    last_day: date
    start_date: date | None


@dataclass(frozen=True)
class SyntheticPost:
    """One post, before it is written in any generator's format."""

    title: str
    slug: str
    moment: datetime
    has_time: bool
    author: str
    committee: str
    term: str | None  # written only when the post states it; the derived term is always valid
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    event: str | None
    number: str | None
    lead: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]  # (heading, blocks of Markdown)
    photo_seed: int | None = None

    @property
    def body(self) -> str:
        """Markdown body shared by every layout: a lead paragraph, then headed sections."""
        parts = [self.lead]
        for heading, blocks in self.sections:
            parts.append(f"## {heading}")
            parts.extend(blocks)
        return "\n\n".join(parts) + "\n"

    @property
    def word_count(self) -> int:
        return count_words(self.body)


@dataclass
class Corpus:
    seed: int
    posts: list[SyntheticPost] = field(default_factory=list)
    committees: dict[str, tuple[TermSpan, ...]] = field(default_factory=dict)


def committee_terms() -> dict[str, tuple[TermSpan, ...]]:
    terms: dict[str, tuple[TermSpan, ...]] = {}
    for index, key in enumerate(COMMITTEE_NAMES):
        # Congresses fall in spring, nine days apart per committee; each closes the previous term the
        # day before, as zoneportal's registry does, so the term of any post date is unambiguous.
        congresses = [date(start, 4, 10) + timedelta(days=9 * index) for start, _ in TERM_YEARS]
        spans = []
        for number, (start, end) in enumerate(TERM_YEARS):
            first_day = congresses[number] if number else date(start, 1, 1)
            last_day = congresses[number + 1] - timedelta(days=1) if number + 1 < len(TERM_YEARS) else date(end, 12, 31)
            spans.append(
                TermSpan(
                    f"{start}-{end}", f"lần thứ {ROMAN[number + 1]}", first_day, last_day, first_day if number else None
                )
            )
        terms[key] = tuple(spans)
    return terms


def generate(count: int, seed: int = 8, photo_share: float = 0.0) -> Corpus:
    """`count` posts, newest in LAST_YEAR, dates spread evenly over the years they need; oldest first."""
    corpus = Corpus(seed=seed, committees=committee_terms())
    corpus.posts = sorted(stream(count, seed, photo_share), key=lambda p: (p.moment, p.slug))
    return corpus


def archive_years(count: int) -> int:
    """Years the archive spans: POSTS_PER_YEAR a year, but never before the first committee term
    (2005): 100 000 posts at 650 a year would start in 1872, where no post has a term. Above
    ~13 600 posts the board publishes more a year instead (100 000 posts: 21 years, ~4 800 a year)."""
    return min(max(1, round(count / POSTS_PER_YEAR)), LAST_YEAR - TERM_YEARS[0][0] + 1)


def stream(count: int, seed: int = 8, photo_share: float = 0.0) -> Iterator[SyntheticPost]:
    """The posts of `generate` one at a time, in the order they are drawn (not by date): a project
    of 100 000 posts is written without holding the corpus in memory (bench.layouts.write_projects)."""
    rng = random.Random(seed)
    committees = committee_terms()
    years = archive_years(count)
    first = datetime(LAST_YEAR - years + 1, 1, 1, 7, 0)
    span_minutes = int((datetime(LAST_YEAR, 12, 31, 18, 0) - first).total_seconds() // 60)
    used: set[tuple[int, int, str]] = set()
    for _ in range(count):
        moment = first + timedelta(minutes=rng.randrange(span_minutes))
        moment = moment.replace(minute=moment.minute - moment.minute % 15, second=0)
        yield _post(rng, committees, moment, used, photo_share)


def _post(
    rng: random.Random,
    committees: dict[str, tuple[TermSpan, ...]],
    moment: datetime,
    used: set[tuple[int, int, str]],
    photo_share: float,
) -> SyntheticPost:
    committee = rng.choice(list(COMMITTEE_NAMES))
    term = next(t for t in committees[committee] if t.first_day <= moment.date() <= t.last_day)
    categories = tuple(rng.sample(list(CATEGORIES), rng.choice((1, 1, 1, 2, 2, 3))))
    event = rng.choice(EVENTS) if "xay-dung-dang" in categories or rng.random() < 0.15 else None
    number = str(rng.randint(2, 30)) if event in ("hoi-nghi-bch", "hoi-nghi") else None
    title, slug = _title(rng, committee, event, number, moment, used)
    ctx = {"y": moment.year, "m": moment.month, "d": moment.day}
    # Stop adding sentences at the target, so a post never overshoots WORDS by more than one sentence
    # plus its closing line: the target's upper bound leaves room for both.
    target = rng.randint(WORDS[0], WORDS[1] - 80)
    lead = _paragraph(rng, ctx, rng.randint(45, 70))
    words = count_words(lead)
    sections: list[tuple[str, tuple[str, ...]]] = []
    headings = rng.sample(HEADINGS, len(HEADINGS))
    while words < target:
        heading = headings[len(sections) % len(headings)]
        words += count_words(heading)
        blocks: list[str] = []
        for _ in range(rng.randint(2, 4)):
            if words >= target:
                break
            if target - words > 60 and rng.random() < 0.12:
                block = _list_block(rng, ctx)
            else:
                block = _paragraph(rng, ctx, min(target - words, rng.randint(60, 130)))
            blocks.append(block)
            words += count_words(block)
        sections.append((heading, tuple(blocks)))
    sections[-1] = (sections[-1][0], (*sections[-1][1], rng.choice(CLOSERS)))
    return SyntheticPost(
        title=title,
        slug=slug,
        moment=moment,
        has_time=rng.random() < 0.8,
        author=rng.choice(list(AUTHORS)),
        committee=committee,
        term=term.key if rng.random() < 0.5 else None,
        categories=categories,
        tags=tuple(rng.sample(TAGS, rng.choice((0, 1, 2, 2, 3, 4)))),
        event=event,
        number=number,
        lead=lead,
        sections=tuple(sections),
        photo_seed=rng.randrange(1 << 30) if rng.random() < photo_share else None,
    )


def _title(
    rng: random.Random,
    committee: str,
    event: str | None,
    number: str | None,
    moment: datetime,
    used: set[tuple[int, int, str]],
) -> tuple[str, str]:
    short = COMMITTEE_NAMES[committee][1]
    for attempt in range(50):
        if event and rng.random() < 0.6:
            title = f"{EVENT_NAMES[event]} {short}"
            if number:
                title += f" lần thứ {number}"
            title += f" năm {moment.year}" if attempt < 5 else f" về {rng.choice(TITLE_TOPICS)}"
        else:
            title = f"{rng.choice(SUBJECTS[:8])} {rng.choice(TITLE_ACTIONS)} {rng.choice(TITLE_TOPICS)}"
            if rng.random() < 0.5:
                title += f" tại {rng.choice(ZONES)}"
        title = title[0].upper() + title[1:]
        if attempt >= 20:
            title += f" (đợt {attempt - 18})"
        key = (moment.year, moment.month, slugify(title))
        if key not in used:
            used.add(key)
            return title, key[2]
    raise RuntimeError(f"no free title in {moment:%Y-%m}")  # 50 tries cannot all clash at archive scale


def _sentence(rng: random.Random, ctx: dict[str, int]) -> str:
    values = {**ctx, "zone": rng.choice(ZONES), "n": rng.randint(3, 180), "p": rng.randint(60, 130)}
    parts = []
    if rng.random() < 0.45:
        parts.append(rng.choice(OPENERS).format(**values) + ",")
    subject = rng.choice(SUBJECTS)
    parts += [subject, rng.choice(VERBS), rng.choice(OBJECTS)]
    if rng.random() < 0.7:
        parts.append(rng.choice(TAILS).format(**values))
    if rng.random() < 0.3:
        parts += [";", rng.choice(VERBS), rng.choice(OBJECTS)]
    text = " ".join(parts).replace(" ;", ";")
    if rng.random() < 0.06:
        text = text.replace(subject, f"**{subject}**", 1)
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, ctx: dict[str, int], budget: int) -> str:
    """Sentences until the paragraph holds `budget` words (at least one sentence)."""
    sentences = [_sentence(rng, ctx)]
    words = count_words(sentences[0])
    while words < budget:
        sentences.append(_sentence(rng, ctx))
        words += count_words(sentences[-1])
    return " ".join(sentences)


# A whitespace-separated token holding a letter or digit ([^\W_]: what str.isalnum accepts). One regex
# scan instead of a test per character: counting was two thirds of generating a corpus.
_WORD = re.compile(r"(?<!\S)\S*[^\W_]\S*")


def count_words(text: str) -> int:
    """Whitespace-separated tokens holding a letter or digit: Markdown marks ("##", "-") are not words."""
    return len(_WORD.findall(text))


def _list_block(rng: random.Random, ctx: dict[str, int]) -> str:
    intro = f"{rng.choice(SUBJECTS).capitalize()} đề ra các nhiệm vụ sau:"
    items = [f"- {rng.choice(VERBS).capitalize()} {rng.choice(OBJECTS)};" for _ in range(rng.randint(3, 5))]
    return intro + "\n\n" + "\n".join(items)
