"""mkdocs-macros entry point: registers the page functions that live in ``procedures``.

Thin on purpose — every function is defined, escaped and unit-tested in the
``procedures`` package; this module only hands them to mkdocs-macros.
"""

from pathlib import Path

from procedures.core.macros import register
from procedures.registry import FEATURES  # noqa: F401  (enables the features)


def define_env(env):
    register(env, Path(env.conf["config_file_path"]).parent)
