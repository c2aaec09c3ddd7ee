"""Collect the page functions from every feature module and give them to mkdocs-macros."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from . import feature
from .site import get_site


def functions(root: Path) -> dict[str, Any]:
    site = get_site(root)
    out: dict[str, Any] = {}
    for module_name in feature.MACRO_MODULES:
        module = importlib.import_module(module_name)
        for name, fn in module.macros(site).items():
            if name in out:
                raise RuntimeError(f"two macro modules define '{name}'")
            out[name] = fn
    return out


def register(env: Any, root: Path) -> None:
    for name, fn in functions(root).items():
        if name in env.variables:
            raise RuntimeError(f"a YAML key or variable named '{name}' would hide the macro '{name}' — rename the key")
        env.macro(fn, name)
