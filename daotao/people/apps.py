from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "daotao.people"
    label = "people"
    verbose_name = _("Cán bộ")

    def ready(self) -> None:
        from daotao.core.generated import register_export
        from daotao.people.exports import PERSON_EXPORT, person_export_table

        register_export(
            PERSON_EXPORT, permission="people.export_person", table=person_export_table
        )
