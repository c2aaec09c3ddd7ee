"""The MkDocs plugin: validation before the build, generated navigation, drafts left
out, and every enabled feature's page hooks and post-build writers. Each step calls
into the features (procedures/core/feature.py); nothing here decides content or names
a feature.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from . import feature
from .site import Site, get_site, resolve

log = logging.getLogger("mkdocs.plugins.procedures")


def drafts_shown() -> bool:
    return os.environ.get("PROCEDURES_SHOW_DRAFTS", "") == "1"


def verbose() -> bool:
    """``procedures serve|build --verbose``: show what the tools log for their developers."""
    return os.environ.get("PROCEDURES_VERBOSE", "") == "1"


# mkdocs-macros lists every macro, variable and filter it found at INFO on every build;
# an editor reads the dump as a problem. Its warnings and errors still show.
MACROS_LOGGER = "mkdocs.plugins.mkdocs_macros.util"


def quiet_macros() -> None:
    logging.getLogger(MACROS_LOGGER).setLevel(logging.DEBUG if verbose() else logging.WARNING)


def unlisted_pages(site: Site) -> list[str]:
    """Pages that exist but are deliberately not in the navigation (``Feature.unlisted_pages``:
    archived chapters and briefings; drafts shown in the preview): added to MkDocs'
    ``not_in_nav``. Every other page deliberately missing from the nav is listed in
    mkdocs.yml's ``not_in_nav``; MkDocs lists any page that is neither when the preview starts."""
    return sorted(src for spec in feature.UNLISTED_PAGES for src in resolve(spec)(site))


# the engine's Material overrides (templates, stylesheets, scripts); a site made by
# `procedures init` has no overrides/ of its own and is built with these
ENGINE_OVERRIDES = Path(__file__).resolve().parents[2] / "overrides"


def _use_engine_theme(config) -> None:
    """Put the engine's overrides under the site's own (if any), above Material's."""
    dirs = config.theme.dirs
    if ENGINE_OVERRIDES.is_dir() and not any(Path(d).resolve() == ENGINE_OVERRIDES for d in dirs):
        own = 1 if getattr(config.theme, "custom_dir", None) else 0  # (not in theme.get())
        dirs.insert(own, str(ENGINE_OVERRIDES))


class ProceduresConfig(Config):
    root = config_options.Optional(config_options.Type(str))


class ProceduresPlugin(BasePlugin[ProceduresConfig]):
    site: Site | None = None

    # --- before anything is read ---------------------------------------------------
    @event_priority(100)
    def on_config(self, config, **kwargs):
        root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
        site = get_site(root)
        for problem in site.report.warnings:
            log.info(str(problem))
        if site.report.errors:
            lines = [str(p) for p in site.report.errors]
            for line in lines:
                print(line, file=sys.stderr)
            raise PluginError(f"{len(lines)} problem(s) in data or front matter — fix the lines above and build again")
        self.site = site
        _use_engine_theme(config)
        for spec in feature.MARKDOWN_EXTENSIONS:
            config.markdown_extensions.append(resolve(spec)())
        quiet_macros()
        unlisted = unlisted_pages(site)
        if unlisted:
            from pathspec.gitignore import GitIgnoreSpec

            spec = GitIgnoreSpec.from_lines([f"/{src}" for src in unlisted])
            config.not_in_nav = config.not_in_nav + spec if config.not_in_nav else spec
        self._hook_cache = {}  # feature hooks are looked up again for every build
        # e.g. the glossary's tooltips given to Markdown once per build; a placeholder
        # edit_uri never becomes an edit link (audiences)
        for hook in self._hooks("on_config"):
            hook(site, config)
        if config.nav:
            config.nav = self._expand(config.nav)
        return config

    def _expand(self, items: list[Any]) -> list[Any]:
        out: list[Any] = []
        for item in items:
            if isinstance(item, str) and item in feature.NAV_EXPANDERS:
                out.extend(resolve(feature.NAV_EXPANDERS[item])(self.site))
            elif isinstance(item, dict):
                out.append({k: self._expand(v) if isinstance(v, list) else v for k, v in item.items()})
            else:
                out.append(item)
        return out

    # --- which files exist ---------------------------------------------------------
    def on_files(self, files, config, **kwargs):
        if not drafts_shown():
            for page in list(self.site.pages.values()):
                if self._is_draft(page):
                    f = files.get_file_from_path(page.src_uri)
                    if f is not None:
                        files.remove(f)
        for hook in self._hooks("on_files"):
            files = hook(self.site, files, config) or files
        return files

    def _hooks(self, name: str) -> tuple:
        """Feature page hooks (feature.PAGE_HOOKS) that define ``name``: looked up once
        per build (each build makes a new plugin), not once per page."""
        found = self.__dict__.setdefault("_hook_cache", {})  # (set afresh by on_config)
        if name not in found:
            found[name] = tuple(fn for spec in feature.PAGE_HOOKS
                                if (fn := getattr(resolve(spec), name, None)) is not None)
        return found[name]

    @staticmethod
    def _is_draft(page) -> bool:
        status = getattr(page.model, "status", None)
        return status == "draft"

    # --- each page -----------------------------------------------------------------
    @event_priority(50)
    def on_page_markdown(self, markdown, page, config, files, **kwargs):
        src = page.file.src_uri
        info = self.site.pages.get(src)
        # Material reads `status` as a badge name; our `status` is the page's lifecycle
        # (a feature may then set a badge, e.g. the manual from the amendments).
        if "status" in page.meta:
            page.meta["lifecycle"] = page.meta.pop("status")
        if info is not None and getattr(info.model, "description", None):
            page.meta.setdefault("description", info.model.description)
        for hook in self._hooks("on_page_markdown"):
            markdown = hook(self.site, page, markdown, config) or markdown
        return markdown

    def on_page_context(self, context, page, config, nav, **kwargs):
        context["build_date"] = self.site.today.isoformat()
        for hook in self._hooks("on_page_context"):
            context = hook(self.site, page, context, config) or context
        # Material writes <meta content="{{ page.meta.description }}"> unescaped: a quote in
        # a description would break the page's HTML. Escape it once, here.
        if isinstance(page.meta.get("description"), str):
            page.meta["description"] = escape(page.meta["description"])
        return context

    def on_template_context(self, context, template_name, config, **kwargs):
        # static templates (404.html) have no page: features give them what they render
        if self.site is not None:
            for hook in self._hooks("on_template_context"):
                context = hook(self.site, context, template_name, config) or context
        return context

    # --- whole-build hooks for features (feature.PAGE_HOOKS), e.g. the fast preview --
    def on_pre_build(self, config, **kwargs):
        for hook in self._hooks("on_pre_build"):
            hook(self.site, config)

    def on_page_content(self, html, page, config, files, **kwargs):
        for hook in self._hooks("on_page_content"):
            html = hook(self.site, page, html, config) or html
        return html

    def on_nav(self, nav, config, files, **kwargs):
        for hook in self._hooks("on_nav"):
            nav = hook(self.site, nav, config, files) or nav
        return nav

    def on_env(self, env, config, files, **kwargs):
        for hook in self._hooks("on_env"):
            env = hook(self.site, env, config, files) or env
        return env

    def on_serve(self, server, config, builder, **kwargs):
        for hook in self._hooks("on_serve"):
            server = hook(self.site, server, config, builder) or server
        return server

    def on_shutdown(self):
        for hook in self._hooks("on_shutdown"):
            hook(self.site)

    # --- after the site is written -------------------------------------------------
    def on_post_build(self, config, **kwargs):
        for spec in feature.POST_BUILD:
            resolve(spec)(self.site, Path(config.site_dir), config)
        for hook in self._hooks("on_post_build"):
            hook(self.site, config)
