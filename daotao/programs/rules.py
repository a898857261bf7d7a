"""Period (tiết) arithmetic of a programme structure, over plain numbers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Periods:
    """The periods of one topic, or the sums over a module, block or version."""

    lecture: int = 0
    discussion: int = 0
    practice: int = 0
    field_study: int = 0

    @property
    def total(self) -> int:
        return self.lecture + self.discussion + self.practice + self.field_study

    def __add__(self, other: Periods) -> Periods:
        return Periods(
            lecture=self.lecture + other.lecture,
            discussion=self.discussion + other.discussion,
            practice=self.practice + other.practice,
            field_study=self.field_study + other.field_study,
        )


def topic_total(
    *, lecture: int, discussion: int, practice: int, field_study: int
) -> int:
    """A topic's total periods: the sum of its four kinds."""
    return lecture + discussion + practice + field_study


def sum_periods(parts: Iterable[Periods]) -> Periods:
    """The kind-by-kind sum of `parts` (a module from its topics, a block from its
    modules, a version from its blocks)."""
    result = Periods()
    for part in parts:
        result = result + part
    return result


def total_mismatch(stated: int | None, computed: int) -> bool:
    """Whether the computed total differs from the total stated in the issuing
    document; an unknown stated total (None) is not a mismatch."""
    return stated is not None and stated != computed
