"""Editor furniture only where it belongs: the edit address and the staff navigation."""

from __future__ import annotations

from types import SimpleNamespace

from mkdocs.structure.nav import Navigation, Section

from procedures import audiences


def test_placeholder_edit_addresses_are_not_edit_links():
    assert audiences.real_edit_uri(None) is None
    assert audiences.real_edit_uri("") is None
    assert audiences.real_edit_uri("https://git.example.org/llr-procedures/edit/main/docs/") is None
    assert audiences.real_edit_uri("https://example.com/edit/docs/") is None
    assert audiences.real_edit_uri("https://github.com/llr/procedures/edit/main/docs/") == \
        "https://github.com/llr/procedures/edit/main/docs/"
    # a look-alike host is a real address
    assert audiences.real_edit_uri("https://notexample.org/edit/") == "https://notexample.org/edit/"


def test_on_config_drops_a_placeholder_and_keeps_a_real_address():
    config = {"edit_uri": "https://git.example.org/x/edit/main/docs/", "edit_uri_template": None}
    audiences.on_config(None, config)
    assert config["edit_uri"] is None
    config = {"edit_uri": "https://git.llr.example-host.uk/edit/docs/", "edit_uri_template": None}
    audiences.on_config(None, config)
    assert config["edit_uri"] == "https://git.llr.example-host.uk/edit/docs/"


class FakePage:
    is_page = True
    is_homepage = False

    def __init__(self, src: str):
        self.file = SimpleNamespace(src_uri=src)
        self.title = src
        self.parent = None
        self.children = None
        self.previous_page = self.next_page = None


def test_split_moves_staff_sections_out_and_relinks_previous_and_next():
    home, glossary = FakePage("index.md"), FakePage("glossary.md")
    ed1, ed2, dev = FakePage("editors/index.md"), FakePage("editors/preview.md"), FakePage("developers/performance.md")
    access = FakePage("accessibility.md")
    home.is_homepage = True
    editors, developers = Section("For editors", [ed1, ed2]), Section("For developers", [dev])
    pages = [home, glossary, ed1, ed2, dev, access]
    for a, b in zip(pages, pages[1:], strict=False):
        a.next_page, b.previous_page = b, a
    nav = Navigation([home, glossary, editors, developers, access], pages)
    staff = audiences.split(nav)
    assert nav.items == [home, glossary, access]
    assert nav.pages == [home, glossary, access]
    assert glossary.next_page is access and access.previous_page is glossary
    assert staff.items == [editors, developers] and staff.pages == [ed1, ed2, dev]
    assert ed1.previous_page is None and ed2.next_page is dev and dev.next_page is None
    assert staff.homepage is home
    assert audiences.split(nav) is None  # nothing left to move
