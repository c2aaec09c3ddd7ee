"""The MkDocs plugin: validation before the build, generated navigation, drafts left
out, chapter pages wired to their template, abbreviations on every page, and the
files features write after the build. Each step calls into the rest of the package;
nothing here decides content.
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

from . import audiences, chapter_page, glossary, manual, notfound, registry
from .site import Site, get_site, resolve

log = logging.getLogger("mkdocs.plugins.procedures")


def drafts_shown() -> bool:
    return os.environ.get("PROCEDURES_SHOW_DRAFTS", "") == "1"


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
        audiences.on_config(config)  # a placeholder edit_uri never becomes an edit link
        if config.nav:
            config.nav = self._expand(config.nav)
        return config

    def _expand(self, items: list[Any]) -> list[Any]:
        out: list[Any] = []
        for item in items:
            if isinstance(item, str) and item in registry.NAV_EXPANDERS:
                out.extend(resolve(registry.NAV_EXPANDERS[item])(self.site))
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

    def on_nav(self, nav, config, files, **kwargs):
        for hook in self._hooks("on_nav"):
            nav = hook(self.site, nav, config, files) or nav
        return nav

    @staticmethod
    def _hooks(name: str):
        """Feature page hooks (registry.PAGE_HOOKS) that define ``name``."""
        for spec in registry.PAGE_HOOKS:
            fn = getattr(resolve(spec), name, None)
            if fn is not None:
                yield fn

    @staticmethod
    def _is_draft(page) -> bool:
        status = getattr(page.model, "status", None)
        return status == "draft"

    # --- each page -----------------------------------------------------------------
    @event_priority(50)
    def on_page_markdown(self, markdown, page, config, files, **kwargs):
        src = page.file.src_uri
        info = self.site.pages.get(src)
        chapter = manual.chapter_for(self.site, src)
        # Material reads `status` as a badge name; our `status` is the chapter lifecycle.
        if "status" in page.meta:
            page.meta["lifecycle"] = page.meta.pop("status")
        if chapter is not None:
            page.meta.setdefault("template", "chapter.html")
            page.meta.setdefault("description", chapter.meta.summary)
            page.meta["title"] = chapter.label
            badge = chapter.extra.get("nav_status")
            if badge:
                page.meta["status"] = badge
        elif info is not None and getattr(info.model, "description", None):
            page.meta.setdefault("description", info.model.description)
        for hook in self._hooks("on_page_markdown"):
            markdown = hook(self.site, page, markdown, config) or markdown
        abbr = glossary.abbreviations_markdown(self.site)
        return f"{markdown}\n\n{abbr}\n" if abbr else markdown

    def on_page_context(self, context, page, config, nav, **kwargs):
        chapter = manual.chapter_for(self.site, page.file.src_uri)
        if chapter is not None:
            context["chapter_head"] = chapter_page.head(self.site, chapter, page.url, config.site_url or "")
            context["chapter_foot"] = chapter_page.foot(self.site, chapter, page.url, config.site_url or "")
        context["build_date"] = self.site.today.isoformat()
        for hook in self._hooks("on_page_context"):
            context = hook(self.site, page, context, config) or context
        # Material writes <meta content="{{ page.meta.description }}"> unescaped: a quote in
        # a description would break the page's HTML. Escape it once, here.
        if isinstance(page.meta.get("description"), str):
            page.meta["description"] = escape(page.meta["description"])
        return context

    def on_template_context(self, context, template_name, config, **kwargs):
        # static templates (404.html) have no page: give them what procedures renders
        if template_name == "404.html" and self.site is not None:
            context.update(notfound.context(self.site))
        return context

    # --- whole-build hooks for features (registry.PAGE_HOOKS), e.g. the fast preview --
    def on_pre_build(self, config, **kwargs):
        for hook in self._hooks("on_pre_build"):
            hook(self.site, config)

    def on_page_content(self, html, page, config, files, **kwargs):
        for hook in self._hooks("on_page_content"):
            html = hook(self.site, page, html, config) or html
        return html

    def on_env(self, env, config, files, **kwargs):
        for hook in self._hooks("on_env"):
            env = hook(self.site, env, config, files) or env
        return env

    def on_serve(self, server, config, builder, **kwargs):
        for hook in self._hooks("on_serve"):
            server = hook(self.site, server, config, builder) or server
        return server

    # --- after the site is written -------------------------------------------------
    def on_post_build(self, config, **kwargs):
        for spec in registry.POST_BUILD:
            resolve(spec)(self.site, Path(config.site_dir), config)
        for hook in self._hooks("on_post_build"):
            hook(self.site, config)
