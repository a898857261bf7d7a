import factory

from daotao.documents.models import DocumentTemplate, Issuer, OutgoingDocument
from daotao.org.models import Unit
from daotao.org.tests.factories import SchoolFactory


class IssuerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issuer

    school = factory.SubFactory(SchoolFactory)
    name = "Trường Chính trị tỉnh Thanh Hóa"
    abbreviation = "TrCT"
    governing_body = "TỈNH ỦY THANH HÓA"
    header_name = "TRƯỜNG CHÍNH TRỊ"


class OutgoingDocumentFactory(factory.django.DjangoModelFactory):
    """A draft Báo cáo from the seeded template."""

    class Meta:
        model = OutgoingDocument

    issuer = factory.SubFactory(IssuerFactory)
    school = factory.SelfAttribute("issuer.school")
    template = factory.LazyFunction(
        lambda: DocumentTemplate.objects.get(code="bao-cao")
    )
    document_type = factory.SelfAttribute("template.document_type")
    drafting_unit = factory.LazyAttribute(
        lambda o: Unit.objects.get_or_create(
            school=o.school,
            abbreviation="PNCKH",
            defaults={"name": "Phòng Quản lý đào tạo và NCKH", "kind": "office"},
        )[0]
    )
    place = "Thanh Hóa"
    summary = "Kết quả thực hiện Hội thảo khoa học"
    body_text = "1. Công tác tham mưu, phối hợp.\nNội dung."
    body = factory.LazyAttribute(
        lambda o: [
            {"kind": "heading", "level": 1, "text": "1. Công tác tham mưu, phối hợp."},
            {"kind": "paragraph", "text": "Nội dung."},
        ]
    )
    signer_authority = "KT. HIỆU TRƯỞNG"
    signer_title = "PHÓ HIỆU TRƯỞNG"
    signer_name = "Lê Văn Thử"
    recipients = factory.LazyFunction(lambda: ["Thường trực Tỉnh ủy;"])
    archive_units = factory.LazyFunction(lambda: ["PNCKH"])
    created_by = factory.SubFactory("daotao.accounts.tests.factories.UserFactory")
