"""What the research selectors share: a model's rows in the actor's scope for a
permission, and one row of a queryset or 404."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from daotao.core.access import scope_for


def in_scope(model: Any, actor: Any, permission: str) -> QuerySet:
    return model.objects.filter(scope_for(actor, permission).q())


def get_or_404(queryset: QuerySet, pk: Any) -> Any:
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found
