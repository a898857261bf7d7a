from django.urls import path

from daotao.people.views import imports, persons

app_name = "people"
urlpatterns = [
    path("", persons.person_list_view, name="person-list"),
    path("xuat-excel/", persons.person_export_view, name="person-export"),
    path("them/", persons.person_create_view, name="person-create"),
    path("nhap/", imports.person_import_view, name="person-import"),
    path("nhap/mau/", imports.person_template_view, name="person-template"),
    path("<int:pk>/", persons.person_detail_view, name="person-detail"),
    path("<int:pk>/sua/", persons.person_update_view, name="person-update"),
]
