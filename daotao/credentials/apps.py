from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    name = "daotao.credentials"
    label = "credentials"
    verbose_name = _("Văn bằng, chứng chỉ")

    def ready(self) -> None:
        from daotao.core.generated import register_export
        from daotao.credentials.exports import (
            MASTER_REGISTER_EXPORT,
            master_register_table,
        )

        register_export(
            MASTER_REGISTER_EXPORT,
            permission="credentials.view_credential",
            table=master_register_table,
        )
        from daotao.core.generated import register_kind
        from daotao.credentials import print_jobs

        register_kind(
            print_jobs.REGISTER_PDF,
            permission="credentials.view_credential",
            build=print_jobs.register_pdf_build,
        )
        register_kind(
            print_jobs.COHORT_TRANSCRIPTS,
            permission="credentials.view_credential",
            build=print_jobs.cohort_transcripts_build,
        )
