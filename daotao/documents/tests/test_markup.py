from daotao.documents.markup import parse_body


def test_headings_lists_articles_and_paragraphs():
    text = (
        "I. MỤC ĐÍCH\n1. Mục đích\nNâng cao chất lượng.\n- Một\n- Hai\n\n"
        "2.1. Chi tiết\nĐiều 3. Thi hành.\n---\nHết."
    )
    assert parse_body(text) == [
        {"kind": "heading", "level": 1, "text": "I. MỤC ĐÍCH"},
        {"kind": "heading", "level": 2, "text": "1. Mục đích"},
        {"kind": "paragraph", "text": "Nâng cao chất lượng."},
        {"kind": "list", "items": ["Một", "Hai"]},
        {"kind": "heading", "level": 3, "text": "2.1. Chi tiết"},
        {"kind": "article", "number": 3, "text": "Thi hành."},
        {"kind": "page_break"},
        {"kind": "paragraph", "text": "Hết."},
    ]


def test_numbered_headings_without_roman_start_at_level_one():
    assert parse_body("1. Một\n1.1. Một một\n1.1.1. Sâu\n1.1.1.1. Sâu hơn") == [
        {"kind": "heading", "level": 1, "text": "1. Một"},
        {"kind": "heading", "level": 2, "text": "1.1. Một một"},
        {"kind": "heading", "level": 3, "text": "1.1.1. Sâu"},
        {"kind": "heading", "level": 3, "text": "1.1.1.1. Sâu hơn"},
    ]
