from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "daotao.programs"
    label = "programs"
    verbose_name = _("Chương trình")

    def ready(self) -> None:
        from daotao.faculty import topics
        from daotao.programs.lecturer_topics import LecturerTopicCatalogue

        topics.register_catalogue(LecturerTopicCatalogue())
