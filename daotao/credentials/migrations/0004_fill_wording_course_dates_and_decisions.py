"""The new wording fields of the existing templates, the giấy chứng nhận template of
every existing school, and the course dates and graduation decision of the
credentials already issued (from their cohort and its signed decision)."""

from django.db import migrations

# A frozen copy of the defaults of models.DEFAULT_WORDING as this migration was
# written (UNCONFIRMED, domain.md §3: every seeded template stays "cần xác nhận").
COURSE_DATES = "Khóa học từ ngày {tu_ngay} đến ngày {den_ngay}"
REGISTER_LABEL = {
    "diploma": "Số vào sổ cấp bằng:",
    "certificate": "Số vào sổ cấp chứng chỉ:",
    "completion": "Số vào sổ cấp giấy chứng nhận:",
}
COMPLETION = {
    "name": "Giấy chứng nhận (mẫu mặc định)",
    "issuer_lines": "{co_quan_chu_quan}\n{truong}",
    "national_title": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "motto": "Độc lập - Tự do - Hạnh phúc",
    "grantor": "HIỆU TRƯỞNG {truong}",
    "title": "GIẤY CHỨNG NHẬN",
    "subtitle": "",
    "recognition": "Đã hoàn thành chương trình {chuong_trinh}",
    "holder_label": "Chứng nhận ông (bà):",
    "is_holder_first": True,
    "course_dates": COURSE_DATES,
    "classification_label": "Xếp loại:",
    "register_label": REGISTER_LABEL["completion"],
    "signer_title": "HIỆU TRƯỞNG",
}


def fill_templates(apps, schema_editor):
    School = apps.get_model("org", "School")
    CredentialTemplate = apps.get_model("credentials", "CredentialTemplate")
    for kind, label in REGISTER_LABEL.items():
        CredentialTemplate.objects.filter(kind=kind, register_label="").update(
            register_label=label
        )
    CredentialTemplate.objects.filter(course_dates="").update(
        course_dates=COURSE_DATES
    )
    for school_id in School.objects.values_list("pk", flat=True):
        CredentialTemplate.objects.get_or_create(
            school_id=school_id, kind="completion", defaults=COMPLETION
        )


def fill_credentials(apps, schema_editor):
    Credential = apps.get_model("credentials", "Credential")
    GraduationDecision = apps.get_model("assessment", "GraduationDecision")
    decisions = {
        decision.cohort_id: decision.document
        for decision in GraduationDecision.objects.select_related("document")
        if decision.document.number is not None
    }
    credentials = Credential.objects.select_related("enrollment__cohort")
    for credential in credentials.iterator(chunk_size=500):
        cohort = credential.enrollment.cohort
        document = decisions.get(cohort.pk)
        credential.course_starts_on = cohort.starts_on
        credential.course_ends_on = cohort.ends_on
        if document is not None:
            credential.decision_number = document.symbol
            credential.decision_date = document.issued_on
        credential.save(
            update_fields=[
                "course_starts_on",
                "course_ends_on",
                "decision_number",
                "decision_date",
            ]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("credentials", "0003_credential_kinds_course_dates_and_decision"),
        ("assessment", "0004_graduation_review_and_decision"),
        ("documents", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(fill_templates, migrations.RunPython.noop),
        migrations.RunPython(fill_credentials, migrations.RunPython.noop),
    ]
