from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "daotao.outcomes"
    label = "outcomes"
    verbose_name = _("Sau đào tạo: cơ quan cử")
