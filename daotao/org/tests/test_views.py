"""The agency registry and unit list pages."""

import datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.org.models import Agency, Unit
from daotao.org.tests.factories import AgencyFactory, SchoolFactory, UnitFactory
from daotao.people.tests.factories import PersonFactory


@pytest.fixture
def registry(school):
    old = AgencyFactory(
        school=school,
        name="Huyện ủy Thọ Xuân",
        level=Agency.Level.DISTRICT,
        valid_to=datetime.date(2025, 6, 30),
    )
    new = AgencyFactory(school=school, name="Đảng ủy xã Thọ Xuân")
    new.predecessors.add(old)
    department = AgencyFactory(
        school=school,
        name="Sở Nội vụ",
        kind=Agency.Kind.GOVERNMENT,
        level=Agency.Level.PROVINCE,
    )
    PersonFactory(school=school, agency=new)
    PersonFactory(school=school, agency=new)
    AgencyFactory(school=SchoolFactory(), name="Đảng ủy xã Ở Trường Khác")
    return old, new, department


@pytest.mark.django_db
def test_agency_list_in_force_in_vietnamese_order_with_counts(
    client, make_user, registry
):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    page = client.get("/to-chuc/co-quan/").context["page"]
    assert [(a.name, a.people_count) for a in page.object_list] == [
        ("Đảng ủy xã Thọ Xuân", 2),
        ("Sở Nội vụ", 0),
    ]


@pytest.mark.django_db
def test_agency_list_can_include_dissolved_and_search_without_accents(
    client, make_user, registry
):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    page = client.get("/to-chuc/co-quan/", {"q": "tho xuan", "past": "1"}).context[
        "page"
    ]
    assert [a.name for a in page.object_list] == [
        "Đảng ủy xã Thọ Xuân",
        "Huyện ủy Thọ Xuân",
    ]


@pytest.mark.django_db
def test_coordinator_sees_only_own_agency(client, make_user, registry):
    _old, new, _department = registry
    client.force_login(make_user(Role.AGENCY_COORDINATOR, agency=new))
    page = client.get("/to-chuc/co-quan/").context["page"]
    assert [a.name for a in page.object_list] == ["Đảng ủy xã Thọ Xuân"]


@pytest.mark.django_db
def test_agency_export(client, make_user, registry):
    client.force_login(make_user(Role.LEADERSHIP))
    response = client.get("/to-chuc/co-quan/xuat-excel/", {"level": "province"})
    assert response["Content-Disposition"].startswith(
        'attachment; filename="co-quan-cu-di-hoc-'
    )
    rows = list(
        load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True)
    )
    assert rows[1][:5] == ("STT", "Tên cơ quan, đơn vị", "Viết tắt", "Loại", "Cấp")
    assert [row[1] for row in rows[2:]] == ["Sở Nội vụ"]
    assert rows[2][3:5] == ("Cơ quan chính quyền", "Cấp tỉnh")


@pytest.mark.django_db
def test_unit_list(client, make_user, school):
    UnitFactory(school=school, name="Khoa Xây dựng Đảng", position=2)
    UnitFactory(school=school, name="Khoa Lý luận cơ sở", position=1)
    UnitFactory(school=SchoolFactory(), name="Khoa của trường khác")
    client.force_login(make_user(Role.LEADERSHIP))
    units = client.get("/to-chuc/khoa-phong/").context["units"]
    assert [u.name for u in units] == ["Khoa Lý luận cơ sở", "Khoa Xây dựng Đảng"]


@pytest.mark.django_db
def test_the_administrator_adds_a_unit_and_its_abbreviation_twice_is_refused(
    make_user, school, client
):
    client.force_login(make_user(Role.ADMINISTRATOR))
    values = {
        "name": "Khoa Lý luận cơ sở",
        "abbreviation": "K.LLCS",
        "kind": Unit.Kind.FACULTY,
        "is_teaching": "on",
        "position": 1,
    }

    assert client.post("/to-chuc/khoa-phong/them/", values).status_code == 302
    again = client.post("/to-chuc/khoa-phong/them/", values | {"name": "Khoa khác"})

    assert again.status_code == 200
    assert "abbreviation" in again.context["form"].errors
    unit = Unit.objects.get(school=school)
    assert (unit.name, unit.kind, unit.is_teaching) == (
        "Khoa Lý luận cơ sở",
        Unit.Kind.FACULTY,
        True,
    )
    assert AuditEvent.objects.filter(action="org.unit_create").count() == 1
