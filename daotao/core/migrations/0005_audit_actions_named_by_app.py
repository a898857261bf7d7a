"""Audit actions named `<app>.<entity>_<verb>` (see `core.history`): the rows
written under the two older spellings (`nomination_submit`, `attendance.record`)
are renamed, so one history reads under one set of names."""

from django.db import migrations

RENAMED = {
    "generated_file_request": "core.generated_file_request",
    "membership_grant": "accounts.membership_grant",
    "user_create": "accounts.user_create",
    "user_deactivate": "accounts.user_deactivate",
    "document_attach_scan": "documents.document_attach_scan",
    "document_create": "documents.document_create",
    "document_draft": "documents.document_draft",
    "document_published": "documents.document_published",
    "document_redraft": "documents.document_redraft",
    "document_sign": "documents.document_sign",
    "document_signed": "documents.document_signed",
    "document_submitted": "documents.document_submitted",
    "document_update": "documents.document_update",
    "issuer_update": "documents.issuer_update",
    "cohort_admit": "enrolment.cohort_admit",
    "cohort_admit_supplementary": "enrolment.cohort_admit_supplementary",
    "cohort_teaching_update": "enrolment.cohort_teaching_update",
    "nomination_check": "enrolment.nomination_check",
    "nomination_override": "enrolment.nomination_override",
    "nomination_reject": "enrolment.nomination_reject",
    "nomination_submit": "enrolment.nomination_submit",
    "nomination_withdraw": "enrolment.nomination_withdraw",
    "lecturer_create": "faculty.lecturer_create",
    "lecturer_update": "faculty.lecturer_update",
    "unavailability_add": "faculty.unavailability_add",
    "unavailability_delete": "faculty.unavailability_delete",
    "attendance.check_in": "learning.attendance_check_in",
    "attendance.excuse": "learning.attendance_excuse",
    "attendance.record": "learning.attendance_record",
    "check_in_code.open": "learning.check_in_code_open",
    "committee_role.end": "learning.committee_role_end",
    "committee_role.set": "learning.committee_role_set",
    "conduct_note.add": "learning.conduct_note_add",
    "feedback.submit": "learning.feedback_submit",
    "leave_request.decide": "learning.leave_request_decide",
    "leave_request.submit": "learning.leave_request_submit",
    "placement_record": "learning.placement_record",
    "research_task_assign": "learning.research_task_assign",
    "agency_create": "org.agency_create",
    "area_create": "org.area_create",
    "room_closure_add": "org.room_closure_add",
    "room_closure_delete": "org.room_closure_delete",
    "room_save": "org.room_save",
    "rule_set_confirm": "org.rule_set_confirm",
    "school_create": "org.school_create",
    "school_identity_update": "org.school_identity_update",
    "site_save": "org.site_save",
    "unit_create": "org.unit_create",
    "research_task_grade": "outcomes.research_task_grade",
    "person_create": "people.person_create",
    "person_update": "people.person_update",
    "plan_approved": "planning.plan_approved",
    "plan_attach_document": "planning.plan_attach_document",
    "plan_create": "planning.plan_create",
    "plan_draft": "planning.plan_draft",
    "plan_submitted": "planning.plan_submitted",
    "planned_class_add": "planning.planned_class_add",
    "quota_set": "planning.quota_set",
    "lecturer_topics_import": "programs.lecturer_topics_import",
    "program_block_add": "programs.program_block_add",
    "program_catalogue_ensure": "programs.program_catalogue_ensure",
    "program_module_add": "programs.program_module_add",
    "program_structure_delete": "programs.program_structure_delete",
    "program_structure_import": "programs.program_structure_import",
    "program_topic_add": "programs.program_topic_add",
    "program_topic_update": "programs.program_topic_update",
    "program_version_copy": "programs.program_version_copy",
    "program_version_put_in_use": "programs.program_version_put_in_use",
    "program_version_retire": "programs.program_version_retire",
    "program_version_update": "programs.program_version_update",
    "draft_session_place": "teaching.draft_session_place",
    "holiday_confirm": "teaching.holiday_confirm",
    "holiday_create": "teaching.holiday_create",
    "holiday_delete": "teaching.holiday_delete",
    "holiday_update": "teaching.holiday_update",
    "hour_rule_set_update": "teaching.hour_rule_set_update",
    "lecturer_norm_set": "teaching.lecturer_norm_set",
    "ledger_entry_add": "teaching.ledger_entry_add",
    "ledger_entry_delete": "teaching.ledger_entry_delete",
    "ledger_period_close": "teaching.ledger_period_close",
    "ledger_recompute": "teaching.ledger_recompute",
    "schedule_publish": "teaching.schedule_publish",
    "schedule_run_start": "teaching.schedule_run_start",
    "site_travel_set": "teaching.site_travel_set",
    "term_create": "teaching.term_create",
}


def _rename(apps, names):
    events = apps.get_model("core", "AuditEvent").objects
    for old, new in names.items():
        events.filter(action=old).update(action=new)


def forward(apps, schema_editor):
    _rename(apps, RENAMED)


def backward(apps, schema_editor):
    _rename(apps, {new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):
    dependencies = [("core", "0004_generated_file")]

    operations = [migrations.RunPython(forward, backward)]
