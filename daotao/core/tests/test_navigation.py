"""The main menu's groups: one drop-down per group, a lone entry stands alone."""

import pytest

from daotao.core.access import Role
from daotao.core.navigation import GROUPS, MENU, menu_for, menu_groups


def _item(label, group, current=False):
    return {"label": label, "url": f"/{label}/", "is_current": current, "group": group}


def test_groups_keep_the_order_of_their_first_entry():
    items = [
        _item("Tổng quan", None),
        _item("Cán bộ", "Cán bộ, giảng viên"),
        _item("Kế hoạch", "Đào tạo", current=True),
        _item("Giảng viên", "Cán bộ, giảng viên"),
        _item("Tuyển sinh", "Đào tạo"),
    ]
    entries = menu_groups(items)
    assert [(e["label"], [i["label"] for i in e["items"]]) for e in entries] == [
        (None, ["Tổng quan"]),
        ("Cán bộ, giảng viên", ["Cán bộ", "Giảng viên"]),
        ("Đào tạo", ["Kế hoạch", "Tuyển sinh"]),
    ]
    assert [e["is_current"] for e in entries] == [False, False, True]


def test_a_group_with_one_visible_entry_shows_the_entry_alone():
    entries = menu_groups([_item("Điểm của tôi", "Của tôi"), _item("Văn bản đi", None)])
    assert [(e["label"], e["items"][0]["label"]) for e in entries] == [
        (None, "Điểm của tôi"),
        (None, "Văn bản đi"),
    ]


def test_every_grouped_url_name_is_in_the_menu():
    assert set(GROUPS) <= {item.url_name for item in MENU}


@pytest.mark.django_db
def test_the_training_office_sees_the_training_group_as_a_drop_down(client, make_user):
    user = make_user(Role.TRAINING_OFFICE)
    client.force_login(user)
    page = client.get(menu_for(user)[0]["url"]).content.decode()
    assert '<details class="navgroup"><summary>Đào tạo</summary>' in page
    assert "Đào tạo" in {str(e["label"]) for e in menu_groups(menu_for(user))}
