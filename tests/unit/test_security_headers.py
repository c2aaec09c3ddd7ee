"""procedures.security: CSP hashes of inline scripts, the two header files, parsing back."""

from __future__ import annotations

import base64
import hashlib

import pytest

from procedures import security
from procedures.core.builder import BuildFailed

# the inline scripts Material's templates write (procedures/security/csp.py knows them)
MD_SCOPE = ('__md_scope=new URL("{base}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
            '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
            '__md_set=(e,_,t=localStorage,a=__md_scope)=>{{try{{t.setItem(a.pathname+"."+e,JSON.stringify(_))}}catch(e){{}}}}')
TABS = ('var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
        '(target.checked=target.name.startsWith("__tabbed_"))')
ONE, TWO = MD_SCOPE.format(base=".."), TABS


def page(*scripts: str) -> str:
    return "<!doctype html><html><head>" + "".join(scripts) + "</head><body></body></html>"


def test_only_executable_inline_scripts_are_hashed():
    html = page(
        '<script>var a=1</script>',
        '<script type="module">import x from "./x.js"</script>',
        '<script id="__config" type="application/json">{"a": 1}</script>',
        '<script src="a.js"></script>',
        "<SCRIPT type='text/javascript'>b()</SCRIPT>",
    )
    assert security.inline_scripts(html) == ["var a=1", 'import x from "./x.js"', "b()"]


def test_hash_is_the_base64_sha256_of_the_exact_script_text():
    expected = base64.b64encode(hashlib.sha256(b"var a=1").digest()).decode()
    assert security.csp_hash("var a=1") == f"'sha256-{expected}'"
    assert security.csp_hash("var a=1 ") != security.csp_hash("var a=1")  # whitespace matters to the browser


def test_site_hashes_are_unique_and_sorted_across_pages(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(page(f"<script>{ONE}</script>", f"<script>{TWO}</script>"))
    (tmp_path / "a" / "index.html").write_text(page(f"<script>{ONE}</script>"))
    hashes = security.script_hashes(tmp_path)
    assert hashes == sorted({security.csp_hash(ONE), security.csp_hash(TWO)})


def test_policy_is_strict_and_lists_the_hashes(tmp_path):
    (tmp_path / "index.html").write_text(page(f"<script>{ONE}</script>"))
    headers = security.security_headers(tmp_path)
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self' " + security.csp_hash(ONE) in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
    assert "'wasm-unsafe-eval'" not in csp  # only when the build contains Pagefind's WebAssembly
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "geolocation=()" in headers["Permissions-Policy"]
    assert headers["Strict-Transport-Security"].startswith("max-age=")


def test_webassembly_search_gets_wasm_unsafe_eval_only(tmp_path):
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "wasm.en.pagefind").write_bytes(b"\0asm")
    csp = security.security_headers(tmp_path)["Content-Security-Policy"]
    assert "'wasm-unsafe-eval'" in csp and "'unsafe-eval'" not in csp.replace("'wasm-unsafe-eval'", "")


def test_headers_file_and_nginx_snippet_carry_the_same_headers(tmp_path):
    (tmp_path / "index.html").write_text(page(f"<script>{TWO}</script>"))
    headers = security.write_headers(None, tmp_path)
    parsed = security.parse_headers_file((tmp_path / security.HEADERS_FILE).read_text())
    assert parsed == {"/*": headers}
    nginx = (tmp_path / security.NGINX_FILE).read_text()
    for name, value in headers.items():
        escaped = value.replace('"', '\\"')
        assert f'add_header {name} "{escaped}" always;' in nginx


def test_parse_headers_file_rejects_a_header_before_any_path():
    import pytest

    with pytest.raises(ValueError, match="before any URL pattern"):
        security.parse_headers_file("  X-Frame-Options: DENY\n")


def test_an_inline_script_no_template_writes_fails_the_build_and_is_never_hashed(tmp_path):
    (tmp_path / "manual" / "x").mkdir(parents=True)
    (tmp_path / "index.html").write_text(page(f"<script>{ONE}</script>"))
    (tmp_path / "manual" / "x" / "index.html").write_text(page(f"<script>{ONE}</script>", "<script>alert(1)</script>"))
    with pytest.raises(BuildFailed) as failed:
        security.write_headers(None, tmp_path)
    lines = str(failed.value).splitlines()
    assert lines == [lines[0]] and lines[0].startswith(
        "manual/x/index.html: an inline script no template is known to write ('alert(1)') — ")
    assert not (tmp_path / security.HEADERS_FILE).exists()
    assert "Content-Security-Policy" not in (tmp_path / "index.html").read_text()


def test_a_known_script_with_markup_in_its_value_is_not_known(tmp_path):
    (tmp_path / "index.html").write_text(page("<script>" + MD_SCOPE.format(base='..",alert(1),"') + "</script>"))
    with pytest.raises(BuildFailed):
        security.script_hashes(tmp_path)


def test_every_page_carries_the_policy_as_a_meta_before_any_script(tmp_path):
    (tmp_path / "a").mkdir()
    doc = ('<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="x">'
           f"<script>{ONE}</script></head><body></body></html>")
    (tmp_path / "index.html").write_text(doc)
    (tmp_path / "a" / "index.html").write_text(doc)
    headers = security.write_headers(None, tmp_path)
    for path in (tmp_path / "index.html", tmp_path / "a" / "index.html"):
        text = path.read_text()
        assert text.count('http-equiv="Content-Security-Policy"') == 1
        start = text.index('<meta http-equiv="Content-Security-Policy"')
        assert text.index('<meta charset="utf-8">') < start < text.index("<script>")
        content = text[start:].split('content="', 1)[1].split('"', 1)[0].replace("&#x27;", "'")
        assert content == headers["Content-Security-Policy"].replace("; frame-ancestors 'none'", "")
        assert "frame-ancestors" not in content  # a meta policy cannot carry it (browsers warn)
    security.write_headers(None, tmp_path)  # a second run replaces the meta, never adds another
    assert (tmp_path / "index.html").read_text().count("Content-Security-Policy") == 1


def test_table_alignment_becomes_classes_not_inline_styles():
    import markdown

    from procedures.security.tablealign import TableAlignExtension

    out = markdown.markdown("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |", extensions=["tables", TableAlignExtension()])
    assert "style=" not in out
    assert out.count('class="align-left"') == 2 and out.count('class="align-center"') == 2
    assert '<td class="align-right">3</td>' in out


def _serve(folder, headers):
    from tests.conftest import serve

    return serve(folder, headers=headers)


def test_check_headers_reports_what_a_host_sends(tmp_path, capsys):
    from procedures.core import cli

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(page(f"<script>{ONE}</script>"))
    expected = security.write_headers(None, site)
    base, stop = _serve(site, expected)
    try:
        assert cli.main(["--root", str(tmp_path), "check-headers", base]) == 0
        out = capsys.readouterr().out
        assert "ok  Content-Security-Policy" in out and "All security headers are sent." in out
    finally:
        stop()
    # a host that sends nothing (GitHub Pages, GitLab Pages): every header missing, the meta still there
    base, stop = _serve(site, {})
    try:
        assert cli.main(["--root", str(tmp_path), "check-headers", base]) == 1
        out = capsys.readouterr().out
        assert "MISSING  Content-Security-Policy" in out and "MISSING  X-Frame-Options" in out
        assert "ok  the page carries the policy as <meta" in out
        assert "Strict-Transport-Security — browsers ignore it over plain http" in out
    finally:
        stop()


def test_check_headers_cannot_fetch_is_one_line(tmp_path, capsys):
    from procedures.core import cli

    assert cli.main(["--root", str(tmp_path), "check-headers", "http://127.0.0.1:9/"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("http://127.0.0.1:9/: could not fetch the page (")
