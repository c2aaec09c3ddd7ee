"""What editors run: the full check (``procedures check``) and new chapters and briefings
from templates (``procedures new chapter`` / ``procedures new briefing``).

A new page starts as a draft with its front matter filled in and ``REPLACE THIS``
placeholders where the editor has to write. A draft is never published; a published
page that still holds a placeholder is an error (:func:`check_placeholders`), so a
template can never reach practitioners by accident.
"""

from __future__ import annotations

import importlib
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..core.dates import today as build_today
from ..core.links import check_links, check_project  # noqa: F401  (editing.check_project: callers use it here)
from ..core.site import Site, load_site
from ..manual import chapters as manual

PLACEHOLDER = "REPLACE THIS"


class ScaffoldError(Exception):
    """A new page could not be made; the message says what to do."""




def check_placeholders(site: Site) -> None:
    """A published page must not still hold the template's placeholder text."""
    for page in site.pages.values():
        status = getattr(page.model, "status", None)
        if status not in {"published", "archived"}:
            continue
        if PLACEHOLDER not in page.body and not any(PLACEHOLDER in json.dumps(v, default=str) for v in page.meta.values()):
            continue  # the usual case, decided without going through the page line by line
        rel = site.rel(page.path)
        for key, value in page.meta.items():
            if PLACEHOLDER in json.dumps(value, default=str):
                site.report.error(rel, page.lines.line_of((key,)),
                                  f"'{key}' still holds the template's '{PLACEHOLDER}' text — write the real text, or keep 'status: draft'")
        for offset, line in enumerate(page.body.splitlines()):
            if PLACEHOLDER in line:
                site.report.error(rel, page.body_line + offset,
                                  f"this line is still the template's '{PLACEHOLDER}' text — write the real text, or keep 'status: draft'")
                break


# --- helpers ------------------------------------------------------------------------------

def render_plain(name: str, **ctx) -> str:
    """A new file from ``procedures/templates/<name>``: values are already YAML-quoted by
    the caller, so nothing is escaped here (the result is a source file, not HTML)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from ..core.render import TEMPLATES

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=False, undefined=StrictUndefined,
                      keep_trailing_newline=True)
    return env.get_template(name).render(**ctx)


def slugify(title: str) -> str:
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    text = re.sub(r"['’]", "", text.lower())
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def yaml_text(value: str) -> str:
    """A YAML scalar for ``value``: plain when that is safe, otherwise double-quoted."""
    if re.fullmatch(r"[A-Za-z0-9(][^:#\"'\n{}\[\]]*", value) and not value.endswith(" ") and ": " not in value:
        return value
    return json.dumps(value, ensure_ascii=False)


def _add_months(d: date, months: int) -> date:
    month = d.month - 1 + months
    year, month = d.year + month // 12, month % 12 + 1
    day = min(d.day, [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1])
    return date(year, month, day)


def _load(root: Path) -> Site:
    site = load_site(root)
    if site.data.get("sections") is None or site.data.get("owners") is None:
        raise ScaffoldError("data/sections.yml or data/owners.yml has errors — run 'procedures check' and fix them first")
    return site


def used_ids(site: Site) -> set[str]:
    """Every chapter id in use or ever used: chapters of any status, unreadable chapters,
    and ids named in the amendments log (a removed chapter's id is never reused)."""
    ids = {c.id for c in site.chapters} | set(site.extra.get("invalid_chapter_ids", ()))
    log = site.data_dir / "amendments.yml"
    if log.exists():
        text = log.read_text(encoding="utf-8")
        ids |= set(re.findall(r"(?:chapter|previous_id|id):\s*[\"']?(\d+(?:\.\d+)+)", text))
    return ids


def next_free_id(site: Site, section: str) -> str:
    highest = 0
    for cid in used_ids(site):
        parts = cid.split(".")
        if parts[0] == section and len(parts) > 1 and parts[1].isdigit():
            highest = max(highest, int(parts[1]))
    return f"{section}.{highest + 1}"


@dataclass
class Created:
    path: Path
    rel: str
    label: str


def _write_new(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    if path.exists():
        raise ScaffoldError(f"{rel} already exists — choose another title, or give the file another name with --slug")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- new chapter -------------------------------------------------------------------------

def new_chapter(root: Path, title: str, section: str, owner: str | None = None, summary: str | None = None,
                slug: str | None = None, review_months: int = 12, today: date | None = None) -> Created:
    root = Path(root).resolve()
    site = _load(root)
    today = today or build_today()
    title = title.strip()
    if not title:
        raise ScaffoldError("give the chapter a title, e.g. procedures new chapter \"Young Carers\" --section 2")
    sections = {s.key: s for s in manual.sections(site)}
    if section not in sections:
        known = "; ".join(f"{k} {s.title}" for k, s in sections.items())
        raise ScaffoldError(f"section '{section}' does not exist — choose one of: {known} (data/sections.yml)")
    owners = site.data["owners"]
    owner_keys = [o.key for o in owners.owners]
    owner = owner or owners.default
    if owner not in owner_keys:
        raise ScaffoldError(f"owner '{owner}' is not a group in data/owners.yml — choose one of: {', '.join(owner_keys)}")
    if summary is not None and not 10 <= len(summary.strip()) <= 250:
        raise ScaffoldError("the summary must be one sentence of 10 to 250 characters")
    slug = slugify(slug or title)
    if not slug:
        raise ScaffoldError("the title has no letters or digits to make a file name from — give one with --slug")
    rel = f"docs/manual/{slug}.md"
    chapter_id = next_free_id(site, section)
    text = render_plain(
        "new/chapter.md",
        id=json.dumps(chapter_id), title=yaml_text(title), section=json.dumps(section),
        summary=yaml_text(summary.strip()) if summary else f"\"{PLACEHOLDER}: one sentence saying what this chapter covers.\"",
        owner=owner, last_reviewed=today.isoformat(), next_review=_add_months(today, review_months).isoformat(),
        placeholder=PLACEHOLDER, section_title=sections[section].title,
    )
    path = _write_new(root, rel, text)
    return Created(path, rel, f"chapter {chapter_id} {title} (draft, section {section} {sections[section].title})")


# --- new briefing -----------------------------------------------------------------------

def _briefings_module():
    spec = next((s for prefix, s in _content_types().items() if prefix.startswith("briefings")), None)
    if spec is None:
        raise ScaffoldError("this project has no 7-Minute Briefings content type")
    return importlib.import_module(spec.partition(":")[0])


def _content_types() -> dict[str, str]:
    from ..core import feature as registry

    return registry.CONTENT_TYPES


def briefing_choices() -> tuple[list[str], list[str]]:
    """(source kinds, usual section titles) of the briefings content type, if it exists."""
    try:
        mod = _briefings_module()
    except ScaffoldError:
        return [], []
    return list(getattr(mod, "SOURCE_KINDS", {})), list(getattr(mod, "USUAL_SECTIONS", ()))


def new_briefing(root: Path, title: str, themes: list[str], source_kind: str, summary: str | None = None,
                 slug: str | None = None, today: date | None = None) -> Created:
    root = Path(root).resolve()
    mod = _briefings_module()
    site = load_site(root)
    today = today or build_today()
    title = title.strip()
    if not title:
        raise ScaffoldError("give the briefing a title, e.g. procedures new briefing \"Safer sleep\" --theme safeguarding-babies")
    theme_data = site.data.get("briefing-themes")
    if theme_data is None:
        raise ScaffoldError("data/briefing-themes.yml has errors — run 'procedures check' and fix them first")
    theme_keys = [t.key for t in theme_data.themes]
    if not themes:
        raise ScaffoldError(f"choose at least one theme with --theme — one of: {', '.join(theme_keys)}")
    unknown = [t for t in themes if t not in theme_keys]
    if unknown:
        raise ScaffoldError(f"theme '{unknown[0]}' is not in data/briefing-themes.yml — choose from: {', '.join(theme_keys)}")
    kinds = list(getattr(mod, "SOURCE_KINDS", {}))
    if kinds and source_kind not in kinds:
        raise ScaffoldError(f"source '{source_kind}' is not a kind of source — choose one of: {', '.join(kinds)}")
    slug = slugify(slug or title)
    if not slug:
        raise ScaffoldError("the title has no letters or digits to make a file name from — give one with --slug")
    rel = f"docs/briefings/{slug}.md"
    text = render_plain(
        "new/briefing.md",
        title=yaml_text(title),
        summary=yaml_text(summary.strip()) if summary else f"\"{PLACEHOLDER}: one sentence saying what the learning is about.\"",
        published=today.isoformat(), themes=", ".join(themes), source_kind=source_kind,
        sections=list(getattr(mod, "USUAL_SECTIONS", ())), placeholder=PLACEHOLDER,
    )
    path = _write_new(root, rel, text)
    return Created(path, rel, f"7-Minute Briefing '{title}' (draft)")


def problems_in(root: Path, rel: str) -> list[str]:
    """Problems ``procedures check`` finds in one file (used after making a new page)."""
    site, _ = check_project(root)
    return [str(p) for p in site.report.problems if p.file == rel]
