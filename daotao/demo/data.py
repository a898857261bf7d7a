"""The demo school's data: names, agencies, communes, mixes (all invented or
plausible, see the seed_demo command)."""

from __future__ import annotations

import datetime

from daotao.org.models import (
    Agency,
    Unit,
)
from daotao.people.models import Sex

SEED = 2026
PASSWORD = "DaoTao@2026demo"
URL = "http://127.0.0.1:8000"
PROVINCE_CODE = "038"  # Thanh Hóa: also the first three digits of its CCCD numbers
IN_FORCE_ON = datetime.date(2026, 1, 1)
LAST_DAY_OLD = datetime.date(2025, 6, 30)
FIRST_DAY_NEW = datetime.date(2025, 7, 1)
PARTY_CUTOFF = datetime.date(2024, 6, 30)  # latest admission; official a year later
CADRE_COUNT = 800
LECTURERS_PER_FACULTY = {"XDĐ": 14, "LLCS": 13, "NNPL": 13}

SCHOOL = {
    "name": "Trường Chính trị tỉnh Thanh Hóa",
    "short_name": "TRƯỜNG CHÍNH TRỊ",
    "abbreviation": "TrCT",
    "governing_body": "TỈNH ỦY THANH HÓA",
    "place_name": "Thanh Hóa",
    "address": "Phường Hạc Thành, tỉnh Thanh Hóa",
}
# (name, abbreviation, kind, is_teaching); 09-QĐi/TW names (domain brief §1.1).
UNITS = [
    ("Khoa Lý luận cơ sở", "LLCS", Unit.Kind.FACULTY, True),
    ("Khoa Xây dựng Đảng", "XDĐ", Unit.Kind.FACULTY, True),
    ("Khoa Nhà nước và pháp luật", "NNPL", Unit.Kind.FACULTY, True),
    (
        "Phòng Quản lý đào tạo và nghiên cứu khoa học",
        "QLĐT",
        Unit.Kind.OFFICE,
        False,
    ),
    ("Phòng Tổ chức, hành chính, thông tin, tư liệu", "TCHC", Unit.Kind.OFFICE, False),
]

K = Agency.Kind


def words(text: str) -> list[str]:
    return text.split()


# Posts by kind of body: (leaders, one each in order; middle managers; staff).
POSTS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "board": (
        ["Phó Trưởng ban"],
        ["Trưởng phòng", "Phó Trưởng phòng", "Phó Trưởng phòng"],
        ["Chuyên viên", "Chuyên viên", "Chuyên viên chính"],
    ),
    "inspection": (
        ["Phó Chủ nhiệm"],
        ["Trưởng phòng Kiểm tra", "Phó Trưởng phòng Kiểm tra"],
        ["Kiểm tra viên", "Kiểm tra viên chính"],
    ),
    "office": (
        ["Phó Chánh Văn phòng"],
        ["Trưởng phòng Tổng hợp", "Phó Trưởng phòng Hành chính - Quản trị"],
        ["Chuyên viên", "Chuyên viên chính", "Văn thư"],
    ),
    "party_bloc": (
        ["Phó Bí thư Đảng ủy"],
        ["Trưởng Ban Tổ chức Đảng ủy", "Phó Chủ nhiệm Ủy ban Kiểm tra Đảng ủy"],
        ["Chuyên viên"],
    ),
    "department": (
        ["Phó Giám đốc Sở", "Phó Giám đốc Sở"],
        ["Trưởng phòng", "Phó Trưởng phòng", "Chánh Văn phòng Sở", "Chánh Thanh tra"],
        ["Chuyên viên", "Chuyên viên", "Chuyên viên chính"],
    ),
    "mass": (
        ["Phó Chủ tịch"],
        ["Trưởng ban Tổ chức - Kiểm tra", "Trưởng ban Tuyên giáo", "Chánh Văn phòng"],
        ["Chuyên viên"],
    ),
    "police": (
        ["Phó Giám đốc Công an tỉnh"],
        ["Trưởng phòng", "Phó Trưởng phòng", "Đội trưởng", "Phó Đội trưởng"],
        ["Cán bộ", "Điều tra viên"],
    ),
    "military": (
        ["Phó Chỉ huy trưởng"],
        ["Chủ nhiệm Chính trị", "Trưởng phòng Tham mưu", "Trưởng ban"],
        ["Trợ lý"],
    ),
    "inspectorate": (
        ["Phó Chánh Thanh tra tỉnh"],
        ["Trưởng phòng Nghiệp vụ", "Phó Trưởng phòng Nghiệp vụ", "Chánh Văn phòng"],
        ["Thanh tra viên", "Thanh tra viên chính"],
    ),
    "youth": (
        ["Phó Bí thư Tỉnh đoàn"],
        ["Trưởng ban Tổ chức - Kiểm tra", "Trưởng ban Phong trào", "Chánh Văn phòng"],
        ["Chuyên viên"],
    ),
    "media": (
        ["Phó Tổng Biên tập"],
        ["Trưởng ban Thời sự", "Phó Trưởng ban Thời sự", "Trưởng phòng Hành chính"],
        ["Phóng viên", "Biên tập viên"],
    ),
    "university": (
        ["Phó Hiệu trưởng"],
        ["Trưởng khoa", "Phó Trưởng khoa", "Trưởng phòng Tổ chức cán bộ"],
        ["Giảng viên", "Giảng viên chính", "Chuyên viên"],
    ),
    "hospital": (
        ["Phó Giám đốc"],
        ["Trưởng khoa", "Phó Trưởng khoa", "Trưởng phòng Kế hoạch tổng hợp"],
        ["Bác sĩ", "Điều dưỡng", "Dược sĩ"],
    ),
    "enterprise": (
        ["Phó Giám đốc"],
        ["Trưởng phòng", "Phó Trưởng phòng", "Giám đốc Xí nghiệp"],
        ["Nhân viên", "Kỹ sư"],
    ),
    "commune_party": (
        ["Bí thư Đảng ủy {k}", "Phó Bí thư Thường trực Đảng ủy {k}"],
        [
            "Chủ nhiệm Ủy ban Kiểm tra Đảng ủy {k}",
            "Trưởng Ban Xây dựng Đảng",
            "Chánh Văn phòng Đảng ủy",
            "Giám đốc Trung tâm Chính trị {k}",
        ],
        ["Chuyên viên Ban Xây dựng Đảng", "Chuyên viên Văn phòng Đảng ủy"],
    ),
    "commune_government": (
        ["Chủ tịch UBND {k}", "Phó Chủ tịch UBND {k}", "Phó Chủ tịch UBND {k}"],
        [
            "Chánh Văn phòng HĐND và UBND",
            "Trưởng phòng Kinh tế",
            "Trưởng phòng Văn hóa - Xã hội",
            "Phó Trưởng phòng Kinh tế",
            "Giám đốc Trung tâm Phục vụ hành chính công",
        ],
        [
            "Công chức Văn phòng HĐND và UBND",
            "Chuyên viên Phòng Kinh tế",
            "Chuyên viên Phòng Văn hóa - Xã hội",
        ],
    ),
    "commune_front": (
        ["Chủ tịch Ủy ban MTTQ Việt Nam {k}"],
        [
            "Phó Chủ tịch Ủy ban MTTQ, Chủ tịch Hội Liên hiệp Phụ nữ {k}",
            "Phó Chủ tịch Ủy ban MTTQ, Bí thư Đoàn {k}",
            "Phó Chủ tịch Ủy ban MTTQ, Chủ tịch Hội Nông dân {k}",
        ],
        ["Chuyên viên Ủy ban MTTQ"],
    ),
}
# (name, short name, kind, posts)
PROVINCIAL_AGENCIES = [
    ("Ban Tổ chức Tỉnh ủy", "BTCTU", K.PARTY, "board"),
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "BTGDVTU", K.PARTY, "board"),
    ("Ban Nội chính Tỉnh ủy", "BNCTU", K.PARTY, "board"),
    ("Ủy ban Kiểm tra Tỉnh ủy", "UBKTTU", K.PARTY, "inspection"),
    ("Văn phòng Tỉnh ủy", "VPTU", K.PARTY, "office"),
    ("Đảng ủy các cơ quan Đảng tỉnh", "", K.PARTY, "party_bloc"),
    ("Đảng ủy Ủy ban nhân dân tỉnh", "", K.PARTY, "party_bloc"),
    ("Văn phòng Đoàn ĐBQH và HĐND tỉnh", "", K.GOVERNMENT, "office"),
    ("Văn phòng UBND tỉnh", "VP UBND", K.GOVERNMENT, "office"),
    ("Sở Nội vụ", "SNV", K.GOVERNMENT, "department"),
    ("Sở Tài chính", "STC", K.GOVERNMENT, "department"),
    ("Sở Giáo dục và Đào tạo", "SGDĐT", K.GOVERNMENT, "department"),
    ("Sở Y tế", "SYT", K.GOVERNMENT, "department"),
    ("Sở Xây dựng", "SXD", K.GOVERNMENT, "department"),
    ("Sở Nông nghiệp và Môi trường", "SNNMT", K.GOVERNMENT, "department"),
    ("Sở Công Thương", "SCT", K.GOVERNMENT, "department"),
    ("Sở Khoa học và Công nghệ", "SKHCN", K.GOVERNMENT, "department"),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", K.GOVERNMENT, "department"),
    ("Sở Tư pháp", "STP", K.GOVERNMENT, "department"),
    ("Sở Dân tộc và Tôn giáo", "SDTTG", K.GOVERNMENT, "department"),
    ("Thanh tra tỉnh", "TTT", K.GOVERNMENT, "inspectorate"),
    ("Ủy ban MTTQ Việt Nam tỉnh", "UBMTTQ", K.FRONT, "mass"),
    ("Tỉnh đoàn Thanh Hóa", "", K.FRONT, "youth"),
    ("Hội Liên hiệp Phụ nữ tỉnh", "HLHPN", K.FRONT, "mass"),
    ("Hội Nông dân tỉnh", "HND", K.FRONT, "mass"),
    ("Hội Cựu chiến binh tỉnh", "HCCB", K.FRONT, "mass"),
    ("Liên đoàn Lao động tỉnh", "LĐLĐ", K.FRONT, "mass"),
    ("Công an tỉnh Thanh Hóa", "CAT", K.ARMED_FORCES, "police"),
    ("Bộ Chỉ huy Quân sự tỉnh", "BCHQS", K.ARMED_FORCES, "military"),
    ("Báo và Phát thanh, Truyền hình Thanh Hóa", "", K.PUBLIC_SERVICE, "media"),
    ("Trường Đại học Hồng Đức", "HĐU", K.PUBLIC_SERVICE, "university"),
    ("Bệnh viện Đa khoa tỉnh Thanh Hóa", "", K.PUBLIC_SERVICE, "hospital"),
    ("Công ty TNHH MTV Sông Chu", "", K.ENTERPRISE, "enterprise"),
]
# (name, kind of commune, ethnic mix)
COMMUNES = [
    ("Hạc Thành", "phường", "plain"),
    ("Hàm Rồng", "phường", "plain"),
    ("Sầm Sơn", "phường", "plain"),
    ("Bỉm Sơn", "phường", "plain"),
    ("Nghi Sơn", "phường", "plain"),
    ("Đông Sơn", "phường", "plain"),
    ("Thọ Xuân", "xã", "plain"),
    ("Hoằng Hóa", "xã", "plain"),
    ("Hậu Lộc", "xã", "plain"),
    ("Nga Sơn", "xã", "plain"),
    ("Triệu Sơn", "xã", "plain"),
    ("Yên Định", "xã", "plain"),
    ("Ngọc Lặc", "xã", "muong"),
    ("Cẩm Thủy", "xã", "muong"),
    ("Bá Thước", "xã", "thai_muong"),
    ("Thường Xuân", "xã", "thai"),
    ("Mường Lát", "xã", "highland"),
]
COMMUNE_BODIES = [
    ("Đảng ủy {k} {n}", K.PARTY, "commune_party", (9, 12)),
    ("UBND {k} {n}", K.GOVERNMENT, "commune_government", (11, 15)),
    ("Ủy ban MTTQ Việt Nam {k} {n}", K.FRONT, "commune_front", (5, 7)),
]
# Bodies dissolved with the district level on 30/6/2025: (name, kind, district
# area (kind, name), successor).
HISTORICAL_AGENCIES = [
    ("Huyện ủy Thọ Xuân", K.PARTY, ("huyện", "Thọ Xuân"), "Đảng ủy xã Thọ Xuân"),
    ("UBND huyện Hoằng Hóa", K.GOVERNMENT, ("huyện", "Hoằng Hóa"), "UBND xã Hoằng Hóa"),
    ("Thị ủy Bỉm Sơn", K.PARTY, ("thị xã", "Bỉm Sơn"), "Đảng ủy phường Bỉm Sơn"),
]

# Ethnic mixes (GSO code: weight); Thanh Hóa is about 85% Kinh, then Mường, Thái,
# Mông, Dao and Thổ, concentrated in the western uplands.
ETHNIC_MIX = {
    "province": {"01": 88, "04": 7, "03": 4, "08": 0.4, "09": 0.3, "21": 0.3},
    "plain": {"01": 97, "04": 2, "03": 1},
    "muong": {"01": 45, "04": 50, "03": 3, "09": 1, "21": 1},
    "thai_muong": {"01": 30, "04": 35, "03": 30, "09": 3, "08": 2},
    "thai": {"01": 35, "03": 50, "04": 10, "21": 3, "09": 2},
    "highland": {"03": 45, "08": 35, "01": 15, "09": 5},
}
FAMILY_NAMES = {
    "01": {
        "Nguyễn": 31, "Lê": 15, "Trần": 8, "Phạm": 8, "Trịnh": 4, "Hoàng": 4,
        "Đỗ": 4, "Vũ": 3, "Bùi": 3, "Mai": 3, "Đặng": 2, "Ngô": 2, "Đinh": 2,
        "Hà": 1, "Hồ": 1, "Đào": 1, "Dương": 1, "Phan": 1, "Lưu": 1, "Cao": 1,
        "Quách": 0.5, "Lại": 0.5, "Tạ": 0.5,
    },
    "04": {"Bùi": 25, "Quách": 15, "Đinh": 15, "Phạm": 15, "Hà": 10, "Trương": 5,
           "Cao": 5, "Lê": 5, "Nguyễn": 5},
    "03": {"Hà": 20, "Lò": 15, "Cầm": 10, "Lương": 10, "Vi": 10, "Lữ": 8,
           "Ngân": 8, "Phạm": 8, "Lang": 6, "Lê": 5},
    "08": {"Giàng": 20, "Vàng": 20, "Thào": 15, "Lầu": 15, "Sùng": 10, "Hờ": 10,
           "Lý": 10},
    "09": {"Triệu": 30, "Bàn": 25, "Lý": 20, "Đặng": 15, "Phùng": 10},
    "21": {"Lê": 30, "Trương": 20, "Vi": 20, "Hà": 15, "Nguyễn": 15},
}  # fmt: skip
MIDDLE_NAMES = {
    Sex.MALE: {
        "Văn": 40, "Đức": 12, "Minh": 10, "Hữu": 8, "Xuân": 6, "Quang": 6,
        "Đình": 6, "Ngọc": 4, "Thanh": 4, "Công": 4, "Trọng": 3, "Mạnh": 3,
        "Tiến": 2, "Anh": 2,
    },
    Sex.FEMALE: {
        "Thị": 55, "Thu": 8, "Ngọc": 6, "Thanh": 6, "Hồng": 5, "Minh": 4,
        "Thùy": 4, "Phương": 4, "Hải": 3, "Mai": 3, "Kim": 2,
    },
}  # fmt: skip
GIVEN_NAMES = {
    Sex.MALE: words(
        "Hùng Dũng Tuấn Hải Hưng Thắng Cường Long Nam Sơn Thành Trung Quân Tùng Hiếu "
        "Đạt Phong Quang Vinh Bình Minh Hòa Tài Thịnh Toàn Lâm Khánh Huy Hoàng Đức "
        "Kiên Lợi Tâm Tiến Chiến Nghĩa Thọ Luân Phúc Sáng Trường Việt Dương Hậu Bảo "
        "Tú Hảo Anh Công Định"
    ),
    Sex.FEMALE: words(
        "Hương Lan Hà Hằng Hoa Huyền Linh Mai Ngọc Nhung Oanh Phương Thảo Trang Thủy "
        "Vân Yến Hạnh Hiền Loan Dung Giang Hồng Liên Nga Quyên Tâm Thư Trinh Tuyết "
        "Xuân Nhàn Thoa Thơm Duyên Quỳnh Anh Chi Lý Huệ"
    ),
}
# Mông names keep their own pattern: "Giàng A Páo", "Vàng Thị Mỷ".
MONG_GIVEN_NAMES = {
    Sex.MALE: words("Páo Chứ Sình Dế Lử Tồng Chua Giống Vừ Pó"),
    Sex.FEMALE: words("Mỷ Dua Sua Chư Máy Pàng Dợ Xí"),
}
RELIGIONS = {
    "plain": {"00": 92, "02": 5, "01": 3},
    "other": {"00": 96, "01": 3, "02": 1},
}
MOBILE_PREFIXES = words(
    "086 096 097 098 032 033 034 035 036 037 038 039 088 091 094 081 082 083 084 "
    "085 089 090 093 070 076 077 078 079"
)
EDUCATION = {
    "leader": {"DH": 55, "THS": 40, "TS": 5},
    "middle": {"DH": 70, "THS": 25, "CD": 3, "TS": 2},
    "staff": {"DH": 72, "THS": 10, "CD": 8, "TC": 8, "THPT": 2},
    "lecturer": {"THS": 65, "TS": 25, "DH": 10},
}
# Who still needs TC LLCT is who the school's TC classes are for: many middle
# cadres and most staff hold only Sơ cấp, so the classes fill without admitting
# anyone who already holds the level.
THEORY = {
    "leader": {"CC": 70, "CN": 5, "TC": 25},
    "middle": {"CC": 20, "TC": 40, "SC": 30, "CHUA": 5, "CN": 5},
    "staff": {"TC": 15, "SC": 55, "CHUA": 30},
    "lecturer": {"CC": 60, "CN": 30, "TC": 10},
}
BIRTH_YEARS = {
    "leader": (1966, 1980),
    "middle": (1968, 1988),
    "staff": (1975, 2000),
    "lecturer": (1968, 1995),
}
