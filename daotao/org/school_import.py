"""The one way a school's sheet is imported: into the school the actor holds the
import permission in, with the already-imported check keyed by that school."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from daotao.core.access import home_school_id
from daotao.core.actors import Actor
from daotao.core.importing.runner import ImportReport, run_import, template_workbook
from daotao.core.importing.schema import Schema
from daotao.org.models import School


def run_school_import(
    *,
    upload: bytes | IO[bytes],
    filename: str,
    actor: Actor,
    dry_run: bool,
    permission: str,
    kind: str,
    schema: Schema,
    make_handler: Callable[[int | None, School | None], Any],
) -> ImportReport:
    """Dry-run or commit `schema`'s sheet; `make_handler(school_id, school)` builds
    the import's handler for the actor's school."""
    school_id = home_school_id(actor, permission)
    school = School.objects.filter(pk=school_id).first() if school_id else None
    return run_import(
        upload=upload,
        filename=filename,
        schema=schema,
        handler=make_handler(school_id, school),
        actor=actor,
        kind=kind,
        scope_key=f"school:{school_id}",
        school=school,
        dry_run=dry_run,
    )


@dataclass(frozen=True)
class SchoolImport:
    """One kind of school sheet, declared once: `run` dry-runs or commits a file
    into the actor's school, `template` is the empty workbook to fill.
    `handler(actor=…, school_id=…, school=…)` builds the sheet's handler."""

    permission: str
    kind: str
    schema: Callable[[], Schema]
    handler: Callable[..., Any]
    title: str

    def run(
        self, *, upload: bytes | IO[bytes], filename: str, actor: Actor, dry_run: bool
    ) -> ImportReport:
        """Dry-run or commit the sheet into the actor's school."""
        return run_school_import(
            upload=upload,
            filename=filename,
            actor=actor,
            dry_run=dry_run,
            permission=self.permission,
            kind=self.kind,
            schema=self.schema(),
            make_handler=lambda school_id, school: self.handler(
                actor=actor, school_id=school_id, school=school
            ),
        )

    def template(self) -> bytes:
        return template_workbook(self.schema(), title=str(self.title))
