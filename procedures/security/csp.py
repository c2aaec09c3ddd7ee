"""Which inline scripts the Content-Security-Policy may allow: a fixed list.

The CSP allows an inline script only by its SHA-256 hash. Hashing every inline script
found in the built pages (as the first version did) would also allow a script that
reached a page by mistake or by injection. Instead the build allows exactly the inline
scripts the templates are known to emit, listed here by the template that writes them;
any other executable inline script in a built page fails the build, naming the page.

Material's scripts contain a template value (the page's path back to the site root,
``"../.."``), so each known script is matched as a pattern made from its template: the
literal text exactly, and each ``{{ … }}`` as a short value with no quotes or markup.
The patterns are read from the installed Material, so an upgrade that changes a script
changes its pattern too; a new template that emits another inline script must be added
to ``KNOWN_INLINE_SCRIPTS`` (the project's own templates emit none: scripts live in
``overrides/assets/javascripts/``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

# (theme, template path inside the theme) of every template allowed to emit an inline script
KNOWN_INLINE_SCRIPTS: list[tuple[str, str]] = [
    ("material", "partials/javascripts/base.html"),     # __md_scope, __md_get/__md_set (local storage helpers)
    ("material", "partials/javascripts/content.html"),  # selects a content tab from the address's #fragment
    # the same three from Zensical's own templates (procedures build --engine zensical;
    # skipped where Zensical is not installed): its palette script is inline, not palette.js
    ("zensical", "partials/javascripts/base.html"),
    ("zensical", "partials/javascripts/palette.html"),
    ("zensical", "partials/javascripts/content.html"),
]

_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_EXPR = re.compile(r"\{\{.*?\}\}", re.S)
VALUE = r"[^\"'<>\\\s]{0,200}"  # what a {{ … }} inside a known script may become (a path)


class UnknownInlineScript(Exception):
    pass


def _theme_dir(theme: str) -> Path | None:
    if theme == "material":
        import material

        return Path(material.__file__).parent / "templates"
    if theme == "zensical":
        from importlib.util import find_spec

        spec = find_spec("zensical")
        return Path(spec.origin).parent / "templates" if spec and spec.origin else None
    raise ValueError(f"unknown theme {theme!r}")


@lru_cache(maxsize=1)
def known_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    patterns = []
    for theme, rel in KNOWN_INLINE_SCRIPTS:
        theme_dir = _theme_dir(theme)
        if theme_dir is None:  # an optional engine that is not installed
            continue
        path = theme_dir / rel
        text = path.read_text(encoding="utf-8")
        scripts = _SCRIPT.findall(text)
        if not scripts:
            raise UnknownInlineScript(f"{theme}:{rel} no longer writes an inline script — remove it from "
                                      "KNOWN_INLINE_SCRIPTS in procedures/security/csp.py")
        for script in scripts:
            parts = _EXPR.split(script)
            patterns.append((f"{theme}:{rel}", re.compile(VALUE.join(re.escape(p) for p in parts), re.S)))
    return tuple(patterns)


def known_source(script: str) -> str | None:
    """The template that emits this inline script, or None when no known template does."""
    for where, pattern in known_patterns():
        if pattern.fullmatch(script):
            return where
    return None


def unknown_message(page: str, script: str) -> str:
    snippet = " ".join(script.split())[:60]
    return (f"{page}: an inline script no template is known to write ({snippet!r}) — the security policy only "
            "allows the scripts listed in procedures/security/csp.py: move it into overrides/assets/javascripts/, "
            "or find the page text or macro that put it there")
