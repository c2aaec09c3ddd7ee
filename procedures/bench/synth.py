"""A deterministic synthetic procedures manual for the benchmark.

Chapters are assembled from the sentences of the real manual (so the words, their
frequencies and the Markdown look like real chapters) with a seeded random generator:
the same ``n`` and ``words`` always give byte-identical files. Each chapter has valid
front matter, numbered ``##`` sections, paragraphs and lists, and one made-up marker
word (``benchmarkword0042``) that appears in that chapter only, so a benchmark can look
for a known chapter by a word from its body.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from ..yamlload import split_front_matter

SEED = 20240401
SECTIONS = ("1", "2", "3", "4", "5")
FIRST_ID = 100  # synthetic ids are <section>.<100+n>, clear of the real manual's ids
PREFIX = "bench-chapter-"  # docs/manual/bench-chapter-0042.md: the synthetic chapters
QUERY_WORD = "chronology"  # a real word used across the manual: the benchmark's one-word query

_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_HEADING = re.compile(r"^##+\s+(?:\d+(?:\.\d+)*\.?\s+)?(.+)$")


@dataclass
class Corpus:
    sentences: list[str]
    items: list[str]
    headings: list[str]
    titles: list[str]


def corpus(docs_manual: Path) -> Corpus:
    """Sentences, list items and headings from the real chapters (links made plain)."""
    sentences: list[str] = []
    items: list[str] = []
    headings: list[str] = []
    titles: list[str] = []
    for path in sorted(docs_manual.glob("*.md")):
        if path.name == "index.md" or path.name.startswith(PREFIX):
            continue
        fm, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
        if fm:
            m = re.search(r"^title:\s*(.+)$", fm, re.M)
            if m:
                titles.append(m.group(1).strip().strip("\"'"))
        for raw in body.splitlines():
            line = _LINK.sub(r"\1", raw.strip())
            if not line or "{{" in line or "{%" in line or line.startswith(("|", ">", "<", "*[", "!!!", "???")):
                continue
            h = _HEADING.match(line)
            if h:
                headings.append(h.group(1).strip())
            elif line.startswith(("- ", "* ")):
                items.append(line[2:].strip())
            elif not line.startswith("#") and not re.match(r"^\d+\.\s", line):
                sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", line) if len(s.split()) >= 4]
    if not sentences or not headings:
        raise SystemExit(f"no chapters to learn from in {docs_manual}")
    return Corpus(sentences, items, sorted(set(headings)), titles)


def marker(n: int) -> str:
    return f"benchmarkword{n:04d}"


def chapter_id(n: int) -> str:
    return f"{SECTIONS[n % len(SECTIONS)]}.{FIRST_ID + n}"


def chapter_text(c: Corpus, n: int, words: int = 3000, related: list[str] | None = None) -> str:
    rnd = random.Random(SEED * 10_007 + n)
    topic = rnd.choice(c.titles) if c.titles else "Safeguarding"
    title = f"Benchmark chapter {n:04d}: {topic}"
    summary = f"A synthetic chapter for the performance benchmark, modelled on {topic.lower()}."
    related = related or []
    fm = [
        "---",
        f'id: "{chapter_id(n)}"',
        f'title: "{title}"',
        f'section: "{SECTIONS[n % len(SECTIONS)]}"',
        f'summary: "{summary}"',
        'scope: "All practitioners in the synthetic benchmark manual. Not real guidance."',
        "last_reviewed: 2025-01-01",
        "next_review: 2099-01-01",
        "status: published",
        f"related: [{', '.join(repr(r).replace(chr(39), chr(34)) for r in related)}]",
        f"keywords: [benchmark, {marker(n)}]",
        "at_a_glance:",  # every published chapter opens with the box (procedures/at_a_glance)
        "  do_now: [Synthetic step for the benchmark; not real guidance.]",
        "  call: [emergency]",
        "  by_when: [referral-decision]",
        "---",
        "",
    ]
    out: list[str] = []
    count = 0
    section = 0
    while count < words:
        section += 1
        out.append(f"## {section}. {rnd.choice(c.headings)}")
        out.append("")
        for _ in range(rnd.randint(2, 4)):
            para = " ".join(rnd.choice(c.sentences) for _ in range(rnd.randint(3, 6)))
            if count == 0:
                para = f"This chapter is marked {marker(n)} so the benchmark can find it. {para}"
            out.append(para)
            out.append("")
            count += len(para.split())
        if c.items and rnd.random() < 0.6:
            for _ in range(rnd.randint(3, 6)):
                item = rnd.choice(c.items)
                out.append(f"- {item}")
                count += len(item.split())
            out.append("")
    return "\n".join(fm + out)


def write_manual(project: Path, n: int, words: int = 3000) -> list[Path]:
    """Write ``n`` synthetic chapters into ``project``/docs/manual/ (replacing earlier ones)."""
    folder = project / "docs" / "manual"
    for old in folder.glob(f"{PREFIX}*.md"):
        old.unlink()
    c = corpus(folder)
    paths = []
    for i in range(n):
        rel = [chapter_id(j) for j in (i - 1, i - 2) if j >= 0]
        p = folder / f"{PREFIX}{i:04d}.md"
        p.write_text(chapter_text(c, i, words, rel), encoding="utf-8")
        paths.append(p)
    return paths
