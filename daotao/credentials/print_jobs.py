"""Diplomas and transcripts printed in the task worker (core.generated,
docs/adr/0020): a print of more than `SYNC_PAGES` pages is built as a generated
file with the requester as the actor, so it holds exactly what their page shows."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import IO, Any

from django.urls import reverse

from daotao.assessment import selectors as assessment
from daotao.core.actors import Actor
from daotao.core.generated import Built
from daotao.credentials import printing, selectors
from daotao.credentials.exports import register_filter
from daotao.credentials.models import Credential

REGISTER_PDF = "credentials:register-pdf"
COHORT_TRANSCRIPTS = "credentials:cohort-transcripts"
PDF = "application/pdf"

# One synchronous PDF: 1,000 diplomas take 19-37 s (bench/credentials_pdf.py).
PRINT_LIMIT = 1_000


def print_list(*, actor: Actor, params: Mapping[str, Any]) -> list[Credential]:
    """ "In tất cả": the valid credentials of the register list's filter, in
    register order, one more than PRINT_LIMIT at most (to tell the limit)."""
    _form, filters = register_filter(actor=actor, params=params)
    filters = selectors.CredentialFilter(
        year=filters.year,
        kind=filters.kind,
        status=Credential.Status.VALID,
        query=filters.query,
        by_entry=True,
    )
    credentials = selectors.credential_list(actor=actor, filters=filters)
    return list(credentials.select_related("school")[: PRINT_LIMIT + 1])


def verification_url_for(origin: str) -> Callable[[Credential], str]:
    """The verification URL of a credential under the site's `origin` (the worker
    has no request; the page that asked records its origin)."""
    base = origin.rstrip("/")
    return lambda c: base + reverse("credential-verify", args=[c.verification_code])


def register_pdf_build(
    *, actor: Actor, params: Mapping[str, Any], out: IO[bytes], progress: Callable
) -> Built:
    credentials = print_list(actor=actor, params=params)[:PRINT_LIMIT]
    progress(0.05)
    out.write(
        printing.credentials_pdf(
            credentials, url_for=verification_url_for(params["origin"])
        )
    )
    return Built("van-bang.pdf", PDF, len(credentials))


def transcripts_pdf(credentials: list[Credential]) -> bytes:
    lines = selectors.transcript_lines(credentials)
    return printing.transcripts_pdf(
        [
            printing.Transcript(c, lines[c.pk].rows, lines[c.pk].overall)
            for c in credentials
        ]
    )


def cohort_transcripts_build(
    *, actor: Actor, params: Mapping[str, Any], out: IO[bytes], progress: Callable
) -> Built:
    cohort = assessment.get_cohort_for_scores(actor, int(params["cohort"]))
    credentials = selectors.cohort_credentials(actor=actor, cohort_id=cohort.pk)
    progress(0.05)
    out.write(transcripts_pdf(credentials))
    return Built(f"bang-diem-{cohort.code}.pdf", PDF, len(credentials))
