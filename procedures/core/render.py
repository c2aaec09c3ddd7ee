"""Render page fragments from templates in ``procedures/templates``.

Two kinds of template, both escaping every value that comes from data or front matter:

* ``*.html`` — HTML fragments, Jinja autoescape on;
* ``*.md`` — Markdown fragments, every ``{{ value }}`` passed through :func:`md_escape`
  so text from YAML can neither inject HTML nor Markdown. Links written as
  ``[text]({{ target | link }})`` stay ``.md`` links, so MkDocs resolves and validates them.
"""

from __future__ import annotations

import html
import posixpath
import re
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

TEMPLATES = Path(__file__).parents[1] / "templates"

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|#])")


def md_escape(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    # & < > become entities so no HTML can be injected; quotes stay as they are (they are
    # harmless in Markdown text, and escaped quotes would show as &#39; in the contents)
    text = html.escape(str(value), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text)


def relative_link(target_src: str, from_dir: str) -> Markup:
    """A docs-relative .md path as seen from a page in ``from_dir`` (e.g. 'manual/')."""
    return Markup(posixpath.relpath(target_src, from_dir.rstrip("/") or "."))


def _tidy_html(html: str) -> str:
    # Markdown treats indented lines after a blank line as code: keep raw HTML flush-left
    # and without blank lines so it survives as one HTML block.
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


@lru_cache(maxsize=1)
def _html_env() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    return env


@lru_cache(maxsize=1)
def _md_env() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=False, undefined=StrictUndefined,
                      finalize=md_escape, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return env


def _filters(env: Environment, from_dir: str) -> None:
    env.filters["link"] = lambda target: relative_link(target, from_dir)


def render_html(name: str, **ctx) -> str:
    env = _html_env()
    _filters(env, ctx.get("from_dir", ""))
    return _tidy_html(env.get_template(name).render(**ctx))


def render_markdown(name: str, *, from_dir: str = "", **ctx) -> str:
    env = _md_env()
    _filters(env, from_dir)
    return env.get_template(name).render(from_dir=from_dir, **ctx)
