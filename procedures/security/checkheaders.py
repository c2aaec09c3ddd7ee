"""``procedures check-headers URL`` (``make check-headers URL=…``): does the published
host really send the security headers?

The build writes the headers (``_headers``, ``nginx-security-headers.conf``) but only the
host can send them, and GitHub Pages and GitLab Pages ignore both files. This command
fetches one page of the published site and prints one line per header: sent as
expected, sent with a different value, or missing; and whether the page carries the
``<meta>`` copy of the policy. Exit 0 when every header is sent, 1 otherwise (or when
the page cannot be fetched).

With ``--site site/`` (the default when ``site/_headers`` exists) the values are compared
with what this build wrote; otherwise only their presence (and, for the CSP, that it
allows no inline script wholesale) is checked.
"""

from __future__ import annotations

import argparse
import re
import sys
import urllib.error
import urllib.request
from pathlib import Path

from .headers import HEADERS_FILE, parse_headers_file

EXPECTED = [
    "Content-Security-Policy", "Strict-Transport-Security", "X-Content-Type-Options", "Referrer-Policy",
    "Permissions-Policy", "X-Frame-Options", "Cross-Origin-Opener-Policy",
]
_META = re.compile(r"<meta\s+http-equiv=[\"']Content-Security-Policy[\"']", re.I)


def fetch(url: str, timeout: float = 20) -> tuple[int, dict[str, str], str]:
    req = urllib.request.Request(url, headers={"User-Agent": "procedures-check-headers"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (an address the user gave)
            body = resp.read(2_000_000).decode("utf-8", errors="replace")
            return resp.status, {k.lower(): v for k, v in resp.headers.items()}, body
    except urllib.error.HTTPError as exc:
        body = exc.read(2_000_000).decode("utf-8", errors="replace") if exc.fp else ""
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, body


def report(url: str, status: int, sent: dict[str, str], body: str, expected: dict[str, str] | None) -> tuple[bool, list[str]]:
    lines = [f"{url} answered {status}"]
    ok = True
    names = list(expected) if expected else EXPECTED
    for name in names:
        value = sent.get(name.lower())
        if value is None:
            if name == "Strict-Transport-Security" and url.startswith("http:"):
                lines.append(f"not checked  {name} — browsers ignore it over plain http: check the https:// address")
                continue
            ok = False
            lines.append(f"MISSING  {name} — the host does not send it: see 'Security headers on each host' in the "
                         "publishing guide")
        elif expected and " ".join(value.split()) != " ".join(expected[name].split()):
            ok = False
            lines.append(f"DIFFERENT  {name}: the host sends {value!r}; this build expects {expected[name]!r} — "
                         "update the host's configuration from the files the build wrote")
        elif name == "Content-Security-Policy" and "'unsafe-inline'" in value.split("script-src", 1)[-1].split(";", 1)[0]:
            ok = False
            lines.append(f"WEAK  {name}: script-src allows 'unsafe-inline' — send the policy the build wrote")
        else:
            lines.append(f"ok  {name}")
    meta = bool(_META.search(body))
    lines.append("ok  the page carries the policy as <meta http-equiv=\"Content-Security-Policy\">" if meta else
                 "MISSING  <meta http-equiv=\"Content-Security-Policy\"> in the page — publish a build made by "
                 "'procedures build'")
    ok = ok and meta
    lines.append("All security headers are sent." if ok else
                 "Some protections are missing — see the lines above (a <meta> policy cannot carry frame-ancestors, "
                 "and there is no <meta> form of the other headers).")
    return ok, lines


def cmd_check_headers(args: argparse.Namespace) -> int:
    site = Path(args.site) if args.site else args.root / "site"
    expected = None
    if (site / HEADERS_FILE).is_file():
        expected = parse_headers_file((site / HEADERS_FILE).read_text(encoding="utf-8")).get("/*")
    try:
        status, sent, body = fetch(args.url)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        print(f"{args.url}: could not fetch the page ({reason}) — check the address and your connection", file=sys.stderr)
        return 1
    ok, lines = report(args.url, status, sent, body, expected)
    for line in lines:
        print(line)
    return 0 if ok else 1


COMMANDS = {
    "check-headers": (
        "Fetch a page of the published site and report whether the host sends the security headers "
        "(exit 1 if any is missing).",
        lambda p: (p.add_argument("url", help="a page of the published site, e.g. https://procedures.example.org/"),
                   p.add_argument("--site", help="the built site whose _headers to compare with (default: site/)")),
        cmd_check_headers,
    ),
}
