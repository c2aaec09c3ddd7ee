"""No editor input can run a script, replace a page or crash the build (issue 17).

One package for everything that keeps editor text from becoming code or from silently
replacing something published. What it contributes (each line is registered in
``procedures/registry.py``; issue 18 will let this package declare them itself):

* ``urls.check_unique_urls`` — CROSS_CHECKS: two sources that would publish the same
  address (``x.md`` and ``x/index.md``) are refused, naming both files;
  ``urls.on_files`` (PAGE_HOOKS, via this module) does the same for the final file list,
  generated pages included.
* ``rawhtml.check_raw_html`` — CROSS_CHECKS: the raw-HTML policy for Markdown (an
  allow-list; scripts, frames, event handlers, ``javascript:`` URLs and resources from
  other hosts are refused with file:line and what to write instead).
* ``escaping`` — PAGE_HOOKS ``on_nav``/``on_env``: every page, section and link title is
  HTML-escaped before any template sees it (MkDocs and Material print titles raw).
* ``tablealign`` — a Markdown extension (added by the plugin): table alignment as
  classes, not ``style=""`` attributes the CSP would block.
* ``headers.write_headers`` — the last AFTER_BUILD step: only the inline scripts the
  templates are known to emit (``csp.KNOWN_INLINE_SCRIPTS``) are hashed; an unknown
  one fails the build; the CSP is written into every page as a ``<meta>`` and into
  ``_headers`` / ``nginx-security-headers.conf`` with Strict-Transport-Security.
* ``checkheaders`` — ``procedures check-headers URL``: does the published host send them?
"""

from __future__ import annotations

from .headers import (  # noqa: F401  (the public names other modules and tests use)
    HEADERS_FILE,
    NGINX_FILE,
    PERMISSIONS_POLICY,
    content_security_policy,
    csp_hash,
    inline_scripts,
    is_executable,
    parse_headers_file,
    render_headers_file,
    render_nginx,
    script_hashes,
    security_headers,
    uses_webassembly,
    write_headers,
)

# --- page hooks (registry.PAGE_HOOKS lists this module) --------------------------------

def on_files(site, files, config):
    from .urls import on_files as _on_files

    return _on_files(site, files, config)



def on_nav(site, nav, config, files):
    from .escaping import on_nav as _on_nav

    return _on_nav(site, nav, config, files)


def on_env(site, env, config, files):
    from .escaping import on_env as _on_env

    return _on_env(site, env, config, files)


# --- what this feature contributes (enabled in procedures/registry.py) ----------------
from ..core.feature import Feature, Step  # noqa: E402

FEATURE = Feature(
    __name__,
    interface=("procedures.security.escaping",),  # what other features may import: escaping titles and text
    checks=(
        "procedures.security.urls:check_unique_urls",  # two files publishing one address are refused
        "procedures.security.rawhtml:check_raw_html",  # the raw-HTML allow-list for Markdown pages
    ),
    # keep LAST among the page hooks: refuses two files with one address among the final
    # files (generated pages included) and escapes every title once all are known
    page_hooks=("procedures.security",),
    markdown_extensions=("procedures.security.tablealign:TableAlignExtension",),  # table alignment as classes (CSP)
    # keep LAST: it hashes the final inline scripts into the CSP
    after_build=(Step("procedures.security:write_headers", "last"),),
    cli_commands=("procedures.security.checkheaders:COMMANDS",),  # procedures check-headers URL
)
