"""The editor side: the communications role writes, previews, schedules, publishes
and withdraws; uploads and rich text are checked; other roles change nothing."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.documents.tests.factories import IssuerFactory, OutgoingDocumentFactory
from daotao.portal.models import Article, Banner, Picture
from daotao.portal.tests.factories import article, category

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 400), "red").save(buffer, "PNG")
    return buffer.getvalue()


def _post_article(client, **extra):
    data = {
        "title": "Hội thảo “Đổi mới công tác quản lý”",
        "summary": "Tóm tắt",
        "body": '<p onclick="alert(1)">Nội dung</p><script>alert(2)</script>'
        '<a href="javascript:alert(3)">xem</a>',
        "tags": "hội thảo,  quản lý ,",
        **extra,
    }
    return client.post(reverse("portal:article-create"), data)


def test_editor_writes_a_sanitised_draft_with_a_cover(client, editor, school):
    client.force_login(editor)
    news = category(school)
    response = _post_article(
        client,
        category=news.pk,
        cover=SimpleUploadedFile("bia.png", _png(), content_type="image/png"),
    )
    created = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:article-update", args=[created.pk])
    assert (created.status, created.slug, created.author, created.category) == (
        Article.Status.DRAFT,
        "hoi-thao-doi-moi-cong-tac-quan-ly",
        editor,
        news,
    )
    assert created.body == '<p>Nội dung</p><a rel="noopener noreferrer">xem</a>'
    assert created.tags == "hội thảo, quản lý"
    assert created.cover_large.name.startswith("portal/covers/")
    assert "bia" not in created.cover_large.name
    assert Image.open(created.cover_small).size == (300, 150)
    assert AuditEvent.objects.filter(action="portal.article_create").count() == 1


def test_an_upload_that_is_not_an_image_creates_nothing(client, editor):
    client.force_login(editor)
    fake = SimpleUploadedFile(
        "bia.png", b"<svg onload=alert(1)>", content_type="image/png"
    )
    response = _post_article(client, cover=fake)
    assert response.status_code == 200
    assert (
        "Tệp “bia.png” không phải ảnh JPEG, PNG hoặc WebP (kiểm tra theo nội dung tệp)."
        in response.content.decode()
    )
    assert not Article.objects.exists()
    assert not AuditEvent.objects.exists()


def test_preview_publish_schedule_withdraw(client, editor, school):
    client.force_login(editor)
    draft = article(school, "Bài chờ đăng", status=Article.Status.DRAFT)
    preview = client.get(reverse("portal:article-preview", args=[draft.pk]))
    assert preview.status_code == 200
    assert "Bản xem trước" in preview.content.decode()
    assert preview["X-Robots-Tag"] == "noindex, nofollow"
    public_url = reverse("portal:article", args=[draft.slug])
    assert client.get(public_url).status_code == 404

    client.post(
        reverse("portal:article-publish", args=[draft.pk]), {"at": "01/01/2031 08:00"}
    )
    draft.refresh_from_db()
    assert draft.status == Article.Status.SCHEDULED
    assert draft.published_at.isoformat() == "2031-01-01T01:00:00+00:00"
    assert client.get(public_url).status_code == 404

    client.post(reverse("portal:article-publish", args=[draft.pk]), {"at": ""})
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    assert client.get(public_url).status_code == 200

    client.post(reverse("portal:article-withdraw", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    actions = list(
        AuditEvent.objects.filter(object_id=str(draft.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "portal.article_publish",
        "portal.article_publish",
        "portal.article_withdraw",
    ]


@pytest.mark.parametrize("role", [Role.LECTURER, Role.TRAINING_OFFICE, Role.SUPERVISOR])
def test_other_roles_change_nothing(client, make_user, school, role):
    draft = article(school, "Bài của biên tập", status=Article.Status.DRAFT)
    client.force_login(make_user(role))
    before = list(Article.objects.values_list("id", "status", "title"))
    assert client.get(reverse("portal:article-admin")).status_code == 403
    assert _post_article(client).status_code == 403
    response = client.post(reverse("portal:article-publish", args=[draft.pk]))
    assert response.status_code == 403
    assert list(Article.objects.values_list("id", "status", "title")) == before
    assert not AuditEvent.objects.exists()


def test_leadership_may_publish(client, make_user, school):
    draft = article(school, "Bài lãnh đạo duyệt", status=Article.Status.DRAFT)
    client.force_login(make_user(Role.LEADERSHIP))
    client.post(reverse("portal:article-publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED


def test_a_signed_document_becomes_an_article_with_its_pdf(client, editor, school):
    signed = OutgoingDocumentFactory(
        issuer=IssuerFactory(school=school),
        status="signed",
        number=104,
        year=2014,
        symbol="104/BC-TrCT",
        issued_on=datetime.date(2014, 4, 29),
    )
    signed.pdf_file.save("bc.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    draft_document = OutgoingDocumentFactory(
        issuer=IssuerFactory(school=school, abbreviation="X2"), summary="Dự thảo"
    )
    client.force_login(editor)
    listing = client.get(reverse("portal:document-list")).content.decode()
    assert "104/BC-TrCT" in listing
    assert "Dự thảo" not in listing
    response = client.post(reverse("portal:document-publish", args=[signed.pk]))
    made = Article.objects.get()
    assert response["Location"] == reverse("portal:article-update", args=[made.pk])
    assert (made.title, made.document, made.status) == (
        "Kết quả thực hiện Hội thảo khoa học",
        signed,
        Article.Status.DRAFT,
    )
    assert made.body == "<p>1. Công tác tham mưu, phối hợp.</p>\n<p>Nội dung.</p>"
    assert made.attachment.read() == b"%PDF-1.4\n%%EOF\n"
    assert made.attachment_name == "104-bc-trct.pdf"
    refused = client.post(reverse("portal:document-publish", args=[draft_document.pk]))
    assert refused.status_code == 404
    assert Article.objects.count() == 1


def test_banner_dates_are_checked(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("portal:banner-create"),
        {
            "title": "Hưởng ứng Ngày Sách",
            "starts_on": "21/04/2026",
            "ends_on": "20/04/2026",
            "position": 0,
            "link_url": "javascript:alert(1)",
        },
    )
    html = response.content.decode()
    assert "Liên kết phải bắt đầu bằng “/” (trang trong cổng) hoặc “https://”." in html
    assert not Banner.objects.exists()
    response = client.post(
        reverse("portal:banner-create"),
        {
            "title": "Hưởng ứng",
            "starts_on": "21/04/2026",
            "ends_on": "20/04/2026",
            "position": 0,
        },
    )
    assert "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu." in response.content.decode()
    assert not Banner.objects.exists()


def test_page_body_is_sanitised(client, editor):
    client.force_login(editor)
    client.post(
        reverse("portal:page-create"),
        {
            "title": "Liên hệ",
            "body": "<p>Gọi</p><img src=x onerror=alert(1)>",
            "position": 20,
            "is_in_menu": "on",
            "is_published": "on",
        },
    )
    page = client.get("/trang/lien-he/").content.decode()
    assert '<div class="body"><p>Gọi</p><img src="x"></div>' in page


def test_pictures_for_bodies_are_checked_and_listed(client, editor):
    client.force_login(editor)
    url = reverse("portal:picture-list")
    bad = SimpleUploadedFile("anh.jpg", b"GIF89a not really", content_type="image/jpeg")
    response = client.post(url, {"title": "Hội trường", "image": bad})
    assert (
        "Tệp “anh.jpg” không phải ảnh JPEG, PNG hoặc WebP (kiểm tra theo nội dung tệp)."
        in response.content.decode()
    )
    assert not Picture.objects.exists()
    good = SimpleUploadedFile("anh.png", _png(), content_type="image/png")
    response = client.post(url, {"title": "Hội trường", "image": good})
    assert response.status_code == 302
    picture = Picture.objects.get()
    assert Image.open(picture.large).size == (800, 400)
    assert Image.open(picture.medium).size == (600, 300)
    listing = client.get(url).content.decode()
    assert f"&lt;img src=&quot;{picture.large.url}&quot;" not in listing
    assert f'&lt;img src="{picture.large.url}" alt="Hội trường"&gt;' in listing
