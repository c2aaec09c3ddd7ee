"""Site engines: what turns the prepared pages into HTML.

``procedures build`` is the same pipeline whatever the engine: validate the site
(procedures/core/site.py) → let the engine write the HTML into a temporary folder → run the
after-build steps (registry.AFTER_BUILD: search, PDFs, headers, checks) on that folder →
swap it into ``site/``. This package is the one place engines are declared:

- ``mkdocs`` (the default): MkDocs with Material and the ``procedures`` plugin, exactly
  as before (procedures/engines/mkdocs.py).
- ``zensical``: Zensical (the Material team's successor), which reads ``mkdocs.yml`` but
  runs no MkDocs plugin. procedures/engines/plainconfig.py prepares everything the
  plugins did as plain files first — the full navigation with its markers expanded,
  drafts left out (not copied, and listed in ``exclude_docs``), generated pages written
  as real files, page functions (macros) already rendered into the Markdown, the page
  template, title, description and badge in each page's front matter — and
  procedures/engines/zensical.py runs Zensical on them, then writes the feeds,
  redirects and other post-build files itself. What Zensical cannot do yet is listed in
  docs/developers/engines.md.

Nothing outside this package names an engine: the core (procedures/core/engine.py) reads
them from this feature's declaration, and the CLI offers them as ``--engine`` choices.
"""

from __future__ import annotations

from importlib.util import find_spec

from ..core.engine import DEFAULT, EngineMissing, get, run  # noqa: F401  (choosing one is the core's)
from ..core.feature import Engine, Feature

ENGINES: dict[str, Engine] = {
    "mkdocs": Engine("mkdocs", "procedures.engines.mkdocs:build", lambda: find_spec("mkdocs") is not None,
                     "install the project: make build"),
    "zensical": Engine("zensical", "procedures.engines.zensical:build", lambda: find_spec("zensical") is not None,
                       "install the optional extra: pip install -r requirements/zensical.txt "
                       "(or make test-engines), then build again"),
}

FEATURE = Feature(__name__, engines=ENGINES)
