from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacultyConfig(AppConfig):
    name = "daotao.faculty"
    label = "faculty"
    verbose_name = _("Giảng viên")

    def ready(self) -> None:
        from daotao.faculty.development import todo

        todo.register()
