"""The post-body allowlist (nh3): what staff write stays, what runs or fetches from elsewhere goes."""

from __future__ import annotations

import pytest

from zoneportal.pages.body_html import BodyPolicy, clean_body_html, without_mermaid

KEPT = [
    "<table>\n<thead>\n<tr>\n<th>Cột</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table>",
    '<p><img alt="Hội nghị" src="anh/hoi-nghi.jpg" title="Ảnh" width="640" height="427" loading="lazy"></p>',
    '<p><a href="https://chinhphu.vn/van-ban" title="Văn bản">văn bản</a> và <a href="mailto:a@b.vn">thư</a></p>',
    '<h2 id="muc-1">Mục 1<a class="headerlink" href="#muc-1" title="Permanent link">¶</a></h2>',
    '<ul>\n<li>một</li>\n</ul>\n<ol start="3">\n<li>ba</li>\n</ol>',
    '<figure><img src="a.jpg" alt="a"><figcaption>Chú thích</figcaption></figure>',
    '<details open=""><summary>Xem thêm</summary><p>Nội dung</p></details>',
    '<picture><source srcset="a-480.webp 480w, a-960.webp 960w" sizes="100vw" type="image/webp">'
    '<img src="a.jpg" alt=""></picture>',
    '<div class="admonition note"><p class="admonition-title">Lưu ý</p><p>x</p></div>',
    '<p><img src="data:image/png;base64,iVBORw0KGgo=" alt="chấm"></p>',
    '<div data-gallery="bai-viet">x</div>',
    '<table><tbody><tr><td style="text-align:right">1</td></tr></tbody></table>',
    '<pre><code class="language-python">print(1)</code></pre>',
]


@pytest.mark.parametrize("html", KEPT)
def test_what_staff_write_is_kept(html: str) -> None:
    assert clean_body_html(html) == html


@pytest.mark.parametrize(
    ("html", "gone"),
    [
        ("<script>alert(1)</script><p>x</p>", "alert"),
        ('<p onclick="alert(1)">x</p>', "onclick"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">x</a>', "javascript"),
        ('<a href=" JaVaScRiPt:alert(1)">x</a>', "alert"),
        ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "data:"),
        ('<iframe src="javascript:alert(1)"></iframe>', "iframe"),
        ('<iframe src="https://www.youtube.com/embed/x"></iframe>', "iframe"),
        ('<svg onload="alert(1)"><circle r="1"></circle></svg>', "svg"),
        ('<object data="x.swf"></object><embed src="x.swf">', "x.swf"),
        ('<img src="https://cdn.example/a.png">', "cdn.example"),
        ('<img src="//cdn.example/a.png">', "cdn.example"),
        ('<img src="\\\\cdn.example/a.png">', "cdn.example"),
        ('<img src="a.jpg" srcset="a.jpg 1x, https://cdn.example/b.jpg 2x">', "cdn.example"),
        ('<video src="v.mp4" poster="https://cdn.example/p.jpg"></video>', "cdn.example"),
        ('<a href="data:image/png;base64,AAAA">x</a>', "data:"),
        ('<p style="background:url(https://cdn.example/x)">x</p>', "cdn.example"),
        ("<style>p{background:url(https://cdn.example/x)}</style>", "cdn.example"),
        ('<link rel="stylesheet" href="https://cdn.example/x.css">', "cdn.example"),
        ('<form action="https://evil.example/"><input type="text" name="q"></form>', "evil.example"),
        ('<pre class="mermaid"><code>graph TD</code></pre>', "mermaid"),
        ('<div id="__drawer">x</div>', "__drawer"),
        ('<div data-md-component="search">x</div>', "data-md"),
        ("<!-- <script>alert(1)</script> -->", "alert"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "evil.example"),
        ('<base href="https://evil.example/">', "evil.example"),
        # The browser drops tabs and newlines inside a URL and control characters at its ends.
        ('<img src="/&#9;/evil.example/a.png">', "evil.example"),
        ('<img src="/\n/evil.example/a.png">', "evil.example"),
        ('<img src="&#1;//evil.example/a.png">', "evil.example"),
        ('<video src="v.mp4" poster="/\r\n/evil.example/p.jpg"></video>', "evil.example"),
        ('<a href="da&#9;ta:text/html,x">x</a>', "data:"),
        # Our scripts' hooks: GLightbox writes a .zp-lightbox link's data-title with innerHTML.
        ('<a class="zp-lightbox" href="a.jpg" data-title="&lt;img src=x onerror=alert(1)&gt;">x</a>', "zp-lightbox"),
        ('<p data-zp-copy="https://evil.example/">x</p>', "evil.example"),
    ],
)
def test_what_runs_or_fetches_from_elsewhere_is_dropped(html: str, gone: str) -> None:
    assert gone.lower() not in clean_body_html(html).lower()


def test_iframes_only_from_allowed_hosts_over_https() -> None:
    policy = BodyPolicy(iframe_hosts=frozenset({"www.youtube.com"}))
    kept = '<iframe src="https://www.youtube.com/embed/abc" width="560" height="315" title="Video"></iframe>'
    assert clean_body_html(kept, policy) == kept
    for src in (
        "https://evil.example/",
        "http://www.youtube.com/embed/abc",
        "javascript:alert(1)",
        "https://www.youtube.com.evil.example/",
    ):
        assert "src=" not in clean_body_html(f'<iframe src="{src}"></iframe>', policy)


def test_pages_not_sanitised_still_lose_mermaid() -> None:
    assert without_mermaid('<pre class="mermaid big"><code>x</code></pre>') == '<pre class="big"><code>x</code></pre>'
    assert without_mermaid('<pre class="language-python">') == '<pre class="language-python">'
