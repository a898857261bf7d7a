"""Object scope for persons (S4): out of scope answers 404, changes nothing."""

import pytest

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.org.tests.factories import AgencyFactory, SchoolFactory
from daotao.people.models import Person
from daotao.people.tests.factories import PersonFactory

CITIZEN_ID = "038196001234"
NEW_PERSON = {
    "family_name": "Trần",
    "middle_name": "Thị",
    "given_name": "Ánh",
    "sex": "female",
    "date_of_birth": "12/04/1996",
    "citizen_id": CITIZEN_ID,
}
OUTSIDE_MESSAGE = (
    "Số CCCD này cần Phòng Quản lý đào tạo đối chiếu hồ sơ trước khi cơ quan khai "
    "báo; hãy gửi Phòng bản sao CCCD của cán bộ."
)


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

    @pytest.mark.parametrize(
        "holder",
        ["other agency, other name", "other agency, same name", "no agency"],
    )
    def test_a_citizen_id_held_outside_the_agency_is_refused_naming_no_one(
        self, client, make_user, school, two_agencies, holder
    ):
        """Issue 14, finding 6: one message whoever holds the number elsewhere."""
        own, other = two_agencies
        PersonFactory(
            school=school,
            agency=None if holder == "no agency" else other,
            family_name="Lê" if "other name" in holder else "Trần",
            middle_name="Hồng" if "other name" in holder else "Thị",
            given_name="Anh" if "other name" in holder else "Ánh",
            citizen_id=CITIZEN_ID,
        )
        client.force_login(make_user(Role.AGENCY_COORDINATOR, agency=own))
        people, events = Person.objects.count(), AuditEvent.objects.count()
        response = client.post("/can-bo/them/", {**NEW_PERSON, "agency": own.pk})
        assert response.status_code == 200
        assert response.context["form"].errors["citizen_id"] == [OUTSIDE_MESSAGE]
        page = response.content.decode()
        assert "Lê Hồng Anh" not in page and "Trần Thị Ánh" not in page
        assert (Person.objects.count(), AuditEvent.objects.count()) == (people, events)

    def test_moving_a_number_held_outside_onto_an_own_person_says_the_same(
        self, client, make_user, school, two_agencies
    ):
        own, other = two_agencies
        PersonFactory(school=school, agency=other, citizen_id=CITIZEN_ID)
        mine = PersonFactory(school=school, agency=own, citizen_id="")
        client.force_login(make_user(Role.AGENCY_COORDINATOR, agency=own))
        response = client.post(
            f"/can-bo/{mine.pk}/sua/",
            {**NEW_PERSON, "agency": own.pk, "version": mine.version},
        )
        assert response.context["form"].errors["citizen_id"] == [OUTSIDE_MESSAGE]
        mine.refresh_from_db()
        assert (mine.citizen_id, mine.version) == ("", 1)

    def test_a_number_held_in_the_own_agency_names_the_holder(
        self, client, make_user, school, two_agencies
    ):
        own, _other = two_agencies
        PersonFactory(
            school=school,
            agency=own,
            family_name="Lê",
            middle_name="Hồng",
            given_name="Anh",
            citizen_id=CITIZEN_ID,
        )
        client.force_login(make_user(Role.AGENCY_COORDINATOR, agency=own))
        response = client.post("/can-bo/them/", {**NEW_PERSON, "agency": own.pk})
        assert response.context["form"].errors["citizen_id"] == [
            f"Số CCCD {CITIZEN_ID} đã có trong hồ sơ của Lê Hồng Anh."
        ]

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
