"""The data migration 0002 run over rows as teaching left them: audit events and
content types that name the ledger's models by teaching's label follow them to
the ledger app; everything else stays as it was."""

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
    "daotao.ledger.migrations.0002_audit_and_content_types_from_teaching"
)


def test_audit_events_and_content_types_follow_the_models_to_ledger():
    ContentType.objects.filter(app_label="ledger").delete()
    old = ContentType.objects.create(app_label="teaching", model="ledgerentry")
    for object_type in ("teaching.ledgerentry", "teaching.term", "teaching.ledger"):
        AuditEvent.objects.create(action="x", object_type=object_type, object_id="1")

    relabel.relabel(apps, None)

    assert sorted(AuditEvent.objects.values_list("object_type", flat=True)) == [
        "ledger.ledgerentry",
        "teaching.ledger",
        "teaching.term",
    ]
    old.refresh_from_db()
    assert (old.app_label, old.model) == ("ledger", "ledgerentry")
    assert ContentType.objects.filter(app_label="teaching", model="term").exists()


def test_the_migration_runs_backwards():
    AuditEvent.objects.create(
        action="x", object_type="ledger.hourruleset", object_id="2"
    )

    relabel.relabel_back(apps, None)

    assert list(AuditEvent.objects.values_list("object_type", flat=True)) == [
        "teaching.hourruleset"
    ]
