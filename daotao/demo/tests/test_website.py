"""The demo's public site: the seed's page as a visitor sees it, once."""

import re

import pytest
from django.core.cache import cache

from daotao.core.access import Role
from daotao.demo.website import REPORT_TITLE, ensure_website
from daotao.portal import counting
from daotao.portal.content import slug_for
from daotao.portal.models import Article, Banner, Category, DailyVisit, Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(school, make_user, monkeypatch):
    cache.clear()
    monkeypatch.setattr(counting, "_last_flush", float("inf"))
    created = ensure_website(school=school, editor=make_user(Role.COMMUNICATIONS))
    yield created
    cache.clear()


def test_the_seed_page_and_its_neighbours(site, school, client):
    assert (Category.objects.count(), Page.objects.count()) == (4, 4)
    assert Article.objects.filter(status="published").count() == 12
    assert Article.objects.exclude(cover_large="").count() == 4
    assert DailyVisit.objects.count() == 6 * 365
    report = Article.objects.get(slug=slug_for(REPORT_TITLE))
    html = client.get(f"/tin-tuc/{report.slug}/").content.decode()
    assert "Đăng lúc: 09:17:44 12/11/2014 (GMT+7)" in html
    assert '<span id="views">1.576 lượt xem</span>' in html
    assert "Số: 104 /BC-TrCT" in html
    assert "Các tin khác" in html
    home = client.get("/").content.decode()
    assert "HƯỞNG ỨNG NGÀY SÁCH VÀ VĂN HÓA ĐỌC VIỆT NAM" in home.upper()
    total = re.search(r'id="count-total">([\d.]+)<', home).group(1)
    assert int(total.replace(".", "")) > 4_000_000
    assert Banner.objects.get().ends_on.year == 2030


def test_seeding_again_adds_nothing(site, school, make_user):
    assert site == 4 + 4 + 12 + 1 + 6 * 365
    assert ensure_website(school=school, editor=make_user(Role.COMMUNICATIONS)) == 0
