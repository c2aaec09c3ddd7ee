"""Where the Chromium that prints the PDFs comes from, and what to say when there is none.

Only publishing needs a browser (``procedures build`` and ``procedures pdf`` print the
PDFs); the preview never does. The system Chromium (Debian's ``chromium`` package) is
preferred; Playwright's own download (``playwright install chromium``) is used only when
no system one is installed. ``python -m procedures.core.browser`` exits 0 when a Chromium is
found (the Makefile's set-up step asks it), 1 otherwise.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

# one line, the exact command (the Makefile runs it itself when it can)
INSTALL_HINT = ("install it with: sudo apt-get install -y chromium "
                "(without apt: .venv/bin/python -m playwright install chromium), or run make build, which does this for you")
MISSING = f"Chromium is needed to print the PDFs but none was found — {INSTALL_HINT}"


def system_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _browsers_dir() -> Path | None:
    """Where Playwright keeps the browsers it downloads (its own default rules)."""
    configured = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    if configured == "0":
        try:
            import playwright

            return Path(playwright.__file__).parent / "driver" / "package" / ".local-browsers"
        except ImportError:
            return None
    if configured:
        return Path(configured)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "ms-playwright"
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / "ms-playwright"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ms-playwright"


def bundled_chromium() -> Path | None:
    """A Chromium that ``playwright install chromium`` downloaded, if any."""
    folder = _browsers_dir()
    if folder is None or not folder.is_dir():
        return None
    for candidate in sorted(folder.glob("chromium*-*")):
        if candidate.is_dir() and any(candidate.iterdir()):
            return candidate
    return None


def playwright_installed() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


def problem() -> str | None:
    """None when the PDFs can be printed; otherwise one line saying what to do."""
    if not playwright_installed():
        return ("Playwright (which drives Chromium to print the PDFs) is not installed — run make build, "
                "or: pip install -e '.[publish]'")
    if system_chromium() is None and bundled_chromium() is None:
        return MISSING
    return None


def main() -> int:
    found = system_chromium() or bundled_chromium()
    if found:
        print(found)
        return 0
    return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
