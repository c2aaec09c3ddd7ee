"""Markdown table alignment as classes, never as inline styles.

Python-Markdown's tables extension aligns a column (``|---:|``) by writing
``style="text-align: right;"`` on every cell. The site's Content-Security-Policy
(``style-src 'self'``) blocks inline style attributes, so on a host that sends the
policy every aligned column fell back to the left. This tree processor, run after the
tables extension, turns each such style into ``class="align-right"`` (left, center,
right); ``overrides/assets/stylesheets/procedures.css`` styles the three classes.
The plugin adds the extension (``registry.MARKDOWN_EXTENSIONS``).
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

_ALIGN = re.compile(r"^\s*text-align:\s*(left|center|right)\s*;?\s*$")


class TableAlign(Treeprocessor):
    def run(self, root):
        for el in root.iter():
            if el.tag not in ("th", "td"):
                continue
            m = _ALIGN.match(el.get("style", ""))
            if m:
                del el.attrib["style"]
                classes = [c for c in (el.get("class") or "").split() if c]
                el.set("class", " ".join([*classes, f"align-{m.group(1)}"]))
        return root


class TableAlignExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        # after the tables block processor has built the cells; before the serialiser
        md.treeprocessors.register(TableAlign(md), "procedures_table_align", 5)


def makeExtension(**kwargs):  # noqa: N802 (Markdown's API)
    return TableAlignExtension(**kwargs)
