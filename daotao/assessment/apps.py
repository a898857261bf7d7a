from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "daotao.assessment"
    label = "assessment"
    verbose_name = _("Đánh giá kết quả học tập")

    def ready(self) -> None:
        from daotao.assessment import todo

        todo.register()
        from daotao.assessment import signals  # noqa: F401
