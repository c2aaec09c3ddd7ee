"""The engine core: loading, errors, validation, rendering, dates, the build pipeline,
the MkDocs plugin and the command-line frame.

The core knows no feature and no partnership. It reads what the enabled features
contribute from :mod:`procedures.core.feature` (set by ``procedures/registry.py``) and
gives them the :class:`~procedures.core.site.Site` object; ``tests/unit/test_architecture.py``
fails if a module here imports a feature.
"""
