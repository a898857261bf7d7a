"""An agency takes a nominee back: the place returns to the quota, the reason is
kept, and nobody else can do it for them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from daotao.core.models import AuditEvent
from daotao.enrolment import services
from daotao.enrolment.models import Nomination
from daotao.enrolment.tests.test_services import nominate

pytestmark = pytest.mark.django_db


def test_withdrawing_returns_the_place_and_keeps_the_reason(
    coordinator, planned_class, eligible_person, agencies
):
    first = nominate(coordinator, planned_class, eligible_person())
    nominate(coordinator, planned_class, eligible_person())
    assert services.quota_left(
        planned_class=planned_class, agency_id=agencies[0].pk
    ) == (
        2,
        2,
    )

    services.nomination_withdraw(
        actor=coordinator, nomination=first, reason="Cán bộ được điều động công tác"
    )

    first.refresh_from_db()
    assert (first.status, first.version) == (Nomination.Status.WITHDRAWN, 2)
    assert services.quota_left(
        planned_class=planned_class, agency_id=agencies[0].pk
    ) == (
        1,
        2,
    )
    event = AuditEvent.objects.get(action="enrolment.nomination_withdraw")
    assert (event.actor, event.object_id, event.reason) == (
        coordinator,
        str(first.pk),
        "Cán bộ được điều động công tác",
    )
    assert event.changes == {"status": ["submitted", "withdrawn"]}


def test_a_withdrawal_needs_a_reason(coordinator, planned_class, eligible_person):
    nomination = nominate(coordinator, planned_class, eligible_person())

    with pytest.raises(ValidationError) as error:
        services.nomination_withdraw(
            actor=coordinator, nomination=nomination, reason="  "
        )

    assert error.value.message_dict == {"reason": ["Hãy ghi lý do rút hồ sơ."]}
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.SUBMITTED


def test_another_agency_cannot_withdraw(
    make_user, coordinator, planned_class, eligible_person, agencies
):
    nomination = nominate(coordinator, planned_class, eligible_person())
    other = make_user("agency_coordinator", agency=agencies[1])

    with pytest.raises(PermissionDenied):
        services.nomination_withdraw(actor=other, nomination=nomination, reason="x")

    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.SUBMITTED
    assert not AuditEvent.objects.filter(
        action="enrolment.nomination_withdraw"
    ).exists()


def test_a_rejected_nomination_cannot_be_withdrawn(
    coordinator, office, planned_class, eligible_person
):
    nomination = nominate(coordinator, planned_class, eligible_person())
    services.nomination_reject(
        actor=office, nomination=nomination, reason="Thiếu hồ sơ"
    )

    with pytest.raises(ValidationError):
        services.nomination_withdraw(
            actor=coordinator, nomination=nomination, reason="Đổi người"
        )

    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.REJECTED


def test_the_page_withdraws_and_shows_the_history(
    client, coordinator, planned_class, eligible_person
):
    nomination = nominate(coordinator, planned_class, eligible_person())
    client.force_login(coordinator)
    page = client.get(f"/tuyen-sinh/de-nghi/{nomination.pk}/")
    assert page.context["can_withdraw"] is True

    response = client.post(
        f"/tuyen-sinh/de-nghi/{nomination.pk}/rut/", {"reason": "Đổi người khác"}
    )

    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.WITHDRAWN
    page = client.get(f"/tuyen-sinh/de-nghi/{nomination.pk}/")
    assert [str(e.label) for e in page.context["history"]] == [
        "Gửi đề nghị",
        "Rút hồ sơ",
    ]
    assert "Đổi người khác" in page.content.decode()
    assert page.context["can_withdraw"] is False


def test_another_agency_gets_404_from_the_page(
    client, make_user, coordinator, planned_class, eligible_person, agencies
):
    nomination = nominate(coordinator, planned_class, eligible_person())
    client.force_login(make_user("agency_coordinator", agency=agencies[1]))

    response = client.post(f"/tuyen-sinh/de-nghi/{nomination.pk}/rut/", {"reason": "x"})

    assert response.status_code == 404
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.SUBMITTED
