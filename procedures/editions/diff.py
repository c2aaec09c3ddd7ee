"""Word-level differences between two Markdown texts, as Markdown with ``<ins>``/``<del>``.

The diff keeps the Markdown's block structure: lines are matched first, then words
within a changed line. Line markers (``## ``, ``- ``, ``1. ``, ``> ``) and table pipes stay
outside the marks, so headings, lists and tables still render. Each mark starts with
visually hidden text ("inserted:" / "deleted:") so a screen reader says what it is; the
stylesheet underlines and strikes through (never colour alone) and prints them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_MARKER = re.compile(r"^(\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s?)*)(.*)$")
_TOKEN = re.compile(r"!?\[[^\]]*\]\([^)]*\)|\{\{.*?\}\}|\s+|[^\s]+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")

LABEL = {"ins": "inserted: ", "del": "deleted: "}


@dataclass
class Diff:
    markdown: str
    inserted: list[str]  # the text of every inserted run, in order
    deleted: list[str]

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.deleted)


class _Marker:
    def __init__(self) -> None:
        self.inserted: list[str] = []
        self.deleted: list[str] = []

    def mark(self, text: str, tag: str) -> str:
        """Wrap the non-space core of ``text`` in <tag>, spaces kept outside."""
        core = text.strip()
        if not core:
            return text
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):]
        (self.inserted if tag == "ins" else self.deleted).append(core)
        return f'{lead}<{tag}><span class="diff-sr">{LABEL[tag]}</span>{core}</{tag}>{trail}'

    def mark_line(self, line: str, tag: str) -> str:
        if not line.strip() or line.lstrip().startswith("<") or _TABLE_RULE.match(line):
            return line
        if line.lstrip().startswith("|"):
            cells = line.split("|")
            return "|".join(self.mark(c, tag) if i and i < len(cells) - 1 else c for i, c in enumerate(cells))
        prefix, content = _MARKER.match(line).groups()
        return prefix + self.mark(content, tag)

    def words(self, old: str, new: str) -> str:
        a, b = _TOKEN.findall(old), _TOKEN.findall(new)
        out = []
        sm = SequenceMatcher(None, a, b, autojunk=False)
        for op, i1, i2, j1, j2 in sm.get_opcodes():
            if op == "equal":
                out.append("".join(b[j1:j2]))
                continue
            if i2 > i1:
                out.append(self.mark("".join(a[i1:i2]), "del") if "".join(a[i1:i2]).strip() else "")
            if j2 > j1:
                gap = " " if out and i2 > i1 and "".join(a[i1:i2]).strip() else ""
                out.append(gap + (self.mark("".join(b[j1:j2]), "ins") if "".join(b[j1:j2]).strip() else "".join(b[j1:j2])))
        return "".join(out)

    def line_pair(self, old: str, new: str) -> list[str]:
        if not old.strip():
            return [old, self.mark_line(new, "ins")] if old else [self.mark_line(new, "ins")]
        if not new.strip():
            return [self.mark_line(old, "del"), new]
        po, co = _MARKER.match(old).groups()
        pn, cn = _MARKER.match(new).groups()
        if old.lstrip().startswith("|") and new.lstrip().startswith("|"):
            ca, cb = old.split("|"), new.split("|")
            if len(ca) == len(cb) and not _TABLE_RULE.match(new):
                return ["|".join(self.words(x, y) if 0 < i < len(cb) - 1 else y for i, (x, y) in enumerate(zip(ca, cb, strict=True)))]
        if po.strip() == pn.strip() and SequenceMatcher(None, co, cn, autojunk=False).ratio() >= 0.3:
            return [pn + self.words(co, cn)]
        if po.strip() or pn.strip():  # different kinds of line: the old one, then the new one
            return [self.mark_line(old, "del"), self.mark_line(new, "ins")]
        return [self.mark(co, "del") + " " + self.mark(cn, "ins")]


def diff_markdown(old: str, new: str) -> Diff:
    """``new`` with the words that differ from ``old`` marked as inserted or deleted."""
    m = _Marker()
    a, b = old.splitlines(), new.splitlines()
    out: list[str] = []
    sm = SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            out += b[j1:j2]
        elif op == "insert":
            out += [m.mark_line(line, "ins") for line in b[j1:j2]]
        elif op == "delete":
            out += [m.mark_line(line, "del") for line in a[i1:i2]]
        else:
            olds, news = a[i1:i2], b[j1:j2]
            for k in range(max(len(olds), len(news))):
                if k < len(olds) and k < len(news):
                    out += m.line_pair(olds[k], news[k])
                elif k < len(olds):
                    out.append(m.mark_line(olds[k], "del"))
                else:
                    out.append(m.mark_line(news[k], "ins"))
    return Diff("\n".join(out) + "\n", m.inserted, m.deleted)


# --- only what changed -------------------------------------------------------------------------

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})\s")
_OPEN = re.compile(r"^\s*<(div|details|section|aside|figure|table)\b[^>]*>")
GAP = "*(Unchanged text left out.)*"


def _blocks(lines: list[str]) -> list[list[str]]:
    """The top-level blocks of Markdown: a heading; else the lines up to a blank line
    followed by an unindented line (indented lines stay with the block above: list items,
    admonitions' bodies). Fenced code and raw HTML containers (``<div markdown>`` …
    ``</div>``) are kept whole, blank lines and all."""
    blocks: list[list[str]] = []
    cur: list[str] = []
    fence = ""
    container = ""
    depth = 0
    for line in lines:
        if fence:
            cur.append(line)
            if line.strip().startswith(fence):
                fence = ""
            continue
        if container:
            cur.append(line)
            depth += len(re.findall(rf"<{container}\b", line)) - len(re.findall(rf"</{container}>", line))
            if depth <= 0:
                container = ""
            continue
        if not line.strip():
            if cur:
                cur.append(line)
            continue
        unindented = not line.startswith((" ", "\t"))
        if cur and (_HEADING.match(line) or _HEADING.match(cur[0]) or (unindented and not cur[-1].strip())):
            blocks.append(cur)
            cur = []
        cur.append(line)
        if (m := _FENCE.match(line)) and unindented:
            fence = m.group(1)
        elif (m := _OPEN.match(line)) and unindented:
            tag = m.group(1)
            depth = len(re.findall(rf"<{tag}\b", line)) - len(re.findall(rf"</{tag}>", line))
            container = tag if depth > 0 else ""
    if cur:
        blocks.append(cur)
    return blocks


def changed_only(markdown: str) -> str:
    """The blocks of a diff's Markdown that hold a change, each under the headings it
    stands under, and a line wherever unchanged text was left out. The whole diff when
    nothing is marked."""
    blocks = _blocks(markdown.splitlines())
    keep = [False] * len(blocks)
    in_force: dict[int, int] = {}  # heading level -> index of the heading block in force
    for i, block in enumerate(blocks):
        if m := _HEADING.match(block[0]):
            level = len(m.group(1))
            in_force = {k: v for k, v in in_force.items() if k < level}
            in_force[level] = i
        text = "\n".join(block)
        if "<ins>" in text or "<del>" in text:
            keep[i] = True
            for j in in_force.values():
                keep[j] = True
    if not any(keep):
        return markdown
    out: list[str] = []
    gap = False
    for block, kept in zip(blocks, keep, strict=True):
        if not kept:
            gap = True
            continue
        if gap:
            out += [GAP, ""]
            gap = False
        while block and not block[-1].strip():
            block = block[:-1]
        out += block + [""]
    if gap:
        out += [GAP, ""]
    return "\n".join(out).rstrip("\n") + "\n"
