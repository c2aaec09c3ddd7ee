"""The benchmark's synthetic manual is deterministic and valid (the benchmark itself is
`make bench`, not a test: no timings here)."""

from __future__ import annotations

from procedures.bench import synth
from procedures.bench.__main__ import write_stock
from procedures.site import load_site


def test_the_synthetic_manual_is_deterministic_valid_and_the_size_asked_for(project_copy):
    paths = synth.write_manual(project_copy, 7, words=800)
    first = [p.read_bytes() for p in paths]
    again = synth.write_manual(project_copy, 7, words=800)
    assert [p.read_bytes() for p in again] == first
    site = load_site(project_copy)
    assert site.report.errors == [], [str(p) for p in site.report.errors]
    bench = [c for c in site.chapters if c.src_uri.startswith("manual/" + synth.PREFIX)]
    assert len(bench) == 7 and all(c.status == "published" for c in bench)
    for i, p in enumerate(paths):
        body = p.read_text().split("\n---\n", 1)[1]
        assert 800 <= len(body.split()) <= 1300
        assert body.count("\n## ") >= 2
        assert synth.marker(i) in body
        assert all(synth.marker(i) not in q.read_text() for q in paths if q != p)


def test_the_stock_configuration_uses_only_material_defaults(project_copy):
    synth.write_manual(project_copy, 3, words=300)
    import yaml

    cfg = yaml.load(write_stock(project_copy).read_text(), Loader=yaml.Loader)  # noqa: S506 - our own file
    assert cfg["theme"] == {"name": "material"} and cfg["plugins"] == ["search"]
    text = yaml.dump(cfg)
    assert "manual/bench-chapter-0002.md" in text  # the synthetic chapters are in its nav
