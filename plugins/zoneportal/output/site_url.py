"""Is `site_url` an address the public can reach? Canonical links, share links, feeds and the sitemap
are built from it, so a loopback or documentation address sends every reader to the wrong place."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

# Names reserved for documentation and testing (RFC 2606, RFC 6761) and loopback.
RESERVED_TLDS = {"localhost", "test", "example", "invalid", "local"}
LOOPBACK_NAMES = {"localhost", "0.0.0.0", "::", "::1"}


def site_url_problem(site_url: str | None) -> str | None:
    """Why `site_url` cannot be published (in Vietnamese), or None when it looks public."""
    if not site_url or not site_url.strip():
        return "mkdocs.yml chưa có site_url (địa chỉ công khai của cổng, ví dụ https://bqlkcn.thanhvan.gov.vn/)."
    parts = urlsplit(site_url.strip())
    host = (parts.hostname or "").lower().rstrip(".")
    if parts.scheme not in ("http", "https") or not host:
        return f"site_url '{site_url}' không phải địa chỉ web đầy đủ (cần dạng https://ten-mien/)."
    if host in LOOPBACK_NAMES or host.endswith(".localhost") or _is_loopback_ip(host):
        return (
            f"site_url '{site_url}' là địa chỉ của chính máy đang chạy (localhost/127.0.0.1): mọi liên kết chuẩn, "
            "liên kết chia sẻ, RSS và sitemap sẽ trỏ về máy của người đọc. Hãy đặt tên miền thật của cổng."
        )
    labels = host.split(".")
    if "example" in labels or labels[-1] in RESERVED_TLDS:
        return (
            f"site_url '{site_url}' là tên miền ví dụ ({host}), không ai truy cập được. "
            "Hãy đặt tên miền thật của cổng trong mkdocs.yml."
        )
    return None


def _is_loopback_ip(host: str) -> bool:
    """Browsers and resolvers also read the old short and numeric IPv4 forms (127.1, 2130706433, 0x7f.1,
    0) as addresses, and an IPv4-mapped IPv6 address (::ffff:127.0.0.1) is the IPv4 one."""
    try:
        address: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(host)
    except ValueError:
        try:
            address = ipaddress.IPv4Address(socket.inet_aton(host))
        except (OSError, ValueError):
            return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback or address.is_unspecified
