"""procedures.security: CSP hashes of inline scripts, the two header files, parsing back."""

from __future__ import annotations

import base64
import hashlib

from procedures import security


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
    (tmp_path / "index.html").write_text(page("<script>one()</script>", "<script>two()</script>"))
    (tmp_path / "a" / "index.html").write_text(page("<script>one()</script>"))
    hashes = security.script_hashes(tmp_path)
    assert hashes == sorted({security.csp_hash("one()"), security.csp_hash("two()")})


def test_policy_is_strict_and_lists_the_hashes(tmp_path):
    (tmp_path / "index.html").write_text(page("<script>one()</script>"))
    headers = security.security_headers(tmp_path)
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self' " + security.csp_hash("one()") in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
    assert "'wasm-unsafe-eval'" not in csp  # only when the build contains Pagefind's WebAssembly
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "geolocation=()" in headers["Permissions-Policy"]


def test_webassembly_search_gets_wasm_unsafe_eval_only(tmp_path):
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "wasm.en.pagefind").write_bytes(b"\0asm")
    csp = security.security_headers(tmp_path)["Content-Security-Policy"]
    assert "'wasm-unsafe-eval'" in csp and "'unsafe-eval'" not in csp.replace("'wasm-unsafe-eval'", "")


def test_headers_file_and_nginx_snippet_carry_the_same_headers(tmp_path):
    (tmp_path / "index.html").write_text(page('<script>say("hi")</script>'))
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
