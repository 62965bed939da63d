"""YAML loading for knowledge files: lines for every mapping and key, and nothing a contributor
could use to surprise a reviewer.

Knowledge files are read with a stricter YAML than PyYAML's default:
- anchors and aliases are refused (an alias "billion laughs" expands without bound);
- only `true` and `false` are booleans, so `off`, `yes` and `no` stay words (YAML 1.2's rule);
- a mapping key must be text, and may not repeat.
"""
from __future__ import annotations

import re
from collections.abc import Callable

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent
from yaml.resolver import Resolver

from .problems import Problem
from .textfile import read_text

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOOL_TAG = "tag:yaml.org,2002:bool"
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_ITEM_START = re.compile(r"^-(?:[ \t]|$)", re.M)


class LineDict(dict):
    """A mapping from YAML that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        """The line of `key` if present, else the mapping's own line."""
        return self.key_lines.get(key, self.line)


class KnowledgeYAMLError(yaml.YAMLError):
    """YAML that parses but is refused in a knowledge file, at a known line."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class _Resolver(Resolver):
    """PyYAML's resolver with YAML 1.2's booleans: `off`, `yes`, `no`, `on` are strings."""


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL_TAG]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}
_Resolver.add_implicit_resolver(_BOOL_TAG, _BOOL, list("tTfF"))


class _Loader(Composer, _BaseLoader):
    """libyaml's parser with PyYAML's composer, which can refuse anchors and aliases as it meets
    them, before anything is expanded; a top-level list is built one item at a time."""

    first_line = 1

    def __init__(self, text: str):
        _BaseLoader.__init__(self, text)
        self.anchors = {}

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            mark = "*" if isinstance(event, AliasEvent) else "&"
            raise KnowledgeYAMLError(event.start_mark.line + self.first_line,
                                     f"YAML anchors and aliases ({mark}{event.anchor}) are not allowed in knowledge files")
        return super().compose_node(parent, index)

    def load(self) -> list:
        """[(line, value)] of a top-level list's items, or [(line, data)] for any other document."""
        self.get_event()  # stream start
        if self.check_event(StreamEndEvent):
            return []
        self.get_event()  # document start
        if not self.check_event(SequenceStartEvent):
            node = self.compose_node(None, None)
            items = [(node.start_mark.line + self.first_line, self.construct_document(node))]
        else:
            self.get_event()
            items = []
            while not self.check_event(SequenceEndEvent):
                node = self.compose_node(None, None)
                items.append((node.start_mark.line + self.first_line, self.construct_document(node)))
            self.get_event()
            items = [(0, [value for _line, value in items])] + items  # the whole list first
        self.get_event()  # document end
        if not self.check_event(StreamEndEvent):
            event = self.get_event()
            raise yaml.composer.ComposerError("expected a single document in the stream", None,
                                              "but found another document", event.start_mark)
        return items


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + loader.first_line
    result.key_lines = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + loader.first_line
        if not isinstance(key_node, yaml.ScalarNode):
            raise KnowledgeYAMLError(line, "a key must be text, not a list or mapping")
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = key_node.value
        if key in result.key_lines:
            raise KnowledgeYAMLError(line, f"key '{describe(key)}' repeated (first at line {result.key_lines[key]})")
        result.key_lines[key] = line
        result[key] = loader.construct_object(value_node, deep=True)
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.yaml_implicit_resolvers = _Resolver.yaml_implicit_resolvers


def describe(value, width: int = 40) -> str:
    """A short, safe description of a value for a message: never a whole value, never a repr."""
    if isinstance(value, str):
        flat = " ".join(value.split())
        return flat if len(flat) <= width else flat[:width - 1] + "…"
    if isinstance(value, bool) or value is None:
        return str(value).lower()
    if isinstance(value, (int, float)):
        return describe(str(value), width)
    return {"list": "a list", "LineDict": "a mapping", "dict": "a mapping"}.get(type(value).__name__, type(value).__name__)


def _parse(text: str, path: str, first_line: int) -> tuple[list, list]:
    """(items, problems) of `_Loader.load`; a refused or broken document gives one problem."""
    loader = _Loader(text)
    loader.first_line = first_line
    try:
        return loader.load(), []
    except KnowledgeYAMLError as error:
        return [], [Problem(path, error.line, f"YAML error: {error.message}")]
    except RecursionError:
        return [], [Problem(path, first_line, "YAML error: nested too deeply")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        context = str(getattr(error, "context", "") or "")
        if mark is None or "flow" in context or "quoted" in context:
            mark = getattr(error, "context_mark", None) or mark  # an unclosed quote or bracket: where it opened
        line = mark.line + first_line if mark is not None else first_line
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        detail = f"{context}, {reason}" if context else reason
        return [], [Problem(path, line, f"YAML syntax error: {detail}")]
    finally:
        loader.dispose()


def load_yaml(text: str, path: str, first_line: int = 1):
    """Parse YAML text that starts at line `first_line` of its file; return (data, problems)."""
    items, problems = _parse(text, path, first_line)
    return (items[0][1] if items else None), problems


def load_entry_list(file_path: str, display_path: str, what: str) -> tuple[list, list]:
    """Load a top-level YAML list of mappings from a file; return (entries, problems).

    A missing or empty file is an empty list. When the file does not parse, each top-level
    item is parsed on its own, so one broken entry is reported and the others are kept.
    """
    text, problems = read_text(file_path, display_path)
    if text is None:
        return [], problems
    items, problems = _parse(text, display_path, 1)
    if problems:
        items, problems = _parse_items_apart(text, display_path, problems)
    elif items and not isinstance(items[0][1], list):
        line, data = items[0]
        return [], [Problem(display_path, line, f"expected a YAML list of {what}, found {describe(data)}")]
    entries = []
    for line, value in items[1:]:
        if isinstance(value, LineDict):
            entries.append(value)
        else:
            problems.append(Problem(display_path, line, f"expected a mapping of fields for one of the {what}, found {describe(value)}"))
    return entries, problems


def _parse_items_apart(text: str, path: str, whole_file_problems: list) -> tuple[list, list]:
    """[(0, None)] + each top-level `- ` item parsed on its own, with the problems of those that fail."""
    starts = [match.start() for match in _ITEM_START.finditer(text)]
    if not starts:
        return [], whole_file_problems
    items, problems = [(0, None)], []
    for start, end in zip(starts, starts[1:] + [len(text)]):
        first_line = text.count("\n", 0, start) + 1
        parsed, item_problems = _parse(text[start:end], path, first_line)
        problems += item_problems
        items += parsed[1:]
    return items, problems or whole_file_problems


def check_fields(entry: LineDict, allowed: frozenset, path: str, label: str) -> list:
    """Problems for fields of `entry` that are not in `allowed` (typos)."""
    return [
        Problem(path, entry.line_of(key), f"{label}: unknown field '{describe(key)}' (allowed: {', '.join(sorted(allowed))})")
        for key in entry
        if key not in allowed
    ]


def string_list(entry: LineDict, key: str, path: str, label: str, problems: list,
                item_rule: Callable[[str], str | None] | None = None) -> list:
    """The list of non-empty strings at `key`; a lone string is an error (it is never split).

    `item_rule(item)` returns a message for an item it refuses.
    """
    value = entry.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        example = f"[{describe(value)}]" if isinstance(value, str) else "[a, b]"
        problems.append(Problem(path, entry.line_of(key), f"{label}: '{key}' must be a list, e.g. {key}: {example}"))
        return []
    items = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            problems.append(Problem(path, entry.line_of(key),
                                    f"{label}: every item of '{key}' must be non-empty text (found {describe(item)}; quote numbers)"))
            return []
        refusal = item_rule(item.strip()) if item_rule else None
        if refusal:
            problems.append(Problem(path, entry.line_of(key), f"{label}: '{key}': {refusal}"))
            return []
        items.append(item.strip())
    return items


def required_text(entry: LineDict, key: str, path: str, label: str, problems: list) -> str:
    """The non-empty string at `key`, or '' with a problem recorded."""
    if entry.get(key) is None:
        problems.append(Problem(path, entry.line, f"{label}: missing required field '{key}'"))
        return ""
    return optional_text(entry, key, path, label, problems, required=True)


def optional_text(entry: LineDict, key: str, path: str, label: str, problems: list, required: bool = False) -> str:
    """The string at `key` ('' when absent); anything but text is a problem."""
    value = entry.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append(Problem(path, entry.line_of(key),
                                f"{label}: '{key}' must be text (found {describe(value)}; quote it)"))
        return ""
    if required and not value.strip():
        problems.append(Problem(path, entry.line_of(key), f"{label}: '{key}' is empty"))
    return value.strip()
