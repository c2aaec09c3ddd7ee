"""The thresholds document as data: levels of need, domains, indicators and responses.

* :mod:`.models` — the typed model of ``data/thresholds.yml``;
* :mod:`.checks` — cross checks (unknown level, domain or contact, duplicate text …);
* :mod:`.view` — the validated data arranged for pages (levels in order, groups);
* :mod:`.pages` — page macros and the generated navigation for the level pages;
* :mod:`.export` — the JSON file the indicator finder reads, written after the build.

Kept import-light: :mod:`procedures.registry` imports the models from here.
"""


# --- what this feature contributes (enabled in procedures/registry.py) ----------------
from ..core.feature import Feature  # noqa: E402
from .models import ThresholdsFile  # noqa: E402

FEATURE = Feature(
    __name__,
    data_files={"thresholds.yml": ThresholdsFile},  # the thresholds document
    checks=("procedures.thresholds.checks:check_thresholds",),
    macros=("procedures.thresholds.pages",),  # thresholds_levels(), threshold_level(key), matrix, finder, quick sheet
    nav_expanders={"!threshold-levels": "procedures.thresholds.pages:nav_entries"},
    post_build=("procedures.thresholds.export:write_json",),  # thresholds/indicators.json for the indicator finder
)
