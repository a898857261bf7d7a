"""The demo school's public site: categories and menu, the static pages, a dozen
articles (the first is the seed's own page: report 104/BC-TrCT posted at 09:17:44
on 12/11/2014 with 1575 views), the reading campaign banner and six years of visit
counts, so the counter reads like a site that has been online for years."""

from __future__ import annotations

import datetime
import io
import random
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from daotao.portal import services
from daotao.portal.content import paragraphs_html, slug_for
from daotao.portal.models import Article, Banner, Category, DailyVisit, Page

VN = ZoneInfo("Asia/Ho_Chi_Minh")
REPORT = Path(__file__).with_name("bao_cao_104_2014.txt")
CATEGORIES = [
    "Tin hoạt động",
    "Đào tạo, bồi dưỡng",
    "Nghiên cứu khoa học",
    "Thông báo",
]
PAGES = [
    # (title, position: below 10 before the categories in the menu, body)
    (
        "Giới thiệu",
        1,
        "<p>Trường Chính trị tỉnh Thanh Hóa là cơ sở đào tạo, bồi dưỡng cán bộ "
        "lãnh đạo, quản lý của hệ thống chính trị cấp cơ sở và cán bộ, công chức, "
        "viên chức của tỉnh, trực thuộc Tỉnh ủy và Ủy ban nhân dân tỉnh.</p>"
        "<h2>Chức năng, nhiệm vụ</h2><ul><li>Đào tạo trung cấp lý luận chính trị."
        "</li><li>Bồi dưỡng kiến thức, kỹ năng lãnh đạo, quản lý.</li>"
        "<li>Nghiên cứu khoa học, tổng kết thực tiễn ở địa phương.</li></ul>",
    ),
    (
        "Lịch sử",
        2,
        "<p>Tiền thân của Trường là Trường Đảng tỉnh Thanh Hóa, thành lập năm 1949. "
        "Qua nhiều lần đổi tên và sáp nhập, Trường mang tên Trường Chính trị tỉnh "
        "Thanh Hóa từ năm 1995.</p>",
    ),
    (
        "Cơ cấu tổ chức",
        3,
        "<p>Ban Giám hiệu; các phòng: Quản lý đào tạo và nghiên cứu khoa học; Tổ "
        "chức, hành chính, thông tin, tư liệu; các khoa: Lý luận cơ sở, Xây dựng "
        "Đảng, Nhà nước và pháp luật.</p>",
    ),
    (
        "Liên hệ",
        20,
        "<p>Trường Chính trị tỉnh Thanh Hóa</p><p>Điện thoại: 0237 3852 418 · "
        "Thư điện tử: truongchinhtri@thanhhoa.gov.vn</p>",
    ),
]
REPORT_TITLE = (
    "Báo cáo kết quả thực hiện Hội thảo khoa học “Đổi mới công tác quản lý nhằm "
    "nâng cao chất lượng đào tạo, bồi dưỡng cán bộ ở các Trường Chính trị khu vực "
    "Bắc Trung bộ”"
)
# (title, category, posted (local time), views, summary)
ARTICLES = [
    (
        "Hội thảo khoa học “Đổi mới công tác quản lý nhằm nâng cao chất lượng đào "
        "tạo, bồi dưỡng cán bộ ở các Trường Chính trị khu vực Bắc Trung bộ”",
        "Nghiên cứu khoa học",
        (2014, 4, 7, 16, 30, 0),
        2210,
        "Ngày 7/4/2014, Trường Chính trị tỉnh Thanh Hóa đăng cai Hội thảo khoa học "
        "với 400 đại biểu của 5 trường chính trị khu vực Bắc Trung bộ và 5 trường bạn.",
    ),
    (
        "Khai giảng lớp Trung cấp lý luận chính trị - hành chính khóa 2014 - 2015",
        "Đào tạo, bồi dưỡng",
        (2014, 9, 15, 10, 5, 12),
        987,
        "Lớp có 85 học viên là cán bộ chủ chốt của các xã, phường, thị trấn.",
    ),
    (
        "Bế giảng lớp Trung cấp lý luận chính trị - hành chính K58",
        "Đào tạo, bồi dưỡng",
        (2015, 6, 20, 15, 40, 0),
        654,
        "100% học viên hoàn thành chương trình, 32 học viên đạt loại giỏi.",
    ),
    (
        "Thông báo tuyển sinh lớp Trung cấp lý luận chính trị năm 2026",
        "Thông báo",
        (2026, 1, 12, 8, 0, 0),
        1320,
        "Các cơ quan, đơn vị gửi danh sách cán bộ cử đi học trước ngày 28/02/2026.",
    ),
    (
        "Hội nghị tổng kết công tác đào tạo, bồi dưỡng năm học 2025 - 2026",
        "Tin hoạt động",
        (2026, 7, 30, 14, 20, 0),
        540,
        "Hội nghị đánh giá kết quả một năm triển khai chương trình mới sau sắp xếp "
        "đơn vị hành chính cấp xã.",
    ),
    (
        "Tọa đàm “Nâng cao kỹ năng lãnh đạo, quản lý cho cán bộ cấp xã sau sắp xếp”",
        "Nghiên cứu khoa học",
        (2026, 8, 14, 9, 0, 0),
        412,
        "Tọa đàm thu hút hơn 120 đại biểu là lãnh đạo các xã, phường mới.",
    ),
    (
        "Khai giảng lớp Bồi dưỡng ngạch chuyên viên khóa I năm 2026",
        "Đào tạo, bồi dưỡng",
        (2026, 9, 8, 8, 30, 0),
        388,
        "Lớp học tập trung 4 tuần tại Trường với 70 học viên.",
    ),
    (
        "Đoàn công tác Học viện Chính trị quốc gia Hồ Chí Minh làm việc với Trường",
        "Tin hoạt động",
        (2026, 9, 25, 16, 10, 0),
        301,
        "Đoàn kiểm tra việc thực hiện Quy định chuẩn trường chính trị.",
    ),
    (
        "Hội thi giảng viên dạy giỏi cấp trường năm 2026",
        "Tin hoạt động",
        (2026, 10, 16, 10, 45, 0),
        276,
        "18 giảng viên tham gia; 6 bài giảng đạt loại xuất sắc.",
    ),
    (
        "Thông báo lịch học lớp Trung cấp lý luận chính trị K60A",
        "Thông báo",
        (2026, 11, 2, 7, 30, 0),
        198,
        "Lịch học tháng 11 và tháng 12 năm 2026 tại Hội trường B.",
    ),
    (
        "Hưởng ứng Ngày Sách và Văn hóa đọc Việt Nam: tủ sách pháp luật của Trường",
        "Tin hoạt động",
        (2026, 11, 20, 15, 0, 0),
        143,
        "Thư viện Trường bổ sung 500 đầu sách lý luận chính trị và pháp luật.",
    ),
]
BANNER = "Hưởng ứng Ngày Sách và Văn hóa đọc Việt Nam"
BANNER_DAYS = (datetime.date(2021, 4, 21), datetime.date(2030, 4, 21))
HISTORY_DAYS = 6 * 365


def _posted(parts: tuple[int, ...]) -> datetime.datetime:
    return datetime.datetime(*parts, tzinfo=VN)


def _cover(label: str, shade: int) -> SimpleUploadedFile:
    """A plain cover: a red-to-gold band with a star and the category's name."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1200, 630))
    draw = ImageDraw.Draw(image)
    for y in range(630):
        t = y / 630
        draw.line(
            [(0, y), (1200, y)],
            fill=(164 - shade, int(22 + 150 * t), int(26 + 40 * t)),
        )
    draw.regular_polygon((190, 315, 110), 5, rotation=-90, fill=(255, 209, 102))
    try:
        font = ImageFont.truetype("LiberationSans-Bold.ttf", 64)
    except OSError:
        font = ImageFont.load_default()
    draw.text((360, 280), label.upper(), font=font, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile("bia.png", buffer.getvalue(), content_type="image/png")


def _ensure_article(
    *, school: Any, editor: Any, title: str, category: Category, body: str,
    summary: str, posted: datetime.datetime, views: int, with_cover: bool = False,
) -> int:  # fmt: skip
    if Article.objects.filter(school=school, slug=slug_for(title)).exists():
        return 0
    article = services.article_create(
        actor=editor,
        school_id=school.pk,
        data=services.ArticleData(
            title=title, summary=summary, body=body, category_id=category.pk
        ),
        cover=_cover(category.name, shade=posted.day % 40) if with_cover else None,
    )
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PUBLISHED, published_at=posted, view_count=views
    )
    return 1


def _history(school: Any) -> int:
    """Visits for the last six years (about 2,000 a day), the days not there yet."""
    rng = random.Random(2014)
    today = timezone.localdate()
    rows = []
    for n in range(HISTORY_DAYS, 0, -1):
        day = today - datetime.timedelta(days=n)
        visits = rng.randint(1500, 2600) - (600 if day.weekday() >= 5 else 0)
        rows.append(
            DailyVisit(
                school=school, day=day, visits=visits, unique_visitors=visits * 2 // 5
            )
        )
    before = DailyVisit.objects.filter(school=school).count()
    DailyVisit.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return DailyVisit.objects.filter(school=school).count() - before


def ensure_website(*, school: Any, editor: Any) -> int:
    """The demo site's content (created once); returns how many rows were added."""
    created = 0
    categories = {}
    for position, name in enumerate(CATEGORIES, 1):
        categories[name], is_new = Category.objects.get_or_create(
            school=school,
            slug=slug_for(name),
            defaults={"name": name, "position": position},
        )
        created += is_new
    for title, position, body in PAGES:
        if not Page.objects.filter(school=school, slug=slug_for(title)).exists():
            services.page_save(
                actor=editor,
                school_id=school.pk,
                page=None,
                values={"title": title, "body": body, "position": position},
            )
            created += 1
    created += _ensure_article(
        school=school,
        editor=editor,
        title=REPORT_TITLE,
        category=categories["Nghiên cứu khoa học"],
        body=paragraphs_html(REPORT.read_text(encoding="utf-8")),
        summary="",
        posted=_posted((2014, 11, 12, 9, 17, 44)),
        views=1575,
    )
    for index, (title, category, posted, views, summary) in enumerate(ARTICLES):
        created += _ensure_article(
            with_cover=index >= len(ARTICLES) - 4,  # the four latest
            school=school,
            editor=editor,
            title=title,
            category=categories[category],
            body=f"<p>{summary}</p>",
            summary=summary,
            posted=_posted(posted),
            views=views,
        )
    if not Banner.objects.filter(school=school, title=BANNER).exists():
        services.banner_save(
            actor=editor,
            school_id=school.pk,
            banner=None,
            values={
                "title": BANNER,
                "starts_on": BANNER_DAYS[0],
                "ends_on": BANNER_DAYS[1],
                "position": 0,
            },
        )
        created += 1
    return created + _history(school)
