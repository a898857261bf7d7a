"""Teaching: the calendar (holidays, travel between sites), terms, schedule runs
(drafts made by the engine), the sessions of the published schedule, and calendar
feeds of them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from daotao.core.access import ScopedQuerySet, ScopePath
from daotao.core.models import BackgroundJob, SchoolScopedModel, TimeStampedModel


class Holiday(TimeStampedModel):
    """A public holiday (no teaching), as published for the year."""

    date = models.DateField(_("ngày"), unique=True)
    name = models.CharField(_("tên ngày nghỉ"), max_length=120)
    legal_basis = models.ForeignKey(
        "org.LegalBasis",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("văn bản căn cứ"),
    )
    is_confirmed = models.BooleanField(
        _("đã đối chiếu với thông báo nghỉ lễ của năm"), default=False
    )

    class Meta:
        verbose_name = _("ngày nghỉ lễ, tết")
        verbose_name_plural = _("ngày nghỉ lễ, tết")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class SiteTravel(TimeStampedModel):
    """Travel time between two sites in half-days (1: the next half-day is fine)."""

    from_site = models.ForeignKey(
        "org.Site", on_delete=models.CASCADE, related_name="+", verbose_name=_("từ")
    )
    to_site = models.ForeignKey(
        "org.Site", on_delete=models.CASCADE, related_name="+", verbose_name=_("đến")
    )
    half_days = models.PositiveSmallIntegerField(_("số buổi đi đường"), default=1)

    class Meta:
        verbose_name = _("thời gian di chuyển giữa các địa điểm")
        verbose_name_plural = _("thời gian di chuyển giữa các địa điểm")
        constraints = [
            models.UniqueConstraint(
                fields=["from_site", "to_site"], name="site_travel_unique_pair"
            ),
            models.CheckConstraint(
                condition=~Q(from_site=F("to_site")), name="site_travel_two_sites"
            ),
        ]


class Term(SchoolScopedModel):
    """A period the schedule is made for (a học kỳ or a few months)."""

    name = models.CharField(_("tên đợt"), max_length=120)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    cohorts = models.ManyToManyField(
        "enrolment.Cohort", related_name="terms", verbose_name=_("các lớp")
    )

    class Meta:
        verbose_name = _("đợt xếp lịch")
        verbose_name_plural = _("đợt xếp lịch")
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="term_dates_in_order"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ScheduleRun(SchoolScopedModel, BackgroundJob):
    """One run of the engine for a term: queued → running → done (a draft) or
    failed (with the explanation); a done run may be published. Its progress and
    heartbeat are core's background-job fields (core.jobs recovers dead runs)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang xếp")
        DONE = "done", _("Đã có bản nháp")
        FAILED = "failed", _("Không xếp được")
        PUBLISHED = "published", _("Đã công bố")

    term = models.ForeignKey(
        Term, on_delete=models.CASCADE, related_name="runs", verbose_name=_("đợt")
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    penalty = models.IntegerField(_("điểm phạt mềm"), null=True, blank=True)
    penalty_parts = models.JSONField(_("thành phần điểm phạt"), default=dict)
    explanation = models.TextField(_("giải thích"), blank=True)
    unplaced = models.JSONField(
        _("buổi chưa xếp được"),
        default=list,
        blank=True,
        help_text=_(
            "Mỗi mục: lớp, chuyên đề, số buổi còn thiếu và lý do; giảm dần khi "
            "xếp tay vào bản nháp."
        ),
    )
    time_limit_seconds = models.PositiveSmallIntegerField(
        _("thời gian tối đa (giây)"), default=60
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người chạy"),
    )
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người công bố"),
    )

    class Meta:
        verbose_name = _("lần xếp lịch")
        verbose_name_plural = _("lần xếp lịch")
        ordering = ["-created_at", "-id"]


def published_q(through: str = "") -> Q:
    """The published-schedule condition (no run: not a draft) on sessions reached
    through `through` ("sessions" from a cohort, "session" from an attendance)."""
    prefix = f"{through}__" if through else ""
    return Q(**{f"{prefix}run__isnull": True})


class TeachingSessionQuerySet(ScopedQuerySet):
    def published(self) -> TeachingSessionQuerySet:
        """The sessions of the published schedule (a run's draft left out)."""
        return self.filter(published_q())


class TeachingSession(SchoolScopedModel):
    """A half-day session (buổi sáng/chiều) of a cohort's topic.

    With `run` empty it belongs to the published schedule, where the database
    refuses two sessions of one lecturer, room or cohort in the same half-day; a
    run's sessions are its draft.
    """

    # A lecturer reads the sessions they teach and those of their homeroom cohorts.
    scope_path = ScopePath(
        lecturer=("lecturer__person_id", "cohort__homeroom_lecturer__person_id")
    )

    class Kind(models.TextChoices):
        LECTURE = "lecture", _("Giảng bài")
        DISCUSSION = "discussion", _("Thảo luận")
        PRACTICE = "practice", _("Thực hành, bài tập tình huống")
        FIELD_STUDY = "field_study", _("Đi thực tế")
        EXAM = "exam", _("Kiểm tra, thi")

    class HalfDay(models.IntegerChoices):
        MORNING = 0, _("Sáng")
        AFTERNOON = 1, _("Chiều")

    term = models.ForeignKey(
        Term, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("đợt")
    )
    run = models.ForeignKey(
        ScheduleRun,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("bản nháp của lần xếp"),
    )
    cohort = models.ForeignKey(
        "enrolment.Cohort",
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("lớp"),
    )
    topic = models.ForeignKey(
        "programs.Topic",
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("chuyên đề"),
    )
    index = models.PositiveSmallIntegerField(_("buổi thứ"), default=1)
    kind = models.CharField(
        _("hình thức"), max_length=12, choices=Kind.choices, default=Kind.LECTURE
    )
    date = models.DateField(_("ngày"))
    half_day = models.PositiveSmallIntegerField(_("buổi"), choices=HalfDay.choices)
    periods = models.PositiveSmallIntegerField(_("số tiết"), default=5)
    lecturer = models.ForeignKey(
        "faculty.Lecturer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("giảng viên"),
    )
    room = models.ForeignKey(
        "org.Room",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("phòng"),
    )
    is_fixed = models.BooleanField(_("cố định (xếp tay)"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = TeachingSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("buổi học")
        verbose_name_plural = _("buổi học")
        ordering = ["date", "half_day", "cohort_id"]
        # Lookups in the order Q(**kwargs) sorts them: the state matches 0001's.
        constraints = [
            models.UniqueConstraint(
                fields=["lecturer", "date", "half_day"],
                condition=Q(lecturer__isnull=False) & published_q(),
                name="published_session_lecturer_once_per_half_day",
            ),
            models.UniqueConstraint(
                fields=["room", "date", "half_day"],
                condition=Q(room__isnull=False) & published_q(),
                name="published_session_room_once_per_half_day",
            ),
            models.UniqueConstraint(
                fields=["cohort", "date", "half_day"],
                condition=published_q(),
                name="published_session_cohort_once_per_half_day",
            ),
        ]
        indexes = [
            models.Index(fields=["lecturer", "date"]),
            models.Index(fields=["cohort", "date"]),
            models.Index(fields=["run", "date"]),
        ]


class CalendarFeed(SchoolScopedModel):
    """A secret iCalendar address for one lecturer's or one cohort's published
    sessions; whoever holds the token reads the feed until it is revoked."""

    token = models.CharField(_("mã bí mật"), max_length=64, unique=True)
    lecturer = models.ForeignKey(
        "faculty.Lecturer",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_feeds",
        verbose_name=_("giảng viên"),
    )
    cohort = models.ForeignKey(
        "enrolment.Cohort",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_feeds",
        verbose_name=_("lớp"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("liên kết lịch (iCalendar)")
        verbose_name_plural = _("liên kết lịch (iCalendar)")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(lecturer__isnull=False, cohort__isnull=True)
                | Q(lecturer__isnull=True, cohort__isnull=False),
                name="calendar_feed_one_owner",
            ),
            # At most one live link per owner: creating a new one revokes the old.
            models.UniqueConstraint(
                fields=["lecturer"],
                condition=Q(revoked_at__isnull=True, lecturer__isnull=False),
                name="calendar_feed_one_live_per_lecturer",
            ),
            models.UniqueConstraint(
                fields=["cohort"],
                condition=Q(revoked_at__isnull=True, cohort__isnull=False),
                name="calendar_feed_one_live_per_cohort",
            ),
        ]

    def __str__(self) -> str:
        return str(self.lecturer or self.cohort)


class Observation(SchoolScopedModel):
    """A class observation (dự giờ) or a model lesson (thao giảng): a lecturer's
    taught session watched by colleagues and scored on the form of the lecturer
    development rule set (`faculty.DevelopmentRuleSet`: criteria and scale)."""

    scope_path = ScopePath(unit="lecturer__unit_id")

    class Kind(models.TextChoices):
        OBSERVATION = "observation", _("Dự giờ")
        MODEL_LESSON = "model_lesson", _("Thao giảng")

    lecturer = models.ForeignKey(
        "faculty.Lecturer",
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("giảng viên được dự giờ"),
    )
    session = models.ForeignKey(
        TeachingSession,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="observations",
        verbose_name=_("buổi giảng"),
    )
    kind = models.CharField(
        _("hình thức"), max_length=12, choices=Kind.choices, default=Kind.OBSERVATION
    )
    observed_on = models.DateField(_("ngày dự giờ"))
    lesson = models.CharField(_("tên bài giảng, chuyên đề"), max_length=500)
    observers = models.ManyToManyField(
        "faculty.Lecturer",
        related_name="observations_made",
        verbose_name=_("người dự giờ"),
    )
    scores = models.JSONField(_("điểm từng tiêu chí"), default=dict)
    score = models.DecimalField(_("điểm bình quân"), max_digits=5, decimal_places=2)
    band = models.CharField(_("xếp loại tiết giảng"), max_length=64, blank=True)
    comments = models.TextField(_("nhận xét, góp ý"), blank=True)
    rule_set = models.ForeignKey(
        "faculty.DevelopmentRuleSet",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bộ quy định"),
    )

    class Meta:
        verbose_name = _("dự giờ, thao giảng")
        verbose_name_plural = _("dự giờ, thao giảng")
        ordering = ["-observed_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.lecturer} {self.observed_on}"
