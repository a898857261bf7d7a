from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "daotao.ledger"
    label = "ledger"
    verbose_name = _("Sổ giờ chuẩn")

    def ready(self) -> None:
        from daotao.faculty.development import evaluation
        from daotao.ledger.selectors import hours_for_evaluation

        evaluation.register_source(evaluation.HOURS, hours_for_evaluation)
