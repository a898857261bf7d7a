"""The demo users, one per role."""

from __future__ import annotations

from dataclasses import dataclass

from daotao.core.access import Role
from daotao.demo.planning import Planned


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    sees: str
    unit: str = ""
    agency: str = ""
    is_staff: bool = False
    person: tuple[str, int] | None = None  # (unit or agency, index among its people)


COORDINATED_AGENCY = "Đảng ủy phường Hạc Thành"
DEMO_USERS = [
    DemoUser(
        "quantri",
        Role.ADMINISTRATOR,
        "Toàn trường; trang quản trị, tài khoản và phân quyền",
        is_staff=True,
    ),
    DemoUser(
        "bgh",
        Role.LEADERSHIP,
        "Toàn trường: xem mọi phân hệ, phê duyệt kế hoạch, ký văn bản",
    ),
    DemoUser(
        "daotao",
        Role.TRAINING_OFFICE,
        "Kế hoạch, tuyển sinh, xếp lịch giảng, giờ chuẩn, văn bằng",
        unit="QLĐT",
    ),
    DemoUser(
        "truongkhoa",
        Role.FACULTY_HEAD,
        "Khoa Xây dựng Đảng; giảng viên, lịch giảng, giờ chuẩn",
        unit="XDĐ",
        person=("XDĐ", 0),
    ),
    DemoUser(
        "giangvien",
        Role.LECTURER,
        "Lịch giảng và giờ chuẩn của mình",
        unit="XDĐ",
        person=("XDĐ", 2),
    ),
    DemoUser(
        "chunhiem",
        Role.HOMEROOM_LECTURER,
        "Lịch giảng, giờ chuẩn; chủ nhiệm lớp K63A",
        unit="LLCS",
        person=("LLCS", 2),
    ),
    DemoUser(
        "hocvien",
        Role.LEARNER,
        "Lịch học của lớp K63A",
        person=("UBND xã Thọ Xuân", -2),
    ),
    DemoUser(
        "coquan",
        Role.AGENCY_COORDINATOR,
        f"Chỉ cán bộ của {COORDINATED_AGENCY}: thêm, sửa, xuất Excel",
        agency=COORDINATED_AGENCY,
    ),
    DemoUser(
        "nckh",
        Role.RESEARCH_OFFICE,
        "Đề tài khoa học; hội thảo: đoàn, đại biểu, liên lạc viên, thẻ, điểm danh",
        unit="QLĐT",
    ),
    DemoUser(
        "bientap",
        Role.COMMUNICATIONS,
        "Cổng thông tin: viết, hẹn giờ, đăng tin bài; trang tĩnh, biểu ngữ",
        unit="TCHC",
    ),
    DemoUser("giamsat", Role.SUPERVISOR, "Mọi trường, chỉ xem; không được sửa"),
    DemoUser(
        "bantochuc",
        Role.PROVINCIAL_BOARD,
        "Ban Tổ chức Tỉnh ủy: thẩm định, trả lại, phê duyệt kế hoạch đào tạo; "
        "điều chỉnh chỉ tiêu; xem cán bộ đi học của cả tỉnh",
    ),
]


def linked_person(
    user: DemoUser, cadres: list[Planned], lecturers: list[Planned]
) -> Planned | None:
    if user.person is None:
        return None
    key, index = user.person
    pool = [p for p in lecturers if p.unit == key] or [
        p for p in cadres if p.agency == key
    ]
    return pool[index]
