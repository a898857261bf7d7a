"""Fill the diacritic-free search key of the rooms that existed before it."""

import unicodedata

from django.db import migrations


def _search_key(text):
    decomposed = unicodedata.normalize(
        "NFKD", unicodedata.normalize("NFKD", text).casefold()
    )
    stripped = "".join(
        "d" if char in "đĐ" else char
        for char in decomposed
        if not unicodedata.combining(char)
    )
    return " ".join(stripped.split())[:255]


def fill(apps, schema_editor):
    Room = apps.get_model("org", "Room")
    for room in Room.objects.all():
        room.search_key = _search_key(room.name)
        room.save(update_fields=["search_key"])


class Migration(migrations.Migration):
    dependencies = [("org", "0005_room_kind_note_closures")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
