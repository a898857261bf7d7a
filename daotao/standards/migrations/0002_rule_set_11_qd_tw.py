"""The rule set of the standard political school, level 1 (Quy định 11-QĐ/TW of
19/5/2021 of the Ban Bí thư): its legal basis, the six criteria (confirmed in
docs/domain.md §1.2) and the indicators the school measures itself on.

The rule counts 55 indicators at level 1; their wording and every threshold are
UNCONFIRMED (domain.md): the list below is the school's working list, each
indicator shipped unconfirmed and editable (the rule set's page), to be checked
against the original text. `source` names the computation (standards/
computations.py); an empty source is entered by the school with evidence.
Idempotent (matched by the legal basis number and the rule set's name),
reversible while no assessment uses it."""

import datetime
from decimal import Decimal

from django.db import migrations

BASIS = {
    "number": "11-QĐ/TW",
    "issued_on": datetime.date(2021, 5, 19),
    "issuer": "Ban Bí thư",
    "title": "về trường chính trị chuẩn",
    "is_confirmed": True,
}
RULE_SET_NAME = "Tiêu chí trường chính trị chuẩn mức 1"

# (code, name, source, unit, direction, threshold, above)
P, C, R, Y = "percent", "count", "ratio", "yes_no"
GE, LE = "at_least", "at_most"
CRITERIA = [
    (1, "Thể chế, quy định", [
        ("1.1", "Quy chế tổ chức và hoạt động của Trường được cấp có thẩm quyền ban hành, còn hiệu lực", "", Y, GE, 1, None),
        ("1.2", "Quy chế chi tiêu nội bộ, quy chế dân chủ cơ sở được ban hành và thực hiện", "", Y, GE, 1, None),
        ("1.3", "Quy chế quản lý đào tạo, bồi dưỡng và quản lý nghiên cứu khoa học được ban hành", "", Y, GE, 1, None),
        ("1.4", "Văn bản đi của Trường ban hành trong năm (hệ thống văn bản chỉ đạo, điều hành)", "documents_issued", C, GE, 20, 50),
    ]),
    (2, "Đội ngũ cán bộ, viên chức", [
        ("2.1", "Số giảng viên cơ hữu đang giảng dạy", "lecturer_count", C, GE, 15, 25),
        ("2.2", "Tỷ lệ giảng viên có trình độ thạc sĩ trở lên", "master_share", P, GE, 70, 90),
        ("2.3", "Tỷ lệ giảng viên có trình độ tiến sĩ", "doctor_share", P, GE, 5, 15),
        ("2.4", "Tỷ lệ giảng viên có trình độ cao cấp, cử nhân lý luận chính trị", "theory_share", P, GE, 60, 80),
        ("2.5", "Tỷ lệ giảng viên chính, giảng viên cao cấp", "principal_share", P, GE, 20, 35),
        ("2.6", "Số học viên bình quân trên một giảng viên cơ hữu trong năm", "learners_per_lecturer", R, LE, 60, 40),
        ("2.7", "Giờ chuẩn bình quân một giảng viên cơ hữu trong năm (so với định mức giờ chuẩn)", "hours_per_lecturer", R, GE, 270, 320),
        ("2.8", "Tỷ lệ giảng viên đi nghiên cứu thực tế trong năm", "", P, GE, 90, 100),
        ("2.9", "Tỷ lệ viên chức được xếp loại hoàn thành tốt nhiệm vụ trở lên", "", P, GE, 90, 100),
    ]),
    (3, "Hoạt động đào tạo, bồi dưỡng", [
        ("3.1", "Số lớp đào tạo, bồi dưỡng học trong năm", "cohorts_in_year", C, GE, 5, 10),
        ("3.2", "Số học viên học trong năm", "learners_in_year", C, GE, 200, 500),
        ("3.3", "Số chương trình có lớp học trong năm", "programmes_in_year", C, GE, 2, 4),
        ("3.4", "Tỷ lệ lớp đã mở so với kế hoạch năm được phê duyệt", "plan_fulfilment", P, GE, 90, 100),
        ("3.5", "Tỷ lệ học viên các lớp kết thúc trong năm được cấp văn bằng, chứng chỉ", "completion_share", P, GE, 90, 98),
        ("3.6", "Tỷ lệ học viên đạt thi tốt nghiệp", "exam_pass_share", P, GE, 90, 98),
        ("3.7", "Số văn bằng, chứng chỉ cấp trong năm", "credentials_issued", C, GE, 1, None),
        ("3.8", "Tỷ lệ chuyên cần của học viên (lượt có mặt trên lượt điểm danh)", "attendance_share", P, GE, 90, 95),
        ("3.9", "Số phiếu lấy ý kiến học viên về hoạt động giảng dạy", "feedback_answers", C, GE, 1, None),
        ("3.10", "Chương trình, tài liệu được cập nhật theo quy định của Học viện", "", Y, GE, 1, None),
    ]),
    (4, "Nghiên cứu khoa học, tổng kết thực tiễn", [
        ("4.1", "Số đề tài khoa học thực hiện trong năm", "topics_in_year", C, GE, 2, 4),
        ("4.2", "Số đề tài cấp tỉnh, cấp bộ trở lên thực hiện trong năm", "topics_provincial", C, GE, 1, 2),
        ("4.3", "Số đề tài nghiệm thu trong năm", "topics_accepted", C, GE, 1, 2),
        ("4.4", "Số công trình khoa học công bố trong năm", "outputs_in_year", C, GE, 10, 20),
        ("4.5", "Số hội thảo khoa học do Trường tổ chức trong năm", "conferences_in_year", C, GE, 1, 2),
        ("4.6", "Số tham luận được chấp nhận tại hội thảo của Trường", "papers_in_year", C, GE, 10, 20),
        ("4.7", "Tỷ lệ giảng viên có công trình khoa học công bố trong năm", "lecturers_with_output", P, GE, 50, 80),
        ("4.8", "Số chuyên đề tổng kết thực tiễn ở địa phương", "", C, GE, 1, 2),
    ]),
    (5, "Văn hóa trường đảng, kỷ luật, kỷ cương", [
        ("5.1", "Số cán bộ, viên chức bị kỷ luật từ khiển trách trở lên trong năm", "", C, LE, 0, None),
        ("5.2", "Tổ chức đảng của Trường được đánh giá hoàn thành tốt nhiệm vụ trở lên", "", Y, GE, 1, None),
        ("5.3", "Quy tắc ứng xử, văn hóa trường đảng được ban hành và thực hiện", "", Y, GE, 1, None),
        ("5.4", "Không có học viên vi phạm kỷ luật bị đình chỉ học tập", "", Y, GE, 1, None),
    ]),
    (6, "Cơ sở vật chất, phương tiện kỹ thuật và tài chính", [
        ("6.1", "Số phòng học đang sử dụng", "classrooms", C, GE, 6, 10),
        ("6.2", "Tổng số chỗ ngồi của các phòng học, hội trường", "seats", C, GE, 300, 500),
        ("6.3", "Sức chứa của hội trường lớn nhất", "hall_seats", C, GE, 200, 300),
        ("6.4", "Số phòng máy tính", "computer_rooms", C, GE, 1, 2),
        ("6.5", "Số chỗ ở nội trú cho học viên", "", C, GE, 100, 200),
        ("6.6", "Thư viện, tài liệu số phục vụ học tập, nghiên cứu", "", Y, GE, 1, None),
        ("6.7", "Kinh phí chi thường xuyên được bảo đảm theo dự toán được giao", "", Y, GE, 1, None),
    ]),
]  # fmt: skip


def forward(apps, schema_editor):
    LegalBasis = apps.get_model("org", "LegalBasis")
    StandardRuleSet = apps.get_model("standards", "StandardRuleSet")
    Criterion = apps.get_model("standards", "Criterion")
    Indicator = apps.get_model("standards", "Indicator")
    basis, _ = LegalBasis.objects.get_or_create(
        number=BASIS["number"],
        defaults={k: v for k, v in BASIS.items() if k != "number"},
    )
    rule_set, created = StandardRuleSet.objects.get_or_create(
        name=RULE_SET_NAME,
        defaults={
            "legal_basis": basis,
            "valid_from": datetime.date(2021, 5, 19),
            "level": 1,
            "is_confirmed": False,
            "parameters": {"indicator_count": 55},
        },
    )
    if not created:
        return
    for number, name, indicators in CRITERIA:
        criterion = Criterion.objects.create(rule_set=rule_set, number=number, name=name)
        for position, (code, text, source, unit, direction, low, high) in enumerate(
            indicators, 1
        ):
            Indicator.objects.create(
                criterion=criterion,
                code=code,
                position=position,
                name=text,
                source=source,
                unit=unit,
                direction=direction,
                threshold=Decimal(low),
                above_threshold=None if high is None else Decimal(high),
                is_confirmed=False,
            )


def backward(apps, schema_editor):
    StandardRuleSet = apps.get_model("standards", "StandardRuleSet")
    StandardRuleSet.objects.filter(name=RULE_SET_NAME, assessments__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("standards", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
