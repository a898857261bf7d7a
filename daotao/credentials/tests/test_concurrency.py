"""Two issuers batch-issue from the same blank stock at the same moment (quality
I7 and I9 for the register and the blanks): no serial and no register entry is
used twice or skipped, and a batch that cannot be completed leaves nothing.

On PostgreSQL the batches run in two threads, each with its own connection and
transaction, released together by a barrier; SQLite serialises writers, so there
they run one after the other and the same outcome is asserted.
"""

import threading

import pytest
from django.db import connection, connections

from daotao.core.models import AuditEvent
from daotao.credentials import services
from daotao.credentials.models import Credential, CredentialEvent, Kind, Register
from daotao.credentials.services import Graduate
from daotao.credentials.tests.conftest import ISSUED_ON
from daotao.credentials.tests.factories import blank_stock, cohort_of, enroll
from daotao.people.tests.factories import PersonFactory

# serialized_rollback: the flush after these tests keeps the migrations' rows for
# the transactional tests that follow (see enrolment/tests/test_browser.py).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _second_cohort(school, agency):
    cohort = cohort_of(
        school, program_kind="tc_llct", name="Trung cấp lý luận chính trị K2"
    )
    return [
        enroll(cohort, PersonFactory(school=school, agency=agency), position=n)
        for n in (1, 2, 3)
    ]


def _issue_at_once(actor, batches):
    """Issue every batch, concurrently on PostgreSQL; the error of each (or None)."""
    outcome: dict[int, BaseException | None] = {}

    def issue(index, enrollments):
        try:
            services.credentials_issue(
                actor=actor,
                kind=Kind.DIPLOMA,
                year=2026,
                graduates=[Graduate(e.pk, "Khá") for e in enrollments],
                issued_on=ISSUED_ON,
                signer="Nguyễn Văn Hiệu",
            )
            outcome[index] = None
        except BaseException as error:
            outcome[index] = error
        finally:
            connections.close_all()

    if connection.vendor == "postgresql":
        barrier = threading.Barrier(len(batches))

        def run(index, enrollments):
            barrier.wait()
            issue(index, enrollments)

        threads = [
            threading.Thread(target=run, args=(index, batch))
            for index, batch in enumerate(batches)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    else:
        assert connection.vendor == "sqlite"
        for index, batch in enumerate(batches):
            issue(index, batch)
    return [outcome[index] for index in range(len(batches))]


def test_parallel_batches_share_the_stock_without_repeating_a_serial(
    school, agency, issuer, diploma_cohort
):
    blank_stock(school, kind=Kind.DIPLOMA, first=1, last=10)
    second = _second_cohort(school, agency)

    assert _issue_at_once(issuer, [diploma_cohort, second]) == [None, None]

    rows = list(
        Credential.objects.order_by("entry_number").values_list(
            "entry_number", "serial_number", "enrollment__cohort_id"
        )
    )
    assert [entry for entry, _serial, _cohort in rows] == [1, 2, 3, 4, 5, 6]
    assert sorted(serial for _entry, serial, _cohort in rows) == [1, 2, 3, 4, 5, 6]
    # Each batch holds consecutive entries and consecutive blanks.
    for cohort_id in {cohort for _entry, _serial, cohort in rows}:
        mine = [(e, s) for e, s, c in rows if c == cohort_id]
        entries = [e for e, _s in mine]
        serials = [s for _e, s in mine]
        assert entries == list(range(entries[0], entries[0] + 3))
        assert serials == list(range(serials[0], serials[0] + 3))
    assert Register.objects.get(kind=Kind.DIPLOMA, year=2026).last_entry_number == 6
    assert Register.objects.count() == 1
    assert CredentialEvent.objects.filter(action="issue").count() == 6


def test_the_batch_left_without_blanks_issues_nothing(
    school, agency, issuer, diploma_cohort
):
    blank_stock(school, kind=Kind.DIPLOMA, first=1, last=4)
    second = _second_cohort(school, agency)
    audit_before = AuditEvent.objects.count()

    errors = _issue_at_once(issuer, [diploma_cohort, second])

    refused = [error for error in errors if error is not None]
    assert len(refused) == 1
    assert "Không đủ phôi" in str(refused[0])
    # Exactly one whole batch: three credentials of one cohort, entries 1–3.
    issued = Credential.objects.order_by("entry_number")
    assert [c.entry_number for c in issued] == [1, 2, 3]
    assert len({c.enrollment.cohort_id for c in issued}) == 1
    assert sorted(c.serial_number for c in issued) == [1, 2, 3]
    assert Register.objects.get(kind=Kind.DIPLOMA, year=2026).last_entry_number == 3
    assert CredentialEvent.objects.count() == 3
    assert AuditEvent.objects.count() == audit_before + 3
