"""The offline copy's list of files (procedures/offline/): the practitioners' pages and
what they need; never editor or developer pages, never a draft."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

from procedures import offline


def make_site(root):
    for rel in ("index.html", "404.html", "glossary/index.html", "manual/index.html", "manual/neglect/index.html",
                "manual/a-draft/index.html", "thresholds/index.html", "briefings/safer-sleep/index.html",
                "editors/index.html", "developers/performance/index.html", "amendments/index.html",
                "assets/stylesheets/site.css", "assets/javascripts/search.js", "assets/images/logo.svg",
                "thresholds/indicators.json", "pagefind/pagefind.js"):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rel, encoding="utf-8")
    chapters = [SimpleNamespace(status="published", src_uri="manual/neglect.md"),
                SimpleNamespace(status="draft", src_uri="manual/a-draft.md")]
    return SimpleNamespace(chapters=chapters)


def test_the_list_holds_practitioner_pages_and_their_files_only(tmp_path):
    site = make_site(tmp_path)
    files = offline.offline_files(site, tmp_path)
    assert "manual/neglect/index.html" in files and "briefings/safer-sleep/index.html" in files
    assert "index.html" in files and "glossary/index.html" in files and "thresholds/indicators.json" in files
    assert "assets/stylesheets/site.css" in files and "assets/images/logo.svg" in files
    assert "manual/a-draft/index.html" not in files
    assert not [f for f in files if f.startswith(("editors/", "developers/", "amendments/", "pagefind/"))]


def test_the_worker_carries_the_list_and_a_version_that_follows_the_content(tmp_path):
    site = make_site(tmp_path)
    config = SimpleNamespace(site_name="LLR", site_description="Procedures")
    offline.write_offline(site, tmp_path, config)

    def data():
        text = (tmp_path / offline.SW_FILE).read_text(encoding="utf-8")
        return json.loads(re.search(r"self\.OFFLINE = (.*?);\n", text).group(1))

    first = data()
    assert "manual/" in first["core"] and "manual/neglect/" in first["rest"]
    assert first["never"] == ["editors/", "developers/"]
    assert json.loads((tmp_path / offline.MANIFEST_FILE).read_text())["name"] == "LLR"
    offline.write_offline(site, tmp_path, config)
    assert data()["version"] == first["version"]  # same content, same version
    (tmp_path / "manual/neglect/index.html").write_text("changed", encoding="utf-8")
    offline.write_offline(site, tmp_path, config)
    assert data()["version"] != first["version"]
