"""An agency's list of nominees as an Excel/CSV sheet, through the core import
framework: each row matched to a person by CCCD (or a new person), checked against
the class and the agency's quota, then nominated all at once or not at all.

Rows are refused when the sheet cannot be trusted (a CCCD that belongs to someone
with another name, a cadre of another agency, a place beyond the quota); a person
already nominated to the class is reported and left as is, so a corrected sheet
can be sent again.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daotao.core.access import scope_for
from daotao.core.actors import Actor
from daotao.core.importing import (
    CITIZEN_ID,
    DATE_OF_BIRTH,
    FULL_NAME,
    PHONE,
    SEX,
    CellError,
    Column,
    ImportReport,
    ParsedRow,
    RowOutcome,
    Schema,
    citizen_id_column,
    date_of_birth_column,
    full_name_column,
    parse_date,
    parse_text,
    phone_column,
    run_import,
    sex_column,
    template_workbook,
    text_column,
)
from daotao.core.importing.parsers import (
    choice_key,
    display_value,
    lower_first,
    parse_choice,
)
from daotao.core.text import search_key, split_full_name
from daotao.enrolment import services
from daotao.enrolment.models import Nomination, Rating
from daotao.faculty.models import Lecturer
from daotao.org.models import EducationLevel, TheoryLevel
from daotao.people.importing import (
    EDUCATION,
    THEORY,
    education_column,
    theory_level_column,
)
from daotao.people.importing import ethnicity_index as _ethnicity_index
from daotao.people.models import Person
from daotao.people.services import PersonData

KIND = "enrolment.nominations"

ETHNICITY, PARTY_JOINED = "ethnicity", "party_joined_on"
POST, QUALIFYING = "post", "is_post_qualifying"
RATING_1, RATING_2 = "rating_previous_year", "rating_year_before"

_RATING_WORDS = {
    Rating.EXCELLENT: ("hoan thanh xuat sac nhiem vu", "htxsnv", "xuat sac"),
    Rating.GOOD: ("hoan thanh tot nhiem vu", "httnv", "tot"),
    Rating.DONE: ("hoan thanh nhiem vu", "htnv", "hoan thanh"),
    Rating.NOT_DONE: ("khong hoan thanh nhiem vu", "khtnv", "khong hoan thanh"),
}
_YES = {"x", "co", "dung", "yes", "1", "quy hoach", "duong chuc"}
_NO = {"khong", "no", "0", "-"}


# Translated when a cell is refused, not for each of the many cells read.
_RATING_REFUSAL = gettext_lazy(
    "không nhận ra xếp loại '%s'; hãy ghi: Hoàn thành xuất sắc nhiệm vụ, "
    "Hoàn thành tốt nhiệm vụ, Hoàn thành nhiệm vụ hoặc Không hoàn thành "
    "nhiệm vụ."
)


def parse_rating(value: Any) -> str | None:
    """A yearly rating from its full wording or the usual abbreviations (HTTNV)."""
    return parse_choice(value, _RATING_WORDS, refusal=_RATING_REFUSAL)


def parse_yes_no(value: Any) -> bool | None:
    text = parse_text(value)
    if text is None:
        return None
    words = choice_key(text)
    if words in _YES:
        return True
    if words in _NO:
        return False
    raise CellError(
        _("không hiểu '%s'; hãy ghi “x” hoặc “Có” nếu đúng, để trống nếu không.")
        % display_value(value)
    )


def _rating_column(key: str, label: str, year: int) -> Column:
    return Column(
        key=key,
        label=label,
        aliases=(
            _("Xếp loại năm %d") % year,
            _("Đánh giá, xếp loại năm %d") % year,
            _("Xếp loại chất lượng năm %d") % year,
            _("Kết quả đánh giá năm %d") % year,
            label,
        ),
        parser=parse_rating,
        required=False,
        example=_("Hoàn thành tốt nhiệm vụ"),
    )


def nomination_schema(starts_on: datetime.date) -> Schema:
    """The columns of a nominee list; the rating headers name the two years before
    the class starts ("Xếp loại năm 2025", "Xếp loại năm 2024")."""
    year = starts_on.year
    return Schema(
        columns=(
            full_name_column(),
            date_of_birth_column(),
            sex_column(),
            citizen_id_column(),
            Column(
                key=ETHNICITY,
                label=_("Dân tộc"),
                aliases=(_("Dân tộc"),),
                parser=parse_text,
                required=False,
                example=_("Kinh"),
            ),
            education_column(),
            theory_level_column(example=_("Sơ cấp")),
            Column(
                key=PARTY_JOINED,
                label=_("Ngày vào Đảng"),
                aliases=(_("Ngày vào Đảng"), _("Ngày kết nạp Đảng")),
                parser=parse_date,
                required=False,
                example="19/05/2010",
            ),
            text_column(
                POST,
                _("Chức vụ"),
                (
                    _("Chức vụ"),
                    _("Chức vụ hiện nay"),
                    _("Chức vụ, đơn vị công tác"),
                    _("Chức vụ, chức danh"),
                ),
                example=_("Phó Chủ tịch UBND xã"),
            ),
            Column(
                key=QUALIFYING,
                label=_("Đương chức hoặc trong quy hoạch"),
                aliases=(
                    _("Đương chức hoặc trong quy hoạch"),
                    _("Thuộc diện quy hoạch"),
                    _("Quy hoạch"),
                ),
                parser=parse_yes_no,
                required=False,
                example="x",
            ),
            _rating_column(RATING_1, _("Xếp loại năm trước"), year - 1),
            _rating_column(RATING_2, _("Xếp loại năm liền trước đó"), year - 2),
            phone_column(),
        ),
        natural_key=(CITIZEN_ID,),
    )


@dataclass(frozen=True)
class SendingDocument:
    number: str = ""
    date: datetime.date | None = None


class NominationHandler:
    """Decides each row against the registry, the class and the quota; commits
    through `services.nominations_import`."""

    def __init__(
        self,
        *,
        actor: Actor,
        planned_class: Any,
        agency: Any,
        document: SendingDocument,
        explains_eligibility: bool = True,
    ) -> None:
        self.actor = actor
        self.explains_eligibility = explains_eligibility
        self.planned = planned_class
        self.agency = agency
        self.document = document
        scope = scope_for(actor, "enrolment.nominate")
        # Only the training office (a scope over whole schools) may attach a
        # nomination to a person outside the acting agency, staff or lecturers.
        self.own_agencies = (
            None
            if scope.all_schools
            else (scope.schools or {}).get(planned_class.school_id)
        )
        self.is_agency_bound = self.own_agencies is not None

    def prepare(self, rows: list[ParsedRow]) -> None:
        citizen_ids = [row[CITIZEN_ID] for row in rows if row.get(CITIZEN_ID)]
        self.persons = {
            person.citizen_id: person
            for person in Person.objects.filter(
                school_id=self.planned.school_id, citizen_id__in=citizen_ids
            ).select_related("agency")
        }
        self.lecturer_ids = set(
            Lecturer.objects.filter(
                person__in=[p.pk for p in self.persons.values()]
            ).values_list("person_id", flat=True)
        )
        self.nominated = set(
            Nomination.objects.filter(
                planned_class=self.planned,
                person__in=[p.pk for p in self.persons.values()],
                status__in=services.ACTIVE,
            ).values_list("person_id", flat=True)
        )
        used, places = services.quota_left(
            planned_class=self.planned, agency_id=self.agency.pk
        )
        self.places_left = places - used
        self.places = places
        self.levels = dict(EducationLevel.objects.values_list("code", "pk"))
        self.theory_levels = dict(TheoryLevel.objects.values_list("code", "pk"))
        self.ethnicities = _ethnicity_index()
        self.rule_set = services.rule_set_for_class(self.planned)
        self.reference = services.Reference.load()

    def check(self, row: ParsedRow) -> RowOutcome:
        person = self.persons.get(row[CITIZEN_ID])
        if person is None:
            refusal = self._refuse_new(row)
            if refusal is not None:
                return refusal
        else:
            refusal = self._refuse_match(row, person)
            if refusal is not None:
                return refusal
            if person.pk in self.nominated:
                return RowOutcome.match(
                    _("đã có trong danh sách đề nghị của lớp; giữ nguyên.")
                )
        if self.places_left <= 0:
            return RowOutcome.refuse(
                _("vượt chỉ tiêu: cơ quan được %(places)s chỗ trong lớp %(code)s.")
                % {"places": self.places, "code": self.planned.code}
            )
        self.places_left -= 1
        notes = self._eligibility_notes(row, person)
        if person is None:
            return RowOutcome.create(*notes)
        return RowOutcome.match(*notes)

    def _refuse_new(self, row: ParsedRow) -> RowOutcome | None:
        if not split_full_name(row[FULL_NAME]).family_name:
            return RowOutcome.refuse(_("cần ghi đủ họ và tên."), column=FULL_NAME)
        if row.get(ETHNICITY) and self._ethnicity_id(row) is None:
            return RowOutcome.refuse(
                _("không có dân tộc '%s' trong danh mục 54 dân tộc.") % row[ETHNICITY],
                column=ETHNICITY,
            )
        return None

    def _refuse_match(self, row: ParsedRow, person: Person) -> RowOutcome | None:
        if self.is_agency_bound and not self._is_own_cadre(person):
            # One message whoever holds the number: nothing
            # about the holder, not even whether the name agrees.
            return RowOutcome.refuse(
                _(
                    "số CCCD này cần Phòng Quản lý đào tạo đối chiếu hồ sơ trước khi "
                    "cơ quan cử đi học; hãy gửi Phòng bản sao CCCD của cán bộ."
                ),
                column=CITIZEN_ID,
            )
        if search_key(person.full_name) != search_key(row[FULL_NAME]):
            return RowOutcome.refuse(
                _("số CCCD đã có trong hồ sơ của %(name)s, khác tên trong tệp.")
                % {"name": person.full_name},
                column=CITIZEN_ID,
            )
        return None

    def _is_own_cadre(self, person: Person) -> bool:
        """A cadre of the agency sending the list, as the acting user may see it."""
        return (
            person.agency_id == self.agency.pk
            and person.agency_id in self.own_agencies
            and person.pk not in self.lecturer_ids
        )

    def _ethnicity_id(self, row: ParsedRow) -> int | None:
        name = row.get(ETHNICITY)
        return self.ethnicities.get(_search_key(name)) if name else None

    def _eligibility_notes(self, row: ParsedRow, person: Person | None) -> list[str]:
        if self.rule_set is None or not self.explains_eligibility:
            return []
        subject = person or Person(
            sex=row[SEX],
            date_of_birth=row[DATE_OF_BIRTH],
            party_joined_on=row.get(PARTY_JOINED),
            education_level_id=self.levels.get(row.get(EDUCATION)),
            theory_level_id=self.theory_levels.get(row.get(THEORY)),
            ethnicity_id=self._ethnicity_id(row),
        )
        candidate = services.candidate_for(
            subject,
            ratings=(row.get(RATING_1) or "", row.get(RATING_2) or ""),
            is_post_qualifying=bool(row.get(QUALIFYING)),
            ranks_by_id=self.reference.ranks_by_id,
            minority_ids=self.reference.minority_ids,
            theory_codes_by_id=self.reference.theory_codes_by_id,
        )
        results = services.evaluate_candidate(
            candidate,
            rule_set=self.rule_set,
            planned=self.planned,
            reference=self.reference,
        )
        return [
            _("chưa đạt tiêu chuẩn “%(label)s”%(detail)s")
            % {
                "label": r.label,
                "detail": f": {lower_first(r.detail)}" if r.detail else ".",
            }
            for r in results
            if not r.passed
        ] + self._theory_mismatch(row, person)

    def _theory_mismatch(self, row: ParsedRow, person: Person | None) -> list[str]:
        """A matched cadre is judged on the record, so a sheet that says otherwise
        is pointed out for the office to settle."""
        written = row.get(THEORY)
        if person is None or not written:
            return []
        recorded = self.reference.theory_codes_by_id.get(person.theory_level_id, "")
        if written == recorded:
            return []
        names = self.reference.theory_levels
        return [
            _(
                "trình độ lý luận chính trị trong tệp (%(written)s) khác hồ sơ cán "
                "bộ (%(recorded)s); điều kiện được xét theo hồ sơ, hãy cập nhật hồ "
                "sơ nếu tệp đúng."
            )
            % {
                "written": names[written][1],
                "recorded": names[recorded][1] if recorded else _("chưa ghi"),
            }
        ]

    def commit(self, rows: list[ParsedRow]) -> None:
        nominees = []
        for row in rows:
            person = self.persons.get(row[CITIZEN_ID])
            if person is not None and person.pk in self.nominated:
                continue
            nominees.append(
                services.ImportedNominee(
                    data=self._nomination_data(row),
                    person=person,
                    new_person=None if person else self._person_data(row),
                )
            )
        services.nominations_import(
            actor=self.actor,
            planned_class=self.planned,
            agency_id=self.agency.pk,
            nominees=nominees,
        )

    def _nomination_data(self, row: ParsedRow) -> services.NominationData:
        return services.NominationData(
            post=row.get(POST) or "",
            is_post_qualifying=bool(row.get(QUALIFYING)),
            rating_previous_year=row.get(RATING_1) or "",
            rating_year_before=row.get(RATING_2) or "",
            sending_document_number=self.document.number,
            sending_document_date=self.document.date,
        )

    def _person_data(self, row: ParsedRow) -> PersonData:
        name = split_full_name(row[FULL_NAME])
        return PersonData(
            family_name=name.family_name,
            middle_name=name.middle_name,
            given_name=name.given_name,
            sex=row[SEX],
            date_of_birth=row[DATE_OF_BIRTH],
            citizen_id=row[CITIZEN_ID],
            phone=row.get(PHONE) or "",
            ethnicity_id=self._ethnicity_id(row),
            education_level_id=self.levels.get(row.get(EDUCATION)),
            theory_level_id=self.theory_levels.get(row.get(THEORY)),
            party_joined_on=row.get(PARTY_JOINED),
            current_post=row.get(POST) or "",
            agency_id=self.agency.pk,
        )


@functools.lru_cache(maxsize=4096)
def _search_key(text: str) -> str:
    return search_key(text)


def _failed_rule(result: Any) -> str:
    detail = f": {lower_first(result.detail)}" if result.detail else "."
    return _("chưa đạt tiêu chuẩn “%(label)s”%(detail)s") % {
        "label": result.label,
        "detail": detail,
    }


def scope_key(planned_class: Any, agency: Any) -> str:
    return f"planned_class:{planned_class.pk}:agency:{agency.pk}"


def nominations_import_run(
    *,
    upload: bytes | IO[bytes],
    filename: str,
    actor: Actor,
    planned_class: Any,
    agency: Any,
    document: SendingDocument,
    dry_run: bool,
) -> ImportReport:
    """Dry-run or commit an agency's nominee list for one class."""
    return run_import(
        upload=upload,
        filename=filename,
        schema=nomination_schema(planned_class.starts_on),
        handler=NominationHandler(
            actor=actor,
            planned_class=planned_class,
            agency=agency,
            document=document,
            # The notes are for the person reading the dry run; a commit only
            # needs the decisions.
            explains_eligibility=dry_run,
        ),
        actor=actor,
        kind=KIND,
        scope_key=scope_key(planned_class, agency),
        school=planned_class.school,
        dry_run=dry_run,
    )


def nominations_template(planned_class: Any) -> bytes:
    """The sheet an agency fills in for this class."""
    return template_workbook(
        nomination_schema(planned_class.starts_on),
        title=_("DANH SÁCH CÁN BỘ CỬ ĐI HỌC LỚP %s") % planned_class.name.upper(),
    )
