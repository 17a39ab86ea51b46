"""Titles typed in capitals ("HỘI NGHỊ SƠ KẾT …"): read back in the spelling the article itself uses.

Lower-casing alone would lose proper nouns ("Đảng", "Ban Quản lý", "Thanh Vân"). The body almost
always spells the same phrases, so each run of title words takes the casing of the longest phrase
the body writes with the same words; words the body never uses are lower-cased, except acronyms
and Roman numerals ("KCN", "III"), which stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .folding import fold

_WORD = re.compile(r"\w+(?:[&'’]\w+)*")
_SENTENCE_END = re.compile(r"[.!?…:]\s*$")
_ROMAN = re.compile(r"^[IVXLC]+$")
_LONGEST_PHRASE = 12


def is_all_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 8 and len(text.split()) >= 2 and sum(ch.isupper() for ch in letters) / len(letters) > 0.8


def recase_title(title: str, body: Iterable[str]) -> str:
    words = list(_WORD.finditer(title))
    spellings = _body_spellings(body, {w[0].lower() for w in words})
    cased: list[str] = []
    index = 0
    while index < len(words):
        for length in range(min(_LONGEST_PHRASE, len(words) - index), 0, -1):
            key = tuple(w[0].lower() for w in words[index : index + length])
            spelling = spellings.get(key)
            if spelling is not None:
                cased.extend(spelling)
                index += length
                break
        else:
            cased.append(_unknown_word(words[index][0]))
            index += 1
    out = list(title)
    for match, word in zip(words, cased, strict=True):
        out[match.start() : match.end()] = [word] + [""] * (match.end() - match.start() - 1)
    text = "".join(out)
    return text[:1].upper() + text[1:]


def _unknown_word(word: str) -> str:
    if _ROMAN.match(word) or not re.search(r"[aeiouy]", fold(word)):
        return word  # an acronym or a numeral: KCN, UBND, III
    return word.lower()


def _body_spellings(body: Iterable[str], wanted: set[str]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Lower-cased phrase of title words → its spelling in the body. At the start of a sentence any
    word is capitalised, so such a spelling is lower-cased (unless another word of it is capitalised,
    as in a name) and replaced as soon as the body offers the phrase from mid-sentence."""
    spellings: dict[tuple[str, ...], tuple[str, ...]] = {}
    initial: set[tuple[str, ...]] = set()
    for line in body:
        tokens = []
        for match in _WORD.finditer(line):
            before = line[: match.start()].rstrip()
            tokens.append((match[0], not before or before[-1] in ".!?…:"))
        for start in range(len(tokens)):
            at_start = tokens[start][1]
            for end in range(start + 1, min(start + _LONGEST_PHRASE, len(tokens)) + 1):
                if tokens[end - 1][0].lower() not in wanted:
                    break
                phrase = tuple(t for t, _ in tokens[start:end])
                key = tuple(t.lower() for t in phrase)
                if key in spellings and not (key in initial and not at_start):
                    continue
                if at_start and not any(word[:1].isupper() for word in phrase[1:]):
                    phrase = (phrase[0].lower(), *phrase[1:])
                spellings[key] = phrase
                if at_start:
                    initial.add(key)
                else:
                    initial.discard(key)
    return spellings
