"""What every handler of a sheet imported into the actor's school shares: who
imports, into which school, the refusal when they hold the permission in none, and
the key names are matched by."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from daotao.core.actors import Actor
from daotao.core.text import search_key

from .runner import ParsedRow, RowOutcome


def name_key(name: str) -> str:
    """A name as the registries store its search key (accents and case folded,
    cut to the column's 255 characters)."""
    return search_key(name)[:255]


class SchoolSheetHandler:
    """A handler of a school's sheet (the `ImportHandler` protocol): `check` refuses
    every row when the actor holds the import permission in no school, and
    otherwise asks the subclass's `check_row`."""

    def __init__(
        self, *, actor: Actor, school_id: int | None, school: Any = None
    ) -> None:
        self.actor = actor
        self.school_id = school_id
        self.school = school

    def check(self, row: ParsedRow) -> RowOutcome:
        if self.school_id is None:
            return RowOutcome.refuse(_("tài khoản không thuộc trường nào."))
        return self.check_row(row)

    def check_row(self, row: ParsedRow) -> RowOutcome:
        raise NotImplementedError
