"""Writes of the outcomes app, one module per area: agency (the research task the
sending agency sets, the cadre's placement) and grading (the lecturer's grade of a
research task). Callers use `services.<name>`."""

from daotao.outcomes.services.agency import placement_record, research_task_assign
from daotao.outcomes.services.grading import grade_errors, research_task_grade

__all__ = [
    "grade_errors",
    "placement_record",
    "research_task_assign",
    "research_task_grade",
]
