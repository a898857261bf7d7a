"""The school's lecturers as an Excel/CSV sheet, through the core import framework:
one row per lecturer with the person (matched by CCCD, else by name and date of
birth; created when new), the khoa or phòng, the title and the chuyên đề they may
teach. It lives here, above `faculty`, because the topics are the programmes'.

A topic is written as its name (every chuyên đề of that name in the school's
programmes: the same lecture in the cao cấp and the trung cấp programme) or as a
module code ("I.1": every chuyên đề of that học phần), several separated by ";".
A person who already has a lecturer profile is left as they are."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daotao.core.importing import (
    CITIZEN_ID,
    DATE_OF_BIRTH,
    FULL_NAME,
    SEX,
    Column,
    ParsedRow,
    RowOutcome,
    Schema,
    SchoolSheetHandler,
    citizen_id_column,
    date_of_birth_column,
    full_name_column,
    sex_column,
    text_column,
)
from daotao.core.importing.parsers import parse_choice
from daotao.core.importing.school import name_key
from daotao.core.text import search_key
from daotao.faculty.models import Lecturer
from daotao.org.importing import parse_names
from daotao.org.models import Unit
from daotao.org.school_import import SchoolImport
from daotao.people.models import Person
from daotao.programs.models import Topic

KIND = "programs.lecturers"
IMPORT = "faculty.manage_lecturer"
UNIT, TITLE, VISITING, TOPICS = "unit", "title", "is_visiting", "topics"

_TITLE_WORDS = {
    Lecturer.Title.TRAINEE: ("giang vien tap su", "tap su"),
    Lecturer.Title.LECTURER: ("giang vien", "gv"),
    Lecturer.Title.PRINCIPAL: ("giang vien chinh", "gvc"),
    Lecturer.Title.SENIOR: ("giang vien cao cap", "gvcc"),
}
_YES_NO = {True: ("co", "x", "thinh giang", "1"), False: ("khong", "0", "co huu")}


def parse_title(value: Any) -> str | None:
    return parse_choice(
        value,
        _TITLE_WORDS,
        refusal=_(
            "không nhận ra chức danh '%s'; hãy ghi: Giảng viên tập sự, Giảng viên, "
            "Giảng viên chính hoặc Giảng viên cao cấp."
        ),
    )


def parse_visiting(value: Any) -> bool | None:
    choice = parse_choice(
        value, _YES_NO, refusal=_("không nhận ra '%s'; hãy ghi: Có hoặc Không.")
    )
    return None if choice is None else choice == "True"


def lecturer_schema() -> Schema:
    return Schema(
        columns=(
            full_name_column(),
            date_of_birth_column(),
            sex_column(),
            citizen_id_column(required=False),
            text_column(
                UNIT,
                _("Khoa, phòng"),
                (_("Khoa, phòng"), _("Khoa"), _("Đơn vị")),
                required=True,
                max_length=200,
                example=_("Khoa Lý luận cơ sở"),
            ),
            Column(
                key=TITLE,
                label=_("Chức danh"),
                aliases=(_("Chức danh"), _("Chức danh giảng viên"), _("Ngạch")),
                parser=parse_title,
                required=False,
                example=_("Giảng viên chính"),
            ),
            Column(
                key=VISITING,
                label=_("Thỉnh giảng"),
                aliases=(_("Thỉnh giảng"), _("Giảng viên thỉnh giảng")),
                parser=parse_visiting,
                required=False,
                example=_("Không"),
            ),
            Column(
                key=TOPICS,
                label=_("Chuyên đề được giảng"),
                aliases=(
                    _("Chuyên đề được giảng"),
                    _("Chuyên đề giảng dạy"),
                    _("Chuyên đề"),
                ),
                parser=parse_names,
                required=False,
                example=_("Chủ nghĩa duy vật biện chứng; I.2"),
            ),
        ),
        natural_key=(FULL_NAME, DATE_OF_BIRTH),
    )


def _topic_index(school_id: int | None) -> dict[str, list[int]]:
    """search key of a topic's name, and of a module's code → the topic ids."""
    index: dict[str, list[int]] = {}
    topics = Topic.objects.filter(
        module__block__version__program__school_id=school_id
    ).values_list("pk", "name", "module__code")
    for pk, name, code in topics:
        index.setdefault(search_key(name), []).append(pk)
        if code:
            index.setdefault(search_key(code), []).append(pk)
    return index


class LecturerHandler(SchoolSheetHandler):
    """Decides each row against the school's persons, lecturers, units, topics."""

    def prepare(self, rows: list[ParsedRow]) -> None:
        persons = Person.objects.filter(school_id=self.school_id)
        self.by_citizen_id = dict(
            persons.filter(
                citizen_id__in=[r[CITIZEN_ID] for r in rows if r.get(CITIZEN_ID)]
            ).values_list("citizen_id", "pk")
        )
        self.by_name: dict[tuple[str, Any], list[int]] = {}
        wanted = {name_key(r[FULL_NAME]) for r in rows}
        for pk, key, born in persons.filter(search_key__in=wanted).values_list(
            "pk", "search_key", "date_of_birth"
        ):
            self.by_name.setdefault((key, born), []).append(pk)
        self.names = dict(
            persons.filter(pk__in=[*self.by_citizen_id.values()]).values_list(
                "pk", "search_key"
            )
        )
        self.lecturers = set(
            Lecturer.objects.filter(school_id=self.school_id).values_list(
                "person_id", flat=True
            )
        )
        self.units = {
            search_key(name): pk
            for pk, name in Unit.objects.filter(
                school_id=self.school_id, valid_to__isnull=True
            ).values_list("pk", "name")
        }
        self.topics = _topic_index(self.school_id)

    def person_id(self, row: ParsedRow) -> int | None:
        if row.get(CITIZEN_ID) in self.by_citizen_id:
            return self.by_citizen_id[row[CITIZEN_ID]]
        found = self.by_name.get((name_key(row[FULL_NAME]), row[DATE_OF_BIRTH]), [])
        return found[0] if len(found) == 1 and not row.get(CITIZEN_ID) else None

    def check_row(self, row: ParsedRow) -> RowOutcome:
        refusal = self._person_refusal(row)
        if refusal is not None:
            return refusal
        person_id = self.person_id(row)
        if person_id in self.lecturers:
            return RowOutcome.match(_("đã có hồ sơ giảng viên; giữ nguyên."))
        if search_key(row[UNIT]) not in self.units:
            return RowOutcome.refuse(
                _("không có khoa, phòng '%s' của trường.") % row[UNIT], column=UNIT
            )
        unknown = [t for t in row.get(TOPICS) or () if search_key(t) not in self.topics]
        if unknown:
            return RowOutcome.refuse(
                _(
                    "không có chuyên đề hay mã học phần '%s' trong các chương trình "
                    "của trường."
                )
                % "; ".join(unknown),
                column=TOPICS,
            )
        if person_id is not None:
            return RowOutcome.create(
                _("đã có trong danh sách cán bộ; thêm hồ sơ giảng viên.")
            )
        return RowOutcome.create()

    def _person_refusal(self, row: ParsedRow) -> RowOutcome | None:
        citizen_id = row.get(CITIZEN_ID)
        if citizen_id in self.by_citizen_id:
            known = self.names[self.by_citizen_id[citizen_id]]
            if known != name_key(row[FULL_NAME]):
                return RowOutcome.refuse(
                    _("số CCCD này đã có trong hồ sơ của một người tên khác."),
                    column=CITIZEN_ID,
                )
            return None
        found = self.by_name.get((name_key(row[FULL_NAME]), row[DATE_OF_BIRTH]), [])
        if len(found) > 1 and not citizen_id:
            return RowOutcome.refuse(
                _("có %d người cùng họ tên và ngày sinh; hãy ghi số CCCD.")
                % len(found),
                column=CITIZEN_ID,
            )
        return None

    def commit(self, rows: list[ParsedRow]) -> None:
        from daotao.programs import lecturer_services

        lecturer_services.lecturers_import(
            actor=self.actor,
            school_id=self.school_id,
            items=[
                self._item(row, lecturer_services)
                for row in rows
                if row.outcome.action == "create"
            ],
        )

    def _item(self, row: ParsedRow, lecturer_services: Any) -> Any:
        topic_ids = sorted(
            {
                pk
                for name in row.get(TOPICS) or ()
                for pk in self.topics[search_key(name)]
            }
        )
        return lecturer_services.LecturerRow(
            person_id=self.person_id(row),
            full_name=row[FULL_NAME],
            date_of_birth=row[DATE_OF_BIRTH],
            sex=row[SEX],
            citizen_id=row.get(CITIZEN_ID) or "",
            unit_id=self.units[search_key(row[UNIT])],
            title=row.get(TITLE) or Lecturer.Title.LECTURER,
            is_visiting=bool(row.get(VISITING)),
            topic_ids=tuple(topic_ids),
        )


TITLE = gettext_lazy("DANH SÁCH GIẢNG VIÊN")
LECTURERS = SchoolImport(IMPORT, KIND, lecturer_schema, LecturerHandler, TITLE)
lecturers_import_run, lecturers_template = LECTURERS.run, LECTURERS.template
