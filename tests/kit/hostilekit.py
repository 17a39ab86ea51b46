"""A project whose every registry field, site setting and legal setting holds markup, plus posts
whose bodies hold what a sanitiser must remove. Each injected element carries an id starting with
`INJECTED`: a page where such an element exists (in the DOM, or in the parsed HTML) was not escaped.
"""

from __future__ import annotations

import itertools
from html.parser import HTMLParser
from pathlib import Path

import yaml

from kit.sitekit import Project, make_project, post_text

INJECTED = "zp-injected"
_numbers = itertools.count()


def payload(field: str) -> str:
    """Markup that becomes an element in text, in a double- or single-quoted attribute, in a script."""
    n = next(_numbers)
    return (
        f'{field} <b id="{INJECTED}-{n}">b</b> "><i id="{INJECTED}-{n}q"></i> '
        f"'><i id='{INJECTED}-{n}s'></i> </script><i id=\"{INJECTED}-{n}t\"></i> <!-- "
        f'<img id="{INJECTED}-{n}img" src=x onerror="document.body.dataset.owned=\'{n}\'">'
    )


HOSTILE_BODY = """Đoạn mở đầu bình thường.

<script id="zp-injected-script">document.body.dataset.owned = "script";</script>

<iframe id="zp-injected-iframe" src="javascript:document.body.dataset.owned='iframe'"></iframe>

<img id="ok-img" src="x" onerror="document.body.dataset.owned='onerror'">

[liên kết](javascript:document.body.dataset.owned='link'){#zp-kept-jslink}

Đoạn có thuộc tính nguy hiểm.
{onclick="document.body.dataset.owned='attr'" id="zp-kept-attr-p"}

<svg id="zp-injected-svg" onload="document.body.dataset.owned='svg'"><circle r="4"/></svg>

<img id="zp-kept-remote" src="https://cdn.example.invalid/anh.png" alt="ảnh ngoài">

<img id="zp-kept-tab" src="/&#9;/cdn.example.invalid/tab.png" alt="ảnh ngoài, tab trong địa chỉ">

<a id="zp-kept-hook" class="zp-lightbox" href="#zp-kept-hook" data-zp-copy="https://cdn.example.invalid/"
   data-title="&lt;img id=zp-injected-glightbox src=x
   onerror=&quot;document.body.dataset.owned='glightbox'&quot;&gt;">ảnh</a>

<object id="zp-injected-object" data="https://cdn.example.invalid/x.swf"></object>

<pre class="mermaid"><code>graph LR; A-->B</code></pre>

| Cột | Giá trị |
|:----|--------:|
| a   | 1       |

<details><summary>Xem thêm</summary>Nội dung gập.</details>
"""

MERMAID_BODY = """Sơ đồ quy trình:

```mermaid
graph TD
  A[Tiếp nhận] --> B[Xử lý]
```
"""


def hostile_project(root: Path) -> Project:
    settings = {
        "site_name": payload("site_name"),
        "site_description": payload("site_description"),
        "site_author": payload("site_author"),
        "copyright": payload("copyright"),
        "markdown_extensions": [
            "attr_list",
            "md_in_html",
            "tables",
            {
                "pymdownx.superfences": {
                    "custom_fences": [
                        {
                            "name": "mermaid",
                            "class": "mermaid",
                            "format": "!!python/name:pymdownx.superfences.fence_code_format",
                        }
                    ]
                }
            },
        ],
    }
    legal = {
        name: payload(f"legal.{name}")
        for name in ("agency", "governing_body", "responsible", "address", "phone", "email", "licence")
    }
    project = make_project(root, plugin_options={"legal": legal, "workers": 1}, **settings)
    # The fence format is a Python name: write that one line by hand, not through safe_dump.
    text = project.config_path().read_text(encoding="utf-8")
    text = text.replace(
        "'!!python/name:pymdownx.superfences.fence_code_format'", "!!python/name:pymdownx.superfences.fence_code_format"
    )
    project.config_path().write_text(text, encoding="utf-8")
    authors = {
        "tac-gia-a": {"name": payload("author.name"), "role": payload("author.role"), "unit": payload("author.unit")}
    }
    categories = {"tin-hoat-dong": {"name": payload("category.name"), "description": payload("category.description")}}
    committees = {
        "dang-uy": {
            "name": payload("committee.name"),
            "level": payload("committee.level"),
            "short_name": payload("committee.short_name"),
            "description": payload("committee.description"),
            "terms": [{"start": 2020, "end": 2025, "congress": payload("term.congress")}],
        }
    }
    events = {"dai-hoi": {"name": payload("event.name"), "short": payload("event.short"), "highlight": True}}
    for name, data in (
        ("authors", authors),
        ("categories", categories),
        ("committees", committees),
        ("events", events),
    ):
        project.write(f"posts/{name}.yml", yaml.safe_dump(data, allow_unicode=True))
    post = {
        "categories": ["tin-hoat-dong"],
        "tags": [payload("tag")],
        "summary": payload("summary"),
        "event": "dai-hoi",
        "number": "<b>III",
    }
    project.write(
        "posts/2023/doc-hai/index.md",
        post_text(title=payload("title"), date="2023-04-26 08:00", body=HOSTILE_BODY, **post),
    )
    project.write("posts/2023/so-do.md", post_text(title="Sơ đồ quy trình", date="2023-05-02 08:00", body=MERMAID_BODY))
    project.write("docs/so-do-tai-lieu.md", "# Sơ đồ\n\n" + MERMAID_BODY)
    return project


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.injected: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value and value.startswith(INJECTED):
                self.injected.append(f"<{tag} id={value}>")
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if name in ("href", "src") and value and value.strip().lower().startswith("javascript:"):
                self.handlers.append(f"<{tag} {name}={value[:30]}>")


def injected_elements(html: str) -> list[str]:
    """Elements an attacker's text created, and event handlers or javascript: URLs anywhere."""
    parser = _Ids()
    parser.feed(html)
    return parser.injected + parser.handlers
