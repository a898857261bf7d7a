"""Forms parse input; the person services validate it as a whole and save it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from daotao.core.forms import DATE_FORMATS, DATE_INPUT
from daotao.core.text import format_date
from daotao.org.models import Agency, EducationLevel, Ethnicity, Religion, TheoryLevel
from daotao.people.models import Sex
from daotao.people.services import PersonData


def person_label(person: Any) -> str:
    """A person as a picker lists them: the name, then what tells two namesakes
    apart, the date of birth and the agency (load `agency` with the person)."""
    parts = [person.full_name]
    if person.date_of_birth:
        parts.append(format_date(person.date_of_birth))
    if person.agency_id:
        parts.append(person.agency.name)
    return " — ".join(parts)


class PersonChoiceField(forms.ModelChoiceField):
    """A choice of person labelled by `person_label`."""

    def label_from_instance(self, obj: Any) -> str:
        return person_label(obj)


# Typed as dd/mm/yyyy whatever the browser's locale (a date picker follows the
# operating system and shows mm/dd/yyyy on an English Windows).


class PersonFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False)
    # A plain id: the list page renders the options itself (200 agencies through the
    # widget templates cost more than the query), and the selector's scope still
    # applies to whatever id comes in.
    agency = forms.IntegerField(label=_("Cơ quan"), required=False, min_value=1)
    sex = forms.ChoiceField(
        label=_("Giới tính"),
        choices=[("", _("Tất cả")), *Sex.choices],
        required=False,
    )


class PersonForm(forms.Form):
    family_name = forms.CharField(label=_("Họ"), max_length=50)
    middle_name = forms.CharField(label=_("Tên đệm"), max_length=80, required=False)
    given_name = forms.CharField(label=_("Tên"), max_length=50)
    sex = forms.ChoiceField(label=_("Giới tính"), choices=Sex.choices)
    date_of_birth = forms.DateField(
        label=_("Ngày sinh"),
        required=False,
        widget=DATE_INPUT,
        input_formats=DATE_FORMATS,
    )
    place_of_birth = forms.CharField(
        label=_("Nơi sinh"), max_length=255, required=False
    )
    birthplace = forms.CharField(label=_("Quê quán"), max_length=255, required=False)
    ethnicity = forms.ModelChoiceField(
        label=_("Dân tộc"), queryset=Ethnicity.objects.all(), required=False
    )
    religion = forms.ModelChoiceField(
        label=_("Tôn giáo"), queryset=Religion.objects.all(), required=False
    )
    citizen_id = forms.CharField(
        label=_("Số CCCD"),
        max_length=20,
        required=False,
        help_text=_("12 chữ số, đối chiếu với ngày sinh và giới tính."),
    )
    phone = forms.CharField(
        label=_("Điện thoại di động"),
        max_length=20,
        required=False,
        help_text=_("10 chữ số; số 11 chữ số cũ được tự đổi sang số mới."),
    )
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    party_joined_on = forms.DateField(
        label=_("Ngày vào Đảng"),
        required=False,
        widget=DATE_INPUT,
        input_formats=DATE_FORMATS,
    )
    party_official_on = forms.DateField(
        label=_("Ngày chính thức"),
        required=False,
        widget=DATE_INPUT,
        input_formats=DATE_FORMATS,
    )
    education_level = forms.ModelChoiceField(
        label=_("Trình độ chuyên môn"),
        queryset=EducationLevel.objects.all(),
        required=False,
    )
    theory_level = forms.ModelChoiceField(
        label=_("Trình độ lý luận chính trị"),
        queryset=TheoryLevel.objects.all(),
        required=False,
    )
    current_post = forms.CharField(
        label=_("Chức vụ hiện nay"), max_length=255, required=False
    )
    agency = forms.ModelChoiceField(
        label=_("Cơ quan công tác"), queryset=Agency.objects.none(), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies

    def to_data(self) -> PersonData:
        data = self.cleaned_data
        return PersonData(
            family_name=data["family_name"],
            middle_name=data["middle_name"],
            given_name=data["given_name"],
            sex=data["sex"],
            date_of_birth=data["date_of_birth"],
            birthplace=data["birthplace"],
            place_of_birth=data["place_of_birth"],
            ethnicity_id=_pk(data["ethnicity"]),
            religion_id=_pk(data["religion"]),
            citizen_id=data["citizen_id"],
            phone=data["phone"],
            email=data["email"],
            party_joined_on=data["party_joined_on"],
            party_official_on=data["party_official_on"],
            education_level_id=_pk(data["education_level"]),
            theory_level_id=_pk(data["theory_level"]),
            current_post=data["current_post"],
            agency_id=_pk(data["agency"]),
        )


def _pk(instance: Any) -> int | None:
    return instance.pk if instance is not None else None


def initial_from_person(person: Any) -> dict[str, Any]:
    names = [
        "family_name",
        "middle_name",
        "given_name",
        "sex",
        "date_of_birth",
        "birthplace",
        "place_of_birth",
        "citizen_id",
        "phone",
        "email",
        "party_joined_on",
        "party_official_on",
        "current_post",
        "version",
    ]
    initial = {name: getattr(person, name) for name in names}
    for name in ("ethnicity", "religion", "education_level", "theory_level", "agency"):
        initial[name] = getattr(person, f"{name}_id")
    return initial
