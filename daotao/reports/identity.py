"""The school's identity page for its administrator: name, header lines and
contacts (org), and the document issuer that prints them (documents). It sits on
top because one save reaches both apps."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from daotao.core.access import home_school_id, permission_required
from daotao.core.forms import add_service_errors
from daotao.documents.models import Issuer
from daotao.documents.services import issuer_default_follow_school
from daotao.org import services as org
from daotao.org.models import School
from daotao.reports.forms import SchoolIdentityForm

ADMINISTER = "core.use_admin"


@permission_required(ADMINISTER)
def school_identity_view(request: HttpRequest) -> HttpResponse:
    school = School.objects.filter(pk=home_school_id(request.user, ADMINISTER)).first()
    if school is None:
        raise Http404
    form = SchoolIdentityForm(request.POST or None, instance=school)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            with transaction.atomic():
                saved = org.school_identity_update(
                    actor=request.user, school=school, **values
                )
                issuer_default_follow_school(actor=request.user, school=saved)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu thông tin trường."))
            return redirect("reports:school-identity")
    school.refresh_from_db()
    return render(
        request,
        "reports/school_identity.html",
        {
            "form": form,
            "school": school,
            "issuers": Issuer.objects.filter(school=school, is_active=True),
        },
    )
