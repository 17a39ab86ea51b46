"""Broken YAML is explained in Vietnamese: no libyaml English reaches staff, and the line is right."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zoneportal.content.textfile import LOADERS, YamlSyntaxError, load_yaml_with

# libyaml's wording, which must never reach staff.
ENGLISH = re.compile(r"\b(found|expected|while|scanning|parsing|character|mapping|token|stream)\b")


@pytest.mark.parametrize("loader", LOADERS, ids=lambda c: c.__name__)
@pytest.mark.parametrize(
    ("text", "expected", "line"),
    [
        ("title: Bài\n\tdate: 2024-01-02\n", "Tab", 2),
        ("body: |\n\tdòng có Tab\n", "Tab", 2),
        ("categories: [a, b\n", "ngoặc vuông", 1),
        ("x: {a: 1\n", "ngoặc nhọn", 1),
        ("title: 'Chưa đóng\n", "nháy đóng", 1),
        ('title: "Chưa đóng\n', "nháy đóng", 1),
        ("title: Đại hội: nhiệm kỳ mới\n", "hai chấm", 1),
        ("categories:\n- a\nb- c\n", "hai chấm", 3),
        ("categories:\n  - a\n  b\n", "danh sách", 3),
        ("author: a\n committee: b\n", "thụt lề sai", 2),
        ("author:\n  name: a\n   x: b\n", "thụt lề sai", 3),
        ("a:\n  b: 1\n c: 2\n", "thẳng cột", 3),
        ("title: @ban-quan-ly\n", "nháy kép", 1),
        ("title: `lệnh`\n", "nháy kép", 1),
        ("[a, b]]\n", "thừa", 1),
        ('title: "a \\q b"\n', "ký tự '\\'", 1),
    ],
)
def test_libyaml_problems_read_in_vietnamese(loader: type, text: str, expected: str, line: int) -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        load_yaml_with(text, loader)
    message = caught.value.message
    assert expected in message, message
    assert not ENGLISH.search(message), message
    assert caught.value.line == line


YAMLISH = st.text(alphabet=list("ab: -\t\n'\"[]{}#&*!|>%@`,?\\đĐ"), max_size=60)


@settings(max_examples=300, deadline=None)
@given(YAMLISH)
def test_no_broken_text_is_explained_in_english(text: str) -> None:
    for loader in LOADERS:
        try:
            load_yaml_with(text, loader)
        except YamlSyntaxError as error:
            assert not ENGLISH.search(error.message), (text, error.message)
            assert error.line is None or 1 <= error.line <= max(1, len(text.splitlines()))
