"""The one place where features plug in.

Each feature adds a line here: the data files it owns (with their model), the cross
checks it runs over the whole site, the macro modules it exposes to pages, and the
files it writes after the build. Keeping this list explicit makes it obvious what
exists, and a test checks that every YAML file in ``data/`` has a model.
"""

from __future__ import annotations

from .accessibility import AccessibilityResults
from .amendments import AmendmentsFile
from .arrangements.models import (
    ArrangementsFile,
    ComplianceFile,
    GovernanceFile,
    PartnershipsFile,
    RotationFile,
)
from .briefings import BriefingThemesFile
from .casereviews.models import CaseReviewsFile
from .contacts.models import ContactsFile
from .models import GlossaryFile, OwnersFile, PartnersFile, SearchTermsFile, SectionsFile
from .partnership import PartnershipFile
from .thresholds.models import ThresholdsFile
from .timescales.models import TimescalesFile

# data file name (in data/) -> model of the whole file
DATA_FILES = {
    # FIRST: the partnership's name, areas and wording; the files below validate their
    # 'area' fields against its areas (procedures/partnership/)
    "partnership.yml": PartnershipFile,
    "sections.yml": SectionsFile,
    "owners.yml": OwnersFile,
    "partners.yml": PartnersFile,
    "contacts.yml": ContactsFile,  # every route a page sends readers to (procedures/contacts/)
    "timescales.yml": TimescalesFile,  # statutory timescales, each once (procedures/timescales/)
    "glossary.yml": GlossaryFile,
    "search-terms.yml": SearchTermsFile,  # search synonyms (procedures/search.py)
    "accessibility-results.yml": AccessibilityResults,  # written by the browser tests
    "briefing-themes.yml": BriefingThemesFile,
    "amendments.yml": AmendmentsFile,
    # the published safeguarding arrangements (procedures/arrangements/)
    "rotation.yml": RotationFile,
    "governance.yml": GovernanceFile,
    "partnerships.yml": PartnershipsFile,
    "arrangements.yml": ArrangementsFile,
    "arrangements-compliance.yml": ComplianceFile,
    "thresholds.yml": ThresholdsFile,  # the thresholds document (procedures/thresholds/)
    "case-reviews.yml": CaseReviewsFile,  # published practice reviews (procedures/casereviews/)
}

# "module:function" run as function(site) after every data file and page has loaded;
# each adds problems to site.report.
CROSS_CHECKS = [
    "procedures.security.urls:check_unique_urls",  # two files publishing one address are refused
    "procedures.security.rawhtml:check_raw_html",  # the raw-HTML allow-list for Markdown pages
    "procedures.checks:check_foundation",
    "procedures.partnership:check_partnership",  # local authorities and business office exist
    "procedures.manual:check_chapters",
    "procedures.contacts.checks:check_contacts",  # contact("key") calls, stale check dates
    "procedures.timescales.checks:check_timescales",  # timescale("key") calls, duplicate keys
    "procedures.at_a_glance.checks:check_at_a_glance",  # required on published chapters; keys exist
    "procedures.pagecalls:check_chapter_text",  # in chapters, braces hold page-function calls only
    "procedures.accessibility:check_accessibility",
    "procedures.briefings:check_briefings",
    "procedures.amendments:check_amendments",  # also derives chapter notes, badges, redirects
    "procedures.editions.pages:check_editions",  # each release's edition tag matches its date
    "procedures.casereviews.pages:check_case_reviews",  # themes, briefing and report file of each review
    "procedures.editing:check_placeholders",  # no template "REPLACE THIS" text gets published
    "procedures.reviews:check_review_dates",  # briefings due for review (chapters: manual)
    "procedures.thresholds.checks:check_thresholds",
    "procedures.arrangements.checks:check_arrangements",
]

# modules with a ``macros(site) -> dict[name, callable]`` function, exposed to pages
MACRO_MODULES = [
    "procedures.contacts",  # contact(key), contacts_block(), contacts_list()
    "procedures.timescales",  # timescale(key)
    "procedures.glossary",
    "procedures.manual",
    "procedures.accessibility",  # accessibility_results(), accessibility_contact()
    "procedures.briefings",
    "procedures.amendments",
    "procedures.editions.pages",  # editions_on_date()
    "procedures.casereviews.pages",  # case_reviews()
    "procedures.wholemanual.pages",  # print_copies()
    "procedures.reviews",    # review_dashboard()
    "procedures.mistakes",   # error_catalogue()
    "procedures.schemas",    # front_matter_reference()
    "procedures.thresholds.pages",  # thresholds_levels(), threshold_level(key), matrix, finder, quick sheet
    "procedures.search",     # search_page()
    "procedures.arrangements.pages",  # arrangements_rotation(), arrangements_current_chair(), chart, …
]

# "module:function" run as function(site, site_dir, config) after MkDocs has written the site
POST_BUILD = [
    "procedures.briefings:write_feed",    # feeds/briefings.xml
    "procedures.amendments_out:write_outputs",  # feeds/amendments.xml + .json, redirect pages
    "procedures.reviews:write_reviews_json",  # reviews.json: every chapter and briefing by review date
    "procedures.thresholds.export:write_json",  # thresholds/indicators.json for the indicator finder
    "procedures.lean:write_alternate_sitemaps",  # after the feeds: stops Material's 404s for feeds/sitemap.xml
    "procedures.lean:write_css_bundle",   # the site's stylesheets joined into one file (procedures/lean/)
    "procedures.lean:write_js_bundle",    # the site's scripts joined into one file
    "procedures.lean:trim_material_js",   # Material's bundle.js without the focus-visible polyfill
    "procedures.lean:reduce_site_css",    # after every page and script: one stylesheet, unused rules left out
    "procedures.offline:write_offline",   # last: sw.js (the offline copy) lists the files above
]

# docs/ folder prefix -> "module:function" that validates a page of that type and
# records it on the site; every other page is an ordinary page (PageMeta).
CONTENT_TYPES = {
    "manual/": "procedures.manual:load_chapter",
    "briefings/": "procedures.briefings:load_briefing",
}

# nav markers in mkdocs.yml -> "module:function" returning nav items for that place
NAV_EXPANDERS = {
    "!chapters": "procedures.manual:nav_entries",
    "!briefings": "procedures.briefings:nav_entries",
    "!threshold-levels": "procedures.thresholds.pages:nav_entries",
    "!arrangements": "procedures.arrangements.pages:nav_entries",
}

# "module:function" run as function(site, site_dir) on the complete temporary build
# before it is swapped into site/ (e.g. search indexing); a failure aborts the build
AFTER_BUILD = [
    "procedures.htmlfix:fix_site",        # valid HTML: strip Material's invalid attributes
    "procedures.amendments_out:check_url_manifest",  # every URL in urls.txt still exists
    "procedures.search:start_index",      # checks data-pagefind-body, starts Pagefind (runs beside the PDFs)
    "procedures.pdf:render_all",          # the PDFs in PDF_DOCUMENTS, from the final HTML (one browser; cached)
    "procedures.briefing_pdf:add_sizes",  # "(PDF, 85 KB, one A4 page)" on the briefing download links
    "procedures.search:finish_index",     # waits for Pagefind, checks the number of pages indexed
    # keep procedures.security LAST: it hashes the final inline scripts into the CSP
    "procedures.security:write_headers",
]

# modules with optional MkDocs-style hooks for the pages a feature owns, called by the
# plugin: on_files(site, files, config) -> files (e.g. generated pages),
# on_page_markdown(site, page, markdown, config) -> markdown | None (template, meta),
# on_page_context(site, page, context, config) -> context (rendered head/foot);
# whole-build hooks: on_nav(site, nav, config, files) -> nav, on_pre_build(site, config), on_page_content(site, page, html, config)
# -> html, on_env(site, env, config, files) -> env, on_serve(site, server, config, builder)
# -> server, on_post_build(site, config), on_shutdown(site)
PAGE_HOOKS = [
    "procedures.briefing_page",
    "procedures.editions.pages",  # earlier texts and "what changed", read from git at the edition tags
    "procedures.casereviews.pages",  # a case review report past its period is not published
    "procedures.wholemanual.pages",  # the whole manual and each section on one print page
    "procedures.audiences",  # editor and developer pages: their own navigation, not the practitioners'
    "procedures.search",  # search_info for templates: indexed?, type, code, title, section
    "procedures.navcache",  # nav_cache: the sidebar rendered once per section (partials/nav.html)
    "procedures.preview",  # fast preview: dirty rebuilds made correct (procedures serve only)
    "procedures.lean",  # images sized and lazy-loaded; stylesheets joined; no lunr files
    # keep LAST: refuses two files with one address among the final files (generated pages
    # included) and escapes every title once all are known (procedures/security/)
    "procedures.security",
]

# Python-Markdown extensions the plugin adds to every page ("module:Class"), after mkdocs.yml's
MARKDOWN_EXTENSIONS = [
    "procedures.security.tablealign:TableAlignExtension",  # table alignment as classes, not style="" (CSP)
]

# "module:function" returning procedures.pdf.PdfDocument entries (built page, output,
# title): procedures.pdf:render_all prints each to a tagged PDF inside the built site
PDF_DOCUMENTS = [
    "procedures.arrangements.pages:pdf_documents",  # arrangements/arrangements.pdf
    "procedures.briefing_pdf:pdf_documents",        # one A4 page per 7-Minute Briefing (longer stops the build), action plan
    "procedures.wholemanual.pages:pdf_documents",   # print/: the whole manual and each section, dated
]
