"""Assessment rule sets in the admin: where the administrator compares the seeded
defaults with the regulation and marks them confirmed (the setup checklist links
here)."""

from django.contrib import admin

from daotao.assessment.models import AssessmentRuleSet
from daotao.core.admin_site import admin_site


@admin.register(AssessmentRuleSet, site=admin_site)
class AssessmentRuleSetAdmin(admin.ModelAdmin):
    list_display = ["name", "legal_basis", "valid_from", "valid_to", "is_confirmed"]
    list_filter = ["is_confirmed"]
