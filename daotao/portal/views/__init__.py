"""Pages of the public site, one module per area: public (what visitors read) and
editor (articles, pages, banners and documents from draft to published)."""
