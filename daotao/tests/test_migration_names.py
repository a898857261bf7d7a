"""Migration names say what they do: only an app's first
migration may be called "initial", and Django's "auto_<date>" names are refused."""

import re

from django.db.migrations.loader import MigrationLoader


def test_every_migration_has_a_descriptive_name():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    ours = [
        (app, name)
        for app, name in loader.disk_migrations
        if loader.disk_migrations[app, name].__module__.startswith("daotao.")
    ]
    assert len(ours) > 20
    vague = [
        f"{app}/{name}"
        for app, name in ours
        if (name.endswith("_initial") and not name.startswith("0001"))
        or re.search(r"_auto_\d{8}_\d{4}$", name)
    ]
    assert vague == []
