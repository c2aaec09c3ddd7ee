"""One address, one source: two files that would publish the same URL are refused.

MkDocs publishes ``docs/manual/x.md`` and ``docs/manual/x/index.md`` both at
``/manual/x/`` and silently keeps one of them, so a stray file can replace a chapter.
``check_unique_urls`` (a cross check, so ``procedures check`` and the build both refuse)
reads the source folder; ``on_files`` checks the final list of files MkDocs will write,
generated pages included, so nothing added by a plug-in can collide either.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.site import Site

from ..core.links import INDEX_NAMES, dest_of  # noqa: F401  (where MkDocs writes a source)


def url_of(dest: str) -> str:
    return "/" + dest.removesuffix("index.html")


def message(other: str, dest: str) -> str:
    return (f"publishes the same address {url_of(dest)} as {other} — one page would silently replace the other: "
            "rename or remove one of the two files")


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def check_unique_urls(site: Site) -> None:
    seen: dict[str, str] = {}
    docs = site.docs_dir
    if not docs.is_dir():
        return
    paths = sorted((p for p in docs.rglob("*") if p.is_file() and not _hidden(p.relative_to(docs))),
                   key=lambda p: (p.relative_to(docs).as_posix().count("/"), p.as_posix()))
    for path in paths:
        src = path.relative_to(docs).as_posix()
        dest = dest_of(src)
        first = seen.get(dest)
        if first is None:
            seen[dest] = src
            continue
        site.report.error(f"docs/{src}", None, message(f"docs/{first}", dest))


def on_files(site, files, config):
    """The final file list (docs/ plus generated pages): every destination once."""
    from mkdocs.exceptions import PluginError

    seen: dict[str, str] = {}
    lines = []
    for f in files:
        first = seen.setdefault(f.dest_uri, f.src_uri)
        if first != f.src_uri:
            lines.append(f"docs/{f.src_uri}: {message(f'docs/{first}', f.dest_uri)}")
    if lines:
        raise PluginError("\n".join(lines))
    return files
