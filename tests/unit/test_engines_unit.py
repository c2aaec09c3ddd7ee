"""Choosing an engine (procedures/engines/): the default, an unknown name and an engine
that is not installed are one line each, before anything is built."""

from __future__ import annotations

import dataclasses

import pytest

from procedures import engines
from procedures.core.builder import BuildFailed, build_site
from procedures.core.cli import parser


def test_mkdocs_is_the_default():
    assert engines.DEFAULT == "mkdocs"
    assert engines.get(None).name == "mkdocs"
    assert parser().parse_args(["build"]).engine is None
    assert parser().parse_args(["build", "--engine", "zensical"]).engine == "zensical"


def test_unknown_engine_is_refused_by_the_command(capsys):
    with pytest.raises(SystemExit) as info:
        parser().parse_args(["build", "--engine", "hugo"])
    assert info.value.code == 2
    assert "invalid choice: 'hugo'" in capsys.readouterr().err


def test_an_engine_that_is_not_installed_stops_the_build_with_one_line(monkeypatch, tmp_path):
    missing = dataclasses.replace(engines.ENGINES["zensical"], installed=lambda: False)
    monkeypatch.setitem(engines.ENGINES, "zensical", missing)
    with pytest.raises(BuildFailed) as info:
        build_site(tmp_path, tmp_path / "site", engine="zensical")
    message = str(info.value)
    assert message.startswith("the zensical engine is not installed — ")
    assert "requirements/zensical.txt" in message and "\n" not in message
    assert not (tmp_path / "site").exists()
    with pytest.raises(engines.EngineMissing, match="unknown engine 'hugo'"):
        engines.get("hugo")


def test_body_without_template_puts_the_head_and_foot_around_the_text():
    from procedures.engines.plainconfig import body_without_template

    class Info:
        index = True

    body = body_without_template("chapter.html", "## One\n\nText.", {"search_info": Info(), "chapter_head": "<header>H</header>",
                                                                    "chapter_foot": "<footer>F</footer>"})
    assert body.startswith('<article class="chapter" data-pagefind-body markdown="1">')
    assert body.index("<header>H</header>") < body.index("## One") < body.index("<footer>F</footer>")
    assert body.rstrip().endswith("</article>")
    Info.index = False
    assert body_without_template(None, "Text.", {"search_info": Info()}) == "Text."
