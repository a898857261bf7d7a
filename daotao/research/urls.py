"""Research pages: staff pages under /nghien-cuu/, the public registration under
/hoi-thao/ (both in the "research" namespace, included at the root)."""

from django.urls import path

from daotao.research import (
    conference_views,
    delegate_views,
    public_views,
    topic_views,
)

app_name = "research"
urlpatterns = [
    # Research topics and outputs
    path("nghien-cuu/de-tai/", topic_views.topic_list_view, name="topic-list"),
    path(
        "nghien-cuu/de-tai/xuat-excel/",
        topic_views.topic_export_view,
        name="topic-export",
    ),
    path("nghien-cuu/de-tai/them/", topic_views.topic_create_view, name="topic-create"),
    path(
        "nghien-cuu/de-tai/<int:pk>/",
        topic_views.topic_detail_view,
        name="topic-detail",
    ),
    path(
        "nghien-cuu/de-tai/<int:pk>/sua/",
        topic_views.topic_update_view,
        name="topic-update",
    ),
    path(
        "nghien-cuu/de-tai/<int:pk>/chuyen-trang-thai/",
        topic_views.topic_transition_view,
        name="topic-transition",
    ),
    path(
        "nghien-cuu/de-tai/<int:pk>/nghiem-thu/",
        topic_views.topic_accept_view,
        name="topic-accept",
    ),
    path(
        "nghien-cuu/de-tai/<int:pk>/cong-trinh/",
        topic_views.output_add_view,
        name="output-add",
    ),
    # Conferences
    path(
        "nghien-cuu/hoi-thao/",
        conference_views.conference_list_view,
        name="conference-list",
    ),
    path(
        "nghien-cuu/hoi-thao/them/",
        conference_views.conference_create_view,
        name="conference-create",
    ),
    path(
        "nghien-cuu/hoi-thao/<int:pk>/",
        conference_views.conference_detail_view,
        name="conference-detail",
    ),
    path(
        "nghien-cuu/hoi-thao/<int:pk>/sua/",
        conference_views.conference_update_view,
        name="conference-update",
    ),
    path(
        "nghien-cuu/hoi-thao/<int:pk>/phan/",
        conference_views.part_add_view,
        name="part-add",
    ),
    path(
        "nghien-cuu/hoi-thao/<int:pk>/chu-de/",
        conference_views.theme_add_view,
        name="theme-add",
    ),
    path(
        "nghien-cuu/hoi-thao/<int:pk>/doan/",
        conference_views.delegation_add_view,
        name="delegation-add",
    ),
    path(
        "nghien-cuu/doan/<int:pk>/lien-lac-vien/",
        conference_views.liaison_edit_view,
        name="liaison-edit",
    ),
    path(
        "nghien-cuu/hoi-thao/<int:pk>/bang-lien-lac/",
        conference_views.contact_sheet_view,
        name="contact-sheet",
    ),
    path(
        "nghien-cuu/hoi-thao/<int:pk>/bang-lien-lac/xuat-excel/",
        conference_views.contact_sheet_export_view,
        name="contact-sheet-export",
    ),
    # Delegates, badges, check-in
    path(
        "nghien-cuu/hoi-thao/<int:pk>/dai-bieu/",
        delegate_views.delegate_list_view,
        name="delegate-list",
    ),
    path(
        "nghien-cuu/hoi-thao/<int:pk>/dai-bieu/xuat-excel/",
        delegate_views.delegate_export_view,
        name="delegate-export",
    ),
    path(
        "nghien-cuu/hoi-thao/<int:pk>/dai-bieu/them/",
        delegate_views.delegate_create_view,
        name="delegate-create",
    ),
    path(
        "nghien-cuu/dai-bieu/<int:pk>/sua/",
        delegate_views.delegate_update_view,
        name="delegate-update",
    ),
    path(
        "nghien-cuu/hoi-thao/<int:pk>/dai-bieu/nhap/",
        delegate_views.delegate_import_view,
        name="delegate-import",
    ),
    path(
        "nghien-cuu/hoi-thao/<int:pk>/dai-bieu/tep-mau/",
        delegate_views.delegate_template_view,
        name="delegate-template",
    ),
    path(
        "nghien-cuu/hoi-thao/<int:pk>/the-dai-bieu/",
        delegate_views.badges_view,
        name="badges",
    ),
    path(
        "nghien-cuu/hoi-thao/<int:pk>/diem-danh/",
        delegate_views.attendance_view,
        name="attendance",
    ),
    path("nghien-cuu/diem-danh/", delegate_views.check_in_view, name="check-in"),
    # Public registration
    path(
        "hoi-thao/",
        public_views.public_conference_list_view,
        name="public-conference-list",
    ),
    path(
        "hoi-thao/<slug:slug>/dang-ky/",
        public_views.public_register_view,
        name="public-register",
    ),
]
