"""data/accessibility-results.yml: its model, its checks, and the statement it feeds."""

from __future__ import annotations

from datetime import date

from procedures.accessibility import macros
from procedures.core.site import load_site
from tests.helpers import edit

RESULTS = "data/accessibility-results.yml"


def test_the_recorded_results_load_and_render(project_copy):
    site = load_site(project_copy)
    assert not site.report.errors, site.report.lines()
    data = site.data["accessibility-results"]
    html = macros(site)["accessibility_results"]()
    assert f"{data.tested_on.day} {data.tested_on.strftime('%B %Y')}" in html
    assert f"({data.pages_tested} pages)" in html
    for check in data.checks:
        assert check.detail.replace("'", "&#39;") in html
    for page in data.template_pages:
        assert page.name[1:] in html


def test_a_failed_check_is_shown_as_failed(project_copy):
    text = (project_copy / RESULTS).read_text()
    assert "result: passed" in text
    edit(project_copy, RESULTS, "result: passed", "result: failed")
    site = load_site(project_copy)
    html = macros(site)["accessibility_results"]()
    assert "Failed" in html and "of the checks failed on that date" in html


def test_results_from_the_future_are_refused(project_copy):
    site = load_site(project_copy)
    tested = site.data["accessibility-results"].tested_on
    edit(project_copy, RESULTS, f"tested_on: {tested}", "tested_on: 2999-01-01")
    lines = load_site(project_copy).report.lines()
    assert any(line.startswith(f"{RESULTS}:") and "tested_on 2999-01-01 is after today" in line for line in lines), lines


def test_old_results_warn_but_do_not_fail(project_copy, monkeypatch):
    from procedures.core.dates import epoch_for

    site = load_site(project_copy)
    tested = site.data["accessibility-results"].tested_on
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch_for(date(tested.year + 2, 1, 1)))
    later = load_site(project_copy)
    assert not later.report.errors
    assert any("over a year ago — run `make accessibility-results`" in str(p) for p in later.report.warnings)


def test_an_unknown_result_is_refused_with_its_line(project_copy):
    edit(project_copy, RESULTS, "result: passed", "result: mostly")
    lines = load_site(project_copy).report.lines()
    assert any(line.startswith(f"{RESULTS}:") and "result" in line for line in lines), lines


def test_the_statement_needs_the_business_office_contact(project_copy):
    edit(project_copy, "data/contacts.yml", "key: business-office", "key: business-office-old")
    lines = load_site(project_copy).report.lines()
    assert any("needs a contact with key 'business-office'" in line for line in lines), lines
