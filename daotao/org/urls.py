from django.urls import path

from daotao.org import views

app_name = "org"
urlpatterns = [
    path("co-quan/", views.agency_list_view, name="agency-list"),
    path("co-quan/xuat-excel/", views.agency_export_view, name="agency-export"),
    path("khoa-phong/", views.unit_list_view, name="unit-list"),
]
