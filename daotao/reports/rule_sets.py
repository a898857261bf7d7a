"""The rule sets in force of every kind, for the administrator to check against
their source documents and confirm: the setup checklist's "rule sets to confirm"
step, without the admin site. Every installed kind of `org.DatedRuleSet` is listed
(`selectors.rule_set_models`), the standard school's included."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.access import permission_required
from daotao.org.services import rule_set_confirm
from daotao.reports.selectors import rule_set_models

ADMINISTER = "core.use_admin"


@dataclass(frozen=True)
class RuleSetGroup:
    kind: str
    title: str
    rule_sets: list[Any]


def _in_force(model: Any) -> list[Any]:
    today = timezone.localdate()
    return list(
        model.objects.in_force_on(today).select_related("legal_basis").newest_first()
    )


def _groups() -> list[RuleSetGroup]:
    return [
        RuleSetGroup(
            kind=model._meta.label_lower,
            title=str(model._meta.verbose_name_plural).capitalize(),
            rule_sets=_in_force(model),
        )
        for model in rule_set_models()
    ]


@permission_required(ADMINISTER)
def rule_set_list_view(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/rule_sets.html", {"groups": _groups()})


@permission_required(ADMINISTER, methods=("POST",))
def rule_set_confirm_view(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    models = {model._meta.label_lower: model for model in rule_set_models()}
    if kind not in models:
        raise Http404
    rule_set = get_object_or_404(models[kind], pk=pk)
    rule_set_confirm(actor=request.user, rule_set=rule_set)
    messages.success(request, _("Đã xác nhận “%(name)s”.") % {"name": str(rule_set)})
    return redirect("reports:rule-sets")
