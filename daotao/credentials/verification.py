"""What the public verification pages share: the lookup limit per address, the
school they are headed with, and the masked date of birth they show."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from daotao.core.ratelimit import over_limit

__all__ = ["is_over_limit", "masked_date_of_birth", "public_school"]


def is_over_limit(request: HttpRequest) -> bool:
    """Count this lookup (by code or by số hiệu, one budget) for the client's IP;
    True once the window's limit is passed. Settings are read per request so tests
    can lower them."""
    return over_limit(
        request,
        scope="credentials:verify",
        limit=getattr(settings, "CREDENTIAL_VERIFY_LIMIT", 30),
        window=getattr(settings, "CREDENTIAL_VERIFY_WINDOW", 600),
    )


def masked_date_of_birth(value: datetime.date | None) -> str:
    """The year alone, "**/**/1978" (docs/adr/0016): enough to tell namesakes
    apart, while the full date stays the second half of the số hiệu look-up."""
    return f"**/**/{value.year}" if value else "—"


def public_school(credential: Any = None) -> Any:
    """The school a public page is headed with: the credential's, or else the
    deployment's first school (the one whose site this is), the same for every
    miss."""
    if credential is not None:
        return credential.school
    from daotao.org.models import School

    return School.objects.order_by("pk").first()
