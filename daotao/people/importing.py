"""The cadres' registry as HR offices keep it (Excel/CSV), through the core import
framework: each row a person matched by CCCD; a person already in the registry is
left as is, a new one created through `services.person_create_many`. The parsers of
the level columns are shared with the nominations import (enrolment)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daotao.core.importing import (
    CITIZEN_ID,
    DATE_OF_BIRTH,
    FULL_NAME,
    PHONE,
    SEX,
    CellError,
    Column,
    ParsedRow,
    RowOutcome,
    Schema,
    SchoolSheetHandler,
    citizen_id_column,
    date_of_birth_column,
    full_name_column,
    parse_date,
    parse_text,
    phone_column,
    sex_column,
    text_column,
)
from daotao.core.importing.parsers import choice_key, display_value, parse_choice
from daotao.core.importing.school import name_key
from daotao.core.text import format_date, search_key, split_full_name
from daotao.org.models import Agency, EducationLevel, Ethnicity, TheoryLevel
from daotao.org.school_import import SchoolImport
from daotao.people import services
from daotao.people.models import Person

KIND = "people.cadres"
IMPORT = "people.import_person"
ETHNICITY, EDUCATION, THEORY = "ethnicity", "education", "theory_level"
PARTY_JOINED, PARTY_OFFICIAL = "party_joined_on", "party_official_on"
POST, AGENCY, BIRTHPLACE = "post", "agency", "birthplace"
PLACE_OF_BIRTH = "place_of_birth"

# How agencies write the level of education: the search key's first words.
_EDUCATION_WORDS = {
    "TS": ("tien si", "ts"),
    "THS": ("thac si", "ths", "cao hoc"),
    "DH": (
        "dai hoc",
        "dh",
        "cu nhan",
        "ky su",
        "bac si",
        "duoc si",
        "kien truc su",
    ),
    "CD": ("cao dang", "cd"),
    "TC": ("trung cap", "tc"),
    "THPT": ("trung hoc pho thong", "thpt", "12 12"),
    "THCS": ("trung hoc co so", "thcs", "9 12"),
}
# How agencies write the political-theory level (codes of org.TheoryLevel).
_THEORY_WORDS = {
    "CN": ("cu nhan", "cu nhan chinh tri", "cu nhan llct", "cu nhan ly luan chinh tri"),
    "CC": ("cao cap", "cc", "cao cap llct", "cao cap ly luan chinh tri", "cc llct",
           "cao cap chinh tri", "cao cap llct hc", "cao cap llct hanh chinh"),
    "TC": ("trung cap", "tc", "trung cap llct", "trung cap ly luan chinh tri",
           "tc llct", "trung cap chinh tri", "trung cap llct hc",
           "trung cap llct hanh chinh"),
    "SC": ("so cap", "sc", "so cap llct", "so cap ly luan chinh tri", "sc llct",
           "so cap chinh tri"),
    "CHUA": ("chua", "chua qua dao tao", "chua dao tao", "chua co", "khong"),
}  # fmt: skip


def parse_education(value: Any) -> str | None:
    """An education level code (DH, THS …) from "Đại học Luật", "Cử nhân", "ThS"."""
    text = parse_text(value)
    if text is None:
        return None
    words = choice_key(text)
    for code, starts in _EDUCATION_WORDS.items():
        if any(words == s or words.startswith(s + " ") for s in starts):
            return code
    raise CellError(
        _(
            "không nhận ra trình độ '%s'; hãy ghi một trong: Tiến sĩ, Thạc sĩ, "
            "Đại học, Cao đẳng, Trung cấp, THPT."
        )
        % display_value(value)
    )


def parse_theory_level(value: Any) -> str | None:
    """A political-theory level code from "Cao cấp", "CC", "Trung cấp LLCT"."""
    return parse_choice(
        value,
        _THEORY_WORDS,
        refusal=_(
            "không nhận ra trình độ lý luận chính trị '%s'; hãy ghi một trong: Cử "
            "nhân, Cao cấp, Trung cấp, Sơ cấp, Chưa qua đào tạo."
        ),
    )


def ethnicity_index() -> dict[str, int]:
    """Search key of each name and other name (Kinh, Việt, Thái …) → ethnicity id;
    the official name wins over another group's other name."""
    index: dict[str, int] = {}
    items = list(Ethnicity.objects.values_list("pk", "name", "other_names"))
    for pk, _name, other_names in items:
        for other in other_names.split(","):
            key = search_key(other.split("(")[0].strip())
            if key:
                index.setdefault(key, pk)
    for pk, name, _other in items:
        index[search_key(name)] = pk
    return index


def _date_column(key: str, label: str, aliases: tuple[str, ...]) -> Column:
    return Column(
        key=key,
        label=label,
        aliases=aliases,
        parser=parse_date,
        required=False,
        example="19/05/2010",
    )


def education_column() -> Column:
    """The level of education as HR offices and agencies head it (shared with the
    nominations import)."""
    return Column(
        key=EDUCATION,
        label=_("Trình độ chuyên môn"),
        aliases=(
            _("Trình độ chuyên môn"),
            _("Trình độ chuyên môn, nghiệp vụ"),
            _("Trình độ đào tạo"),
            _("Trình độ học vấn"),
            _("Chuyên môn"),
            _("TĐCM"),
        ),
        parser=parse_education,
        required=False,
        example=_("Đại học"),
    )


def theory_level_column(*, example: str) -> Column:
    """The political-theory level under its usual headers (shared with the
    nominations import)."""
    return Column(
        key=THEORY,
        label=_("Trình độ lý luận chính trị"),
        aliases=(
            _("Trình độ lý luận chính trị"),
            _("Trình độ LLCT"),
            _("Lý luận chính trị"),
            _("Trình độ chính trị"),
            _("LLCT"),
        ),
        parser=parse_theory_level,
        required=False,
        example=example,
    )


def cadre_schema() -> Schema:
    """The columns of a cadres list, with the headers HR offices use for them."""
    return Schema(
        columns=(
            full_name_column(),
            date_of_birth_column(),
            sex_column(),
            citizen_id_column(),
            text_column(
                ETHNICITY,
                _("Dân tộc"),
                (_("Dân tộc"),),
                max_length=60,
                example=_("Kinh"),
            ),
            education_column(),
            theory_level_column(example=_("Trung cấp")),
            _date_column(
                PARTY_JOINED,
                _("Ngày vào Đảng"),
                (_("Ngày vào Đảng"), _("Ngày kết nạp Đảng"), _("Ngày kết nạp")),
            ),
            _date_column(
                PARTY_OFFICIAL,
                _("Ngày chính thức"),
                (
                    _("Ngày chính thức"),
                    _("Ngày vào Đảng chính thức"),
                    _("Ngày chuyển Đảng chính thức"),
                ),
            ),
            text_column(
                POST,
                _("Chức vụ"),
                (
                    _("Chức vụ"),
                    _("Chức vụ hiện nay"),
                    _("Chức vụ, chức danh"),
                    _("Chức danh"),
                ),
                example=_("Phó Chủ tịch UBND xã"),
            ),
            text_column(
                AGENCY,
                _("Cơ quan công tác"),
                (
                    _("Cơ quan công tác"),
                    _("Đơn vị công tác"),
                    _("Cơ quan, đơn vị"),
                    _("Nơi công tác"),
                ),
                example=_("UBND xã Đông Sơn"),
            ),
            text_column(
                PLACE_OF_BIRTH,
                _("Nơi sinh"),
                (_("Nơi sinh"),),
                example=_("Xã Quảng Phú, tỉnh Thanh Hóa"),
            ),
            text_column(
                BIRTHPLACE, _("Quê quán"), (_("Quê quán"),), example=_("Thanh Hóa")
            ),
            phone_column(),
        ),
        natural_key=(CITIZEN_ID,),
    )


class CadreHandler(SchoolSheetHandler):
    """Decides each row against the school's registry: the same CCCD is the same
    person (a different name there is refused), agencies are matched by name or a
    former name."""

    def prepare(self, rows: list[ParsedRow]) -> None:
        self.persons = {
            citizen_id: key
            for citizen_id, key in Person.objects.filter(
                school_id=self.school_id,
                citizen_id__in=[row[CITIZEN_ID] for row in rows],
            ).values_list("citizen_id", "search_key")
        }
        self.levels = dict(EducationLevel.objects.values_list("code", "pk"))
        self.theory_levels = dict(TheoryLevel.objects.values_list("code", "pk"))
        self.ethnicities = ethnicity_index()
        self.agencies, self.renamed = _agency_index(self.school_id)

    def check_row(self, row: ParsedRow) -> RowOutcome:
        known = self.persons.get(row[CITIZEN_ID])
        if known is not None:
            if known != name_key(row[FULL_NAME]):
                return RowOutcome.refuse(
                    _("số CCCD này đã có trong hồ sơ của một người tên khác."),
                    column=CITIZEN_ID,
                )
            return RowOutcome.match(_("đã có hồ sơ; giữ nguyên."))
        if row.get(ETHNICITY) and self._ethnicity(row) is None:
            return RowOutcome.refuse(
                _("không có dân tộc '%s' trong danh mục.") % row[ETHNICITY],
                column=ETHNICITY,
            )
        joined, official = row.get(PARTY_JOINED), row.get(PARTY_OFFICIAL)
        if official and not joined:
            return RowOutcome.refuse(
                _("có ngày chính thức thì phải có ngày vào Đảng."), column=PARTY_JOINED
            )
        if joined and official and official < joined:
            return RowOutcome.refuse(
                _("ngày chính thức %s trước ngày vào Đảng.") % format_date(official),
                column=PARTY_OFFICIAL,
            )
        if joined and joined <= row[DATE_OF_BIRTH]:
            return RowOutcome.refuse(
                _("ngày vào Đảng trước ngày sinh."), column=PARTY_JOINED
            )
        if row.get(AGENCY):
            key = name_key(row[AGENCY])
            if key in self.renamed:
                return RowOutcome.create(
                    _("“%(old)s” là tên cũ; đã ghi vào “%(new)s”.")
                    % {"old": row[AGENCY], "new": self.renamed[key][1]},
                    column=AGENCY,
                )
            if key not in self.agencies:
                return RowOutcome.refuse(
                    _(
                        "không có cơ quan '%s' trong danh sách cơ quan cử đi học; "
                        "hãy nhập cơ quan trước."
                    )
                    % row[AGENCY],
                    column=AGENCY,
                )
        return RowOutcome.create()

    def _ethnicity(self, row: ParsedRow) -> int | None:
        return self.ethnicities.get(search_key(row[ETHNICITY]))

    def _agency(self, row: ParsedRow) -> int | None:
        if not row.get(AGENCY):
            return None
        key = name_key(row[AGENCY])
        return self.agencies.get(key) or self.renamed[key][0]

    def commit(self, rows: list[ParsedRow]) -> None:
        services.person_create_many(
            actor=self.actor,
            school_id=self.school_id,
            items=[self._data(row) for row in rows if row.outcome.action == "create"],
        )

    def _data(self, row: ParsedRow) -> services.PersonData:
        parts = split_full_name(row[FULL_NAME])
        return services.PersonData(
            family_name=parts.family_name,
            middle_name=parts.middle_name,
            given_name=parts.given_name,
            sex=row[SEX],
            date_of_birth=row[DATE_OF_BIRTH],
            birthplace=row.get(BIRTHPLACE) or "",
            place_of_birth=row.get(PLACE_OF_BIRTH) or "",
            ethnicity_id=self._ethnicity(row) if row.get(ETHNICITY) else None,
            citizen_id=row[CITIZEN_ID],
            phone=row.get(PHONE) or "",
            party_joined_on=row.get(PARTY_JOINED),
            party_official_on=row.get(PARTY_OFFICIAL),
            education_level_id=self.levels.get(row.get(EDUCATION)),
            theory_level_id=self.theory_levels.get(row.get(THEORY)),
            current_post=row.get(POST) or "",
            agency_id=self._agency(row),
        )


def _agency_index(school_id: int | None) -> tuple[dict[str, int], dict]:
    """search key → id of the school's current agencies, and search key of a past
    agency with exactly one current successor → (successor id, successor name)."""
    current: dict[str, int] = {}
    past: dict[str, list] = {}
    agencies = Agency.objects.filter(school_id=school_id)
    for pk, key, valid_to in agencies.values_list("pk", "search_key", "valid_to"):
        if valid_to is None:
            current[key] = pk
        else:
            past.setdefault(key, [])
    links = Agency.predecessors.through.objects.filter(
        to_agency__school_id=school_id, from_agency__valid_to=None
    ).values_list("to_agency__search_key", "from_agency_id", "from_agency__name")
    for key, pk, name in links:
        if key in past:
            past[key].append((pk, name))
    renamed = {key: found[0] for key, found in past.items() if len(found) == 1}
    return current, renamed


TITLE = gettext_lazy("DANH SÁCH CÁN BỘ")
CADRES = SchoolImport(IMPORT, KIND, cadre_schema, CadreHandler, TITLE)
cadres_import_run, cadres_template = CADRES.run, CADRES.template
