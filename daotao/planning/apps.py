from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "daotao.planning"
    label = "planning"
    verbose_name = _("Kế hoạch đào tạo")

    def ready(self) -> None:
        from daotao.planning import todo

        todo.register()
