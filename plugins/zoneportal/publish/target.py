"""TARGET of `zoneportal publish`: `user@host:/path` over SSH, anything else a local folder."""

from __future__ import annotations

import re
from pathlib import Path

from .hosts import Host, LocalHost, PublishError
from .remote import RemoteHost

REMOTE = re.compile(r"^(?P<login>(?:[A-Za-z0-9._-]+@)?[A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(?P<path>/.*)$")


def open_target(target: str) -> Host:
    match = REMOTE.match(target)
    if match:
        return RemoteHost(match.group("login"), match.group("path"))
    if ":" in target.split("/", 1)[0] and not Path(target).exists():
        raise PublishError(
            f"'{target}' không rõ là thư mục hay máy chủ; máy chủ viết dạng nguoi-dung@may-chu:/duong/dan."
        )
    folder = Path(target).expanduser().resolve()
    if folder.exists() and not folder.is_dir():
        raise PublishError(f"{folder} là một tệp, không phải thư mục: hãy chọn thư mục web để đăng vào.")
    return LocalHost(folder)
