"""`{% url %}` (core/templatetags/routes.py, a template builtin) writes every
link exactly as Django's reverse does, reversing each route's shape once."""

import re

import pytest
from django.template import engines
from django.urls import NoReverseMatch, reverse

from daotao.core.templatetags import routes
from daotao.tests.urlwalk import walk

INT_PARAM = re.compile(r"<int:(\w+)>")


def _render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


def _int_routes():
    """Every named route whose parameters are all integers, with their names."""
    for route in walk():
        if not route.name:
            continue
        names = INT_PARAM.findall(route.route)
        if "<" in INT_PARAM.sub("", route.route):
            continue  # a text or regex parameter: Django's own tag writes it
        yield route.qualified_name, names


@pytest.mark.parametrize("values", [(1, 2, 3), (7, 40_213, 0), (123456, 9, 88)])
def test_every_integer_route_is_written_as_django_reverses_it(values):
    routes._shapes.clear()
    checked = 0
    for name, params in _int_routes():
        kwargs = dict(zip(params, values, strict=False))
        try:
            expected = reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue  # the same name defined twice with other parameters
        by_kwargs = _render(
            "{% url name " + " ".join(f"{p}=v.{p}" for p in params) + " %}",
            name=name,
            v=kwargs,
        )
        by_args = _render(
            "{% url name " + " ".join(f"v.{p}" for p in params) + " %}",
            name=name,
            v=kwargs,
        )
        assert (by_kwargs, by_args) == (expected, expected), name
        # and again with other ids, from the kept shape
        others = {p: v + 11 for p, v in kwargs.items()}
        again = _render(
            "{% url name " + " ".join(f"v.{p}" for p in params) + " %}",
            name=name,
            v=others,
        )
        assert again == reverse(name, kwargs=others), name
        checked += 1
    assert checked > 150
    assert any(key[0] == "enrolment:class-detail" for key in routes._shapes)


def test_a_kept_shape_serves_other_ids_and_the_as_form():
    routes._shapes.clear()
    source = (
        "{% for i in ids %}{% url 'enrolment:class-detail' i %};{% endfor %}"
        "{% url 'enrolment:class-detail' 42 as link %}[{{ link }}]"
    )

    out = _render(source, ids=[1, 20, 300])

    assert out == (
        f"{reverse('enrolment:class-detail', args=[1])};"
        f"{reverse('enrolment:class-detail', args=[20])};"
        f"{reverse('enrolment:class-detail', args=[300])};"
        f"[{reverse('enrolment:class-detail', args=[42])}]"
    )
    kept = [key for key in routes._shapes if key[0] == "enrolment:class-detail"]
    assert len(kept) == 1


@pytest.mark.parametrize("value", ["K63A", -1, True, None])
def test_text_negative_or_odd_arguments_go_through_djangos_own_tag(value):
    """A text argument is reversed by Django (here it fails as Django's tag
    fails); nothing is kept for it."""
    routes._shapes.clear()
    with pytest.raises(NoReverseMatch):
        _render("{% url 'enrolment:class-detail' v %}", v=value)
    assert routes._shapes == {}
    assert (
        _render("{% url 'enrolment:class-detail' v as link %}[{{ link }}]", v=value)
        == "[]"
    )


def test_escaping_follows_autoescape():
    routes._shapes.clear()
    expected = reverse("reports:dashboard")
    assert _render("{% url 'reports:dashboard' %}") == expected
    assert (
        _render("{% autoescape off %}{% url 'reports:dashboard' %}{% endautoescape %}")
        == expected
    )
