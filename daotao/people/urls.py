from django.urls import path

from daotao.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list_view, name="person-list"),
    path("xuat-excel/", views.person_export_view, name="person-export"),
    path("them/", views.person_create_view, name="person-create"),
    path("<int:pk>/", views.person_detail_view, name="person-detail"),
    path("<int:pk>/sua/", views.person_update_view, name="person-update"),
]
