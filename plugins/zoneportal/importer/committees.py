"""Which party organisation an article is about: "Đảng bộ …", "Đảng ủy …", "Chi bộ …".

A name runs from the level words over capitalised words (proper nouns: "Ban Quản lý", "Thanh Vân")
and the common words of organisation names ("các khu công nghiệp", "và chế xuất", "tỉnh"), and
stops at punctuation or at any other word ("tổ chức", "lần thứ", "nhiệm kỳ"). The article's
organisation is the name the title gives, completed by the longest spelling of it in the body
("Đảng bộ Ban Quản lý Khu kinh tế tỉnh" → "… tỉnh Thanh Vân"); without one in the title, the
name the body supports most, counting every shorter mention of it ("Đảng ủy Ban Quản lý").
"Đảng ủy X" (the executive) and "Đảng bộ X" (the organisation) are one organisation.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .folding import fold

_WORD = re.compile(r"\w+(?:&\w+)*")
_LEVELS = {("dang", "bo"): "Đảng bộ", ("dang", "uy"): "Đảng ủy", ("chi", "bo"): "Chi bộ", ("chi", "uy"): "Chi bộ"}
_SAME_ORGANISATION = {"uy": "bo"}
# Lower-case words and phrases that organisation names are made of; for department names
# ("Phòng Quản lý môi trường") nouns only, never a verb such as "tổ chức" or "xây dựng".
_PHRASE_LIST = (
    "ban quan ly, quan ly, khu cong nghiep, khu kinh te, khu che xuat, khu cong nghe cao, cong nghe cao, "
    "cum cong nghiep, che xuat, cong nghiep, kinh te, co quan, van phong, doanh nghiep, nha nuoc, thanh pho, "
    "thi xa, dau tu, ha tang, cong ty, trung tam, phat trien, chi cuc, hanh chinh, dich vu, xuat nhap khau, "
    "khu vuc, moi truong, lao dong, tong hop, ke hoach, tai chinh, ke toan, quy hoach, dat dai, can bo, "
    "nghiep vu, thanh tra, phap che, thong tin"
)
_PHRASES = tuple(tuple(phrase.split()) for phrase in _PHRASE_LIST.split(", "))
# Looked up by their first word: each word of a name is tried against a handful, not all of them.
_PHRASES_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {}
for _phrase in _PHRASES:
    _PHRASES_BY_FIRST[_phrase[0]] = (*_PHRASES_BY_FIRST.get(_phrase[0], ()), _phrase)
_SINGLES = {"cac", "va", "tinh", "khoi", "khu", "phong", "ban", "cum", "so", "huyen"}
_TRAILING = {"cac", "va", "so", "cua"}
_TITLE_WEIGHT = 5


@dataclass(frozen=True)
class CommitteeMention:
    name: str
    level: str
    # Folded words with "Đảng ủy" read as "Đảng bộ": equal keys are one organisation.
    key: tuple[str, ...]


def committee_key(name: str) -> tuple[str, ...]:
    words = tuple(fold(w) for w in _WORD.findall(name))
    if len(words) >= 2 and (words[0], words[1]) in _LEVELS:
        return (words[0], _SAME_ORGANISATION.get(words[1], words[1]), *words[2:])
    return words


def find_committee(title: str, body: Sequence[str]) -> CommitteeMention | None:
    in_title = mentions(title)
    in_body = [m for line in body for m in mentions(line)]
    if not in_title and not in_body:
        return None
    weighted = [(m, _TITLE_WEIGHT) for m in in_title] + [(m, 1) for m in in_body]
    # Weight of each distinct name: a candidate's support is the weight of every name that is a
    # prefix of it. Summed per distinct key (a name has a few dozen words at most), so the cost
    # grows with the number of mentions, not with its square (a long export names its
    # organisation in every paragraph).
    weights: Counter[tuple[str, ...]] = Counter()
    for m, weight in weighted:
        weights[m.key] += weight
    supports: dict[tuple[str, ...], int] = {}

    def support(candidate: CommitteeMention) -> int:
        key = candidate.key
        if key not in supports:
            supports[key] = sum(weights.get(key[:length], 0) for length in range(1, len(key) + 1))
        return supports[key]

    if in_title:
        # The title's own name, completed by the best-supported longer spelling of it in the body.
        base = max(in_title, key=lambda m: (support(m), len(m.key)))
        longer = [m for m in in_body if m.key[: len(base.key)] == base.key and len(m.key) > len(base.key)]
        pool = [base, *longer]
    else:
        pool = in_body
    best = max(pool, key=lambda m: (support(m), len(m.key)))
    # Spell it as the article does most often (a title in capitals is no guide).
    spellings = [m for m, _ in weighted if m.key == best.key and not m.name.isupper()] or [best]
    counts = Counter(m.name for m in spellings)
    return max(spellings, key=lambda m: counts[m.name])


def mentions(text: str) -> list[CommitteeMention]:
    """Every organisation name in one line, in order."""
    words = list(_WORD.finditer(text))
    folded = [fold(w[0]) for w in words]
    found = []
    index = 0
    while index < len(words) - 1:
        level = _LEVELS.get((folded[index], folded[index + 1]))
        if level is None or not _joined(text, words, index, index + 1):
            index += 1
            continue
        end = _name_end(text, words, folded, index + 2)
        while end > index + 2 and folded[end - 1] in _TRAILING:
            end -= 1
        if end > index + 2:
            name = text[words[index].start() : words[end - 1].end()]
            name = name[:1].upper() + name[1:]
            found.append(CommitteeMention(name, level, committee_key(name)))
        index = max(end, index + 2)
    return found


def _name_end(text: str, words: list[re.Match[str]], folded: list[str], start: int) -> int:
    index = start
    while index < len(words) and _joined(text, words, index - 1, index):
        phrase = next(
            (
                p
                for p in _PHRASES_BY_FIRST.get(folded[index], ())
                if tuple(folded[index : index + len(p)]) == p and _joined_run(text, words, index, len(p))
            ),
            None,
        )
        if phrase is not None:
            index += len(phrase)
        elif folded[index - 1] == "va" and folded[index] not in _SINGLES:
            break  # "… Thanh Vân và Quyết định …": after "và" only name words continue a name
        elif words[index][0][:1].isupper() or folded[index] in _SINGLES or folded[index].isdigit():
            index += 1
        else:
            break
    return index


def _joined(text: str, words: list[re.Match[str]], left: int, right: int) -> bool:
    """Only spaces between two words: punctuation ends a name."""
    return not text[words[left].end() : words[right].start()].strip()


def _joined_run(text: str, words: list[re.Match[str]], start: int, length: int) -> bool:
    return all(_joined(text, words, i, i + 1) for i in range(start, start + length - 1))
