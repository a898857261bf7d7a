"""A nominee list sent as JSON, written as the sheet the enrolment import reads,
so the list goes through the same checks as an uploaded file (quota, eligibility,
identity, all-or-nothing) without a second copy of the rules."""

from __future__ import annotations

import datetime
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from daotao.core.importing import (
    CITIZEN_ID,
    DATE_OF_BIRTH,
    FULL_NAME,
    PHONE,
    SEX,
)
from daotao.enrolment.importing import (
    ETHNICITY,
    PARTY_JOINED,
    POST,
    QUALIFYING,
    RATING_1,
    RATING_2,
    nomination_schema,
)
from daotao.people.importing import EDUCATION, THEORY

# The abbreviations the sheet's rating column reads (enrolment.importing).
RATING_WORDS = {
    "excellent": "HTXSNV",
    "good": "HTTNV",
    "done": "HTNV",
    "not_done": "KHTNV",
}
HEADER_ROW = 1

# The sheet's column → the JSON field it is filled from.
FIELDS = {
    FULL_NAME: "full_name",
    DATE_OF_BIRTH: "date_of_birth",
    SEX: "sex",
    CITIZEN_ID: "citizen_id",
    ETHNICITY: "ethnicity",
    EDUCATION: "education",
    THEORY: "theory_level",
    PARTY_JOINED: "party_joined_on",
    POST: "post",
    QUALIFYING: "is_post_qualifying",
    RATING_1: "rating_previous_year",
    RATING_2: "rating_year_before",
    PHONE: "phone",
}


def _cell(key: str, value: Any) -> Any:
    if key == QUALIFYING:
        return "x" if value else None
    if key in (RATING_1, RATING_2):
        return RATING_WORDS.get(value) if value else None
    if isinstance(value, datetime.date):
        # As text, as a sheet typed by hand: the import's date parser judges the
        # year (a date before 1900 has no Excel serial).
        return value.isoformat()
    if isinstance(value, str):
        # Control characters cannot go into a sheet; they are never part of a name.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        return value or None
    return value


def nominee_workbook(*, starts_on: Any, nominees: list[dict[str, Any]]) -> bytes:
    """The nominees as an .xlsx whose headers are the import's own column labels;
    data row n of the list is sheet row n + HEADER_ROW."""
    columns = nomination_schema(starts_on).columns
    book = Workbook()
    sheet = book.active
    sheet.append([str(column.label) for column in columns])
    for nominee in nominees:
        sheet.append(
            [_cell(column.key, nominee.get(FIELDS[column.key])) for column in columns]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
