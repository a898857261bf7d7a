"""Pure rules of learner support and conduct: every number comes from a rule set's
`parameters` (docs/adr/0034); nothing here reads the database.

Support rate parameters (`SupportRateSet.parameters`)::

    {"meal_per_day": 150000,          # đồng per day present
     "lodging_per_night": 100000,     # đồng per night, one night per day present
     "lodging_from_km": 15,           # lodging only from this distance (inclusive)
     "travel_bands": [                # one round trip per course, by distance
         {"up_to_km": 15, "amount": 0},       # 0 < km <= 15 (inclusive upper edge)
         {"up_to_km": 50, "amount": 100000},
         {"up_to_km": null, "amount": 300000}],  # null: no upper edge
     "extra_per_day": {"female": 0, "ethnic_minority": 30000, "remote": 50000},
     "extra_combine": "sum"}          # "sum" of the categories, or the "max"

Conduct parameters (`ConductRuleSet.parameters`)::

    {"start": 100, "floor": 0, "ceiling": 100,
     "points": {"absent": -5, "late": -1, "reminder": -2, "criticism": -5,
                "praise": 2, "reward": 5, "reprimand": -10, "warning": -20,
                "suspension": -40, "expulsion": -100},
     "bands": [{"min": 90, "label": "Tốt"}, {"min": 70, "label": "Khá"},
               {"min": 50, "label": "Trung bình"}, {"min": 0, "label": "Yếu"}]}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

EXTRA_CATEGORIES = ("female", "ethnic_minority", "remote")


@dataclass(frozen=True)
class LearnerFacts:
    """What the support of one learner depends on."""

    days_present: int
    distance_km: Decimal | None  # None: the learner's commune is not known
    is_female: bool
    is_ethnic_minority: bool
    is_remote: bool


@dataclass(frozen=True)
class SupportAmounts:
    meals: int
    nights: int
    lodging: int
    travel: int
    extra: int

    @property
    def total(self) -> int:
        return self.meals + self.lodging + self.travel + self.extra


def travel_amount(bands: list[Mapping[str, Any]], distance_km: Decimal | None) -> int:
    """The amount of the first band whose upper edge (inclusive) reaches the
    distance; 0 without a distance or for 0 km."""
    if distance_km is None or distance_km <= 0:
        return 0
    for band in bands:
        edge = band.get("up_to_km")
        if edge is None or distance_km <= Decimal(str(edge)):
            return int(band["amount"])
    return 0


def extra_per_day(params: Mapping[str, Any], facts: LearnerFacts) -> int:
    """The extra daily support of the categories the learner belongs to, summed
    or the highest one (`extra_combine`)."""
    rates = params.get("extra_per_day", {})
    held = {
        "female": facts.is_female,
        "ethnic_minority": facts.is_ethnic_minority,
        "remote": facts.is_remote,
    }
    amounts = [int(rates.get(name, 0)) for name in EXTRA_CATEGORIES if held[name]]
    if not amounts:
        return 0
    return max(amounts) if params.get("extra_combine") == "max" else sum(amounts)


def support_amounts(params: Mapping[str, Any], facts: LearnerFacts) -> SupportAmounts:
    """The support of one learner for one course: meals and extras per day
    present, lodging per night from the lodging distance, travel by band (only
    for a learner who attended at least one day)."""
    days = max(facts.days_present, 0)
    far = facts.distance_km is not None and facts.distance_km >= Decimal(
        str(params.get("lodging_from_km", 0))
    )
    nights = days if far and facts.distance_km and facts.distance_km > 0 else 0
    travel = travel_amount(params.get("travel_bands", []), facts.distance_km)
    return SupportAmounts(
        meals=days * int(params.get("meal_per_day", 0)),
        nights=nights,
        lodging=nights * int(params.get("lodging_per_night", 0)),
        travel=travel if days else 0,
        extra=days * extra_per_day(params, facts),
    )


@dataclass(frozen=True)
class ConductOutcome:
    score: int
    label: str


def conduct_outcome(
    params: Mapping[str, Any], counts: Mapping[str, int]
) -> ConductOutcome:
    """The score (start plus each counted event's points, kept within floor and
    ceiling) and the label of the first band whose minimum it reaches."""
    points = params.get("points", {})
    score = int(params.get("start", 100)) + sum(
        int(points.get(name, 0)) * count for name, count in counts.items()
    )
    score = max(
        int(params.get("floor", 0)), min(int(params.get("ceiling", 100)), score)
    )
    bands = sorted(params.get("bands", []), key=lambda band: -int(band["min"]))
    label = next((b["label"] for b in bands if score >= int(b["min"])), "")
    return ConductOutcome(score=score, label=label)
