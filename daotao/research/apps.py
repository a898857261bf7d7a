from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    name = "daotao.research"
    label = "research"
    verbose_name = _("Nghiên cứu khoa học")

    def ready(self) -> None:
        from daotao.research import todo

        todo.register()
        from daotao.research import profile

        profile.register()
        from daotao.core.generated import register_kind
        from daotao.research import print_jobs

        register_kind(
            print_jobs.BADGES,
            permission="research.view_conference",
            build=print_jobs.badges_build,
        )
        register_kind(
            print_jobs.PROCEEDINGS,
            permission="research.manage_paper",
            build=print_jobs.proceedings_build,
        )
