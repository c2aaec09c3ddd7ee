"""The offline copy in Chromium: after one visit, with the network switched off, a chapter
never opened before still opens, and the page says how old the copy is. Editor and
developer pages and drafts are never kept. The service worker and the manifest are
files from the site itself (the CSP allows nothing else)."""

from __future__ import annotations

import json
import re
import time
from urllib.parse import urlparse

import pytest

from procedures import offline
from tests.browser.quality import RequestGuard

pytestmark = pytest.mark.browser

STATUS = "[data-offline-status]"


def listed(built_site) -> list[str]:
    source = (built_site / offline.SW_FILE).read_text(encoding="utf-8")
    data = json.loads(re.search(r"self\.OFFLINE = (.*?);\n", source).group(1))
    return data["core"] + data["rest"]


def kept_paths(page) -> list[str]:
    """The paths of everything in the page's caches (the offline copy)."""
    return page.evaluate("""async () => {
        const keys = [];
        for (const name of await caches.keys()) {
            for (const req of await (await caches.open(name)).keys()) keys.push(new URL(req.url).pathname);
        }
        return keys;
    }""")


@pytest.fixture
def context(browser):
    """A browser context with service workers on and requests to other hosts refused."""
    ctx = browser.new_context(service_workers="allow")
    RequestGuard(ctx)
    yield ctx
    ctx.set_offline(False)
    ctx.close()


def test_the_offline_list_keeps_the_manual_thresholds_contacts_and_briefings_and_nothing_for_staff(built_site):
    urls = listed(built_site)
    for must in ("./", "manual/", "manual/neglect/", "manual/local-contacts/", "thresholds/", "thresholds/finder/",
                 "briefings/", "glossary/", "thresholds/indicators.json"):
        assert must in urls, must
    assert not [u for u in urls if u.startswith(("editors/", "developers/"))]
    assert "manual/transitional-safeguarding/" not in urls  # a draft chapter
    manifest = json.loads((built_site / offline.MANIFEST_FILE).read_text(encoding="utf-8"))
    assert manifest["start_url"] == "./" and manifest["display"] == "standalone" and manifest["icons"]
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="manifest" href="manifest.webmanifest">' in home


def test_a_chapter_not_yet_visited_opens_offline_and_says_how_old_the_copy_is(context, site_server):
    page = context.new_page()
    page.goto(site_server, wait_until="load")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null || navigator.serviceWorker.ready",
                           timeout=20000)
    # the copy is complete when the page says "saved <date>." (not "still being saved")
    page.wait_for_function(
        "s => { const el = document.querySelector(s); return el && !el.hidden && /saved .*\\.$/.test(el.textContent)"
        " && !/still being saved/.test(el.textContent); }", arg=STATUS, timeout=60000)
    saved = page.locator(STATUS).inner_text()
    assert re.search(r"saved \d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d\.$", saved), saved
    context.set_offline(True)
    page.goto(site_server + "manual/private-fostering/", wait_until="load")  # never opened online
    assert "Private Fostering" in page.locator("h1").first.inner_text()
    page.wait_for_function("s => { const el = document.querySelector(s); return el && !el.hidden; }", arg=STATUS)
    status = page.locator(STATUS).inner_text()
    assert status.startswith("You are offline") and "saved" in status, status
    page.goto(site_server + "thresholds/finder/", wait_until="load")
    assert page.locator("h1").first.is_visible()
    kept = kept_paths(page)
    assert any(k.endswith("/manual/neglect/") for k in kept)
    assert not [k for k in kept if "/editors/" in k or "/developers/" in k], kept
    # an editor page is not in the copy: offline, the browser cannot open it
    with pytest.raises(Exception, match="ERR_INTERNET_DISCONNECTED"):
        page.goto(site_server + "editors/", wait_until="load")


def test_the_copy_waits_for_the_page_and_a_device_saving_data_keeps_only_the_core(context, site_server):
    """The service worker is registered only after the page has loaded and had a moment (so
    the copy does not compete with a search typed at once); a device that asks to save data
    gets the core pages, not the whole manual, and the page says so."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})
    page.goto(site_server, wait_until="load")
    assert page.evaluate("navigator.connection.saveData") is True
    assert page.evaluate("navigator.serviceWorker.getRegistration().then(r => !!r)") is False
    page.wait_for_function(
        "s => { const el = document.querySelector(s); return el && !el.hidden; }", arg=STATUS, timeout=30000)
    status = page.locator(STATUS).inner_text()
    assert status.startswith("Offline copy of the main pages saved") and "save data" in status, status
    page.wait_for_timeout(2000)  # time for a fill, had one been asked for
    kept = kept_paths(page)
    root = urlparse(site_server).path  # the site's root path, "/" or "/sub/"
    core, rest = listed_parts(page, site_server)
    assert root + "manual/" in kept and root + "manual/" in [root + u for u in core], kept
    assert not set(kept) & {root + u for u in rest}, "the rest of the manual was fetched"


def listed_parts(page, site_server) -> tuple[list[str], list[str]]:
    source = page.evaluate("u => fetch(u).then(r => r.text())", site_server + offline.SW_FILE)
    data = json.loads(re.search(r"self\.OFFLINE = (.*?);\n", source).group(1))
    return data["core"], data["rest"]


def _worker_requests(context) -> list[tuple[float, str]]:
    """What the service worker itself fetches (the copy being filled), with the time."""
    seen: list[tuple[float, str]] = []
    context.on("request", lambda r: seen.append((time.monotonic(), urlparse(r.url).path)) if r.service_worker else None)
    return seen


_COMPLETE = ("s => { const el = document.querySelector(s); return el && !el.hidden && /saved .*\\.$/.test(el.textContent)"
             " && !/still being saved|main pages/.test(el.textContent); }")


def test_the_copy_is_filled_once_however_often_pages_ask(context, site_server):
    seen = _worker_requests(context)
    page = context.new_page()
    page.goto(site_server, wait_until="load")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30000)
    # as if three more pages had been opened while the first fill runs
    page.evaluate("() => { for (let i = 0; i < 3; i++) navigator.serviceWorker.controller.postMessage('fill'); }")
    page.wait_for_function(_COMPLETE, arg=STATUS, timeout=60000)
    root = urlparse(site_server).path
    _core, rest = listed_parts(page, site_server)
    fetched = [p for _t, p in seen if p in {root + u for u in rest}]
    assert fetched, "the copy was not filled by the service worker"
    twice = sorted({p for p in fetched if fetched.count(p) > 1})
    assert not twice, f"fetched more than once: {twice[:5]}"


def test_a_search_makes_the_copy_stand_aside(context, site_server):
    """A reader's search asks the service worker to pause filling the copy for 5 s."""
    seen = _worker_requests(context)
    page = context.new_page()
    # a device saving data: the page does not ask for the fill itself, so this test does
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})
    page.goto(site_server, wait_until="load")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30000)
    root = urlparse(site_server).path
    _core, rest = listed_parts(page, site_server)
    rest_paths = {root + u for u in rest}
    page.locator("[data-search-input]").first.focus()  # loading the search asks for the pause
    page.wait_for_timeout(200)
    asked = time.monotonic()
    page.evaluate("() => navigator.serviceWorker.controller.postMessage('fill')")
    page.wait_for_timeout(3000)
    early = [p for t, p in seen if p in rest_paths and t < asked + 3]
    assert not early, f"the copy was filled during a search: {early[:5]}"
    for _ in range(60):  # the pause (5 s) over, the fill goes on
        if [p for _t, p in seen if p in rest_paths]:
            break
        page.wait_for_timeout(250)
    assert [p for _t, p in seen if p in rest_paths], "the copy was not filled after the pause"
