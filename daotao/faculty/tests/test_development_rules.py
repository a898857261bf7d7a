"""Lecturer development rules at their boundaries (the parameters migration 0004
ships: the rules hold no numbers of their own)."""

import copy
import datetime
from decimal import Decimal
from importlib import import_module

import pytest
from django.core.exceptions import ValidationError

from daotao.faculty import rules

P = import_module(
    "daotao.faculty.migrations.0004_default_development_rule_set"
).PARAMETERS
D = datetime.date


def test_days_in_year_counts_only_the_year_and_both_ends():
    assert rules.days_in_year(D(2026, 6, 8), D(2026, 6, 12), 2026) == 5
    assert rules.days_in_year(D(2026, 6, 8), D(2026, 6, 8), 2026) == 1
    # across new year: 29, 30, 31 December in 2026; 1, 2 January in 2027
    assert rules.days_in_year(D(2026, 12, 29), D(2027, 1, 2), 2026) == 3
    assert rules.days_in_year(D(2026, 12, 29), D(2027, 1, 2), 2027) == 2
    assert rules.days_in_year(D(2025, 6, 1), D(2025, 6, 5), 2026) == 0


def test_field_practice_hours_and_days_due():
    assert rules.field_practice_hours(5, P) == Decimal("15.00")
    assert rules.field_practice_hours(0, P) == Decimal("0.00")
    assert rules.field_practice_due(4, P) == 1
    assert rules.field_practice_due(5, P) == 0
    assert rules.field_practice_due(9, P) == 0


def test_certificate_state_around_expiry_and_warning():
    today = D(2026, 12, 6)
    assert rules.certificate_state(None, today, P) == rules.VALID
    assert rules.certificate_state(D(2026, 12, 5), today, P) == rules.EXPIRED
    # the day it expires it is still held (expiring)
    assert rules.certificate_state(today, today, P) == rules.EXPIRING
    warning = today + datetime.timedelta(days=90)
    assert rules.certificate_state(warning, today, P) == rules.EXPIRING
    after = warning + datetime.timedelta(days=1)
    assert rules.certificate_state(after, today, P) == rules.VALID


def _scores(*values):
    keys = [c["key"] for c in P["observation_criteria"]]
    return dict(zip(keys, values, strict=True))


def test_observation_average_and_band_at_the_band_edge():
    top = rules.observation_score(_scores("9", "8", "8.5", "8.5"), P)
    assert (top.average, top.band) == (Decimal("8.50"), "Giỏi")
    below = rules.observation_score(_scores("9", "8", "8.5", "8.46"), P)
    assert (below.average, below.band) == (Decimal("8.49"), "Khá")
    low = rules.observation_score(_scores("0", "0", "0", "0"), P)
    assert (low.average, low.band) == (Decimal("0.00"), "Chưa đạt yêu cầu")
    full = rules.observation_score(_scores("10", "10", "10", "10"), P)
    assert full.average == Decimal("10.00")


def test_observation_refuses_off_scale_and_missing_scores():
    with pytest.raises(ValidationError):
        rules.observation_score(_scores("10.01", "8", "8", "8"), P)
    with pytest.raises(ValidationError):
        rules.observation_score(_scores("-1", "8", "8", "8"), P)
    with pytest.raises(ValidationError):
        rules.observation_score({"content": "8"}, P)


def _inputs(hours="110", research=1, observation="8.5", done=True):
    return rules.EvaluationInputs(
        hours_percent=None if hours is None else Decimal(hours),
        research=research,
        observation=None if observation is None else Decimal(observation),
        field_practice_done=done,
    )


@pytest.mark.parametrize(
    ("inputs", "band"),
    [
        (_inputs(), "excellent"),
        (_inputs(hours="109.99"), "good"),
        (_inputs(research=0), "good"),
        (_inputs(observation="8.49"), "good"),
        (_inputs(hours="100", research=0, observation="7"), "good"),
        (_inputs(hours="99.99", research=0, observation="7"), "done"),
        (_inputs(observation="6.99"), "done"),
        # not observed: a band asking for a score is not reached
        (_inputs(observation=None), "done"),
        (_inputs(done=False), "done"),
        (_inputs(hours="85", observation=None, done=False), "done"),
        (_inputs(hours="84.99", observation=None, done=False), "not_done"),
        # no norm (none set for the title): a band asking for hours is not reached
        (_inputs(hours=None), "not_done"),
    ],
)
def test_classify_at_each_threshold(inputs, band):
    assert rules.classify(inputs, P)["code"] == band


def test_hours_percent():
    assert rules.hours_percent(Decimal("297"), Decimal("270")) == Decimal("110.00")
    assert rules.hours_percent(Decimal("10"), None) is None
    assert rules.hours_percent(Decimal("10"), Decimal("0")) is None


def test_validate_parameters_refuses_what_the_rules_cannot_use():
    rules.validate_parameters(P)
    assert set(rules.REQUIRED_KEYS) == set(P)
    missing = {k: v for k, v in P.items() if k != "certificate_warning_days"}
    with pytest.raises(ValidationError):
        rules.validate_parameters(missing)
    last_with_minimum = copy.deepcopy(P)
    last_with_minimum["evaluation_bands"][-1]["min_research"] = 1
    with pytest.raises(ValidationError):
        rules.validate_parameters(last_with_minimum)
    no_scale = copy.deepcopy(P)
    no_scale["observation_scale_max"] = 0
    with pytest.raises(ValidationError):
        rules.validate_parameters(no_scale)
