"""Object scope for persons (S4): out of scope answers 404, changes nothing."""

import pytest

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.org.tests.factories import AgencyFactory, SchoolFactory
from daotao.people.models import Person
from daotao.people.tests.factories import PersonFactory


@pytest.fixture
def two_agencies(school):
    return AgencyFactory(school=school, name="Đảng ủy xã A"), AgencyFactory(
        school=school, name="Đảng ủy xã B"
    )


@pytest.mark.django_db
class TestAgencyCoordinator:
    def test_list_shows_only_own_agency(self, client, make_user, school, two_agencies):
        own, other = two_agencies
        mine = PersonFactory(school=school, agency=own, given_name="Mình")
        PersonFactory(school=school, agency=other, given_name="Khác")
        client.force_login(make_user(Role.AGENCY_COORDINATOR, agency=own))
        response = client.get("/can-bo/")
        assert [p.pk for p in response.context["page"].object_list] == [mine.pk]

    def test_detail_of_other_agency_is_404(
        self, client, make_user, school, two_agencies
    ):
        own, other = two_agencies
        theirs = PersonFactory(school=school, agency=other)
        client.force_login(make_user(Role.AGENCY_COORDINATOR, agency=own))
        assert client.get(f"/can-bo/{theirs.pk}/").status_code == 404
        assert client.get(f"/can-bo/{theirs.pk}/sua/").status_code == 404

    def test_edit_of_other_agency_is_refused_and_changes_nothing(
        self, client, make_user, school, two_agencies
    ):
        own, other = two_agencies
        theirs = PersonFactory(school=school, agency=other, given_name="Khác")
        client.force_login(make_user(Role.AGENCY_COORDINATOR, agency=own))
        response = client.post(
            f"/can-bo/{theirs.pk}/sua/",
            {"family_name": "Lê", "given_name": "Đổi", "sex": "male", "version": 1},
        )
        assert response.status_code == 404
        theirs.refresh_from_db()
        assert theirs.given_name == "Khác"
        assert AuditEvent.objects.count() == 0

    def test_cannot_move_own_person_to_another_agency(
        self, client, make_user, school, two_agencies
    ):
        own, other = two_agencies
        mine = PersonFactory(school=school, agency=own, given_name="Mình")
        client.force_login(make_user(Role.AGENCY_COORDINATOR, agency=own))
        response = client.post(
            f"/can-bo/{mine.pk}/sua/",
            {
                "family_name": "Nguyễn",
                "given_name": "Mình",
                "sex": "male",
                "agency": other.pk,
                "version": 1,
            },
        )
        # The other agency is not even a choice for this coordinator.
        assert response.status_code == 200
        assert "agency" in response.context["form"].errors
        mine.refresh_from_db()
        assert mine.agency_id == own.pk

    def test_export_contains_only_own_agency(
        self, client, make_user, school, two_agencies
    ):
        from io import BytesIO

        from openpyxl import load_workbook

        own, other = two_agencies
        PersonFactory(school=school, agency=own, given_name="Mình")
        PersonFactory(school=school, agency=other, given_name="Khác")
        client.force_login(make_user(Role.AGENCY_COORDINATOR, agency=own))
        response = client.get("/can-bo/xuat-excel/")
        sheet = load_workbook(BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][0] == "Danh sách cán bộ"
        assert rows[1][:4] == ("STT", "Họ", "Tên đệm", "Tên")
        assert [row[3] for row in rows[2:]] == ["Mình"]


@pytest.mark.django_db
def test_training_office_does_not_see_another_school(client, make_user, school):
    elsewhere = PersonFactory(school=SchoolFactory(), given_name="Xa")
    here = PersonFactory(school=school, given_name="Gần")
    client.force_login(make_user(Role.TRAINING_OFFICE))
    listed = [p.pk for p in client.get("/can-bo/").context["page"].object_list]
    assert listed == [here.pk]
    assert client.get(f"/can-bo/{elsewhere.pk}/").status_code == 404


@pytest.mark.django_db
def test_supervisor_without_school_reads_every_school(client, make_user, school):
    PersonFactory(school=SchoolFactory(), given_name="Xa")
    PersonFactory(school=school, given_name="Gần")
    client.force_login(make_user(Role.SUPERVISOR))
    assert client.get("/can-bo/").context["page"].paginator.count == 2


@pytest.mark.django_db
def test_unknown_person_is_404(client, make_user):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    assert client.get("/can-bo/999999/").status_code == 404
    assert Person.objects.count() == 0
