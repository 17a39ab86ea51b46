"""An invented WordPress portal's export (WXR 1.2) and its uploads folder, written in code."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from kit.photokit import photo

SITE = "https://dangbo-kcn.example"


@dataclass
class WpPost:
    post_id: int
    title: str
    slug: str
    date: str  # wp:post_date, the site's local time
    content: str
    creator: str = "bientap"
    status: str = "publish"
    kind: str = "post"
    categories: tuple[str, ...] = ("Tin hoạt động",)
    tags: tuple[str, ...] = ()

    @property
    def link(self) -> str:
        return f"{SITE}/{self.date[:4]}/{self.date[5:7]}/{self.slug}/"


@dataclass
class WpExport:
    posts: list[WpPost] = field(default_factory=list)
    attachments: dict[int, str] = field(default_factory=dict)  # id → path under uploads/

    def xml(self) -> str:
        items = []
        for post in self.posts:
            categories = "".join(
                f'<category domain="category" nicename="c{n}"><![CDATA[{name}]]></category>'
                for n, name in enumerate(post.categories)
            ) + "".join(
                f'<category domain="post_tag" nicename="t{n}"><![CDATA[{name}]]></category>'
                for n, name in enumerate(post.tags)
            )
            items.append(
                f"<item><title>{escape(post.title)}</title><link>{post.link}</link>"
                f"<dc:creator><![CDATA[{post.creator}]]></dc:creator>"
                f"<content:encoded><![CDATA[{post.content}]]></content:encoded>"
                f"<wp:post_id>{post.post_id}</wp:post_id><wp:post_date><![CDATA[{post.date}]]></wp:post_date>"
                f"<wp:post_name><![CDATA[{post.slug}]]></wp:post_name><wp:status><![CDATA[{post.status}]]></wp:status>"
                f"<wp:post_type><![CDATA[{post.kind}]]></wp:post_type>{categories}</item>"
            )
        for number, path in self.attachments.items():
            items.append(
                f"<item><title>anh {number}</title><wp:post_id>{number}</wp:post_id>"
                f"<wp:post_type><![CDATA[attachment]]></wp:post_type>"
                f"<wp:attachment_url><![CDATA[{SITE}/wp-content/uploads/{path}]]></wp:attachment_url></item>"
            )
        return (
            '<?xml version="1.0" encoding="UTF-8" ?>\n'
            '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Đảng bộ KCN</title>'
            "<wp:wxr_version>1.2</wp:wxr_version>"
            "<wp:author><wp:author_login><![CDATA[bientap]]></wp:author_login>"
            "<wp:author_display_name><![CDATA[Phạm Thu Trang]]></wp:author_display_name></wp:author>"
            + "".join(items)
            + "</channel></rss>\n"
        )


BODY = (
    "Ngày 08/3/2023, Chi bộ Phòng Quản lý doanh nghiệp tổ chức Hội nghị sơ kết công tác quý I, nhiệm kỳ "
    "2020-2025 với sự tham dự của toàn thể đảng viên."
)


def sample_export(root: Path) -> tuple[Path, Path, WpExport]:
    """export.xml and uploads/ under root; returns their paths and the export."""
    uploads = root / "uploads"
    (uploads / "2023/03").mkdir(parents=True)
    (uploads / "2023/03/so-ket-quy-1.jpg").write_bytes(photo((800, 600), gps=True))
    export = WpExport(attachments={41: "2023/03/so-ket-quy-1.jpg"})
    first = WpPost(
        12,
        "Chi bộ Phòng Quản lý doanh nghiệp sơ kết quý I",
        "chi-bo-so-ket-quy-1",
        "2023-03-09 15:30:00",
        f"{BODY}\n\n"
        f'[caption id="attachment_41" align="aligncenter" width="300"]<img src="{SITE}/wp-content/uploads/'
        '2023/03/so-ket-quy-1-300x225.jpg" alt="" width="300" height="225" /> Quang cảnh hội nghị sơ kết[/caption]\n\n'
        "Hội nghị thống nhất <strong>ba nhiệm vụ trọng tâm</strong> cho quý II.\n"
        "Dòng thứ hai của đoạn này.\n\n"
        f'<img src="{SITE}/wp-content/uploads/2023/03/khong-co.jpg" alt="Ảnh chưa có trong thư mục" />',
        categories=("Tin hoạt động", "Xây dựng Đảng"),
        tags=("Sơ kết", "Quý I"),
    )
    second = WpPost(
        15,
        "Kết quả thực hiện nghị quyết quý I",
        "ket-qua-quy-1",
        "2023-04-02 09:00:00",
        'Tiếp theo <a href="' + first.link + '">hội nghị sơ kết</a>, chi bộ đã triển khai kế hoạch quý II '
        "với nhiều việc làm cụ thể cho từng đảng viên.",
        categories=("Tin hoạt động",),
    )
    export.posts = [
        first,
        second,
        WpPost(20, "Giới thiệu", "gioi-thieu", "2020-01-01 08:00:00", "Trang giới thiệu của Đảng bộ.", kind="page"),
        WpPost(21, "Bài còn nháp", "nhap", "2023-05-01 08:00:00", "Bài viết còn đang soạn thảo dở.", status="draft"),
    ]
    xml = root / "export.xml"
    xml.write_text(export.xml(), encoding="utf-8")
    return xml, uploads, export
