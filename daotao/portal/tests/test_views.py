"""The public site as a visitor sees it: home, article, other news, search, pages,
feed, sitemap, the public services; pages cached and forgotten on change."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from daotao.portal import counting, services
from daotao.portal.models import Article, Banner, DailyVisit, Page
from daotao.portal.tests.factories import article, category

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
POSTED = datetime.datetime(2014, 11, 12, 9, 17, 44, tzinfo=VN)


@pytest.fixture(autouse=True)
def _no_request_flush(monkeypatch):
    monkeypatch.setattr(counting, "_last_flush", float("inf"))


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _counter(html: str, name: str) -> str:
    return re.search(rf'id="count-{name}">([^<]*)<', html).group(1)


@pytest.fixture
def report(school):
    research = category(school, "Nghiên cứu khoa học")
    seed = article(
        school,
        "Báo cáo kết quả thực hiện Hội thảo khoa học",
        body="<p>Số: 104 /BC-TrCT</p>",
        category_obj=research,
        published_at=POSTED,
        view_count=1575,
    )
    for n in range(1, 9):
        article(
            school,
            f"Tin nghiên cứu số {n}",
            category_obj=research,
            published_at=POSTED + datetime.timedelta(days=n),
        )
    article(school, "Tin của chuyên mục khác", category_obj=category(school))
    return seed


def test_article_shows_posted_time_views_and_other_news(client, report, school):
    html = _text(client.get(reverse("portal:article", args=[report.slug])))
    assert "Đăng lúc: 09:17:44 12/11/2014 (GMT+7)" in html
    assert '<span id="views">1.576 lượt xem</span>' in html
    other = html.split("Các tin khác", 1)[1]
    titles = re.findall(r'<li><a href="/tin-tuc/[^"]+">([^<]+)</a>', other)
    # Same category, most recent first, six of them, not the article itself.
    assert titles == [f"Tin nghiên cứu số {n}" for n in (8, 7, 6, 5, 4, 3)]
    assert "Tin của chuyên mục khác" not in other
    assert _counter(html, "today") == "1"


def test_cached_article_counts_every_hit_without_writing(client, report):
    url = reverse("portal:article", args=[report.slug])
    client.get(url)  # renders and caches the page
    with CaptureQueriesContext(connection) as queries:
        for _ in range(20):
            response = client.get(url)
    writes = [q for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []
    assert len(queries) == 0
    assert '<span id="views">1.596 lượt xem</span>' in response.content.decode()
    counting.flush_counts()
    assert Article.objects.get(pk=report.pk).view_count == 1596
    assert '<span id="views">1.597 lượt xem</span>' in client.get(url).content.decode()


def test_home_shows_latest_news_banner_and_counters(client, report, school):
    today = datetime.date.today()
    Banner.objects.create(
        school=school,
        title="Hưởng ứng Ngày Sách và Văn hóa đọc Việt Nam",
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=1),
    )
    Banner.objects.create(
        school=school, title="Biểu ngữ đã hết hạn", starts_on=today.replace(year=2020),
        ends_on=today.replace(year=2021),
    )  # fmt: skip
    DailyVisit.objects.create(
        school=school,
        day=counting.local_day() - datetime.timedelta(days=1),
        visits=1983,
    )
    html = _text(client.get("/"))
    assert "Hưởng ứng Ngày Sách và Văn hóa đọc Việt Nam (" in html
    assert "Biểu ngữ đã hết hạn" not in html
    assert html.index("Tin của chuyên mục khác") < html.index("Tin nghiên cứu số 8")
    assert _counter(html, "today") == "1"
    assert _counter(html, "yesterday") == "1.983"
    assert _counter(html, "total") == "1.984"
    assert 'href="/dang-nhap/"' in html


def test_search_ignores_diacritics(client, report):
    html = _text(client.get(reverse("portal:search"), {"q": "hoi thao"}))
    assert "Tìm thấy 1 bài viết cho “hoi thao”." in html
    assert "Báo cáo kết quả thực hiện Hội thảo khoa học</a>" in html
    html = _text(client.get(reverse("portal:search"), {"q": "NGHIÊN CỨU số 3"}))
    assert "Tìm thấy 1 bài viết" in html


def test_search_is_rate_limited(client, report, settings):
    settings.PORTAL_SEARCH_LIMIT = 3
    answers = [
        client.get(reverse("portal:search"), {"q": "hoi"}).status_code for _ in range(4)
    ]
    assert answers == [200, 200, 200, 429]


def test_drafts_and_future_articles_stay_hidden(client, school):
    draft = article(school, "Bản nháp chưa đăng", status=Article.Status.DRAFT)
    later = datetime.datetime(2030, 1, 1, 8, 0, tzinfo=VN)
    scheduled = article(
        school, "Tin hẹn giờ", status=Article.Status.SCHEDULED, published_at=later
    )
    assert client.get(reverse("portal:article", args=[draft.slug])).status_code == 404
    url = reverse("portal:article", args=[scheduled.slug])
    assert client.get(url).status_code == 404
    assert (
        "Tin hẹn giờ"
        not in client.get(reverse("portal:search"), {"q": "hen gio"}).content.decode()
    )
    with time_machine.travel(later + datetime.timedelta(minutes=1)):
        assert client.get(url).status_code == 200


def test_editing_forgets_the_cached_page(
    client, report, editor, django_capture_on_commit_callbacks
):
    url = reverse("portal:article", args=[report.slug])
    assert "Báo cáo kết quả" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.article_update(
            actor=editor,
            article=report,
            data=services.ArticleData(title="Tiêu đề đã sửa", body="<p>Mới</p>"),
        )
    html = client.get(url).content.decode()
    assert "<h1>Tiêu đề đã sửa</h1>" in html
    with django_capture_on_commit_callbacks(execute=True):
        services.article_withdraw(actor=editor, article=report)
    assert client.get(url).status_code == 404
    assert "Tiêu đề đã sửa" not in client.get("/").content.decode()


def test_open_graph_feed_and_sitemap(client, report):
    html = client.get(reverse("portal:article", args=[report.slug])).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert (
        '<meta property="og:title" content="Báo cáo kết quả thực hiện Hội thảo khoa '
        'học">' in html
    )
    assert (
        '<meta property="article:published_time" content="2014-11-12T09:17:44+07:00">'
        in html
    )
    feed = client.get(reverse("portal:feed"))
    assert feed["Content-Type"].startswith("application/rss+xml")
    assert feed.content.decode().count("<item>") == 10
    sitemap = client.get(reverse("portal:sitemap")).content.decode()
    assert f"/tin-tuc/{report.slug}/</loc>" in sitemap


def test_static_page_and_category(client, report, school):
    Page.objects.create(
        school=school, title="Giới thiệu", slug="gioi-thieu", body="<p>Trường</p>"
    )
    Page.objects.create(
        school=school, title="Nội bộ", slug="noi-bo", is_published=False
    )
    assert "<h1>Giới thiệu</h1>" in client.get("/trang/gioi-thieu/").content.decode()
    assert client.get("/trang/noi-bo/").status_code == 404
    html = client.get(
        reverse("portal:category", args=["nghien-cuu-khoa-hoc"])
    ).content.decode()
    assert html.count('class="item"') == 9


def test_credential_lookup_leads_to_verification(client, school):
    response = client.get(reverse("portal:credential-lookup"), {"code": " Ab_9-x "})
    assert response.status_code == 302
    assert response["Location"] == reverse("credential-verify", args=["Ab_9-x"])
    html = client.get(
        reverse("portal:credential-lookup"), {"code": "<script>"}
    ).content.decode()
    assert "Mã xác minh chỉ gồm chữ cái không dấu, chữ số, “-” và “_”." in html
    assert "<script>" not in html


def test_the_lookup_box_offers_the_serial_with_the_birth_date_and_the_code(
    client, school
):
    html = client.get(reverse("portal:credential-lookup")).content.decode()
    box = html[html.index("<h2>Tra cứu văn bằng</h2>") :]
    box = box[: box.index("</section>")]
    by_serial = f'<form method="get" action="{reverse("credential-lookup")}"'
    by_code = f'<form method="get" action="{reverse("portal:credential-lookup")}"'
    assert box.index(by_serial) < box.index(by_code)
    for name in ('name="so_hieu"', 'name="ngay_sinh"', 'name="code"'):
        assert name in box
    assert "Số hiệu in trên văn bằng" in box


def test_conference_link_only_when_the_service_exists(client, school):
    html = client.get("/").content.decode()
    try:
        url = reverse("research:public-conference-list")
    except NoReverseMatch:
        assert "Đăng ký tham dự hội thảo" not in html
    else:
        assert f'<a href="{url}">Đăng ký tham dự hội thảo khoa học</a>' in html


def test_public_pages_have_no_inline_script(client, report):
    for url in ("/", reverse("portal:article", args=[report.slug]), "/tim-kiem/?q=a"):
        html = client.get(url).content.decode()
        assert "<script" not in html
        assert " style=" not in html


def test_a_remembered_school_that_is_gone_is_looked_up_again(client, school):
    from django.core.cache import cache

    article(school, "Tin của trường hiện có")
    cache.set("portal:school", school.pk + 1000)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<strong>{school.name}</strong>" in html
    assert "Tin của trường hiện có" in html
