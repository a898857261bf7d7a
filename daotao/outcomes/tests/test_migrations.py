"""The data migration 0002 run over rows as learning left them: audit events and
content types of the research task and placement follow the models to outcomes;
learning's other rows stay as they were."""

import importlib

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from daotao.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    yield
    ContentType.objects.clear_cache()  # the test deleted and relabelled rows


relabel = importlib.import_module(
    "daotao.outcomes.migrations.0002_audit_and_content_types_from_learning"
)


def test_audit_events_and_content_types_follow_the_models_to_outcomes():
    ContentType.objects.filter(app_label="outcomes").delete()
    old = ContentType.objects.create(app_label="learning", model="placement")
    for object_type in (
        "learning.researchtask",
        "learning.placement",
        "learning.attendance",
    ):
        AuditEvent.objects.create(action="x", object_type=object_type, object_id="1")

    relabel.relabel(apps, None)

    assert sorted(AuditEvent.objects.values_list("object_type", flat=True)) == [
        "learning.attendance",
        "outcomes.placement",
        "outcomes.researchtask",
    ]
    old.refresh_from_db()
    assert (old.app_label, old.model) == ("outcomes", "placement")
    assert ContentType.objects.filter(app_label="learning", model="attendance").exists()
