"""What every typed content page (chapter, briefing) shares: its validated front matter,
where it lives, and the addresses derived from that."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class ContentPage:
    meta: Any  # the validated front matter model
    src_uri: str  # path inside docs/, e.g. "manual/neglect.md"
    file: str  # path in the project, e.g. "docs/manual/neglect.md"
    lines: Any

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def status(self) -> str:
        return self.meta.status

    @property
    def slug(self) -> str:
        return self.src_uri.rsplit("/", 1)[-1].removesuffix(".md")

    @property
    def url(self) -> str:
        """Site-relative URL with directory URLs, e.g. ``manual/neglect/``."""
        return self.src_uri.removesuffix(".md") + "/"
