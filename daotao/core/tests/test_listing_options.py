"""core.listing.options_html: a filter's options written in Python."""

from daotao.core.listing import options_html


def test_options_are_escaped_and_the_chosen_one_selected():
    html = options_html([(1, "K62A"), (12, "<K63>"), (2, "A & B")], 12)

    assert html == (
        '<option value="1">K62A</option>'
        '<option value="12" selected>&lt;K63&gt;</option>'
        '<option value="2">A &amp; B</option>'
    )


def test_nothing_chosen_selects_nothing():
    assert "selected" not in options_html([(1, "K62A")], None)
