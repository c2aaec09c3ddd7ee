"""Contacts, statutory timescales and the at-a-glance box (issue 15): the models refuse
every bad input with one line naming the file, the line and the fix; ``procedures
check`` finds unknown keys in page text and in at-a-glance blocks without building;
the page functions render numbers as tel: links with their source, escape every text
and never call a route with a number "to be confirmed"."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from procedures.at_a_glance import render as render_glance
from procedures.contacts import UnknownContact, provenance
from procedures.contacts import macros as contact_macros
from procedures.contacts.models import Contact
from procedures.core.site import load_site
from procedures.manual.chapters import chapter_for
from procedures.timescales import UnknownTimescale
from procedures.timescales import macros as timescale_macros
from procedures.timescales.models import Timescale
from tests.helpers import edit, errors, line_of, problems

CH = "docs/manual/neglect.md"
CONF = "docs/manual/child-protection-conferences.md"
TODAY = date(2026, 12, 6)

BASE = {
    "key": "lado-test", "name": "Test LADO", "area": "leicester", "purpose": "Allegations.",
    "phone": "0116 000 0000", "source": "https://www.example.gov.uk/lado", "source_kind": "public",
    "checked_on": "2026-12-06",
}

# a contact with no number from any source: what the reader should do instead
NO_NUMBER = """
  - key: lado-nonumber
    name: Test area LADO
    area: rutland
    purpose: Allegations against people who work with children in the test area.
    source: partnership
    source_kind: partnership
    checked_on: 2026-12-06
    unconfirmed: Ask your agency's designated safeguarding lead to contact the LADO.
"""

# a route with day and out-of-hours numbers, read from a (made-up) public page
WITH_NUMBERS = """
  - key: fixture-duty
    name: Fixture Children's Duty Team
    area: rutland
    purpose: A made-up route that only the tests use.
    phone: "01234 567 890"
    out_of_hours: "01234 000 111"
    hours: Monday to Friday, 9am to 5pm
    source: https://www.example.gov.uk/report-a-concern
    source_kind: public
    organisation: Example Council
    checked_on: 2026-12-06
"""


def contact(**changes) -> Contact:
    data = {**BASE, **changes}
    return Contact.model_validate({k: v for k, v in data.items() if v is not None})


def append(project, rel: str, text: str) -> None:
    path = project / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def set_glance(project, rel: str, block: str) -> None:
    """Replace the chapter's at_a_glance block (whatever it holds) with ``block``."""
    lines = (project / rel).read_text(encoding="utf-8").split("\n")
    start = lines.index("at_a_glance:")
    end = start + 1
    while lines[end].startswith((" ", "\t")):
        end += 1
    lines[start:end] = block.rstrip("\n").split("\n")
    (project / rel).write_text("\n".join(lines), encoding="utf-8")


def first_contact_line(project, field: str) -> tuple[int, str, str]:
    """(line, text, contact key) of the first ``    <field>:`` line in data/contacts.yml."""
    key = None
    for i, text in enumerate((project / "data/contacts.yml").read_text(encoding="utf-8").splitlines(), 1):
        if text.startswith("  - key: "):
            key = text.split(":", 1)[1].strip()
        if text.startswith(f"    {field}: "):
            return i, text, key
    raise AssertionError(f"test setup: no {field} in data/contacts.yml")


def body_line(project, rel: str, after: str, text: str) -> int:
    """Insert ``text`` as a paragraph after the line holding ``after``; return its line."""
    edit(project, rel, after, after + "\n\n" + text + "\n")
    return line_of(project, rel, text)


# --- the contact model ------------------------------------------------------------------

def test_a_good_public_contact_is_accepted():
    c = contact()
    assert c.has_route and c.unconfirmed is None


@pytest.mark.parametrize("changes, message", [
    ({"source": None}, "source"),
    ({"source_kind": None}, "source_kind"),
    ({"checked_on": None}, "checked_on"),
    ({"source_kind": "website"}, "source_kind"),
    ({"checked_on": "06/12/2026"}, "checked_on"),
    ({"phone": "0116-000-0000"}, "digits and spaces only"),
    ({"web": "www.example.gov.uk"}, "'web' must be a web address"),
    ({"source": "the council's website"}, "needs 'source:' to be the address"),
    ({"phone": None}, "add 'unconfirmed:' saying what the reader should do instead"),
    ({"unconfirmed": "Ask your safeguarding lead."}, "has a phone number, so it is not unconfirmed"),
    ({"verified_on": "2026-12-06"}, "verified_on"),  # the old key is refused, not ignored
])
def test_bad_contacts_are_refused(changes, message):
    with pytest.raises(ValidationError) as info:
        contact(**changes)
    assert message in str(info.value)


def test_a_route_without_a_number_but_with_a_web_page_or_email_is_accepted():
    assert contact(phone=None, web="https://www.example.gov.uk/lado").has_route
    assert contact(phone=None, email="lado@example.gov.uk").has_route
    c = contact(phone=None, unconfirmed="Ask your designated safeguarding lead.")
    assert not c.has_route


@pytest.mark.parametrize("kind, source, expected", [
    ("public", "https://www.example.gov.uk/lado", "From example.gov.uk, checked 6 December 2026"),
    ("national", "NSPCC", "National service, checked 6 December 2026"),
    ("partnership", "partnership", "Confirmed by the partnership, checked 6 December 2026"),
])
def test_provenance_says_where_the_number_came_from(kind, source, expected):
    assert provenance(contact(source_kind=kind, source=source)) == expected
    assert provenance(contact(organisation="Example Council")) == "From Example Council's website, checked 6 December 2026"


# --- the timescale model ----------------------------------------------------------------

TS = {"key": "icpc", "what": "Initial conference held",
      "phrase": "within 15 working days of the strategy discussion at which section 47 enquiries were started",
      "amount": 15, "unit": "working days", "source": "Working Together to Safeguard Children 2023", "ref": "Chapter 3"}


def test_good_timescales_are_accepted():
    Timescale.model_validate(TS)
    Timescale.model_validate({**TS, "phrase": "within one working day of the referral", "amount": 1})
    Timescale.model_validate({**TS, "phrase": "at least 6 weeks and no more than 13 weeks before", "amount": "6 to 13", "unit": "weeks"})
    Timescale.model_validate({**TS, "phrase": "immediately, where the arrangement is to begin within 6 weeks", "amount": 0, "unit": "days"})


@pytest.mark.parametrize("changes, message", [
    ({"phrase": "within 10 working days of the strategy discussion"}, "the phrase does not state the amount 15"),
    ({"phrase": "within 150 working days"}, "the phrase does not state the amount 15"),
    ({"amount": "6 to 13", "phrase": "at least six weeks before"}, "the phrase does not state the amount 6 to 13"),
    ({"amount": 0}, "amount 0 means 'immediately'"),
    ({"amount": -1}, "amount"),
    ({"unit": "fortnights"}, "unit"),
    ({"source": None}, "source"),
    ({"ref": None}, "ref"),
    ({"what": ""}, "what"),
])
def test_bad_timescales_are_refused(changes, message):
    data = {k: v for k, v in {**TS, **changes}.items() if v is not None}
    with pytest.raises(ValidationError) as info:
        Timescale.model_validate(data)
    assert message in str(info.value)


def test_the_real_timescales_file_has_every_key_the_chapters_use():
    from tests.conftest import REPO

    site = load_site(REPO)
    assert site.data["timescales"] is not None
    keys = {t.key for t in site.data["timescales"].timescales}
    used = {k for ch in site.chapters if ch.meta.at_a_glance for k in ch.meta.at_a_glance.by_when}
    assert used and used <= keys


# --- procedures check: data file lines ----------------------------------------------------

def test_missing_source_is_reported_on_the_contacts_line(project_copy):
    _, text, key = first_contact_line(project_copy, "source")
    edit(project_copy, "data/contacts.yml", text + "\n", "")
    line = line_of(project_copy, "data/contacts.yml", f"  - key: {key}")
    assert f"data/contacts.yml:{line}: 'source' is required but missing — add 'source:' with a value" in errors(project_copy)


def test_a_timescale_whose_phrase_disagrees_with_its_amount_is_reported(project_copy):
    edit(project_copy, "data/timescales.yml", "    phrase: within 10 working days of the initial child protection conference",
         "    phrase: within 5 working days of the initial child protection conference")
    line = line_of(project_copy, "data/timescales.yml", "  - key: core-group-first")
    assert (f"data/timescales.yml:{line}: timescale 'core-group-first': the phrase does not state the amount 10 — "
            "write the same number in the phrase, or correct 'amount'") in errors(project_copy)


def test_a_duplicate_timescale_key_is_reported(project_copy):
    edit(project_copy, "data/timescales.yml", "  - key: rcpc-first\n", "  - key: icpc\n")
    line = [i for i, t in enumerate((project_copy / "data/timescales.yml").read_text().splitlines(), 1) if t == "  - key: icpc"][1]
    assert f"data/timescales.yml:{line}: 'icpc' appears twice in timescales — each key must be unique" in errors(project_copy)


def test_a_contact_not_checked_for_six_months_is_a_warning_with_its_line(project_copy, monkeypatch):
    from procedures.core.dates import epoch_for

    line, text, key = first_contact_line(project_copy, "checked_on")
    edit(project_copy, "data/contacts.yml", text, "    checked_on: 2026-05-01")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch_for(TODAY))
    found = problems(project_copy)
    assert (f"data/contacts.yml:{line}: warning: contact '{key}' was last checked on 2026-05-01, more than 6 months ago — "
            "check it against its source and update checked_on") in found
    assert [p for p in found if "more than 6 months ago" in p] == [p for p in found if f"contact '{key}' was last" in p]
    assert errors(project_copy) == []  # a warning: the site still builds


def test_a_contact_checked_five_months_ago_is_not_stale(project_copy, monkeypatch):
    from procedures.core.dates import epoch_for

    _, text, _ = first_contact_line(project_copy, "checked_on")
    edit(project_copy, "data/contacts.yml", text, "    checked_on: 2026-07-07")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch_for(TODAY))
    assert not [p for p in problems(project_copy) if "months ago" in p]


def test_a_check_date_in_the_future_is_a_warning(project_copy, monkeypatch):
    from procedures.core.dates import epoch_for

    line, text, key = first_contact_line(project_copy, "checked_on")
    edit(project_copy, "data/contacts.yml", text, "    checked_on: 2027-12-06")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch_for(TODAY))
    # a warning, not an error: builds pinned to an earlier day (SOURCE_DATE_EPOCH) must still work
    assert any(p.startswith(f"data/contacts.yml:{line}: warning: contact '{key}' says it was checked on 2027-12-06, which is after today")
               for p in problems(project_copy))
    assert errors(project_copy) == []


# --- procedures check: page text --------------------------------------------------------

def test_unknown_contact_in_page_text_names_file_and_line(project_copy):
    edit(project_copy, CH, "status: published\n", "status: published\nrender_macros: true\n")
    line = body_line(project_copy, CH, "## 2. What neglect is", '{{ contact("lado-leicster") }}')
    assert errors(project_copy) == [f"{CH}:{line}: unknown contact 'lado-leicster' — use one of the keys in data/contacts.yml (did you mean 'lado-leicester'?)"]


def test_unknown_contact_suggests_the_near_miss(project_copy):
    edit(project_copy, CH, "status: published\n", "status: published\nrender_macros: true\n")
    line = body_line(project_copy, CH, "## 2. What neglect is", '{{ contact("leicester-frontdoor") }}')
    assert errors(project_copy) == [f"{CH}:{line}: unknown contact 'leicester-frontdoor' — use one of the keys in data/contacts.yml (did you mean 'leicester-front-door'?)"]


def test_unknown_timescale_in_page_text_names_file_and_line(project_copy):
    line = body_line(project_copy, CONF, "## 3. The conference chair", 'It is held {{ timescale("icpc-conference") }}.')
    assert errors(project_copy) == [f"{CONF}:{line}: unknown timescale 'icpc-conference' — use one of the keys in data/timescales.yml"]


def test_timescale_referenced_but_removed_from_the_data_is_reported_where_used(project_copy):
    set_glance(project_copy, CONF, "at_a_glance:\n  do_now: [Go.]\n  call: []\n  by_when: [icpc, core-group-first]")
    text = (project_copy / "data/timescales.yml").read_text()
    start = text.index("  - key: core-group-first")
    end = text.index("  - key: rcpc-first")
    (project_copy / "data/timescales.yml").write_text(text[:start] + text[end:])
    found = errors(project_copy)
    used = [i for i, t in enumerate((project_copy / CONF).read_text().splitlines(), 1) if 'timescale("core-group-first")' in t]
    glance = line_of(project_copy, CONF, "by_when:")
    assert used and all(f"{CONF}:{n}: unknown timescale 'core-group-first' — use one of the keys in data/timescales.yml" in found for n in used)
    assert f"{CONF}:{glance}: unknown timescale 'core-group-first' — use one of the keys in data/timescales.yml" in found


def test_a_key_without_quotes_is_reported(project_copy):
    line = body_line(project_copy, CONF, "## 3. The conference chair", "It is held {{ timescale(icpc) }}.")
    assert errors(project_copy) == [f"{CONF}:{line}: write one timescale key in quotes, e.g. {{{{ timescale(\"icpc\") }}}}"]


def test_a_contact_inside_a_sentence_is_reported(project_copy):
    line = body_line(project_copy, CONF, "## 3. The conference chair", 'Call {{ contact("emergency") }} now.')
    assert errors(project_copy) == [f"{CONF}:{line}: put {{{{ contact(\"emergency\") }}}} on a line of its own — it shows a block with the name, numbers and hours"]


def test_other_template_text_in_a_chapter_is_reported(project_copy):
    line = body_line(project_copy, CONF, "## 3. The conference chair", "Write the child's name as {{ child_name }} here.")
    assert errors(project_copy) == [f"{CONF}:{line}: '{{{{ child_name }}}}' is not a page function call — in a chapter, braces may only hold one, "
                                    "e.g. {{ contact(\"emergency\") }} or {{ timescale(\"icpc\") }}; write the text another way"]
    edit(project_copy, CONF, "{{ child_name }}", "{% if x %}")
    assert errors(project_copy) == [f"{CONF}:{line}: '{{%' is not a page function call — in a chapter, braces may only hold one, "
                                    "e.g. {{ contact(\"emergency\") }} or {{ timescale(\"icpc\") }}; write the text another way"]


# --- at a glance -------------------------------------------------------------------------

def test_a_published_chapter_without_at_a_glance_names_the_status_line(project_copy):
    text = (project_copy / CH).read_text()
    start, end = text.index("at_a_glance:\n"), text.index("\n---", 4)
    (project_copy / CH).write_text(text[:start] + text[end + 1:])
    line = line_of(project_copy, CH, "status: published")
    assert errors(project_copy) == [
        f"{CH}:{line}: a published chapter needs an 'at_a_glance:' block in its front matter (do_now: the first steps; "
        "call: contact keys; by_when: timescale keys) — add it, as shown under 'At a glance' in the editors' style guide"]


def test_a_draft_chapter_may_leave_at_a_glance_out(project_copy):
    text = (project_copy / CH).read_text().replace("status: published", "status: draft")
    start, end = text.index("at_a_glance:\n"), text.index("\n---", 4)
    (project_copy / CH).write_text(text[:start] + text[end + 1:])
    assert not [e for e in errors(project_copy) if e.startswith(CH)]


def test_unknown_contact_in_at_a_glance_names_its_line(project_copy):
    edit(project_copy, CONF, "  call: [", "  call: [leicester-frontdoor, ")
    line = line_of(project_copy, CONF, "  call: [")
    assert errors(project_copy) == [f"{CONF}:{line}: unknown contact 'leicester-frontdoor' — use one of the keys in data/contacts.yml (did you mean 'leicester-front-door'?)"]


def test_unknown_timescale_in_at_a_glance_names_its_line(project_copy):
    edit(project_copy, CONF, "  by_when: [", "  by_when: [initial-conference, ")
    line = line_of(project_copy, CONF, "  by_when: [")
    assert errors(project_copy) == [f"{CONF}:{line}: unknown timescale 'initial-conference' — use one of the keys in data/timescales.yml"]


def test_more_than_five_do_now_steps_are_refused(project_copy):
    set_glance(project_copy, CONF, "at_a_glance:\n  do_now: [One., Two., Three., Four., Five., Six.]\n  call: []\n  by_when: []")
    found = errors(project_copy)
    assert len(found) == 1 and found[0].startswith(f"{CONF}:") and "do_now" in found[0], found


# --- rendering ---------------------------------------------------------------------------

def test_contact_macro_renders_name_tel_links_hours_and_source(project_copy):
    append(project_copy, "data/contacts.yml", WITH_NUMBERS)
    site = load_site(project_copy)
    html = contact_macros(site)["contact"]("fixture-duty")
    assert html.startswith("\n<div class=\"contact\" data-contact=\"fixture-duty\">") and html.endswith("</div>\n")
    assert '<p class="contact__name">Fixture Children&#39;s Duty Team</p>' in html
    assert '<a class="contact__phone" href="tel:01234567890">01234 567 890</a>' in html
    assert '<span class="contact__hours">Monday to Friday, 9am to 5pm</span>' in html
    assert 'Out of hours: <a class="contact__phone" href="tel:01234000111">01234 000 111</a>' in html
    assert ('<p class="contact__source"><a href="https://www.example.gov.uk/report-a-concern">'
            "From Example Council&#39;s website, checked 6 December 2026</a></p>") in html
    assert "to be confirmed" not in html.lower()
    assert "\n\n" not in html.strip()  # one Markdown HTML block


def test_contact_without_a_number_shows_what_to_do_instead(project_copy):
    append(project_copy, "data/contacts.yml", NO_NUMBER)
    site = load_site(project_copy)
    html = contact_macros(site)["contact"]("lado-nonumber")
    assert "tel:" not in html and "to be confirmed" not in html.lower()
    assert "No number published yet.</strong> Ask your agency&#39;s designated safeguarding lead to contact the LADO." in html
    assert "Confirmed by the partnership, checked 6 December 2026" in html


def test_every_text_from_the_data_is_escaped(project_copy):
    append(project_copy, "data/contacts.yml", WITH_NUMBERS.replace("Fixture Children's Duty Team", 'Rutland <script>alert(1)</script> & "Duty"'))
    edit(project_copy, "data/timescales.yml", "    phrase: within 15 working days of the strategy discussion at which section 47 enquiries were started",
         "    phrase: within 15 working days <b>of</b> the strategy discussion & more")
    site = load_site(project_copy)
    html = contact_macros(site)["contact"]("fixture-duty")
    assert "<script>" not in html and "Rutland &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Duty&#34;" in html
    span = timescale_macros(site)["timescale"]("icpc")
    assert span == '<span class="timescale" data-timescale="icpc">within 15 working days &lt;b&gt;of&lt;/b&gt; the strategy discussion &amp; more</span>'


def test_unknown_keys_in_the_page_functions_raise_with_the_editor_message(project_copy):
    site = load_site(project_copy)
    with pytest.raises(UnknownContact, match="unknown contact 'nobody' — use one of the keys in data/contacts.yml"):
        contact_macros(site)["contact"]("nobody")
    with pytest.raises(UnknownTimescale, match="unknown timescale 'never' — use one of the keys in data/timescales.yml"):
        timescale_macros(site)["timescale"]("never")


def test_timescale_macro_shows_the_data_phrase(project_copy):
    site = load_site(project_copy)
    t = {x.key: x for x in site.data["timescales"].timescales}["icpc"]
    assert timescale_macros(site)["timescale"]("icpc") == f'<span class="timescale" data-timescale="icpc">{t.phrase}</span>'
    assert "at which section 47 enquiries were started" in t.phrase and "last strategy discussion" not in t.phrase


def test_at_a_glance_box_lists_steps_contacts_and_timescales_in_order(project_copy):
    set_glance(project_copy, CONF, "at_a_glance:\n  do_now:\n    - Check <this> & that.\n    - Then the next thing.\n"
               "  call: [rutland-childrens-duty, emergency]\n  by_when: [rcpc-first, icpc]")
    site = load_site(project_copy)
    ch = chapter_for(site, "manual/child-protection-conferences.md")
    html = str(render_glance(site, ch, "../local-contacts/"))
    assert html.startswith('<aside class="at-a-glance" aria-labelledby="at-a-glance-heading">')
    assert '<h2 id="at-a-glance-heading" class="at-a-glance__title">At a glance</h2>' in html
    assert "<li>Check &lt;this&gt; &amp; that.</li>" in html
    g = ch.meta.at_a_glance
    positions = [html.index(f'data-contact="{k}"') for k in g.call]
    assert positions == sorted(positions)
    positions = [html.index(f'data-timescale="{k}"') for k in g.by_when]
    assert positions == sorted(positions)
    assert html.index("Do now") < html.index("Call") < html.index("By when")
    assert '<a href="../local-contacts/">Where these numbers come from</a>' in html


def test_at_a_glance_box_leaves_out_empty_parts(project_copy):
    set_glance(project_copy, CONF, "at_a_glance:\n  do_now: [Go.]\n  call: []\n  by_when: [icpc]")
    site = load_site(project_copy)
    ch = chapter_for(site, "manual/child-protection-conferences.md")
    html = str(render_glance(site, ch, None))
    assert "Do now" in html and ">Call<" not in html and "Where these numbers" not in html
    assert "By when" in html
