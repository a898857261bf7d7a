"""What the research selectors share: one row of a queryset or 404. (Rows in the
actor's scope come from `Model.objects.visible_to(actor, permission)`.)"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404


def get_or_404(queryset: QuerySet, pk: Any) -> Any:
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found
