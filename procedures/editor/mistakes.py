"""The mistake corpus: real mistakes editors make, and the exact line each one produces.

One list, used twice so the two can never disagree:

* ``tests/unit/test_editor_mistakes.py`` makes every mistake in a throw-away copy of
  the project, runs the same check as ``procedures check`` and asserts the exact
  ``file:line: message`` it prints;
* the error catalogue in the editor guide (``docs/editors/errors.md``) is rendered from
  this list by the ``error_catalogue()`` page function.

A mistake is a text replacement in one file (``find`` → ``replace``; an empty ``find``
creates a new file). ``message`` is what ``procedures check`` says after the file and
line; ``…`` stands for a part that depends on the content (for example a list of known
keys). ``line`` counts from the line where ``find`` starts (0 = that line); ``None``
means the message names the file only. Mistakes that need a data file another part of
the project adds (the chair rotation, amendments, briefings) are used once that file
exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..core.site import Site

CH = "docs/manual/domestic-abuse.md"  # a published chapter
CH2 = "docs/manual/neglect.md"  # a published chapter with links in its text
CONTACTS_CH = "docs/manual/local-contacts.md"  # a published chapter showing a contact with contact("…")
TIMES_CH = "docs/manual/referrals-to-childrens-social-care.md"  # a published chapter using timescale("…")
DRAFT = "docs/manual/transitional-safeguarding.md"  # a draft chapter nobody links to


@dataclass(frozen=True)
class Mistake:
    key: str
    group: str
    title: str  # what the editor did, in plain words
    file: str
    find: str
    replace: str
    message: str  # expected text after "file:line: " ("…" = any text)
    line: int | None = 0  # relative to the line where `find` starts; None = no line
    reported_file: str | None = None  # when the message names another file
    severity: str = "error"
    errors: int = 1  # at most this many new errors in all (the message and any knock-on errors)
    needs: str | None = None  # a project file that must exist for this mistake to apply
    at_line: int | None = None  # an absolute line, when the message names a fixed place (e.g. line 1)
    fix: str | None = None  # how to fix it, for the catalogue, when the message's own advice is a list
    encoding: str = "utf-8"  # how the editor's program saved the file (e.g. cp1252: not UTF-8)
    grow_to_kb: int = 0  # repeat the replacement until the file is this big (a page pasted in whole)
    stage: str = "check"  # "build": only a build meets it (disk full …); tested in test_editor_input_safety

    @property
    def how_to_fix(self) -> str:
        if self.fix:
            return self.fix
        return self.message.split(" — ", 1)[1] if " — " in self.message else self.message

    @property
    def where(self) -> str:
        return self.reported_file or self.file

    def pattern(self) -> re.Pattern[str]:
        parts = [re.escape(p) for p in self.message.split("…")]
        return re.compile(".*?".join(parts) + r"\Z")

    def applies(self, root: Path) -> bool:
        return self.needs is None or (root / self.needs).exists()

    def apply(self, root: Path) -> int | None:
        """Make the mistake in the project at ``root``; return the line the message names."""
        path = root / self.file
        if not self.find:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(self.replace, encoding="utf-8")
            return self.at_line if self.at_line is not None else (None if self.line is None else 1 + self.line)
        text = path.read_text(encoding="utf-8")
        if self.find not in text:
            raise LookupError(f"mistake '{self.key}': the text {self.find!r} is no longer in {self.file} — update procedures/editor/mistakes.py")
        start = text.index(self.find)
        replace = self.replace
        if self.grow_to_kb:
            copies = self.grow_to_kb * 1024 // max(1, len(self.replace.encode("utf-8"))) + 1
            replace = self.replace * copies
        path.write_text(text[:start] + replace + text[start + len(self.find):], encoding=self.encoding)
        if self.at_line is not None:
            return self.at_line
        return None if self.line is None else text[:start].count("\n") + 1 + self.line

    def matches(self, problem: str, line: int | None) -> bool:
        where = f"{self.where}:{line}: " if line else f"{self.where}: "
        if not problem.startswith(where):
            return False
        text = problem[len(where):]
        if self.severity == "warning":
            if not text.startswith("warning: "):
                return False
            text = text[len("warning: "):]
        return bool(self.pattern().match(text))

    def preview(self, root: Path, context: int = 1) -> tuple[str, int | None]:
        """(the wrong text with a line of context either side, the line the message names),
        worked out on the real file in memory — nothing is written."""
        path = root / self.file
        if not self.find or not path.exists():
            return self.replace.rstrip("\n"), self.at_line if self.at_line is not None else (None if self.line is None else 1 + self.line)
        text = path.read_text(encoding="utf-8")
        start = text.find(self.find)
        if start < 0:
            return self.replace.rstrip("\n"), None
        first = text[:start].count("\n")  # 0-based line where the change starts
        changed = text[:start] + self.replace + text[start + len(self.find):]
        lines = changed.splitlines()
        span = max(1, self.replace.count("\n") + (0 if self.replace.endswith("\n") else 1)) if self.replace else 0
        lo, hi = max(0, first - context), min(len(lines), first + span + context)
        shown = "\n".join(lines[lo:hi])
        if self.grow_to_kb:
            shown += f"\n(… the same paragraph again and again, until the file is over {self.grow_to_kb} KB)"
        if not self.replace:
            shown = "\n".join(lines[lo:first] + ["(a line was deleted here)"] + lines[first:hi])
        line = self.at_line if self.at_line is not None else (None if self.line is None else first + 1 + self.line)
        return shown.replace("\t", "→   "), line


G_YAML = "Punctuation, spaces and layout"
G_DATES = "Dates"
G_CHAPTER = "Chapter front matter"
G_TEXT = "Links and page text"
G_DATA = "Data files and their references"
G_ARR = "Partners, delegates and the chair rotation"
G_AMEND = "The amendments log"
G_BRIEF = "7-Minute Briefings"
G_FILES = "Files, addresses and HTML in pages"
G_ROUTES = "Contacts, timescales and the at-a-glance box"

GROUPS = [G_YAML, G_DATES, G_CHAPTER, G_TEXT, G_DATA, G_ROUTES, G_ARR, G_AMEND, G_BRIEF, G_FILES]

MISTAKES: list[Mistake] = [
    # --- punctuation, spaces and layout ---------------------------------------------------
    Mistake("tab-indent", G_YAML, "A tab used to indent a line",
            "data/glossary.yml", "    expansion: Child and Adolescent Mental Health Services",
            "\texpansion: Child and Adolescent Mental Health Services",
            "a tab character is used for indenting; YAML needs spaces — replace the tab with spaces"),
    Mistake("indent-too-deep", G_YAML, "A line indented further than its neighbours",
            "data/sections.yml", "    title: Children in specific circumstances",
            "      title: Children in specific circumstances",
            "the indentation does not line up — indent each item with the same number of spaces as its neighbours"),
    Mistake("indent-too-shallow", G_YAML, "A line indented less than its neighbours",
            "data/sections.yml", "    summary: Guidance that supports good practice alongside the procedures.",
            "   summary: Guidance that supports good practice alongside the procedures.",
            "the indentation does not line up — indent each item with the same number of spaces as its neighbours"),
    Mistake("missing-colon", G_YAML, "A missing colon after a key",
            "data/sections.yml", "    title: Core procedures for all children",
            "    title Core procedures for all children",
            "a line is missing the ':' between key and value (write 'key: value')"),
    Mistake("no-space-after-colon", G_YAML, "No space after the colon",
            "data/sections.yml", "    title: Core procedures for all children",
            "    title:Core procedures for all children",
            "there is no space after the ':' — write 'title: Core procedures for all children'"),
    Mistake("unclosed-quote", G_YAML, "A quote opened but never closed",
            CH, "title: Domestic Abuse\n", "title: \"Domestic Abuse\n",
            "front matter: a quoted value is never closed — add the closing quote at the end of the value"),
    Mistake("smart-quotes", G_YAML, "Curly “smart” quotes pasted from a word processor",
            CH, 'id: "2.15"', "id: \u201c2.15\u201d",
            "front matter: curly “smart” quotes are not YAML quotes — use straight quotes ' or \""),
    Mistake("space-before-colon", G_YAML, "A space between a key and its colon",
            CH, "title: Domestic Abuse\n", "title : Domestic Abuse\n",
            "front matter: a key has a space before its ':' — remove the space (write 'key: value')"),
    Mistake("duplicate-key", G_YAML, "The same key written twice",
            CH, "title: Domestic Abuse\n", "title: Domestic Abuse\ntitle: Domestic abuse and children\n",
            "front matter: the key 'title' appears twice in the same block — keep one of them", line=1),
    Mistake("colon-in-value", G_YAML, "A colon inside a value without quotes",
            CH, "title: Domestic Abuse\n", "title: Domestic Abuse: children as victims\n",
            "front matter: a ':' appears inside a value — put the whole value in quotes, e.g. title: \"Section 47: enquiries\""),
    Mistake("missing-dash", G_YAML, "A new list item without its '-'",
            "data/sections.yml", '  - key: "3"\n', '    key: "3"\n',
            "the key 'key' appears twice in the same block — keep one of them; if it starts a new item, begin the line with '- '"),
    Mistake("star-at-start", G_YAML, "A value starting with *",
            CH, "scope: Applies to all practitioners", "scope: *All* practitioners",
            "front matter: a value starts with '*', which YAML reads as a special character — put the whole value in quotes"),
    Mistake("front-matter-not-closed", G_YAML, "The closing --- of the front matter deleted",
            CH, "---\n\n", "\n\n",
            "the front matter starts with '---' but is never closed — add a line with just '---' after the last key",
            at_line=1),
    # --- dates -------------------------------------------------------------------------
    Mistake("date-dd-mm-yyyy", G_DATES, "A date written as 26/11/2026",
            "data/contacts.yml", "    checked_on: 2026-12-06", "    checked_on: 06/12/2026",
            "'checked_on' must be a date written as YYYY-MM-DD, e.g. 2024-03-31 (found '06/12/2026') — write dates as 2024-03-31"),
    Mistake("date-in-words", G_DATES, "A date written in words",
            CH, "last_reviewed: 2026-11-01", "last_reviewed: 1 November 2026",
            "'last_reviewed' must be a date written as YYYY-MM-DD, e.g. 2024-03-31 (found '1 November 2026') — write dates as 2024-03-31"),
    Mistake("date-short-month", G_DATES, "A month or day without its leading zero",
            CH, "next_review: 2027-11-01", "next_review: 2027-11-1",
            "'next_review' must be a date written as YYYY-MM-DD, e.g. 2024-03-31 (found '2027-11-1') — write dates as 2024-03-31"),
    Mistake("date-impossible", G_DATES, "A date that does not exist",
            CH, "next_review: 2027-11-01", "next_review: 2027-02-30",
            "front matter: 2027-02-30 is not a real date — check the day and the month (write dates as 2024-03-31)"),
    Mistake("review-before-last", G_DATES, "The next review set before the last review",
            CH, "next_review: 2027-11-01", "next_review: 2026-05-01",
            "next_review (2026-05-01) must be after last_reviewed (2026-11-01) — set a later next_review date"),
    # --- chapter front matter ----------------------------------------------------------
    Mistake("related-typo", G_CHAPTER, "A typing slip in a related chapter's code",
            CH, 'related: ["1.1", "1.2", "1.8", "2.8", "3.1"]', 'related: ["1.1", "1.2", "1.8", "2.88", "3.1"]',
            "related chapter '2.88' does not exist — check the id in the contents"),
    Mistake("related-unquoted", G_CHAPTER, "Related chapter codes without quotes",
            CH, 'related: ["1.1", "1.2", "1.8", "2.8", "3.1"]', "related: [1.1, 1.2, 1.8, 2.8, 3.1]",
            "'related' must be text (found float '1.1') — put it in quotes", errors=5),
    Mistake("id-unquoted", G_CHAPTER, "A chapter code without quotes",
            CH, 'id: "2.15"', "id: 2.15",
            "'id' must be text (found float '2.15') — put it in quotes"),
    Mistake("duplicate-id", G_CHAPTER, "A chapter code that is already used",
            "docs/manual/concealed-and-denied-pregnancy.md", 'id: "2.36"', 'id: "2.28"',
            "chapter id '2.28' is already used by docs/manual/bullying.md — ids are unique and never reused; pick the next free id",
            errors=3, fix="pick the next free id in the section; procedures new chapter finds it for you"),
    Mistake("unknown-key", G_CHAPTER, "A key the manual does not know",
            CH, "owner: ppg\n", "owner: ppg\nauthor: Safeguarding lead\n",
            "unknown key 'author' — allowed keys: …", line=1,
            fix="remove the key, or correct its spelling to one of the allowed keys the message lists"),
    Mistake("empty-title", G_CHAPTER, "A required value left empty",
            CH, "title: Domestic Abuse\n", "title:\n",
            "'title' must not be empty — write a value after 'title:'"),
    Mistake("missing-scope", G_CHAPTER, "A required key deleted",
            CH, "scope: Applies to all practitioners in LLR agencies who work with children, parents or carers. Covers children living with domestic abuse, abuse in young people's own relationships, risk assessment, referral and working with the adult who causes harm.\n",
            "", "'scope' is required but missing — add 'scope:' with a value", line=-4),
    Mistake("status-capital", G_CHAPTER, "A status written with a capital letter",
            CH, "status: published", "status: Published",
            "'status' must be one of 'draft', 'published' or 'archived' (found 'Published')",
            fix="write one of the values exactly as shown, in small letters"),
    Mistake("section-unknown", G_CHAPTER, "A section that does not exist",
            CH, 'section: "2"', 'section: "6"',
            "section '6' does not exist — known: … (see data/sections.yml)",
            fix="use one of the section numbers the message lists, in quotes"),
    Mistake("owner-unknown", G_CHAPTER, "An owner that is not a group",
            CH, "owner: ppg", "owner: policy-group",
            "owner 'policy-group' is not a group in data/owners.yml — known: …",
            fix="use one of the owner keys the message lists, or leave owner out for the default group"),
    Mistake("summary-too-short", G_CHAPTER, "A summary of a word or two",
            CH, "summary: How to recognise and respond to domestic abuse affecting children, who are victims in their own right under the Domestic Abuse Act 2021.",
            "summary: Abuse.",
            "'summary' is too short (6 characters; at least 10) — write one full sentence"),
    Mistake("summary-too-long", G_CHAPTER, "A summary that is a whole paragraph",
            CH, "summary: How to recognise and respond to domestic abuse affecting children, who are victims in their own right under the Domestic Abuse Act 2021.",
            "summary: " + ("How to recognise and respond to domestic abuse affecting children, who are victims in their own right. " * 3).strip(),
            "'summary' is too long (308 characters; at most 250) — shorten it"),
    Mistake("keywords-not-list", G_CHAPTER, "Keywords written as one sentence",
            CH2, "keywords: [neglect, neglect toolkit, cumulative harm, adolescent neglect, pre-birth neglect, SUDI, was not brought]",
            "keywords: neglect, neglect toolkit, cumulative harm",
            "'keywords' must be a list (one '- item' per line, or [a, b]) (found 'neglect, neglect toolkit, cumulative harm')",
            fix="put the words in square brackets, [neglect, neglect toolkit], or write one '- word' per line below the key"),
    Mistake("archived-no-successor", G_CHAPTER, "A chapter archived without naming its replacement",
            CH, "status: published", "status: archived",
            "a chapter with 'status: archived' needs 'superseded_by: <chapter id>' so readers are sent to the current one"),
    Mistake("related-self", G_CHAPTER, "A chapter listed as related to itself",
            CH, 'related: ["1.1", "1.2", "1.8", "2.8", "3.1"]', 'related: ["1.1", "1.2", "1.8", "2.15", "3.1"]',
            "a chapter cannot list itself as related — remove its own code from related"),
    Mistake("related-draft", G_CHAPTER, "A related chapter that is still a draft",
            CH, 'related: ["1.1", "1.2", "1.8", "2.8", "3.1"]', 'related: ["1.1", "1.2", "1.8", "3.4", "3.1"]',
            "related chapter '3.4' is a draft and will not be published — remove it until it is published"),
    Mistake("title-lower-case", G_CHAPTER, "A title starting with a small letter (a warning)",
            CH, "title: Domestic Abuse\n", "title: domestic abuse\n",
            "the title should start with a capital letter", severity="warning", errors=0,
            fix="start the title with a capital letter; the site still builds meanwhile"),
    # --- links and page text -------------------------------------------------------------
    Mistake("macro-braces", G_TEXT, "Double curly brackets in ordinary text",
            CH2, "## 2. What neglect is\n", "## 2. What neglect is\n\nWrite the child's name as {{ name }} in the form.\n",
            "'{{' or '{%' in prose would be read as a template instruction — write it another way, or ask a developer to add a macro",
            line=2),
    Mistake("link-renamed-page", G_TEXT, "A link to a page that was renamed",
            CH2, "(recognising-abuse-and-neglect.md)", "(recognising-abuse.md)",
            "the link 'recognising-abuse.md' goes to a page that does not exist (docs/manual/recognising-abuse.md) — did you mean 'recognising-abuse-and-neglect.md'?"),
    Mistake("link-wrong-folder", G_TEXT, "A link that forgets which folder it is in",
            CH2, "(../thresholds/index.md)", "(thresholds/index.md)",
            "the link 'thresholds/index.md' goes to a page that does not exist (docs/manual/thresholds/index.md) — did you mean '../thresholds/index.md'?"),
    Mistake("link-missing-heading", G_TEXT, "A link to a heading that is not there",
            CH2, "(recognising-abuse-and-neglect.md)", "(recognising-abuse-and-neglect.md#signs-of-neglect)",
            "the link 'recognising-abuse-and-neglect.md#signs-of-neglect' goes to a heading '#signs-of-neglect' that is not on that page — did you mean '#…'?"),
    Mistake("link-to-draft", G_TEXT, "A link to a chapter that is still a draft",
            CH2, "(recognising-abuse-and-neglect.md)", "(transitional-safeguarding.md)",
            "the link 'transitional-safeguarding.md' goes to a draft chapter, which is not published — remove the link until that chapter is published"),
    # --- data files and references ----------------------------------------------------------
    Mistake("contact-typo", G_DATA, "A typing slip in a contact's key",
            "data/contacts.yml", "  - leicester-front-door\n", "  - leicester-frontdoor\n",
            "'leicester-frontdoor' is not a contact — known: …",
            fix="correct the key to one of the known contacts the message lists"),
    Mistake("contact-duplicate", G_DATA, "A contact copied without changing its key",
            "data/contacts.yml", "  - key: dfe-safeguarding-reform", "  - key: business-office",
            "'business-office' appears twice in contacts — each key must be unique",
            fix="give the copied contact its own key"),
    Mistake("phone-dashes", G_DATA, "A phone number written with dashes",
            "data/contacts.yml", '    phone: "0116 305 0005"', '    phone: "0116-305-0005"',
            "write phone numbers with digits and spaces only, e.g. 0116 305 0005",
            fix="write the number with digits and spaces only, in quotes, e.g. \"0116 305 0005\""),
    Mistake("area-capital", G_DATA, "An area written with a capital letter",
            "data/contacts.yml", "    area: rutland", "    area: Rutland",
            "'area' must be one of 'all', 'leicester', 'leicestershire', 'rutland' or 'llr' (found 'Rutland')",
            fix="write one of the values exactly as shown, in small letters"),
    Mistake("partnership-business-office", G_DATA, "The partnership's business office named by a key that is not a contact",
            "data/partnership.yml", "business_office: business-office", "business_office: business-ofice",
            "'business-ofice' is not a contact in data/contacts.yml — name the business office's contact key",
            fix="write the key of the business office's entry in data/contacts.yml"),
    Mistake("partnership-footprint-area", G_DATA, "A footprint in data/partnership.yml naming an area that is not listed",
            "data/partnership.yml", "    areas: [leicestershire, rutland]", "    areas: [leicestershire, rutlnd]",
            "footprint 'leicestershire-and-rutland' names 'rutlnd', which is not one of the areas — known: leicester, leicestershire, rutland",
            fix="correct the key to one of the areas listed under 'areas:' in the same file"),
    Mistake("key-with-spaces", G_DATA, "A key written like a title",
            "data/contacts.yml", "  - key: dfe-safeguarding-reform", "  - key: DfE safeguarding reform",
            "'DfE safeguarding reform' is not a valid key — use lower-case letters, digits and hyphens, e.g. childrens-front-door"),
    Mistake("default-owner-unknown", G_DATA, "A default owner that is not in the list",
            "data/owners.yml", "default: ppg", "default: policy-group",
            "default owner 'policy-group' is not listed under owners — known: …",
            fix="use one of the keys listed under owners"),
    Mistake("glossary-see-unknown", G_DATA, "A glossary cross-reference to a term that is not there",
            "data/glossary.yml", "    see: [S17]", "    see: [Section 17]",
            "'see' names 'Section 17', which is not a term in the glossary — add it or correct the spelling"),
    Mistake("glossary-duplicate", G_DATA, "A glossary term added twice",
            "data/glossary.yml", "  - term: CAMHS\n", "  - term: ASDB\n",
            "'ASDB' appears twice in terms — each term must be unique",
            fix="keep one entry for the term, or correct the term that was meant"),
    # --- contacts, timescales and the at-a-glance box ----------------------------------------
    Mistake("contact-unknown-in-text", G_ROUTES, "A contact key in a chapter that is not in the contacts file",
            CONTACTS_CH, '{{ contact("emergency") }}', '{{ contact("emergancy") }}',
            "unknown contact 'emergancy' — use one of the keys in data/contacts.yml (did you mean 'emergency'?)",
            fix="correct the key to one in data/contacts.yml, or ask for the contact to be added there"),
    Mistake("timescale-unknown-in-text", G_ROUTES, "A timescale key in a chapter that is not in the timescales file",
            TIMES_CH, '{{ timescale("referral-decision") }}', '{{ timescale("referal-decision") }}',
            "unknown timescale 'referal-decision' — use one of the keys in data/timescales.yml (did you mean 'referral-decision'?)",
            fix="correct the key to one in data/timescales.yml, or ask for the timescale to be added there"),
    Mistake("glance-unknown-contact", G_ROUTES, "A contact in the at-a-glance box that does not exist",
            CH, "  call: [", "  call: [lado-leicster, ",
            "unknown contact 'lado-leicster' — use one of the keys in data/contacts.yml…",
            fix="use keys from data/contacts.yml in 'call'"),
    Mistake("glance-unknown-timescale", G_ROUTES, "A timescale in the at-a-glance box that does not exist",
            CH, "  by_when: [", "  by_when: [icpc-meeting, ",
            "unknown timescale 'icpc-meeting' — use one of the keys in data/timescales.yml…",
            fix="use keys from data/timescales.yml in 'by_when'"),
    Mistake("glance-missing", G_ROUTES, "A chapter published without its at-a-glance box",
            DRAFT, "status: draft", "status: published",
            "a published chapter needs an 'at_a_glance:' block in its front matter (do_now: the first steps; call: contact keys; by_when: timescale keys) — add it, as shown under 'At a glance' in the editors' style guide"),
    Mistake("source-kind-capital", G_ROUTES, "A contact's kind of source written with a capital letter",
            "data/contacts.yml", "    source_kind: national", "    source_kind: National",
            "'source_kind' must be one of 'partnership', 'public' or 'national' (found 'National')",
            fix="write partnership, public or national exactly, in small letters"),
    Mistake("contact-stale", G_ROUTES, "A contact not checked for more than six months (a warning)",
            "data/contacts.yml", "    checked_on: 2026-12-06", "    checked_on: 2025-01-10",
            "contact '…' was last checked on 2025-01-10, more than 6 months ago — check it against its source and update checked_on",
            severity="warning", errors=0),
    # --- partners, delegates and the chair rotation -------------------------------------------
    Mistake("rotation-name-not-delegate", G_ARR, "A person's name in the chair rotation instead of a delegate's role",
            "data/rotation.yml", "    chairs: [police-dsp]", "    chairs: [Henry Henderson]",
            "write the role 'police-dsp', not the name 'Henry Henderson' — the rotation follows the post when people change", needs="data/rotation.yml"),
    Mistake("rotation-lead-not-delegate", G_ARR, "A lead partner named as chair (only delegates chair)",
            "data/rotation.yml", "    chairs: [police-dsp]", "    chairs: [police-lsp]",
            "'police-lsp' is the Police LSP, … (a Lead Safeguarding Partner), not a delegated safeguarding partner — the chair and deputy chair are DSPs: use one of …",
            fix="use the delegate's role, written <organisation>-dsp, e.g. police-dsp", needs="data/rotation.yml"),
    Mistake("rotation-duplicate-year", G_ARR, "A business year written twice",
            "data/rotation.yml", '  - year: "2027/28"', '  - year: "2026/27"',
            "business year 2026/27 is listed twice (also on line …) — keep one row per business year", errors=2, needs="data/rotation.yml"),
    Mistake("rotation-year-format", G_ARR, "A business year written with a dash",
            "data/rotation.yml", '  - year: "2027/28"', '  - year: "2027-28"',
            "'2027-28' is not a business year — a business year runs from 1 April to 31 March and is written like 2024/25", needs="data/rotation.yml"),
    Mistake("rotation-chair-and-deputy", G_ARR, "The same delegate as chair and deputy in one year",
            "data/rotation.yml", "    chairs: [police-dsp]\n    deputies: [leicestershire-dsp]",
            "    chairs: [police-dsp]\n    deputies: [police-dsp]",
            "the Police DSP, … both chairs and deputises in 2026/27 — the deputy chair must be a different DSP", line=1, needs="data/rotation.yml"),
    Mistake("delegate-interim-in-name", G_ARR, "'Interim' written into a delegate's name",
            "data/partners.yml", "      name: Chris West", "      name: Chris West (interim)",
            "write 'interim: true' instead of putting 'interim' in the name"),
    # --- the amendments log ---------------------------------------------------------------
    Mistake("amendment-unknown-chapter", G_AMEND, "An amendment for a chapter code that does not exist",
            "data/amendments.yml", '      - chapter: "2.14"', '      - chapter: "2.94"',
            "chapter '2.94' does not exist — …",
            fix="correct the chapter code; the message suggests the nearest one", needs="data/amendments.yml"),
    Mistake("amendment-change-typo", G_AMEND, "A kind of change the log does not know",
            "data/amendments.yml", "        change: updated", "        change: update",
            "'change' must be one of 'new', 'updated', 'removed' or 'renamed' (found 'update')",
            fix="write one of the four kinds of change exactly as shown", needs="data/amendments.yml"),
    Mistake("amendment-date-format", G_AMEND, "A release date written as 31/03/2022",
            "data/amendments.yml", "  - date: 2022-03-31", "  - date: 31/03/2022",
            "'date' must be a date written as YYYY-MM-DD, e.g. 2024-03-31 (found '31/03/2022') — write dates as 2024-03-31", needs="data/amendments.yml"),
    Mistake("amendment-unquoted-chapter", G_AMEND, "A chapter code without quotes in the log",
            "data/amendments.yml", '      - chapter: "2.14"', "      - chapter: 2.14",
            "'chapter' must be text (found float '2.14') — put it in quotes", needs="data/amendments.yml"),
    Mistake("urls-line-deleted", G_AMEND, "A line deleted from urls.txt by hand",
            "urls.txt", "/manual/domestic-abuse/\n", "",
            "/manual/domestic-abuse/ was published (git history of urls.txt) but its line has been deleted — published "
            "addresses are never removed: put the line back, and if the page really moved or went, add a 'renamed' or "
            "'removed' entry with previous_url: manual/domestic-abuse/ to data/amendments.yml",
            line=None, needs=".git"),
    Mistake("amendment-edition-tag-edited", G_AMEND, "An edition tag changed by hand",
            "data/amendments.yml", "  - date: 2026-11-01\n", "  - date: 2026-11-01\n    tag: edition-2026-10\n",
            "tag edition-2026-10 does not match the release date 2026-11-01 — it should be edition-2026-11; "
            "tags are set by 'procedures release', do not edit them",
            line=1, fix="put back the tag 'procedures release' wrote (edition- and the year and month of the release)",
            needs="data/amendments.yml"),
    # --- 7-Minute Briefings -------------------------------------------------------------------
    Mistake("briefing-eight-sections", G_BRIEF, "A briefing with eight sections instead of seven",
            "docs/briefings/bruising-in-pre-mobile-babies.md", "## Further reading and resources\n",
            "## Further reading\n\nSee the related chapters.\n\n## Resources\n",
            "a 7-Minute Briefing has exactly seven sections ('## ' headings); this one has 8 and section 8 starts here — merge or remove sections until there are seven",
            line=4, needs="docs/briefings/bruising-in-pre-mobile-babies.md"),
    Mistake("briefing-unknown-theme", G_BRIEF, "A theme that is not in the list",
            "docs/briefings/bruising-in-pre-mobile-babies.md", "themes: [safeguarding-babies, voice-of-the-child]",
            "themes: [safeguarding-babys, voice-of-the-child]",
            "theme 'safeguarding-babys' is not in data/briefing-themes.yml — use one of: … (or ask for the theme to be added there)", needs="docs/briefings/bruising-in-pre-mobile-babies.md"),
    Mistake("case-review-no-publication-date", G_DATA, "A case review without its publication date",
            "data/case-reviews.yml", "reviews: []\n",
            "reviews:\n  - key: child-a\n    title: Child A\n    report_url: https://www.example.org/child-a.pdf\n",
            "'published' is required but missing — add 'published:' with a value", line=1, needs="data/case-reviews.yml"),
    Mistake("case-review-expires-too-soon", G_DATA, "A case review taken down less than 12 months after publication",
            "data/case-reviews.yml", "reviews: []\n",
            "reviews:\n  - key: child-a\n    title: Child A\n    published: 2026-01-15\n    expires: 2026-12-31\n"
            "    report_url: https://www.example.org/child-a.pdf\n",
            "expires (2026-12-31) is earlier than 12 months after publication (2026-01-15) — a review stays published for "
            "at least 12 months: remove expires or set it to 2027-01-15 or later", line=1, needs="data/case-reviews.yml"),
    Mistake("backup-copy", G_DATA, "A backup copy of a data file left in data/",
            "data/contacts-old.yml", "", "contacts: []\n",
            "no model describes this data file — remove it (a copy or backup?), or ask a developer to declare it in a feature's data_files", line=None),
    # --- files, addresses and HTML in pages (issue 17) ----------------------------------------
    Mistake("same-address-twice", G_FILES, "A second file that would publish a chapter's address",
            "docs/manual/domestic-abuse/index.md", "", "---\ntitle: Domestic abuse (new draft)\n---\n\n# Domestic abuse\n",
            "publishes the same address /manual/domestic-abuse/ as docs/manual/domestic-abuse.md — one page would "
            "silently replace the other: rename or remove one of the two files", line=None),
    Mistake("html-script", G_FILES, "A script pasted into a page",
            CH, "This chapter was reviewed after", "<script>trackVisit()</script>\n\nThis chapter was reviewed after",
            "<script> is not allowed in a page: pages cannot run scripts — remove it (a developer can add behaviour "
            "in overrides/assets/javascripts/)"),
    Mistake("html-event-handler", G_FILES, "An image with an onerror attribute",
            CH, "This chapter was reviewed after", '<img src="../images/poster.png" alt="" onerror="alert(1)">\n\nThis chapter was reviewed after',
            "<img>: the 'onerror' attribute would run a script — remove it"),
    Mistake("javascript-link", G_FILES, "A link whose address is javascript:",
            CH, "both described in section 5.", "both described in [section 5](javascript:alert(1)).",
            "a 'javascript:' address can run code or hide content — link to a page (.md) or an https:// address instead"),
    Mistake("image-other-host", G_FILES, "An image taken straight from another website",
            CH, "This chapter was reviewed after", "![Poster](https://example.com/poster.png)\n\nThis chapter was reviewed after",
            "the image would be fetched from another site, which the security policy blocks and which tells that site "
            "who reads this page — save the image in docs/images/ and use ![description](../images/name.png)"),
    Mistake("video-frame", G_FILES, "A video embedded with an iframe",
            CH, "This chapter was reviewed after",
            '<iframe src="https://www.youtube.com/embed/abc123" title="Training video"></iframe>\n\nThis chapter was reviewed after',
            "<iframe> is not allowed in a page: content embedded from elsewhere is not allowed — link to it instead, "
            "e.g. [Watch the video on the organisation's site](https://…)"),
    Mistake("inline-style", G_FILES, "Colour added with a style attribute",
            CH, "This chapter was reviewed after", '<span style="color: red">Important:</span> This chapter was reviewed after',
            "<span>: the 'style' attribute is blocked by the site's security policy — remove it (ask a developer if "
            "the page needs a class in the stylesheet)"),
    Mistake("not-utf8-chapter", G_FILES, "A chapter saved by a program that does not use UTF-8",
            CH, "the child's experience", "the child\u2019s experience",
            "the file is not saved as UTF-8: byte 0x92 (in Windows-1252 it is '\u2019') on this line cannot be read — save "
            "the file with the encoding UTF-8 (in most editors: Save As, Encoding: UTF-8), or retype that character",
            encoding="cp1252"),
    Mistake("not-utf8-data", G_FILES, "A data file saved by a program that does not use UTF-8",
            "data/glossary.yml", "    expansion: Child and Adolescent Mental Health Services",
            "    expansion: Child and Adolescent Mental Health Services (\u2018CAMHS\u2019)",
            "the file is not saved as UTF-8: byte 0x91 (in Windows-1252 it is '\u2018') on this line cannot be read — save "
            "the file with the encoding UTF-8 (in most editors: Save As, Encoding: UTF-8), or retype that character",
            encoding="cp1252"),
    Mistake("image-missing", G_FILES, "An image that was never added to docs/",
            CH, "This chapter was reviewed after", "![Findings of the 2021/22 audit](../images/audit-findings.png)\n\nThis chapter was reviewed after",
            "the image '../images/audit-findings.png' is not there (looked for docs/images/audit-findings.png) — add the "
            "image file there, or correct the file name (capitals count)"),
    Mistake("absolute-link-missing-page", G_FILES, "A link written as an address to a page that does not exist",
            CH, "both described in section 5.", "both described in [the audit](/manual/domestic-abuse-audit/).",
            "the link '/manual/domestic-abuse-audit/' goes to an address this site does not publish — did you mean "
            "'/manual/domestic-abuse/'? Better, link to its file: [text](domestic-abuse.md)"),
    Mistake("page-too-large", G_FILES, "A whole report pasted into one chapter",
            CH, "This chapter was reviewed after", "A paragraph of a long report, pasted into the chapter as it was. \n\nThis chapter was reviewed after",
            "the page is … KB; a page may be at most 300 KB — split it into shorter chapters (a page this long takes "
            "minutes to build and is very hard to read on a phone)", line=None, grow_to_kb=400),
    Mistake("disk-full", G_FILES, "Building when the disk is full",
            "site/manual/neglect/index.html", "", "(the disk filled up while the site was being written)",
            "the disk is full — free some space (or build elsewhere with --out) and build again",
            line=None, stage="build", reported_file="/srv/procedures/.site-build-1796600000000/manual/neglect/index.html"),
    Mistake("output-read-only", G_FILES, "Building into a folder you may not write to",
            "site/index.html", "", "(the folder for the site is read-only)",
            "cannot write here (Read-only file system) — the folder is read-only or belongs to someone else: check its "
            "permissions, or build elsewhere with --out", line=None, stage="build", reported_file="/srv/procedures/.site-build-1796600000000"),
]


def applicable(root: Path) -> list[Mistake]:
    return [m for m in MISTAKES if m.applies(root)]


# --- the error catalogue in the editor guide ------------------------------------------------

def catalogue(site: Site) -> str:
    from markupsafe import Markup

    from ..core.render import render_markdown

    groups = []
    for group in GROUPS:
        entries = []
        for m in MISTAKES:
            if m.group != group or not m.applies(site.root):
                continue
            shown, line = m.preview(site.root)
            where = f"{m.where}:{line}" if line else m.where
            prefix = "warning: " if m.severity == "warning" else ""
            entries.append({
                "m": m,
                "title": Markup(re.sub(r"([\\`*_\[\]{}#])", r"\\\1", m.title)),
                "example": Markup(_code(shown)),
                "says": Markup(_code(f"{where}: {prefix}{m.message}", block=False)),
                "fix": m.how_to_fix,
            })
        if entries:
            groups.append({"title": group, "entries": entries})
    return render_markdown("error-catalogue.md", groups=groups, count=sum(len(g["entries"]) for g in groups))


def _code(text: str, block: bool = True) -> str:
    """HTML for literal text, with braces as entities so no template engine sees them."""
    from markupsafe import escape

    safe = str(escape(text)).replace("{", "&#123;").replace("}", "&#125;")
    if block:
        return f'<pre class="mistake-example"><code>{safe}</code></pre>'
    return f'<p class="mistake-message"><code>{safe}</code></p>'


def macros(site: Site) -> dict[str, Any]:
    def error_catalogue() -> str:
        """Every mistake in the corpus with what the check says, grouped by kind."""
        return catalogue(site)

    return {"error_catalogue": error_catalogue}
