"""Hard-constraint checks of a schedule, independent of the solver.

`validate` checks a whole schedule (also that it teaches every programme in full and
keeps the fixed sessions); `conflicts_for` checks one proposed session against an
existing schedule, as the manual editor does before saving a move.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from django.utils.translation import gettext as _

from daotao.core.text import format_date

from .half_days import TermCalendar
from .problem import Booking, Problem, Session, Slot
from .result import Conflict, Schedule, Violation, ViolationKind

Kind = ViolationKind


def validate(
    problem: Problem, schedule: Schedule | Sequence[Session], *, partial: bool = False
) -> list[Violation]:
    """Every broken hard constraint of `schedule`; empty means it may be published.
    With `partial`, a topic may have fewer sessions than its programme (a PARTIAL
    schedule, the rest to be placed by hand), never more."""
    sessions = _sessions_of(schedule)
    return [
        *check_sessions(problem, sessions),
        *_fixed_changed(problem, sessions),
        *_wrong_counts(problem, sessions, partial=partial),
    ]


def conflicts_for(
    problem: Problem,
    schedule: Schedule | Sequence[Session],
    session: Session,
    *,
    replacing: Session | None = None,
) -> list[Conflict]:
    """The violations `session` would cause if added to `schedule` (instead of
    `replacing`, for a move); programme completeness is not checked."""
    others = list(_sessions_of(schedule))
    if replacing is not None:
        for position, other in enumerate(others):
            if other.same_placement(replacing):
                del others[position]
                break
    violations = check_sessions(problem, [*others, session])
    return [v for v in violations if session in v.sessions]


def check_sessions(problem: Problem, sessions: Sequence[Session]) -> list[Violation]:
    """The hard constraints that concern sessions one by one or in pairs."""
    calendar = TermCalendar(problem)
    known = []
    violations = []
    for session in sessions:
        found = _single_session(problem, calendar, session)
        violations.extend(found)
        if not any(v.kind is Kind.UNKNOWN_REFERENCE for v in found):
            known.append(session)
    violations.extend(_double_bookings(problem, known))
    violations.extend(_booked(problem, calendar, known))
    violations.extend(_order(problem, calendar, known))
    violations.extend(_travel(problem, calendar, known))
    return violations


def _sessions_of(schedule: Schedule | Sequence[Session]) -> Sequence[Session]:
    return schedule.sessions if isinstance(schedule, Schedule) else schedule


def _single_session(
    problem: Problem, calendar: TermCalendar, session: Session
) -> list[Violation]:
    unknown = _unknown_reference(problem, session)
    if unknown:
        return [unknown]
    cohort = problem.cohort(session.cohort_id)
    room = problem.room(session.room_id)
    lecturer = problem.lecturer(session.lecturer_id)
    topic = problem.topic_name(session.topic_id)
    slot = session.slot
    found = []

    def add(kind: Kind, message: str) -> None:
        found.append(Violation(kind, message, (session,)))

    if room.site_id != cohort.site_id:
        add(
            Kind.ROOM_AT_OTHER_SITE,
            _("Phòng %(room)s không ở cơ sở %(site)s của lớp %(cohort)s.")
            % {
                "room": room.name,
                "site": problem.site(cohort.site_id).name,
                "cohort": cohort.code,
            },
        )
    if room.capacity < cohort.size:
        add(
            Kind.ROOM_TOO_SMALL,
            _(
                "Phòng %(room)s (%(capacity)d chỗ) không đủ chỗ cho lớp %(cohort)s "
                "(%(size)d học viên)."
            )
            % {
                "room": room.name,
                "capacity": room.capacity,
                "cohort": cohort.code,
                "size": cohort.size,
            },
        )
    if session.topic_id not in lecturer.topic_ids:
        add(
            Kind.LECTURER_NOT_QUALIFIED,
            _("Giảng viên %(lecturer)s không được phân công dạy chuyên đề %(topic)s.")
            % {"lecturer": lecturer.name, "topic": topic},
        )
    if slot in lecturer.unavailable:
        add(
            Kind.LECTURER_UNAVAILABLE,
            _("Giảng viên %(lecturer)s bận vào %(slot)s.")
            % {"lecturer": lecturer.name, "slot": slot.label},
        )
    if slot.day in problem.holidays:
        add(
            Kind.HOLIDAY,
            _("Lớp %(cohort)s có buổi học vào ngày nghỉ lễ %(day)s.")
            % {"cohort": cohort.code, "day": format_date(slot.day)},
        )
    elif not calendar.is_study_day(cohort, slot.day):
        add(
            Kind.NOT_A_STUDY_DAY,
            _("Lớp %(cohort)s không học vào %(slot)s.")
            % {"cohort": cohort.code, "slot": slot.label},
        )
    return found


def _unknown_reference(problem: Problem, session: Session) -> Violation | None:
    try:
        cohort = problem.cohort(session.cohort_id)
        problem.room(session.room_id)
        problem.lecturer(session.lecturer_id)
    except KeyError:
        message = _(
            "Buổi học tham chiếu lớp, phòng hoặc giảng viên không có trong dữ liệu."
        )
        return Violation(Kind.UNKNOWN_REFERENCE, message, (session,))
    if cohort.module_of(session.topic_id) is None:
        message = _(
            "Chuyên đề %(topic)s không có trong chương trình của lớp %(cohort)s."
        ) % {
            "topic": problem.topic_name(session.topic_id),
            "cohort": cohort.code,
        }
        return Violation(Kind.UNKNOWN_REFERENCE, message, (session,))
    return None


def _groups(
    sessions: Iterable[Session], key: Callable[[Session], object]
) -> Iterable[list[Session]]:
    grouped: dict[object, list[Session]] = defaultdict(list)
    for session in sessions:
        grouped[key(session)].append(session)
    return (group for group in grouped.values() if len(group) > 1)


def _double_bookings(problem: Problem, sessions: Sequence[Session]) -> list[Violation]:
    found = []
    for group in _groups(sessions, lambda s: (s.cohort_id, s.slot)):
        message = _("Lớp %(cohort)s có %(count)d buổi cùng vào %(slot)s.") % {
            "cohort": problem.cohort(group[0].cohort_id).code,
            "count": len(group),
            "slot": group[0].slot.label,
        }
        found.append(Violation(Kind.COHORT_DOUBLE_BOOKED, message, tuple(group)))
    for group in _groups(sessions, lambda s: (s.lecturer_id, s.slot)):
        message = _(
            "Giảng viên %(lecturer)s dạy %(count)d buổi cùng vào %(slot)s: %(cohorts)s."
        ) % {
            "lecturer": problem.lecturer(group[0].lecturer_id).name,
            "count": len(group),
            "slot": group[0].slot.label,
            "cohorts": _cohort_codes(problem, group),
        }
        found.append(Violation(Kind.LECTURER_DOUBLE_BOOKED, message, tuple(group)))
    for group in _groups(sessions, lambda s: (s.room_id, s.slot)):
        message = _(
            "Phòng %(room)s có %(count)d buổi cùng vào %(slot)s: %(cohorts)s."
        ) % {
            "room": problem.room(group[0].room_id).name,
            "count": len(group),
            "slot": group[0].slot.label,
            "cohorts": _cohort_codes(problem, group),
        }
        found.append(Violation(Kind.ROOM_DOUBLE_BOOKED, message, tuple(group)))
    return found


def _booked(
    problem: Problem, calendar: TermCalendar, sessions: Sequence[Session]
) -> list[Violation]:
    """Sessions on a half-day booked outside the problem for their cohort, lecturer
    or room, or too close (in travel) to a booking of their lecturer elsewhere."""
    if not problem.booked:
        return []
    by_slot: dict[Slot, list[Booking]] = defaultdict(list)
    by_lecturer: dict[int, list[tuple[int, Booking]]] = defaultdict(list)
    for booking in problem.booked:
        by_slot[booking.slot].append(booking)
        if booking.lecturer_id is not None and booking.site_id is not None:
            by_lecturer[booking.lecturer_id].append(
                (calendar.index(booking.slot), booking)
            )
    longest = max((t for t in problem.travel.values()), default=1)
    found = []
    for session in sessions:
        for booking in by_slot.get(session.slot, ()):
            found.extend(_booking_clashes(problem, session, booking))
        index = calendar.index(session.slot)
        site_id = problem.cohort(session.cohort_id).site_id
        for h, booking in by_lecturer.get(session.lecturer_id, ()):
            gap = abs(index - h)
            if 1 <= gap < longest and gap < problem.travel_between(
                site_id, booking.site_id
            ):
                found.append(_booking_travel(problem, session, booking))
    return found


def _booking_clashes(
    problem: Problem, session: Session, booking: Booking
) -> list[Violation]:
    values = {
        "cohort": problem.cohort(session.cohort_id).code,
        "lecturer": problem.lecturer(session.lecturer_id).name,
        "room": problem.room(session.room_id).name,
        "booked": booking.label,
    }
    found = []
    if booking.cohort_id == session.cohort_id:
        message = _(
            "Lớp %(cohort)s đã có buổi học khác trong lịch đã công bố (%(booked)s)."
        )
        found.append(
            Violation(
                Kind.COHORT_DOUBLE_BOOKED, message % values, (session,), (booking,)
            )
        )
    if booking.lecturer_id == session.lecturer_id:
        message = _(
            "Giảng viên %(lecturer)s đã có buổi dạy trong lịch đã công bố (%(booked)s)."
        )
        found.append(
            Violation(
                Kind.LECTURER_DOUBLE_BOOKED, message % values, (session,), (booking,)
            )
        )
    if booking.room_id == session.room_id:
        message = _("Phòng %(room)s đã có buổi học trong lịch đã công bố (%(booked)s).")
        found.append(
            Violation(Kind.ROOM_DOUBLE_BOOKED, message % values, (session,), (booking,))
        )
    return found


def _booking_travel(problem: Problem, session: Session, booking: Booking) -> Violation:
    message = _(
        "Giảng viên %(lecturer)s không kịp đi giữa %(site)s (%(slot)s) và "
        "%(other_site)s, nơi đã có buổi dạy trong lịch đã công bố (%(booked)s)."
    ) % {
        "lecturer": problem.lecturer(session.lecturer_id).name,
        "site": problem.site_name(problem.cohort(session.cohort_id).site_id),
        "slot": session.slot.label,
        "other_site": problem.site_name(booking.site_id),
        "booked": booking.label,
    }
    return Violation(Kind.TRAVEL, message, (session,), (booking,))


def _cohort_codes(problem: Problem, sessions: Sequence[Session]) -> str:
    return ", ".join(problem.cohort(s.cohort_id).code for s in sessions)


def _order(
    problem: Problem, calendar: TermCalendar, sessions: Sequence[Session]
) -> list[Violation]:
    """A session of module k at or before the latest session of an earlier module."""
    by_module: dict[int, dict[int, list[Session]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for session in sessions:
        module = problem.cohort(session.cohort_id).module_of(session.topic_id) or 0
        by_module[session.cohort_id][module].append(session)
    found = []
    for cohort_id, modules in by_module.items():
        code = problem.cohort(cohort_id).code
        latest: Session | None = None  # the latest session of the modules before
        for module in sorted(modules):
            for session in modules[module]:
                if latest and calendar.index(latest.slot) >= calendar.index(
                    session.slot
                ):
                    found.append(_order_violation(problem, code, session, latest))
            last = max(modules[module], key=lambda s: calendar.index(s.slot))
            if latest is None or calendar.index(last.slot) > calendar.index(
                latest.slot
            ):
                latest = last
    return found


def _order_violation(
    problem: Problem, code: str, session: Session, earlier: Session
) -> Violation:
    cohort = problem.cohort(session.cohort_id)
    message = _(
        "Lớp %(cohort)s: chuyên đề %(topic)s (học phần %(module)d) xếp vào %(slot)s, "
        "trước khi học xong chuyên đề %(earlier_topic)s (học phần %(earlier_module)d) "
        "vào %(earlier_slot)s."
    ) % {
        "cohort": code,
        "topic": problem.topic_name(session.topic_id),
        "module": cohort.module_of(session.topic_id),
        "slot": session.slot.label,
        "earlier_topic": problem.topic_name(earlier.topic_id),
        "earlier_module": cohort.module_of(earlier.topic_id),
        "earlier_slot": earlier.slot.label,
    }
    return Violation(Kind.ORDER, message, (session, earlier))


def _travel(
    problem: Problem, calendar: TermCalendar, sessions: Sequence[Session]
) -> list[Violation]:
    """Two sessions of a lecturer at sites farther apart than the half-days between."""
    longest = max((t for t in problem.travel.values()), default=1)
    by_lecturer: dict[int, list[tuple[int, Session]]] = defaultdict(list)
    for session in sessions:
        by_lecturer[session.lecturer_id].append((calendar.index(session.slot), session))
    found = []
    for timed in by_lecturer.values():
        timed.sort(key=lambda pair: pair[0])
        for position, (index, session) in enumerate(timed):
            for later_index, later in timed[position + 1 :]:
                gap = later_index - index
                if gap >= longest:
                    break
                if gap >= 1 and gap < _travel_of(problem, session, later):
                    found.append(_travel_violation(problem, session, later))
    return found


def _travel_of(problem: Problem, first: Session, second: Session) -> int:
    return problem.travel_between(
        problem.cohort(first.cohort_id).site_id,
        problem.cohort(second.cohort_id).site_id,
    )


def _travel_violation(problem: Problem, first: Session, second: Session) -> Violation:
    message = _(
        "Giảng viên %(lecturer)s không kịp đi từ %(site)s (%(slot)s) "
        "đến %(other_site)s (%(other_slot)s)."
    ) % {
        "lecturer": problem.lecturer(first.lecturer_id).name,
        "site": problem.site(problem.cohort(first.cohort_id).site_id).name,
        "slot": first.slot.label,
        "other_site": problem.site(problem.cohort(second.cohort_id).site_id).name,
        "other_slot": second.slot.label,
    }
    return Violation(Kind.TRAVEL, message, (first, second))


def _fixed_changed(problem: Problem, sessions: Sequence[Session]) -> list[Violation]:
    remaining = list(sessions)
    found = []
    for fixed in problem.fixed:
        match = next((s for s in remaining if s.same_placement(fixed)), None)
        if match is not None:
            remaining.remove(match)
            continue
        message = _(
            "Buổi cố định của lớp %(cohort)s (chuyên đề %(topic)s, %(slot)s) "
            "đã bị thay đổi."
        ) % {
            "cohort": problem.cohort(fixed.cohort_id).code,
            "topic": problem.topic_name(fixed.topic_id),
            "slot": fixed.slot.label,
        }
        found.append(Violation(Kind.FIXED_SESSION_CHANGED, message, (fixed,)))
    return found


def _wrong_counts(
    problem: Problem, sessions: Sequence[Session], *, partial: bool = False
) -> list[Violation]:
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for session in sessions:
        counts[session.cohort_id, session.topic_id] += 1
    found = []
    for cohort in problem.cohorts:
        for _module, demand in cohort.demands():
            scheduled = counts[cohort.id, demand.topic_id]
            if scheduled == demand.sessions or (
                partial and scheduled < demand.sessions
            ):
                continue
            message = _(
                "Lớp %(cohort)s, chuyên đề %(topic)s: cần %(needed)d buổi, "
                "lịch có %(scheduled)d buổi."
            ) % {
                "cohort": cohort.code,
                "topic": problem.topic_name(demand.topic_id),
                "needed": demand.sessions,
                "scheduled": scheduled,
            }
            found.append(Violation(Kind.SESSION_COUNT, message, ()))
    return found
