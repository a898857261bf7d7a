from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "daotao.standards"
    label = "standards"
    verbose_name = _("Trường chính trị chuẩn: tự đánh giá")

    def ready(self) -> None:
        from daotao.core import comparison
        from daotao.standards.selectors import COMPARED

        comparison.register(COMPARED)
