"""What a feature contributes, declared once, and the enabled features.

A feature is a package under ``procedures/`` whose ``__init__`` holds one
``FEATURE = Feature(__name__, ...)``: its data files and their models, its checks, page
functions, nav markers, page hooks, files written after the build, PDFs and commands.
``procedures/registry.py`` lists the enabled features in order and calls :func:`enable`;
the core reads every contribution from here and names no feature itself.

Contributions are ``"module:function"`` strings (a module alone for ``macros`` and
``page_hooks``), imported only when first used, as the plug-in lists were before; data
models are the classes themselves. The order of the features is the order of every list
below, except that an after-build :class:`Step` may ask for an earlier or later stage.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# after-build stages, in the order they run; within a stage, the order of the features
STAGES = ("early", "main", "late", "last")


@dataclass(frozen=True)
class Step:
    """An after-build step with its stage: ``early`` checks and fixes the written HTML,
    ``main`` does the work (a step may start something in the background), ``late`` waits
    for it or uses what ``main`` made, ``last`` runs once everything else is final."""

    spec: str
    stage: str = "main"
    # the step uses the printed PDFs: `procedures pdf --from-site` runs it again after
    # re-printing them (e.g. joining the parts of a long manual)
    reprint: bool = False

    def __post_init__(self) -> None:
        if self.stage not in STAGES:
            raise ValueError(f"unknown after-build stage '{self.stage}' — one of {', '.join(STAGES)}")


@dataclass(frozen=True)
class Engine:
    """An engine that writes the HTML site (procedures/core/engine.py chooses one)."""

    name: str
    build: str  # "module:function": build(site, root, tmp) writes the HTML site into tmp
    installed: Callable[[], bool]
    install_hint: str  # one line: how to install it when it is missing


@dataclass(frozen=True)
class Feature:
    """Everything one feature adds to the engine (see ARCHITECTURE.md, "Adding a feature")."""

    module: str  # the package: __name__ of its __init__
    # data/<file> -> pydantic model of the whole file (loaded in feature order)
    data_files: Mapping[str, type] = field(default_factory=dict)
    # fn(site): cross checks once every data file and page has loaded; they add to site.report
    checks: tuple[str, ...] = ()
    # modules with macros(site) -> {name: function}: page functions for pages with render_macros
    macros: tuple[str, ...] = ()
    # docs/ folder prefix -> fn(site, page): validates a page of that type, records it on the site
    content_types: Mapping[str, str] = field(default_factory=dict)
    # nav marker in mkdocs.yml (e.g. "!chapters") -> fn(site) -> nav items
    nav_expanders: Mapping[str, str] = field(default_factory=dict)
    # fn(site) -> [src_uri]: pages that exist but are deliberately not in the navigation
    unlisted_pages: tuple[str, ...] = ()
    # modules with optional MkDocs-style hooks, each given the site first (see plugin.py)
    page_hooks: tuple[str, ...] = ()
    # Python-Markdown extension classes added to every page, after mkdocs.yml's
    markdown_extensions: tuple[str, ...] = ()
    # fn(site, site_dir, config): files written after MkDocs has written the site
    post_build: tuple[str, ...] = ()
    # fn(site, tmp_site_dir) (or a Step): whole-site steps on the temporary build; a failure stops it
    after_build: tuple[str | Step, ...] = ()
    # fn(tmp_site_dir): a failed build stops what this feature's after-build steps started
    on_build_failed: tuple[str, ...] = ()
    # fn(site) -> str | None: a problem that would stop a full build, found before it starts
    preflight: tuple[str, ...] = ()
    # fn(site) -> [PdfDocument]: printed by the pdf feature from the final HTML
    pdf_documents: tuple[str, ...] = ()
    # fn(site) -> [site path]: addresses published besides docs/ (redirects, kept URLs), for link checks
    addresses: tuple[str, ...] = ()
    # "module:COMMANDS": a dict name -> (help, configure(parser), handler(args)) of `procedures` commands
    cli_commands: tuple[str, ...] = ()
    # modules of this feature other features may import (its package always may be): the
    # declared interface; anything else is its own (tests/unit/test_architecture.py)
    interface: tuple[str, ...] = ()
    # engine name -> Engine: what `procedures build --engine NAME` runs (MkDocs by default)
    engines: Mapping[str, Engine] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.module.rpartition(".")[2]


_ENABLED: tuple[Feature, ...] | None = None


class NoFeatures(RuntimeError):
    pass


def enable(features: Iterable[Feature]) -> None:
    """Make ``features`` (in this order) the ones the engine runs."""
    global _ENABLED
    found = tuple(features)
    seen: dict[str, str] = {}
    for f in found:
        for kind, keys in (("feature", [f.name]), ("data file", list(f.data_files)),
                           ("nav marker", list(f.nav_expanders)), ("content type", list(f.content_types)),
                           ("engine", list(f.engines))):
            for key in keys:
                if (kind, key) in seen:
                    raise ValueError(f"{f.module} and {seen[(kind, key)]} both declare the {kind} '{key}'")
                seen[(kind, key)] = f.module
    _ENABLED = found


def enabled() -> tuple[Feature, ...]:
    if _ENABLED is None:
        raise NoFeatures("no features are enabled — import procedures.registry (it lists them) before loading a site")
    return _ENABLED


def _stage(step: str | Step) -> int:
    return STAGES.index(step.stage) if isinstance(step, Step) else STAGES.index("main")


def _spec(step: str | Step) -> str:
    return step.spec if isinstance(step, Step) else step


def views(features: Iterable[Feature]) -> dict[str, Any]:
    """The flat lists the plug-in registry had (DATA_FILES, CROSS_CHECKS, …), derived from
    ``features``: one source of truth, the features' declarations."""
    fs = tuple(features)

    def cat(attr: str) -> list[Any]:
        return [x for f in fs for x in getattr(f, attr)]

    def merged(attr: str) -> dict[str, Any]:
        return {k: v for f in fs for k, v in getattr(f, attr).items()}

    after = sorted(cat("after_build"), key=_stage)  # stable: feature order within a stage
    return {
        "DATA_FILES": merged("data_files"),
        "CROSS_CHECKS": cat("checks"),
        "MACRO_MODULES": cat("macros"),
        "CONTENT_TYPES": merged("content_types"),
        "NAV_EXPANDERS": merged("nav_expanders"),
        "UNLISTED_PAGES": cat("unlisted_pages"),
        "PAGE_HOOKS": cat("page_hooks"),
        "MARKDOWN_EXTENSIONS": cat("markdown_extensions"),
        "POST_BUILD": cat("post_build"),
        "AFTER_BUILD": [_spec(s) for s in after],
        "AFTER_REPRINT": [s.spec for s in after if isinstance(s, Step) and s.reprint],
        "ON_BUILD_FAILED": cat("on_build_failed"),
        "PREFLIGHT": cat("preflight"),
        "PDF_DOCUMENTS": cat("pdf_documents"),
        "ADDRESSES": cat("addresses"),
        "CLI_COMMANDS": cat("cli_commands"),
        "ENGINES": merged("engines"),
    }


VIEW_NAMES = frozenset(views(()))
_cache: tuple[tuple[Feature, ...], dict[str, Any]] | None = None


def __getattr__(name: str) -> Any:
    """``feature.AFTER_BUILD`` etc.: the enabled features' contributions of that kind."""
    global _cache
    if name not in VIEW_NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    fs = enabled()
    if _cache is None or _cache[0] is not fs:
        _cache = (fs, views(fs))
    return _cache[1][name]
