"""Valid HTML: the Nu Html Checker (vnu-jar, run with the machine's Java) reports zero
errors on one page of every template. Not a browser test: it reads the built files."""

from __future__ import annotations

import json
import shutil
import subprocess
import warnings

from tests.browser.quality import RESULTS, TEMPLATE_PAGES, VNU, file_for, tool_missing


def test_one_page_of_every_template_is_valid_html(built_site):
    if not VNU.exists():
        tool_missing(VNU, "The Nu Html Checker (vnu-jar)")
    java = shutil.which("java")
    if java is None:
        tool_missing(VNU, "Java (for the Nu Html Checker)")
    files = {name: file_for(built_site, path) for name, path in TEMPLATE_PAGES.items()}
    present = {name: f for name, f in files.items() if f is not None}
    missing = sorted(set(files) - set(present))
    assert len(present) >= 8, f"only {len(present)} template pages exist in {built_site}"
    proc = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, present.values())],
                          capture_output=True, text=True, timeout=300)
    messages = json.loads(proc.stderr or proc.stdout or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    lines = [f"{m.get('url', '').split(str(built_site))[-1]}:{m.get('lastLine', '?')}: {m.get('message')}" for m in errors]
    RESULTS.record("html", "Nu Html Checker (valid HTML) on one page of every template", not errors,
                   f"{len(errors)} errors on {len(present)} pages")
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(lines[:50])
    if missing:
        warnings.warn(f"not checked, these template pages do not exist yet: {', '.join(missing)}", stacklevel=1)
