"""What the API answers, field by field: only what the matching page shows to
that reader, never a person's identity number, phone or full date of birth."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Field, Schema


class Error(Schema):
    detail: str


class InvalidRequest(Schema):
    detail: list[dict[str, Any]] | str


class PageLinks(Schema):
    count: int = Field(description="Số bản ghi trong phạm vi của ứng dụng")
    next: str | None = Field(description="Trang sau (URL), hoặc null")
    previous: str | None = Field(description="Trang trước (URL), hoặc null")


class ProgrammeOut(Schema):
    id: int
    programme_code: str
    programme_name: str
    kind: str
    kind_label: str
    version: str
    mode: str
    status: str
    status_label: str
    total_periods: int
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class ProgrammePage(PageLinks):
    results: list[ProgrammeOut]


class PlanOut(Schema):
    id: int
    year: int
    title: str
    status: str
    status_label: str
    supplement_number: int
    class_count: int
    planned_total: int
    approved_at: datetime.datetime | None


class PlanPage(PageLinks):
    results: list[PlanOut]


class PlanClassOut(Schema):
    id: int
    code: str
    name: str
    programme_name: str
    mode: str
    planned_size: int
    starts_on: datetime.date
    ends_on: datetime.date
    places: int
    nominated: int
    admitted: int


class PlanDetail(PlanOut):
    classes: list[PlanClassOut]


class ClassOut(Schema):
    id: int
    code: str
    name: str
    programme_name: str
    plan_year: int
    starts_on: datetime.date
    ends_on: datetime.date
    places: int = Field(description="Chỉ tiêu trong phạm vi của ứng dụng")
    nominated: int = Field(description="Số người được cử trong phạm vi của ứng dụng")


class ClassPage(PageLinks):
    results: list[ClassOut]


class CohortOut(Schema):
    id: int
    code: str
    name: str
    starts_on: datetime.date
    size: int


class CohortPage(PageLinks):
    results: list[CohortOut]


class ClassificationCount(Schema):
    classification: str
    learners: int


class ResultsSummary(Schema):
    learners: int = Field(description="Học viên trong phạm vi của ứng dụng")
    classified: int
    not_classified: int
    by_classification: list[ClassificationCount]


class CohortDetail(Schema):
    id: int
    code: str
    name: str
    programme_name: str
    status: str
    status_label: str
    starts_on: datetime.date
    ends_on: datetime.date
    results: ResultsSummary


class CredentialOut(Schema):
    """Exactly what the public verification page shows."""

    school: str
    kind: str
    kind_label: str
    serial: str
    holder_name: str
    date_of_birth: str = Field(description="Chỉ năm sinh: **/**/yyyy")
    programme_name: str
    classification: str
    issued_on: datetime.date | None
    status: str
    replaced_by_code: str | None


class LecturerOut(Schema):
    id: int
    full_name: str
    title: str
    title_label: str
    unit: str | None
    is_visiting: bool
    is_active: bool


class LecturerPage(PageLinks):
    results: list[LecturerOut]


class TopicOut(Schema):
    id: int
    code: str
    title: str
    level: str
    level_label: str
    status: str
    status_label: str
    leader: str | None
    starts_on: datetime.date
    ends_on: datetime.date
    result: str


class TopicPage(PageLinks):
    results: list[TopicOut]


class NomineeIn(Schema):
    """One cadre, with the columns of the nominee sheet (enrolment import)."""

    full_name: str = Field(max_length=180)
    date_of_birth: datetime.date
    sex: str = Field(description="male | female", pattern="^(male|female)$")
    citizen_id: str = Field(max_length=20, description="Số CCCD, 12 chữ số")
    ethnicity: str = Field("", max_length=60)
    education: str = Field("", max_length=60, description="Như trong danh sách")
    theory_level: str = Field("", max_length=60, description="Như trong danh sách")
    party_joined_on: datetime.date | None = None
    post: str = Field("", max_length=255)
    is_post_qualifying: bool = False
    rating_previous_year: str = Field("", pattern="^(|excellent|good|done|not_done)$")
    rating_year_before: str = Field("", pattern="^(|excellent|good|done|not_done)$")
    phone: str = Field("", max_length=20)


class NominationListIn(Schema):
    agency_id: int
    sending_document_number: str = Field("", max_length=60)
    sending_document_date: datetime.date | None = None
    nominees: list[NomineeIn] = Field(min_length=1, max_length=500)


class RowReport(Schema):
    row: int = Field(description="Thứ tự trong danh sách gửi, từ 1")
    action: str = Field(description="create | match | refuse")
    messages: list[str]


class NominationReport(Schema):
    dry_run: bool
    committed: bool
    created: int
    matched: int
    refused: int
    errors: list[str]
    notices: list[str]
    rows: list[RowReport]
