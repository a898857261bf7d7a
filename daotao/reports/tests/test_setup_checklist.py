"""The setup checklist: each step's status computed from the school's data, on a
fresh school and once the step is satisfied."""

import datetime

import pytest

from daotao.accounts.models import User
from daotao.accounts.services import membership_grant
from daotao.assessment.models import AssessmentRuleSet
from daotao.core.access import Role
from daotao.credentials.models import Kind
from daotao.credentials.services.blanks import BlankStockData, blank_stock_receive
from daotao.enrolment.models import EligibilityRuleSet, RetirementRuleSet
from daotao.faculty.models import DevelopmentRuleSet
from daotao.faculty.tests.factories import LecturerFactory
from daotao.learning.models import ConductRuleSet, SupportRateSet
from daotao.ledger.models import HourRuleSet
from daotao.org import services as org
from daotao.org.models import Room, School, Site, Unit
from daotao.org.tests.factories import AgencyFactory, SchoolFactory
from daotao.programs.models import ProgramVersion
from daotao.reports.selectors import setup_checklist
from daotao.reports.services import AdministratorData, SchoolData, school_start
from daotao.standards.models import StandardRuleSet

EMPTY = {
    "identity": ("chưa có địa chỉ, điện thoại, thư điện tử",),
    "units": ("chưa có khoa, phòng nào",),
    "sites": ("chưa có địa điểm học nào", "chưa có phòng học nào"),
    "agencies": ("chưa có cơ quan cử đi học nào",),
    "users": (
        "chưa có tài khoản Ban Giám hiệu",
        "chưa có tài khoản Phòng Quản lý đào tạo",
    ),
    "lecturers": ("chưa có giảng viên nào",),
    "programmes": ("5 phiên bản chương trình chưa đối chiếu văn bản gốc",),
    "rule_sets": ("17 bộ quy định chưa xác nhận",),
    "blanks": ("chưa nhập lô phôi nào",),
}


@pytest.fixture
def started(db):
    return school_start(
        school=SchoolData(
            name="Trường Chính trị tỉnh Nghệ An",
            province="Nghệ An",
            abbreviation="TrCT",
            governing_body="TỈNH ỦY NGHỆ AN",
        ),
        administrator=AdministratorData(username="quantri", display_name="Quản trị"),
    )


def statuses(admin: User) -> dict[str, tuple[str, ...]]:
    admin = User.objects.get(pk=admin.pk)  # fresh membership cache
    return {step.key: step.missing for step in setup_checklist(actor=admin)}


def test_a_fresh_school_has_every_step_to_do(started):
    assert statuses(started.administrator) == EMPTY


def test_only_the_administrator_sees_the_checklist(started, make_user):
    office = make_user(Role.TRAINING_OFFICE)
    assert setup_checklist(actor=office) is None


def test_identity_is_done_with_address_phone_and_email(started):
    School.objects.filter(pk=started.school.pk).update(
        address="Số 1 đường Lê Hồng Phong, phường Vinh", phone="0238 3844 000"
    )
    assert statuses(started.administrator)["identity"] == ("chưa có thư điện tử",)
    School.objects.filter(pk=started.school.pk).update(email="tct@nghean.gov.vn")
    assert statuses(started.administrator) == EMPTY | {"identity": ()}


def test_units_need_a_faculty_an_office_and_each_faculty_a_head(started):
    school = started.school
    faculty, _ = org.unit_ensure(
        school=school,
        name="Khoa Xây dựng Đảng",
        abbreviation="XDĐ",
        kind=Unit.Kind.FACULTY,
        is_teaching=True,
    )
    assert statuses(started.administrator)["units"] == (
        "chưa có phòng nào",
        "1 khoa chưa có trưởng khoa",
    )
    org.unit_ensure(
        school=school,
        name="Phòng Quản lý đào tạo",
        abbreviation="QLĐT",
        kind=Unit.Kind.OFFICE,
    )
    head = User.objects.create_user(username="truongkhoa", password="x" * 12)
    membership_grant(
        actor=None,
        user=head,
        role=Role.FACULTY_HEAD,
        school_id=school.pk,
        unit_id=faculty.pk,
    )
    assert statuses(started.administrator) == EMPTY | {"units": ()}


def test_sites_and_rooms(started):
    site = Site.objects.create(school=started.school, name="Cơ sở chính")
    assert statuses(started.administrator)["sites"] == ("chưa có phòng học nào",)
    Room.objects.create(site=site, name="Hội trường A", capacity=120)
    assert statuses(started.administrator) == EMPTY | {"sites": ()}


def test_agencies_of_another_school_do_not_count(started):
    AgencyFactory(school=SchoolFactory())
    assert statuses(started.administrator) == EMPTY
    AgencyFactory(school=started.school)
    assert statuses(started.administrator) == EMPTY | {"agencies": ()}


def test_users_need_leadership_and_training_office(started):
    school_id = started.school.pk
    leader = User.objects.create_user(username="bgh", password="x" * 12)
    membership_grant(actor=None, user=leader, role=Role.LEADERSHIP, school_id=school_id)
    assert statuses(started.administrator)["users"] == (
        "chưa có tài khoản Phòng Quản lý đào tạo",
    )
    office = User.objects.create_user(username="daotao", password="x" * 12)
    membership_grant(
        actor=None, user=office, role=Role.TRAINING_OFFICE, school_id=school_id
    )
    assert statuses(started.administrator) == EMPTY | {
        "users": (),
        # A membership of the leadership or office does not make a unit.
        "units": ("chưa có khoa, phòng nào",),
    }


def test_lecturers(started):
    LecturerFactory(school=started.school)
    result = statuses(started.administrator)
    assert result["lecturers"] == ()
    # The factory's lecturer brings a faculty without a head.
    assert result["units"] == ("chưa có phòng nào", "1 khoa chưa có trưởng khoa")


def test_programmes_count_the_unconfirmed_versions(started):
    versions = ProgramVersion.objects.filter(program__school=started.school)
    first = versions.order_by("pk").first()
    versions.filter(pk=first.pk).update(is_confirmed=True)
    assert statuses(started.administrator)["programmes"] == (
        "4 phiên bản chương trình chưa đối chiếu văn bản gốc",
    )
    versions.update(is_confirmed=True)
    assert statuses(started.administrator) == EMPTY | {"programmes": ()}


def test_rule_sets_count_those_in_force_and_unconfirmed(started):
    HourRuleSet.objects.update(is_confirmed=True)
    assert statuses(started.administrator)["rule_sets"] == (
        "16 bộ quy định chưa xác nhận",
    )
    # One that has ended no longer needs confirming.
    AssessmentRuleSet.objects.filter(pk=AssessmentRuleSet.objects.first().pk).update(
        valid_to=datetime.date(2020, 12, 31)
    )
    assert statuses(started.administrator)["rule_sets"] == (
        "15 bộ quy định chưa xác nhận",
    )
    for model in (
        AssessmentRuleSet,
        EligibilityRuleSet,
        RetirementRuleSet,
        SupportRateSet,
        ConductRuleSet,
        DevelopmentRuleSet,
    ):
        model.objects.update(is_confirmed=True)
    # the standard school's rule set (a sibling app's) still counts
    assert statuses(started.administrator)["rule_sets"] == (
        "1 bộ quy định chưa xác nhận",
    )
    StandardRuleSet.objects.update(is_confirmed=True)
    assert statuses(started.administrator) == EMPTY | {"rule_sets": ()}


def test_blank_stock(started, make_user):
    office = make_user(Role.TRAINING_OFFICE, school=started.school)
    blank_stock_receive(
        actor=office,
        school_id=started.school.pk,
        data=BlankStockData(
            kind=Kind.DIPLOMA,
            first_number=1,
            last_number=100,
            received_on=datetime.date(2026, 11, 2),
        ),
    )
    assert statuses(started.administrator) == EMPTY | {
        "blanks": (),
        "users": ("chưa có tài khoản Ban Giám hiệu",),
    }


def test_each_step_links_to_the_page_where_it_is_done(started):
    steps = setup_checklist(actor=User.objects.get(pk=started.administrator.pk))
    assert [(s.key, s.title, s.url) for s in steps] == [
        (
            "identity",
            "Thông tin trường và tiêu đề văn bản",
            "/quan-ly/thong-tin-truong/",
        ),
        ("units", "Khoa, phòng và trưởng khoa", "/to-chuc/khoa-phong/"),
        ("sites", "Địa điểm học và phòng học", "/to-chuc/dia-diem/"),
        ("agencies", "Cơ quan cử đi học", "/to-chuc/co-quan/"),
        ("users", "Người dùng và vai trò", "/nguoi-dung/"),
        ("lecturers", "Giảng viên", "/giang-vien/"),
        ("programmes", "Chương trình đào tạo, bồi dưỡng", "/chuong-trinh/"),
        ("rule_sets", "Bộ quy định cần xác nhận", "/quan-ly/bo-quy-dinh/"),
        ("blanks", "Phôi văn bằng, chứng chỉ", "/van-bang/phoi/"),
    ]
    assert dict(steps[4].links) == {
        "Nhập từ Excel": "/nguoi-dung/nhap/",
        "Bảng phân quyền": "/phan-quyen/",
    }
    assert dict(steps[2].links) == {
        "Phòng học": "/to-chuc/phong-hoc/",
        "Nhập từ Excel": "/to-chuc/phong-hoc/nhap/",
    }


def test_every_link_opens_for_the_administrator_outside_the_admin_site(started, client):
    """Each step's page and further links answer 200 to the school's first
    administrator (signed in without a verified device the admin site asks for)."""
    admin = User.objects.get(pk=started.administrator.pk)
    client.force_login(admin)
    urls = [
        url
        for step in setup_checklist(actor=admin)
        for url in (step.url, *(link for _label, link in step.links))
    ]

    answers = {url: client.get(url).status_code for url in urls}

    assert len(urls) == 18
    assert answers == dict.fromkeys(urls, 200)
    assert not [url for url in urls if url.startswith("/quan-tri/")]
