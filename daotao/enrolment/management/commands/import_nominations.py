"""`manage.py import_nominations FILE --planned-class CODE --agency CODE [--dry-run]`

The same import as the "Nhập danh sách từ Excel" page: a dry run prints the row
report; without --dry-run the sheet is committed all-or-nothing. The command acts
as --user, or as the school's only administrator account when --user is omitted.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from daotao.core.access import Role
from daotao.core.importing import CREATE, MATCH, REFUSE, ImportReport
from daotao.core.text import search_key
from daotao.enrolment.importing import SendingDocument, nominations_import_run
from daotao.org.models import Agency
from daotao.planning.models import PlannedClass, TrainingPlan

ACTIONS = {CREATE: "tạo mới", MATCH: "khớp hồ sơ", REFUSE: "KHÔNG NHẬN"}


class Command(BaseCommand):
    help = (
        "Nhập danh sách cán bộ cơ quan cử đi học từ tệp Excel/CSV vào một lớp "
        "của kế hoạch đã duyệt (thử trước với --dry-run)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="tệp .xlsx hoặc .csv")
        parser.add_argument(
            "--planned-class", required=True, help="mã lớp trong kế hoạch"
        )
        parser.add_argument(
            "--agency",
            required=True,
            help="cơ quan cử: số hiệu, tên viết tắt hoặc tên đầy đủ",
        )
        parser.add_argument("--year", type=int, help="năm kế hoạch, nếu mã lớp trùng")
        parser.add_argument("--user", help="tên đăng nhập của người thực hiện")
        parser.add_argument("--document-number", default="", help="số văn bản cử")
        parser.add_argument("--document-date", help="ngày văn bản cử (dd/mm/yyyy)")
        parser.add_argument(
            "--dry-run", action="store_true", help="chỉ kiểm tra, không ghi"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp '{path}'.")
        planned = _planned_class(options["planned_class"], options["year"])
        agency = _agency(options["agency"], planned.school_id)
        actor = _actor(options["user"], planned.school_id)
        document = SendingDocument(
            number=options["document_number"],
            date=_date(options["document_date"]),
        )
        try:
            with path.open("rb") as upload:
                report = nominations_import_run(
                    upload=upload,
                    filename=path.name,
                    actor=actor,
                    planned_class=planned,
                    agency=agency,
                    document=document,
                    dry_run=options["dry_run"],
                )
        except PermissionDenied as error:
            raise CommandError(
                f"Tài khoản '{actor.username}' không được gửi đề nghị cho cơ quan "
                f"'{agency.name}'."
            ) from error
        self._print(report, planned=planned, agency=agency)
        if report.file_errors or report.counts[REFUSE]:
            raise CommandError("Không ghi được: tệp có lỗi (xem các dòng trên).")

    def _print(self, report: ImportReport, *, planned: Any, agency: Any) -> None:
        write = self.stdout.write
        write(f"Lớp {planned.code} — {planned.name}; cơ quan: {agency.name}")
        for message in (*report.file_errors, *report.notices):
            write(message)
        if report.header_row:
            write(f"Trang tính '{report.sheet_name}', dòng tiêu đề {report.header_row}")
        for row in report.rows:
            write(f"Dòng {row.number}: {ACTIONS[row.action]}")
            for message in row.messages:
                write(f"    {message}")
        counts = report.counts
        write(
            f"Tổng: {len(report.rows)} dòng — tạo mới {counts[CREATE]}, khớp hồ sơ "
            f"{counts[MATCH]}, không nhận {counts[REFUSE]}."
        )
        if report.is_committed:
            write(self.style.SUCCESS("Đã ghi vào hệ thống."))
        elif report.is_dry_run and report.is_importable:
            write("Chạy thử: chưa ghi gì. Bỏ --dry-run để ghi.")


def _planned_class(code: str, year: int | None) -> PlannedClass:
    found = PlannedClass.objects.filter(
        code=code, plan__status=TrainingPlan.Status.APPROVED
    ).select_related("plan", "school", "program_version__program")
    if year is not None:
        found = found.filter(plan__year=year)
    classes = list(found[:5])
    if not classes:
        raise CommandError(
            f"Không có lớp mã '{code}' trong kế hoạch đã phê duyệt"
            + (f" năm {year}." if year else ".")
        )
    if len(classes) > 1:
        years = ", ".join(str(c.plan.year) for c in classes)
        raise CommandError(
            f"Mã lớp '{code}' có trong kế hoạch các năm {years}; hãy thêm --year."
        )
    return classes[0]


def _agency(text: str, school_id: int) -> Agency:
    agencies = Agency.objects.filter(school_id=school_id)
    if text.isdigit():
        found = list(agencies.filter(pk=int(text)))
    else:
        found = list(
            agencies.filter(Q(short_name__iexact=text) | Q(search_key=search_key(text)))
        )
    if not found:
        raise CommandError(f"Không tìm thấy cơ quan '{text}'.")
    if len(found) > 1:
        names = "; ".join(f"{a.pk}: {a.name}" for a in found)
        raise CommandError(f"'{text}' khớp nhiều cơ quan ({names}); hãy ghi số hiệu.")
    return found[0]


def _actor(username: str | None, school_id: int) -> Any:
    users = get_user_model().objects.filter(is_active=True)
    if username:
        user = users.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản '{username}' đang hoạt động.")
        return user
    admins = list(
        users.filter(
            memberships__is_active=True,
            memberships__role=Role.ADMINISTRATOR,
            memberships__school_id=school_id,
        ).distinct()[:2]
    )
    if len(admins) != 1:
        raise CommandError("Hãy chỉ rõ tài khoản thực hiện bằng --user.")
    return admins[0]


def _date(text: str | None) -> datetime.date | None:
    if not text:
        return None
    try:
        return datetime.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError as error:
        raise CommandError(
            f"Ngày văn bản '{text}' không đúng dạng dd/mm/yyyy."
        ) from error
