from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    name = "daotao.research"
    label = "research"
    verbose_name = _("Nghiên cứu khoa học")

    def ready(self) -> None:
        from daotao.research import profile

        profile.register()
