"""Teaching pages, one URL module per area: scheduling (terms, runs, publishing),
timetables and editing, calendar data (holidays, travel between sites)."""

from daotao.teaching import (
    urls_calendar,
    urls_observations,
    urls_scheduling,
    urls_timetables,
)

app_name = "teaching"
urlpatterns = [
    *urls_scheduling.urlpatterns,
    *urls_timetables.urlpatterns,
    *urls_calendar.urlpatterns,
    *urls_observations.urlpatterns,
]
