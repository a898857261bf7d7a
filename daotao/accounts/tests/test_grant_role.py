import pytest
from django.core.management import CommandError, call_command

from daotao.accounts.models import Membership, User
from daotao.core.access import Role


@pytest.mark.django_db
def test_grant_administrator_opens_the_admin(client, school):
    user = User.objects.create_user(username="admin1", password="Một-mật-khẩu-dài-1")
    call_command("grant_role", "admin1", "administrator", "--staff")
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.school_id) == (Role.ADMINISTRATOR, school.pk)
    client.force_login(user)
    assert client.get("/quan-tri/").status_code == 200


@pytest.mark.django_db
def test_unknown_user_is_refused_and_nothing_is_granted(school):
    with pytest.raises(CommandError, match="Không có người dùng “ai”"):
        call_command("grant_role", "ai", "administrator")
    assert Membership.objects.count() == 0


@pytest.mark.django_db
def test_two_schools_of_one_abbreviation_need_the_province():
    """Every provincial school may be "TrCT": the province tells them apart, and
    without it nothing is granted."""
    from daotao.org.tests.factories import SchoolFactory

    first, second = SchoolFactory(), SchoolFactory()
    user = User.objects.create_user(username="bgh2", password="Một-mật-khẩu-dài-1")
    with pytest.raises(CommandError, match="Có 2 trường viết tắt “TrCT”"):
        call_command("grant_role", "bgh2", "leadership", "--school", "TrCT")
    assert Membership.objects.count() == 0
    call_command(
        "grant_role",
        "bgh2",
        "leadership",
        "--school",
        "TrCT",
        "--province",
        second.province.name,
    )
    membership = Membership.objects.get(user=user)
    assert membership.school_id == second.pk != first.pk
