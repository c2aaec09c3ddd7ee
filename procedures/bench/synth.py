"""A deterministic synthetic procedures manual for the benchmark.

The text is *not* taken from the real manual. Words come from a fixed list of plain
English and safeguarding words plus made-up words built from syllables (so the
vocabulary is as large as a real manual's, which matters to search indexing), drawn
with Zipf-like frequencies and chained Markov-style (each word has a few likely
followers), all from one seed: the same ``n`` and ``words`` always give byte-identical
files.

Each chapter is shaped like a real one:

* valid front matter, including ``related`` chapters and an ``at_a_glance`` block whose
  contact and timescale keys are read from the project's own data files (so the
  chapters stay valid whatever keys the data holds);
* numbered ``##`` sections and some ``###`` subsections;
* links to other synthetic chapters, to headings in them (``page.md#anchor``), to real
  chapters and to glossary entries;
* tables, bulleted and numbered lists, admonitions (``!!!``) and collapsible ones
  (``???``), bold text, and the glossary's acronyms in running text (tooltips);
* one made-up marker word (``benchmarkword0042``) that appears in that chapter only, so
  a benchmark can find a known chapter by a word from its body.

Some chapters set ``render_macros: true`` and name a route with ``{{ contact("key") }}``
and a timescale with ``{{ timescale("key") }}`` when the project defines those macros
(``macro_names``), as real chapters do.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SEED = 20240401
SECTIONS = ("1", "2", "3", "4", "5")
FIRST_ID = 100  # synthetic ids are <section>.<100+n>, clear of the real manual's ids
PREFIX = "bench-chapter-"  # docs/manual/bench-chapter-0042.md: the synthetic chapters
QUERY_WORD = "chronology"  # a word in the generator's vocabulary: the benchmark's one-word query
VOCABULARY = 14_000  # distinct words, about what a real manual of a few hundred chapters uses

def _words(text: str) -> list[str]:
    return text.split()


# Common words first (the generator draws low ranks most often), then safeguarding words.
_COMMON = _words("""
the of and to a in that is for it as with be on by this are or not at from have an
they which their will can should if any all who when must has been may more other
about there would what so out up into than only its also after where these some how
them could such while those before each both through under most between same without
""")
_DOMAIN = _words("""
child children young person people family families parent parents carer carers
practitioner practitioners agency agencies partner partners school schools health police
social care worker workers manager managers assessment assessments plan plans meeting
meetings referral referrals concern concerns risk risks harm abuse neglect safety safe
support service services need needs information record records decision decisions
review reviews conference conferences strategy discussion discussions enquiry enquiries
protection safeguarding welfare wellbeing development wishes feelings views voice
history chronology evidence outcome outcomes action actions timescale timescales
consent sharing share shared escalation disagreement supervision training learning
threshold thresholds level levels early help intervention response responses
designated lead officer professional professionals nurse doctor teacher midwife visitor
home visit visits contact contacts report reports emergency urgent immediate duty team
local authority partnership board area court order legal advice guidance procedure
procedures process processes step steps stage stages role roles responsibility
responsibilities accountable accountability identify identified recognise respond
refer consider considered decide agree agreed inform informed discuss discussed
record recorded assess assessed protect protected support supported ensure ensures
involve involved explain explained listen listened observe observed monitor monitored
coordinate coordinated escalate escalated complete completed attend attended
plan planned provide provided request requested confirm confirmed notify notified
significant likely serious specific relevant appropriate necessary clear clearly
written verbal daily weekly monthly within working days hours weeks months
vulnerable disabled unborn baby infant adolescent sibling siblings relative relatives
grandparent household accommodation housing education attendance absence missing
exploitation criminal sexual physical emotional domestic online injury injuries
bruising medical hospital clinic therapy mental substance alcohol drug drugs
violence coercion control grooming trafficking radicalisation honour marriage
""")
_SYLLABLES = _words("""ba be bi bo bu da de di do du fa fe fi fo ga ge go ka ke ki ko la le li lo
lu ma me mi mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so ta te ti to tu
va ve vi vo wa we wi za ze zo an en in on ar er ir or al el il ol ast est ist ost ent ant
int ond and""")


def marker(n: int) -> str:
    return f"benchmarkword{n:04d}"


def chapter_id(n: int) -> str:
    return f"{SECTIONS[n % len(SECTIONS)]}.{FIRST_ID + n}"


def chapter_file(n: int) -> str:
    return f"{PREFIX}{n:04d}.md"


def slugify(text: str) -> str:
    """The anchor Python-Markdown's ``toc`` extension gives a heading (its default slugify)."""
    from markdown.extensions.toc import slugify as md_slugify

    return md_slugify(text, "-")


# --- words -------------------------------------------------------------------------------


@dataclass
class Vocabulary:
    words: list[str]
    cumulative: list[float]  # Zipf weights, cumulative
    followers: dict[int, list[int]] = field(default_factory=dict)

    def draw(self, rnd: random.Random) -> int:
        return bisect.bisect_left(self.cumulative, rnd.random() * self.cumulative[-1])

    def next_after(self, rnd: random.Random, i: int) -> int:
        """A likely follower of word ``i`` (Markov-style) or, now and then, any word."""
        if rnd.random() < 0.65:
            f = self.followers.get(i)
            if f is None:
                fr = random.Random(SEED * 31 + i)
                f = self.followers[i] = [self.draw(fr) for _ in range(6)]
            return f[min(int(rnd.expovariate(0.9)), len(f) - 1)]
        return self.draw(rnd)


_VOCAB: Vocabulary | None = None


def vocabulary() -> Vocabulary:
    global _VOCAB
    if _VOCAB is None:
        rnd = random.Random(SEED)
        seen = set()
        words: list[str] = []
        # the domain words are shuffled into the ranks after the common words
        domain = list(dict.fromkeys(_DOMAIN))
        rnd.shuffle(domain)
        for w in itertools.chain(_COMMON, domain):
            if w not in seen:
                seen.add(w)
                words.append(w)
        while len(words) < VOCABULARY:
            w = "".join(rnd.choice(_SYLLABLES) for _ in range(rnd.choice((2, 3, 3, 4))))
            if w not in seen and len(w) >= 4:
                seen.add(w)
                words.append(w)
        cumulative = list(itertools.accumulate(1.0 / (r + 2.7) ** 1.07 for r in range(len(words))))
        _VOCAB = Vocabulary(words, cumulative)
    return _VOCAB


class Writer:
    """Sentences, titles and steps for one chapter, from its own seeded generator."""

    def __init__(self, seed: int, acronyms: list[str]):
        self.rnd = random.Random(seed)
        self.v = vocabulary()
        self.acronyms = acronyms

    def words(self, k: int) -> list[str]:
        i = self.v.draw(self.rnd)
        out = [self.v.words[i]]
        for _ in range(k - 1):
            i = self.v.next_after(self.rnd, i)
            out.append(self.v.words[i])
        return out

    def sentence(self, lo: int = 8, hi: int = 24) -> str:
        w = self.words(self.rnd.randint(lo, hi))
        if self.acronyms and self.rnd.random() < 0.25:
            w.insert(self.rnd.randrange(1, len(w)), self.rnd.choice(self.acronyms))
        if self.rnd.random() < 0.08:
            j = self.rnd.randrange(len(w))
            w[j] = f"**{w[j]}**"
        if len(w) > 10 and self.rnd.random() < 0.3:
            w[len(w) // 2] += ","
        s = " ".join(w)
        return s[0].upper() + s[1:] + "."

    def title(self, lo: int = 2, hi: int = 5) -> str:
        s = " ".join(self.words(self.rnd.randint(lo, hi)))
        return s[0].upper() + s[1:]

    def step(self) -> str:
        verbs = ("Record", "Tell", "Check", "Call", "Agree", "Share", "Ask", "Write down", "Make sure", "Refer")
        return f"{self.rnd.choice(verbs)} {' '.join(self.words(self.rnd.randint(4, 10)))}."


# --- the project's own keys (so the front matter stays valid) ---------------------------


@dataclass
class ProjectKeys:
    contacts: list[str]
    timescales: list[str]
    acronyms: list[str]
    glossary_anchors: list[str]
    real_chapters: list[str]  # file names in docs/manual/
    macro_names: set[str]


def _load(path: Path):
    if not path.exists():
        return None
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError:
        return None


def project_keys(project: Path, macro_names: set[str] | None = None) -> ProjectKeys:
    from ..glossary import anchor

    contacts = _load(project / "data" / "contacts.yml") or {}
    timescales = _load(project / "data" / "timescales.yml") or {}
    glossary = _load(project / "data" / "glossary.yml") or {}
    entries = timescales.get("timescales", []) if isinstance(timescales, dict) else timescales or []
    terms = glossary.get("terms", []) if isinstance(glossary, dict) else []
    manual = project / "docs" / "manual"
    return ProjectKeys(
        contacts=[c["key"] for c in contacts.get("contacts", []) if isinstance(c, dict) and "key" in c],
        timescales=[t["key"] for t in entries if isinstance(t, dict) and "key" in t],
        acronyms=[t["term"] for t in terms if isinstance(t, dict) and t.get("expansion") and re.fullmatch(r"[A-Z0-9]+", str(t["term"]))],
        glossary_anchors=[anchor(str(t["term"])) for t in terms if isinstance(t, dict) and "term" in t],
        real_chapters=sorted(p.name for p in manual.glob("*.md") if p.name != "index.md" and not p.name.startswith(PREFIX)
                             and re.search(r"^status:\s*published\s*$", p.read_text(encoding="utf-8"), re.M)),
        macro_names=set(macro_names or ()),
    )


# --- chapters ----------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _plan(n: int, words: int) -> tuple[str, list[str]]:
    """A chapter's title and its ``##`` headings: fixed by ``n`` alone, so that other
    chapters can link to its headings before it is written."""
    w = Writer(SEED * 7_919 + n, acronyms=[])
    title = w.title(3, 7)
    sections = max(2, round(words / 450))
    return title, [f"{i}. {w.title()}" for i in range(1, sections + 1)]


def chapter_text(keys: ProjectKeys, n: int, total: int, words: int = 3000) -> str:
    w = Writer(SEED * 10_007 + n, keys.acronyms)
    rnd = w.rnd
    title, headings = _plan(n, words)
    related = [chapter_id(j) for j in (n - 1, n - 2) if j >= 0]
    uses_macros = bool({"contact", "timescale"} & keys.macro_names) and rnd.random() < 0.3
    fm = {
        "id": chapter_id(n),
        "title": f"Benchmark chapter {n:04d}: {title}",
        "section": SECTIONS[n % len(SECTIONS)],
        "summary": f"A synthetic chapter for the performance benchmark about {w.title(3, 6).lower()}."[:240],
        "scope": "All practitioners in the synthetic benchmark manual. Not real guidance.",
        "last_reviewed": "2025-01-01",
        "next_review": "2099-01-01",
        "status": "published",
        "related": related,
        "keywords": ["benchmark", marker(n)],
        "at_a_glance": {
            "do_now": [w.step() for _ in range(rnd.randint(2, 4))],
            "call": rnd.sample(keys.contacts, min(len(keys.contacts), rnd.randint(1, 3))),
            "by_when": rnd.sample(keys.timescales, min(len(keys.timescales), rnd.randint(0, 2))),
        },
    }
    if uses_macros:
        fm["render_macros"] = True
    head = yaml.safe_dump(fm, sort_keys=False, allow_unicode=True, width=1000)
    head = re.sub(r"^(last_reviewed|next_review): '(\d{4}-\d\d-\d\d)'$", r"\1: \2", head, flags=re.M)

    def link() -> str:
        """A link to another synthetic chapter, a heading in one, a real chapter or the glossary."""
        text = " ".join(w.words(rnd.randint(2, 5)))
        kind = rnd.random()
        if total > 1 and kind < 0.45:
            j = rnd.choice([k for k in (n - 1, n + 1, rnd.randrange(total)) if 0 <= k < total and k != n] or [0])
            return f"[{text}]({chapter_file(j)})"
        if total > 1 and kind < 0.75:
            j = rnd.choice([k for k in (n - 2, n + 2, rnd.randrange(total)) if 0 <= k < total and k != n] or [0])
            _, hs = _plan(j, words)
            return f"[{text}]({chapter_file(j)}#{slugify(rnd.choice(hs))})"
        if keys.real_chapters and kind < 0.9:
            return f"[{text}]({rnd.choice(keys.real_chapters)})"
        if keys.glossary_anchors:
            return f"[{text}](../glossary.md#{rnd.choice(keys.glossary_anchors)})"
        return text

    def paragraph() -> str:
        parts = [w.sentence() for _ in range(rnd.randint(2, 5))]
        if rnd.random() < 0.5:
            j = rnd.randrange(len(parts))
            parts[j] = parts[j][:-1] + f" (see {link()})."
        return " ".join(parts)

    def table() -> list[str]:
        cols = rnd.randint(2, 4)
        rows = [w.title(1, 3) for _ in range(cols)]
        out = ["| " + " | ".join(rows) + " |", "|" + "|".join("---" for _ in range(cols)) + "|"]
        for _ in range(rnd.randint(3, 7)):
            out.append("| " + " | ".join(" ".join(w.words(rnd.randint(1, 7))) for _ in range(cols)) + " |")
        return out

    def bullets(numbered: bool) -> list[str]:
        items = []
        for k in range(rnd.randint(3, 6)):
            item = w.sentence(4, 14)
            if rnd.random() < 0.2:
                item = item[:-1] + f": {link()}."
            items.append(f"{k + 1}. {item}" if numbered else f"- {item}")
        return items

    def admonition() -> list[str]:
        kind = rnd.choice(("note", "warning", "important", "tip", "info"))
        mark = "???" if rnd.random() < 0.3 else "!!!"
        out = [f'{mark} {kind} "{w.title(2, 5)}"', ""]
        out += ["    " + w.sentence() for _ in range(rnd.randint(1, 3))]
        return out

    body: list[str] = [
        f"This chapter is marked {marker(n)} so the benchmark can find it. {paragraph()}",
        "",
    ]
    if uses_macros:
        body += ["Who to call:", "", f'{{{{ contact("{rnd.choice(keys.contacts)}") }}}}', ""]
    count = 0
    per_section = words / len(headings)
    for h in headings:
        body += [f"## {h}", ""]
        done = 0
        sub = 0
        while done < per_section:
            choice = rnd.random()
            if choice < 0.55:
                p = paragraph()
                if uses_macros and keys.timescales and "timescale" in keys.macro_names and rnd.random() < 0.1:
                    p += f' It must happen {{{{ timescale("{rnd.choice(keys.timescales)}") }}}}.'
                block = [p]
            elif choice < 0.75:
                block = bullets(numbered=rnd.random() < 0.35)
            elif choice < 0.83:
                block = table()
            elif choice < 0.92:
                block = admonition()
            elif done + 80 >= per_section:
                continue  # no subsection heading at the very end of a section
            else:
                sub += 1
                block = [f"### {h.split('.')[0]}.{sub} {w.title()}"]
            body += block + [""]
            done += sum(len(x.split()) for x in block)
        count += done
    return "---\n" + head + "---\n\n" + "\n".join(body).rstrip("\n") + "\n"


def write_manual(project: Path, n: int, words: int = 3000, macro_names: set[str] | None = None) -> list[Path]:
    """Write ``n`` synthetic chapters into ``project``/docs/manual/ (replacing earlier ones)."""
    folder = project / "docs" / "manual"
    for old in folder.glob(f"{PREFIX}*.md"):
        old.unlink()
    keys = project_keys(project, macro_names)
    paths = []
    for i in range(n):
        p = folder / chapter_file(i)
        p.write_text(chapter_text(keys, i, n, words), encoding="utf-8")
        paths.append(p)
    return paths
