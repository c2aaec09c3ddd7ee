"""Safe YAML loading that remembers where every value came from.

``load_text`` returns the data and a :class:`Lines` map from a path inside the data
(``("partners", 2, "delegate")``) to the line it was written on, so validation can
say ``data/partners.yml:14: ...``. Syntax errors become one plain-English line.
Only YAML's safe subset is ever constructed.
"""

from __future__ import annotations

import pickle
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[Any, ...]

SMART_QUOTES = "\u2018\u2019\u201c\u201d"


@dataclass
class Lines:
    """Where each value sits in its file. ``line_of`` falls back to the nearest parent."""

    file: str
    offset: int = 0  # lines before the YAML starts (front matter: the opening ---)
    by_path: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_ = ()) -> int | None:
        path = tuple(path)
        while True:
            if path in self.by_path:
                return self.by_path[path] + self.offset
            if not path:
                return None
            path = path[:-1]


class YamlSyntaxError(Exception):
    def __init__(self, line: int | None, message: str):
        self.line = line
        self.message = message
        super().__init__(message)


class _Loader(yaml.SafeLoader):
    """SafeLoader; we only use it to compose nodes and construct scalars."""


# libyaml's safe loader reads the same YAML about 50 times faster; the pure-Python one
# (above) is kept to explain mistakes, because the messages are written for its wording.
_FastLoader = getattr(yaml, "CSafeLoader", _Loader)


def _explain(exc: yaml.YAMLError, text: str) -> YamlSyntaxError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = (getattr(exc, "problem", None) or str(exc)).strip()
    context = (getattr(exc, "context", None) or "").strip()
    src_line = text.splitlines()[line - 1] if line and line <= len(text.splitlines()) else ""
    if "\t" in src_line or "found character '\\t'" in problem:
        return YamlSyntaxError(line, "a tab character is used for indenting; YAML needs spaces — replace the tab with spaces")
    if any(q in src_line for q in SMART_QUOTES) and ("quote" in problem or "scalar" in context or "mapping" in context):
        return YamlSyntaxError(line, "curly “smart” quotes are not YAML quotes — use straight quotes ' or \"")
    unclosed = _unclosed_quote(text, line)
    if unclosed:
        return YamlSyntaxError(unclosed, "a quoted value is never closed — add the closing quote at the end of the value")
    special = re.search(r"found (?:character )?'(.)'", problem)
    if special and special.group(1) in "*&!%@`|>" and ("alphabetic or numeric" in problem or "cannot start any token" in problem):
        return YamlSyntaxError(line, f"a value starts with '{special.group(1)}', which YAML reads as a special character — put the whole value in quotes")
    if "while scanning a quoted scalar" in context or "found unexpected end of stream" in problem and "quoted" in context:
        qline = exc.context_mark.line + 1 if getattr(exc, "context_mark", None) else line
        return YamlSyntaxError(qline, "a quoted value is never closed — add the closing quote at the end of the value")
    if "could not find expected ':'" in problem or "while scanning a simple key" in context:
        cline = exc.context_mark.line + 1 if getattr(exc, "context_mark", None) else line
        squashed = re.match(r"^\s*(?:- )?([A-Za-z_][\w-]*):(\S.*)$", text.splitlines()[cline - 1]) if cline else None
        if squashed:
            return YamlSyntaxError(cline, f"there is no space after the ':' — write '{squashed.group(1)}: {squashed.group(2).strip()}'")
        return YamlSyntaxError(cline, "a line is missing the ':' between key and value (write 'key: value')")
    if "mapping values are not allowed here" in problem and line:
        all_lines = text.splitlines()
        prev_no, prev = next(
            ((i, all_lines[i - 1]) for i in range(line - 1, 0, -1) if all_lines[i - 1].strip() and not all_lines[i - 1].lstrip().startswith("#")),
            (None, ""),
        )
        indent = len(src_line) - len(src_line.lstrip())
        prev_indent = len(prev) - len(prev.lstrip())
        if prev_no and ":" not in prev and not prev.lstrip().startswith("-"):
            return YamlSyntaxError(prev_no, "a line is missing the ':' between key and value (write 'key: value')")
        if prev_no and indent > prev_indent and re.search(r":\s+\S", prev):
            return YamlSyntaxError(line, "this line is indented further than the line above — line it up with its neighbours")
    if "mapping values are not allowed here" in problem:
        return YamlSyntaxError(line, "a ':' appears inside a value — put the whole value in quotes, e.g. title: \"Section 47: enquiries\"")
    if "expected <block end>" in problem or "did not find expected" in problem or "bad indentation" in problem:
        return YamlSyntaxError(line, "the indentation does not line up — indent each item with the same number of spaces as its neighbours")
    if "found character" in problem and "that cannot start any token" in problem:
        return YamlSyntaxError(line, f"{problem}; if the value starts with a special character, put it in quotes")
    return YamlSyntaxError(line, f"YAML could not be read ({problem}) — check the punctuation and indentation on this line")


def _unclosed_quote(text: str, error_line: int | None) -> int | None:
    """The first line (up to the error) whose value opens a double quote it never closes."""
    for i, raw in enumerate(text.splitlines()[: error_line or None], 1):
        m = re.match(r'^\s*(?:- )?(?:[\w-]+:\s+)?(".*)$', raw)
        if m and re.sub(r"\\.", "", m.group(1).rstrip()).count('"') % 2 == 1:
            return i
    return None


def _trailing_space_key(text: str) -> int | None:
    for i, raw in enumerate(text.splitlines(), 1):
        if re.match(r"^\s*(- )?[A-Za-z_][\w-]* +:(\s|$)", raw):
            return i
    return None


# The preview (procedures serve) reads every page's front matter again on each save: a
# text read before is not parsed again. Callers get their own copy (they may change it),
# unpickled: several times quicker than parsing again, or than copy.deepcopy.
_PARSED: OrderedDict[tuple[str, str, int], bytes] = OrderedDict()
_PARSED_MAX = 4096


def load_text(text: str, file: str, offset: int = 0) -> tuple[Any, Lines]:
    """Parse ``text``; return (data, lines). Raises YamlSyntaxError with a friendly message."""
    key = (text, file, offset)
    hit = _PARSED.get(key)
    if hit is None:
        parsed = _parse(text, file, offset)
        _PARSED[key] = pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL)
        if len(_PARSED) > _PARSED_MAX:
            _PARSED.popitem(last=False)
        return parsed
    _PARSED.move_to_end(key)
    return pickle.loads(hit)  # noqa: S301 - bytes this process pickled itself, never read from outside


def _parse(text: str, file: str, offset: int) -> tuple[Any, Lines]:
    lines = Lines(file=file, offset=offset)
    for i, raw in enumerate(text.splitlines(), 1):
        if re.search(r"(^|:\s|-\s)[\u2018\u201c]", raw):
            raise YamlSyntaxError(i + offset, "curly “smart” quotes are not YAML quotes — use straight quotes ' or \"")
    bad = _trailing_space_key(text)
    if bad:
        raise YamlSyntaxError(bad + offset, "a key has a space before its ':' — remove the space (write 'key: value')")
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as fast_exc:
        exc = fast_exc
        if _FastLoader is not _Loader:  # explain with the pure-Python reader's wording
            slow = _Loader(text)
            try:
                slow.get_single_node()
            except yaml.YAMLError as slow_exc:
                exc = slow_exc
            finally:
                slow.dispose()
        err = _explain(exc, text)
        raise YamlSyntaxError((err.line or 0) + offset or None, err.message) from None
    finally:
        loader.dispose()
    if node is None:
        return None, lines
    data = _build(loader, node, (), lines)
    return data, lines


_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:omap"}


def _build(loader: _Loader, node: yaml.Node, path: Path_, lines: Lines) -> Any:
    lines.by_path.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.CollectionNode) and node.tag not in _PLAIN_TAGS:
        raise YamlSyntaxError(node.start_mark.line + 1 + lines.offset,
                              f"the YAML tag '{node.tag}' is not allowed here — remove it")
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, str):
                key = key
            if key in out:
                hint = "; if it starts a new item, begin the line with '- '" if path and isinstance(path[-1], int) else ""
                raise YamlSyntaxError(
                    key_node.start_mark.line + 1 + lines.offset,
                    f"the key '{key}' appears twice in the same block — keep one of them{hint}",
                )
            lines.by_path[path + (key,)] = key_node.start_mark.line + 1
            out[key] = _build(loader, value_node, path + (key,), lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, child in enumerate(node.value):
            lines.by_path[path + (i,)] = child.start_mark.line + 1
            items.append(_build(loader, child, path + (i,), lines))
        return items
    try:
        return loader.construct_object(node, deep=True)
    except ValueError:  # a timestamp-shaped value that is not a real date, e.g. 2024-02-30
        raise YamlSyntaxError(node.start_mark.line + 1 + lines.offset,
                              f"{node.value} is not a real date — check the day and the month (write dates as 2024-03-31)") from None
    except yaml.YAMLError:
        raise YamlSyntaxError(node.start_mark.line + 1 + lines.offset,
                              f"the YAML tag '{node.tag}' is not allowed here — remove it") from None


class UnreadableText(YamlSyntaxError):
    """A file that is not UTF-8 text: the line of the first byte that cannot be read."""


def read_text(path: Path) -> str:
    """A source file's text. A byte-order mark is accepted (MkDocs reads with utf-8-sig too);
    bytes that are not UTF-8 raise UnreadableText naming the line, never a traceback."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start]
        try:
            looks = f" (in Windows-1252 it is '{bytes([byte]).decode('cp1252')}')"
        except UnicodeDecodeError:
            looks = ""
        raise UnreadableText(line, f"the file is not saved as UTF-8: byte 0x{byte:02x}{looks} on this line cannot be read — "
                                   "save the file with the encoding UTF-8 (in most editors: Save As, Encoding: UTF-8), "
                                   "or retype that character") from None


def load_file(path: Path, root: Path | None = None) -> tuple[Any, Lines]:
    rel = path.relative_to(root).as_posix() if root and path.is_absolute() else path.as_posix()
    text = read_text(path)
    return load_text(text, rel)


FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (yaml_text or None, body, body_start_line)."""
    m = FRONT_MATTER.match(text)
    if not m:
        return None, text, 1
    yaml_text = m.group(1) or ""
    body_start = text[: m.end()].count("\n") + 1
    return yaml_text, text[m.end():], body_start
