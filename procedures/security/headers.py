"""Security headers for the published site, computed from the built HTML.

The site is plain files, so the host sends the headers. After every build this step
writes them in two forms generated from the same dictionary:

* ``_headers`` — Netlify / Cloudflare Pages format;
* ``nginx-security-headers.conf`` — ``add_header`` lines to ``include`` in a server block.

The Content-Security-Policy allows scripts only from the site itself plus the SHA-256
hash of each inline script the templates are known to write (``csp.py``: Material's two
small ones). Any other executable inline script in a built page fails the build — it
is never hashed into the policy. JSON data blocks (``<script type="application/json">``)
are never executed, so CSP does not apply to them and they are not hashed.
``'unsafe-inline'`` is never allowed for scripts.

Hosts that cannot send headers (GitHub Pages, GitLab Pages) still get the policy: the
same CSP is written into every page as ``<meta http-equiv="Content-Security-Policy">``,
right after ``<meta charset>`` and before any script. A ``<meta>`` policy cannot carry
``frame-ancestors``, ``report-uri``/``report-to`` or ``sandbox`` (browsers ignore them
there), so the meta copy leaves ``frame-ancestors`` out; the other headers
(Strict-Transport-Security, X-Frame-Options, nosniff …) have no meta form at all.
``procedures check-headers URL`` tells you what a published host really sends.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

from .csp import known_source, unknown_message

if TYPE_CHECKING:
    from ..core.site import Site

HEADERS_FILE = "_headers"
NGINX_FILE = "nginx-security-headers.conf"

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_ATTR = re.compile(r"""([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")

# https://html.spec.whatwg.org/#javascript-mime-type (plus "module" and no type at all)
_JS_TYPES = {
    "", "module", "text/javascript", "application/javascript", "application/ecmascript",
    "application/x-ecmascript", "application/x-javascript", "text/ecmascript", "text/jscript",
    "text/livescript", "text/x-ecmascript", "text/x-javascript", "text/javascript1.0",
    "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
    "text/javascript1.5",
}

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen",
        "geolocation", "gyroscope", "magnetometer", "microphone", "midi", "payment",
        "picture-in-picture", "publickey-credentials-get", "screen-wake-lock", "usb",
        "xr-spatial-tracking", "browsing-topics",
    )
)


def _attrs(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in _ATTR.findall(text):
        value = value.strip("\"'") if value else ""
        out[name.lower()] = html.unescape(value)
    return out


def is_executable(attrs: dict[str, str]) -> bool:
    """True when the browser would run this inline <script> (and CSP must allow it)."""
    if "src" in attrs:
        return False
    return attrs.get("type", "").strip().lower() in _JS_TYPES


def inline_scripts(page_html: str) -> list[str]:
    """The exact text of every executable inline script in a page, in order."""
    return [body for attrs, body in _SCRIPT.findall(page_html) if is_executable(_attrs(attrs))]


def csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def script_hashes(site_dir: Path) -> list[str]:
    """Sorted unique CSP hash sources for the known inline scripts in the built pages.

    Raises BuildFailed (one line per page) when a page holds an inline script no known
    template writes: it is refused, never hashed into the policy."""
    hashes: set[str] = set()
    unknown: list[str] = []
    site_dir = Path(site_dir)
    for path in sorted(site_dir.rglob("*.html")):
        for script in inline_scripts(path.read_text(encoding="utf-8", errors="replace")):
            if known_source(script) is None:
                unknown.append(unknown_message(path.relative_to(site_dir).as_posix(), script))
                break
            hashes.add(csp_hash(script))
    if unknown:
        from ..core.builder import BuildFailed

        raise BuildFailed("\n".join(unknown))
    return sorted(hashes)


def uses_webassembly(site_dir: Path) -> bool:
    """Pagefind's search runs WebAssembly, which CSP only allows with 'wasm-unsafe-eval'."""
    return any(Path(site_dir).rglob("*.pagefind")) or any(Path(site_dir).rglob("wasm.*.pagefind"))


# directives a <meta> policy cannot carry (browsers ignore them there and say so)
NOT_IN_META = ("frame-ancestors", "report-uri", "report-to", "sandbox")

HSTS = "max-age=31536000"  # one year; no includeSubDomains: other services share the domain


def content_security_policy(hashes: list[str], wasm: bool = False, meta: bool = False) -> str:
    script_src = ["'self'", *hashes]
    if wasm:
        # lets the page compile WebAssembly it fetched from 'self'; it does not allow eval()
        script_src.append("'wasm-unsafe-eval'")
    directives = [
        ("default-src", ["'none'"]),
        ("script-src", script_src),
        ("style-src", ["'self'"]),
        ("img-src", ["'self'", "data:"]),
        ("font-src", ["'self'"]),
        ("connect-src", ["'self'"]),
        ("worker-src", ["'self'"]),
        ("manifest-src", ["'self'"]),
        ("base-uri", ["'self'"]),
        ("form-action", ["'self'"]),
        ("frame-ancestors", ["'none'"]),
        ("object-src", ["'none'"]),
    ]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives
                     if not (meta and name in NOT_IN_META))


def security_headers(site_dir: Path, hashes: list[str] | None = None) -> dict[str, str]:
    """Every header the host must send with every response, in a stable order."""
    site_dir = Path(site_dir)
    hashes = script_hashes(site_dir) if hashes is None else hashes
    return {
        "Content-Security-Policy": content_security_policy(hashes, uses_webassembly(site_dir)),
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "Cross-Origin-Opener-Policy": "same-origin",
        "X-Frame-Options": "DENY",
        "Strict-Transport-Security": HSTS,  # browsers ignore it over plain http
    }


_CHARSET = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.I)
_META_CSP = re.compile(r"<meta\s+http-equiv=[\"']Content-Security-Policy[\"'][^>]*>\s*", re.I)


def meta_tag(policy: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy.replace("&", "&amp;").replace(chr(34), "&quot;")}">'


def add_meta_policy(page_html: str, policy: str) -> str:
    """The page with the policy as its first <meta> after the charset (before any script)."""
    page_html = _META_CSP.sub("", page_html)
    m = _CHARSET.search(page_html)
    if m is None:
        m = re.search(r"<head\b[^>]*>", page_html, re.I)
    if m is None:
        return page_html  # not a page (a fragment): nothing runs without a document
    return page_html[: m.end()] + meta_tag(policy) + page_html[m.end():]


def render_headers_file(headers: dict[str, str]) -> str:
    lines = [
        "# Security headers for every page (Netlify / Cloudflare Pages format).",
        "# Generated by procedures/security/headers.py on each build: do not edit by hand.",
        "/*",
    ]
    lines += [f"  {name}: {value}" for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def render_nginx(headers: dict[str, str]) -> str:
    lines = [
        "# Security headers for every response; generated by procedures/security/headers.py on each build.",
        "# Use inside a server { } or location { } block:  include nginx-security-headers.conf;",
        "# (nginx forgets these in a location that has add_header lines of its own: include it there too.)",
    ]
    for name, value in headers.items():
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'add_header {name} "{escaped}" always;')
    return "\n".join(lines) + "\n"


def parse_headers_file(text: str) -> dict[str, dict[str, str]]:
    """Read a ``_headers`` file back: URL pattern -> {header: value}."""
    rules: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if not raw[0].isspace():
            current = rules.setdefault(raw.strip(), {})
            continue
        if current is None:
            raise ValueError(f"header line before any URL pattern: {raw.strip()!r}")
        name, sep, value = raw.strip().partition(":")
        if not sep:
            raise ValueError(f"not a 'Name: value' header line: {raw.strip()!r}")
        current[name.strip()] = value.strip()
    return rules


def write_headers(site: Site | None, site_dir: Path) -> dict[str, str]:
    """AFTER_BUILD step: refuse unknown inline scripts, write the policy into every page as
    a ``<meta>``, and write ``_headers`` and the nginx snippet into the built site.

    Registered last in ``registry.AFTER_BUILD`` so it sees the final HTML.
    """
    site_dir = Path(site_dir)
    hashes = script_hashes(site_dir)  # fails the build on an inline script no template is known to write
    headers = security_headers(site_dir, hashes)
    meta_policy = content_security_policy(hashes, uses_webassembly(site_dir), meta=True)
    for path in site_dir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        path.write_text(add_meta_policy(text, meta_policy), encoding="utf-8")
    (site_dir / HEADERS_FILE).write_text(render_headers_file(headers), encoding="utf-8")
    (site_dir / NGINX_FILE).write_text(render_nginx(headers), encoding="utf-8")
    return headers
