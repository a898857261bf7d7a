from pathlib import Path

from django.conf import settings
from django.urls import path
from django.views.static import serve

from daotao.core.access import public
from daotao.portal import feeds
from daotao.portal.views import editor
from daotao.portal.views import public as site

app_name = "portal"
urlpatterns = [
    path("", site.home_view, name="home"),
    path("tin-tuc/", site.article_list_view, name="article-list"),
    path("tin-tuc/<slug:slug>/", site.article_view, name="article"),
    path("chuyen-muc/<slug:slug>/", site.category_view, name="category"),
    path("trang/<slug:slug>/", site.page_view, name="page"),
    path("tim-kiem/", site.search_view, name="search"),
    path("tra-cuu-van-bang/", site.credential_lookup_view, name="credential-lookup"),
    path("rss/", feeds.feed_view, name="feed"),
    path("sitemap.xml", feeds.sitemap_view, name="sitemap"),
    # The editor side.
    path("bien-tap/", editor.article_list_view, name="article-admin"),
    path("bien-tap/them/", editor.article_create_view, name="article-create"),
    path("bien-tap/<int:pk>/", editor.article_update_view, name="article-update"),
    path(
        "bien-tap/<int:pk>/xem-truoc/",
        editor.article_preview_view,
        name="article-preview",
    ),
    path(
        "bien-tap/<int:pk>/dang/", editor.article_publish_view, name="article-publish"
    ),
    path(
        "bien-tap/<int:pk>/go/", editor.article_withdraw_view, name="article-withdraw"
    ),
    path("bien-tap/van-ban/", editor.document_list_view, name="document-list"),
    path(
        "bien-tap/van-ban/<int:pk>/dang/",
        editor.document_publish_view,
        name="document-publish",
    ),
    path("bien-tap/anh/", editor.picture_list_view, name="picture-list"),
    path("bien-tap/anh/tai-len/", editor.picture_upload_view, name="picture-upload"),
    path("bien-tap/trang/", editor.page_list_view, name="page-list"),
    path("bien-tap/trang/them/", editor.page_create_view, name="page-create"),
    path("bien-tap/trang/<int:pk>/", editor.page_update_view, name="page-update"),
    path("bien-tap/bieu-ngu/", editor.banner_list_view, name="banner-list"),
    path("bien-tap/bieu-ngu/them/", editor.banner_create_view, name="banner-create"),
    path(
        "bien-tap/bieu-ngu/<int:pk>/", editor.banner_update_view, name="banner-update"
    ),
]

# `make run` serves the site's own uploads (covers, pictures, attachments); in
# production the reverse proxy serves /media/portal/ and nothing else of /media/.
# Declared public like every route (the URL walk checks it), in DEBUG only.
if settings.DEBUG:
    urlpatterns.append(
        path(
            f"{settings.MEDIA_URL.lstrip('/')}portal/<path:path>",
            public(serve),
            {"document_root": Path(settings.MEDIA_ROOT) / "portal"},
            name="media",
        )
    )
