"""Enrolment rule sets in the admin: where the administrator compares the seeded
defaults with the regulation and marks them confirmed (the setup checklist links
here)."""

from django.contrib import admin

from daotao.core.admin_site import admin_site
from daotao.enrolment.models import EligibilityRuleSet, RetirementRuleSet


@admin.register(EligibilityRuleSet, site=admin_site)
class EligibilityRuleSetAdmin(admin.ModelAdmin):
    list_display = ["name", "legal_basis", "valid_from", "valid_to", "is_confirmed"]
    list_filter = ["is_confirmed"]


@admin.register(RetirementRuleSet, site=admin_site)
class RetirementRuleSetAdmin(admin.ModelAdmin):
    list_display = ["name", "legal_basis", "valid_from", "valid_to", "is_confirmed"]
    list_filter = ["is_confirmed"]
