"""Editions: every chapter as it stood at each earlier edition, what changed, and which
edition was in force on a given day.

* An **edition** is a release in ``data/amendments.yml`` that ``procedures release``
  has cut: the release records ``tag: edition-YYYY-MM`` and git holds that tag. Earlier
  texts are read from git at the tag (``git cat-file``), never stored twice in the tree.
* :mod:`.history` reads git and works out each chapter's versions; one line, naming what
  is missing and ``git fetch --unshallow --tags``, when the history is incomplete.
* :mod:`.diff` marks inserted and deleted words (``<ins>``/``<del>`` with hidden
  "inserted:"/"deleted:" text for screen readers).
* :mod:`.pages` is the plug-in: generated pages (``on_files``), the links under
  "Updates to this chapter", the ``editions_on_date()`` macro and the cross check.
* :mod:`.release` is the ``procedures release`` command.

Registered in ``procedures/registry.py`` (CROSS_CHECKS, MACRO_MODULES, PAGE_HOOKS) and in
``procedures/core/cli.py``.
"""


# --- what this feature contributes (enabled in procedures/registry.py) ----------------
from ..core.feature import Feature  # noqa: E402

FEATURE = Feature(
    __name__,
    interface=("procedures.editions.history", "procedures.editions.pages"),  # what other features may import: texts read from git at the edition tags; links rewritten for another page
    checks=("procedures.editions.pages:check_editions",),  # each release's edition tag matches its date
    macros=("procedures.editions.pages",),  # editions_on_date()
    page_hooks=("procedures.editions.pages",),  # earlier texts and "what changed", read from git at the edition tags
    cli_commands=("procedures.editions.release:COMMANDS",),  # procedures release
)
