"""Generated files: queued, built by the worker with heartbeats, downloaded only
by the person who asked; a dead worker's file is failed with the reason and can be
asked for again at once."""

import datetime
import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from daotao.core import generated
from daotao.core.access import Role
from daotao.core.exporting import ExportTable
from daotao.core.models import AuditEvent, GeneratedFile

Status = GeneratedFile.Status
KIND = "tests:names"
PERMISSION = "people.export_person"


def _names(*, actor, params):
    count = int(params["count"])
    return ExportTable(
        filename="ten",
        title="Tên",
        headers=["STT", "Tên"],
        rows=((n, f"=Người {n}") for n in range(1, count + 1)),
        count=count,
    )


@pytest.fixture(autouse=True)
def _kind():
    generated.register_export(KIND, permission=PERMISSION, table=_names)
    yield
    generated._KINDS.pop(KIND)
    generated._EXPORTS.pop(KIND)


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


def _request(actor, capture, count=3):
    with capture(execute=True):
        job = generated.generated_file_request(
            actor=actor, kind=KIND, title="Tên", params={"count": count}
        )
    job.refresh_from_db()
    return job


def test_a_requested_file_is_built_by_the_worker_and_downloaded(
    client, office, django_capture_on_commit_callbacks
):
    from openpyxl import load_workbook

    job = _request(office, django_capture_on_commit_callbacks, count=3)
    assert (job.status, job.progress, job.row_count) == (Status.DONE, 100, 3)
    assert job.started_at <= job.heartbeat_at <= job.finished_at
    assert job.filename.startswith("ten-") and job.filename.endswith(".xlsx")
    assert AuditEvent.objects.filter(
        action="core.generated_file_request", object_id=str(job.pk)
    ).exists()
    client.force_login(office)
    page = client.get(f"/tep-tao-nen/{job.pk}/").content.decode()
    assert "Tải xuống" in page
    assert "Tệp được giữ 7 ngày; chỉ người yêu cầu tải được." in page
    response = client.get(f"/tep-tao-nen/{job.pk}/tai-ve/")
    assert response.status_code == 200
    assert job.filename in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(min_row=3))
    assert [(r[0].value, r[1].value, r[1].data_type) for r in rows] == [
        (1, "=Người 1", "s"),
        (2, "=Người 2", "s"),
        (3, "=Người 3", "s"),
    ]


def test_another_user_or_one_without_the_permission_gets_404(
    client, office, make_user, django_capture_on_commit_callbacks
):
    job = _request(office, django_capture_on_commit_callbacks)
    for user in (make_user(Role.TRAINING_OFFICE), make_user(Role.LECTURER)):
        client.force_login(user)
        for path in ("", "tai-ve/"):
            assert client.get(f"/tep-tao-nen/{job.pk}/{path}").status_code == 404
        assert client.post(f"/tep-tao-nen/{job.pk}/tao-lai/").status_code == 404
    assert GeneratedFile.objects.count() == 1


def test_the_requester_who_lost_the_permission_gets_404(
    client, office, django_capture_on_commit_callbacks
):
    job = _request(office, django_capture_on_commit_callbacks)
    office.memberships.update(role=Role.LECTURER)
    client.force_login(office)
    assert client.get(f"/tep-tao-nen/{job.pk}/tai-ve/").status_code == 404


def test_a_request_without_the_permission_is_refused(make_user):
    with pytest.raises(PermissionError):
        generated.generated_file_request(
            actor=make_user(Role.LECTURER), kind=KIND, title="Tên", params={}
        )
    assert GeneratedFile.objects.count() == 0


def test_progress_is_shown_while_the_file_is_built(client, office):
    job = GeneratedFile.objects.create(
        kind=KIND,
        title="Tên",
        requested_by=office,
        status=Status.RUNNING,
        progress=42,
        started_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )
    client.force_login(office)
    page = client.get(f"/tep-tao-nen/{job.pk}/").content.decode()
    assert "Đang tạo… 42%" in page
    assert 'hx-trigger="every 2s"' in page
    assert client.get(f"/tep-tao-nen/{job.pk}/tai-ve/").status_code == 404
    poll = client.get(f"/tep-tao-nen/{job.pk}/", HTTP_HX_REQUEST="true")
    assert "Đang tạo… 42%" in poll.content.decode()


def _dead(office, silent_for, progress=37):
    last_beat = timezone.now() - silent_for
    return GeneratedFile.objects.create(
        kind=KIND,
        title="Tên",
        params={"count": 2},
        requested_by=office,
        status=Status.RUNNING,
        progress=progress,
        started_at=last_beat - datetime.timedelta(minutes=1),
        heartbeat_at=last_beat,
    )


def _moment(value):
    local = timezone.localtime(value)
    return f"{local:%H:%M} {local:%d/%m/%Y}"


def test_a_file_whose_worker_died_is_failed_with_the_reason_and_made_again(
    client, office, django_capture_on_commit_callbacks
):
    dead = _dead(office, datetime.timedelta(minutes=4))
    client.force_login(office)
    page = client.get(f"/tep-tao-nen/{dead.pk}/").content.decode()
    dead.refresh_from_db()
    assert dead.status == Status.FAILED
    assert dead.error == (
        f"Tiến trình nền đã dừng giữa chừng (báo lần cuối lúc "
        f"{_moment(dead.heartbeat_at)}, ở 37%). Hãy chạy lại."
    )
    assert "Tạo lại" in page and "Hãy chạy lại." in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/tep-tao-nen/{dead.pk}/tao-lai/")
    again = GeneratedFile.objects.exclude(pk=dead.pk).get()
    assert response.url == f"/tep-tao-nen/{again.pk}/"
    assert (again.status, again.params, again.row_count) == (
        Status.DONE,
        {"count": 2},
        2,
    )


def test_a_file_that_beat_recently_is_left_running(office):
    alive = _dead(office, datetime.timedelta(minutes=2))
    assert generated.generated_files_recover() == 0
    alive.refresh_from_db()
    assert (alive.status, alive.error) == (Status.RUNNING, "")


def test_the_recover_jobs_command_fails_dead_files(office):
    dead = _dead(office, datetime.timedelta(minutes=9))
    out = StringIO()
    call_command("recover_jobs", stdout=out)
    assert out.getvalue().strip() == "1"
    dead.refresh_from_db()
    assert dead.status == Status.FAILED


def test_a_worker_that_outlives_its_watchdog_drops_its_file(office):
    job = GeneratedFile.objects.create(
        kind=KIND, title="Tên", params={"count": 2}, requested_by=office
    )

    def slow_names(*, actor, params):
        # The watchdog fails the job while the worker is still writing.
        GeneratedFile.objects.filter(pk=job.pk).update(
            status=Status.FAILED, finished_at=timezone.now(), error="chết"
        )
        return _names(actor=actor, params=params)

    generated.register_export(KIND, permission=PERMISSION, table=slow_names)
    generated.generated_file_execute(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.error, job.file.name) == (Status.FAILED, "chết", "")


def test_a_failing_build_fails_the_file_with_a_vietnamese_reason(office):
    def broken(*, actor, params):
        raise RuntimeError("boom")

    generated.register_export(KIND, permission=PERMISSION, table=broken)
    job = GeneratedFile.objects.create(kind=KIND, title="Tên", requested_by=office)
    with pytest.raises(RuntimeError):
        generated.generated_file_execute(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.error) == (Status.FAILED, "Lỗi khi tạo tệp; hãy thử lại.")


def test_a_job_not_queued_is_left_alone(office):
    job = GeneratedFile.objects.create(
        kind=KIND, title="Tên", requested_by=office, status=Status.DONE
    )
    assert generated.generated_file_execute(job_id=job.pk) is None
    job.refresh_from_db()
    assert (job.status, job.started_at) == (Status.DONE, None)


def test_files_finished_over_a_week_ago_are_pruned_with_their_jobs(
    office, django_capture_on_commit_callbacks
):
    old = _request(office, django_capture_on_commit_callbacks)
    recent = _request(office, django_capture_on_commit_callbacks)
    running = _dead(office, datetime.timedelta(minutes=1))
    week_ago = timezone.now() - datetime.timedelta(days=7, minutes=1)
    GeneratedFile.objects.filter(pk=old.pk).update(finished_at=week_ago)
    storage, name = old.file.storage, old.file.name
    assert storage.exists(name)
    out = StringIO()
    call_command("prune_generated_files", stdout=out)
    assert out.getvalue().strip() == "1"
    assert not storage.exists(name)
    assert set(GeneratedFile.objects.values_list("pk", flat=True)) == {
        recent.pk,
        running.pk,
    }
