"""Vietnamese text: Unicode normalisation, diacritic folding, slugs and dates.

One slug function serves URLs and heading anchors alike, so that "Đại hội" becomes `dai-hoi`
everywhere (Python-Markdown's default slugify drops "đ" and would give `ai-hoi`).
"""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from babel.dates import format_date
from slugify import slugify as _slugify

# Vietnam has used UTC+7 all year since 1975; a fixed offset needs no tz database at build time.
VIETNAM_TZ = timezone(timedelta(hours=7), "ICT")
LOCALE = "vi"
_WORD = re.compile(r"[^\W_]+")


def nfc(text: str) -> str:
    """Compose text typed on systems that send decomposed Vietnamese (NFD)."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case ASCII folding: "Đảng ủy" → "dang uy"; for search keys and comparisons."""
    return strip_marks(text.replace("đ", "d").replace("Đ", "D"))


def strip_marks(text: str) -> str:
    """Lower-case, without tone marks and vowel marks but keeping "đ": "Đảng ủy" → "đang uy".

    This is how the search index (Pagefind) files words: "hội", "hồi" and "hoi" under "hoi", and
    "hoà" and "hòa" alike; "đ" has no Unicode decomposition, so "đầu" stays apart from "dau"."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def words(text: str) -> list[str]:
    """The words of a text, in order, NFC: letters and digits split on spaces and punctuation."""
    return _WORD.findall(nfc(text))


def _ascii_fold_table() -> dict[int, str]:
    """Precomposed Latin letters whose compatibility decomposition is ASCII letters plus combining
    marks (every Vietnamese letter: "ế" → "e", "ư" → "u"), and đ/Đ, which do not decompose."""
    table = {ord("đ"): "d", ord("Đ"): "D"}
    for low, high in ((0x00C0, 0x024F), (0x1E00, 0x1EFF)):
        for code in range(low, high + 1):
            decomposed = unicodedata.normalize("NFKD", chr(code))
            base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
            if base and base.isascii() and base.isalpha() and base != decomposed:
                table[code] = base
    return table


_ASCII_FOLD = _ascii_fold_table()


def _prefold(text: str) -> str:
    """Vietnamese text folded to the ASCII that python-slugify's transliteration would make of it.

    python-slugify (9.x) looks for the optional `unidecode` package with a failing import on every
    call with non-ASCII text, a search of sys.path that cost 0.1 ms a slug (26 s of a profiled
    10 000-post build). Folded text is ASCII, so it skips that path and gives the same slug: for these
    letters its transliteration also drops the marks (tests/test_vi.py checks every letter of the
    table). Text with any other non-ASCII character is left to python-slugify.
    """
    folded = text.translate(_ASCII_FOLD)
    return folded if folded.isascii() else text


# A URL keeps the whole title up to this length; longer titles are shortened with care (below).
SLUG_MAX = 100
# Words a shortened slug gives up first: they carry no meaning of their own in a title.
# Compared with diacritics: folded, "trong" would also drop "trọng" (trọng tâm), "tu" the "tư" of
# "đầu tư", "ve" the "vệ" of "bảo vệ", "cho" the "chợ", "tai" the "tài" of "tài chính".
FILLER_WORDS = frozenset(
    [
        "các",
        "của",
        "và",
        "với",
        "về",
        "tại",
        "những",
        "đã",
        "được",
        "cho",
        "trong",
        "trên",
        "này",
        "là",
        "một",
        "để",
        "theo",
        "nhằm",
        "từ",
        "đến",
        "ở",
        "thì",
        "mà",
        "như",
    ]
)
# Words that name a number's kind ("lần thứ IV", "nhiệm kỳ 2025-2030", "khóa XII", "năm 2024"):
# kept together with the number they introduce.
NUMBER_WORDS = frozenset(["lan", "thu", "nhiem", "ky", "khoa", "nam", "giai", "doan", "dot", "quy", "thang", "so"])
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_TITLE_WORD = re.compile(r"[^\s,;:.!?()\[\]\"'“”]+")


# Memoised: a tag is slugified for its index, its link on every post and its page; common headings
# ("Kết quả", "Ý kiến chỉ đạo") recur across posts. Bounded, as `mkdocs serve` keeps the process.
@lru_cache(maxsize=16384)
def slugify(text: str, max_length: int = SLUG_MAX) -> str:
    """ASCII slug: "Hội nghị sơ kết" → "hoi-nghi-so-ket".

    A slug longer than `max_length` is shortened at word boundaries without losing what tells
    one post from the next: filler words ("các", "của", "và" …) go first, then words from the
    end of the title's middle, but never an ordinal ("lần thứ IV", "12"), a term ("2025-2030")
    or a year. `max_length=0` never shortens."""
    full = _slugify(_prefold(nfc(text)), save_order=True)
    if max_length <= 0 or len(full) <= max_length:
        return full
    return _shorten(text, full, max_length)


def _slug_tokens(text: str, full: str) -> list[tuple[str, bool, bool]]:
    """The slug's words, each with whether it must be kept (a number, a Roman ordinal, or a word
    that introduces one) and whether it is a filler word of the title (judged before folding)."""
    tokens: list[tuple[str, bool, bool]] = []
    for word in _TITLE_WORD.findall(nfc(text)):
        pieces = [t for t in _slugify(_prefold(word)).split("-") if t]
        numeric = bool(_ROMAN.match(word)) or any(t.isdigit() for t in pieces)
        filler = word.lower() in FILLER_WORDS
        tokens.extend((t, numeric and (t.isdigit() or bool(_ROMAN.match(word))), filler) for t in pieces)
    if "-".join(t for t, _, _ in tokens) != full:  # punctuation the word split saw differently
        tokens = [(t, t.isdigit(), False) for t in full.split("-")]
    kept = [keep for _, keep, _ in tokens]
    for index, (_token, keep, _filler) in enumerate(tokens):
        if not keep:
            continue
        back = index - 1
        while back >= 0 and index - back <= 2 and tokens[back][0] in NUMBER_WORDS:
            kept[back] = True
            back -= 1
    return [(token, kept[i], filler) for i, (token, _, filler) in enumerate(tokens)]


def _shorten(text: str, full: str, max_length: int) -> str:
    tokens = _slug_tokens(text, full)

    def length() -> int:
        return sum(len(t) for t, _, _ in tokens) + len(tokens) - 1

    for index in range(len(tokens) - 1, 0, -1):  # the first word stays: it starts the title
        if length() <= max_length:
            break
        _token, keep, filler = tokens[index]
        if not keep and filler:
            del tokens[index]
    while length() > max_length:
        droppable = [i for i, (_t, keep, _f) in enumerate(tokens) if not keep and i > 0]
        if not droppable:
            break
        del tokens[droppable[-1]]
    slug = "-".join(t for t, _, _ in tokens)
    if len(slug) > max_length:  # numbers alone longer than the limit: cut at a word boundary
        slug = slug[: max_length + 1].rsplit("-", 1)[0] if "-" in slug[:max_length] else slug[:max_length]
    return slug


@lru_cache(maxsize=16384)
def heading_slug(value: str, separator: str = "-") -> str:
    """`toc` extension slugify hook; same transliteration as URLs."""
    return _slugify(_prefold(nfc(value)), separator=separator)


def format_post_datetime(moment: datetime, with_time: bool) -> str:
    """ "Thứ Tư, 26/04/2023 14:00" (or without the time when the post gave none)."""
    local = moment.astimezone(VIETNAM_TZ)
    # What babel writes for "EEEE, dd/MM/yyyy HH:mm" (tests/unit/test_vi.py compares every day of two
    # centuries), with the weekday asked of babel once: babel per post was a third of planning pages.
    label = f"{_weekday_name(local.weekday())}, {local.day:02d}/{local.month:02d}/{local.year:04d}"
    return f"{label} {local.hour:02d}:{local.minute:02d}" if with_time else label


@lru_cache(maxsize=7)
def _weekday_name(weekday: int) -> str:
    """ "Thứ Hai" … "Chủ Nhật" for Monday (0) … Sunday (6), as babel's "EEEE" in Vietnamese."""
    monday = date(2024, 1, 1)
    return format_date(monday + timedelta(days=weekday), "EEEE", locale=LOCALE)


def format_short_date(moment: datetime) -> str:
    return moment.astimezone(VIETNAM_TZ).strftime("%d/%m/%Y")


def month_name(month: int) -> str:
    return f"Tháng {month}"


def now_in_vietnam() -> datetime:
    """The build's "now" in Vietnam time: what decides whether a scheduled post is due.
    SOURCE_DATE_EPOCH pins it (reproducible builds, tests that move the clock)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), VIETNAM_TZ) if epoch else datetime.now(VIETNAM_TZ)


def today_in_vietnam() -> date:
    """The build's "today" (for the "hôm nay" mark); SOURCE_DATE_EPOCH pins it for reproducible builds."""
    return now_in_vietnam().date()
