from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "daotao.core"
    label = "core"
    verbose_name = _("Nền tảng")

    def ready(self) -> None:
        from daotao.core import jobs
        from daotao.core.forms import bound_integer_fields
        from daotao.core.generated import generated_files_recover

        jobs.register(generated_files_recover)
        bound_integer_fields()
