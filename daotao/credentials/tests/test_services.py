"""Issuing, correcting, revoking and reissuing credentials; blanks and registers."""

import datetime
import string

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.credentials import services
from daotao.credentials.models import (
    BlankStock,
    Credential,
    CredentialEvent,
    Kind,
    Register,
    SpoiledBlank,
)
from daotao.credentials.services import BlankStockData, Graduate, issuing
from daotao.credentials.tests.conftest import ISSUED_ON
from daotao.credentials.tests.factories import blank_stock
from daotao.org.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


def _issue(actor, enrollments, kind=Kind.DIPLOMA, labels=("Giỏi", "Khá", "Khá")):
    return services.credentials_issue(
        actor=actor,
        kind=kind,
        year=2026,
        graduates=[
            Graduate(enrollment_id=e.pk, classification_label=label)
            for e, label in zip(enrollments, labels, strict=False)
        ],
        issued_on=ISSUED_ON,
        signer="Nguyễn Văn Hiệu",
    )


def _state():
    return (
        Credential.objects.count(),
        CredentialEvent.objects.count(),
        AuditEvent.objects.count(),
        list(Register.objects.values_list("kind", "year", "last_entry_number")),
        SpoiledBlank.objects.count(),
    )


def test_batch_takes_consecutive_entries_and_the_next_unused_blanks(
    school, issuer, diploma_cohort
):
    stock = blank_stock(school, kind=Kind.DIPLOMA, first=1, last=10)
    services.blank_spoil(actor=issuer, stock=stock, serial_number=2, reason="In lỗi")

    credentials = _issue(issuer, diploma_cohort)

    rows = Credential.objects.order_by("entry_number").values_list(
        "entry_number", "serial", "holder_name", "holder_date_of_birth",
        "classification_label", "programme_name", "status",
    )  # fmt: skip
    assert list(rows) == [
        (1, "A000001", "Trần Thị Hà", datetime.date(1981, 1, 10), "Giỏi",
         "Trung cấp lý luận chính trị", "valid"),
        (2, "A000003", "Lê Văn An", datetime.date(1982, 2, 10), "Khá",
         "Trung cấp lý luận chính trị", "valid"),
        (3, "A000004", "Đỗ Minh Tuấn", datetime.date(1983, 3, 10), "Khá",
         "Trung cấp lý luận chính trị", "valid"),
    ]  # fmt: skip
    register = Register.objects.get()
    assert (register.kind, register.year, register.book_number) == (
        "diploma",
        2026,
        "TCLLCT-2026",
    )
    assert register.last_entry_number == 3
    assert [c.issued_by for c in credentials] == [issuer] * 3
    assert (
        list(CredentialEvent.objects.values_list("action", flat=True)) == ["issue"] * 3
    )
    assert AuditEvent.objects.filter(action="credentials.credential_issue").count() == 3


def test_a_second_batch_continues_the_register(school, issuer, diploma_cohort):
    blank_stock(school, kind=Kind.DIPLOMA, first=1, last=10)
    _issue(issuer, diploma_cohort[:1])
    second = _issue(issuer, diploma_cohort[1:], labels=("Khá", "Trung bình"))
    assert [(c.entry_number, c.serial) for c in second] == [
        (2, "A000002"),
        (3, "A000003"),
    ]


def test_blanks_run_on_into_the_next_stock(school, issuer, diploma_cohort):
    blank_stock(school, kind=Kind.DIPLOMA, first=1, last=2)
    blank_stock(school, kind=Kind.DIPLOMA, first=1, last=5, prefix="B")
    credentials = _issue(issuer, diploma_cohort)
    assert [c.serial for c in credentials] == ["A000001", "A000002", "B000001"]


def test_not_enough_blanks_refuses_the_whole_batch(school, issuer, diploma_cohort):
    blank_stock(school, kind=Kind.DIPLOMA, first=1, last=2)
    blank_stock(school, kind=Kind.CERTIFICATE, first=1, last=50)
    before = _state()
    with pytest.raises(ValidationError) as refused:
        _issue(issuer, diploma_cohort)
    assert refused.value.messages == [
        "Không đủ phôi bằng tốt nghiệp trung cấp lý luận chính trị: cần 3, "
        "chỉ còn 2. Chưa cấp văn bằng nào; hãy nhập thêm lô phôi."
    ]
    assert _state() == before == (0, 0, 0, [], 0)


def test_an_enrollment_holding_a_valid_credential_refuses_the_batch(
    school, issuer, diploma_cohort
):
    blank_stock(school, kind=Kind.DIPLOMA, first=1, last=10)
    _issue(issuer, diploma_cohort[:1])
    before = _state()
    with pytest.raises(ValidationError) as refused:
        _issue(issuer, [diploma_cohort[1], diploma_cohort[0]])
    assert refused.value.messages == [
        "Đã có bằng tốt nghiệp trung cấp lý luận chính trị còn hiệu lực: "
        "Trần Thị Hà. Chưa cấp văn bằng nào."
    ]
    assert _state() == before
    assert before[3] == [("diploma", 2026, 1)]


def test_a_repeated_learner_refuses_the_batch(school, issuer, diploma_cohort):
    blank_stock(school, kind=Kind.DIPLOMA, first=1, last=10)
    with pytest.raises(ValidationError):
        _issue(issuer, [diploma_cohort[0], diploma_cohort[0]])
    assert _state() == (0, 0, 0, [], 0)


def test_a_failure_at_the_last_step_leaves_no_trace(
    school, issuer, diploma_cohort, monkeypatch
):
    """Quality I7: the audit write is the last step; if it fails nothing remains."""
    blank_stock(school, kind=Kind.DIPLOMA, first=1, last=10)

    def broken(**kwargs):
        raise RuntimeError("audit store down")

    monkeypatch.setattr(issuing, "audit_record_many", broken)
    with pytest.raises(RuntimeError):
        _issue(issuer, diploma_cohort)
    assert _state() == (0, 0, 0, [], 0)


def test_a_certificate_programme_gets_no_diploma(
    school, issuer, certificate_cohort, diploma_cohort
):
    blank_stock(school, kind=Kind.DIPLOMA, first=1, last=10)
    blank_stock(school, kind=Kind.CERTIFICATE, first=1, last=10, prefix="C")
    with pytest.raises(ValidationError):
        _issue(issuer, certificate_cohort)
    certificates = _issue(issuer, certificate_cohort, kind=Kind.CERTIFICATE)
    assert [c.serial for c in certificates] == ["C000001", "C000002"]
    assert Register.objects.get().book_number == "CCBD-2026"
    with pytest.raises(ValidationError):
        _issue(issuer, diploma_cohort, kind=Kind.CERTIFICATE)


def test_the_record_does_not_follow_later_edits_of_the_person(
    school, issuer, diploma_cohort
):
    blank_stock(school, kind=Kind.DIPLOMA, first=1, last=10)
    credential = _issue(issuer, diploma_cohort[:1])[0]
    person = diploma_cohort[0].person
    person.given_name = "Hằng"
    person.date_of_birth = datetime.date(1990, 1, 1)
    person.save()
    credential.refresh_from_db()
    assert (credential.holder_name, credential.holder_date_of_birth) == (
        "Trần Thị Hà",
        datetime.date(1981, 1, 10),
    )


def test_verification_codes_are_long_random_and_unique(school, issuer, diploma_cohort):
    blank_stock(school, kind=Kind.DIPLOMA, first=1, last=10)
    codes = [c.verification_code for c in _issue(issuer, diploma_cohort)]
    alphabet = set(string.ascii_letters + string.digits + "-_")
    assert all(len(code) == 24 and set(code) <= alphabet for code in codes)
    assert len(set(codes)) == 3
    many = {services.new_verification_code() for _ in range(2000)}
    assert len(many) == 2000  # 144 random bits each


@pytest.mark.parametrize(
    "role", [Role.LEADERSHIP, Role.SUPERVISOR, Role.LECTURER, Role.AGENCY_COORDINATOR]
)
def test_roles_without_the_permission_issue_nothing(
    school, make_user, diploma_cohort, role
):
    blank_stock(school, kind=Kind.DIPLOMA, first=1, last=10)
    with pytest.raises(PermissionDenied):
        _issue(make_user(role), diploma_cohort)
    assert _state() == (0, 0, 0, [], 0)


def test_an_issuer_of_another_school_issues_nothing(make_user, school, diploma_cohort):
    blank_stock(school, kind=Kind.DIPLOMA, first=1, last=10)
    outsider = make_user(Role.TRAINING_OFFICE, school=SchoolFactory())
    with pytest.raises(PermissionDenied):
        _issue(outsider, diploma_cohort)
    assert _state() == (0, 0, 0, [], 0)


# --- Correct, revoke, reissue --------------------------------------------------------


@pytest.fixture
def diploma(school, issuer, diploma_cohort):
    blank_stock(school, kind=Kind.DIPLOMA, first=1, last=10)
    return _issue(issuer, diploma_cohort[:1])[0]


def test_a_correction_keeps_old_and_new_values_and_the_reason(issuer, diploma):
    services.credential_correct(
        actor=issuer,
        credential=diploma,
        holder_name="  trần thị  Hà ",
        holder_date_of_birth=datetime.date(1981, 1, 11),
        classification_label="Xuất sắc",
        reason="Sai ngày sinh và xếp loại theo Quyết định 12/QĐ-TrCT",
    )
    diploma.refresh_from_db()
    assert (diploma.holder_name, diploma.classification_label) == (
        "trần thị Hà",
        "Xuất sắc",
    )
    event = diploma.events.get(action="correct")
    expected = {
        "holder_name": ["Trần Thị Hà", "trần thị Hà"],
        "holder_date_of_birth": ["1981-01-10", "1981-01-11"],
        "classification_label": ["Giỏi", "Xuất sắc"],
    }
    assert event.changes == expected
    assert event.reason == "Sai ngày sinh và xếp loại theo Quyết định 12/QĐ-TrCT"
    assert event.actor == issuer
    audit = AuditEvent.objects.get(action="credentials.credential_correct")
    assert (audit.changes, audit.object_id) == (expected, str(diploma.pk))


def test_a_correction_without_reason_or_change_is_refused(issuer, diploma):
    before = _state()
    for reason, name in (("", "Trần Thị Hà"), ("Đính chính", "Trần Thị Hà")):
        with pytest.raises(ValidationError):
            services.credential_correct(
                actor=issuer,
                credential=diploma,
                holder_name=name,
                holder_date_of_birth=datetime.date(1981, 1, 10),
                classification_label="Giỏi",
                reason=reason,
            )
    assert _state() == before


def test_revoke_records_the_reason_and_blocks_further_changes(issuer, diploma):
    services.credential_revoke(actor=issuer, credential=diploma, reason="Gian lận")
    diploma.refresh_from_db()
    assert (diploma.status, diploma.revoke_reason) == ("revoked", "Gian lận")
    event = diploma.events.get(action="revoke")
    assert (event.changes, event.reason) == (
        {"status": ["valid", "revoked"]},
        "Gian lận",
    )
    before = _state()
    with pytest.raises(ValidationError):
        services.credential_revoke(actor=issuer, credential=diploma, reason="Lần hai")
    assert _state() == before


def test_reissue_uses_a_new_blank_and_entry_and_links_the_old(school, issuer, diploma):
    new = services.credential_reissue(
        actor=issuer,
        credential=diploma,
        issued_on=datetime.date(2027, 2, 1),
        signer="Phạm Văn Ký",
        reason="Mất bằng, có đơn xác nhận",
    )
    diploma.refresh_from_db()
    assert (diploma.status, diploma.replaced_by) == ("replaced", new)
    assert (new.serial, new.entry_number, new.register.year, new.status) == (
        "A000002",
        1,
        2027,
        "valid",
    )
    assert (new.holder_name, new.classification_label, new.signer) == (
        "Trần Thị Hà",
        "Giỏi",
        "Phạm Văn Ký",
    )
    assert new.verification_code != diploma.verification_code
    old_event = diploma.events.get(action="reissue")
    assert old_event.changes == {
        "status": ["valid", "replaced"],
        "replaced_by": [None, "A000002"],
    }
    assert old_event.reason == "Mất bằng, có đơn xác nhận"
    new_event = new.events.get()
    assert (new_event.action, new_event.changes["replaces"]) == ("issue", "A000001")
    with pytest.raises(ValidationError):
        services.credential_reissue(
            actor=issuer,
            credential=diploma,
            issued_on=datetime.date(2027, 2, 1),
            signer="Phạm Văn Ký",
            reason="Lần hai",
        )


def test_reissue_without_a_blank_left_changes_nothing(school, issuer, diploma_cohort):
    blank_stock(school, kind=Kind.DIPLOMA, first=1, last=1)
    diploma = _issue(issuer, diploma_cohort[:1])[0]
    before = _state()
    with pytest.raises(ValidationError):
        services.credential_reissue(
            actor=issuer,
            credential=diploma,
            issued_on=ISSUED_ON,
            signer="Phạm Văn Ký",
            reason="Hỏng bằng",
        )
    diploma.refresh_from_db()
    assert diploma.status == "valid"
    assert _state() == before


def test_a_supervisor_may_not_revoke(make_user, diploma):
    before = _state()
    with pytest.raises(PermissionDenied):
        services.credential_revoke(
            actor=make_user(Role.SUPERVISOR), credential=diploma, reason="x"
        )
    assert _state() == before


# --- Blanks --------------------------------------------------------------------------


def _stock_data(**changes):
    values = {
        "kind": Kind.DIPLOMA,
        "serial_prefix": "A",
        "first_number": 1,
        "last_number": 100,
        "received_on": datetime.date(2026, 1, 5),
    }
    return BlankStockData(**{**values, **changes})


def test_receiving_an_overlapping_range_is_refused(school, issuer):
    stock = services.blank_stock_receive(
        actor=issuer, school_id=school.pk, data=_stock_data()
    )
    assert (stock.first_serial, stock.last_serial, stock.size) == (
        "A000001",
        "A000100",
        100,
    )
    with pytest.raises(ValidationError):
        services.blank_stock_receive(
            actor=issuer,
            school_id=school.pk,
            data=_stock_data(first_number=100, last_number=150),
        )
    services.blank_stock_receive(
        actor=issuer, school_id=school.pk, data=_stock_data(serial_prefix="B")
    )
    assert BlankStock.objects.count() == 2
    assert (
        AuditEvent.objects.filter(action="credentials.blank_stock_receive").count() == 2
    )


def test_a_used_or_spoiled_blank_cannot_be_spoiled_again(issuer, diploma):
    stock = diploma.stock
    with pytest.raises(ValidationError):
        services.blank_spoil(actor=issuer, stock=stock, serial_number=1, reason="x")
    services.blank_spoil(actor=issuer, stock=stock, serial_number=5, reason="Rách")
    with pytest.raises(ValidationError):
        services.blank_spoil(actor=issuer, stock=stock, serial_number=5, reason="x")
    with pytest.raises(ValidationError):
        services.blank_spoil(actor=issuer, stock=stock, serial_number=11, reason="x")
    assert list(SpoiledBlank.objects.values_list("serial_number", "reason")) == [
        (5, "Rách")
    ]
