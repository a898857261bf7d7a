from django.urls import path

from daotao.reports import views

app_name = "reports"
urlpatterns = [
    path("quan-ly/", views.dashboard_view, name="dashboard"),
]
