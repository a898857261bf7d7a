"""Issue 13's chain through the pages, in a real browser (Debian's Chromium driven
by Playwright), on a fresh school: the first class's term is already published
(set up through the services); the office makes next year's plan and its class
on the pages, leadership approves, the office checks the nominations and admits
the class, creates its term, runs the engine, publishes, and the class's
timetable shows its sessions beside the first class's, in the shared room."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from daotao.enrolment import services as enrolment
from daotao.enrolment.models import Cohort
from daotao.org.models import EducationLevel, Ethnicity
from daotao.people.tests.factories import PersonFactory
from daotao.planning.models import PlannedClass
from daotao.teaching.models import TeachingSession
from daotao.teaching.tests.second_class import (
    GOOD,
    admitted_class,
    scheduled_and_published,
)
from daotao.tests.support.browser import leave, sign_in

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]
D = datetime.date


def menu(page, group: str, item: str) -> None:
    page.click(f"header summary:has-text('{group}')")
    page.click(f"header .navgroup-items a:has-text('{item}')")


def test_plan_admission_term_run_publish_and_the_timetable_in_the_browser(
    browser,
    live_server,
    fresh_school,
    django_capture_on_commit_callbacks,
):
    world = fresh_school
    first = admitted_class(
        world,
        year=2027,
        code="K63A",
        starts_on=D(2027, 9, 6),
        ends_on=D(2028, 6, 30),
        learners=3,
    )
    scheduled_and_published(
        world, first, "K63A tháng 3/2028", django_capture_on_commit_callbacks
    )

    # The office: next year's plan, its class and the agency's quota; submitted.
    page = sign_in(browser, live_server, world["office"])
    menu(page, "Đào tạo", "Kế hoạch")
    page.fill("#id_year", "2028")
    page.fill("#id_title", "Kế hoạch đào tạo, bồi dưỡng năm 2028")
    page.click("button:has-text('Tạo kế hoạch')")
    page.wait_for_url("**/ke-hoach/*/")
    page.fill("#id_code", "TC-2028-01")
    page.fill("#id_name", "Trung cấp lý luận chính trị K64A")
    page.select_option("#id_program_version", str(world["version"].pk))
    page.select_option("#id_mode", "full_time")
    page.select_option("#id_site", str(world["site"].pk))
    page.fill("#id_planned_size", "4")
    page.fill("#id_starts_on", "06/03/2028")
    page.fill("#id_ends_on", "29/12/2028")
    page.click("button:has-text('Thêm lớp')")
    quota = page.locator("form[action*='chi-tieu']")
    quota.locator("select[name=agency]").select_option(str(world["agency"].pk))
    quota.locator("input[name=places]").fill("4")
    quota.locator("button").click()
    expect(page.locator("main")).to_contain_text("Đảng ủy xã Thọ Xuân: 4")
    page.click("button:has-text('Trình duyệt')")
    plan_url = page.url
    leave(page)

    page = sign_in(browser, live_server, world["leader"])
    page.goto(plan_url)
    page.check("form[action$='/phe-duyet/'] input[name=confirm]")
    page.click("button:has-text('Phê duyệt')")
    expect(page.locator("main")).to_contain_text("Đã phê duyệt")
    leave(page)

    # The agency's four cadres are nominated (the agency's own pages have their
    # own tests).
    planned = PlannedClass.objects.get(code="TC-2028-01")
    for _n in range(4):
        enrolment.nomination_submit(
            actor=world["coordinator"],
            planned_class=planned,
            agency_id=world["agency"].pk,
            person=PersonFactory(
                school=world["school"],
                agency=world["agency"],
                date_of_birth=D(1988, 5, 1),
                party_joined_on=D(2012, 5, 19),
                education_level=EducationLevel.objects.get(code="DH"),
                ethnicity=Ethnicity.objects.get(code="01"),
            ),
            data=GOOD,
        )

    # The office checks the nominations and admits the class.
    page = sign_in(browser, live_server, world["office"])
    page.goto(f"{live_server.url}/tuyen-sinh/lop/{planned.pk}/")
    page.click("button:has-text('Xét điều kiện các hồ sơ mới')")
    expect(page.locator("main")).to_contain_text("Đã xét điều kiện 4 hồ sơ")
    page.click("summary:has-text('Lập lớp')")
    page.fill("#id_code", "K64A")
    page.click("button:has-text('Lập lớp')")
    page.wait_for_url("**/lop-hoc/**")
    second = Cohort.objects.get(code="K64A")

    # Its term, a run of the engine, the draft published.
    menu(page, "Đào tạo", "Xếp lịch giảng")
    page.fill("#id_name", "K64A tháng 3/2028")
    page.fill("#id_starts_on", "06/03/2028")
    page.fill("#id_ends_on", "17/03/2028")
    page.get_by_label("K64A").check()
    page.click("button:has-text('Tạo đợt')")
    page.wait_for_url("**/dot-xep-lich/*/")
    page.fill("#id_time_limit_seconds", "10")
    page.click("button:has-text('Xếp lịch')")
    page.wait_for_url("**/lan-xep-lich/*/")
    expect(page.locator("main")).to_contain_text("Đã có bản nháp", timeout=60_000)
    page.check("form[action$='/cong-bo/'] input[name=confirm]")
    page.click("button:has-text('Công bố')")
    expect(page.locator(".messages")).to_contain_text("Đã công bố lịch giảng của đợt.")

    # The class's timetable shows its sessions, in the room the first class shares.
    published = TeachingSession.objects.filter(run=None, cohort=second)
    assert published.count() == 7
    first_day = published.order_by("date").first().date
    timetable = reverse("teaching:cohort-timetable", args=[second.pk])
    page.goto(f"{live_server.url}{timetable}?tuan={first_day}")
    sessions = page.locator("table.timetable .tt-session")
    expect(sessions.first).to_be_visible()
    expect(page.locator("table.timetable")).to_contain_text("Phòng học 302")
    monday = first_day - datetime.timedelta(days=first_day.weekday())
    week = published.filter(date__range=(monday, monday + datetime.timedelta(days=6)))
    expect(sessions).to_have_count(week.count())
    leave(page)
