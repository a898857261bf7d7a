"""The school's lecturers (giảng viên): title, unit, and when they cannot teach."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from daotao.core.access import ScopedQuerySet, ScopePath
from daotao.core.models import SchoolScopedModel, TimeStampedModel
from daotao.org.models import DatedRuleSet


class Lecturer(SchoolScopedModel):
    """A lecturer's teaching profile; the person record holds name and contacts.

    What the lecturer may teach (`topics`) and would like to (`preferred_topics`)
    are declared on `programs.Topic`, above this app; these are their reverse
    accessors."""

    scope_path = ScopePath(unit="unit_id")

    class Title(models.TextChoices):
        TRAINEE = "trainee", _("Giảng viên tập sự")
        LECTURER = "lecturer", _("Giảng viên")
        PRINCIPAL = "principal", _("Giảng viên chính")
        SENIOR = "senior", _("Giảng viên cao cấp")

    person = models.OneToOneField(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="lecturer",
        verbose_name=_("cán bộ"),
    )
    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lecturers",
        verbose_name=_("khoa, phòng"),
    )
    title = models.CharField(
        _("chức danh"), max_length=10, choices=Title.choices, default=Title.LECTURER
    )
    is_visiting = models.BooleanField(_("giảng viên thỉnh giảng"), default=False)
    is_concurrent = models.BooleanField(_("giảng viên kiêm chức"), default=False)
    is_active = models.BooleanField(_("đang giảng dạy"), default=True)

    class Meta:
        verbose_name = _("giảng viên")
        verbose_name_plural = _("giảng viên")
        ordering = ["person__sort_key", "id"]

    def __str__(self) -> str:
        return self.person.full_name


class Unavailability(TimeStampedModel):
    """Days a lecturer cannot teach: field practice, a work trip, leave."""

    scope_path = ScopePath(school="lecturer__school_id", unit="lecturer__unit_id")
    objects = ScopedQuerySet.as_manager()

    class Kind(models.TextChoices):
        FIELD_PRACTICE = "field_practice", _("Đi thực tế")
        TRIP = "trip", _("Công tác")
        LEAVE = "leave", _("Nghỉ phép")
        STUDY = "study", _("Đi học, bồi dưỡng")
        ROTATION = "rotation", _("Luân chuyển, biệt phái")
        OTHER = "other", _("Lý do khác")

    class Part(models.TextChoices):
        WHOLE_DAY = "all", _("Cả ngày")
        MORNING = "morning", _("Buổi sáng")
        AFTERNOON = "afternoon", _("Buổi chiều")

    lecturer = models.ForeignKey(
        Lecturer,
        on_delete=models.CASCADE,
        related_name="unavailabilities",
        verbose_name=_("giảng viên"),
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    part = models.CharField(
        _("buổi"), max_length=10, choices=Part.choices, default=Part.WHOLE_DAY
    )
    kind = models.CharField(_("lý do"), max_length=16, choices=Kind.choices)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    # Set when a planned field practice or rotation keeps these days: that record
    # owns the row (it changes and goes with it), not the lecturer's page.
    owned_by = models.CharField(_("thuộc về"), max_length=32, blank=True, default="")

    class Meta:
        verbose_name = _("lịch bận của giảng viên")
        verbose_name_plural = _("lịch bận của giảng viên")
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="unavailability_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.lecturer} {self.starts_on}–{self.ends_on}"


# --- Lecturer development: dossier, field practice, rotation, contests, evaluation


class DevelopmentRuleSet(DatedRuleSet):
    """The numbers of lecturer development, dated, with their legal basis: hours
    counted for a day of field practice, the days expected each year, the warning
    before a certificate expires, the class-observation form and scale, and the
    bands of the annual classification. `faculty.rules` knows what each one means."""

    name = models.CharField(_("tên bộ quy định"), max_length=200)

    class Meta:
        verbose_name = _("bộ quy định phát triển giảng viên")
        verbose_name_plural = _("bộ quy định phát triển giảng viên")
        ordering = ["-valid_from"]


class _LecturerRecord(TimeStampedModel):
    """A row of one lecturer's development record, scoped through the lecturer."""

    scope_path = ScopePath(school="lecturer__school_id", unit="lecturer__unit_id")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True


class Qualification(_LecturerRecord):
    """One line of a lecturer's dossier against the lecturer standards: a degree,
    theory level, title, certificate, foreign language or IT, with its evidence.

    The person record keeps the highest education and theory level (`people`);
    these rows add what the standards ask for and when each one runs out."""

    class Kind(models.TextChoices):
        DEGREE = "degree", _("Bằng chuyên môn")
        THEORY = "theory", _("Lý luận chính trị")
        TITLE = "title", _("Chức danh, học hàm")
        PEDAGOGY = "pedagogy", _("Nghiệp vụ sư phạm")
        LANGUAGE = "language", _("Ngoại ngữ")
        IT = "it", _("Tin học")
        CERTIFICATE = "certificate", _("Chứng chỉ bồi dưỡng khác")

    lecturer = models.ForeignKey(
        Lecturer,
        on_delete=models.CASCADE,
        related_name="qualifications",
        verbose_name=_("giảng viên"),
    )
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("tên văn bằng, chứng chỉ"), max_length=255)
    level = models.CharField(_("trình độ, hạng"), max_length=100, blank=True)
    issuer = models.CharField(_("nơi cấp"), max_length=255, blank=True)
    issued_on = models.DateField(_("ngày cấp"), null=True, blank=True)
    expires_on = models.DateField(_("hết hạn ngày"), null=True, blank=True)
    evidence = models.FileField(
        _("tệp minh chứng"), upload_to="faculty/evidence/%Y/", blank=True
    )

    class Meta:
        verbose_name = _("văn bằng, chứng chỉ của giảng viên")
        verbose_name_plural = _("văn bằng, chứng chỉ của giảng viên")
        ordering = ["kind", "-issued_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(issued_on__isnull=True)
                | Q(expires_on__gte=F("issued_on")),
                name="qualification_expiry_after_issue",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"


class FieldPractice(_LecturerRecord):
    """A planned field practice (đi thực tế) of a lecturer: where, when, on what;
    done once its report is in. Its days keep the lecturer out of the schedule."""

    lecturer = models.ForeignKey(
        Lecturer,
        on_delete=models.CASCADE,
        related_name="field_practices",
        verbose_name=_("giảng viên"),
    )
    place = models.CharField(_("địa điểm, đơn vị đến"), max_length=255)
    topic = models.CharField(_("nội dung tìm hiểu"), max_length=500)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    report_submitted_on = models.DateField(_("ngày nộp báo cáo"), null=True, blank=True)
    report_summary = models.TextField(_("tóm tắt báo cáo"), blank=True)
    unavailability = models.OneToOneField(
        Unavailability,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="field_practice",
        verbose_name=_("lịch bận"),
    )

    class Meta:
        verbose_name = _("đợt đi thực tế")
        verbose_name_plural = _("đợt đi thực tế")
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="field_practice_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.lecturer} – {self.place}"

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


class Rotation(_LecturerRecord):
    """A lecturer's rotation or secondment (luân chuyển, biệt phái) to a post in a
    commune or a provincial body, by a decision; reported on at return. Its days
    keep the lecturer out of the schedule."""

    class Level(models.TextChoices):
        COMMUNE = "commune", _("Cấp xã")
        PROVINCE = "province", _("Cấp tỉnh")

    lecturer = models.ForeignKey(
        Lecturer,
        on_delete=models.CASCADE,
        related_name="rotations",
        verbose_name=_("giảng viên"),
    )
    post = models.CharField(_("chức vụ đảm nhiệm"), max_length=255)
    host = models.CharField(_("cơ quan, địa phương đến"), max_length=255)
    level = models.CharField(
        _("cấp"), max_length=10, choices=Level.choices, default=Level.COMMUNE
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    # The decision is the Party committee's; the school drafts the proposal to it.
    proposal_document = models.ForeignKey(
        "documents.OutgoingDocument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tờ trình đề nghị luân chuyển"),
    )
    return_report_on = models.DateField(
        _("ngày nộp báo cáo khi về"), null=True, blank=True
    )
    return_report = models.TextField(_("báo cáo kết quả luân chuyển"), blank=True)
    unavailability = models.OneToOneField(
        Unavailability,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rotation",
        verbose_name=_("lịch bận"),
    )

    class Meta:
        verbose_name = _("đợt luân chuyển")
        verbose_name_plural = _("đợt luân chuyển")
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="rotation_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.lecturer} – {self.post}, {self.host}"


class TeachingContest(_LecturerRecord):
    """A lecturer's entry in a "giảng viên dạy giỏi" contest and its result."""

    class Level(models.TextChoices):
        SCHOOL = "school", _("Cấp trường")
        PROVINCE = "province", _("Cấp tỉnh")
        NATIONAL = "national", _("Toàn quốc")

    class Result(models.TextChoices):
        FIRST = "first", _("Giải Nhất")
        SECOND = "second", _("Giải Nhì")
        THIRD = "third", _("Giải Ba")
        CONSOLATION = "consolation", _("Giải Khuyến khích")
        RECOGNISED = "recognised", _("Công nhận giảng viên dạy giỏi")
        TAKEN_PART = "taken_part", _("Tham gia")

    lecturer = models.ForeignKey(
        Lecturer,
        on_delete=models.CASCADE,
        related_name="contests",
        verbose_name=_("giảng viên"),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    level = models.CharField(_("cấp hội thi"), max_length=10, choices=Level.choices)
    result = models.CharField(_("kết quả"), max_length=12, choices=Result.choices)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("hội thi giảng viên dạy giỏi")
        verbose_name_plural = _("hội thi giảng viên dạy giỏi")
        ordering = ["-year", "level", "id"]

    def __str__(self) -> str:
        return f"{self.lecturer} {self.year} {self.get_level_display()}"


class AnnualEvaluation(_LecturerRecord):
    """A lecturer's đánh giá, xếp loại viên chức for a year: what the system counted
    (hours, research, observations, field practice), the band the rule set gives,
    and the band the school decides."""

    lecturer = models.ForeignKey(
        Lecturer,
        on_delete=models.CASCADE,
        related_name="evaluations",
        verbose_name=_("giảng viên"),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    inputs = models.JSONField(_("số liệu"), default=dict)
    rule_set = models.ForeignKey(
        DevelopmentRuleSet,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bộ quy định"),
    )
    proposed_band = models.CharField(_("mức đề xuất"), max_length=16)
    band = models.CharField(_("mức xếp loại"), max_length=16, blank=True)
    note = models.CharField(_("nhận xét"), max_length=500, blank=True)
    decided_on = models.DateField(_("ngày quyết định xếp loại"), null=True, blank=True)

    class Meta:
        verbose_name = _("đánh giá, xếp loại giảng viên")
        verbose_name_plural = _("đánh giá, xếp loại giảng viên")
        ordering = ["-year", "lecturer__person__sort_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["lecturer", "year"], name="evaluation_once_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.lecturer} {self.year}"

    @property
    def is_without_hours(self) -> bool:
        """No giờ chuẩn in the ledger of the school year read, so no band proposed
        (figures counted before this was recorded say nothing: False)."""
        return self.inputs.get("hours_recorded") is False

    @property
    def hours_school_year(self) -> str:
        """The ledger's school year read, as "2025–2026" ("" if not recorded)."""
        year = self.inputs.get("school_year")
        return f"{year}–{year + 1}" if isinstance(year, int) else ""

    @property
    def proposed_label(self) -> str:
        from daotao.faculty.rules import band_label

        return band_label(self.proposed_band, self.rule_set.parameters)

    @property
    def band_label(self) -> str:
        from daotao.faculty.rules import band_label

        return band_label(self.band, self.rule_set.parameters) if self.band else ""


class EvaluationDecision(SchoolScopedModel):
    """The school's decision recognising the year's evaluation results (quyết định
    công nhận kết quả đánh giá, xếp loại chất lượng viên chức), drafted through the
    documents app from the year's list; drafting again updates it while a draft."""

    year = models.PositiveSmallIntegerField(_("năm"))
    document = models.ForeignKey(
        "documents.OutgoingDocument",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("quyết định công nhận"),
    )

    class Meta:
        verbose_name = _("quyết định công nhận kết quả đánh giá")
        verbose_name_plural = _("quyết định công nhận kết quả đánh giá")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "year"], name="evaluation_decision_once_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.year}"
