"""Review dates across the site: the review dashboard, ``/reviews.json`` and ``review-due``.

Every published chapter (and every published 7-Minute Briefing that carries review
dates) is a :class:`ReviewItem`. Its state — overdue, due soon (within
:data:`DUE_SOON_DAYS`) or current — is decided against "today" (the build date, or
``SOURCE_DATE_EPOCH``) here, and decided again in the reader's browser by
``overrides/assets/javascripts/reviews.js`` so a page built weeks ago still tells the
truth.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.dates import long_date
from ..manual import chapters as manual

if TYPE_CHECKING:
    from ..core.site import Site

DUE_SOON_DAYS = manual.DUE_SOON_DAYS
DASHBOARD_PAGE = "editors/reviews.md"
STATE_LABELS = {"overdue": "Overdue", "due-soon": "Due soon", "current": "Current", "none": "No review date"}


@dataclass(frozen=True)
class ReviewItem:
    kind: str  # "chapter" or "briefing"
    code: str  # chapter id, or "" for a briefing
    title: str
    src_uri: str  # docs-relative .md path
    url: str  # site-relative URL with directory URLs
    owner_key: str
    owner: str
    last_reviewed: date | None
    next_review: date | None
    file: str
    last_is_published: bool = False  # a briefing without review dates: the date it was published

    def state(self, today: date, within: int = DUE_SOON_DAYS) -> str:
        if self.next_review is None:
            return "none"
        if self.next_review < today:
            return "overdue"
        if self.next_review <= today + timedelta(days=within):
            return "due-soon"
        return "current"

    @property
    def label(self) -> str:
        return f"{self.code} {self.title}".strip()

    @property
    def kind_label(self) -> str:
        return {"chapter": "Chapter", "briefing": "7-Minute Briefing"}.get(self.kind, self.kind.title())


def _owner_key(site: Site, key: str | None) -> str:
    owners = site.data.get("owners")
    return key or (owners.default if owners else "")


def chapter_items(site: Site) -> list[ReviewItem]:
    out = []
    for ch in manual.published(site):
        key = _owner_key(site, ch.meta.owner)
        out.append(ReviewItem("chapter", ch.id, ch.title, ch.src_uri, ch.url, key, manual.owner_name(site, key),
                              ch.meta.last_reviewed, ch.meta.next_review, ch.file))
    return out


def _date_attr(obj: Any, *names: str) -> date | None:
    for name in names:
        value = getattr(obj, name, None)
        if isinstance(value, date):
            return value
    return None


def briefing_items(site: Site) -> list[ReviewItem]:
    """Published briefings, once the briefings content type records them on the site.

    Briefings are pages under ``docs/briefings/`` whose validated front matter has a
    ``status``; a briefing without ``next_review`` is listed with "No review date".
    """
    out = []
    for src_uri, page in sorted(site.pages.items()):
        if not src_uri.startswith("briefings/") or src_uri.endswith("index.md") or page.kind == "page":
            continue
        meta = page.model
        if meta is None or getattr(meta, "status", "published") != "published":
            continue
        key = _owner_key(site, getattr(meta, "owner", None))
        slug = src_uri.removesuffix(".md")
        out.append(ReviewItem(
            "briefing", str(getattr(meta, "id", "") or ""), str(getattr(meta, "title", slug)), src_uri, f"{slug}/",
            key, manual.owner_name(site, key),
            _date_attr(meta, "last_reviewed", "published"), _date_attr(meta, "next_review", "review_by"),
            site.rel(page.path), _date_attr(meta, "last_reviewed") is None,
        ))
    return out


def items(site: Site) -> list[ReviewItem]:
    """Every reviewable item, soonest review first (items without a date last)."""
    every = chapter_items(site) + briefing_items(site)
    return sorted(every, key=lambda i: (i.next_review is None, i.next_review or date.max, manual.id_sort_key(i.code) if i.code else (), i.title))


def due(site: Site, within: int = DUE_SOON_DAYS) -> list[ReviewItem]:
    """Items overdue or due within ``within`` days of today."""
    return [i for i in items(site) if i.state(site.today, within) in {"overdue", "due-soon"}]


def check_review_dates(site: Site) -> None:
    """Warnings (never errors: a daily rebuild must not stop) for reviews overdue, and for
    briefings due soon (chapters due soon are warned by the manual's own check)."""
    for item in chapter_items(site) + briefing_items(site):
        state = item.state(site.today)
        chapter = item.kind == "chapter"
        line = None
        if chapter:
            ch = next((c for c in site.chapters if c.src_uri == item.src_uri), None)
            line = ch.lines.line_of(("next_review",)) if ch else None
        if state == "overdue":
            site.report.warning(item.file, line, f"review overdue since {item.next_review} — review it, then set last_reviewed and next_review")
        elif state == "due-soon" and not chapter:
            site.report.warning(item.file, line, f"review due on {item.next_review} (within {DUE_SOON_DAYS} days)")


# --- command line ---------------------------------------------------------------------

def as_rows(site: Site, chosen: list[ReviewItem], within: int) -> list[dict[str, str]]:
    return [{
        "next_review": i.next_review.isoformat() if i.next_review else "",
        "state": STATE_LABELS[i.state(site.today, within)],
        "type": i.kind,
        "code": i.code,
        "title": i.title,
        "owner": i.owner,
        "last_reviewed": i.last_reviewed.isoformat() if i.last_reviewed else "",
        "file": i.file,
    } for i in chosen]


def format_table(rows: list[dict[str, str]]) -> str:
    columns = [("next_review", "Next review"), ("state", "State"), ("code", "Code"), ("title", "Title"), ("owner", "Owner"), ("file", "File")]
    width = {k: max([len(h)] + [len(r[k]) for r in rows]) for k, h in columns}
    lines = ["  ".join(h.ljust(width[k]) for k, h in columns).rstrip()]
    lines.append("  ".join("-" * width[k] for k, _ in columns))
    for r in rows:
        lines.append("  ".join(r[k].ljust(width[k]) for k, _ in columns).rstrip())
    return "\n".join(lines)


def format_csv(rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    fields = ["next_review", "state", "type", "code", "title", "owner", "last_reviewed", "file"]
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


# --- the dashboard page and reviews.json ------------------------------------------------

def _href(page_url: str, target_url: str) -> str:
    from ..manual.page import url_from

    return url_from(page_url, target_url)


def dashboard(site: Site, page_url: str = "editors/reviews/") -> str:
    from ..core.render import render_html

    every = items(site)
    rows = []
    for i in every:
        state = i.state(site.today)
        rows.append({
            "item": i,
            "href": _href(page_url, i.url),
            "state": state,
            "state_label": STATE_LABELS[state],
            "next_review": i.next_review.isoformat() if i.next_review else "",
            "next_review_label": long_date(i.next_review) if i.next_review else "No review date",
            "last_reviewed_label": (("Published " if i.last_is_published else "") + long_date(i.last_reviewed)) if i.last_reviewed else "",
        })
    counts = {s: sum(1 for r in rows if r["state"] == s) for s in ("overdue", "due-soon", "current", "none")}
    return render_html("reviews-dashboard.html", rows=rows, counts=counts, build_date=site.today.isoformat(),
                       build_date_label=long_date(site.today), due_soon_days=DUE_SOON_DAYS,
                       has_briefings=any(r["item"].kind == "briefing" for r in rows))


def to_confirm_groups(site: Site) -> list[dict[str, Any]]:
    """Each published chapter's ``to_confirm`` list (local details the partnership still has
    to confirm), in chapter order. These are for editors only: the chapter page itself tells
    the reader what to do without them, so they appear on the dashboard and nowhere else."""
    return [{"chapter": ch, "items": list(ch.meta.to_confirm)}
            for ch in manual.published(site) if ch.meta.to_confirm]


def to_confirm_list(site: Site, page_url: str = "editors/reviews/") -> str:
    from ..core.render import render_html

    groups = [dict(g, href=_href(page_url, g["chapter"].url)) for g in to_confirm_groups(site)]
    return render_html("reviews-to-confirm.html", groups=groups, total=sum(len(g["items"]) for g in groups))


def reviews_json(site: Site, site_url: str = "") -> dict[str, Any]:
    base = site_url.rstrip("/") + "/" if site_url else "/"
    return {
        "generated": site.today.isoformat(),
        "due_soon_days": DUE_SOON_DAYS,
        "note": "state is as on the generated date; decide again against today's date when reading",
        "items": [{
            "type": i.kind,
            "code": i.code,
            "title": i.title,
            "url": base + i.url,
            "owner": i.owner,
            "owner_key": i.owner_key,
            "last_reviewed": i.last_reviewed.isoformat() if i.last_reviewed else None,
            "next_review": i.next_review.isoformat() if i.next_review else None,
            "state": i.state(site.today),
        } for i in items(site)],
    }


def write_reviews_json(site: Site, site_dir: Path, config: Any) -> None:
    site_url = (config.get("site_url") if hasattr(config, "get") else None) or ""
    data = reviews_json(site, site_url)
    (Path(site_dir) / "reviews.json").write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def macros(site: Site) -> dict[str, Any]:
    def review_dashboard() -> str:
        """Every published chapter and briefing by next review date, for the Policy and Procedures Group."""
        return dashboard(site)

    def review_to_confirm() -> str:
        """Local details each chapter still needs the partnership to confirm, grouped by chapter."""
        return to_confirm_list(site)

    return {"review_dashboard": review_dashboard, "review_to_confirm": review_to_confirm}


# --- what this feature contributes (enabled in procedures/registry.py) ----------------
from ..core.feature import Feature  # noqa: E402

FEATURE = Feature(
    __name__,
    checks=("procedures.reviews:check_review_dates",),  # briefings due for review (chapters: manual)
    macros=("procedures.reviews",),  # review_dashboard()
    post_build=("procedures.reviews:write_reviews_json",),  # reviews.json: every chapter and briefing by review date
)
