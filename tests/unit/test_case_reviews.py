"""Case reviews: the model and checks (each bad input -> one exact line), the 12-month
period at its boundary days (fixed dates, never today), the page at build time, the
view-time script, and an expired report file left out of the build."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from procedures.casereviews.models import add_months
from procedures.casereviews.pages import context, on_files
from procedures.core.site import load_site
from tests.helpers import line_of

FILE = "data/case-reviews.yml"
HEAD = """repository_url: https://learning.nspcc.org.uk/case-reviews/national-case-review-repository
repository_checked_on: 2026-12-06
reviews:
"""
CHILD_A = """  - key: child-a
    title: Child A
    published: 2026-01-15
    themes: [neglect, voice-of-the-child]
    briefing: professional-curiosity
    report_url: https://example.org/child-a.pdf
"""


def write(project: Path, reviews: str) -> None:
    (project / FILE).write_text(HEAD + reviews, encoding="utf-8")


def errors(project: Path, day: date = date(2026, 12, 6)) -> list[str]:
    return [str(p) for p in load_site(project, today=day).report.errors if p.file == FILE]


# --- the period: boundary days --------------------------------------------------------------------

def test_twelve_months_after_publication():
    assert add_months(date(2026, 1, 15), 12) == date(2027, 1, 15)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)  # no 29 February next year
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


@pytest.mark.parametrize("day, shown", [
    (date(2026, 1, 15), True),  # the day it is published
    (date(2027, 1, 14), True),  # the last day of the 12 months
    (date(2027, 1, 15), False),  # from 12 months on: the national repository
    (date(2027, 6, 1), False),
])
def test_report_shown_until_the_period_ends(project_copy, day, shown):
    write(project_copy, CHILD_A)
    site = load_site(project_copy, today=day)
    assert errors(project_copy, day) == []
    item = context(site)["items"][0]
    assert item["shown"] is shown
    assert item["expiry_iso"] == "2027-01-15"


def test_a_later_expiry_keeps_the_report_longer(project_copy):
    write(project_copy, CHILD_A + "    expires: 2027-03-31\n")
    site = load_site(project_copy, today=date(2027, 3, 30))
    assert context(site)["items"][0]["shown"] is True
    site = load_site(project_copy, today=date(2027, 3, 31))
    assert context(site)["items"][0]["shown"] is False


def test_expiry_exactly_twelve_months_after_is_accepted(project_copy):
    write(project_copy, CHILD_A + "    expires: 2027-01-15\n")
    assert errors(project_copy) == []


# --- bad input: one line each ---------------------------------------------------------------------

def test_expiry_earlier_than_twelve_months_is_refused(project_copy):
    write(project_copy, CHILD_A + "    expires: 2027-01-14\n")
    n = line_of(project_copy, FILE, "- key: child-a")
    assert errors(project_copy) == [
        f"{FILE}:{n}: expires (2027-01-14) is earlier than 12 months after publication (2026-01-15) — a review stays "
        "published for at least 12 months: remove expires or set it to 2027-01-15 or later"]


def test_missing_publication_date_is_refused(project_copy):
    write(project_copy, CHILD_A.replace("    published: 2026-01-15\n", ""))
    n = line_of(project_copy, FILE, "- key: child-a")
    assert errors(project_copy) == [f"{FILE}:{n}: 'published' is required but missing — add 'published:' with a value"]


def test_publication_date_written_wrongly(project_copy):
    write(project_copy, CHILD_A.replace("2026-01-15", "15/01/2026"))
    n = line_of(project_copy, FILE, "published:")
    assert errors(project_copy) == [f"{FILE}:{n}: 'published' must be a date written as YYYY-MM-DD, e.g. 2024-03-31 "
                                    "(found '15/01/2026') — write dates as 2024-03-31"]


def test_no_report_or_two_reports(project_copy):
    write(project_copy, CHILD_A.replace("    report_url: https://example.org/child-a.pdf\n", ""))
    n = line_of(project_copy, FILE, "- key: child-a")
    message = (f"{FILE}:{n}: give the report as report_url (a link) or report_file (a PDF in docs/case-reviews/) "
               "— exactly one of them")
    assert errors(project_copy) == [message]
    write(project_copy, CHILD_A + "    report_file: case-reviews/child-a.pdf\n")
    assert errors(project_copy) == [message]


def test_report_url_not_https(project_copy):
    write(project_copy, CHILD_A.replace("https://example.org", "http://example.org"))
    n = line_of(project_copy, FILE, "report_url:")
    assert errors(project_copy) == [f"{FILE}:{n}: report_url must be a full https:// address (found 'http://example.org/child-a.pdf')"]


def test_report_file_missing_or_misnamed(project_copy):
    write(project_copy, CHILD_A.replace("    report_url: https://example.org/child-a.pdf\n",
                                        "    report_file: case-reviews/child-a.pdf\n"))
    n = line_of(project_copy, FILE, "report_file:")
    assert errors(project_copy) == [f"{FILE}:{n}: report_file docs/case-reviews/child-a.pdf does not exist — add the PDF there or correct the name"]
    write(project_copy, CHILD_A.replace("    report_url: https://example.org/child-a.pdf\n", "    report_file: child-a.docx\n"))
    n = line_of(project_copy, FILE, "report_file:")
    assert errors(project_copy) == [f"{FILE}:{n}: report_file must be a PDF in docs/case-reviews/, written like "
                                    "case-reviews/child-a.pdf (found 'child-a.docx')"]


def test_unknown_theme_briefing_and_repeated_key(project_copy):
    write(project_copy, CHILD_A.replace("[neglect, voice-of-the-child]", "[neglect, nelgect]")
          .replace("briefing: professional-curiosity", "briefing: no-such-briefing")
          + CHILD_A.replace("title: Child A", "title: Child A again"))
    lines = (project_copy / FILE).read_text().splitlines()
    theme_line = next(i for i, ln in enumerate(lines, 1) if "nelgect" in ln)
    briefing_line = next(i for i, ln in enumerate(lines, 1) if "no-such-briefing" in ln)
    keys = [i for i, ln in enumerate(lines, 1) if "- key: child-a" in ln]
    errs = errors(project_copy)
    assert len(errs) == 3
    assert errs[0].startswith(f"{FILE}:{theme_line}: theme 'nelgect' is not in data/briefing-themes.yml — use one of: ")
    assert errs[1] == (f"{FILE}:{briefing_line}: briefing 'no-such-briefing' is not a published 7-Minute Briefing — write its "
                       "file name in docs/briefings/ without .md")
    assert errs[2] == f"{FILE}:{keys[1]}: key 'child-a' is already used on line {keys[0]} — give each review its own key"


def test_the_real_data_is_valid_and_empty():
    from tests.conftest import REPO

    site = load_site(REPO)
    assert [str(p) for p in site.report.errors if p.file == FILE] == []
    assert site.data["case-reviews"].reviews == []  # the seeds give no review with a publication date


# --- the page ---------------------------------------------------------------------------------------

def test_page_html_hides_the_link_that_does_not_apply(project_copy):
    from procedures.core.render import render_html

    write(project_copy, CHILD_A)
    before = render_html("case-reviews.html", **context(load_site(project_copy, today=date(2027, 1, 14))))
    after = render_html("case-reviews.html", **context(load_site(project_copy, today=date(2027, 1, 15))))
    assert 'data-expires="2027-01-15"' in before
    assert '<p class="case-review__report" data-review-when="current"><a href="https://example.org/child-a.pdf">' in before
    assert '<p class="case-review__archive" data-review-when="expired" hidden>' in before
    assert '<p class="case-review__report" data-review-when="current" hidden>' in after
    assert '<p class="case-review__archive" data-review-when="expired">' in after
    assert 'href="../briefings/professional-curiosity/"' in before


def test_titles_are_escaped(project_copy):
    from procedures.core.render import render_html

    write(project_copy, CHILD_A.replace("title: Child A", 'title: "Child <b>A</b>"'))
    html = render_html("case-reviews.html", **context(load_site(project_copy, today=date(2026, 6, 1))))
    assert "Child &lt;b&gt;A&lt;/b&gt;" in html and "<b>A</b>" not in html


def test_an_expired_report_file_is_not_published(project_copy):
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files

    (project_copy / "docs/case-reviews").mkdir()
    (project_copy / "docs/case-reviews/child-a.pdf").write_bytes(b"%PDF-1.4\n")
    write(project_copy, CHILD_A.replace("    report_url: https://example.org/child-a.pdf\n",
                                        "    report_file: case-reviews/child-a.pdf\n"))
    cfg = MkDocsConfig()
    cfg.load_dict({"site_name": "x", "docs_dir": str(project_copy / "docs"), "site_dir": str(project_copy / "site")})
    for day, kept in ((date(2027, 1, 14), True), (date(2027, 1, 15), False)):
        site = load_site(project_copy, today=day)
        assert errors(project_copy, day) == []
        files = Files([File("case-reviews/child-a.pdf", str(project_copy / "docs"), str(project_copy / "site"), True)])
        files = on_files(site, files, cfg)
        assert (files.get_file_from_path("case-reviews/child-a.pdf") is not None) is kept


def test_the_view_time_script_switches_on_the_expiry_day(tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    script = Path(__file__).resolve().parents[2] / "overrides/assets/javascripts/casereviews.js"
    harness = tmp_path / "h.js"
    harness.write_text(f"""
global.window = {{ procedures: {{ onEachPage: function () {{}} }} }};
global.document = {{}};
require({json.dumps(str(script))});
var f = window.procedures.caseReviewShown;
console.log(JSON.stringify([f("2027-01-15", "2027-01-14"), f("2027-01-15", "2027-01-15"), f("2027-01-15", "2027-02-01")]));
""", encoding="utf-8")
    res = subprocess.run([node, str(harness)], capture_output=True, text=True, check=True)
    assert json.loads(res.stdout) == [True, False, False]
