"""Properties of the assessment rules, over the seeded defaults and
over arbitrary steps, weights and bands."""

import importlib
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daotao.assessment import rules

DEFAULTS = importlib.import_module(
    "daotao.assessment.migrations.0002_default_rule_set"
).PARAMETERS

STEPS = st.sampled_from([Decimal("0.1"), Decimal("0.25"), Decimal("0.5"), Decimal(1)])
VALUES = st.decimals(min_value=-100, max_value=100, places=4)
SCALE = st.integers(min_value=0, max_value=100).map(lambda n: Decimal(n) / 10)


@given(VALUES, STEPS)
def test_rounding_is_idempotent(value, step):
    once = rules.round_to_step(value, step)
    assert rules.round_to_step(once, step) == once


@given(VALUES, STEPS)
def test_rounding_moves_at_most_half_a_step_onto_the_step(value, step):
    rounded = rules.round_to_step(value, step)
    assert abs(rounded - value) <= step / 2
    assert rules.is_on_step(rounded, step)


@given(VALUES, VALUES, STEPS)
def test_rounding_is_monotonic(a, b, step):
    low, high = sorted([a, b])
    assert rules.round_to_step(low, step) <= rules.round_to_step(high, step)


def test_rounding_goes_half_up():
    step = Decimal("0.1")
    assert rules.round_to_step(Decimal("6.65"), step) == Decimal("6.7")
    assert rules.round_to_step(Decimal("6.64"), step) == Decimal("6.6")
    assert str(rules.round_to_step(Decimal(7), step)) == "7.0"


@st.composite
def weighted_components(draw):
    """Components on the 0.1 step and weights (whole percents) summing to 1."""
    count = draw(st.integers(min_value=1, max_value=5))
    cuts = sorted(draw(st.lists(st.integers(0, 100), min_size=count - 1,
                                max_size=count - 1)))  # fmt: skip
    percents = [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]
    keys = [f"c{i}" for i in range(count)]
    weights = {k: Decimal(p) / 100 for k, p in zip(keys, percents, strict=True)}
    values = {k: draw(SCALE) for k in keys}
    return values, weights


@given(weighted_components())
def test_weighted_result_lies_within_the_components(case):
    values, weights = case
    parameters = {**DEFAULTS, "weights": weights}
    result = rules.module_score(values, parameters)
    assert min(values.values()) <= result <= max(values.values())
    mean = rules.weighted_mean(values, weights)
    assert min(values.values()) <= mean <= max(values.values())


@given(SCALE, SCALE, SCALE, st.sampled_from(["attendance", "test", "exam"]))
def test_weighted_result_is_monotonic_in_each_component(a, t, e, raised):
    components = {"attendance": a, "test": t, "exam": e}
    higher = {**components, raised: Decimal(10)}
    assert rules.module_score(components, DEFAULTS) <= rules.module_score(
        higher, DEFAULTS
    )


def test_weighted_result_of_the_defaults():
    components = {"attendance": Decimal(9), "test": Decimal(7), "exam": Decimal(6)}
    assert rules.module_score(components, DEFAULTS) == Decimal("6.6")
    assert rules.module_score(components, DEFAULTS, is_absent=True) is None
    assert rules.module_score({**components, "exam": None}, DEFAULTS) is None


@given(SCALE, SCALE)
def test_classification_is_monotonic(a, b):
    low, high = sorted([a, b])
    codes = [band["code"] for band in DEFAULTS["bands"]] + [rules.FAIL_CODE]
    rank_low = codes.index(rules.classify(low, DEFAULTS).code)
    rank_high = codes.index(rules.classify(high, DEFAULTS).code)
    assert rank_high <= rank_low


@given(SCALE)
def test_every_score_gets_exactly_one_label(value):
    labels = {band["label"] for band in DEFAULTS["bands"]}
    reached = [
        band for band in DEFAULTS["bands"] if value >= rules.decimal_of(band["min"])
    ]
    band = rules.classify(value, DEFAULTS)
    if reached:
        assert band.label in labels
        assert rules.decimal_of(
            next(b["min"] for b in DEFAULTS["bands"] if b["code"] == band.code)
        ) == max(rules.decimal_of(b["min"]) for b in reached)
    else:
        assert band == rules.Band(rules.FAIL_CODE, "Không đạt")


@pytest.mark.parametrize(
    ("value", "label"),
    [("10.0", "Giỏi"), ("8.0", "Giỏi"), ("7.9", "Khá"), ("6.5", "Khá"),
     ("6.4", "Trung bình"), ("5.0", "Trung bình"), ("4.9", "Không đạt"),
     ("0.0", "Không đạt")],
)  # fmt: skip
def test_default_bands_have_no_excellent(value, label):
    assert rules.classify(Decimal(value), DEFAULTS).label == label


def test_pass_mark_and_absence():
    assert rules.is_passed(Decimal("5.0"), DEFAULTS)
    assert not rules.is_passed(Decimal("4.9"), DEFAULTS)
    assert not rules.is_passed(None, DEFAULTS)


@given(st.integers(0, 200), st.integers(0, 200))
def test_eligibility_to_sit_follows_the_attendance_share(attended, planned):
    allowed = rules.may_sit_exam(
        attended_periods=attended, planned_periods=planned, parameters=DEFAULTS
    )
    assert allowed == (Decimal(attended) >= Decimal("0.8") * planned)
    if allowed and attended < 200:
        assert rules.may_sit_exam(
            attended_periods=attended + 1, planned_periods=planned, parameters=DEFAULTS
        )


def test_one_retake_after_the_first_sitting():
    assert rules.retake_allowed(attempts_taken=1, parameters=DEFAULTS)
    assert not rules.retake_allowed(attempts_taken=2, parameters=DEFAULTS)
    assert not rules.retake_allowed(
        attempts_taken=1, parameters={**DEFAULTS, "retakes": 0}
    )


def test_module_result_over_attempts():
    attempts = [Decimal("4.0"), None]
    assert rules.module_result(attempts, DEFAULTS) == Decimal("4.0")
    latest = {**DEFAULTS, "retake_result": "latest"}
    assert rules.module_result([Decimal("6.0"), Decimal("5.5")], latest) == Decimal(
        "5.5"
    )
    assert rules.module_result([], DEFAULTS) is None


def test_overall_result_weighted_by_periods_or_equal():
    modules = [(Decimal("8.0"), 30), (Decimal("5.0"), 10)]
    assert rules.overall_result(modules, DEFAULTS) == Decimal("7.3")  # 7.25 ↑
    equal = {**DEFAULTS, "overall_weighting": "equal"}
    assert rules.overall_result(modules, equal) == Decimal("6.5")
    assert rules.overall_result([(None, 30), (Decimal(8), 10)], DEFAULTS) is None


@given(st.lists(st.tuples(SCALE, st.integers(1, 120)), min_size=1, max_size=8))
def test_overall_result_lies_within_the_module_results(modules):
    result = rules.overall_result(modules, DEFAULTS)
    results = [r for r, _p in modules]
    assert min(results) <= result <= max(results)


CONDITIONS = st.fixed_dictionaries(
    {
        "modules_passed": st.lists(st.booleans(), max_size=6),
        "exam_passed": st.booleans(),
        "essay_passed": st.booleans(),
        "field_study_done": st.booleans(),
    }
)
ROUTES = st.sampled_from(["exam", "essay", "both"])


@given(CONDITIONS, ROUTES, st.booleans())
def test_graduation_needs_every_condition_and_says_why_not(
    conditions, route, field_study_required
):
    parameters = {
        **DEFAULTS,
        "graduation_route": route,
        "field_study_required": field_study_required,
    }
    outcome = rules.graduation(**conditions, parameters=parameters)
    route_met = {
        "exam": conditions["exam_passed"],
        "essay": conditions["essay_passed"],
        "both": conditions["exam_passed"] and conditions["essay_passed"],
    }[route]
    expected = (
        all(conditions["modules_passed"])
        and route_met
        and (conditions["field_study_done"] or not field_study_required)
    )
    assert outcome.is_eligible == expected
    assert (outcome.reasons == ()) == expected


@given(CONDITIONS, ROUTES, st.sampled_from(["exam_passed", "essay_passed",
                                            "field_study_done"]))  # fmt: skip
def test_graduation_is_monotonic_in_each_condition(conditions, route, improved):
    parameters = {**DEFAULTS, "graduation_route": route}
    before = rules.graduation(**conditions, parameters=parameters)
    after = rules.graduation(**{**conditions, improved: True}, parameters=parameters)
    assert after.is_eligible >= before.is_eligible
    assert len(after.reasons) <= len(before.reasons)


def test_graduation_reasons_in_vietnamese():
    outcome = rules.graduation(
        modules_passed=[True, False, False],
        exam_passed=True,
        essay_passed=False,
        field_study_done=False,
        parameters=DEFAULTS,
    )
    assert outcome.reasons == (
        "Còn 2 học phần chưa đạt.",
        "Chưa đạt tiểu luận cuối khóa.",
        "Chưa hoàn thành đi nghiên cứu thực tế.",
    )


def test_component_errors_off_scale_and_off_step():
    errors = rules.component_errors(
        {"attendance": Decimal("10.5"), "test": Decimal("7.25"), "exam": None},
        DEFAULTS,
    )
    assert errors == {
        "attendance": "Điểm phải từ 0 đến 10.",
        "test": "Điểm phải làm tròn đến 0.1.",
    }
