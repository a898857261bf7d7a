from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "daotao.learning"
    label = "learning"
    verbose_name = _("Quản lý học viên")

    def ready(self) -> None:
        from daotao.learning import todo

        todo.register()
