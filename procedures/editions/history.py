"""Editions and each chapter's versions, read from git at the edition tags.

Nothing here is stored: the text of a chapter at an edition is ``git cat-file`` of
``<tag>:docs/manual/<slug>.md``. A release without a ``tag`` (the log's releases before
``procedures release`` existed) is an edition whose text this site does not hold.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.dates import long_date, month_year

if TYPE_CHECKING:
    from ..core.site import Site
    from ..manual.chapters import Chapter

FETCH_HINT = "git fetch --unshallow --tags"
# PROCEDURES_EDITIONS=off builds without the earlier texts (e.g. a test's copy of the
# project outside git); never set it where the site is published
OFF_SWITCH = "PROCEDURES_EDITIONS"
TAG_PREFIX = "edition-"


class HistoryError(Exception):
    """The edition history in this clone is incomplete: one line, what is missing and how to fetch it."""


@dataclass(frozen=True)
class Edition:
    index: int  # position among the log's releases, oldest first
    date: date
    heading: str
    anchor: str  # the release's anchor on its amendments page
    page: str  # the amendments page (docs src) that lists the release
    tag: str | None  # None: the text of this edition is not in git

    @property
    def key(self) -> str:
        """The edition's address part: 2024-03 (or 2024-03-31 for a second edition in a month)."""
        return self.tag.removeprefix(TAG_PREFIX) if self.tag else self.date.strftime("%Y-%m")

    @property
    def label(self) -> str:
        return f"{month_year(self.date)} edition"

    @property
    def date_label(self) -> str:
        return long_date(self.date)


def editions(site: Site) -> list[Edition]:
    """Every release of the amendments log as an edition, oldest first."""
    from ..amendments import log as am

    latest = am.latest_year(site)
    return [Edition(r.index, r.date, r.heading, r.anchor, am.page_for_year(r.year, latest), r.release.tag)
            for r in am.releases(site)]


def in_force(eds: list[Edition], day: date) -> Edition | None:
    """The edition in force on ``day``: the latest published on or before it (None before the first)."""
    found = None
    for e in sorted(eds, key=lambda e: e.date):
        if e.date <= day:
            found = e
    return found


def ranges(eds: list[Edition]) -> list[tuple[Edition, date | None]]:
    """(edition, last day in force) oldest first; None for the edition still in force."""
    from datetime import timedelta

    ordered = sorted(eds, key=lambda e: e.date)
    return [(e, ordered[i + 1].date - timedelta(days=1) if i + 1 < len(ordered) else None)
            for i, e in enumerate(ordered)]


# --- git ----------------------------------------------------------------------------------------

def _git(root: Path, *args: str, input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, input=input)


def check_clone(root: Path, tags: list[str]) -> str:
    """Raise HistoryError (one line) unless ``root`` is a full clone holding every tag;
    return the folder's path inside the repository ('' at the top)."""
    named = ", ".join(tags)
    inside = _git(root, "rev-parse", "--show-prefix")
    if inside.returncode != 0:
        raise HistoryError(f"{root} is not a git clone, so the editions named in data/amendments.yml ({named}) cannot be read "
                           f"— build from a clone with full history and tags ({FETCH_HINT})")
    shallow = _git(root, "rev-parse", "--is-shallow-repository").stdout.strip()
    if shallow == "true":
        raise HistoryError(f"this is a shallow clone: the editions named in data/amendments.yml ({named}) need the full "
                           f"history — run '{FETCH_HINT}' and build again")
    have = set(_git(root, "tag", "--list", TAG_PREFIX + "*").stdout.split())
    missing = [t for t in tags if t not in have]
    if missing:
        raise HistoryError(f"data/amendments.yml names edition tag(s) missing from this clone: {', '.join(missing)} "
                           f"— run '{FETCH_HINT}' and build again")
    return inside.stdout.strip()


def read_blobs(root: Path, specs: list[str]) -> dict[str, str | None]:
    """``<rev>:<path>`` -> text (None when the path did not exist there), in one git process."""
    if not specs:
        return {}
    res = subprocess.run(["git", "-C", str(root), "cat-file", "--batch"], input=("\n".join(specs) + "\n").encode(),
                         capture_output=True)
    if res.returncode != 0:
        raise HistoryError(f"git could not read the editions ({res.stderr.decode(errors='replace').strip()}) — run '{FETCH_HINT}'")
    out: dict[str, str | None] = {}
    data = res.stdout
    pos = 0
    for spec in specs:
        end = data.index(b"\n", pos)
        header = data[pos:end].decode(errors="replace").split()
        pos = end + 1
        if len(header) == 3 and header[1] == "blob":
            size = int(header[2])
            out[spec] = data[pos:pos + size].decode("utf-8", errors="replace")
            pos += size + 1
        else:  # "<spec> missing" (or not a file)
            out[spec] = None
    return out


def last_changed(root: Path, path: str) -> date | None:
    """The date of the last commit that changed ``path`` (for text changed after the last edition)."""
    res = _git(root, "log", "-1", "--format=%cs", "--", path)
    text = res.stdout.strip()
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


# --- versions ----------------------------------------------------------------------------------

def body_of(text: str) -> tuple[dict, str]:
    """(front matter, body) of a chapter file; front matter read safely ({} if unreadable),
    with libyaml's safe loader when PyYAML has it (the same safe subset, several times
    faster: a build reads every chapter at every edition)."""
    import yaml

    if text.startswith("---"):
        parts = text.split("\n---", 1)
        if len(parts) == 2:
            try:
                meta = yaml.load(parts[0][3:], Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
            except yaml.YAMLError:
                meta = {}
            body = parts[1].split("\n", 1)[1] if "\n" in parts[1] else ""
            return (meta if isinstance(meta, dict) else {}), body
    return {}, text


@dataclass
class Version:
    """One text of a chapter, first published in ``edition``."""

    chapter: Chapter
    edition: Edition
    title: str
    body: str
    superseded_on: date | None = None  # None while it is the current text
    previous: Version | None = None

    @property
    def current(self) -> bool:
        return self.superseded_on is None

    @property
    def slug(self) -> str:
        return self.chapter.src_uri.removeprefix("manual/").removesuffix(".md")

    @property
    def src(self) -> str:
        """The generated page with this text: manual/<slug>/editions/<key>.md"""
        return f"manual/{self.slug}/editions/{self.edition.key}.md"

    @property
    def url(self) -> str:
        return f"manual/{self.slug}/editions/{self.edition.key}/"

    @property
    def changes_src(self) -> str:
        """What changed in this edition: manual/<slug>/editions/<key>/changes.md"""
        return f"manual/{self.slug}/editions/{self.edition.key}/changes.md"

    @property
    def changes_url(self) -> str:
        return f"manual/{self.slug}/editions/{self.edition.key}/changes/"


@dataclass
class History:
    editions: list[Edition] = field(default_factory=list)
    versions: dict[str, list[Version]] = field(default_factory=dict)  # chapter id -> oldest first

    def stood(self, chapter_id: str, edition: Edition) -> Version | None:
        """The chapter's text in force at ``edition`` (None if it did not exist then)."""
        found = None
        for v in self.versions.get(chapter_id, []):
            if v.edition.date <= edition.date:
                found = v
        return found

    def existed(self, chapter_id: str, edition: Edition) -> bool:
        return edition.key in self.present.get(chapter_id, set())

    present: dict[str, set[str]] = field(default_factory=dict)  # chapter id -> edition keys where the file existed


def read_history(site: Site) -> History:
    """Versions of every published or archived chapter at every tagged edition.

    No tagged edition: an empty history (no git call at all). Raises HistoryError when
    the clone cannot give every named tag."""
    import os

    eds = editions(site)
    tagged = [e for e in eds if e.tag]
    hist = History(editions=eds)
    if not tagged or os.environ.get(OFF_SWITCH, "").strip().lower() == "off":
        return hist
    prefix = check_clone(site.root, [e.tag for e in tagged])
    chapters = [c for c in site.chapters if c.status != "draft"]
    specs = {(c.id, e.tag): f"{e.tag}:{prefix}{c.file}" for c in chapters for e in tagged}
    blobs = read_blobs(site.root, list(specs.values()))
    parsed: dict[str, tuple[dict, str]] = {}  # a text unchanged between editions is read once

    def parse(text: str) -> tuple[dict, str]:
        if text not in parsed:
            parsed[text] = body_of(text)
        return parsed[text]

    for c in chapters:
        current_meta, current_body = parse((site.root / c.file).read_text(encoding="utf-8"))
        versions: list[Version] = []
        present: set[str] = set()
        previous_body: str | None = None
        for e in tagged:
            text = blobs.get(specs[(c.id, e.tag)])
            meta, body = parse(text) if text is not None else ({}, "")
            if text is None or meta.get("status") == "draft":
                # not in that edition, or a draft then: never published, so never shown
                previous_body = None
                continue
            present.add(e.key)
            if body != previous_body:
                if versions and versions[-1].superseded_on is None:
                    versions[-1].superseded_on = e.date
                versions.append(Version(c, e, str(meta.get("title") or c.title), body,
                                        previous=versions[-1] if versions else None))
            previous_body = body
        if versions and versions[-1].body != current_body:
            # changed after the last edition (published between editions)
            versions[-1].superseded_on = last_changed(site.root, c.file) or site.today
        hist.versions[c.id] = versions
        hist.present[c.id] = present
    return hist
