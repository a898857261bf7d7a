from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "daotao.core"
    label = "core"
    verbose_name = _("Nền tảng")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from daotao.core import jobs, page_cache
        from daotao.core.forms import bound_integer_fields
        from daotao.core.generated import generated_files_recover

        jobs.register(generated_files_recover)
        bound_integer_fields()
        page_cache.install()
        post_migrate.connect(
            _pages_stale_after_migrate, dispatch_uid="page_cache_migrate"
        )


def _pages_stale_after_migrate(sender: object, **kwargs: object) -> None:
    from daotao.core import page_cache

    page_cache.everything_written()
