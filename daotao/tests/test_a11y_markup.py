"""Issue 22's markup, checked without a browser: the fixes live in the shared
templates (base, the field partial, the list tables), so every page inherits them."""

import re
from collections import Counter

from django import forms
from django.template.loader import render_to_string
from django.urls import reverse

from daotao.core.access import Role
from daotao.people.tests.factories import PersonFactory
from daotao.research.tests.conference_fixtures import make_conference


class _Sample(forms.Form):
    name = forms.CharField(label="Tên", help_text="Như trên giấy tờ.")
    code = forms.CharField(label="Mã")


def _ids(html: str) -> Counter:
    return Counter(re.findall(r'\sid="([^"]+)"', html))


def test_the_field_partial_gives_the_ids_that_aria_describedby_names():
    form = _Sample(data={"name": "", "code": ""})
    assert not form.is_valid()
    html = "".join(
        render_to_string("partials/field.html", {"field": field}) for field in form
    )
    named = [
        target
        for value in re.findall(r'aria-describedby="([^"]+)"', html)
        for target in value.split()
    ]
    assert named == ["id_name_helptext", "id_name_error", "id_code_error"]
    assert set(named) <= set(_ids(html))
    assert html.count('aria-invalid="true"') == 2


def test_the_cell_partial_labels_a_grids_field_and_ties_its_error():
    """A field in a table cell (the paper's authors, a rule set's ranges): a label
    for screen readers naming the row, and the error's id that aria-describedby
    names."""
    form = _Sample(data={"name": "", "code": "A1"})
    assert not form.is_valid()
    html = render_to_string("partials/cell.html", {"field": form["name"], "row": 2})
    assert '<label class="visually-hidden" for="id_name">Tên — 2</label>' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert {"id_name_helptext", "id_name_error"} <= set(_ids(html))
    assert '<div id="id_name_error"><p class="error">' in html
    assert 'aria-invalid="true"' in html
    labelled = render_to_string(
        "partials/cell.html", {"field": form["code"], "labelled": True}
    )
    assert "<label" not in labelled and 'id="id_code"' in labelled


def test_the_staff_pages_have_a_skip_link_a_menu_button_and_sort_states(
    client, make_user, school
):
    PersonFactory.create_batch(2, school=school)
    client.force_login(make_user(Role.TRAINING_OFFICE))
    html = client.get(reverse("people:person-list") + "?sort=-name").content.decode()
    assert '<a class="skip" href="#main">' in html
    assert '<main id="main" tabindex="-1">' in html
    assert re.search(
        r'<button type="button" class="nav-toggle" aria-expanded="false" '
        r'aria-controls="mainnav" hidden>',
        html,
    )
    assert 'id="mainnav"' in html
    assert 'type="checkbox" id="nav-toggle"' not in html  # the old, Tab-skipped toggle
    assert "core/a11y.js" in html and "core/nav.js" in html
    assert '<th aria-sort="descending"><a' in html
    assert html.count("aria-sort=") == 1
    caption = "Danh sách cán bộ, học viên"
    assert f'<caption class="visually-hidden">{caption}</caption>' in html


def test_the_conference_pages_forms_do_not_share_ids(client, make_user, school):
    conference = make_conference(school)
    client.force_login(make_user(Role.RESEARCH_OFFICE))
    html = client.get(
        reverse("research:conference-detail", args=[conference.pk])
    ).content.decode()
    repeated = {name: count for name, count in _ids(html).items() if count > 1}
    assert repeated == {}
    for prefix in ("part", "theme", "delegation"):
        assert f'<label for="{prefix}_name">' in html
        assert f'id="{prefix}_name"' in html
    assert 'id="speech_speaker"' in html


def test_a_failed_add_on_the_conference_page_names_its_own_field(
    client, make_user, school
):
    conference = make_conference(school)
    client.force_login(make_user(Role.RESEARCH_OFFICE))
    response = client.post(
        reverse("research:theme-add", args=[conference.pk]), {"name": ""}
    )
    html = response.content.decode()
    assert conference.themes.count() == 0
    assert 'href="#theme_name"' in html
    assert 'id="theme_name_error"' in html
    assert re.search(r'id="theme_name"[^>]*aria-invalid="true"', html) or re.search(
        r'aria-invalid="true"[^>]*id="theme_name"', html
    )
