from django.contrib import admin

from daotao.core.admin_site import admin_site
from daotao.programs.models import Block, Module, Program, ProgramVersion, Topic


class ReadOnlyAdmin(admin.ModelAdmin):
    # The catalogue is edited through the app pages, whose services refuse changes
    # to versions in use and keep the history; the admin only shows it.
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Program, site=admin_site)
class ProgramAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "kind", "school"]
    list_filter = ["kind"]
    search_fields = ["code", "search_key"]


class BlockInline(admin.TabularInline):
    model = Block
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ProgramVersion, site=admin_site)
class ProgramVersionAdmin(ReadOnlyAdmin):
    list_display = ["program", "label", "mode", "status", "is_confirmed"]
    list_filter = ["status", "mode", "is_confirmed"]
    search_fields = ["label", "program__search_key"]
    inlines = [BlockInline]


@admin.register(Module, site=admin_site)
class ModuleAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "block", "is_assessed"]
    search_fields = ["code", "name"]


@admin.register(Topic, site=admin_site)
class TopicAdmin(ReadOnlyAdmin):
    list_display = [
        "name",
        "module",
        "lecture_periods",
        "discussion_periods",
        "practice_periods",
        "field_study_periods",
    ]
    search_fields = ["name"]
