"""The demo's standard-school self-assessment (issue 19's "Done when"): 2026 with at
least 20 indicators computed from the demo's data and the report drafted."""

import pytest
from django.test import Client

from daotao.accounts.models import User
from daotao.standards.models import SelfAssessment, Verdict
from daotao.standards.selectors import assessment_rows


@pytest.fixture
def seeded(seeded_module):
    return seeded_module


def test_the_2026_self_assessment_has_computed_indicators_and_a_report(seeded):
    assessment = SelfAssessment.objects.get(year=2026)
    rows = [row for c in assessment_rows(assessment) for row in c.rows]
    computed = [row for row in rows if row.computed is not None]
    assert len(computed) >= 20
    # Computed from the demo's own data: most have a value, not "no data".
    assert sum(1 for row in computed if row.verdict != Verdict.NO_DATA) >= 20
    assert assessment.document is not None
    assert "năm 2026" in assessment.document.summary
    client = Client()
    client.force_login(User.objects.get(username="bgh"))
    page = client.get(f"/quan-ly/truong-chuan/{assessment.pk}/")
    assert page.status_code == 200
    assert "Tiêu chí 6." in page.text
