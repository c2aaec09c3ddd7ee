"""The JSON Schemas in schemas/ for editors' tools: generated from the registry's models,
committed, mapped in .vscode/settings.json, and describing the real data truthfully."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import pytest

from procedures import registry
from procedures.core.site import load_site
from procedures.core.yamlload import load_file, load_text, split_front_matter
from procedures.editor import schemas
from tests.conftest import REPO

jsonschema = pytest.importorskip("jsonschema")


def as_json(value: Any) -> Any:
    """YAML as an editor's YAML extension sees it: dates are text."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def committed(name: str) -> dict:
    return json.loads((REPO / schemas.SCHEMA_DIR / name).read_text(encoding="utf-8"))


def test_committed_schemas_are_up_to_date():
    """Fails when a model changed without `procedures schemas` being run and committed."""
    assert schemas.stale(REPO) == [], "run: .venv/bin/procedures schemas"


def test_there_is_a_schema_for_every_registered_data_file_and_each_front_matter():
    names = {t.filename for t in schemas.targets()}
    for filename in registry.DATA_FILES:
        assert f"{filename.rsplit('.', 1)[0]}.schema.json" in names
    assert {"chapter-front-matter.schema.json", "page-front-matter.schema.json"} <= names
    if any(prefix.startswith("briefings") for prefix in registry.CONTENT_TYPES):
        assert "briefing-front-matter.schema.json" in names


def test_vscode_maps_every_data_file_to_its_schema():
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for filename in registry.DATA_FILES:
        schema = f"./schemas/{filename.rsplit('.', 1)[0]}.schema.json"
        assert mapping[schema] == [f"data/{filename}"]
        assert (REPO / schema).exists()
    assert settings["[yaml]"]["editor.insertSpaces"] is True
    extensions = json.loads((REPO / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


@pytest.mark.parametrize("filename", sorted(registry.DATA_FILES))
def test_real_data_file_is_valid_against_its_committed_schema(filename):
    path = REPO / "data" / filename
    assert path.exists(), f"data/{filename} is missing (accessibility-results.yml: run make accessibility-results)"
    data, _ = load_file(path, REPO)
    schema = committed(f"{filename.rsplit('.', 1)[0]}.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = list(jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).iter_errors(as_json(data)))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_real_front_matter_is_valid_against_its_committed_schema():
    site = load_site(REPO)
    chapter = jsonschema.Draft202012Validator(committed("chapter-front-matter.schema.json"),
                                              format_checker=jsonschema.FormatChecker())
    checked = 0
    for ch in site.chapters:
        fm, _, _ = split_front_matter((REPO / ch.file).read_text(encoding="utf-8"))
        meta, _ = load_text(fm, ch.file)
        errors = list(chapter.iter_errors(as_json(meta)))
        assert not errors, f"{ch.file}: {errors[0].message}"
        checked += 1
    assert checked >= 35


@pytest.mark.parametrize(("key", "value", "fragment"), [
    ("next_review", "31/03/2027", "is not a 'date'"),
    ("status", "Published", "is not one of"),
    ("id", 2.15, "is not of type 'string'"),
    ("author", "Someone", "Additional properties are not allowed"),
    ("related", ["two point one"], "does not match"),
])
def test_the_editor_underlines_the_same_mistakes_the_check_rejects(key, value, fragment):
    """What VS Code would underline while typing (the schema) matches what the check refuses."""
    fm, _, _ = split_front_matter((REPO / "docs/manual/neglect.md").read_text(encoding="utf-8"))
    meta, _ = load_text(fm, "docs/manual/neglect.md")
    meta = as_json(meta)
    meta[key] = value
    validator = jsonschema.Draft202012Validator(committed("chapter-front-matter.schema.json"),
                                                format_checker=jsonschema.FormatChecker())
    messages = [e.message for e in validator.iter_errors(meta)]
    assert any(fragment in m for m in messages), messages


def test_schemas_explain_keys_in_plain_english():
    chapter = committed("chapter-front-matter.schema.json")
    assert "YYYY-MM-DD" in chapter["properties"]["next_review"]["description"]
    assert chapter["additionalProperties"] is False
    assert "do not edit by hand" in chapter["description"]


def test_front_matter_reference_lists_every_chapter_key():
    rows = {r["key"]: r for r in schemas.field_rows("chapter")}
    from procedures.manual.models import ChapterMeta

    assert set(rows) == set(ChapterMeta.model_fields)
    assert rows["id"]["required"] == "yes" and rows["related"]["required"] == "no"
    assert rows["at_a_glance"]["required"] == "when published" and rows["superseded_by"]["required"] == "when archived"
    assert rows["status"]["kind"] == "one of: draft, published, archived"
    assert rows["last_reviewed"]["kind"] == "date (YYYY-MM-DD)"
