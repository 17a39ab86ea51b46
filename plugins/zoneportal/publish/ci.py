"""`zoneportal init-ci gitlab|github|forgejo`: puts the shipped CI definition (deploy/ci/) where the
board's git host looks for it."""

from __future__ import annotations

import shutil
from pathlib import Path

DEPLOY_DIR = Path(__file__).resolve().parents[3] / "deploy"
# forge -> (template in deploy/ci/, where the forge reads it in the repository)
CI_TEMPLATES = {
    "gitlab": ("gitlab-ci.yml", ".gitlab-ci.yml"),
    "github": ("github.yml", ".github/workflows/zoneportal.yml"),
    "forgejo": ("forgejo.yml", ".forgejo/workflows/zoneportal.yml"),
}


def init_ci_command(forge: str, project_root: Path, *, force: bool = False) -> int:
    template_name, destination = CI_TEMPLATES[forge]
    template = DEPLOY_DIR / "ci" / template_name
    if not template.is_file():
        print(f"Lỗi: không tìm thấy mẫu {template} (cần bản sao đầy đủ của kho zoneportal, có thư mục deploy/).")
        return 2
    target = project_root / destination
    if target.exists() and not force:
        print(f"Lỗi: {destination} đã có; không ghi đè. Thêm --force nếu muốn thay bằng mẫu của zoneportal.")
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, target)
    print(f"Đã chép {template.relative_to(DEPLOY_DIR.parent)} thành {destination}.")
    print(
        "Việc còn lại trên trang quản trị của kho: khai báo biến ZONEPORTAL_TARGET (thư mục web hoặc "
        "nguoi-dung@may-chu:/duong/dan), và nếu đăng qua SSH thì SSH_PRIVATE_KEY và SSH_KNOWN_HOSTS; "
        "tạo lịch chạy 15 phút một lần nếu nơi đặt kho không tự đọc lịch trong tệp (GitLab). "
        'Xem mục "Đưa lên mạng" trong README.md.'
    )
    return 0
