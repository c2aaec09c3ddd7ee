"""Prepare a site for an engine that runs no MkDocs plugin: plain files and a plain config.

What the ``procedures`` plugin and mkdocs-macros do during a MkDocs build is done here
once, up front, and written down as ordinary files an engine reads without any plugin:

- every page's Markdown with its page functions (macros) already rendered and the
  feature page hooks applied (registry.PAGE_HOOKS), written to ``<stage>/docs/``;
- generated pages (briefing themes, editions, the whole manual …) written as real files;
- drafts left out: not copied at all, and also listed in ``exclude_docs`` and
  ``draft_docs`` (so a copy slipping in by another way is still not published);
- each page's template, title, description and nav badge in its front matter (Material's
  meta mechanism: ``template: chapter.html``, ``status: new``);
- ``<stage>/mkdocs.yml``: mkdocs.yml with the navigation markers ("!chapters" …)
  expanded into the full navigation, no ``plugins``, the glossary's abbreviations as
  the ``abbr`` extension's ``glossary`` option and the engine's own Markdown extensions
  named by module.

The preparation uses MkDocs 1.6 as a library (its config loading and plugin events up to
``on_page_markdown``); it renders no HTML. ``Prepared.config`` is the MkDocs config the
post-build steps (registry.POST_BUILD) are then given.
"""

from __future__ import annotations

import logging
import re
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

log = logging.getLogger("mkdocs.procedures.engines")


class PrepareFailed(Exception):
    pass


@dataclass
class Prepared:
    config: Any  # the MkDocs config after every plugin's on_config (for the post-build steps)
    site: Any
    stage: Path
    pages: list[str] = field(default_factory=list)  # src_uri of every page written
    assets: list[str] = field(default_factory=list)  # other files copied or generated
    drafts: list[str] = field(default_factory=list)  # left out


def _plain(value: Any) -> Any:
    """Front matter values as plain YAML (Markup becomes str, dates stay dates)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    if value is None or isinstance(value, bool | int | float | date | datetime):
        return value
    return str(value)


def front_matter(meta: dict[str, Any]) -> str:
    if not meta:
        return ""
    return "---\n" + yaml.safe_dump(_plain(meta), allow_unicode=True, sort_keys=False) + "---\n\n"


def _extension_entry(ext: Any, configs: dict[str, Any]) -> Any:
    if isinstance(ext, str):
        conf = configs.get(ext)
        return {ext: _plain(conf)} if conf else ext
    module = type(ext).__module__  # an Extension object added by the plugin: named by module
    return module


def escaped_nav(items: list[Any]) -> list[Any]:
    """Section and link titles escaped (the plugin does it in on_nav for MkDocs)."""
    from ..security.escaping import escaped

    out: list[Any] = []
    for item in items:
        if isinstance(item, dict):
            out.append({str(escaped(k)): escaped_nav(v) if isinstance(v, list) else v for k, v in item.items()})
        else:
            out.append(item)
    return out


def _drafts(site: Any) -> list[str]:
    return sorted(src for src, page in site.pages.items() if getattr(page.model, "status", None) == "draft")


def _is_theme_file(f: Any, theme_dirs: list[Path]) -> bool:
    if getattr(f, "generated_by", None):
        return False
    src_dir = Path(f.src_dir).resolve() if f.src_dir else None
    return src_dir is not None and src_dir in theme_dirs


def prepare(site: Any, root: Path, stage: Path, site_dir: Path, templates: bool = True) -> Prepared:
    """Write ``stage/docs/`` and ``stage/mkdocs.yml``; raise PrepareFailed with the
    warnings when MkDocs would have refused the site in strict mode.

    ``templates=False`` is for an engine that cannot render the theme overrides
    (overrides/*.html need the page context the plugin gives them): each page's template
    is dropped from its front matter and what the template added around the text (a
    chapter's head and foot, a briefing's seven panels, the search marker) is written
    into the page itself as HTML; the engine's own theme templates then render it."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils import CountHandler

    from ..security.escaping import escape_page

    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    marked: list[Any] = []
    try:
        cfg = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        cfg.plugins.on_startup(command="build", dirty=False)
        cfg = cfg.plugins.on_config(cfg)
        # the pages go out as Markdown that the engine converts: a feature puts all of a
        # page's text into its Markdown (the whole manual's print pages, for one, are
        # otherwise filled with the chapters' HTML after MkDocs has converted them)
        marked += [s for s in (site, *(getattr(p, "site", None) for p in cfg.plugins.values())) if s is not None]
        for s in marked:
            s.extra["pages_as_markdown"] = True
        cfg.plugins.on_pre_build(config=cfg)
        files = get_files(cfg)
        env = cfg.theme.get_env()
        files.add_files_from_theme(env, cfg)
        files = cfg.plugins.on_files(files, config=cfg)
        set_exclusions(files, cfg)
        nav = get_navigation(files, cfg)
        cfg.plugins.on_nav(nav, config=cfg, files=files)

        docs = stage / "docs"
        docs.mkdir(parents=True, exist_ok=True)
        prepared = Prepared(config=cfg, site=site, stage=stage, drafts=_drafts(site))
        theme_dirs = [Path(d).resolve() for d in cfg.theme.dirs]
        for f in files:
            if f.is_documentation_page() or _is_theme_file(f, theme_dirs):
                continue
            if not f.inclusion.is_included():
                continue
            dest = docs / f.src_uri
            dest.parent.mkdir(parents=True, exist_ok=True)
            if f.abs_src_path and not getattr(f, "generated_by", None):
                shutil.copyfile(f.abs_src_path, dest)
            else:
                dest.write_bytes(f.content_bytes)
            prepared.assets.append(f.src_uri)
        for f in files.documentation_pages(inclusion=InclusionLevel.is_included):
            if f.src_uri in prepared.drafts:
                continue  # never copied (the plugin also removed it)
            if f.page is None:
                Page(None, f, cfg)
            page = f.page
            cfg.plugins.on_pre_page(page, config=cfg, files=files)
            page.read_source(cfg)
            markdown = cfg.plugins.on_page_markdown(page.markdown, page=page, config=cfg, files=files) or ""
            extra: dict[str, Any] = {}
            if not templates:
                page.markdown = markdown
                page.render(cfg, files)  # Python-Markdown, for what the page context needs (toc, panels)
                page.content = cfg.plugins.on_page_content(page.content, page=page, config=cfg, files=files)
                context = cfg.plugins.on_page_context({"page": page, "config": cfg, "nav": nav},
                                                      page=page, config=cfg, nav=nav)
                markdown = body_without_template(page.meta.get("template"), markdown, context)
                extra = {**theme_meta(context), **template_assets(cfg, page.meta.get("template"))}
            # engines print titles and descriptions raw, as Material does: escaped here, as the
            # plugin does for MkDocs (procedures/security/escaping.py)
            escape_page(page)
            meta = {**page.meta, **extra}
            if not templates:
                meta.pop("template", None)
            dest = docs / f.src_uri
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(front_matter(meta) + markdown, encoding="utf-8")
            prepared.pages.append(f.src_uri)
        (stage / "mkdocs.yml").write_text(plain_config(root, cfg, prepared, templates), encoding="utf-8")
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)
        for s in marked:
            s.extra.pop("pages_as_markdown", None)
    if counts := counter.get_counts():
        raise PrepareFailed("Aborted with " + ", ".join(f"{v} {k.lower()}s" for k, v in counts) + " in strict mode!")
    return prepared


def body_without_template(template: str | None, markdown: str, context: dict[str, Any]) -> str:
    """The page text with what its template would have put around it (the template's
    HTML, from the plugin's page context, already escaped where it holds data)."""
    info = context.get("search_info")
    marker = " data-pagefind-body" if info is not None and getattr(info, "index", False) else ""
    if template == "chapter.html":
        return (f'<article class="chapter"{marker} markdown="1">\n\n{context.get("chapter_head", "")}\n\n'
                f'{markdown}\n\n{context.get("chapter_foot", "")}\n\n</article>\n')
    if template == "briefing.html":
        return (f'<article class="briefing"{marker}>\n{context.get("briefing_head", "")}\n'
                f'{context.get("briefing_panels", "")}\n{context.get("briefing_foot", "")}\n</article>\n')
    if marker:
        return f'<div{marker} markdown="1">\n\n{markdown}\n\n</div>\n'
    return markdown


def theme_meta(context: dict[str, Any]) -> dict[str, Any]:
    """What overrides/main.html took from the page context, as front matter for the
    engine's theme override (procedures/engines/theme/main.html)."""
    out: dict[str, Any] = {}
    if context.get("build_date"):
        out["build_date"] = str(context["build_date"])
    info = context.get("search_info")
    if info is not None and getattr(info, "index", False):
        out["pagefind"] = {k: v for k, v in info.as_dict().items() if k not in ("index", "reason") and v}
    return out


_ASSET = re.compile(r"""['"]([\w./-]+\.(js|css))['"]\s*\|\s*url""")


def template_assets(cfg: Any, template: str | None) -> dict[str, Any]:
    """The scripts and stylesheets a page template adds (``{{ 'assets/….js' | url }}``) and
    its ``noindex``, for the engine's theme override to add from the front matter."""
    if not template or template == "main.html":
        return {}
    for theme_dir in cfg.theme.dirs:
        path = Path(theme_dir) / template
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            break
    else:
        return {}
    out: dict[str, Any] = {}
    scripts = [m.group(1) for m in _ASSET.finditer(text) if m.group(2) == "js"]
    styles = [m.group(1) for m in _ASSET.finditer(text) if m.group(2) == "css"]
    if scripts:
        out["page_scripts"] = scripts
    if styles:
        out["page_styles"] = styles
    if re.search(r'<meta name="robots" content="noindex">', text):
        out["robots"] = "noindex"
    return out


# the feeds every page announces (overrides/partials/amendments-feeds.html; written by
# procedures/amendments/outputs.py)
FEEDS = [
    {"type": "application/atom+xml", "title": "Amendments to the procedures manual (Atom)", "href": "feeds/amendments.xml"},
    {"type": "application/feed+json", "title": "Amendments to the procedures manual (JSON Feed)",
     "href": "feeds/amendments.json"},
]
THEME = Path(__file__).resolve().parent / "theme"


def copy_theme_assets(cfg: Any, docs: Path) -> None:
    """The stylesheets, scripts and images of the site's theme overrides (overrides/assets,
    and the engine's own overrides under them) copied as ordinary files: the engine's
    theme does not know those folders. Material's own files are left to the engine."""
    import material
    import mkdocs

    engines = [Path(m.__file__).resolve().parent for m in (material, mkdocs)]
    # in the theme's order: a file in docs/ wins, then the site's overrides, then the engine's
    for theme_dir in [Path(d).resolve() for d in cfg.theme.dirs]:
        if any(theme_dir == e or e in theme_dir.parents for e in engines):
            continue
        for path in sorted(theme_dir.rglob("*")):
            rel = path.relative_to(theme_dir)
            if path.is_file() and path.suffix != ".html" and not (docs / rel).exists():
                (docs / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, docs / rel)


# mkdocs.yml keys an engine without plugins is given as they are
KEPT = ("site_name", "site_description", "site_author", "site_url", "copyright", "use_directory_urls",
        "extra_css", "extra_javascript", "extra", "repo_url", "repo_name", "edit_uri", "validation")


def plain_config(root: Path, cfg: Any, prepared: Prepared, templates: bool = True) -> str:
    raw = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    out: dict[str, Any] = {k: raw[k] for k in KEPT if k in raw}
    out["edit_uri"] = cfg.edit_uri or ""  # a placeholder address was cleared by the plugin (audiences)
    out["docs_dir"] = "docs"
    out["site_dir"] = "site"
    out["strict"] = False  # procedures has checked links and anchors (see engines/zensical.py)
    theme = dict(raw.get("theme") or {})
    if not templates:
        shutil.copytree(THEME, prepared.stage / "overrides", dirs_exist_ok=True)
        copy_theme_assets(cfg, prepared.stage / "docs")
        theme["custom_dir"] = "overrides"
        # Material's look (header in the site's colours, its layout), not Zensical's "modern"
        theme.setdefault("variant", "classic")
        out["extra"] = {**(out.get("extra") or {}), "feeds": FEEDS}
    elif cfg.theme.get("custom_dir") or theme.get("custom_dir"):
        theme["custom_dir"] = str((root / theme.get("custom_dir", "overrides")).resolve())
    out["theme"] = theme
    out["markdown_extensions"] = [_extension_entry(e, cfg.mdx_configs) for e in cfg.markdown_extensions]
    out["nav"] = _plain(escaped_nav(cfg.nav))
    drafts = "\n".join(f"/{src}" for src in prepared.drafts)
    from ..core.plugin import unlisted_pages

    not_in_nav = (raw.get("not_in_nav") or "").rstrip("\n")
    unlisted = "\n".join(f"/{src}" for src in unlisted_pages(prepared.site) if src not in prepared.drafts)
    out["not_in_nav"] = "\n".join(x for x in (not_in_nav, unlisted) if x) + "\n"
    if drafts:
        out["exclude_docs"] = drafts + "\n"
        out["draft_docs"] = drafts + "\n"
    out["plugins"] = []
    return ("# Written by procedures/engines/plainconfig.py for an engine without MkDocs plugins;\n"
            "# do not edit: the source is mkdocs.yml, data/ and docs/.\n"
            + yaml.safe_dump(out, allow_unicode=True, sort_keys=False))

