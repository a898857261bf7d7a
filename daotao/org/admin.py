from django.contrib import admin

from daotao.core.admin_site import admin_site
from daotao.org import models


@admin.register(models.School, site=admin_site)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "province", "place_name"]

    def has_add_permission(self, request) -> bool:
        """A school is started by `manage.py school_create` (its catalogue, issuer,
        credential wording and first administrator with it); a row added here
        alone would be a school nothing works in."""
        return False


@admin.register(models.Unit, site=admin_site)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "kind", "is_teaching", "valid_to"]
    list_filter = ["kind", "school"]


@admin.register(models.Agency, site=admin_site)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "level", "area", "valid_from", "valid_to"]
    list_filter = ["level", "kind"]
    search_fields = ["name", "search_key"]
    raw_id_fields = ["parent", "area"]
    filter_horizontal = ["predecessors"]


@admin.register(models.Area, site=admin_site)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "level", "code", "valid_from", "valid_to"]
    list_filter = ["level"]
    search_fields = ["name", "code"]
    filter_horizontal = ["predecessors"]


@admin.register(models.LegalBasis, site=admin_site)
class LegalBasisAdmin(admin.ModelAdmin):
    list_display = ["number", "issued_on", "issuer", "title", "is_confirmed"]
    search_fields = ["number", "title"]


for reference in (
    models.Ethnicity,
    models.Religion,
    models.EducationLevel,
    models.TheoryLevel,
):
    admin_site.register(reference, list_display=["code", "name", "position"])


class RoomInline(admin.TabularInline):
    model = models.Room
    extra = 0


@admin.register(models.Site, site=admin_site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "school", "is_active"]
    inlines = [RoomInline]
