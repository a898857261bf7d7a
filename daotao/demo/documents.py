"""The demo school's documents: its issuers and a few documents in each state."""

from __future__ import annotations

import datetime
from typing import Any

from daotao.documents import services
from daotao.documents.models import DocumentTemplate, Issuer, OutgoingDocument

DEMO_DOCUMENTS = [
    # (template code, summary, body, final state)
    (
        "ke-hoach",
        "Đào tạo, bồi dưỡng cán bộ năm 2027",
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nNâng cao chất lượng đào tạo, bồi dưỡng "
        "cán bộ cấp xã sau sắp xếp đơn vị hành chính.\n2. Yêu cầu\n- Bám sát quy "
        "hoạch cán bộ của các cơ quan cử đi học.\n- Gắn đào tạo với sử dụng cán bộ.\n"
        "II. NỘI DUNG\n1. Các lớp trung cấp lý luận chính trị\nMở 6 lớp, trong đó 2 "
        "lớp tập trung tại Trường.\n2. Các lớp bồi dưỡng\nMở 10 lớp theo chỉ tiêu "
        "của Ban Tổ chức Tỉnh ủy.\nIII. TỔ CHỨC THỰC HIỆN\nPhòng Quản lý đào tạo chủ "
        "trì, phối hợp với các khoa triển khai kế hoạch.",
        OutgoingDocument.Status.SIGNED,
    ),
    (
        "giay-moi",
        "Dự Hội thảo khoa học về đổi mới công tác quản lý đào tạo",
        "Trường Chính trị tỉnh Thanh Hóa trân trọng kính mời đại biểu tới dự Hội "
        "thảo khoa học “Đổi mới công tác quản lý nhằm nâng cao chất lượng đào tạo, "
        "bồi dưỡng cán bộ”.\nThời gian: 08 giờ 00, ngày 15 tháng 12 năm 2026.\n"
        "Địa điểm: Hội trường lớn, Trường Chính trị tỉnh Thanh Hóa.\nRất mong được "
        "đón tiếp./.",
        OutgoingDocument.Status.SUBMITTED,
    ),
    (
        "bao-cao",
        "Kết quả công tác đào tạo, bồi dưỡng năm 2026",
        "1. Kết quả đạt được\nTrường đã mở 14 lớp với 1.056 học viên.\n2. Hạn chế\n"
        "Một số cơ quan cử cán bộ đi học chưa đúng đối tượng.\n3. Phương hướng năm "
        "2027\nTăng cường phối hợp với các cơ quan cử đi học.",
        OutgoingDocument.Status.DRAFT,
    ),
]
SIGNED_ON = datetime.date(2026, 11, 20)


def ensure_documents(
    *, school: Any, unit: Any, drafter: Any, leader: Any
) -> tuple[Issuer, int]:
    """The school's issuer and the demo documents (created once)."""
    issuer = services.issuer_ensure_default(school=school)
    created = 0
    for code, summary, body, state in DEMO_DOCUMENTS:
        if OutgoingDocument.objects.filter(school=school, summary=summary).exists():
            continue
        template = DocumentTemplate.objects.get(code=code)
        wording = template.wording
        document = services.document_draft_create(
            actor=drafter,
            school_id=school.pk,
            template=template,
            issuer=issuer,
            data=services.DraftData(
                summary=summary,
                body_text=body,
                drafting_unit_id=unit.pk,
                signer_authority=wording.get("signer_authority", ""),
                signer_title=wording.get("signer_title", "HIỆU TRƯỞNG"),
                signer_name=leader.display_name,
                recipients_text="\n".join(wording.get("recipients", [])),
            ),
        )
        created += 1
        if state == OutgoingDocument.Status.DRAFT:
            continue
        services.document_submit(actor=drafter, document=document)
        if state == OutgoingDocument.Status.SIGNED:
            services.document_sign(actor=leader, document=document, signed_on=SIGNED_ON)
    return issuer, created
