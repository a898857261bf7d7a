"""The Academy's side of the demo: Thanh Hóa and Nghệ An have sent their 2026
figures report (Hà Tĩnh has not), so the supervisor's comparison shows the
submitted reports beside the school still missing, and a report's page opens.

Written through the reports services by each school's training office; found
first by (school, year, period), so a second run creates nothing.
"""

from __future__ import annotations

from collections import Counter

from daotao.accounts.models import User
from daotao.reports import period_reports
from daotao.reports.models import PeriodReport

YEAR = 2026
SENDERS = ("daotao", "daotao.nghean")


def ensure_period_reports() -> Counter[str]:
    """Each sender's school's report of the whole of `YEAR`, submitted."""
    created: Counter[str] = Counter()
    for username in SENDERS:
        office = User.objects.get(username=username)
        school_id = office.memberships.get().school_id
        if PeriodReport.objects.filter(
            school_id=school_id, year=YEAR, period=PeriodReport.Period.YEAR
        ).exists():
            continue
        report = period_reports.period_report_draft(
            actor=office,
            school_id=school_id,
            year=YEAR,
            period=PeriodReport.Period.YEAR,
        )
        period_reports.period_report_submit(actor=office, report=report)
        created[f"báo cáo số liệu năm {YEAR} gửi Học viện"] += 1
    return created
