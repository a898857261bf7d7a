from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "daotao.outcomes"
    label = "outcomes"
    verbose_name = _("Sau đào tạo: cơ quan cử")

    def ready(self) -> None:
        from daotao.outcomes import todo

        todo.register()
        from daotao.core import panels
        from daotao.outcomes import selectors

        panels.register(
            "learning.portal",
            name="research_task",
            template="outcomes/portal_research_task.html",
            provider=selectors.own_research_task,
        )
        from daotao.core.generated import register_export
        from daotao.outcomes import exports

        register_export(
            exports.EVALUATION_EXPORT,
            permission="outcomes.view_agency_progress",
            table=exports.evaluation_table,
        )
        register_export(
            exports.WHERE_NOW_EXPORT,
            permission="outcomes.view_agency_progress",
            table=exports.where_now_table,
        )
