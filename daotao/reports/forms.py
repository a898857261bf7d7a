"""The form of the school's identity page."""

from __future__ import annotations

from django import forms

from daotao.org import services as org
from daotao.org.models import School


class SchoolIdentityForm(forms.ModelForm):
    website = forms.URLField(
        label=School._meta.get_field("website").verbose_name,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = School
        fields = org.SCHOOL_IDENTITY_FIELDS
