from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnrolmentConfig(AppConfig):
    name = "daotao.enrolment"
    label = "enrolment"
    verbose_name = _("Tuyển sinh")

    def ready(self) -> None:
        from daotao.enrolment import todo

        todo.register()
