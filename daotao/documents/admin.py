from django.contrib import admin

from daotao.core.admin_site import admin_site
from daotao.documents.models import DocumentType


@admin.register(DocumentType, site=admin_site)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "family", "position"]
