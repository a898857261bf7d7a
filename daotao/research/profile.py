"""The section research adds to a lecturer's profile page (faculty.profile)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from daotao.faculty import profile as faculty_profile


def _research_section(lecturer) -> dict:
    from daotao.research.selectors import topics as selectors

    return selectors.lecturer_research(lecturer=lecturer)


def register() -> None:
    from daotao.faculty.development import evaluation
    from daotao.research.selectors.topics import research_for_evaluation

    evaluation.register_source(evaluation.RESEARCH, research_for_evaluation)
    faculty_profile.register_section(
        key="research",
        title=_("Đề tài, công trình khoa học"),
        template="research/_lecturer_profile.html",
        context=_research_section,
    )
