"""Document types of Phụ lục III, Nghị định 30/2020/NĐ-CP."""

import importlib

import pytest
from django.apps import apps

from daotao.documents.models import DocumentType

document_types = importlib.import_module(
    "daotao.documents.migrations.0002_document_types"
)

# 27 types with an abbreviation + 3 copy forms (Công văn and Thư công have none).
TOTAL = 30


@pytest.mark.django_db
def test_abbreviations_of_phu_luc_iii():
    expected = {
        "Nghị quyết (cá biệt)": "NQ",
        "Quyết định (cá biệt)": "QĐ",
        "Quy định": "QyĐ",
        "Chương trình": "CTr",
        "Tờ trình": "TTr",
        "Báo cáo": "BC",
        "Kế hoạch": "KH",
        "Bản ghi nhớ": "BGN",
        "Bản thỏa thuận": "BTT",
        "Giấy ủy quyền": "GUQ",
        "Giấy nghỉ phép": "GNP",
        "Bản sao y": "SY",
        "Bản trích sao": "TrS",
        "Bản sao lục": "SL",
    }
    for name, abbreviation in expected.items():
        assert DocumentType.objects.get(name=name).abbreviation == abbreviation


@pytest.mark.django_db
def test_counts_and_families():
    assert DocumentType.objects.count() == TOTAL
    copies = DocumentType.objects.filter(family=DocumentType.Family.COPY)
    assert set(copies.values_list("abbreviation", flat=True)) == {"SY", "TrS", "SL"}
    administrative = DocumentType.objects.filter(
        family=DocumentType.Family.ADMINISTRATIVE
    )
    assert administrative.count() == TOTAL - 3
    assert not DocumentType.objects.filter(abbreviation="TS").exists()
    assert not DocumentType.objects.filter(abbreviation="").exists()


@pytest.mark.django_db
def test_positions_follow_the_table():
    rows = list(DocumentType.objects.values_list("position", "abbreviation"))
    assert [position for position, _ in rows] == list(range(1, TOTAL + 1))
    assert rows[0] == (1, "NQ")
    assert rows[-1] == (TOTAL, "SL")


@pytest.mark.django_db
def test_running_the_forward_step_again_changes_nothing():
    before = list(
        DocumentType.objects.order_by("id").values_list(
            "id", "name", "abbreviation", "family", "position"
        )
    )
    document_types.load(apps, None)
    document_types.load(apps, None)
    after = list(
        DocumentType.objects.order_by("id").values_list(
            "id", "name", "abbreviation", "family", "position"
        )
    )
    assert after == before
    assert len(after) == TOTAL


@pytest.mark.django_db
def test_reverse_step_removes_the_rows():
    # Migrating back past 0002 first unapplies the templates (reports 0002,
    # standards 0003, learning 0004, faculty 0006 and 0005, planning 0004,
    # documents 0006 and 0004) that use the types.
    templates = importlib.import_module("daotao.documents.migrations.0004_templates")
    drafting = importlib.import_module(
        "daotao.documents.migrations.0006_printed_type_names_and_drafting_templates"
    )
    supplement = importlib.import_module(
        "daotao.planning.migrations.0004_supplementary_plan_template"
    )
    learning = importlib.import_module(
        "daotao.learning.migrations.0004_default_support_and_conduct_rules"
    )
    standards = importlib.import_module(
        "daotao.standards.migrations.0003_report_template"
    )
    faculty = importlib.import_module(
        "daotao.faculty.migrations.0005_evaluation_decision"
    )
    rotation = importlib.import_module(
        "daotao.faculty.migrations.0006_rotation_proposal"
    )
    statistics = importlib.import_module(
        "daotao.reports.migrations.0002_statistical_report_template"
    )
    statistics.backward(apps, None)
    standards.backward(apps, None)
    learning.backward(apps, None)
    rotation.backward(apps, None)
    faculty.backward(apps, None)
    supplement.backward(apps, None)
    drafting.backward(apps, None)
    templates.backward(apps, None)
    document_types.unload(apps, None)
    assert DocumentType.objects.count() == 0
    document_types.load(apps, None)
    templates.forward(apps, None)
    drafting.forward(apps, None)
    supplement.forward(apps, None)
    faculty.forward(apps, None)
    rotation.forward(apps, None)
    learning.forward(apps, None)
    standards.forward(apps, None)
    statistics.forward(apps, None)
    assert DocumentType.objects.count() == TOTAL
