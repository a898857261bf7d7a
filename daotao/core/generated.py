"""Files built by the task worker: long exports and PDFs of many pages
(docs/adr/0020, the job pattern of docs/adr/0011).

An app registers each kind of file it can build (`register_kind`, in its
`AppConfig.ready()`): the permission of the page that starts it and a `build`
function of (actor, params) that writes the file. The page calls
`generated_file_request`, which records a `GeneratedFile` and enqueues
`core.tasks.generate_file`; the worker runs `generated_file_execute`, which calls
`build` with the requester as the actor (so the file holds exactly what the page's
scope shows them), beats while it writes and stores the file. The job page
(`core:generated-file-detail`) shows the progress and then the download; only the
requester, still holding the kind's permission, reaches either.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import IO, Any

from django.core.files import File
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core import jobs
from daotao.core.access import has_permission
from daotao.core.actors import Actor
from daotao.core.exporting import XLSX_CONTENT_TYPE, ExportTable, write_xlsx
from daotao.core.history import audit_record
from daotao.core.models import GeneratedFile

logger = logging.getLogger(__name__)

# A PDF of up to this many pages is made inside the request: LibreOffice takes
# about a second to start and ~30 ms a page (1,000 diplomas in 28.5-29.7 s), so
# 20 pages stay under two seconds. Longer prints go to the task worker.
SYNC_PAGES = 20

# At most one beat a second: a beat is an UPDATE of the job row.
BEAT_SECONDS = 1.0

Status = GeneratedFile.Status


class GenerationError(Exception):
    """A build's refusal in Vietnamese (a paper that cannot be read): the file fails
    with this message as its reason, shown to the requester as it is."""


@dataclass(frozen=True)
class Built:
    """What a build wrote: the download's name and type, and how many rows/pages."""

    filename: str
    content_type: str
    count: int


# build(actor=, params=, out=, progress=) -> Built; progress(fraction 0..1).
Build = Callable[..., Built]


@dataclass(frozen=True)
class FileKind:
    name: str
    permission: str
    build: Build


_KINDS: dict[str, FileKind] = {}
_EXPORTS: dict[str, Callable[..., ExportTable]] = {}


def register_kind(name: str, *, permission: str, build: Build) -> None:
    """Declare a kind of generated file (an app's `AppConfig.ready()`)."""
    _KINDS[name] = FileKind(name, permission, build)


def register_export(
    name: str,
    *,
    permission: str,
    table: Callable[..., ExportTable],
) -> None:
    """Declare an XLSX export: `table(actor=, params=)` gives its rows; the worker
    writes them through `core.exporting.write_xlsx`."""

    def build(
        *, actor: Actor, params: dict, out: IO[bytes], progress: Callable
    ) -> Built:
        export = table(actor=actor, params=params)
        total = max(export.count, 1)
        written = write_xlsx(
            export, out, progress=lambda rows: progress(min(rows / total, 0.99))
        )
        return Built(export.download_name(), XLSX_CONTENT_TYPE, written)

    _EXPORTS[name] = table
    register_kind(name, permission=permission, build=build)


def export_table(name: str, *, actor: Actor, params: dict[str, Any]) -> ExportTable:
    """The rows of the registered export `name` for `actor` (the page's scope)."""
    try:
        table = _EXPORTS[name]
    except KeyError:
        raise LookupError(f"Export {name!r} is not registered") from None
    return table(actor=actor, params=params)


def registered_exports() -> list[str]:
    return sorted(_EXPORTS)


def kind_of(name: str) -> FileKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise LookupError(f"Generated file kind {name!r} is not registered") from None


def registered_kinds() -> dict[str, FileKind]:
    return dict(_KINDS)


# --- Requesting and reading ---------------------------------------------------------


def generated_file_request(
    *,
    actor: Actor,
    kind: str,
    title: str,
    params: dict[str, Any],
    school_id: int | None = None,
    back_url: str = "",
) -> GeneratedFile:
    """A queued file of `kind` for `actor` (who must hold its permission); the
    worker starts on it after commit."""
    file_kind = kind_of(kind)
    if not has_permission(actor, file_kind.permission):
        raise PermissionError(file_kind.permission)
    with transaction.atomic():
        job = GeneratedFile.objects.create(
            kind=kind,
            title=title[:255],
            params=params,
            school_id=school_id,
            requested_by=actor,
            back_url=back_url[:1000],
        )
        audit_record(
            actor=actor,
            action="core.generated_file_request",
            instance=job,
            changes={"kind": kind, "params": params},
        )
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def generated_file_retry(*, actor: Actor, job: GeneratedFile) -> GeneratedFile:
    """A new request with the same kind and parameters as a failed `job`."""
    return generated_file_request(
        actor=actor,
        kind=job.kind,
        title=job.title,
        params=job.params,
        school_id=job.school_id,
        back_url=job.back_url,
    )


def _enqueue(job_id: int) -> None:
    # Imported here: the task module imports this one.
    from daotao.core.tasks import generate_file

    generate_file.enqueue(job_id)


def get_generated_file_for_user(user: Any, pk: int) -> GeneratedFile:
    """The job `pk` if `user` asked for it and still holds the permission of the
    page it came from; otherwise 404, as for any out-of-scope object."""
    job = GeneratedFile.objects.filter(pk=pk, requested_by_id=user.pk).first()
    if job is None or job.kind not in _KINDS:
        raise Http404
    if not has_permission(user, _KINDS[job.kind].permission):
        raise Http404
    return job


def generated_files_recover(*, jobs_of: Any = None) -> int:
    """Mark failed, with the reason, the files whose worker stopped (core.jobs);
    they can be asked for again at once. Returns how many."""
    active = GeneratedFile.objects.filter(status__in=[Status.QUEUED, Status.RUNNING])
    if jobs_of is not None:
        active = active.filter(pk__in=[job.pk for job in jobs_of])
    return jobs.jobs_recover(
        active, failed={"status": Status.FAILED}, reason_field="error"
    )


# --- The worker's side --------------------------------------------------------------


def generated_file_execute(*, job_id: int) -> GeneratedFile | None:
    """Build a queued file: running → done with its file, or failed with the
    reason. A job not queued is left alone (a repeated delivery is harmless); a job
    the watchdog failed meanwhile keeps its failure and the file is dropped."""
    generated_files_recover()
    now = timezone.now()
    claimed = GeneratedFile.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=now, heartbeat_at=now, progress=0
    )
    if not claimed:
        return None
    job = GeneratedFile.objects.select_related("requested_by").get(pk=job_id)
    file_kind = kind_of(job.kind)
    actor = job.requested_by
    if not has_permission(actor, file_kind.permission):
        _finish(
            job, Status.FAILED, error=_("Người yêu cầu không còn quyền tạo tệp này.")
        )
        return job
    with tempfile.TemporaryFile() as out:
        try:
            built = file_kind.build(
                actor=actor, params=job.params, out=out, progress=_beater(job)
            )
        except GenerationError as refusal:
            _finish(job, Status.FAILED, error=str(refusal))
            return job
        except Exception:
            logger.exception("generated file %s failed", job.pk)
            _finish(job, Status.FAILED, error=_("Lỗi khi tạo tệp; hãy thử lại."))
            raise
        out.seek(0)
        _store(job, out, built)
    return job


def _beater(job: GeneratedFile) -> Callable[[float], None]:
    """progress(fraction): a heartbeat with the percentage, at most once a second."""
    last = [0.0]

    def progress(fraction: float) -> None:
        moment = time.monotonic()
        if moment - last[0] >= BEAT_SECONDS:
            last[0] = moment
            jobs.job_beat(job, progress=max(0, min(99, int(100 * fraction))))

    return progress


def _store(job: GeneratedFile, out: IO[bytes], built: Built) -> None:
    with transaction.atomic():
        locked = (
            GeneratedFile.objects.select_for_update()
            .filter(pk=job.pk, finished_at__isnull=True)
            .first()
        )
        if locked is None:  # the watchdog failed it first: its result is void
            job.refresh_from_db()
            return
        locked.file.save(built.filename, File(out), save=False)
        _finish(
            locked,
            Status.DONE,
            file=locked.file.name,
            filename=built.filename,
            content_type=built.content_type,
            row_count=built.count,
        )
    job.refresh_from_db()


def _finish(job: GeneratedFile, status: str, **values: Any) -> bool:
    """End the job unless the watchdog ended it first; True when this call did."""
    now = timezone.now()
    fields = {"status": status, "finished_at": now, "progress": 100, **values}
    ended = GeneratedFile.objects.filter(pk=job.pk, finished_at__isnull=True).update(
        updated_at=now, **fields
    )
    job.refresh_from_db()
    return bool(ended)


# --- Keeping -------------------------------------------------------------------------

# A generated file is a download for the person who asked, not a record: it is kept
# a week (long enough to come back for it) and then removed with its job.
KEEP_DAYS = 7


def generated_files_prune(*, days: int = KEEP_DAYS) -> int:
    """Delete the finished files (and their jobs) older than `days` days; returns
    how many. Jobs still queued or running are left to the watchdog."""
    cutoff = timezone.now() - timedelta(days=days)
    old = GeneratedFile.objects.filter(
        finished_at__isnull=False, finished_at__lt=cutoff
    )
    count = 0
    for job in old.iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    return count
