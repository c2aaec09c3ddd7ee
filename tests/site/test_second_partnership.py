"""A second partnership's site, made by `procedures init` and built with no code change.

The fixture partnership is a single county (Wealdshire) with two local authorities, West
and East Wealdshire. Its built output — every page, feed, JSON file, header file, sitemap,
search index fragment and PDF — must not name Leicester, Leicestershire, Rutland or LLR,
and must name its own areas where the engine prints areas.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from procedures.core.builder import build_site
from procedures.core.cli import main as procedures
from procedures.core.site import load_site

pytestmark = pytest.mark.slow

NAME = "Wealdshire Safeguarding Children Partnership"
AREAS = {"west-wealdshire": "West Wealdshire", "east-wealdshire": "East Wealdshire"}
LLR_NAMES = re.compile(r"leicester|rutland", re.I)  # also Leicestershire
LLR_SHORT = re.compile(r"\bLLR\b|LLR")


@pytest.fixture(scope="module")
def second(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("wealdshire") / "site-source"
    args = ["init", str(root), "--name", NAME, "--county", "Wealdshire"]
    for key, name in AREAS.items():
        args += ["--area", f"{key}={name}"]
    assert procedures(args) == 0
    out = root.parent / "built"
    build_site(root, out, progress=lambda msg: None)
    return root, out


def _texts(site_dir: Path):
    """(relative path, text) of every file of the built site, decompressed; PDFs as their text."""
    from pypdf import PdfReader

    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        data = path.read_bytes()
        if path.suffix == ".pdf":
            reader = PdfReader(path)
            yield rel, "\n".join(page.extract_text() for page in reader.pages) + json.dumps(dict(reader.metadata or {}), default=str)
            continue
        if data[:2] == b"\x1f\x8b":  # sitemap.xml.gz, Pagefind's index fragments
            data = gzip.decompress(data)
        yield rel, data.decode("utf-8", "replace")


def test_init_site_passes_its_checks(second):
    root, _ = second
    site = load_site(root)
    assert site.report.errors == [] and site.report.warnings == [], "\n".join(site.report.lines())
    assert [a.key for a in site.data["partnership"].areas] == list(AREAS)


def test_no_llr_string_anywhere_in_the_built_output(second):
    _, out = second
    kinds: set[str] = set()
    found = []
    for rel, text in _texts(out):
        kinds.add(Path(rel).suffix or rel)
        rest = text  # no exception: the engine's CSS namespace is 'sp-', not 'llr-'
        for rx in (LLR_NAMES, LLR_SHORT):
            for m in rx.finditer(rest):
                found.append(f"{rel}: …{rest[max(0, m.start() - 60):m.end() + 40]}…")
        vendor = rel.startswith(("assets/javascripts/bundle.", "assets/javascripts/workers/", "pagefind/")) and not rel.endswith(".pf_fragment")
        if not vendor and re.search(r"llr", rest, re.I):  # Material's and Pagefind's minified code may contain the letters
            found.append(f"{rel}: 'llr' in the output")
    assert not found, "\n".join(found[:20])
    # the scan really covered every kind of output
    assert {".html", ".xml", ".json", ".pdf", ".css", ".js", ".gz", "_headers"} <= kinds, kinds


def test_its_own_areas_and_name_appear(second):
    _, out = second
    contacts = (out / "manual/local-contacts/index.html").read_text(encoding="utf-8")
    for name in AREAS.values():
        assert f"<td>{name}</td>" in contacts  # the area column of the contacts table
    assert "<td>Wealdshire</td>" in contacts  # the business office serves the whole area
    level = (out / "thresholds/levels/specialist/index.html").read_text(encoding="utf-8")
    assert all(name in level for name in AREAS.values())
    membership = (out / "arrangements/membership/index.html").read_text(encoding="utf-8")
    assert "West Wealdshire and East Wealdshire" in membership
    chart = (out / "arrangements/structure-and-governance/index.html").read_text(encoding="utf-8")
    assert f"Structure chart of the {NAME}:" in chart
    feed = (out / "feeds/amendments.xml").read_text(encoding="utf-8")
    assert "<title>WSCP safeguarding children procedures: amendments</title>" in feed
    assert "Wealdshire safeguarding children procedures manual" in feed
    assert json.loads((out / "feeds/amendments.json").read_text(encoding="utf-8"))["title"].startswith("WSCP ")
    # its own colours and logo, not the engine's defaults
    bundle = next((out / "assets/stylesheets").glob("site.*.css")).read_text(encoding="utf-8")
    assert "--md-primary-fg-color: #1d4f2a;" in bundle
    assert 'aria-label="WSCP procedures"' in (out / "assets/images/logo.svg").read_text(encoding="utf-8")
    from pypdf import PdfReader

    pdf = PdfReader(out / "briefings/action-plan/team-action-plan.pdf")
    assert f"7-Minute Briefing · {NAME}" in pdf.pages[0].extract_text()


def test_sample_numbers_are_fictional_and_marked(second):
    root, _ = second
    site = load_site(root)
    for c in site.data["contacts"].contacts:
        if c.key == "emergency":
            assert c.phone == "999"
            continue
        # Ofcom's ranges for drama: 01632 960000-960999 and 020 7946 0000-0999
        assert re.fullmatch(r"01632 960\d{3}|020 7946 0\d{3}", c.phone or ""), c
        assert c.note and c.note.startswith("SAMPLE"), c
    assert site.data["partnership"].sample is True


def test_the_offline_copy_is_not_named_after_llr(second):
    """The service worker's cache was once called 'llr-offline-…': a reader's browser shows
    that name. It is the engine's now."""
    _, out = second
    worker = (out / "sw.js").read_text(encoding="utf-8")
    assert '"procedures-offline-"' in worker
    assert not re.search(r"llr", worker, re.I)
