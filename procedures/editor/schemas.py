"""JSON Schemas for editors' tools, generated from the models that validate the content.

``procedures schemas`` writes one schema per data file registered in
:data:`procedures.registry.DATA_FILES`, one per kind of front matter (chapter, briefing
when that content type exists, ordinary page) into ``schemas/``, and maps the data-file
schemas in ``.vscode/settings.json`` so VS Code's YAML extension completes keys and
underlines mistakes while an editor types. ``procedures schemas --check`` fails when a
committed schema no longer matches its model (a test runs it), so the schemas can never
quietly drift from the rules ``procedures check`` applies.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from ..core import feature as registry

SCHEMA_DIR = "schemas"
VSCODE_SETTINGS = ".vscode/settings.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

# Plain-English help for keys, shown by the editor when hovering over or completing a key.
# Keys not listed keep the model's own description (if any) or none.
FIELD_HELP: dict[str, str] = {
    "id": "The chapter's code, in quotes, e.g. \"2.14\". Never changes and is never reused.",
    "title": "The title as readers see it. Start with a capital letter.",
    "section": "The manual section number in quotes, e.g. \"2\" — one of the keys in data/sections.yml.",
    "summary": "One sentence (10–250 characters) used in the contents, search results and the page description.",
    "scope": "Who and what the chapter covers.",
    "owner": "The group that owns this content: a key from data/owners.yml (default: the Policy and Procedures Group).",
    "last_reviewed": "Date of the last review, written as YYYY-MM-DD, e.g. 2024-03-31.",
    "next_review": "Date the next review is due, written as YYYY-MM-DD; must be after last_reviewed.",
    "status": "draft (never published), published, or archived (kept at its address with a banner).",
    "related": "Codes of related chapters, each in quotes, e.g. [\"1.3\", \"2.14\"]. Each must exist.",
    "legislation": "Acts and regulations this content rests on: a list of title (and ref, e.g. 'section 47').",
    "guidance": "Statutory or national guidance: a list of title and ref, e.g. Working Together to Safeguard Children 2023, Chapter 3.",
    "keywords": "Extra words people search for, as a list.",
    "superseded_by": "For an archived chapter: the code of the chapter that replaces it.",
    "amendment": "A one-line note of the latest change, used until the amendments log covers this chapter.",
    "render_macros": "true only when the page calls a page function that a developer has provided; ask a developer first.",
    "key": "A short identifier: lower-case letters, digits and hyphens, e.g. childrens-front-door.",
    "name": "The full name as it should appear on the site.",
    "checked_on": "The date someone last checked these details against their source, written as YYYY-MM-DD. procedures check warns after six months.",
    "source": "Where these details came from: for a contact, the address of the public page read, or 'partnership', or the national service.",
    "source_kind": "partnership (confirmed by the partnership), public (read from the organisation's own public web page: source is its address) or national (a national service).",
    "organisation": "Whose website a public source is, for the line 'From <organisation>'s website, checked <date>'.",
    "web": "The organisation's own web page for this route, starting https://.",
    "hours": "When the number is answered, e.g. 24 hours, or Monday to Friday, 9am to 5pm.",
    "to_confirm": "Local details the partnership still has to confirm for this chapter, one short line each. Listed for editors on the review dashboard, never on the chapter page: the chapter itself tells the reader what to do without them.",
    "at_a_glance": "The box at the top of the chapter: do_now (1 to 5 first steps), call (contact keys from data/contacts.yml) and by_when (timescale keys from data/timescales.yml). Required on published chapters.",
    "do_now": "1 to 5 short steps, each starting with what to do, e.g. 'If a child is in immediate danger, call 999.'",
    "call": "Keys of contacts in data/contacts.yml, e.g. [emergency, childrens-front-door]; the box shows their names and numbers.",
    "by_when": "Keys of timescales in data/timescales.yml, e.g. [icpc]; [] if none applies.",
    "what": "What must happen, e.g. 'Initial child protection conference held'.",
    "phrase": "What pages show, e.g. 'within 15 working days of the strategy discussion at which section 47 enquiries were started'. Must state the amount.",
    "amount": "The number in the phrase, e.g. 15, or a range in quotes such as \"6 to 13\".",
    "unit": "hours, days, working days, weeks, months or school days.",
    "ref": "Where in the source: chapter and paragraph, section or regulation, as precisely as the source allows.",
    "phone": "Digits and spaces only, e.g. 0116 454 1004.",
    "out_of_hours": "Out-of-hours phone number: digits and spaces only.",
    "interim": "true if the person holds the role on an interim basis (do not write 'interim' in the name).",
    "unconfirmed": "Why the partnership still has to confirm this entry (for a contact with no number, phone, email or web page: what the reader should do instead).",
    "published": "Date of publication, written as YYYY-MM-DD.",
    "themes": "Learning themes, each one of the keys listed in the themes data file.",
    "description": "One sentence describing the page, for search engines and link previews.",
}


# Keys a model leaves optional that the checks require in some states (the reference's
# "required" column says when).
REQUIRED_WHEN: dict[str, str] = {
    "at_a_glance": "when published",  # procedures.at_a_glance.checks
    "superseded_by": "when archived",  # ChapterMeta's own rule
}


@dataclass(frozen=True)
class SchemaTarget:
    filename: str  # in schemas/
    model: type[BaseModel]
    title: str
    applies_to: str  # what the schema describes, for editors
    data_file: str | None = None  # data/<file> the VS Code mapping points at


def _front_matter_models() -> list[tuple[str, str, type[BaseModel], str]]:
    """(name, title, model, applies_to) for each kind of page with validated front matter."""
    from ..core.models import PageMeta
    from ..manual.models import ChapterMeta

    out: list[tuple[str, str, type[BaseModel], str]] = [
        ("chapter", "Chapter front matter", ChapterMeta, "docs/manual/*.md (every chapter except index.md)"),
    ]
    briefing = _briefing_model()
    if briefing is not None:
        out.append(("briefing", "7-Minute Briefing front matter", briefing, "docs/briefings/*.md (every briefing except index.md)"))
    out.append(("page", "Ordinary page front matter", PageMeta, "every other page in docs/"))
    return out


def _briefing_model() -> type[BaseModel] | None:
    """The briefing front-matter model, once the briefings content type exists."""
    spec = next((s for prefix, s in registry.CONTENT_TYPES.items() if prefix.startswith("briefings")), None)
    if spec is None:
        return None
    module = importlib.import_module(spec.partition(":")[0])
    for name in ("BriefingMeta", "Briefing", "BriefingFrontMatter"):
        model = getattr(module, name, None)
        if isinstance(model, type) and issubclass(model, BaseModel):
            return model
    return None


def targets() -> list[SchemaTarget]:
    out = []
    for filename, model in registry.DATA_FILES.items():
        stem = filename.rsplit(".", 1)[0]
        out.append(SchemaTarget(f"{stem}.schema.json", model, f"data/{filename}", f"data/{filename}", f"data/{filename}"))
    for name, title, model, applies in _front_matter_models():
        out.append(SchemaTarget(f"{name}-front-matter.schema.json", model, title, applies))
    return out


def _add_help(node: Any) -> None:
    """Give each property a plain-English description where the model has none."""
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            for key, prop in props.items():
                if isinstance(prop, dict) and "description" not in prop and key in FIELD_HELP:
                    prop["description"] = FIELD_HELP[key]
        for value in node.values():
            _add_help(value)
    elif isinstance(node, list):
        for value in node:
            _add_help(value)


def _models_in(model: type[BaseModel], found: dict[str, type[BaseModel]] | None = None) -> dict[str, type[BaseModel]]:
    """Every model class reachable from ``model``'s fields, by class name."""
    found = {} if found is None else found
    if model.__name__ in found:
        return found
    found[model.__name__] = model
    for info in model.model_fields.values():
        stack = [info.annotation]
        while stack:
            ann = stack.pop()
            if isinstance(ann, type) and issubclass(ann, BaseModel):
                _models_in(ann, found)
            stack.extend(get_args(ann))
    return found


def _accepts_text(model: type[BaseModel]) -> bool:
    """True when the model also accepts a plain string (a "before" validator turns, say,
    ``- Cafcass`` into ``{name: Cafcass}``): the schema must allow that shorthand too."""
    try:
        model.model_validate("Sample text")
    except ValidationError as exc:
        return not any(e["type"] in {"model_type", "dict_type", "model_attributes_type"} and not e["loc"]
                       for e in exc.errors())
    return True


def _allow_text_shorthand(schema: dict[str, Any], model: type[BaseModel]) -> None:
    models = _models_in(model)
    for name, sub in list(schema.get("$defs", {}).items()):
        cls = models.get(name)
        if cls is not None and _accepts_text(cls):
            schema["$defs"][name] = {
                "anyOf": [
                    {"type": "string", "minLength": 1, "description": "Short form: just the name, on one line."},
                    sub,
                ],
            }


def data_keys(root: Path) -> dict[str, list[str]]:
    """The keys data files declare for others (models.DataKey), e.g. the partnership's areas."""
    from pydantic import ValidationError

    from ..core import feature as registry
    from ..core.yamlload import YamlSyntaxError, load_file

    keys: dict[str, list[str]] = {}
    for filename, model in registry.DATA_FILES.items():
        if hasattr(model, "validation_keys"):
            try:
                raw, _lines = load_file(root / "data" / filename, root)
                keys.update(model.model_validate(raw).validation_keys())
            except (OSError, YamlSyntaxError, ValidationError):
                pass  # `procedures check` reports the broken file; the schema then allows any key
    return keys


def _fill_data_keys(node: Any, keys: dict[str, list[str]]) -> None:
    """A DataKey field lists this site's allowed values (as an enum) for editors' tools."""
    if isinstance(node, dict):
        kind = node.pop("x-data-key", None)
        if kind in keys:
            node.pop("minLength", None)
            node["enum"] = list(keys[kind])
        for v in node.values():
            _fill_data_keys(v, keys)
    elif isinstance(node, list):
        for v in node:
            _fill_data_keys(v, keys)


def schema_for(target: SchemaTarget, keys: dict[str, list[str]] | None = None) -> dict[str, Any]:
    schema = target.model.model_json_schema(mode="validation")
    _fill_data_keys(schema, keys or {})
    _allow_text_shorthand(schema, target.model)
    _add_help(schema)
    head = {
        "$schema": DRAFT,
        "title": target.title,
        "description": (
            f"Generated from {target.model.__module__}.{target.model.__name__} by `procedures schemas` — "
            f"do not edit by hand. Describes {target.applies_to}."
        ),
    }
    body = {k: v for k, v in schema.items() if k not in {"title", "description"}}
    return {**head, **body}


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def expected_files(root: Path) -> dict[Path, str]:
    """Every generated file (schemas and the VS Code mapping) with its expected text."""
    out: dict[Path, str] = {}
    keys = data_keys(root)
    for target in targets():
        out[root / SCHEMA_DIR / target.filename] = render(schema_for(target, keys))
    out[root / VSCODE_SETTINGS] = vscode_settings(root)
    return out


def yaml_schema_map() -> dict[str, list[str]]:
    return {f"./{SCHEMA_DIR}/{t.filename}": [t.data_file] for t in targets() if t.data_file}


def vscode_settings(root: Path) -> str:
    """``.vscode/settings.json`` with ``yaml.schemas`` regenerated; other settings kept."""
    path = root / VSCODE_SETTINGS
    current: dict[str, Any] = {}
    if path.exists():
        try:
            current = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            current = {}
    settings = {
        "yaml.validate": True,
        "yaml.completion": True,
        "yaml.hover": True,
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2, "editor.detectIndentation": False},
        "files.trimTrailingWhitespace": True,
        "files.insertFinalNewline": True,
        "files.encoding": "utf8",
        **current,
    }
    settings["yaml.schemas"] = yaml_schema_map()
    return json.dumps(settings, indent=2, ensure_ascii=False) + "\n"


def stale(root: Path) -> list[str]:
    """Generated files that are missing or differ from what the models produce."""
    problems = []
    for path, text in expected_files(root).items():
        rel = path.relative_to(root).as_posix()
        if not path.exists():
            problems.append(f"{rel}: missing")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{rel}: out of date")
    folder = root / SCHEMA_DIR
    if folder.exists():
        wanted = {t.filename for t in targets()}
        for path in sorted(folder.glob("*.schema.json")):
            if path.name not in wanted:
                problems.append(f"{SCHEMA_DIR}/{path.name}: no model any more")
    return problems


def write(root: Path) -> list[str]:
    """Write every schema and the VS Code mapping; remove schemas of models that are gone."""
    written = []
    for path, text in expected_files(root).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path.relative_to(root).as_posix())
    wanted = {t.filename for t in targets()}
    for path in sorted((root / SCHEMA_DIR).glob("*.schema.json")):
        if path.name not in wanted:
            path.unlink()
            written.append(f"{SCHEMA_DIR}/{path.name} (removed)")
    return written


# --- a front matter reference for the editor guide, from the same models -------------

def _type_label(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in prop:
        return "block of keys"
    if "anyOf" in prop:
        kinds = [_type_label(p, defs) for p in prop["anyOf"] if p.get("type") != "null"]
        return " or ".join(dict.fromkeys(kinds))
    if "enum" in prop:
        return "one of: " + ", ".join(str(v) for v in prop["enum"])
    if "const" in prop:
        return f"exactly {prop['const']}"
    kind = prop.get("type")
    if kind == "array":
        item = prop.get("items", {})
        return f"list of {_type_label(item, defs)}" if item else "list"
    if kind == "string" and prop.get("format") == "date":
        return "date (YYYY-MM-DD)"
    return {"string": "text", "boolean": "true or false", "integer": "whole number", "object": "block of keys"}.get(kind or "", kind or "value")


def field_rows(name: str) -> list[dict[str, str]]:
    """Rows (key, required, kind, help) for a front matter kind: chapter, briefing or page."""
    target = next((t for t in targets() if t.filename == f"{name}-front-matter.schema.json"), None)
    if target is None:
        return []
    schema = schema_for(target)
    defs = schema.get("$defs", {})
    required = set(schema.get("required", []))
    rows = []
    for key, prop in schema.get("properties", {}).items():
        rows.append({
            "key": key,
            "required": "yes" if key in required else REQUIRED_WHEN.get(key, "no") if name == "chapter" else "no",
            "kind": _type_label(prop, defs),
            "help": prop.get("description", ""),
        })
    return rows


def front_matter_kinds() -> list[tuple[str, str, str]]:
    return [(name, title, applies) for name, title, _model, applies in _front_matter_models()]


def macros(site) -> dict[str, Any]:
    from ..core.render import render_markdown

    def front_matter_reference(kind: str = "chapter") -> str:
        """A table of every front matter key for chapters, briefings or pages, from the model."""
        names = {name: (title, applies) for name, title, applies in front_matter_kinds()}
        if kind not in names:
            raise ValueError(f"front_matter_reference: unknown kind '{kind}' — use one of {', '.join(names)}")
        title, applies = names[kind]
        return render_markdown("front-matter-reference.md", rows=field_rows(kind), title=title, applies=applies,
                               schema=f"{kind}-front-matter.schema.json")

    return {"front_matter_reference": front_matter_reference}
