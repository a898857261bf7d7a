from django.urls import path

from daotao.core import views

app_name = "core"

urlpatterns = [
    path("<int:pk>/", views.generated_file_detail_view, name="generated-file-detail"),
    path(
        "<int:pk>/tai-ve/",
        views.generated_file_download_view,
        name="generated-file-download",
    ),
    path(
        "<int:pk>/tao-lai/",
        views.generated_file_retry_view,
        name="generated-file-retry",
    ),
]
