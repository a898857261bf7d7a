from django.urls import path

from daotao.people import import_views, views

app_name = "people"
urlpatterns = [
    path("", views.person_list_view, name="person-list"),
    path("xuat-excel/", views.person_export_view, name="person-export"),
    path("them/", views.person_create_view, name="person-create"),
    path("nhap/", import_views.person_import_view, name="person-import"),
    path("nhap/mau/", import_views.person_template_view, name="person-template"),
    path("<int:pk>/", views.person_detail_view, name="person-detail"),
    path("<int:pk>/sua/", views.person_update_view, name="person-update"),
]
