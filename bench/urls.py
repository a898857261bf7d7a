"""The application's URLconf plus bare baseline views (quality.md P2).

The bare view renders the same first page of the person list (name, date of birth,
agency) with one query and a minimal template: what plain Django costs, against
which the real page is compared in the same run. `/bench/bare/<table>/` does the
same for the main table of each staff page (`staff_pages`): 50 rows of a few
columns, filtered by the query string's `field=value` pairs the table allows.
"""

from django.http import HttpRequest, HttpResponse
from django.template import Context, Template
from django.urls import path

from daotao.assessment.models import Score
from daotao.enrolment.models import Cohort, Enrollment
from daotao.learning.models import Attendance
from daotao.ledger.models import LedgerEntry
from daotao.people.models import Person
from daotao.planning.models import PlannedClass
from daotao.teaching.models import TeachingSession
from daotao.urls import urlpatterns as application_urlpatterns

PAGE_SIZE = 50
BARE_TEMPLATE = Template(
    "<table>{% for p in people %}<tr><td>{{ p.full_name }}</td>"
    "<td>{{ p.date_of_birth|date:'d/m/Y' }}</td><td>{{ p.agency.name }}</td></tr>"
    "{% endfor %}</table>"
)


def bare_person_page(request: HttpRequest) -> HttpResponse:
    """Not declared and not checked: a baseline, reachable only in the bench."""
    school_id = int(request.GET["school"])
    people = (
        Person.objects.filter(school_id=school_id)
        .select_related("agency")
        .only("full_name", "date_of_birth", "agency__name")
        .order_by("sort_key", "id")[:PAGE_SIZE]
    )
    return HttpResponse(BARE_TEMPLATE.render(Context({"people": people})))


ROWS_TEMPLATE = Template(
    "<table>{% for row in rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>"
    "{% endfor %}</tr>{% endfor %}</table>"
)
# table -> (model, columns shown, order, filters the query string may set)
BARE_TABLES = {
    "planned": (
        PlannedClass,
        ["code", "name", "starts_on", "plan__year", "site__name"],
        ["-starts_on", "id"],
        {"plan__year"},
    ),
    "cohorts": (
        Cohort,
        ["code", "name", "starts_on", "ends_on", "status"],
        ["-starts_on", "code"],
        {"status"},
    ),
    "enrollments": (
        Enrollment,
        ["learner_code", "person__full_name", "agency__name", "cohort__code"],
        ["cohort_id", "position"],
        {"cohort_id", "agency_id"},
    ),
    "sessions": (
        TeachingSession,
        [
            "date",
            "half_day",
            "cohort__code",
            "topic__name",
            "lecturer__person__full_name",
        ],
        ["date", "half_day", "cohort_id"],
        {"date__gte", "date__lte", "cohort_id"},
    ),
    "attendance": (
        Attendance,
        ["enrollment__learner_code", "enrollment__person__full_name", "status"],
        ["enrollment__position"],
        {"session_id", "enrollment_id"},
    ),
    "scores": (
        Score,
        ["enrollment__person__full_name", "attendance", "test", "exam", "result"],
        ["enrollment__position"],
        {"sheet_id", "sheet__exam__cohort_id"},
    ),
    "ledger": (
        LedgerEntry,
        ["date", "lecturer__person__full_name", "activity", "hours"],
        ["date", "id"],
        {"period__school_year", "lecturer_id"},
    ),
}


def bare_table_page(request: HttpRequest, table: str) -> HttpResponse:
    """Not declared and not checked: 50 rows of one table, one query."""
    model, columns, order, allowed = BARE_TABLES[table]
    filters = {k: v for k, v in request.GET.items() if k in allowed}
    rows = model.objects.filter(**filters).order_by(*order).values_list(*columns)
    return HttpResponse(ROWS_TEMPLATE.render(Context({"rows": rows[:PAGE_SIZE]})))


urlpatterns = [
    *application_urlpatterns,
    path("bench/bare/", bare_person_page, name="bench-bare"),
    path("bench/bare/<str:table>/", bare_table_page, name="bench-bare-table"),
]
