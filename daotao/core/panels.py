"""Panels a higher app adds to a lower app's page, so the lower app never reads
the higher one's rows: the page names a slot (e.g. "learning.portal"), each
higher app registers a panel for it in its `AppConfig.ready()`, and the page
renders what the panels return for its subject, in registration order.

A panel is a template and a function from the subject (an enrollment, a cohort…)
to that template's context, or None when it has nothing to show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Provider = Callable[[Any], dict[str, Any] | None]


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    provider: Provider


@dataclass(frozen=True)
class Shown:
    """One panel as the page includes it: `{% include shown.template with
    panel=shown.context %}`."""

    template: str
    context: dict[str, Any]


_slots: dict[str, dict[str, Panel]] = {}


def register(slot: str, *, name: str, template: str, provider: Provider) -> None:
    """Add (or replace, by `name`) a panel to the page slot `slot`."""
    _slots.setdefault(slot, {})[name] = Panel(name, template, provider)


def panels_for(slot: str, subject: Any) -> list[Shown]:
    """The panels of `slot` with something to show for `subject`."""
    shown: list[Shown] = []
    for panel in _slots.get(slot, {}).values():
        context = panel.provider(subject)
        if context is not None:
            shown.append(Shown(panel.template, context))
    return shown
