"""The application's URLconf plus a bare baseline view (quality.md P2).

The bare view renders the same first page of the person list (name, date of birth,
agency) with one query and a minimal template: what plain Django costs, against
which the real page is compared in the same run.
"""

from django.http import HttpRequest, HttpResponse
from django.template import Context, Template
from django.urls import path

from daotao.people.models import Person
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


urlpatterns = [
    *application_urlpatterns,
    path("bench/bare/", bare_person_page, name="bench-bare"),
]
