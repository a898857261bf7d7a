"""Teaching pages, one URL module per area: scheduling (terms, runs, publishing),
timetables and editing, the teaching-hour ledger."""

from daotao.teaching import urls_ledger, urls_scheduling, urls_timetables

app_name = "teaching"
urlpatterns = [
    *urls_scheduling.urlpatterns,
    *urls_timetables.urlpatterns,
    *urls_ledger.urlpatterns,
]
