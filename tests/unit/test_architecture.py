"""The shape of ``procedures/`` (issue 18): a core that knows no feature, feature packages
that each declare what they contribute, and nothing importing in a circle.

Imports are read from the source with ``ast``: module-level, function-level and
``TYPE_CHECKING`` imports all count, and so does every ``"procedures.x:function"`` string
(a contribution imported when first used is still a dependency). The one thing that is
not an edge: a feature's ``FEATURE`` declaration naming its own submodules — declarations
are resolved after the package has loaded, so they cannot make an import circle.

A feature reaches another only through that feature's declared interface: its package
(``procedures.manual``) or a module it lists in ``FEATURE = Feature(..., interface=(...))``,
and never a private (``_name``) of another feature.

Layers: ``procedures.core`` (the engine) → feature packages (``procedures.<name>`` with
``FEATURE``) → the composition root (``procedures.registry``, ``procedures.__main__``) and
the benchmarks (``procedures.bench``, tooling the engine never imports).
"""

from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
APP = ("procedures", "procedures.registry", "procedures.__main__")
TOOLING = ("procedures.bench",)  # measurement tools: may import anything, never imported
NOT_FEATURES = ("core", "bench", "templates")


@dataclass
class Graph:
    modules: dict[str, Path]
    edges: dict[str, set[str]] = field(default_factory=dict)


def module_name(path: Path, base: Path) -> str:
    parts = list(path.relative_to(base).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _owner(name: str, modules: dict[str, Path]) -> str | None:
    """The module a dotted name lives in (``procedures.x.f`` -> ``procedures.x``)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def _feature_strings(tree: ast.Module) -> set[int]:
    """ids of the string constants inside ``FEATURE = ...`` (declarations, not imports)."""
    found: set[int] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "FEATURE" for t in node.targets):
            found |= {id(n) for n in ast.walk(node.value) if isinstance(n, ast.Constant)}
    return found


def read_graph(base: Path, package: str = "procedures") -> Graph:
    """Every module under ``base/package`` and what it depends on."""
    modules = {module_name(p, base): p for p in sorted((base / package).rglob("*.py"))}
    spec = re.compile(rf"{package}(?:\.\w+)+(?::\w+)?")  # "package.module:function"
    graph = Graph(modules)
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_pkg = path.name == "__init__.py"
        here = name.split(".") if is_pkg else name.split(".")[:-1]
        declared = _feature_strings(tree) if is_pkg else set()
        out: set[str] = set()
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    root = here[: len(here) - (node.level - 1)]
                    mod = ".".join(root + ([node.module] if node.module else []))
                else:
                    mod = node.module or ""
                # "from pkg import submodule" depends on the submodule, else on pkg
                targets = [f"{mod}.{a.name}" if f"{mod}.{a.name}" in modules else mod for a in node.names]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and spec.fullmatch(node.value):
                target = node.value.partition(":")[0]
                if id(node) in declared and (target == name or target.startswith(name + ".")):
                    continue  # the feature's own declaration naming its own submodule
                targets = [target]
            for t in targets:
                if t.split(".")[0] == package and (owner := _owner(t, modules)) and owner != name:
                    out.add(owner)
        graph.edges[name] = out
    return graph


def unit_of(module: str, package: str = "procedures") -> str:
    """The package-level unit: procedures.core, procedures.<feature>, or an app module."""
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else module


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def package_edges(graph: Graph, skip: tuple[str, ...] = ()) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m, targets in graph.edges.items():
        if m.startswith(skip):
            continue
        u = unit_of(m)
        out.setdefault(u, set()).update(unit_of(t) for t in targets if unit_of(t) != u and not t.startswith(skip))
    return out


def module_edges(graph: Graph, skip: tuple[str, ...] = ()) -> dict[str, set[str]]:
    return {m: {t for t in ts if not t.startswith(skip)} for m, ts in graph.edges.items() if not m.startswith(skip)}


def feature_packages(base: Path, package: str = "procedures") -> list[Path]:
    return sorted(p for p in (base / package).iterdir()
                  if p.is_dir() and p.name not in NOT_FEATURES and not p.name.startswith(("_", ".")))


def declares_feature(init: Path) -> bool:
    tree = ast.parse(init.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "FEATURE" for t in node.targets):
            call = node.value
            return isinstance(call, ast.Call) and getattr(call.func, "id", getattr(call.func, "attr", "")) == "Feature"
    return False


def declared_interface(init: Path) -> set[str]:
    """The modules a feature's ``FEATURE = Feature(..., interface=(...))`` lets others import."""
    tree = ast.parse(init.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "FEATURE" for t in node.targets):
            for kw in getattr(node.value, "keywords", []):
                if kw.arg == "interface":
                    return {n.value for n in ast.walk(kw.value) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    return set()


def private_imports(base: Path, package: str, graph: Graph, features: set[str]) -> list[str]:
    """``from <another feature's module> import _name``: one line each."""
    out = []
    for name, path in graph.modules.items():
        mine = unit_of(name)
        if mine not in features:
            continue
        is_pkg = path.name == "__init__.py"
        here = name.split(".") if is_pkg else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            mod = ".".join(here[: len(here) - (node.level - 1)] + ([node.module] if node.module else [])) if node.level else (node.module or "")
            if unit_of(mod) in features and unit_of(mod) != mine:
                for alias in node.names:
                    if alias.name.startswith("_"):
                        out.append(f"{name} imports {mod}.{alias.name}: a private name of another feature")
    return out


def problems(base: Path, package: str = "procedures") -> list[str]:
    """Every breach of the architecture rules, one line each (empty: all good)."""
    graph = read_graph(base, package)
    out = []
    skip = tuple(f"{package}.{t.split('.', 1)[1]}" for t in TOOLING)
    for comp in cycles(package_edges(graph, skip)):
        out.append(f"packages import each other in a circle: {' <-> '.join(comp)}")
    for comp in cycles(module_edges(graph, skip)):
        out.append(f"modules import each other in a circle: {' <-> '.join(comp)}")
    core = f"{package}.core"
    for m, targets in sorted(graph.edges.items()):
        if m == core or m.startswith(core + "."):
            for t in sorted(targets):
                if not (t == core or t.startswith(core + ".")):
                    out.append(f"{m} (core) imports {t}: the core must not know any feature")
        elif not m.startswith((f"{package}.registry", f"{package}.__main__", *skip)) and m != package:
            for t in sorted(targets):
                if t.startswith((f"{package}.registry", f"{package}.__main__", *skip)):
                    out.append(f"{m} imports {t}: features reach the others through the core, not the registry")
    features = {f"{package}.{p.name}" for p in feature_packages(base, package)}
    interfaces: dict[str, set[str]] = {}
    for pkg in feature_packages(base, package):
        init = pkg / "__init__.py"
        if not init.exists() or not declares_feature(init):
            out.append(f"{package}/{pkg.name}/__init__.py has no FEATURE = Feature(...) declaration")
        else:
            interfaces[f"{package}.{pkg.name}"] = declared_interface(init)
    for m, targets in sorted(graph.edges.items()):
        mine = unit_of(m)
        if mine not in features:
            continue
        for t in sorted(targets):
            theirs = unit_of(t)
            if theirs in features and theirs != mine and t != theirs and t not in interfaces.get(theirs, set()):
                out.append(f"{m} imports {t}: not in {theirs}'s declared interface (FEATURE interface=...)")
    out += private_imports(base, package, graph, features)
    flat = sorted(p.name for p in (base / package).glob("*.py") if p.name not in ("__init__.py", "__main__.py", "registry.py"))
    if flat:
        out.append(f"flat modules in {package}/ (put them in a package): {', '.join(flat)}")
    return out


# --- the real tree --------------------------------------------------------------------

def test_procedures_follows_the_architecture():
    found = problems(REPO)
    assert not found, "\n".join(found)


def test_every_feature_package_is_enabled_in_the_registry():
    import procedures.registry as registry

    enabled = {f.module for f in registry.FEATURES}
    packages = {f"procedures.{p.name}" for p in feature_packages(REPO)}
    assert packages == enabled, f"declared but not enabled: {sorted(packages - enabled)}; enabled but missing: {sorted(enabled - packages)}"


def test_the_graph_sees_function_level_type_checking_and_string_imports():
    graph = read_graph(REPO)
    # function-level: amendments.outputs imports the core builder inside check_url_manifest
    assert "procedures.core.builder" in graph.edges["procedures.amendments.outputs"]
    # TYPE_CHECKING only: the core site type
    assert "procedures.core.site" in graph.edges["procedures.glossary"]
    # a "module:function" string is a dependency too: the manual declares a core check
    assert "procedures.core.pagecalls" in graph.edges["procedures.manual"]


# --- the test itself fails when it should (a tiny package in a temporary folder) ----------

def _write(base: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = base / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text), encoding="utf-8")
    return base


GOOD = {
    "pkg/__init__.py": "",
    "pkg/registry.py": "from .alpha import FEATURE as A\nfrom .beta import FEATURE as B\n",
    "pkg/core/__init__.py": "",
    "pkg/core/feature.py": "class Feature:\n    pass\n",
    "pkg/core/site.py": "from .feature import Feature\n",
    "pkg/alpha/__init__.py": """\
        from ..core.feature import Feature
        FEATURE = Feature(__name__, checks=("pkg.alpha.checks:check",), interface=("pkg.alpha.helper",))
        """,
    "pkg/alpha/checks.py": "from . import helper\nfrom ..core.site import Feature\n",
    "pkg/alpha/helper.py": "X = 1\n",
    "pkg/beta/__init__.py": """\
        from ..core.feature import Feature
        FEATURE = Feature(__name__)
        def f():
            from ..alpha import helper
        """,
}


def test_a_good_tree_passes(tmp_path):
    assert problems(_write(tmp_path, GOOD), "pkg") == []


@pytest.mark.parametrize(("change", "expected"), [
    # a function-level import closing a circle between two feature packages
    ({"pkg/alpha/helper.py": "def g():\n    from ..beta import FEATURE\n"}, "packages import each other in a circle: pkg.alpha <-> pkg.beta"),
    # a circle inside one package, through a TYPE_CHECKING import
    ({"pkg/alpha/helper.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .checks import X\n"},
     "modules import each other in a circle: pkg.alpha.checks <-> pkg.alpha.helper"),
    # a circle through a "module:function" string outside the FEATURE declaration
    ({"pkg/alpha/helper.py": "HOOK = 'pkg.alpha.checks:check'\n"}, "modules import each other in a circle"),
    # the core naming a feature, even only in a string
    ({"pkg/core/site.py": "from .feature import Feature\nDEFAULT = 'pkg.beta:f'\n"}, "pkg.core.site (core) imports pkg.beta"),
    # a feature importing the composition root
    ({"pkg/beta/__init__.py": "from ..core.feature import Feature\nfrom .. import registry\nFEATURE = Feature(__name__)\n"},
     "pkg.beta imports pkg.registry"),
    # a feature package without its declaration
    ({"pkg/gamma/__init__.py": "X = 1\n"}, "pkg/gamma/__init__.py has no FEATURE"),
    # a new flat module beside the packages
    ({"pkg/helpers.py": "X = 1\n"}, "flat modules in pkg/"),
    # a feature importing another's module that is not in its declared interface
    ({"pkg/beta/__init__.py": "from ..core.feature import Feature\nFEATURE = Feature(__name__)\ndef f():\n    from ..alpha.checks import check\n"},
     "pkg.beta imports pkg.alpha.checks: not in pkg.alpha's declared interface"),
    # a feature importing a private name of another, even through its interface
    ({"pkg/beta/__init__.py": "from ..core.feature import Feature\nFEATURE = Feature(__name__)\ndef f():\n    from ..alpha.helper import _secret\n"},
     "pkg.beta imports pkg.alpha.helper._secret: a private name of another feature"),
])
def test_a_broken_tree_fails(tmp_path, change, expected):
    found = problems(_write(tmp_path, {**GOOD, **change}), "pkg")
    assert any(expected in line for line in found), found
