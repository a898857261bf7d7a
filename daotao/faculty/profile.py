"""Sections higher apps add to a lecturer's profile page.

`faculty` sits below the apps that know more about a lecturer (research, for one)
and must not import them; those apps register a section here from their
`AppConfig.ready()`, and the lecturer page renders every registered section.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ProfileSection:
    key: str
    title: Any
    template: str
    context: Callable[[Any], dict]


_SECTIONS: dict[str, ProfileSection] = {}


def register_section(
    *, key: str, title: Any, template: str, context: Callable[[Any], dict]
) -> None:
    """Add (or replace, by key) a section; `context(lecturer)` gives its data."""
    _SECTIONS[key] = ProfileSection(
        key=key, title=title, template=template, context=context
    )


def sections_for(lecturer: Any) -> list[dict]:
    """Every registered section with its data for `lecturer`, in registration order."""
    return [
        {
            "key": section.key,
            "title": section.title,
            "template": section.template,
            "data": section.context(lecturer),
        }
        for section in _SECTIONS.values()
    ]
