"""Codes, symbols and numbers are unique within a school, not across the deployment
(issue 20): two schools may each have a class K01, a programme TCLLCT, document
no. 1/2027, diploma W000001, topic ĐT-2027-01, unit QLĐT and the same cadre."""

import datetime

import pytest

from daotao.accounts.models import Membership, User
from daotao.core.access import Role
from daotao.org.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def schools():
    return SchoolFactory(), SchoolFactory()


def _member(school, role, username):
    user = User.objects.create_user(username=username, password="Mật-khẩu-thử-2026")
    Membership.objects.create(user=user, role=role, school=school)
    return user


def test_each_school_numbers_its_documents_from_one(schools):
    from daotao.documents import services
    from daotao.documents.models import OutgoingDocument
    from daotao.documents.services import issuer_ensure_default
    from daotao.documents.tests.factories import OutgoingDocumentFactory

    signed = []
    for index, school in enumerate(schools):
        leader = _member(school, Role.LEADERSHIP, f"bgh-{index}")
        draft = OutgoingDocumentFactory(
            issuer=issuer_ensure_default(school=school),
            status=OutgoingDocument.Status.SUBMITTED,
        )
        signed.append(
            services.document_sign(
                actor=leader, document=draft, signed_on=datetime.date(2027, 1, 5)
            )
        )
    assert [(d.number, d.year, d.symbol) for d in signed] == [
        (1, 2027, "01/BC-TrCT"),
        (1, 2027, "01/BC-TrCT"),
    ]
    assert signed[0].school_id != signed[1].school_id


def test_two_schools_may_share_class_programme_unit_and_topic_codes(schools):
    from daotao.faculty.tests.factories import LecturerFactory
    from daotao.org import services as org
    from daotao.programs.catalogue import program_catalogue_ensure
    from daotao.programs.models import Program
    from daotao.research.models import ResearchTopic
    from daotao.research.services.topics import TopicData, topic_create
    from daotao.tests.support.school_world import FreshSchool

    for index, school in enumerate(schools):
        program_catalogue_ensure(school=school)
        world = FreshSchool(school)
        world.cohort(world.programme(), code="K01", starts_on=datetime.date(2027, 3, 1))
        org.unit_ensure(
            school=school,
            name="Phòng Quản lý đào tạo",
            abbreviation="QLĐT",
            kind="office",
            is_teaching=False,
            position=1,
        )
        office = _member(school, Role.RESEARCH_OFFICE, f"nckh-{index}")
        topic_create(
            actor=office,
            school_id=school.pk,
            data=TopicData(
                code="ĐT-2027-01",
                title="Đề tài",
                level=ResearchTopic.Level.SCHOOL,
                leader_id=LecturerFactory(school=school).pk,
                starts_on=datetime.date(2027, 1, 1),
                ends_on=datetime.date(2027, 12, 1),
            ),
        )
    from daotao.enrolment.models import Cohort
    from daotao.org.models import Unit

    pks = {school.pk for school in schools}
    for rows in (
        Cohort.objects.filter(code="K01"),
        Unit.objects.filter(abbreviation="QLĐT"),
        ResearchTopic.objects.filter(code="ĐT-2027-01"),
        Program.objects.filter(code="TCLLCT"),
    ):
        assert set(rows.values_list("school_id", flat=True)) == pks, rows.model


def test_two_schools_may_issue_the_same_serial_and_hold_the_same_cadre(schools):
    from daotao.credentials.tests.factories import enroll, issued_credential
    from daotao.people.tests.factories import PersonFactory
    from daotao.tests.support.school_world import FreshSchool

    credentials = []
    for school in schools:
        person = PersonFactory(school=school, citizen_id="040084000123")
        world = FreshSchool(school)
        cohort = world.cohort(
            world.programme(), code="K01", starts_on=datetime.date(2026, 3, 2)
        )
        credentials.append(issued_credential(enroll(cohort, person, position=1)))
    assert [(c.serial, c.register.year, c.entry_number) for c in credentials] == [
        ("W000001", 2026, 1),
        ("W000001", 2026, 1),
    ]
    assert credentials[0].school_id != credentials[1].school_id
