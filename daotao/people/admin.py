from django.contrib import admin

from daotao.core.admin_site import admin_site
from daotao.people.models import Person


@admin.register(Person, site=admin_site)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "sex", "date_of_birth", "agency"]
    search_fields = ["search_key", "citizen_id"]
    raw_id_fields = ["agency"]
    readonly_fields = ["full_name"]

    # Persons are edited through the app pages, whose services validate the
    # whole record and keep its history; the admin only shows them.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
