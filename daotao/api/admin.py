"""API clients in the admin: created here (the token shown once, in the page's
message) or with `manage.py api_client_create`; changed or switched off here."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from daotao.api import services
from daotao.api.models import ApiClient
from daotao.core.access import PERMISSIONS
from daotao.core.admin_site import admin_site


class ApiClientForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("quyền được cấp"),
        choices=[(name, name) for name in sorted(PERMISSIONS)],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Chỉ những quyền mà tài khoản đại diện đang có."),
    )

    class Meta:
        model = ApiClient
        fields = ["name", "user", "scopes", "is_active"]

    def clean(self):
        cleaned = super().clean()
        user = cleaned.get("user") or getattr(self.instance, "user", None)
        if user is not None:
            try:
                services.check_scopes(user, cleaned.get("scopes") or [])
            except ValidationError as error:
                self.add_error("scopes", error)
        return cleaned


@admin.register(ApiClient, site=admin_site)
class ApiClientAdmin(admin.ModelAdmin):
    form = ApiClientForm
    list_display = ["name", "user", "token_prefix", "is_active", "last_used_at"]
    list_filter = ["is_active"]
    readonly_fields = ["token_prefix", "last_used_at", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        # The account a client acts as is fixed once its token exists.
        return [*self.readonly_fields, "user"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            services.api_client_update(
                actor=request.user,
                client=obj,
                scopes=data["scopes"],
                is_active=data["is_active"],
            )
            return
        client, token = services.api_client_create(
            actor=request.user,
            name=data["name"],
            user=data["user"],
            scopes=data["scopes"],
        )
        obj.pk = client.pk
        messages.warning(
            request,
            gettext(
                "Mã truy cập của “%(name)s”: %(token)s — hãy sao chép ngay, mã "
                "chỉ hiện một lần này."
            )
            % {"name": client.name, "token": token},
        )
