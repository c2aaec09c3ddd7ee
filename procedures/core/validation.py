"""Turn pydantic validation errors into one-line, plain-English problems."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import Report
from .yamlload import Lines


def _field(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if not isinstance(p, int)]
    return parts[-1] if parts else "value"


def _where(loc: tuple[Any, ...]) -> str:
    out = ""
    for p in loc:
        out += f"[{p + 1}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def explain(err: dict[str, Any], model: type[BaseModel]) -> str:
    loc = tuple(err.get("loc", ()))
    kind = err.get("type", "")
    field = _field(loc)
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return f"'{field}' is required but missing — add '{field}:' with a value"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        hint = f" — allowed keys: {', '.join(allowed)}" if allowed else ""
        return f"unknown key '{loc[-1]}'{hint}"
    if kind in {"date_from_datetime_parsing", "date_parsing", "date_type"}:
        return f"'{field}' must be a date written as YYYY-MM-DD, e.g. 2024-03-31 (found '{value}') — write dates as 2024-03-31"
    if kind == "literal_error":
        return f"'{field}' must be one of {ctx.get('expected', '')} (found '{value}')"
    if kind == "string_too_short" and int(ctx.get("min_length", 1)) > 1 and value:
        return f"'{field}' is too short ({len(str(value))} characters; at least {ctx.get('min_length')}) — write one full sentence"
    if kind == "string_too_short" or (kind == "string_type" and value is None):
        return f"'{field}' must not be empty — write a value after '{field}:'"
    if kind == "string_too_long":
        return f"'{field}' is too long ({len(str(value))} characters; at most {ctx.get('max_length')}) — shorten it"
    if kind == "string_pattern_mismatch":
        if field in {"id", "related", "superseded_by", "chapter"} or "related" in [str(p) for p in loc]:
            return f"'{value}' is not a chapter id — ids look like 1.5 or 2.13 (quote them: \"1.5\")"
        if field in {"key", "owner", "contact", "worried_about_a_child"}:
            return f"'{value}' is not a valid key — use lower-case letters, digits and hyphens, e.g. childrens-front-door"
        return f"'{field}' has the wrong form (found '{value}')"
    if kind == "string_type":
        return f"'{field}' must be text (found {type(value).__name__} '{value}') — put it in quotes"
    if kind == "bool_parsing" or kind == "bool_type":
        return f"'{field}' must be true or false (found '{value}')"
    if kind in {"list_type"}:
        return f"'{field}' must be a list (one '- item' per line, or [a, b]) (found '{value}')"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"'{_where(loc) or 'the file'}' must be a block of 'key: value' lines (found {type(value).__name__})"
    if kind == "too_short":
        return f"'{field}' must have at least {ctx.get('min_length', 1)} item(s)"
    if kind in {"int_parsing", "int_type"}:
        return f"'{field}' must be a whole number (found '{value}')"
    if kind == "value_error":
        msg = str(ctx.get("error", err.get("msg", "")))
        return msg
    return f"'{field}': {err.get('msg', 'invalid value')}"


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
    fields = getattr(current, "model_fields", None)
    return list(fields) if fields else []


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def validate(model: type[BaseModel], data: Any, lines: Lines, report: Report,
             context: dict[str, Any] | None = None) -> Any | None:
    """Validate ``data`` against ``model``; add every problem to ``report``.

    ``context`` reaches the model's validators (e.g. ``models.DataKey`` reads the keys
    other data files declare)."""
    if data is None:
        data = {}
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err.get("loc", ()))
            # pydantic adds the validator name for union/after validators; keep real keys only
            clean = tuple(p for p in loc if isinstance(p, int) or not str(p).startswith(("function-", "union[")))
            err = {**err, "loc": clean}
            line = lines.line_of(clean)
            if not clean and isinstance(data, dict):
                # a whole-model rule: point at the first key its message talks about
                msg = explain(err, model)
                mentioned = sorted((msg.find(k), k) for k in data if isinstance(k, str) and msg.find(k) >= 0)
                if mentioned:
                    line = lines.line_of((mentioned[0][1],))
            report.error(lines.file, line, explain(err, model))
        return None
