"""Enrolment pages, one module per area: admission (quotas, nominations,
eligibility review, admission, rosters) and imports (nominations by sheet)."""
