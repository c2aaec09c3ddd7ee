"""Helpers for cross checks: duplicated keys, the list of known keys in a message.

Each check reads the validated models (``None`` when a file failed to load, in which
case its own errors are already reported) and names the exact line of every problem.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .site import Site


def unique(site: Site, name: str, items: Iterable[Any], attr: str, list_key: str) -> set[str]:
    """Report duplicated keys in a list of items; return the set of keys."""
    seen: set[str] = set()
    for i, item in enumerate(items):
        value = getattr(item, attr)
        if value in seen:
            site.report.error(site.data_file(name), site.line(name, (list_key, i, attr)),
                              f"'{value}' appears twice in {list_key} — each {attr} must be unique")
        seen.add(value)
    return seen


def known(keys: Iterable[str]) -> str:
    return ", ".join(sorted(keys))
