"""Safeguarding children procedures engine: models, loading, validation and site logic.

Everything that can be unit-tested lives here; ``macros/`` and ``overrides/`` stay thin.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
