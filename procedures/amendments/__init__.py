"""The amendment log: what changed in each release, and everything made from it.

* :mod:`.log` — ``data/amendments.yml`` (releases, entries, moved pages), its cross
  check (which also derives each chapter's notes and badge, and the redirects), the
  URL manifest ``urls.txt`` and the pages' macros.
* :mod:`.outputs` — the Atom and JSON feeds, the redirect pages and, after the build,
  the check that every address in ``urls.txt`` still exists.
* :mod:`.cli` — ``procedures amend``, ``digest`` and ``urls``.
"""

from __future__ import annotations

from ..core.feature import Feature, Step
from .log import AmendmentsFile

FEATURE = Feature(
    __name__,
    interface=("procedures.amendments.log", "procedures.amendments.cli"),  # what other features may import: the log and its page functions; the amend/digest/urls commands
    data_files={"amendments.yml": AmendmentsFile},
    checks=("procedures.amendments.log:check_amendments",),  # also derives chapter notes, badges, redirects
    macros=("procedures.amendments.log",),  # amendments_latest(), amendments_year(), feeds, register_by_email()
    post_build=("procedures.amendments.outputs:write_outputs",),  # feeds/amendments.xml + .json, redirect pages
    after_build=(Step("procedures.amendments.outputs:check_url_manifest", "early"),),  # every URL in urls.txt still exists
    addresses=("procedures.amendments.log:addresses",),  # urls.txt and the redirects, for the link check
    cli_commands=("procedures.amendments.cli:COMMANDS",),  # amend, digest, urls
)
