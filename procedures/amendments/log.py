"""The amendments log (``data/amendments.yml``): the single source for what changed.

From one YAML list of releases this module derives

* the Amendments page (grouped by release, newest first) and one archive page per year;
* each chapter's latest amendment note and its "Updates to this chapter" list;
* the "new" / "updated" badges of the chapters in the latest release (nav and contents);
* the redirects for renamed and removed chapters (see :mod:`procedures.amendments.outputs`,
  which also writes the feeds, the email digest and checks the published-URL manifest).

Releases are kept oldest first, so a new entry is always added at the end of the file
(``procedures amend`` does that without rewriting the rest).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from markupsafe import Markup, escape
from pydantic import Field, StringConstraints, field_validator, model_validator

from ..core.dates import long_date, month_year
from ..core.models import ChapterId, Model, Text

if TYPE_CHECKING:
    from ..core.site import Site
    from ..manual.chapters import Chapter

NAME = "amendments"
FILE = "data/amendments.yml"
MAX_SUMMARY = 300
from ..core.site import site_url  # noqa: E402,F401  (amendments.log.site_url: callers use it here)

URL_MANIFEST = "urls.txt"  # at the project root: every URL the site has published

Change = Literal["new", "updated", "removed", "renamed"]
CHANGES: tuple[str, ...] = ("new", "updated", "renamed", "removed")  # display order
GROUP_TITLES = {
    "new": "New chapters",
    "updated": "Updated chapters",
    "renamed": "Renamed or moved chapters",
    "removed": "Removed chapters",
}
VERBS = {"new": "Added", "updated": "Updated", "renamed": "Renamed", "removed": "Removed"}
Summary = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_SUMMARY)]

_URL = re.compile(r"^[a-z0-9][a-z0-9._~/-]*$")


# --- model -------------------------------------------------------------------------------

def site_path(v: Any, name: str) -> Any:
    """An old address on this site, normalised to 'manual/old-name/' (no host, no leading /)."""
    if v is None:
        return v
    text = str(v).strip()
    path = text.lstrip("/")
    if not _URL.match(path) or ".." in path.split("/") or path.endswith(".md"):
        raise ValueError(f"{name} must be the old address on this site, written like manual/old-name/ (found '{text}')")
    if not (path.endswith("/") or path.endswith(".html")):
        path += "/"
    return path


class Entry(Model):
    chapter: ChapterId
    change: Change
    summary: Summary
    previous_id: ChapterId | None = None  # renamed: the id the chapter had before
    previous_url: str | None = None  # renamed / removed: the old address, e.g. manual/old-name/
    replaced_by: ChapterId | None = None  # removed, when the page is gone: where readers go now
    title: Text | None = None  # removed, when the page is gone: the title it had

    @field_validator("previous_url", mode="before")
    @classmethod
    def _site_path(cls, v: Any) -> Any:
        return site_path(v, "previous_url")

    @model_validator(mode="after")
    def _fields_fit_change(self) -> Entry:
        if self.change not in ("renamed", "removed") and (self.previous_id or self.previous_url):
            raise ValueError(
                f"previous_id and previous_url belong to 'renamed' or 'removed' entries, not '{self.change}' — remove them or change the entry"
            )
        if self.change != "removed" and (self.replaced_by or self.title):
            raise ValueError(f"replaced_by and title belong to 'removed' entries, not '{self.change}' — remove them")
        return self


class Release(Model):
    date: date
    title: Text | None = None
    # set by `procedures release` when the edition is cut: the git tag holding its text
    # (edition-YYYY-MM; see procedures/editions/)
    tag: str | None = None
    entries: list[Entry] = Field(min_length=1)

    @field_validator("tag", mode="before")
    @classmethod
    def _tag_name(cls, v: Any) -> Any:
        if v is None:
            return v
        text = str(v).strip()
        if not re.fullmatch(r"edition-\d{4}-\d{2}(-\d{2})?", text):
            raise ValueError(f"tag must be written like edition-2027-05 (found '{text}') — it is set by 'procedures release'")
        return text


class MovedPage(Model):
    """A page that is not a chapter (e.g. a thresholds page) moved to a new address."""

    old_url: str  # the old address, e.g. thresholds/levels/early-help/
    new_page: Text  # the page in docs/ it moved to, e.g. thresholds/levels/level-2.md

    @field_validator("old_url", mode="before")
    @classmethod
    def _site_path(cls, v: Any) -> Any:
        return site_path(v, "old_url")


class AmendmentsFile(Model):
    next_update: str
    next_update_unconfirmed: Text | None = None  # why the month is not settled yet
    moved_pages: list[MovedPage] = []
    releases: list[Release] = Field(min_length=1)

    @field_validator("next_update", mode="before")
    @classmethod
    def _month_year(cls, v: Any) -> str:
        text = str(v).strip() if v is not None else ""
        try:
            datetime.strptime(text, "%B %Y")
        except ValueError:
            raise ValueError(f"next_update must be a month and year, e.g. May 2027 (found '{text}')") from None
        return text

    @property
    def next_update_month(self) -> date:
        return datetime.strptime(self.next_update, "%B %Y").date()


# --- derived views -------------------------------------------------------------------------

@dataclass(frozen=True)
class ChapterAmendment:
    """One line of a chapter's update history (what the chapter page shows)."""

    date: date
    change: str
    summary: str
    anchor: str  # the release's anchor on its amendments page
    page: str  # the amendments page src_uri that lists the release

    @property
    def date_label(self) -> str:
        return long_date(self.date)

    @property
    def label(self) -> str:
        return f"{VERBS[self.change]} {month_year(self.date)}"


@dataclass(frozen=True)
class Target:
    """Where a redirect leads: a chapter or another page."""

    label: str
    url: str  # site path, e.g. manual/neglect/


@dataclass
class EntryView:
    entry: Entry
    release_index: int
    index: int
    chapter: Chapter | None  # the chapter's own page, if it still has one (archived pages count)
    replacement: Chapter | None = None  # removed: the chapter readers should use now

    @property
    def code(self) -> str:
        return self.entry.chapter

    @property
    def title(self) -> str:
        if self.chapter is not None:
            return self.chapter.title
        return self.entry.title or f"Chapter {self.entry.chapter}"

    @property
    def change(self) -> str:
        return self.entry.change

    @property
    def summary(self) -> str:
        return self.entry.summary


@dataclass
class ReleaseView:
    release: Release
    index: int
    entries: list[EntryView] = field(default_factory=list)

    @property
    def date(self) -> date:
        return self.release.date

    @property
    def year(self) -> int:
        return self.release.date.year

    @property
    def anchor(self) -> str:
        return f"release-{self.release.date.isoformat()}"

    @property
    def heading(self) -> str:
        return self.release.title or f"{month_year(self.release.date)} update"

    @property
    def date_label(self) -> str:
        return long_date(self.release.date)

    def groups(self) -> list[tuple[str, str, list[EntryView]]]:
        out = []
        for change in CHANGES:
            items = [e for e in self.entries if e.change == change]
            if items:
                out.append((change, GROUP_TITLES[change], items))
        return out

    def counts(self) -> str:
        parts = []
        for change, _title, items in self.groups():
            noun = "chapter" if len(items) == 1 else "chapters"
            parts.append(f"{len(items)} {change} {noun}")
        return ", ".join(parts)


def log(site: Site) -> AmendmentsFile | None:
    return site.data.get(NAME)


def releases(site: Site) -> list[ReleaseView]:
    """Every release, oldest first, with entries resolved to chapters."""
    return site.extra.get("amendments_releases", [])


def newest_first(site: Site) -> list[ReleaseView]:
    return sorted(releases(site), key=lambda r: r.date, reverse=True)


def latest_year(site: Site) -> int | None:
    rs = releases(site)
    return max(r.year for r in rs) if rs else None


def archive_years(site: Site) -> list[int]:
    """Years whose releases live on an archive page (every year but the newest), newest first."""
    latest = latest_year(site)
    return sorted({r.year for r in releases(site) if r.year != latest}, reverse=True)


def page_for_year(year: int, latest: int | None) -> str:
    return "amendments/index.md" if year == latest else f"amendments/{year}.md"


def redirects(site: Site) -> list[tuple[str, Target]]:
    """(old site path, where it leads now) for every previous_url and moved page in the log."""
    return site.extra.get("amendments_redirects", [])


# --- checks and derivation ----------------------------------------------------------------------

def _known(ids: set[str]) -> str:
    return ", ".join(sorted(ids, key=_id_key))


def _id_key(chapter_id: str) -> tuple:
    from ..manual.chapters import id_sort_key

    return id_sort_key(chapter_id)


def _unknown_id_message(field_name: str, value: str, ids: set[str]) -> str:
    close = difflib.get_close_matches(value, sorted(ids), n=1, cutoff=0.6)
    hint = f" — did you mean {close[0]}?" if close else " — check the id in the manual's contents"
    return f"{field_name} '{value}' does not exist{hint}"


def check_amendments(site: Site) -> None:
    """Validate the log against the chapters and derive everything the pages show."""
    from ..manual.chapters import by_id

    data = log(site)
    if data is None:
        return
    rep = site.report

    def line(*path: Any) -> int | None:
        return site.line(NAME, path)

    chapters = by_id(site)
    ids = set(chapters)
    invalid_ids = set(site.extra.get("invalid_chapter_ids", ()))
    page_urls = {page_url(src): src for src, page in site.pages.items() if getattr(page.model, "status", None) != "draft"}

    # releases: in date order, one per date, none in the future
    for i, rel in enumerate(data.releases):
        if rel.date > site.today:
            rep.error(FILE, line("releases", i, "date"),
                      f"the release dated {rel.date} is after today ({site.today}) — a release is recorded when it is published; correct the date")
        if i:
            prev = data.releases[i - 1].date
            if rel.date < prev:
                rep.error(FILE, line("releases", i, "date"),
                          f"the release dated {rel.date} comes after one dated {prev} — keep releases in date order, oldest first (new releases go at the end of the file)")
            elif rel.date == prev:
                rep.error(FILE, line("releases", i, "date"),
                          f"two releases are dated {rel.date} — put all of that day's entries in one release")

    # when each chapter was removed (archived), for "no update after removal"
    removed_on: dict[str, date] = {}
    for rel in data.releases:
        for e in rel.entries:
            if e.change == "removed":
                removed_on.setdefault(e.chapter, rel.date)

    views: list[ReleaseView] = []
    seen_summaries: dict[tuple[str, str, str], int] = {}
    old_urls: dict[str, int | None] = {}
    redirect_list: list[tuple[str, Target]] = []
    for i, rel in enumerate(data.releases):
        view = ReleaseView(rel, i)
        in_release: dict[tuple[str, str], int | None] = {}
        for j, e in enumerate(rel.entries):
            where = ("releases", i, "entries", j)
            key = (e.chapter, e.change)
            if key in in_release:
                rep.error(FILE, line(*where),
                          f"duplicate entry: chapter {e.chapter} is already listed as '{e.change}' in this release (line {in_release[key]}) — keep one entry and merge the summaries")
                continue
            in_release[key] = line(*where)
            skey = (e.chapter, e.change, e.summary.casefold())
            if skey in seen_summaries:
                rep.error(FILE, line(*where, "summary"),
                          f"duplicate entry: the same '{e.change}' summary for chapter {e.chapter} is already recorded (line {seen_summaries[skey]}) — describe what changed in this release")
            else:
                seen_summaries[skey] = line(*where, "summary")
            ch = chapters.get(e.chapter)
            replacement = None
            if ch is None and e.chapter in invalid_ids:
                pass  # the chapter's own front matter is broken and already reported
            elif e.change == "removed":
                replacement = _check_removed(site, e, ch, chapters, invalid_ids, where)
            elif ch is None:
                rep.error(FILE, line(*where, "chapter"), _unknown_id_message("chapter", e.chapter, ids))
            elif ch.status == "draft":
                rep.error(FILE, line(*where, "chapter"),
                          f"chapter {e.chapter} is a draft and is not published — record the entry when the chapter is published")
            elif ch.status == "archived" and (e.chapter not in removed_on or rel.date > removed_on[e.chapter]):
                rep.error(FILE, line(*where, "change"),
                          f"chapter {e.chapter} is archived, so it cannot be '{e.change}' — record it as 'removed' (its page stays, with an archived banner)")
            if e.previous_id:
                if e.previous_id == e.chapter:
                    rep.error(FILE, line(*where, "previous_id"), "previous_id is the chapter's own id — give the id it had before, or remove previous_id")
                elif e.previous_id in ids:
                    other = chapters[e.previous_id]
                    rep.error(FILE, line(*where, "previous_id"),
                              f"previous_id '{e.previous_id}' is the id of {other.file} — ids are never reused; check the old id")
            page = ch if ch is not None and ch.status != "draft" else None
            if e.previous_url:
                url = e.previous_url
                dest = page or replacement
                if url in page_urls:
                    rep.error(FILE, line(*where, "previous_url"),
                              f"previous_url '{url}' is still a page on this site (docs/{page_urls[url]}) — a redirect there would hide it; give the address the chapter had before")
                elif url in old_urls:
                    rep.error(FILE, line(*where, "previous_url"),
                              f"previous_url '{url}' already redirects elsewhere (line {old_urls[url]}) — one old address can lead to one place only")
                else:
                    old_urls[url] = line(*where, "previous_url")
                    if dest is not None:
                        redirect_list.append((url, Target(f"{dest.id} {dest.title}", dest.url)))
            view.entries.append(EntryView(e, i, j, page, replacement))
        views.append(view)

    _check_moved_pages(site, data, page_urls, old_urls, redirect_list)
    _check_next_update(site, data)
    site.extra["amendments_releases"] = views
    site.extra["amendments_redirects"] = redirect_list
    _check_archive_pages(site, views)
    _derive_chapter_views(site, views)
    _check_manifest_sources(site)


def _check_removed(site: Site, e: Entry, ch: Chapter | None, chapters: dict[str, Chapter],
                   invalid_ids: set[str], where: tuple) -> Chapter | None:
    """A removed chapter is either archived (its page stays) or gone with a redirect.

    Returns the chapter that replaces it (for links), or None.
    """
    rep = site.report
    line = site.line(NAME, where)
    if ch is not None and ch.status == "published":
        rep.error(FILE, site.line(NAME, (*where, "change")),
                  f"chapter {e.chapter} is still published — set 'status: archived' and 'superseded_by' in its front matter, or delete the page and give previous_url and replaced_by")
        return None
    if ch is not None and ch.status == "archived":
        if e.replaced_by and e.replaced_by != ch.meta.superseded_by:
            rep.error(FILE, site.line(NAME, (*where, "replaced_by")),
                      f"replaced_by '{e.replaced_by}' differs from the archived page's superseded_by '{ch.meta.superseded_by}' — make them the same, or remove replaced_by")
        successor = chapters.get(ch.meta.superseded_by or "")
        return successor if successor is not None and successor.status == "published" else None
    if ch is not None and ch.status == "draft":
        rep.error(FILE, site.line(NAME, (*where, "chapter")),
                  f"chapter {e.chapter} is a draft — a draft was never published, so it cannot be removed; delete the entry")
        return None
    # no page any more: the old address must lead somewhere
    missing = [k for k in ("previous_url", "replaced_by", "title") if not getattr(e, k)]
    if missing:
        rep.error(FILE, line,
                  f"chapter {e.chapter} has no page any more — add {', '.join(missing)} so old links lead to the chapter that replaced it (or restore the page with 'status: archived')")
    if e.replaced_by:
        target = chapters.get(e.replaced_by)
        if target is None:
            if e.replaced_by not in invalid_ids:
                rep.error(FILE, site.line(NAME, (*where, "replaced_by")), _unknown_id_message("replaced_by", e.replaced_by, set(chapters)))
            return None
        if target.status != "published":
            rep.error(FILE, site.line(NAME, (*where, "replaced_by")),
                      f"replaced_by '{e.replaced_by}' is not published — readers must be sent to a live chapter")
            return None
        return target
    return None


def _check_moved_pages(site: Site, data: AmendmentsFile, page_urls: dict[str, str], old_urls: dict[str, int | None],
                       redirect_list: list[tuple[str, Target]]) -> None:
    for i, mp in enumerate(data.moved_pages):
        old_line = site.line(NAME, ("moved_pages", i, "old_url"))
        new_line = site.line(NAME, ("moved_pages", i, "new_page"))
        page = site.pages.get(mp.new_page)
        ok = True
        if page is None or getattr(page.model, "status", None) == "draft":
            site.report.error(FILE, new_line,
                              f"new_page '{mp.new_page}' is not a published page in docs/ — write its path inside docs/, e.g. thresholds/index.md")
            ok = False
        if mp.old_url in page_urls:
            site.report.error(FILE, old_line,
                              f"old_url '{mp.old_url}' is still a page on this site (docs/{page_urls[mp.old_url]}) — a redirect there would hide it")
            ok = False
        elif mp.old_url in old_urls:
            site.report.error(FILE, old_line,
                              f"old_url '{mp.old_url}' already redirects elsewhere (line {old_urls[mp.old_url]}) — one old address can lead to one place only")
            ok = False
        if ok:
            old_urls[mp.old_url] = old_line
            title = getattr(page.model, "title", None) or getattr(page.model, "label", None) or mp.new_page
            redirect_list.append((mp.old_url, Target(str(title), page_url(mp.new_page))))


def _check_next_update(site: Site, data: AmendmentsFile) -> None:
    when = data.next_update_month
    last = data.releases[-1].date
    where = site.line(NAME, ("next_update",))
    if (when.year, when.month) < (last.year, last.month):
        site.report.error(FILE, where,
                          f"next_update ({data.next_update}) is before the latest release ({month_year(last)}) — give the month of the next planned update")
    elif (when.year, when.month) < (site.today.year, site.today.month):
        site.report.warning(FILE, where,
                            f"next_update ({data.next_update}) has passed — set the month of the next planned update")


_YEAR_CALL = re.compile(r"amendments_year\(\s*(\d{4})\s*\)")


def _check_archive_pages(site: Site, views: list[ReleaseView]) -> None:
    years = {v.year for v in views}
    latest = max(years) if years else None
    for year in sorted(years):
        if year == latest:
            continue
        src = f"amendments/{year}.md"
        if src not in site.pages:
            first = next(v for v in views if v.year == year)
            site.report.error(FILE, site.line(NAME, ("releases", first.index, "date")),
                              f"releases from {year} need an archive page — create docs/{src} (copy another year's page and change the year)")
    for src, page in site.pages.items():
        m = re.fullmatch(r"amendments/(\d{4})\.md", src)
        if not m:
            continue
        year = int(m.group(1))
        rel = site.rel(page.path)
        if year not in years:
            site.report.error(rel, 1, f"data/amendments.yml has no release in {year} — correct the year in the file name or delete this page")
            continue
        calls = _YEAR_CALL.findall(page.body)
        if not calls:
            site.report.error(rel, page.body_line, f"this archive page does not list its releases — add the line {{{{ amendments_year({year}) }}}}")
        for offset, text in enumerate(page.body.splitlines()):
            for found in _YEAR_CALL.findall(text):
                if int(found) != year:
                    site.report.error(rel, page.body_line + offset,
                                      f"this page is for {year} but shows amendments_year({found}) — make them the same")


def _derive_chapter_views(site: Site, views: list[ReleaseView]) -> None:
    latest = views[-1] if views else None
    latest_year_ = max((v.year for v in views), default=None)
    history: dict[str, list[ChapterAmendment]] = {}
    for v in views:
        for ev in v.entries:
            item = ChapterAmendment(v.date, ev.change, ev.summary, v.anchor, page_for_year(v.year, latest_year_))
            history.setdefault(ev.code, []).append(item)
    for ch in site.chapters:
        items = sorted(history.get(ch.id, []), key=lambda a: a.date, reverse=True)
        ch.extra["amendments"] = items
        ch.extra.pop("nav_status", None)
        ch.extra.pop("badge", None)
    if latest is None:
        return
    for ch in site.chapters:
        if ch.status != "published":
            continue
        changes = {ev.change for ev in latest.entries if ev.code == ch.id}
        status = "new" if "new" in changes else ("updated" if changes & {"updated", "renamed"} else None)
        if status:
            ch.extra["nav_status"] = status
            ch.extra["badge"] = badge_html(status, latest)


def badge_html(status: str, release: ReleaseView) -> Markup:
    word = "New" if status == "new" else "Updated"
    when = month_year(release.date)
    return Markup(
        '<span class="amend-badge amend-badge--{s}">{w}<span class="amend-badge__when"> in the {when} update</span></span>'
    ).format(s=status, w=word, when=escape(when))


# --- the manifest of published URLs (the source side; the build side is in amendments_out) ---

def manifest_path(site: Site):
    return site.root / URL_MANIFEST


def read_manifest(path) -> list[tuple[int, str]]:
    """(line, url) for every URL in the manifest; blank lines and # comments ignored."""
    from ..core.yamlload import read_text

    out = []
    for n, raw in enumerate(read_text(path).splitlines(), 1):
        text = raw.strip()
        if text and not text.startswith("#"):
            out.append((n, text))
    return out


def page_url(src_uri: str) -> str:
    """docs path -> site path with directory URLs: manual/neglect.md -> manual/neglect/."""
    if src_uri == "index.md":
        return ""
    stem = src_uri.removesuffix(".md")
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def _check_manifest_sources(site: Site) -> None:
    """Before any build: a chapter address in the manifest must still be a page or a redirect.

    Only chapters are checked here (they are always Markdown files in docs/manual/); the
    build checks every address against the real output (amendments_out.check_url_manifest).
    A copy of the project without a manifest (test fixtures) is not checked.
    """
    path = manifest_path(site)
    if not path.exists():
        return
    from ..core.yamlload import UnreadableText

    try:
        listed = read_manifest(path)
    except UnreadableText as exc:
        site.report.error(URL_MANIFEST, exc.line, exc.message)
        return
    redirected = {url for url, _ in redirects(site)}
    chapter_urls = {c.url for c in site.chapters if c.status != "draft"}
    loaded = {c.file for c in site.chapters}
    known = {u.lstrip("/") for _, u in listed}
    for n, url in listed:
        path_ = url.lstrip("/")
        if path_.startswith("manual/") and path_ != "manual/" and path_ not in chapter_urls and path_ not in redirected:
            sources = [f"docs/{path_.rstrip('/')}.md", f"docs/{path_}index.md"]
            if any((site.root / s).is_file() and s not in loaded for s in sources):
                continue  # the chapter is still there; its own front-matter error is reported
            site.report.error(URL_MANIFEST, n, gone_message(url))
    _check_manifest_history(site, known, redirected)
    for c in sorted(site.chapters, key=lambda c: c.file):
        if c.status != "draft" and c.url not in known:
            site.report.warning(URL_MANIFEST, None,
                                f"/{c.url} ({c.file}) is not in {URL_MANIFEST} yet — run 'procedures urls --update' and commit {URL_MANIFEST}")


def ever_listed(root) -> set[str] | None:
    """Every address urls.txt has held on the main line of history, from git (None outside a
    git checkout). ``--first-parent`` reads merges as one change against the branch they were
    merged into, so an address that a feature branch added and dropped again before it was
    merged was never published and is not counted."""
    import subprocess
    from pathlib import Path

    if not (Path(root) / ".git").exists():
        return None
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "--first-parent", "--diff-merges=first-parent", "--format=", "-p", "--", URL_MANIFEST],
                             capture_output=True, text=True, timeout=60, errors="replace")
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    return {line[1:].strip() for line in out.stdout.splitlines() if line.startswith("+/")}


def _check_manifest_history(site: Site, known: set[str], redirected: set[str]) -> None:
    """An address once in urls.txt stays there: removing it by hand (so the build no longer
    notices the page has gone) is refused unless the amendments log redirects it."""
    ever = ever_listed(site.root)
    if not ever:
        return
    for url in sorted(ever):
        path_ = url.lstrip("/")
        if path_ not in known and path_ not in redirected:
            site.report.error(URL_MANIFEST, None, removed_message(url))


def removed_message(url: str) -> str:
    path = url.lstrip("/")
    return (f"{url} was published (git history of {URL_MANIFEST}) but its line has been deleted — published "
            f"addresses are never removed: put the line back, and if the page really moved or went, add a 'renamed' "
            f"or 'removed' entry with previous_url: {path} to data/amendments.yml")


def gone_message(url: str) -> str:
    path = url.lstrip("/")
    if path.startswith("manual/"):
        how = f"add a 'renamed' or 'removed' entry with previous_url: {path} to data/amendments.yml"
    else:
        how = f"add '- old_url: {path}' with the new_page it moved to under moved_pages in data/amendments.yml"
    return (f"{url} was published but this site no longer has a page there — {how} so the old address redirects "
            "(or restore the page)")


# --- page macros --------------------------------------------------------------------------------

FEEDS = {"atom": "feeds/amendments.xml", "json": "feeds/amendments.json"}


def macros(site: Site) -> dict[str, Any]:
    from ..core.render import render_html, render_markdown

    def _releases_md(items: list[ReleaseView]) -> str:
        # the "what changed" page of a chapter in a release, when a feature provides it
        # (editions: site.extra["edition_changes"], set by its cross check); else no link
        changes_src = site.extra.get("edition_changes") or (lambda chapter_id, when: None)
        return render_markdown("amendments-releases.md", releases=items, from_dir="amendments/",
                               changes=changes_src)

    def amendments_latest() -> str:
        """For docs/amendments/index.md: next update, the newest year's releases, earlier years."""
        latest = latest_year(site)
        items = [r for r in newest_first(site) if r.year == latest]
        head = render_markdown("amendments-head.md", data=log(site), from_dir="amendments/")
        years = render_markdown("amendments-years.md", years=archive_years(site), current=None, from_dir="amendments/")
        return head + "\n" + _releases_md(items) + "\n" + years

    def amendments_year(year: int) -> str:
        """For docs/amendments/<year>.md: every release of that year, newest first."""
        items = [r for r in newest_first(site) if r.year == int(year)]
        if not items:
            raise ValueError(f"data/amendments.yml has no release in {year}")
        years = render_markdown("amendments-years.md", years=[y for y in archive_years(site) if y != int(year)],
                                current=int(year), from_dir="amendments/")
        return _releases_md(items) + "\n" + years

    def amendments_feeds() -> str:
        """For docs/amendments/register.md: the Atom and JSON feeds (raw HTML links, because
        the feed files are written after MkDocs has built the pages)."""
        base = site_url(site.root)
        return render_html("amendments-feeds.html", prefix="../../", feeds=FEEDS, base=base)

    def register_by_email() -> str:
        """For docs/amendments/register.md: email the business office (unconfirmed details shown as such)."""
        from ..contacts import all_contacts, view
        from ..partnership import partnership

        p = partnership(site)
        contact = all_contacts(site).get(p.business_office) if p else None
        return render_html("amendments-email.html", v=view(contact) if contact else None,
                           subject=f"Register for updates to the {p.wording.procedures if p else 'procedures'}")

    return {
        "amendments_latest": amendments_latest,
        "amendments_year": amendments_year,
        "amendments_feeds": amendments_feeds,
        "register_by_email": register_by_email,
    }


def addresses(site: Site) -> list[str]:
    """Site paths published besides docs/ (for the link check): every address kept in
    urls.txt and every redirect."""
    import contextlib

    from ..core.yamlload import YamlSyntaxError

    found: list[str] = []
    manifest = site.root / URL_MANIFEST
    if manifest.exists():
        with contextlib.suppress(YamlSyntaxError):  # its own error is reported by the amendments check
            found += [url.lstrip("/") for _, url in read_manifest(manifest)]
    found += [url for url, _ in redirects(site)]
    return found
