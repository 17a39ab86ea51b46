"""Front matter parsed by libyaml gives the same data, lines and messages as PyYAML's Python parser."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zoneportal.content.textfile import (
    LOADERS,
    PlainLoader,
    YamlSyntaxError,
    _load_composed_in_c,
    load_yaml,
    load_yaml_with,
)

DOCUMENTS = [
    "title: Hội nghị sơ kết\ndate: 2023-04-26 14:00\nauthor: le-minh-khoa\ncategories: [xay-dung-dang, tin]\n",
    "\ntitle: 'Có: dấu hai chấm'\ndate: 2023-02-30\ntags:\n  - Sơ kết\n  - Nghị quyết\nnumber: \"III\"\n",
    "gallery:\n  - src: a.jpg\n    caption: Toàn cảnh\n  - {src: b.jpg, caption: Đại biểu}\ndraft: true\n",
    "title: >\n  Một tiêu đề\n  gấp dòng\nsummary: |\n  Dòng một\n  Dòng hai\n# chú thích\nterm: 2020-2025\n",
    "author: a\nauthor: b\n",  # duplicate key: reported with its line
    "base: {name: Chi bộ}\nother: [{a: [b, {c: d}]}]\nlist: [1, 2.5, null, ~, yes, 0x1F]\n",
    "dang-bo:\n  terms:\n    - start: 2020\n      end: 2025\n      start_date: 2020-06-18\n",
    "",
    "# chỉ có chú thích\n",
    "- một\n- hai\n",
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_both_parsers_agree(text: str) -> None:
    fast, python = load_yaml_with(text, LOADERS[0]), load_yaml_with(text, PlainLoader)
    assert fast.data == python.data
    assert fast.lines == python.lines
    assert fast.duplicate_keys == python.duplicate_keys


def test_dates_stay_text() -> None:
    assert load_yaml("date: 2023-04-26 14:00\nday: 2023-02-30\n").data == {
        "date": "2023-04-26 14:00",
        "day": "2023-02-30",
    }


@pytest.mark.parametrize(
    "text",
    [
        "title: Tin\nauthor: [tac-gia-a\n",
        "title: Tin\n  bad: indent\n",
        "a: b: c\n",
        'title: "không đóng\n',
        "--- a\n--- b\n",
    ],
)
def test_errors_read_as_pyyaml_writes_them(text: str) -> None:
    with pytest.raises(YamlSyntaxError) as expected:
        load_yaml_with(text, PlainLoader)
    with pytest.raises(YamlSyntaxError) as found:
        load_yaml(text)
    assert (found.value.message, found.value.line) == (expected.value.message, expected.value.line)


def test_control_character_is_a_message_with_its_line() -> None:
    # A vertical tab, as pasted from a word processor: PyYAML refuses it before parsing.
    with pytest.raises(YamlSyntaxError) as found:
        load_yaml("title: Tin\nsummary: Dòng\x0bmột\n")
    assert found.value.line == 2
    assert "U+000B" in found.value.message


# Texts the C-composed path must refuse (None: the careful path decides) or load exactly as the careful one.
EDGE_DOCUMENTS = [
    *DOCUMENTS,
    "a: &x 1\nb: *x\n",  # anchors and aliases: always the careful path, which refuses them
    'a: "\\x0b"\n',  # an unprintable escape
    "<<: {a: 1}\nb: 2\n",  # a merge key
    "a: !!timestamp 2020-01-01\n",  # a type beyond the plain ones
    "a: !!binary aGVsbG8=\n",
    "? [a, b]\n: c\n",  # a key that is a list
    "a: 1\n---\nb: 2\n",  # two documents
    "a: [1, 2\n",  # a syntax error
    "x: " + "[" * 20 + "]" * 20 + "\n",  # 21 levels: one too deep
    "x: " + "[" * 19 + "]" * 19 + "\n",  # 20 levels: allowed
    "- " * 19 + "a\n",
    "1: a\n'1': b\ntrue: c\n~: d\n1.5: e\n",
    "v: 1:30\nf: 1.5e3\nh: 0x1F\no: 0o17\ny: Yes\nn: NULL\nd: 2023-04-26\n",
    "a: b\n  c\n",
    "plain\n",
]


def careful(text: str) -> tuple[object, ...] | str:
    """What the careful path (events composed in Python) gives: the document, or the message."""
    try:
        document = load_yaml_with(text, LOADERS[0])
    except YamlSyntaxError as exc:
        return exc.message
    return (document.data, document.lines, document.duplicate_keys)


@pytest.mark.skipif(len(LOADERS) < 2, reason="PyYAML without libyaml: there is no C composer")
@pytest.mark.parametrize("text", EDGE_DOCUMENTS)
def test_c_composed_documents_are_the_careful_ones(text: str) -> None:
    fast = _load_composed_in_c(text, LOADERS[0])
    expected = careful(text)
    if fast is not None:
        assert (fast.data, fast.lines, fast.duplicate_keys) == expected
    try:
        document = load_yaml(text)
    except YamlSyntaxError as exc:
        assert exc.message == expected
    else:
        assert (document.data, document.lines, document.duplicate_keys) == expected


@pytest.mark.skipif(len(LOADERS) < 2, reason="PyYAML without libyaml: there is no C composer")
def test_the_c_composer_takes_plain_front_matter_and_leaves_the_rest() -> None:
    assert _load_composed_in_c(DOCUMENTS[0], LOADERS[0]) is not None
    for text in ("a: &x 1\nb: *x\n", 'a: "\\x0b"\n', "<<: {a: 1}\n", "x: " + "[" * 20 + "]" * 20 + "\n"):
        assert _load_composed_in_c(text, LOADERS[0]) is None, text


_SCALAR_WORDS = st.sampled_from(
    ["a", "Hội nghị", "1", "1.5", "0x1F", "1:30", "yes", "no", "~", "null", "2023-04-26", "2023-04-26 14:00", "-", ""]
)


@st.composite
def yaml_texts(draw: st.DrawFn) -> str:
    """Small YAML texts from pieces staff write (and a few they should not)."""
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        key = draw(st.sampled_from(["title", "tags", "a", "1", "<<", "? x", "'q'", "date"]))
        shape = draw(st.sampled_from(["scalar", "flow", "block", "quoted", "nested", "tagged"]))
        word = draw(_SCALAR_WORDS)
        if shape == "scalar":
            lines.append(f"{key}: {word}")
        elif shape == "flow":
            lines.append(f"{key}: [{word}, {draw(_SCALAR_WORDS)}]")
        elif shape == "block":
            lines.append(f"{key}:\n  - {word}\n  - {draw(_SCALAR_WORDS)}")
        elif shape == "quoted":
            escape = draw(st.sampled_from(["x", "\\x0b", "\\t", "\\u00e9"]))
            lines.append(f'{key}: "{escape}"')
        elif shape == "nested":
            depth = draw(st.integers(1, 24))
            lines.append(f"{key}: " + "{k: " * depth + word + "}" * depth)
        else:
            lines.append(f"{key}: {draw(st.sampled_from(['!!str 1', '!!int 2', '!!float 1', '!!set {a}', '!x y']))}")
    return "\n".join(lines) + "\n"


@pytest.mark.skipif(len(LOADERS) < 2, reason="PyYAML without libyaml: there is no C composer")
@settings(max_examples=300, deadline=None)
@given(yaml_texts())
def test_c_composed_documents_are_the_careful_ones_property(text: str) -> None:
    fast = _load_composed_in_c(text, LOADERS[0])
    if fast is not None:
        assert (fast.data, fast.lines, fast.duplicate_keys) == careful(text)
