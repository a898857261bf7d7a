"""Unit-bound reach: a faculty head reads the ledger of their own faculty only,
unless another role of theirs reaches the whole school."""

import pytest

from daotao.accounts.models import Membership, User
from daotao.core.access import Role, unit_limit
from daotao.org.tests.factories import UnitFactory

LEDGER = "ledger.view_ledger"


@pytest.mark.django_db
def test_a_faculty_head_is_limited_to_the_units_of_their_memberships(make_user, school):
    first, second = UnitFactory(school=school), UnitFactory(school=school)
    head = make_user(Role.FACULTY_HEAD, unit=first)
    assert unit_limit(head, LEDGER) == frozenset({first.pk})
    Membership.objects.create(
        user=head, role=Role.FACULTY_HEAD, school=school, unit=second
    )
    head = User.objects.get(pk=head.pk)  # memberships are cached per instance
    assert unit_limit(head, LEDGER) == frozenset({first.pk, second.pk})
    # Not bound for a permission the table does not list for the role.
    assert unit_limit(head, "faculty.view_lecturer") is None


@pytest.mark.django_db
def test_a_school_wide_role_lifts_the_limit(make_user, school):
    head = make_user(Role.FACULTY_HEAD, unit=UnitFactory(school=school))
    Membership.objects.create(user=head, role=Role.LEADERSHIP, school=school)
    head = User.objects.get(pk=head.pk)  # memberships are cached per instance
    assert unit_limit(head, LEDGER) is None
    assert unit_limit(make_user(Role.TRAINING_OFFICE), LEDGER) is None
