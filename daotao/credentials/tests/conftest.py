"""A graduating world: a finished TC LLCT cohort of three learners, a bồi dưỡng
cohort of two and a short course of one, in one school, with a training-office
issuer; `papers` issues one batch of each kind after each cohort's signed decision."""

import datetime

import pytest
from django.core.cache import cache

from daotao.accounts.tests.factories import UserFactory
from daotao.assessment import selectors as assessment
from daotao.assessment import services as assessment_services
from daotao.assessment.models import GraduationDecision
from daotao.core.access import Role
from daotao.credentials import services
from daotao.credentials.models import Kind
from daotao.credentials.services import Graduate
from daotao.credentials.tests.factories import blank_stock, cohort_of, enroll
from daotao.documents.models import Issuer
from daotao.documents.tests.factories import IssuerFactory, OutgoingDocumentFactory
from daotao.people.tests.factories import PersonFactory
from daotao.tests.support.worlds import first_exam, graded_world, locked

ISSUED_ON = datetime.date(2026, 9, 15)
NAMES = [("Trần", "Thị", "Hà"), ("Lê", "Văn", "An"), ("Đỗ", "Minh", "Tuấn")]


@pytest.fixture(autouse=True)
def _empty_cache():
    # The verification rate limit counts in the cache; each test starts from zero.
    cache.clear()
    yield
    cache.clear()


# The assessment tests' graded cohort, for the transcripts.
@pytest.fixture
def world(school, make_user):
    return graded_world(school, make_user(None))


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


@pytest.fixture
def locked_sheet(world, office):
    exam = first_exam(world, office)
    sheet = assessment_services.score_sheet_create(actor=office, exam=exam)
    return locked(sheet, office)


@pytest.fixture
def issuer(make_user):
    return make_user(Role.TRAINING_OFFICE)


@pytest.fixture
def diploma_cohort(school, agency):
    cohort = cohort_of(
        school, program_kind="tc_llct", name="Trung cấp lý luận chính trị"
    )
    enrollments = []
    for position, (family, middle, given) in enumerate(NAMES, 1):
        person = PersonFactory(
            school=school,
            agency=agency,
            family_name=family,
            middle_name=middle,
            given_name=given,
            date_of_birth=datetime.date(1980 + position, position, 10),
        )
        enrollments.append(enroll(cohort, person, position=position))
    return enrollments


@pytest.fixture
def certificate_cohort(school, agency):
    cohort = cohort_of(
        school, program_kind="chuyen_vien", name="Bồi dưỡng ngạch chuyên viên"
    )
    return [
        enroll(cohort, PersonFactory(school=school, agency=agency), position=n)
        for n in (1, 2)
    ]


def _decide(cohort, enrollments, *, number, day):
    """The cohort's signed graduation decision listing `enrollments`."""
    issuer = Issuer.objects.filter(school=cohort.school).first()
    document = OutgoingDocumentFactory(
        issuer=issuer or IssuerFactory(school=cohort.school),
        status="signed",
        number=number,
        year=day.year,
        symbol=f"{number}/QĐ-TrCT",
        issued_on=day,
        summary="Công nhận tốt nghiệp",
    )
    return GraduationDecision.objects.create(
        cohort=cohort,
        document=document,
        graduates=[
            {"enrollment_id": e.pk, "classification": "Khá"} for e in enrollments
        ],
        created_by=UserFactory(),
    )


def _issue_all(issuer, enrollments, labels):
    cohort = enrollments[0].cohort
    return services.credentials_issue(
        actor=issuer,
        kind=assessment.credential_kind(cohort=cohort),
        year=2026,
        graduates=[
            Graduate(enrollment_id=e.pk, classification_label=label)
            for e, label in zip(enrollments, labels, strict=True)
        ],
        issued_on=ISSUED_ON,
        signer="Nguyễn Văn Hiệu",
    )


@pytest.fixture
def completion_cohort(school, agency):
    cohort = cohort_of(
        school,
        program_kind="dang_vien_moi",
        name="Bồi dưỡng lý luận chính trị dành cho đảng viên mới",
    )
    person = PersonFactory(
        school=school, family_name="Phạm", middle_name="Thu", given_name="Trang"
    )
    return [enroll(cohort, person, position=1)]


@pytest.fixture
def papers(school, issuer, diploma_cohort, certificate_cohort, completion_cohort):
    """One batch of each kind, each after its cohort's signed decision."""
    decided = {
        Kind.DIPLOMA: (diploma_cohort, 12, ("Giỏi", "Khá", "Xuất sắc")),
        Kind.CERTIFICATE: (certificate_cohort, 13, ("Khá", "Giỏi")),
        Kind.COMPLETION: (completion_cohort, 14, ("",)),
    }
    issued = {}
    for kind, (enrollments, number, labels) in decided.items():
        prefix = {"diploma": "A", "certificate": "BD", "completion": "GCN"}[kind]
        blank_stock(school, kind=kind, first=1, last=10, prefix=prefix)
        _decide(
            enrollments[0].cohort,
            enrollments,
            number=number,
            day=datetime.date(2026, 9, 5),
        )
        issued[kind] = _issue_all(issuer, enrollments, labels)
    return issued
