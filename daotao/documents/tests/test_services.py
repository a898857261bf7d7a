"""The signing workflow and numbering (NĐ 30 §5.3)."""

import datetime
import threading
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from docx import Document

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.documents import services
from daotao.documents.models import NumberSeries, OutgoingDocument
from daotao.documents.tests.factories import IssuerFactory, OutgoingDocumentFactory

Status = OutgoingDocument.Status
DAY = datetime.date(2026, 3, 5)


@pytest.fixture
def issuer(school):
    return IssuerFactory(school=school)


@pytest.fixture
def leader(make_user):
    return make_user(Role.LEADERSHIP)


def submitted(issuer, **kwargs):
    return OutgoingDocumentFactory(issuer=issuer, status=Status.SUBMITTED, **kwargs)


def docx_text(document: OutgoingDocument) -> str:
    with document.docx_file.open("rb") as handle:
        parsed = Document(BytesIO(handle.read()))
    texts = [p.text for p in parsed.paragraphs]
    for table in parsed.tables:
        for cell in table._cells:
            texts.extend(p.text for p in cell.paragraphs)
    return "\n".join(texts)


@pytest.mark.django_db
def test_signing_numbers_renders_and_records(issuer, leader):
    document = services.document_sign(
        actor=leader, document=submitted(issuer), signed_on=DAY
    )
    assert (document.number, document.year, document.symbol) == (1, 2026, "01/BC-TrCT")
    assert document.status == Status.SIGNED
    text = docx_text(document)
    assert "Số: 01/BC-TrCT" in text
    assert "Thanh Hóa, ngày 05 tháng 3 năm 2026" in text
    assert "- Lưu: VT, PNCKH." in text
    event = AuditEvent.objects.get(action="documents.document_sign")
    assert event.changes["number"] == [None, 1]
    assert event.actor_id == leader.pk


@pytest.mark.django_db
def test_numbers_follow_on_and_restart_each_year(issuer, leader):
    symbols = [
        services.document_sign(
            actor=leader, document=submitted(issuer), signed_on=day
        ).symbol
        for day in [
            datetime.date(2026, 12, 30),
            datetime.date(2026, 12, 31),
            datetime.date(2027, 1, 1),
        ]
    ]
    assert symbols == ["01/BC-TrCT", "02/BC-TrCT", "01/BC-TrCT"]


@pytest.mark.django_db
def test_a_council_has_its_own_series(school, issuer, leader):
    council = IssuerFactory(school=school, name="Hội đồng thi", abbreviation="HĐT")
    services.document_sign(actor=leader, document=submitted(issuer), signed_on=DAY)
    own = services.document_sign(
        actor=leader, document=submitted(council), signed_on=DAY
    )
    assert own.symbol == "01/BC-HĐT"


@pytest.mark.django_db
def test_a_failure_while_rendering_leaves_it_unsigned_and_the_number_unused(
    issuer, leader
):
    broken = submitted(issuer, body=[{"kind": "không-có-loại-này"}])
    with pytest.raises(Exception):  # noqa: B017 - whatever the renderer raises
        services.document_sign(actor=leader, document=broken, signed_on=DAY)
    broken.refresh_from_db()
    assert (broken.status, broken.number, broken.symbol) == (Status.SUBMITTED, None, "")
    assert not broken.docx_file
    assert not AuditEvent.objects.filter(action="documents.document_sign").exists()
    assert NumberSeries.objects.filter(issuer=issuer, last_number__gt=0).count() == 0
    good = services.document_sign(
        actor=leader, document=submitted(issuer), signed_on=DAY
    )
    assert good.number == 1


@pytest.mark.django_db
def test_only_submitted_documents_are_signed(issuer, leader):
    draft = OutgoingDocumentFactory(issuer=issuer)
    with pytest.raises(ValidationError, match="Chỉ ký được văn bản đã trình ký"):
        services.document_sign(actor=leader, document=draft, signed_on=DAY)
    draft.refresh_from_db()
    assert (draft.status, draft.number) == (Status.DRAFT, None)


@pytest.mark.django_db
def test_training_office_cannot_sign(issuer, make_user):
    document = submitted(issuer)
    with pytest.raises(PermissionDenied):
        services.document_sign(
            actor=make_user(Role.TRAINING_OFFICE), document=document, signed_on=DAY
        )
    document.refresh_from_db()
    assert document.status == Status.SUBMITTED
    assert NumberSeries.objects.count() == 0


@pytest.mark.django_db
def test_workflow_draft_submit_return_submit_sign_publish(issuer, leader, make_user):
    office = make_user(Role.TRAINING_OFFICE)
    document = OutgoingDocumentFactory(issuer=issuer)
    services.document_submit(actor=office, document=document)
    with pytest.raises(ValidationError):
        services.document_return(actor=leader, document=document, reason="  ")
    services.document_return(actor=leader, document=document, reason="Sửa mục 2")
    services.document_submit(actor=office, document=document)
    services.document_sign(actor=leader, document=document, signed_on=DAY)
    document = services.document_publish(actor=leader, document=document)
    assert document.status == Status.PUBLISHED
    trail = list(
        AuditEvent.objects.filter(object_id=str(document.pk))
        .order_by("id")
        .values_list("action", "reason")
    )
    assert trail == [
        ("documents.document_submitted", ""),
        ("documents.document_draft", "Sửa mục 2"),
        ("documents.document_submitted", ""),
        ("documents.document_sign", ""),
        ("documents.document_published", ""),
    ]


@pytest.mark.django_db
def test_signed_documents_cannot_be_edited(issuer, leader, make_user):
    document = services.document_sign(
        actor=leader, document=submitted(issuer), signed_on=DAY
    )
    data = services.DraftData(
        summary="Đổi",
        body_text="Đổi",
        drafting_unit_id=document.drafting_unit_id,
        signer_title="HIỆU TRƯỞNG",
    )
    with pytest.raises(ValidationError, match="dự thảo"):
        services.document_draft_update(
            actor=make_user(Role.TRAINING_OFFICE),
            document=document,
            data=data,
            expected_version=document.version,
        )
    document.refresh_from_db()
    assert document.summary == "Kết quả thực hiện Hội thảo khoa học"


# serialized_rollback: the flush after this test then keeps the migrations' rows
# for the transactional tests that follow (see enrolment/tests/test_browser.py).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_concurrent_signings_get_twenty_consecutive_numbers(school, make_user):
    """On PostgreSQL the signings run in 20 threads at once; SQLite serialises
    writers, so there they run one after another."""
    issuer = IssuerFactory(school=school)
    leader = make_user(Role.LEADERSHIP)
    documents = [submitted(issuer) for _ in range(20)]
    errors: list[BaseException] = []

    def sign(document):
        try:
            services.document_sign(actor=leader, document=document, signed_on=DAY)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    if connection.vendor == "postgresql":
        barrier = threading.Barrier(20)

        def run(document):
            barrier.wait()
            sign(document)

        threads = [threading.Thread(target=run, args=(d,)) for d in documents]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    else:
        for document in documents:
            sign(document)
    assert errors == []
    numbers = sorted(
        OutgoingDocument.objects.filter(issuer=issuer).values_list("number", flat=True)
    )
    assert numbers == list(range(1, 21))
    assert NumberSeries.objects.get(issuer=issuer, year=2026).last_number == 20


@pytest.mark.django_db
def test_cong_van_and_party_symbols(school, leader):
    from daotao.documents.models import DocumentTemplate

    letter = submitted(
        IssuerFactory(school=school),
        template=DocumentTemplate.objects.get(code="cong-van"),
        document_type=None,
    )
    assert (
        services.document_sign(actor=leader, document=letter, signed_on=DAY).symbol
        == "01/TrCT-PNCKH"
    )
    party = IssuerFactory(
        school=school, name="Đảng ủy Trường", abbreviation="ĐU", format="party"
    )
    resolution = submitted(
        party, template=DocumentTemplate.objects.get(code="nghi-quyet-dang-uy")
    )
    resolution.document_type = resolution.template.document_type
    resolution.save()
    signed = services.document_sign(actor=leader, document=resolution, signed_on=DAY)
    assert signed.symbol == "01-NQ/ĐU"
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in docx_text(signed)
