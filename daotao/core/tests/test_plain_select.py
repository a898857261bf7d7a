"""`PlainSelect` writes the same HTML as Django's template-rendered Select."""

from django import forms
from django.test.html import parse_html

from daotao.core.forms import PlainSelect

CHOICES = [
    ("", "— Chưa phân công —"),
    (1, "Nguyễn Văn An"),
    (2, 'Lê "Bình" <Cường> & Co'),
    ("Khoa", [(3, "Trần Thị Dung"), (4, "Phạm Văn Em")]),
]


def _both(value, attrs):
    ours = PlainSelect(choices=CHOICES).render("lecturer", value, attrs)
    django = forms.Select(choices=CHOICES).render("lecturer", value, attrs)
    return parse_html(ours), parse_html(django)


def test_options_groups_and_escaping_are_djangos():
    ours, django = _both(2, {"id": "id_lecturer", "required": True})
    assert ours == django
    raw = PlainSelect(choices=CHOICES).render("lecturer", 2, {"id": "id_lecturer"})
    assert '<option value="2" selected>' in raw
    assert "Lê &quot;Bình&quot; &lt;Cường&gt; &amp; Co" in raw


def test_nothing_selected_and_a_selected_option_in_a_group():
    assert _both(None, {"id": "x"})[0] == _both(None, {"id": "x"})[1]
    ours, django = _both(4, {"disabled": False})
    assert ours == django
    assert "optgroup" in str(ours)
