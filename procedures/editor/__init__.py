"""What editors use besides the pages: scaffolding, the mistake catalogue, schemas.

* :mod:`.editing` — ``procedures new chapter|briefing`` templates and the cross check
  that no template "REPLACE THIS" text gets published.
* :mod:`.cli` — the ``new``, ``review-due`` and ``schemas`` commands.
* :mod:`.mistakes` — the editor-mistake corpus: a tested message per mistake, and the
  error catalogue page (``error_catalogue()``).
* :mod:`.schemas` — JSON Schemas in schemas/ from every feature's data files and the
  front-matter models (+ .vscode), and ``front_matter_reference()``.
"""

from __future__ import annotations

from ..core.feature import Feature

FEATURE = Feature(
    __name__,
    checks=("procedures.editor.editing:check_placeholders",),  # no template "REPLACE THIS" text gets published
    macros=(
        "procedures.editor.mistakes",  # error_catalogue()
        "procedures.editor.schemas",  # front_matter_reference()
    ),
    cli_commands=("procedures.editor.cli:COMMANDS",),  # new, review-due, schemas
)
