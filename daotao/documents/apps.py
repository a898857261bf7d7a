from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "daotao.documents"
    label = "documents"
    verbose_name = _("Văn bản")

    def ready(self) -> None:
        from daotao.documents import todo

        todo.register()
        from daotao.core.generated import register_export
        from daotao.documents.exports import REGISTER_EXPORT, register_table

        register_export(
            REGISTER_EXPORT,
            permission="documents.export_register",
            table=register_table,
        )
