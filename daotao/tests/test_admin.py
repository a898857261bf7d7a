"""The Django admin is for administrators only (role `administrator`)."""

import pytest

from daotao.core.access import Role
from daotao.documents.models import DocumentTemplate


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.TRAINING_OFFICE, Role.LEADERSHIP], ids=str)
def test_staff_flag_without_the_administrator_role_is_refused(client, make_user, role):
    user = make_user(role)
    user.is_staff = True
    user.save()
    client.force_login(user)
    response = client.get("/quan-tri/")
    assert response.status_code == 302
    assert response["Location"].startswith("/quan-tri/login/")


@pytest.mark.django_db
def test_administrator_edits_template_wording_and_new_drafts_use_it(client, make_user):
    admin = make_user(Role.ADMINISTRATOR)
    admin.is_staff = True
    admin.save()
    client.force_login(admin)
    template = DocumentTemplate.objects.get(code="thong-bao")
    assert client.get("/quan-tri/").status_code == 200
    response = client.post(
        f"/quan-tri/documents/documenttemplate/{template.pk}/change/",
        {
            "name": template.name,
            "document_type": template.document_type_id,
            "format": "state",
            "wording": '{"summary": "Về việc lịch nghỉ Tết", "signer_title": '
            '"CHÁNH VĂN PHÒNG", "body": "Nhà trường thông báo…"}',
            "position": template.position,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    office = make_user(Role.TRAINING_OFFICE)
    client.force_login(office)
    form = client.get(f"/van-ban/soan/{template.pk}/").context["form"]
    assert form.initial["summary"] == "Về việc lịch nghỉ Tết"
    assert form.initial["signer_title"] == "CHÁNH VĂN PHÒNG"


@pytest.mark.django_db
def test_an_administrator_sees_and_edits_only_their_schools_rows(client, make_user):
    """Two schools in one deployment: school A's administrator lists A's units,
    schools and people only; B's unit does not open, and a POST on it changes
    nothing."""
    from daotao.org.models import Unit
    from daotao.org.tests.factories import SchoolFactory, UnitFactory
    from daotao.people.tests.factories import PersonFactory

    admin = make_user(Role.ADMINISTRATOR)
    admin.is_staff = True
    admin.save()
    mine = UnitFactory(school=admin.memberships.get().school, name="Khoa A")
    other_school = SchoolFactory(name="Trường Chính trị tỉnh Hà Tĩnh")
    theirs = UnitFactory(school=other_school, name="Khoa của trường B")
    PersonFactory(school=other_school, family_name="Ngàn", given_name="Phố")
    client.force_login(admin)
    units = client.get("/quan-tri/org/unit/").content.decode()
    assert "Khoa A" in units and "Khoa của trường B" not in units
    assert "Hà Tĩnh" not in client.get("/quan-tri/org/school/").content.decode()
    assert "Ngàn" not in client.get("/quan-tri/people/person/").content.decode()
    page = client.get(f"/quan-tri/org/unit/{theirs.pk}/change/")
    assert page.status_code == 302  # the admin's "no such record", to its index
    client.post(
        f"/quan-tri/org/unit/{theirs.pk}/change/",
        {
            "name": "Đổi tên",
            "abbreviation": "X",
            "kind": "office",
            "school": mine.school_id,
        },
    )
    theirs.refresh_from_db()
    assert (theirs.name, theirs.school_id) == ("Khoa của trường B", other_school.pk)
    add = client.get("/quan-tri/org/unit/add/").context["adminform"].form
    assert list(add.fields["school"].queryset) == [mine.school]
    assert Unit.objects.count() == 2


@pytest.mark.django_db
def test_no_school_is_added_in_the_admin_only_by_school_create(client, make_user):
    """A school row alone (no catalogue, issuer, wording or administrator) is a
    school nothing works in: the admin has no "add", a POST adds nothing."""
    from daotao.org.models import School

    admin = make_user(Role.ADMINISTRATOR)
    admin.is_staff = True
    admin.save()
    client.force_login(admin)
    before = School.objects.count()

    assert client.get("/quan-tri/org/school/add/").status_code == 403
    listing = client.get("/quan-tri/org/school/").content.decode()
    assert "/quan-tri/org/school/add/" not in listing
    client.post("/quan-tri/org/school/add/", {"name": "Trường mới"})
    assert School.objects.count() == before
