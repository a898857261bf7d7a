"""The reference-data migrations: ethnic groups, religions, levels and provinces."""

import datetime
import importlib

import pytest
from django.apps import apps

from daotao.core.text import collation_key
from daotao.org.models import (
    Area,
    EducationLevel,
    Ethnicity,
    LegalBasis,
    Religion,
    TheoryLevel,
)

reference_data = importlib.import_module("daotao.org.migrations.0002_reference_data")
provinces_2025 = importlib.import_module("daotao.org.migrations.0003_provinces_2025")

LAST_OLD_DAY = datetime.date(2025, 6, 30)
FIRST_NEW_DAY = datetime.date(2025, 7, 1)


def provinces():
    return Area.objects.filter(level=Area.Level.PROVINCE)


def new_unit(name):
    return provinces().get(name=name, valid_from=FIRST_NEW_DAY)


def counts():
    return {
        "ethnicities": Ethnicity.objects.count(),
        "religions": Religion.objects.count(),
        "education": EducationLevel.objects.count(),
        "theory": TheoryLevel.objects.count(),
        "legal_bases": LegalBasis.objects.count(),
        "areas": Area.objects.count(),
        "predecessor_links": Area.predecessors.through.objects.count(),
    }


# --- Ethnic groups ---------------------------------------------------------------


@pytest.mark.django_db
def test_54_ethnic_groups_and_the_foreign_row():
    assert Ethnicity.objects.count() == 55
    codes = list(Ethnicity.objects.order_by("position").values_list("code", flat=True))
    assert codes == [f"{n:02d}" for n in range(1, 56)]
    assert Ethnicity.objects.exclude(code="55").count() == 54
    assert Ethnicity.objects.get(code="55").name == "Người nước ngoài"
    assert not Ethnicity.objects.get(code="55").is_minority


@pytest.mark.django_db
def test_ethnic_codes_of_decision_1019():
    kinh = Ethnicity.objects.get(code="01")
    assert kinh.name == "Kinh"
    assert not kinh.is_minority
    expected = {
        "02": "Tày",
        "03": "Thái",
        "04": "Mường",
        "05": "Khơ-me",
        "06": "Hoa",
        "07": "Nùng",
        "08": "Mông",
        "09": "Dao",
        "10": "Gia-rai",
        "20": "Mnông",
        "54": "Ơ-đu",
    }
    for code, name in expected.items():
        assert Ethnicity.objects.get(code=code).name == name
    assert Ethnicity.objects.filter(is_minority=True).count() == 53
    assert Ethnicity.objects.values("name").distinct().count() == 55


@pytest.mark.django_db
def test_ethnicities_cite_decision_1019():
    basis = LegalBasis.objects.get(number="1019/QĐ-TCTK")
    assert basis.issued_on == datetime.date(2008, 11, 12)
    assert basis.issuer == "Tổng cục Thống kê"
    assert basis.title == "Ban hành Danh mục các dân tộc Việt Nam"
    assert not Ethnicity.objects.exclude(legal_basis=basis).exists()


@pytest.mark.django_db
def test_religions_and_levels():
    assert Religion.objects.get(code="00").name == "Không"
    religion_names = set(Religion.objects.values_list("name", flat=True))
    assert {
        "Phật giáo",
        "Công giáo",
        "Tin lành",
        "Cao Đài",
        "Phật giáo Hòa Hảo",
        "Hồi giáo",
        "Bà-la-môn",
    } <= religion_names

    assert list(EducationLevel.objects.values_list("name", flat=True)) == [
        "Trung học cơ sở",
        "Trung học phổ thông",
        "Trung cấp",
        "Cao đẳng",
        "Đại học",
        "Thạc sĩ",
        "Tiến sĩ",
    ]
    assert list(TheoryLevel.objects.values_list("name", flat=True)) == [
        "Chưa qua đào tạo",
        "Sơ cấp",
        "Trung cấp",
        "Cao cấp",
        "Cử nhân",
    ]


# --- Provinces -------------------------------------------------------------------


@pytest.mark.django_db
def test_34_provinces_after_and_63_before_the_merger():
    assert provinces().in_force_on(FIRST_NEW_DAY).count() == 34
    assert provinces().in_force_on(LAST_OLD_DAY).count() == 63
    in_force = Area.objects.in_force_on(FIRST_NEW_DAY)
    assert in_force.filter(level="province").count() == 34
    kinds = provinces().in_force_on(FIRST_NEW_DAY).values_list("kind", flat=True)
    assert sorted(kinds).count("thành phố") == 6
    assert sorted(kinds).count("tỉnh") == 28


@pytest.mark.django_db
def test_old_provinces_keep_their_codes():
    old = provinces().in_force_on(LAST_OLD_DAY)
    assert old.filter(code="").count() == 0
    assert old.values("code").distinct().count() == 63
    assert old.get(code="001").name == "Hà Nội"
    assert old.get(code="079").name == "Hồ Chí Minh"
    assert old.get(code="046").name == "Thừa Thiên Huế"


@pytest.mark.django_db
def test_new_tuyen_quang_came_from_ha_giang_and_old_tuyen_quang():
    tuyen_quang = new_unit("Tuyên Quang")
    assert tuyen_quang.kind == "tỉnh"
    assert tuyen_quang.valid_to is None
    predecessors = set(tuyen_quang.predecessors.values_list("code", "name"))
    assert predecessors == {("002", "Hà Giang"), ("008", "Tuyên Quang")}
    old_tuyen_quang = provinces().get(code="008")
    assert old_tuyen_quang.valid_to == LAST_OLD_DAY
    assert list(old_tuyen_quang.successors.all()) == [tuyen_quang]


@pytest.mark.django_db
def test_new_phu_tho_came_from_vinh_phuc_phu_tho_and_hoa_binh():
    phu_tho = new_unit("Phú Thọ")
    assert set(phu_tho.predecessors.values_list("name", flat=True)) == {
        "Vĩnh Phúc",
        "Phú Thọ",
        "Hòa Bình",
    }
    assert all(p.valid_to == LAST_OLD_DAY for p in phu_tho.predecessors.all())


@pytest.mark.django_db
def test_ho_chi_minh_city_and_hue():
    hcm = new_unit("Hồ Chí Minh")
    assert hcm.kind == "thành phố"
    assert set(hcm.predecessors.values_list("code", flat=True)) == {"074", "077", "079"}
    hue = new_unit("Huế")
    assert hue.kind == "thành phố"
    assert list(hue.predecessors.values_list("code", flat=True)) == ["046"]


@pytest.mark.django_db
def test_unchanged_thanh_hoa_is_one_open_record():
    rows = provinces().filter(name="Thanh Hóa")
    assert rows.count() == 1
    thanh_hoa = rows.get()
    assert thanh_hoa.code == "038"
    assert thanh_hoa.kind == "tỉnh"
    assert thanh_hoa.valid_from is None
    assert thanh_hoa.valid_to is None
    assert not thanh_hoa.predecessors.exists()
    assert not thanh_hoa.successors.exists()


@pytest.mark.django_db
def test_no_code_is_invented_for_new_units():
    new_units = provinces().filter(valid_from=FIRST_NEW_DAY)
    assert new_units.count() == 24
    assert set(new_units.values_list("code", flat=True)) == {""}
    assert provinces().exclude(code="").count() == 63
    assert provinces().count() == 63 + 24
    assert all(unit.predecessors.exists() for unit in new_units)


@pytest.mark.django_db
def test_sort_keys_match_the_application_collation():
    for area in provinces():
        assert area.sort_key == collation_key(area.name), area.name


@pytest.mark.django_db
def test_resolution_202_is_recorded():
    basis = LegalBasis.objects.get(number="202/2025/QH15")
    assert basis.issued_on == datetime.date(2025, 6, 12)
    assert basis.issuer == "Quốc hội"
    assert basis.title == "Nghị quyết về việc sắp xếp đơn vị hành chính cấp tỉnh"


# --- Idempotence and reversal ----------------------------------------------------


@pytest.mark.django_db
def test_running_the_forward_steps_again_changes_nothing():
    before = counts()
    snapshot = list(
        provinces().order_by("id").values_list("id", "code", "name", "valid_to")
    )
    reference_data.load(apps, None)
    provinces_2025.load(apps, None)
    reference_data.load(apps, None)
    provinces_2025.load(apps, None)
    assert counts() == before
    assert (
        list(provinces().order_by("id").values_list("id", "code", "name", "valid_to"))
        == snapshot
    )
    assert provinces().in_force_on(FIRST_NEW_DAY).count() == 34


@pytest.mark.django_db
def test_reverse_steps_remove_what_they_added():
    provinces_2025.unload(apps, None)
    assert not provinces().exists()
    assert not LegalBasis.objects.filter(number="202/2025/QH15").exists()
    reference_data.unload(apps, None)
    assert Ethnicity.objects.count() == 0
    assert Religion.objects.count() == 0
    assert EducationLevel.objects.count() == 0
    assert TheoryLevel.objects.count() == 0
    # Later apps add their own legal bases (350-QĐ/TW); this step removes its own.
    assert not LegalBasis.objects.filter(number="1019/QĐ-TCTK").exists()

    reference_data.load(apps, None)
    provinces_2025.load(apps, None)
    assert Ethnicity.objects.count() == 55
    assert provinces().in_force_on(FIRST_NEW_DAY).count() == 34
    assert provinces().in_force_on(LAST_OLD_DAY).count() == 63
