"""The learner's side of a course: attendance (by the lecturer, the class monitor
or a QR check-in), leave requests, conduct notes, the class committee, anonymous
and feedback on lectures. (The research task the sending agency sets and the
cadre's placement afterwards belong to `outcomes`.)"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daotao.core.access import ScopedQuerySet, ScopePath
from daotao.core.models import SchoolScopedModel, TimeStampedModel
from daotao.org.models import DatedRuleSet


class Attendance(TimeStampedModel):
    """One learner at one session of the published schedule."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Có mặt")
        LATE = "late", _("Đi muộn")
        EXCUSED = "excused", _("Vắng có phép")
        ABSENT = "absent", _("Vắng không phép")

    class Method(models.TextChoices):
        MANUAL = "manual", _("Điểm danh")
        QR = "qr", _("Tự điểm danh bằng mã QR")

    session = models.ForeignKey(
        "teaching.TeachingSession",
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("buổi học"),
    )
    enrollment = models.ForeignKey(
        "enrolment.Enrollment",
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("học viên"),
    )
    status = models.CharField(_("tình trạng"), max_length=8, choices=Status.choices)
    method = models.CharField(
        _("cách ghi"), max_length=8, choices=Method.choices, default=Method.MANUAL
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người ghi"),
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrollment"], name="attendance_once_per_session"
            )
        ]


class CheckInCode(TimeStampedModel):
    """The QR shown on screen for a session: valid only inside its window."""

    session = models.ForeignKey(
        "teaching.TeachingSession",
        on_delete=models.CASCADE,
        related_name="check_in_codes",
        verbose_name=_("buổi học"),
    )
    token = models.CharField(_("mã"), max_length=64, unique=True)
    opens_at = models.DateTimeField(_("mở lúc"))
    closes_at = models.DateTimeField(_("đóng lúc"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người tạo"),
    )

    class Meta:
        verbose_name = _("mã điểm danh")
        verbose_name_plural = _("mã điểm danh")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="check_in_window_order"
            )
        ]


class LeaveRequest(TimeStampedModel):
    """A learner asks for leave; the homeroom lecturer decides."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ duyệt")
        APPROVED = "approved", _("Đồng ý")
        REFUSED = "refused", _("Không đồng ý")
        CANCELLED = "cancelled", _("Học viên rút đơn")

    enrollment = models.ForeignKey(
        "enrolment.Enrollment",
        on_delete=models.CASCADE,
        related_name="leave_requests",
        verbose_name=_("học viên"),
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    reason = models.TextField(_("lý do"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người duyệt"),
    )
    decided_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    decision_note = models.CharField(_("ý kiến"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("đơn xin nghỉ học")
        verbose_name_plural = _("đơn xin nghỉ học")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="leave_dates_in_order"
            )
        ]


class ConductNote(TimeStampedModel):
    """A note on a learner's conduct (khen, nhắc nhở, phê bình)."""

    class Kind(models.TextChoices):
        PRAISE = "praise", _("Khen")
        REMINDER = "reminder", _("Nhắc nhở")
        CRITICISM = "criticism", _("Phê bình")

    enrollment = models.ForeignKey(
        "enrolment.Enrollment",
        on_delete=models.CASCADE,
        related_name="conduct_notes",
        verbose_name=_("học viên"),
    )
    date = models.DateField(_("ngày"))
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("nội dung"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người ghi"),
    )

    class Meta:
        verbose_name = _("nhận xét rèn luyện")
        verbose_name_plural = _("nhận xét rèn luyện")
        ordering = ["-date", "-id"]


class CommitteeRole(TimeStampedModel):
    """A seat on the class committee (ban cán sự lớp)."""

    class Role(models.TextChoices):
        MONITOR = "monitor", _("Lớp trưởng")
        VICE_MONITOR = "vice_monitor", _("Lớp phó")
        PARTY_CELL = "party_cell", _("Bí thư chi bộ")
        GROUP_LEADER = "group_leader", _("Tổ trưởng")

    enrollment = models.ForeignKey(
        "enrolment.Enrollment",
        on_delete=models.CASCADE,
        related_name="committee_roles",
        verbose_name=_("học viên"),
    )
    role = models.CharField(_("chức danh"), max_length=16, choices=Role.choices)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("ban cán sự lớp")
        verbose_name_plural = _("ban cán sự lớp")


class FeedbackAnswer(models.Model):
    """An anonymous answer about one session: no learner is stored with it, and
    nothing orders it against the receipts — a random id and the day only, no
    timestamp — so an answer cannot be matched to who answered."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(
        "teaching.TeachingSession",
        on_delete=models.CASCADE,
        related_name="feedback_answers",
        verbose_name=_("buổi học"),
    )
    answered_on = models.DateField(_("ngày trả lời"), default=timezone.localdate)
    # 1–5 per question; the questions and the scale are the form's, not a rule.
    ratings = models.JSONField(_("đánh giá"), default=dict)
    comment = models.TextField(_("góp ý"), blank=True)

    class Meta:
        verbose_name = _("phiếu phản hồi")
        verbose_name_plural = _("phiếu phản hồi")

    def __str__(self) -> str:
        return f"{self.session_id} {self.answered_on}"


class FeedbackReceipt(TimeStampedModel):
    """That a learner has answered for a session (to answer once), kept apart from
    the answer so neither can be traced to the other."""

    session = models.ForeignKey(
        "teaching.TeachingSession",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("buổi học"),
    )
    enrollment = models.ForeignKey(
        "enrolment.Enrollment",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("học viên"),
    )

    class Meta:
        verbose_name = _("đã phản hồi")
        verbose_name_plural = _("đã phản hồi")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrollment"], name="feedback_once_per_session"
            )
        ]


# --- Learner support, rewards and discipline, conduct (docs/adr/0034) -----------------


class SupportRateSet(DatedRuleSet):
    """A province's support rates for learners (meals, lodging, travel by distance
    band, extras for women, ethnic minorities and remote communes), dated, with the
    HĐND resolution behind it; `parameters` as `learning.rules` describes."""

    name = models.CharField(_("tên mức hỗ trợ"), max_length=200)
    # Empty: the default applied where a province has no rates of its own yet.
    province = models.ForeignKey(
        "org.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"level": "province"},
        verbose_name=_("tỉnh, thành phố"),
    )

    class Meta:
        verbose_name = _("mức hỗ trợ học viên")
        verbose_name_plural = _("mức hỗ trợ học viên")
        ordering = ["-valid_from"]


class ConductRuleSet(DatedRuleSet):
    """How the end-of-course conduct (rèn luyện) is scored and banded."""

    name = models.CharField(_("tên quy định"), max_length=200)

    class Meta:
        verbose_name = _("quy định xếp loại rèn luyện")
        verbose_name_plural = _("quy định xếp loại rèn luyện")
        ordering = ["-valid_from"]


class CommuneSupportProfile(SchoolScopedModel):
    """A commune as support sees it: its distance to the school and whether it is a
    mountain, remote or especially difficult commune (the office keeps these)."""

    commune = models.ForeignKey(
        "org.Area",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "commune"},
        verbose_name=_("xã, phường, đặc khu"),
    )
    distance_km = models.DecimalField(
        _("khoảng cách đến trường (km)"), max_digits=6, decimal_places=1
    )
    is_remote = models.BooleanField(_("xã miền núi, vùng sâu, vùng xa"), default=False)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("địa bàn tính hỗ trợ")
        verbose_name_plural = _("địa bàn tính hỗ trợ")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "commune"], name="commune_support_profile_once"
            ),
            models.CheckConstraint(
                condition=Q(distance_km__gte=0), name="commune_distance_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return str(self.commune_id)


class LearnerCommune(TimeStampedModel):
    """Where a learner travels from, when it is not the commune of the sending
    agency (a provincial body's cadre living in a remote commune)."""

    scope_path = ScopePath(school="enrollment__cohort__school_id")
    objects = ScopedQuerySet.as_manager()

    enrollment = models.OneToOneField(
        "enrolment.Enrollment",
        on_delete=models.CASCADE,
        related_name="support_commune",
        verbose_name=_("học viên"),
    )
    commune = models.ForeignKey(
        "org.Area",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "commune"},
        verbose_name=_("nơi cư trú (xã, phường)"),
    )

    class Meta:
        verbose_name = _("nơi cư trú khi tính hỗ trợ")
        verbose_name_plural = _("nơi cư trú khi tính hỗ trợ")


class SupportPayment(SchoolScopedModel):
    """A cohort's support payment list as computed (the lines are kept as computed,
    so the document signed lists what was paid)."""

    cohort = models.OneToOneField(
        "enrolment.Cohort",
        on_delete=models.PROTECT,
        related_name="support_payment",
        verbose_name=_("lớp học"),
    )
    rate_set = models.ForeignKey(
        SupportRateSet,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("mức hỗ trợ áp dụng"),
    )
    computed_at = models.DateTimeField(_("tính lúc"))
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người tính"),
    )
    document = models.ForeignKey(
        "documents.OutgoingDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quyết định chi hỗ trợ"),
    )

    class Meta:
        verbose_name = _("danh sách chi hỗ trợ")
        verbose_name_plural = _("danh sách chi hỗ trợ")

    def __str__(self) -> str:
        return str(self.cohort)


class SupportLine(models.Model):
    """One learner's support in a payment list, with what it was computed from."""

    payment = models.ForeignKey(
        SupportPayment,
        on_delete=models.CASCADE,
        related_name="lines",
        verbose_name=_("danh sách chi hỗ trợ"),
    )
    enrollment = models.ForeignKey(
        "enrolment.Enrollment",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("học viên"),
    )
    days_present = models.PositiveSmallIntegerField(_("số ngày học"))
    commune_name = models.CharField(_("nơi đi"), max_length=120, blank=True)
    distance_km = models.DecimalField(
        _("khoảng cách (km)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    categories = models.JSONField(_("đối tượng hỗ trợ thêm"), default=list)
    nights = models.PositiveSmallIntegerField(_("số đêm nghỉ"), default=0)
    meals = models.PositiveIntegerField(_("tiền ăn"), default=0)
    lodging = models.PositiveIntegerField(_("tiền nghỉ"), default=0)
    travel = models.PositiveIntegerField(_("tiền đi lại"), default=0)
    extra = models.PositiveIntegerField(_("hỗ trợ thêm"), default=0)
    total = models.PositiveIntegerField(_("tổng cộng"), default=0)

    class Meta:
        verbose_name = _("dòng chi hỗ trợ")
        verbose_name_plural = _("dòng chi hỗ trợ")
        constraints = [
            models.UniqueConstraint(
                fields=["payment", "enrollment"], name="support_line_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrollment_id}: {self.total}"


class ConductDecision(TimeStampedModel):
    """A reward (khen thưởng) or a discipline (kỷ luật) of one learner, with its
    decision drafted through the documents app."""

    # No agency path: the agency reads its cadres' conduct through their
    # enrollment (outcomes), never these rows directly.
    scope_path = ScopePath(
        school="enrollment__cohort__school_id", lecturer_via="enrollment__cohort"
    )
    objects = ScopedQuerySet.as_manager()

    class Kind(models.TextChoices):
        REWARD = "reward", _("Khen thưởng")
        DISCIPLINE = "discipline", _("Kỷ luật")

    class Form(models.TextChoices):
        COMMENDATION = "commendation", _("Giấy khen của Hiệu trưởng")
        PRAISE = "praise", _("Biểu dương trước lớp")
        REPRIMAND = "reprimand", _("Khiển trách")
        WARNING = "warning", _("Cảnh cáo")
        SUSPENSION = "suspension", _("Đình chỉ học tập có thời hạn")
        EXPULSION = "expulsion", _("Buộc thôi học")

    enrollment = models.ForeignKey(
        "enrolment.Enrollment",
        on_delete=models.PROTECT,
        related_name="conduct_decisions",
        verbose_name=_("học viên"),
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    form = models.CharField(_("hình thức"), max_length=12, choices=Form.choices)
    reason = models.TextField(_("lý do, thành tích hoặc vi phạm"))
    decided_on = models.DateField(_("ngày đề nghị"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người đề nghị"),
    )
    document = models.ForeignKey(
        "documents.OutgoingDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quyết định"),
    )

    class Meta:
        verbose_name = _("khen thưởng, kỷ luật học viên")
        verbose_name_plural = _("khen thưởng, kỷ luật học viên")
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_form_display()} — {self.enrollment_id}"


class ConductResult(TimeStampedModel):
    """A learner's conduct classification at the end of the course, with the
    counts it came from and the rule set that banded it."""

    # No agency path: the agency reads its cadres' conduct through their
    # enrollment (outcomes), never these rows directly.
    scope_path = ScopePath(
        school="enrollment__cohort__school_id", lecturer_via="enrollment__cohort"
    )
    objects = ScopedQuerySet.as_manager()

    enrollment = models.OneToOneField(
        "enrolment.Enrollment",
        on_delete=models.CASCADE,
        related_name="conduct_result",
        verbose_name=_("học viên"),
    )
    rule_set = models.ForeignKey(
        ConductRuleSet,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("quy định áp dụng"),
    )
    score = models.SmallIntegerField(_("điểm rèn luyện"))
    label = models.CharField(_("xếp loại rèn luyện"), max_length=40)
    counts = models.JSONField(_("căn cứ"), default=dict)
    classified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người xếp loại"),
    )

    class Meta:
        verbose_name = _("xếp loại rèn luyện")
        verbose_name_plural = _("xếp loại rèn luyện")
