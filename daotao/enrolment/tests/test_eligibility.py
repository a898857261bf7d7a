"""Eligibility through the services: the rule set of each programme kind, the
political-theory level and retirement age, and the verdict shown per nominee."""

import datetime

import pytest

from daotao.enrolment import services
from daotao.enrolment.models import EligibilityRuleSet, RetirementRuleSet
from daotao.enrolment.tests.test_services import GOOD, nominate
from daotao.org.models import TheoryLevel
from daotao.planning.models import Quota
from daotao.programs.models import Program
from daotao.tests.support.school_world import FreshSchool

BOI_DUONG_KINDS = [
    "chuyen_vien",
    "chuyen_vien_chinh",
    "lanh_dao_phong",
    "dang_doan_the",
    "can_bo_nguon",
    "dang_vien_moi",
    "cam_tinh_dang",
    "cap_uy_vien",
]


def rules_of(nomination):
    return {r["rule"]: r for r in nomination.eligibility}


@pytest.mark.django_db
def test_a_tc_nominee_who_holds_cao_cap_is_flagged_with_the_level(
    coordinator, planned_class, eligible_person
):
    holder = eligible_person(theory_level=TheoryLevel.objects.get(code="CC"))

    nomination = nominate(coordinator, planned_class, holder)

    result = rules_of(nomination)["theory_level"]
    assert result["passed"] is False
    assert result["label"] == "Chưa có trình độ lý luận chính trị lớp cấp"
    assert result["detail"] == (
        "Đã có trình độ Cao cấp, bằng hoặc cao hơn trình độ Trung cấp mà lớp cấp."
    )
    assert services.verdict(nomination).state == "not_eligible"


@pytest.mark.django_db
def test_a_nominee_below_the_level_passes_the_theory_rule(
    coordinator, planned_class, eligible_person
):
    nomination = nominate(
        coordinator,
        planned_class,
        eligible_person(theory_level=TheoryLevel.objects.get(code="SC")),
    )
    assert rules_of(nomination)["theory_level"]["passed"] is True
    assert services.is_eligible(nomination)


@pytest.mark.django_db
def test_a_nominee_past_retirement_age_before_the_class_ends_is_flagged(
    coordinator, planned_class, eligible_person
):
    # The class ends on 30/08/2027; a woman born 10/03/1968 reached 56y4m in 2024.
    woman = eligible_person(sex="female", date_of_birth=datetime.date(1968, 3, 10))

    nomination = nominate(coordinator, planned_class, woman)

    result = rules_of(nomination)["retirement"]
    assert result["passed"] is False
    assert result["detail"] == (
        "Đủ tuổi nghỉ hưu (56 tuổi 4 tháng) ngày 10/07/2024, trước khi lớp kết "
        "thúc (30/08/2027)."
    )
    assert not services.is_eligible(nomination)


@pytest.mark.django_db
def test_the_retirement_roadmap_is_dated_data_with_its_legal_basis(db):
    rule_set = services.retirement_rule_set_for(on=datetime.date(2026, 3, 2))
    assert isinstance(rule_set, RetirementRuleSet)
    assert rule_set.legal_basis.number == "135/2020/NĐ-CP"
    assert rule_set.valid_from == datetime.date(2021, 1, 1)
    assert rule_set.parameters["male"] == {
        "start_months": 723,
        "step_months": 3,
        "final_months": 744,
    }
    assert rule_set.parameters["female"] == {
        "start_months": 664,
        "step_months": 4,
        "final_months": 720,
    }
    assert services.retirement_rule_set_for(on=datetime.date(2020, 12, 31)) is None


@pytest.mark.django_db
def test_the_tc_rule_set_gives_trung_cap_and_checks_retirement(db):
    rule_set = EligibilityRuleSet.objects.get(legal_basis__number="350-QĐ/TW")
    assert rule_set.parameters["grants_theory_level"] == "TC"
    assert rule_set.parameters["check_retirement"] is True
    assert rule_set.is_confirmed is False


@pytest.mark.django_db
@pytest.mark.parametrize("kind", BOI_DUONG_KINDS)
def test_every_boi_duong_kind_has_an_unconfirmed_rule_set(db, kind):
    rule_set = services.rule_set_for(program_kind=kind, on=datetime.date(2026, 3, 2))
    assert rule_set is not None
    assert rule_set.program_kinds == [kind]
    assert rule_set.is_confirmed is False
    assert rule_set.parameters["rating_years"] == 1
    assert rule_set.parameters["min_rating"] == "done"
    assert rule_set.parameters["check_retirement"] is True


def _planned_of_kind(planned_class, kind):
    from daotao.programs.tests.factories import ProgramVersionFactory

    version = ProgramVersionFactory(
        program__school=planned_class.school, program__kind=kind
    )
    planned = FreshSchool(planned_class.school).planned_class(
        version,
        plan=planned_class.plan,
        code=f"BD-{kind}",
        name=f"Bồi dưỡng {kind}",
        site=planned_class.site,
        planned_size=40,
        starts_on=datetime.date(2026, 11, 2),
        ends_on=datetime.date(2026, 11, 27),
    )
    for quota in planned_class.quotas.all():
        Quota.objects.create(planned_class=planned, agency=quota.agency, places=3)
    return planned


@pytest.mark.django_db
def test_a_boi_duong_nominee_rated_not_done_is_not_eligible(
    coordinator, planned_class, eligible_person
):
    planned = _planned_of_kind(planned_class, Program.Kind.LANH_DAO_PHONG)
    data = services.NominationData(
        is_post_qualifying=True, rating_previous_year="not_done"
    )

    nomination = nominate(coordinator, planned, eligible_person(), data)

    result = rules_of(nomination)["rating"]
    assert (result["passed"], result["label"]) == (False, "Xếp loại chất lượng")
    verdict = services.verdict(nomination)
    assert (verdict.state, verdict.label) == ("not_eligible", "Chưa đủ điều kiện")
    assert not services.is_eligible(nomination)


@pytest.mark.django_db
def test_a_boi_duong_nominee_rated_done_is_eligible(
    coordinator, planned_class, eligible_person
):
    planned = _planned_of_kind(planned_class, Program.Kind.LANH_DAO_PHONG)
    data = services.NominationData(is_post_qualifying=True, rating_previous_year="done")

    nomination = nominate(coordinator, planned, eligible_person(), data)

    assert all(r["passed"] for r in nomination.eligibility)
    assert services.verdict(nomination).label == "Đủ điều kiện"


@pytest.mark.django_db
def test_a_kind_without_a_rule_set_shows_no_rule_rather_than_eligible(
    coordinator, planned_class, eligible_person
):
    planned = _planned_of_kind(planned_class, Program.Kind.CUSTOM)

    nomination = nominate(coordinator, planned, eligible_person(), GOOD)

    assert nomination.rule_set is None
    verdict = services.verdict(nomination)
    assert (verdict.state, verdict.label) == ("no_rules", "Chưa có quy định")


@pytest.mark.django_db
def test_the_verdict_follows_the_failed_and_overridden_rules(
    coordinator, office, planned_class, eligible_person
):
    data = services.NominationData(
        is_post_qualifying=True, rating_previous_year="done", rating_year_before="good"
    )
    nomination = services.nomination_check(
        actor=office,
        nomination=nominate(coordinator, planned_class, eligible_person(), data),
    )
    verdict = services.verdict(nomination)
    assert verdict.state == "not_eligible"
    assert [
        (line.rule, line.state) for line in verdict.lines if line.state != "passed"
    ] == [("rating", "failed")]

    services.nomination_override(
        actor=office, nomination=nomination, rule="rating", reason="Cán bộ nguồn"
    )

    verdict = services.verdict(nomination)
    assert (verdict.state, verdict.label) == (
        "eligible_by_exception",
        "Đủ điều kiện (trường hợp đặc biệt)",
    )
    assert [
        (line.rule, line.state) for line in verdict.lines if line.state != "passed"
    ] == [("rating", "overridden")]
