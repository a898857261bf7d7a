"""The learner's own page shows the research task through a core panel: learning
renders what outcomes registers and never reads the task itself."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from daotao.core import panels
from daotao.core.access import Role
from daotao.outcomes import services


def _learner(make_user, enrollment):
    user = make_user(Role.LEARNER)
    user.person = enrollment.person
    user.save(update_fields=["person"])
    return user


@pytest.mark.django_db
def test_the_learner_sees_the_task_set_for_them_and_its_grade(
    client, cadres, office, teaching_lecturer, make_user
):
    an, binh = cadres[0], cadres[1]
    task = services.research_task_assign(
        actor=office,
        enrollment=an,
        title="Nâng cao chất lượng sinh hoạt chi bộ",
        description="Gắn với công tác tổ chức của huyện.",
        due_on=datetime.date(2027, 6, 30),
    )
    services.research_task_grade(
        actor=teaching_lecturer, task=task, grade=Decimal("8.5"), comment="Tốt."
    )

    client.force_login(_learner(make_user, an))
    page = client.get(reverse("learning:portal")).content.decode()
    assert "Nâng cao chất lượng sinh hoạt chi bộ" in page
    assert "30/06/2027" in page
    assert "8,5" in page and "Tốt." in page

    client.force_login(_learner(make_user, binh))
    page = client.get(reverse("learning:portal")).content.decode()
    assert "Nâng cao chất lượng sinh hoạt chi bộ" not in page
    assert "Cơ quan cử đi học chưa giao nhiệm vụ nghiên cứu." in page


def test_panels_keep_their_order_and_leave_out_those_with_nothing_to_show():
    slot = "tests.panels"
    panels.register(slot, name="a", template="a.html", provider=lambda s: {"n": s})
    panels.register(slot, name="b", template="b.html", provider=lambda s: None)
    panels.register(slot, name="c", template="c.html", provider=lambda s: {"m": 2})

    shown = panels.panels_for(slot, 7)

    assert [(p.template, p.context) for p in shown] == [
        ("a.html", {"n": 7}),
        ("c.html", {"m": 2}),
    ]
    assert panels.panels_for("tests.no-such-slot", 7) == []
