"""The per-section navigation cache (procedures/navcache/) writes exactly the HTML
Material would: the whole site built with and without it is byte-for-byte the same."""

from __future__ import annotations

import pytest

from procedures import navcache
from procedures.bench import synth
from procedures.core.builder import build_site


@pytest.fixture
def counted(monkeypatch):
    caches: list[navcache.NavCache] = []
    original = navcache.NavCache.__init__

    def init(self, nav):
        original(self, nav)
        caches.append(self)

    monkeypatch.setattr(navcache.NavCache, "__init__", init)
    return caches


def _pages(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


@pytest.mark.slow
def test_cached_navigation_is_identical_to_a_full_render(project_copy, tmp_path, monkeypatch, counted):
    synth.write_manual(project_copy, 30, words=150)  # sections with many chapters
    monkeypatch.setenv("PROCEDURES_NAV_CACHE", "off")
    full = build_site(project_copy, tmp_path / "full", progress=lambda m: None, after_build=False)
    assert sum(c.hits for c in counted) == 0
    monkeypatch.setenv("PROCEDURES_NAV_CACHE", "on")
    cached = build_site(project_copy, tmp_path / "cached", progress=lambda m: None, after_build=False)
    hits = sum(c.hits for c in counted)
    assert hits > 60, "the cache was not used"
    a, b = _pages(full), _pages(cached)
    assert a.keys() == b.keys()
    different = [k for k in a if a[k] != b[k] and not k.startswith("404")]
    assert different == [], different[:5]


def test_verify_mode_fails_the_build_when_a_spliced_navigation_differs(project_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("PROCEDURES_NAV_CACHE", "verify")
    original = navcache.Slot.assemble

    def broken(self, active_item, previous_inactive, full=None):
        return original(self, active_item + "<!-- wrong -->", previous_inactive, full)

    monkeypatch.setattr(navcache.Slot, "assemble", broken)
    from procedures.core.builder import BuildFailed

    with pytest.raises((navcache.NavCacheMismatch, BuildFailed)):
        build_site(project_copy, tmp_path / "site", progress=lambda m: None, after_build=False)
