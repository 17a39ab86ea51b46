"""Where the web editor reads and writes posts: a git server (OAuth with PKCE, no secret in the site) or
decap-server on the staff member's own machine (`make edit`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

DEFAULT_LOCAL_URL = "http://127.0.0.1:8081/api/v1"


class BackendKind(StrEnum):
    GITEA = "gitea"
    FORGEJO = "forgejo"
    GITLAB = "gitlab"
    GITHUB = "github"
    LOCAL = "local"


# Decap CMS 3.16 runs its editorial workflow (a branch and a pull/merge request per post) on these; its
# `gitea` backend refuses `publish_mode: editorial_workflow`, and the local proxy writes straight into posts/.
WORKFLOW_KINDS = frozenset({BackendKind.FORGEJO, BackendKind.GITLAB, BackendKind.GITHUB})


class BackendError(ValueError):
    """A backend configuration the editor cannot work with (message in Vietnamese, for mkdocs.yml)."""


@dataclass(frozen=True)
class EditorBackend:
    kind: BackendKind = BackendKind.LOCAL
    repo: str = ""  # owner/name on the git server
    base_url: str = ""  # root of the git server, e.g. https://git.banquanly.example.vn
    api_root: str = ""  # defaults to the server's usual API path under base_url
    app_id: str = ""  # the OAuth application's client id (public: PKCE needs no secret)
    branch: str = "main"
    local_url: str = DEFAULT_LOCAL_URL  # decap-server's API (backend: local)

    @property
    def workflow(self) -> bool:
        """Drafts go through Nháp → Chờ duyệt → Sẵn sàng đăng on the server (otherwise `draft: true` stands in)."""
        return self.kind in WORKFLOW_KINDS

    def check(self) -> None:
        if self.kind is BackendKind.LOCAL:
            return
        where = f"mục editor của zoneportal trong mkdocs.yml (backend: {self.kind.value})"
        if "/" not in self.repo.strip("/"):
            raise BackendError(f"{where}: cần 'repo' dạng chủ-sở-hữu/tên-kho, ví dụ ban-quan-ly/cong-thong-tin.")
        if self.kind is not BackendKind.GITHUB and not self.base_url:
            raise BackendError(f"{where}: cần 'base_url', địa chỉ máy chủ git, ví dụ https://git.banquanly.vn.")
        if self.kind is not BackendKind.GITHUB and not self.app_id:
            raise BackendError(f"{where}: cần 'app_id', mã ứng dụng OAuth (Client ID) tạo trên máy chủ git.")

    def decap(self) -> dict[str, object]:
        """The `backend:` block of Decap CMS's config.yml."""
        base = self.base_url.rstrip("/")
        if self.kind is BackendKind.LOCAL:
            return {"name": "proxy", "proxy_url": self.local_url, "branch": self.branch}
        block: dict[str, object] = {"name": self.kind.value, "repo": self.repo.strip("/"), "branch": self.branch}
        if self.kind in (BackendKind.GITEA, BackendKind.FORGEJO):
            block |= {"base_url": base, "api_root": self.api_root or f"{base}/api/v1", "app_id": self.app_id}
        elif self.kind is BackendKind.GITLAB:
            block |= {
                "auth_type": "pkce",
                "base_url": base,
                "api_root": self.api_root or f"{base}/api/v4",
                "app_id": self.app_id,
            }
        else:  # GitHub has no browser-only PKCE login: base_url is the board's own OAuth relay, which keeps the secret.
            if base:
                block["base_url"] = base
            if self.api_root:
                block["api_root"] = self.api_root
        return block
