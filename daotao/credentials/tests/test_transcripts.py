"""Transcripts (bảng điểm): module results from the locked score sheets of the
holder's cohort, one PDF per credential or per cohort, in the holder's scope."""

import io

import pytest
from pypdf import PdfReader

from daotao.assessment import services as assessment
from daotao.assessment.tests.conftest import fill
from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.credentials import services
from daotao.credentials.models import Kind
from daotao.credentials.services import Graduate
from daotao.credentials.tests.conftest import ISSUED_ON
from daotao.credentials.tests.factories import blank_stock

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(school, world, office, locked_sheet):
    """Both modules locked (the second with better marks), then diplomas."""
    second = assessment.exam_create(
        actor=office,
        cohort=world["cohort"],
        module=world["modules"][1],
        held_on=ISSUED_ON,
    )
    other = assessment.score_sheet_create(actor=office, exam=second)
    fill(other, office, {"attendance": "10", "test": "8", "exam": "9"})
    assessment.score_sheet_submit(actor=office, sheet=other)
    assessment.score_sheet_lock(actor=office, sheet=other)
    blank_stock(school, kind=Kind.DIPLOMA, first=1, last=10)
    return services.credentials_issue(
        actor=office,
        kind=Kind.DIPLOMA,
        year=2026,
        graduates=[Graduate(e.pk, "Khá") for e in world["enrollments"]],
        issued_on=ISSUED_ON,
        signer="Nguyễn Văn Hiệu",
    )


def _pdf_text(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_a_transcript_shows_each_module_result_and_the_overall(
    client,
    office,
    issued,
):
    client.force_login(office)
    credential = issued[0]
    reader, text = _pdf_text(client.get(f"/van-bang/{credential.pk}/bang-diem/"))
    assert len(reader.pages) == 1
    assert "BẢNG ĐIỂM" in text
    assert credential.holder_name in text
    # 9×0.1 + 7×0.3 + 6×0.6 = 6.6; 10×0.1 + 8×0.3 + 9×0.6 = 8.8;
    # weighted by periods 30 and 10: (198 + 88) / 40 = 7.15,
    assert "Triết học Mác - Lênin 6,6" in text
    assert "Xây dựng Đảng 8,8" in text
    # 7.15 rounded half up to the rule set's step 0.1; no number of its own.
    assert "\n3 " not in text
    assert "Điểm trung bình chung toàn khóa 7,2" in " ".join(text.split())
    assert credential.serial in text


def test_a_cohort_prints_every_transcript_in_one_pdf(client, office, issued, world):
    client.force_login(office)
    cohort = world["cohort"]
    reader, text = _pdf_text(
        client.get(f"/van-bang/cap-theo-lop/{cohort.pk}/bang-diem/")
    )
    assert len(reader.pages) == 3
    for credential in issued:
        assert credential.holder_name in text


def test_a_cohort_without_credentials_is_sent_back_with_a_message(
    client,
    office,
    world,
):
    client.force_login(office)
    cohort = world["cohort"]
    events = AuditEvent.objects.count()
    response = client.get(f"/van-bang/cap-theo-lop/{cohort.pk}/bang-diem/", follow=True)
    assert response.redirect_chain[-1][0] == f"/danh-gia/lop/{cohort.pk}/tot-nghiep/"
    assert (
        "chưa có văn bằng, chứng chỉ nào để in bảng điểm" in response.content.decode()
    )
    assert AuditEvent.objects.count() == events


def test_someone_outside_the_scope_gets_404(client, make_user, issued):
    client.force_login(make_user(Role.AGENCY_COORDINATOR))
    assert client.get(f"/van-bang/{issued[0].pk}/bang-diem/").status_code in (403, 404)


def test_a_large_cohorts_transcripts_are_made_in_the_worker(
    client, office, issued, world, monkeypatch, django_capture_on_commit_callbacks
):
    from daotao.core.models import GeneratedFile

    monkeypatch.setattr("daotao.credentials.views.credentials.SYNC_PAGES", 1)
    client.force_login(office)
    cohort = world["cohort"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"/van-bang/cap-theo-lop/{cohort.pk}/bang-diem/")
    job = GeneratedFile.objects.get()
    assert response.url == f"/tep-tao-nen/{job.pk}/"
    assert (job.status, job.params, job.row_count) == ("done", {"cohort": cohort.pk}, 3)
    download = client.get(f"/tep-tao-nen/{job.pk}/tai-ve/")
    reader = PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    assert len(reader.pages) == 3
