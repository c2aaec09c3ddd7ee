"""procedures.core.linkcheck on a small built site: what resolves, and each way a link breaks."""

from __future__ import annotations

from pathlib import Path

from procedures.core.linkcheck import check_site, main

SITE_URL = "https://procedures.example.org/"


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def good_site(root: Path) -> Path:
    write(root, "index.html", '<h1 id="top-heading">Home</h1><a href="manual/">Manual</a>'
          '<a href="manual/a/#scope">Scope</a><a href="#top-heading">Up</a><a href="#">Nowhere</a>'
          '<a href="https://www.gov.uk/">GOV.UK</a><a href="mailto:x@example.org">Mail</a><a href="tel:999">999</a>'
          '<link rel="stylesheet" href="assets/site.css"><img src="assets/logo.svg" alt="">')
    write(root, "manual/index.html", '<a href="a/">A</a><a href="../">Home</a><a href="/manual/a/">A absolute</a>')
    write(root, "manual/a/index.html", '<h2 id="scope">Scope</h2><a name="old-anchor"></a><a href="#old-anchor">x</a>')
    write(root, "404.html", '<a href="/manual/">Contents</a><a href="/">Home</a>')
    write(root, "old/index.html", '<meta http-equiv="refresh" content="0; url=../manual/a/"><a href="../manual/a/">moved</a>')
    write(root, "assets/site.css", "body{}")
    write(root, "assets/logo.svg", "<svg/>")
    write(root, "feeds/updates.xml", f'<feed><link href="{SITE_URL}manual/a/"/><id>urn:uuid:1</id>'
          f'<entry><id>{SITE_URL}amendments/#an-identifier-not-a-link</id><link href="{SITE_URL}manual/"/></entry></feed>')
    write(root, "feeds/updates.json", f'{{"home_page_url": "{SITE_URL}", "items": [{{"url": "{SITE_URL}manual/a/#scope"}}]}}')
    write(root, "sitemap.xml", f"<urlset><url><loc>{SITE_URL}manual/a/</loc></url></urlset>")
    return root


def test_a_good_site_has_no_broken_links(tmp_path):
    assert check_site(good_site(tmp_path), SITE_URL) == []


def test_each_kind_of_broken_link_is_reported_with_file_and_line(tmp_path):
    root = good_site(tmp_path)
    write(root, "manual/b/index.html", '<p>x</p>\n<a href="../c/">C</a>\n<a href="../a/#nope">bad anchor</a>\n'
          '<img src="../../assets/missing.png" alt="">\n<a href="#gone">here</a>')
    write(root, "old2/index.html", '<meta http-equiv="refresh" content="0; url=../manual/zzz/">')
    write(root, "feeds/more.xml", f'<feed>\n<link href="{SITE_URL}manual/removed/"/></feed>')
    broken = [str(b) for b in check_site(root, SITE_URL)]
    assert broken == [
        "feeds/more.xml:2: broken link 'https://procedures.example.org/manual/removed/' — no file 'manual/removed/' in the built site",
        "manual/b/index.html:2: broken link '../c/' — no file 'manual/c/' in the built site",
        "manual/b/index.html:3: broken link '../a/#nope' — no element with id 'nope' on manual/a/index.html",
        "manual/b/index.html:4: broken link '../../assets/missing.png' — no file 'assets/missing.png' in the built site",
        "manual/b/index.html:5: broken link '#gone' — no element with id 'gone' on manual/b/index.html",
        "old2/index.html:1: broken link '../manual/zzz/' — no file 'manual/zzz/' in the built site",
    ]


def test_a_site_under_a_sub_path(tmp_path):
    write(tmp_path, "index.html", '<a href="/llr/manual/">ok</a><a href="/elsewhere/">other site on the host</a>')
    write(tmp_path, "manual/index.html", "<p>m</p>")
    assert check_site(tmp_path, "https://example.org/llr/") == []
    write(tmp_path, "x.html", '<a href="/llr/missing/">bad</a>')
    assert [b.url for b in check_site(tmp_path, "https://example.org/llr/")] == ["/llr/missing/"]


def test_command_line_exit_codes(tmp_path, capsys):
    root = good_site(tmp_path)
    assert main([str(root), "--site-url", SITE_URL]) == 0
    assert "All internal links and fragments resolve" in capsys.readouterr().out
    write(root, "manual/index.html", '<a href="zzz/">broken</a>')
    assert main([str(root), "--site-url", SITE_URL]) == 1
    assert "manual/index.html:1: broken link 'zzz/'" in capsys.readouterr().err
