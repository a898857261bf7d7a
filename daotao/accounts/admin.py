from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from daotao.accounts.models import Membership, User
from daotao.core.admin_site import admin_site


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["agency", "unit"]


@admin.register(User, site=admin_site)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "display_name", "email", "is_active", "is_staff"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (None, {"fields": ["display_name", "person"]}),
    )
    raw_id_fields = ["person"]
    inlines = [MembershipInline]
