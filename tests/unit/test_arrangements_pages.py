"""Page functions of the arrangements: the governance chart's layout, escaping, the
one-page version's ids and links, and the PDF's registration."""

from __future__ import annotations

import re

import pytest

from procedures.arrangements import document, governance, pages
from procedures.arrangements.anchors import headings
from procedures.core.site import load_site
from tests.conftest import REPO
from tests.helpers import edit


@pytest.fixture(scope="module")
def site():
    return load_site(REPO)


def test_chart_tiers_follow_reports_to(site):
    tiers, side = governance.nodes(site)
    keys = [[n.group.key for n in t] for t in tiers]
    assert keys[0] == ["lead-safeguarding-partners"]
    assert keys[1] == ["meeting-of-safeguarding-partners"]
    assert keys[2] == ["lrscp", "lscp"]
    assert keys[3] == ["planning-and-delivery-group"]
    assert set(keys[4]) == {"lrscp-case-review-group", "lscp-case-review-group", "policy-and-procedures-group",
                            "performance-group", "audit-group", "learning-and-development-group", "education-group",
                            "vcs-forum", "communication-and-engagement-group"}
    assert keys[5] == ["operational-group"] and tiers[5][0].dotted  # a dotted line, below the Performance Group
    assert [n.group.key for n in side] == ["independent-scrutiny"]


def test_every_group_appears_once_in_the_chart_and_its_table(site):
    html = pages.macros(site)["arrangements_governance_chart"]()
    for g in site.data["governance"].groups:
        assert html.count(f'<th scope="row"><a href="#{g.key}">{g.name}</a></th>') == 1
    assert html.count('class="sp-gov__box') == len(site.data["governance"].groups)


def test_text_from_data_is_escaped(project_copy):
    edit(project_copy, "data/governance.yml", "    name: LLR Audit Group\n", "    name: LLR Audit <b>Group</b> *one*\n")
    edit(project_copy, "data/partners.yml", "      name: Kevin Quinn\n", "      name: Kevin <i>Quinn</i>\n")
    site = load_site(project_copy)
    fns = pages.macros(site)
    chart = fns["arrangements_governance_chart"]()
    assert "LLR Audit &lt;b&gt;Group&lt;/b&gt; *one*" in chart and "<b>Group</b>" not in chart
    groups_md = fns["arrangements_groups"]()
    assert r"### LLR Audit &lt;b&gt;Group&lt;/b&gt; \*one\* { #audit-group }" in groups_md
    rotation_html = fns["arrangements_rotation"]()
    assert "Rutland DSP, Kevin &lt;i&gt;Quinn&lt;/i&gt;" in rotation_html and "<i>" not in rotation_html
    chair = fns["arrangements_current_chair"]()
    assert "<i>" not in chair  # the JSON for the browser is an escaped attribute, not markup


def test_one_page_version_namespaces_ids_and_keeps_links_inside(site):
    md = document.markdown(site)
    sections = site.data["arrangements"].sections
    for name in sections:
        assert f"{{ #section-{name.removesuffix('.md')} }}" in md
    ids = [h[3] for h in headings(md)]
    assert len(ids) == len(set(ids)), "every heading id in the one-page version is unique"
    # links between sections point inside the page, at ids that exist there
    for target in re.findall(r"\]\(#([\w-]+)\)", md):
        assert target in ids, target
    assert "](partners-and-chair.md" not in md and "](structure-and-governance.md" not in md
    # links out of the arrangements (to the manual) are left for MkDocs to resolve
    assert "](../manual/information-sharing.md)" in md
    # every macro line was run: no template syntax is left
    assert "{{" not in md


def test_one_page_version_shifts_headings_down(site):
    md = document.markdown(site)
    assert md.startswith("# Working Together to Keep Children Safe\n")
    assert [line for line in md.splitlines() if line.startswith("# ")] == ["# Working Together to Keep Children Safe"]
    assert "## 4. Safeguarding partners, delegates and partnership chair { #section-partners-and-chair }" in md
    assert "#### LLR Audit Group { #structure-and-governance--audit-group }" in md


def test_pdf_is_registered_from_the_one_page_version(site):
    docs = pages.pdf_documents(site)
    assert len(docs) == 1
    assert docs[0].page_path == "arrangements/document/"
    assert docs[0].out == "arrangements/arrangements.pdf"
    assert docs[0].title == site.data["arrangements"].pdf.title


def test_nav_follows_the_document_order(site):
    entries = pages.nav_entries(site)
    assert [list(e.values())[0] for e in entries] == [f"arrangements/{n}" for n in site.data["arrangements"].sections]
    assert list(entries[4]) == ["4. Safeguarding partners, delegates and partnership chair"]
