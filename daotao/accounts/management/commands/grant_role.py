"""`manage.py grant_role USERNAME ROLE [--school TrCT [--province 040]] [--unit X]
[--agency-id N]`.

How an operator gives the first administrator of a new deployment their role (the
admin site opens only to the administrator role), and how roles are scripted.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from daotao.accounts.models import User
from daotao.accounts.services import membership_grant
from daotao.core.access import Role
from daotao.org.models import Agency, School, Unit


class Command(BaseCommand):
    help = "Giao vai trò cho người dùng (vai trò: " + ", ".join(Role.values) + ")."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("role", choices=Role.values)
        parser.add_argument("--school", help="chữ viết tắt của trường, ví dụ TrCT")
        parser.add_argument(
            "--province",
            help="mã hoặc tên tỉnh của trường, khi nhiều trường cùng chữ viết tắt",
        )
        parser.add_argument("--unit", help="chữ viết tắt của khoa, phòng")
        parser.add_argument("--agency-id", type=int, help="mã cơ quan cử đi học")
        parser.add_argument("--staff", action="store_true", help="mở trang quản trị")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist:
            raise CommandError(
                f"Không có người dùng “{options['username']}”."
            ) from None
        school = None
        if options["school"]:
            school = self._school(options["school"], options["province"])
        elif options["role"] != Role.SUPERVISOR:
            if School.objects.count() != 1:
                raise CommandError("Hãy chọn trường bằng --school.")
            school = School.objects.get()
        unit = (
            Unit.objects.filter(school=school, abbreviation=options["unit"]).first()
            if options["unit"]
            else None
        )
        if options["unit"] and unit is None:
            raise CommandError(f"Không có khoa, phòng “{options['unit']}”.")
        agency = None
        if options["agency_id"]:
            agency = Agency.objects.filter(
                pk=options["agency_id"], school=school
            ).first()
            if agency is None:
                raise CommandError(f"Không có cơ quan mã {options['agency_id']}.")
        if options["role"] == Role.AGENCY_COORDINATOR and agency is None:
            raise CommandError("Cán bộ tổ chức cơ quan cử cần --agency-id.")
        if options["role"] == Role.FACULTY_HEAD and unit is None:
            raise CommandError("Trưởng khoa cần --unit.")
        membership_grant(
            actor=None,
            user=user,
            role=options["role"],
            school_id=school.pk if school else None,
            unit_id=unit.pk if unit else None,
            agency_id=agency.pk if agency else None,
        )
        if options["staff"] and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        self.stdout.write(f"Đã giao vai trò {Role(options['role']).label} cho {user}.")

    def _school(self, abbreviation: str, province: str | None) -> School:
        """The one school of that abbreviation (in that province): every provincial
        school may be "TrCT", so several of them need the province to tell."""
        schools = School.objects.filter(abbreviation=abbreviation)
        if province:
            schools = schools.filter(
                Q(province__code=province) | Q(province__name__iexact=province)
            )
        found = list(schools.select_related("province").order_by("name"))
        if not found:
            raise CommandError(f"Không có trường viết tắt “{abbreviation}”.")
        if len(found) > 1:
            provinces = ", ".join(
                f"{s.province.name} ({s.province.code})" for s in found
            )
            raise CommandError(
                f"Có {len(found)} trường viết tắt “{abbreviation}” ({provinces}); "
                "hãy chọn thêm --province."
            )
        return found[0]
