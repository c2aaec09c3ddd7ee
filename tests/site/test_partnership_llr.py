"""The real site after the partnership moved into data/partnership.yml: the sentences the
engine writes about the partnership are the ones it wrote when they were in the code."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.slow


def test_llr_wording_comes_out_as_before(built_site):
    feed = (built_site / "feeds/amendments.xml").read_text(encoding="utf-8")
    assert "<title>LLR safeguarding children procedures: amendments</title>" in feed
    assert ("<subtitle>New, updated, renamed and removed chapters of the Leicester, Leicestershire and Rutland "
            "safeguarding children procedures manual.</subtitle>") in feed
    assert json.loads((built_site / "feeds/amendments.json").read_text(encoding="utf-8"))["title"] == \
        "LLR safeguarding children procedures: amendments"
    chart = (built_site / "arrangements/structure-and-governance/index.html").read_text(encoding="utf-8")
    assert "Structure chart of the Leicester, Leicestershire and Rutland Safeguarding Children Partnerships:" in chart
    assert '<span class="sp-gov__where">Leicestershire and Rutland</span>' in chart  # a footprint from data
    contacts = (built_site / "manual/local-contacts/index.html").read_text(encoding="utf-8")
    assert "<td>Leicester, Leicestershire and Rutland</td>" in contacts and "<td>Everywhere</td>" in contacts
    briefing = (built_site / "briefings/safer-sleep/index.html").read_text(encoding="utf-8")
    assert "7-Minute Briefing from the Leicester, Leicestershire and Rutland Safeguarding Children Partnerships, published" in briefing
    chair = (built_site / "arrangements/partners-and-chair/index.html").read_text(encoding="utf-8")
    # lead safeguarding partners in the order of data/partners.yml: police, ICB, the three councils
    order = [chair.index(n) for n in ("David Sandall", "Toby Sanders", "Alison Greenhill", "Jane Moore", "Mark Andrews")]
    assert order == sorted(order)
