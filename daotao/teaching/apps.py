from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeachingConfig(AppConfig):
    name = "daotao.teaching"
    label = "teaching"
    verbose_name = _("Giảng dạy")

    def ready(self) -> None:
        from daotao.teaching import todo

        todo.register()
        from daotao.faculty.development import evaluation
        from daotao.teaching.selectors.observations import observation_average

        evaluation.register_source(evaluation.OBSERVATION, observation_average)
        from daotao.teaching.services.observations import published_sessions_between

        evaluation.register_busy_check(published_sessions_between)
        from daotao.core import jobs
        from daotao.org import rooms
        from daotao.teaching.services.rooms import room_change_problems
        from daotao.teaching.services.scheduling import schedule_runs_recover

        jobs.register(schedule_runs_recover)
        rooms.register_use_check(room_change_problems)
