"""A Hypothesis state machine over a sheet's life: entries,
submission, return, lock, amendment and direct writes in any order. Invariants: the
stored status and scores are what the model expects, a locked sheet's scores
change only by amendment, and the amendments recorded equal those made."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from daotao.assessment import services
from daotao.assessment.models import Score, ScoreAmendment, ScoreSheet
from daotao.assessment.tests.conftest import EXAM_DAY
from daotao.programs.tests.factories import ModuleFactory

SCALE = st.integers(min_value=0, max_value=100).map(lambda n: Decimal(n) / 10)
LINE = st.integers(min_value=0, max_value=2)


class SheetMachine(RuleBasedStateMachine):
    world: dict = {}

    def __init__(self):
        super().__init__()
        cohort, self.actor = self.world["cohort"], self.world["actor"]
        module = ModuleFactory(block=self.world["modules"][0].block)
        exam = services.exam_create(
            actor=self.actor, cohort=cohort, module=module, held_on=EXAM_DAY
        )
        self.sheet = services.score_sheet_create(actor=self.actor, exam=exam)
        self.lines = list(self.sheet.scores.values_list("pk", flat=True))
        self.status = ScoreSheet.Status.OPEN
        self.exam_scores: dict[int, Decimal | None] = dict.fromkeys(self.lines)
        self.amendments = 0

    @initialize(start=st.sampled_from(["open", "submitted", "locked"]))
    def bring_sheet_to(self, start):
        """Start a third of the runs from each state, so locked sheets are
        exercised as often as open ones."""
        if start != ScoreSheet.Status.OPEN:
            self.enter_every_line(Decimal("6.0"))
            self.submit()
        if start == ScoreSheet.Status.LOCKED:
            self.lock()

    def _score(self, line):
        return Score.objects.get(pk=self.lines[line])

    def _expect(self, succeeds, action):
        if succeeds:
            action()
        else:
            with pytest.raises(ValidationError):
                action()

    @rule(line=LINE, value=SCALE)
    def enter(self, line, value):
        score = self._score(line)
        is_open = self.status == ScoreSheet.Status.OPEN
        self._expect(
            is_open,
            lambda: services.score_enter(
                actor=self.actor,
                score=score,
                values={"attendance": "8.0", "test": "7.0", "exam": value},
                expected_version=score.version,
            ),
        )
        if is_open:
            self.exam_scores[score.pk] = value

    @rule(value=SCALE)
    def enter_every_line(self, value):
        for line in range(len(self.lines)):
            self.enter(line, value)

    @rule()
    def submit(self):
        complete = None not in self.exam_scores.values()
        succeeds = self.status == ScoreSheet.Status.OPEN and complete
        self._expect(
            succeeds,
            lambda: services.score_sheet_submit(actor=self.actor, sheet=self.sheet),
        )
        if succeeds:
            self.status = ScoreSheet.Status.SUBMITTED

    @rule()
    def send_back(self):
        succeeds = self.status == ScoreSheet.Status.SUBMITTED
        self._expect(
            succeeds,
            lambda: services.score_sheet_return(
                actor=self.actor, sheet=self.sheet, reason="Kiểm tra lại"
            ),
        )
        if succeeds:
            self.status = ScoreSheet.Status.OPEN

    @rule()
    def lock(self):
        succeeds = self.status == ScoreSheet.Status.SUBMITTED
        self._expect(
            succeeds,
            lambda: services.score_sheet_lock(actor=self.actor, sheet=self.sheet),
        )
        if succeeds:
            self.status = ScoreSheet.Status.LOCKED

    @rule(line=LINE, value=SCALE)
    def amend(self, line, value):
        score = self._score(line)
        succeeds = (
            self.status == ScoreSheet.Status.LOCKED
            and self.exam_scores[score.pk] != value
        )
        self._expect(
            succeeds,
            lambda: services.score_amend(
                actor=self.actor,
                score=score,
                values={"exam": value},
                reason="Phúc khảo",
                decision_number="15/QĐ-TrCT",
                decision_date=datetime.date(2027, 5, 2),
            ),
        )
        if succeeds:
            self.exam_scores[score.pk] = value
            self.amendments += 1

    @precondition(lambda self: self.status == ScoreSheet.Status.LOCKED)
    @rule(line=LINE, value=SCALE)
    def write_directly(self, line, value):
        with pytest.raises(IntegrityError), transaction.atomic():
            Score.objects.filter(pk=self.lines[line]).update(exam=value)

    @invariant()
    def stored_state_matches_the_model(self):
        assert ScoreSheet.objects.get(pk=self.sheet.pk).status == self.status
        stored = dict(Score.objects.filter(sheet=self.sheet).values_list("pk", "exam"))
        assert stored == self.exam_scores

    @invariant()
    def every_amendment_is_recorded(self):
        recorded = ScoreAmendment.objects.filter(score__sheet=self.sheet).count()
        assert recorded == self.amendments


def test_sheet_transitions_hold_their_invariants(world, office):
    SheetMachine.world = {**world, "actor": office}
    run_state_machine_as_test(
        SheetMachine,
        settings=settings(
            max_examples=30,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
    # A third of the runs start locked: the locked-sheet rules were exercised.
    assert ScoreSheet.objects.filter(status=ScoreSheet.Status.LOCKED).exists()
