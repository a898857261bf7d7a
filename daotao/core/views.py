import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST
from django.views.defaults import bad_request, server_error
from django_htmx.http import HttpResponseClientRefresh

from daotao.core.access import login_only, public
from daotao.core.generated import (
    KEEP_DAYS,
    generated_file_retry,
    generated_files_recover,
    get_generated_file_for_user,
)
from daotao.core.models import GeneratedFile
from daotao.core.uploads import UploadTooLarge


@public
def health_view(request: HttpRequest) -> JsonResponse:
    """Liveness for the load balancer: the database answers a trivial query."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_only
def generated_file_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A generated file's page: "đang tạo… x %" while the worker builds it (an
    HTMX poll), then the download, or the reason it failed and "Tạo lại"."""
    job = get_generated_file_for_user(request.user, pk)
    if job.is_active and generated_files_recover(jobs_of=[job]):
        job.refresh_from_db()
    context = {"job": job, "keep_days": KEEP_DAYS}
    if request.htmx:
        if job.is_active:
            return render(request, "core/_generated_file_progress.html", context)
        return HttpResponseClientRefresh()
    return render(request, "core/generated_file_detail.html", context)


@login_only
def generated_file_download_view(request: HttpRequest, pk: int) -> FileResponse:
    job = get_generated_file_for_user(request.user, pk)
    if job.status != GeneratedFile.Status.DONE or not job.file:
        raise Http404
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.filename,
        content_type=job.content_type,
    )


@login_only
@require_POST
def generated_file_retry_view(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_generated_file_for_user(request.user, pk)
    if job.status != GeneratedFile.Status.FAILED:
        return redirect("core:generated-file-detail", pk=job.pk)
    retried = generated_file_retry(actor=request.user, job=job)
    return redirect("core:generated-file-detail", pk=retried.pk)


def server_error_view(request: HttpRequest) -> HttpResponse:
    """The 500 handler: a database that stopped answering gives the 503 page.

    Middleware runs before the view (the session, the signed-in user), so an outage
    raised there never reaches DatabaseUnavailableMiddleware.process_exception; Django
    calls this handler inside its `except`, where the exception is still current.
    """
    exception = sys.exc_info()[1]
    if isinstance(exception, OperationalError | InterfaceError):
        return HttpResponse(render_to_string("503.html"), status=503)
    return server_error(request)


def bad_request_view(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 400 handler: an upload stopped at the size limit gets its own page (413)."""
    if isinstance(exception, UploadTooLarge):
        return HttpResponse(
            render_to_string(
                "413.html", {"limit": settings.FILE_UPLOAD_MAX_BYTES >> 20}
            ),
            status=413,
        )
    return bad_request(request, exception)
