"""Pure rules of the conference's paperwork: how a day is named in an invitation,
who signs to whom, and what an office should be warned of before sending."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from daotao.core.text import format_date, search_key

WEEKDAYS = (
    N_("thứ Hai"),
    N_("thứ Ba"),
    N_("thứ Tư"),
    N_("thứ Năm"),
    N_("thứ Sáu"),
    N_("thứ Bảy"),
    N_("Chủ nhật"),
)
# Office practice, not a regulation: an invitation goes out a few weeks before the
# event; one drafted more than about three months ahead is probably a mistake.
INVITATION_LEAD_DAYS = 92
# Groups of addressees at or above the provincial standing committee: the head of
# the school signs to them in person, never a deputy "KT.".
HEAD_SIGNS_TO_GROUPS = frozenset({"academy", "province_leaders"})
_HIGH_RANK_WORDS = ("thuong vu", "thuong truc", "trung uong", "hoc vien")


def day_with_weekday(day: datetime.date) -> str:
    """ "ngày 07/04/2026 (thứ Ba)"."""
    return _("ngày %(day)s (%(weekday)s)") % {
        "day": format_date(day),
        "weekday": _(WEEKDAYS[day.weekday()]),
    }


def event_days(starts_on: datetime.date, ends_on: datetime.date) -> str:
    """One day: "ngày 07/04/2026 (thứ Ba)"; several: "từ ngày … đến ngày …"."""
    if starts_on == ends_on:
        return day_with_weekday(starts_on)
    return _("từ %(start)s đến %(end)s") % {
        "start": day_with_weekday(starts_on),
        "end": day_with_weekday(ends_on),
    }


def is_high_rank(*, group: str, name: str) -> bool:
    """The addressee is the provincial standing committee or above (the Academy,
    the central bodies, the province's standing committee or its standing members)."""
    key = search_key(name)
    return group in HEAD_SIGNS_TO_GROUPS or any(w in key for w in _HIGH_RANK_WORDS)


def is_deputy_signature(authority: str) -> bool:
    """ "KT. HIỆU TRƯỞNG": a deputy signs on the head's behalf."""
    return authority.strip().upper().startswith("KT.")


def invitation_warnings(
    *,
    starts_on: datetime.date,
    today: datetime.date,
    deputy_signs: bool,
    high_rank_addressees: list[str],
) -> list[str]:
    """What the office should check before sending the invitations."""
    warnings = []
    lead = (starts_on - today).days
    if lead > INVITATION_LEAD_DAYS:
        warnings.append(
            _(
                "Giấy mời được soạn trước ngày hội thảo %(days)s ngày (hơn 3 tháng): "
                "hãy kiểm tra lại ngày hội thảo hoặc soạn gần ngày hơn."
            )
            % {"days": lead}
        )
    if deputy_signs and high_rank_addressees:
        warnings.append(
            _(
                "Giấy mời gửi %(names)s do cấp phó ký thay (KT.): giấy mời gửi Ban "
                "Thường vụ Tỉnh ủy trở lên nên do người đứng đầu ký."
            )
            % {"names": "; ".join(high_rank_addressees)}
        )
    return warnings
