from django.contrib import admin

from daotao.core.admin_site import admin_site
from daotao.documents.models import (
    DocumentTemplate,
    DocumentType,
    Issuer,
    NumberSeries,
    OutgoingDocument,
)


@admin.register(DocumentType, site=admin_site)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "family", "position"]


@admin.register(DocumentTemplate, site=admin_site)
class DocumentTemplateAdmin(admin.ModelAdmin):
    """Administrators edit the wording of each template here, without code."""

    list_display = ["name", "code", "document_type", "format", "is_active"]
    fields = ["name", "document_type", "format", "wording", "position", "is_active"]


@admin.register(Issuer, site=admin_site)
class IssuerAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "school", "format", "is_active"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Numbers and issued documents change only through the signing workflow."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(NumberSeries, site=admin_site)
class NumberSeriesAdmin(ReadOnlyAdmin):
    list_display = ["issuer", "year", "last_number"]


@admin.register(OutgoingDocument, site=admin_site)
class OutgoingDocumentAdmin(ReadOnlyAdmin):
    list_display = ["symbol", "summary", "status", "issued_on"]
    list_filter = ["status", "year"]
    search_fields = ["search_key"]
