"""The demo conference, shaped like the seed report (Báo cáo số 104/BC-TrCT,
29/4/2014) but with the bodies and schools of 2026: a one-day regional conference
under the Academy's plan 48, a conference part and a round table, four theme
groups, three guest speeches and the lessons drawn, 400 delegates from the Academy,
the province's leaders and bodies (from the agency registry), four regional and six
partner schools, the host school's staff and learners' representatives, ten liaison
lecturers. It is dated 7 April 2026, this spring in the demo's timeline: the
event has happened (most delegates checked in), so the post-event report can be
drafted from the data as the seed's was. A few research topics of the host's
lecturers come with it, so the register and the lecturers' pages show some."""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.db.models import Case, Value, When
from django.utils import timezone

from daotao.faculty.models import Lecturer
from daotao.org.models import Agency
from daotao.people.models import Sex
from daotao.research import services
from daotao.research.models import Conference, Delegate, InvitedOrganisation

from .planning import random_name

TITLE = (
    "Đổi mới công tác quản lý nhằm nâng cao chất lượng đào tạo, bồi dưỡng cán bộ "
    "ở các Trường Chính trị khu vực Bắc Trung bộ"
)
DAY = datetime.date(2026, 4, 7)
SEED = 104
Group = InvitedOrganisation.Group

THEMES = [
    "Tham mưu hoàn thiện thể chế đào tạo, bồi dưỡng cán bộ; đội ngũ giảng viên và "
    "cơ sở vật chất",
    "Các khâu của quy trình quản lý đào tạo: kế hoạch, tuyển sinh, giảng dạy, "
    "đánh giá học viên",
    "Đổi mới quản lý của các khoa, phòng; tăng cường quản lý học viên",
    "Cơ chế phối hợp, kiến nghị với Trung ương và địa phương",
]
# The schools as named after the 2025 mergers (Quảng Bình joined Quảng Trị, Thừa
# Thiên Huế became the city of Huế, Vĩnh Phúc joined Phú Thọ, Quảng Nam joined Đà
# Nẵng), in the conference's own order: the region's first, then partners.
REGIONAL_SCHOOLS = [
    "Trường Chính trị tỉnh Nghệ An",
    "Trường Chính trị Trần Phú - Hà Tĩnh",
    "Trường Chính trị tỉnh Quảng Trị",
    "Trường Chính trị Nguyễn Chí Thanh thành phố Huế",
]
PARTNER_SCHOOLS = [
    "Trường Chính trị tỉnh Ninh Bình",
    "Trường Đào tạo cán bộ Lê Hồng Phong thành phố Hà Nội",
    "Trường Chính trị tỉnh Phú Thọ",
    "Trường Chính trị thành phố Đà Nẵng",
    "Trường Chính trị tỉnh Hưng Yên",
    "Trường Chính trị tỉnh Thái Nguyên",
]
# Invited bodies of the province, taken from the agency registry (their current
# names): the provincial Party bodies and departments, and the Party committees of
# the communes and wards that replaced the districts on 1/7/2025.
PROVINCE_BODIES = [
    "Ban Tổ chức Tỉnh ủy",
    "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "Văn phòng Tỉnh ủy",
    "Đảng ủy các cơ quan Đảng tỉnh",
    "Đảng ủy Ủy ban nhân dân tỉnh",
    "Sở Nội vụ",
    "Sở Giáo dục và Đào tạo",
    "Đảng ủy phường Hạc Thành",
    "Đảng ủy phường Đông Sơn",
    "Đảng ủy phường Sầm Sơn",
    "Đảng ủy phường Bỉm Sơn",
    "Đảng ủy phường Nghi Sơn",
    "Đảng ủy xã Thọ Xuân",
    "Đảng ủy xã Hoằng Hóa",
    "Đảng ủy xã Ngọc Lặc",
]
# (organisation, group, delegates); 400 in all, as in the seed.
ORGANISATIONS: list[tuple[str, str, int]] = [
    ("Học viện Chính trị quốc gia Hồ Chí Minh", Group.ACADEMY, 6),
    (
        "Vụ các Trường chính trị, Học viện Chính trị quốc gia Hồ Chí Minh",
        Group.ACADEMY,
        4,
    ),
    ("Ban Thường vụ Tỉnh ủy Thanh Hóa", Group.PROVINCE_LEADERS, 8),
    *((name, Group.PROVINCE_BODIES, 4) for name in PROVINCE_BODIES),
    *((name, Group.REGIONAL_SCHOOL, 11) for name in REGIONAL_SCHOOLS),
    *((name, Group.PARTNER_SCHOOL, 6) for name in PARTNER_SCHOOLS),
    ("Trường Chính trị tỉnh Thanh Hóa", Group.HOST_SCHOOL, 162),
    ("Học viên các lớp trung cấp lý luận chính trị", Group.LEARNERS, 80),
]
# (speaker, post, gist): invented people in the posts of the seed's speakers.
SPEECHES = [
    (
        "Lê Văn Minh",
        "Phó Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh",
        "đánh giá cao sự cố gắng, nỗ lực của các trường chính trị trong việc đề ra "
        "các giải pháp đổi mới công tác quản lý và những kiến nghị, đề xuất với Học "
        "viện; biểu dương Trường Chính trị tỉnh Thanh Hóa đã chuẩn bị chu đáo, nội "
        "dung Hội thảo có chất lượng",
    ),
    (
        "Trần Đức Hưng",
        "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "thay mặt lãnh đạo tỉnh đánh giá cao công tác chuẩn bị của Nhà trường, cảm "
        "ơn Học viện và các trường bạn, thông tin với Hội thảo những kết quả nổi bật "
        "trong phát triển kinh tế - xã hội, xây dựng Đảng và xây dựng đội ngũ cán bộ "
        "của tỉnh",
    ),
    (
        "Phạm Văn Phát",
        "Bí thư Đảng ủy phường Đông Sơn",
        "nêu giải pháp phát huy cơ chế phối hợp giữa Trường Chính trị với các xã, "
        "phường trong việc gắn đào tạo, bồi dưỡng với sử dụng cán bộ; đổi mới quản "
        "lý học viên theo hướng phát huy tính chủ động, tự giác của người học",
    ),
]
EXPERIENCE = (
    "Một là, chủ động tham mưu, đề xuất, phối hợp để tranh thủ nguồn lực, sự giúp "
    "đỡ của các ban, ngành cấp tỉnh, Vụ các Trường chính trị, các trường chính trị "
    "trong khu vực và các trường bạn.\n"
    "Hai là, tổ chức, điều hành có trọng tâm, chọn các chủ đề mà các trường đang "
    "quan tâm; chăm lo từ những việc nhỏ để tạo sự thân thiện, đầm ấm, hiếu khách.\n"
    "Ba là, phân công, giao nhiệm vụ rõ người, rõ việc, nhất là công tác đón tiếp "
    "các đoàn.\n"
    "Bốn là, phát huy dân chủ, sức mạnh của toàn trường từ Ban Giám hiệu đến các "
    "khoa, phòng.\n"
    "Năm là, kịp thời rút kinh nghiệm, tổng kết, động viên, khen thưởng."
)
POSITIONS = {
    Group.ACADEMY: ("Phó Giám đốc Học viện", "Vụ trưởng", "Chuyên viên"),
    Group.PROVINCE_LEADERS: ("Ủy viên Ban Thường vụ Tỉnh ủy",),
    Group.PROVINCE_BODIES: ("Phó Trưởng ban", "Bí thư", "Phó Bí thư", "Chuyên viên"),
    Group.REGIONAL_SCHOOL: (
        "Hiệu trưởng",
        "Phó Hiệu trưởng",
        "Trưởng khoa",
        "Giảng viên",
    ),
    Group.PARTNER_SCHOOL: ("Hiệu trưởng", "Phó Hiệu trưởng", "Giảng viên chính"),
    Group.HOST_SCHOOL: ("Giảng viên", "Giảng viên chính", "Chuyên viên", "Trưởng khoa"),
    Group.LEARNERS: ("Học viên lớp trung cấp",),
}
TRAVELLING = {Group.ACADEMY, Group.REGIONAL_SCHOOL, Group.PARTNER_SCHOOL}


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(hour, minute))
    )


def ensure_conference(*, school: Any, office: Any) -> Conference:
    """The seed-shaped conference, made once; run again it returns the same one."""
    existing = Conference.objects.filter(school=school, title=TITLE).first()
    if existing is not None:
        return existing
    registry_bodies(school.pk)
    conference = services.conference_create(
        actor=office,
        school_id=school.pk,
        data=services.ConferenceData(
            title=TITLE,
            host=school.name,
            co_organisers="Học viện Chính trị quốc gia Hồ Chí Minh\n"
            "Vụ các Trường chính trị",
            basis_number="Kế hoạch số 48/KH-HVCTQG",
            basis_date=datetime.date(2025, 12, 20),
            basis_issuer="Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh",
            basis_summary="về việc tổ chức Hội thảo khoa học",
            starts_on=DAY,
            ends_on=DAY,
            venue="Hội trường lớn, Trường Chính trị tỉnh Thanh Hóa",
            budget=250_000_000,
            registration_opens_at=_at(datetime.date(2026, 3, 2), 8),
            registration_closes_at=_at(datetime.date(2026, 4, 3), 17),
            description="Hội thảo khoa học khu vực Bắc Trung bộ, tổ chức trong 1 ngày.",
            experience=EXPERIENCE,
        ),
    )
    services.part_add(
        actor=office,
        conference=conference,
        name="Phần hội thảo",
        kind="conference",
        starts_at=_at(DAY, 7, 30),
        ends_at=_at(DAY, 11, 30),
        venue="Hội trường lớn",
    )
    services.part_add(
        actor=office,
        conference=conference,
        name="Phần tọa đàm",
        kind="roundtable",
        starts_at=_at(DAY, 13, 30),
        ends_at=_at(DAY, 16, 30),
        venue="Hội trường lớn",
    )
    for theme in THEMES:
        services.theme_add(actor=office, conference=conference, name=theme)
    for speaker, post, gist in SPEECHES:
        services.speech_add(
            actor=office, conference=conference, speaker=speaker, post=post, gist=gist
        )
    delegations = _delegations(conference, office)
    _delegates(conference, office, delegations)
    _liaisons(conference, office, delegations)
    _check_in(conference, office)
    _topics(conference.school_id, office)
    return conference


def registry_bodies(school_id: int) -> list[str]:
    """The invited bodies of the province as the agency registry names them today;
    a body missing from the registry (or no longer current) is an error."""
    current = set(
        Agency.objects.filter(
            school_id=school_id, name__in=PROVINCE_BODIES, valid_to__isnull=True
        )
        .exclude(level=Agency.Level.DISTRICT)
        .values_list("name", flat=True)
    )
    missing = [name for name in PROVINCE_BODIES if name not in current]
    if missing:
        raise ValueError(f"not current in the agency registry: {missing}")
    return PROVINCE_BODIES


def _delegations(conference: Conference, office: Any) -> dict[str, Any]:
    delegations = {}
    position: dict[str, int] = {}
    for name, group, count in ORGANISATIONS:
        organisation = services.organisation_ensure(
            actor=office, school_id=conference.school_id, name=name, group=group
        )
        position[group] = position.get(group, 0) + 1
        delegations[name] = services.delegation_ensure(
            actor=office,
            conference=conference,
            organisation=organisation,
            expected_count=count,
            position=position[group],
        )
    return delegations


def _host_names(school_id: int) -> list[str]:
    return list(
        Lecturer.objects.filter(school_id=school_id)
        .order_by("person__sort_key")
        .values_list("person__full_name", flat=True)
    )


def _delegates(conference: Conference, office: Any, delegations: dict) -> None:
    rng = random.Random(SEED)
    host_names = _host_names(conference.school_id)
    rows = []
    for name, group, count in ORGANISATIONS:
        for index in range(count):
            if group == Group.HOST_SCHOOL and index < len(host_names):
                full_name = host_names[index]
            else:
                sex = rng.choice((Sex.MALE, Sex.FEMALE))
                full_name = " ".join(random_name(rng, sex=sex))
            travels = group in TRAVELLING
            role = _role(group, index)
            rows.append(
                services.DelegateData(
                    full_name=full_name,
                    delegation_id=delegations[name].pk,
                    position=_position(rng, name, group, role),
                    role=role,
                    phone=f"09{rng.randrange(10**7, 10**8)}" if travels else "",
                    arrives_at=_at(DAY - datetime.timedelta(days=1), 15)
                    if travels
                    else None,
                    departs_at=_at(DAY, 17) if travels else None,
                    needs_lodging=travels,
                    lodging="Nhà khách Tỉnh ủy" if travels else "",
                    meals=3 if travels else 1,
                )
            )
    services.delegates_import(actor=office, conference=conference, rows=rows)


def _position(rng: random.Random, organisation: str, group: str, role: str) -> str:
    """A leader holds the group's first post (a Vụ is led by its Vụ trưởng)."""
    if role != Delegate.Role.LEADER:
        return rng.choice(POSITIONS[group])
    return "Vụ trưởng" if organisation.startswith("Vụ ") else POSITIONS[group][0]


def _role(group: str, index: int) -> str:
    if index == 0 and group not in (Group.HOST_SCHOOL, Group.LEARNERS):
        return Delegate.Role.LEADER
    if group in (Group.ACADEMY, Group.PROVINCE_LEADERS):
        return Delegate.Role.GUEST
    if index == 1 and group in (Group.REGIONAL_SCHOOL, Group.PARTNER_SCHOOL):
        return Delegate.Role.SPEAKER
    return Delegate.Role.DELEGATE


def _liaisons(conference: Conference, office: Any, delegations: dict) -> None:
    """Ten lecturers, one to each visiting school's delegation."""
    lecturers = list(
        Lecturer.objects.filter(school_id=conference.school_id, is_active=True)
        .order_by("person__sort_key")
        .values_list("pk", flat=True)[:10]
    )
    for name, lecturer_id in zip(
        REGIONAL_SCHOOLS + PARTNER_SCHOOLS, lecturers, strict=False
    ):
        services.liaisons_set(
            actor=office, delegation=delegations[name], lecturer_ids=[lecturer_id]
        )


def _check_in(conference: Conference, office: Any) -> None:
    """The event is past: all but a few learners and host staff were checked in."""
    if conference.starts_on > timezone.localdate():
        return
    rng = random.Random(SEED + 1)
    for delegate in conference.delegates.select_related("delegation__organisation"):
        group = delegate.delegation.organisation.group
        if group in (Group.HOST_SCHOOL, Group.LEARNERS) and rng.random() < 0.08:
            continue
        services.delegate_check_in(
            actor=office,
            conference=conference,
            token=delegate.badge_token,
            at=_at(DAY, 6, 45) + datetime.timedelta(minutes=rng.randrange(45)),
        )


# (code, title, level, start, end, budget, steps taken, result)
TOPICS = [
    (
        "ĐT-2025-01",
        "Giải pháp đổi mới công tác quản lý học viên tại Trường Chính trị tỉnh "
        "Thanh Hóa",
        "school",
        datetime.date(2025, 1, 2),
        datetime.date(2025, 12, 15),
        30_000_000,
        ("approved", "in_progress"),
        "good",
    ),
    (
        "ĐT-2026-01",
        "Nâng cao chất lượng đội ngũ giảng viên kiêm chức ở các xã, phường tỉnh "
        "Thanh Hóa",
        "province",
        datetime.date(2026, 3, 1),
        datetime.date(2027, 2, 28),
        350_000_000,
        ("approved", "in_progress"),
        "",
    ),
    (
        "ĐT-2026-02",
        "Gắn đào tạo, bồi dưỡng với sử dụng cán bộ sau đào tạo",
        "school",
        datetime.date(2026, 5, 4),
        datetime.date(2026, 12, 31),
        40_000_000,
        ("approved",),
        "",
    ),
    (
        "ĐT-2026-03",
        "Ứng dụng công nghệ số trong quản lý đào tạo, bồi dưỡng",
        "school",
        datetime.date(2027, 1, 4),
        datetime.date(2027, 12, 31),
        45_000_000,
        (),
        "",
    ),
]


# Senior lecturers lead topics first.
_SENIORITY = Case(
    *(
        When(title=title, then=Value(rank))
        for rank, title in enumerate(("senior", "principal", "lecturer"))
    ),
    default=Value(3),
)


def _topics(school_id: int, office: Any) -> None:
    """Four topics led by the host's lecturers, at every step of their life."""
    lecturers = list(
        Lecturer.objects.filter(school_id=school_id, is_active=True)
        .annotate(rank=_SENIORITY)
        .order_by("rank", "person__sort_key")
        .values_list("pk", flat=True)[:12]
    )
    if len(lecturers) < 12:
        return
    for n, (code, title, level, start, end, budget, steps, result) in enumerate(TOPICS):
        topic = services.topic_create(
            actor=office,
            school_id=school_id,
            data=services.TopicData(
                code=code,
                title=title,
                level=level,
                leader_id=lecturers[3 * n],
                starts_on=start,
                ends_on=end,
                budget=budget,
                member_ids=(lecturers[3 * n + 1], lecturers[3 * n + 2]),
            ),
        )
        for status in steps:
            topic = services.topic_transition(actor=office, topic=topic, status=status)
        if result:
            services.topic_accept(
                actor=office, topic=topic, result=result, accepted_on=end
            )
            services.output_add(
                actor=office,
                school_id=school_id,
                topic=topic,
                data=services.OutputData(
                    kind="article",
                    title="Quản lý học viên: từ quản lý hành chính đến phát huy "
                    "tính tự giác của người học",
                    venue="Tạp chí Lý luận chính trị",
                    year=end.year,
                    author_ids=(lecturers[3 * n], lecturers[3 * n + 1]),
                ),
            )
