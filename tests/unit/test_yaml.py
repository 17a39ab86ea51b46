"""Front matter parsed by libyaml gives the same data, lines and messages as PyYAML's Python parser."""

from __future__ import annotations

import pytest

from zoneportal.content.textfile import LOADERS, PlainLoader, YamlSyntaxError, load_yaml, load_yaml_with

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
