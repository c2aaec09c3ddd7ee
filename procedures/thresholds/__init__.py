"""The thresholds document as data: levels of need, domains, indicators and responses.

* :mod:`.models` — the typed model of ``data/thresholds.yml``;
* :mod:`.checks` — cross checks (unknown level, domain or contact, duplicate text …);
* :mod:`.view` — the validated data arranged for pages (levels in order, groups);
* :mod:`.pages` — page macros and the generated navigation for the level pages;
* :mod:`.export` — the JSON file the indicator finder reads, written after the build.

Kept import-light: :mod:`procedures.registry` imports the models from here.
"""
