"""The Django admin is for administrators only (role `administrator`)."""

import pytest

from daotao.core.access import Role
from daotao.documents.models import DocumentTemplate


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.TRAINING_OFFICE, Role.LEADERSHIP], ids=str)
def test_staff_flag_without_the_administrator_role_is_refused(client, make_user, role):
    user = make_user(role)
    user.is_staff = True
    user.save()
    client.force_login(user)
    response = client.get("/quan-tri/")
    assert response.status_code == 302
    assert response["Location"].startswith("/quan-tri/login/")


@pytest.mark.django_db
def test_administrator_edits_template_wording_and_new_drafts_use_it(client, make_user):
    admin = make_user(Role.ADMINISTRATOR)
    admin.is_staff = True
    admin.save()
    client.force_login(admin)
    template = DocumentTemplate.objects.get(code="thong-bao")
    assert client.get("/quan-tri/").status_code == 200
    response = client.post(
        f"/quan-tri/documents/documenttemplate/{template.pk}/change/",
        {
            "name": template.name,
            "document_type": template.document_type_id,
            "format": "state",
            "wording": '{"summary": "Về việc lịch nghỉ Tết", "signer_title": '
            '"CHÁNH VĂN PHÒNG", "body": "Nhà trường thông báo…"}',
            "position": template.position,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    office = make_user(Role.TRAINING_OFFICE)
    client.force_login(office)
    form = client.get(f"/van-ban/soan/{template.pk}/").context["form"]
    assert form.initial["summary"] == "Về việc lịch nghỉ Tết"
    assert form.initial["signer_title"] == "CHÁNH VĂN PHÒNG"
