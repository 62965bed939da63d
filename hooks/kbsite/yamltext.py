"""YAML written as text, so that appending to or changing a hand-edited file keeps every other byte."""
from __future__ import annotations

import json

import yaml

from .textfile import BOM, read_text
from .yamlfile import load_yaml


class AppendError(Exception):
    """Entries could not be appended to (or changed in) a YAML list file safely; nothing was written."""


def scalar(value, flow: bool = False) -> str:
    """`value` as a YAML scalar: plain when it reads back unchanged, else double-quoted."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value if _reads_back(value, flow) else json.dumps(value, ensure_ascii=False)


def _reads_back(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or "\n" in text:
        return False
    try:
        loaded = yaml.safe_load(f"[{text}]" if flow else f"value: {text}")
    except yaml.YAMLError:
        return False
    return loaded == ([text] if flow else {"value": text})


def flow_list(values) -> str:
    """A one-line YAML list: `[a, "b: c"]`."""
    return "[" + ", ".join(scalar(value, flow=True) for value in values) + "]"


def list_item(mapping: dict) -> str:
    """A mapping as one item of a YAML list, a line per field in the mapping's order."""
    lines = []
    for name, value in mapping.items():
        text = flow_list(value) if isinstance(value, list) else scalar(value)
        lines.append(f"{'- ' if not lines else '  '}{name}: {text}")
    return "\n".join(lines) + "\n"


def append_entries(file_path: str, display: str, block: str, expected: list) -> int:
    """Append `block` (YAML list items) to the list file at `file_path`; return the block's first line.

    The file's existing bytes are kept. The result must parse to the old entries followed
    by `expected`; otherwise AppendError is raised and nothing is written.
    """
    old, problems = read_text(file_path, display, exact=True)
    if old is None:
        raise AppendError(f"{problems[0]} (fix it before adding entries)")
    old_entries = _entries(old, display)
    newline = "\r\n" if "\r\n" in old else "\n"
    separator = _separator(old, newline)
    addition = separator + block.replace("\n", newline)
    entries = _entries(old + addition, display)
    if len(entries) != len(old_entries) + len(expected) or entries[len(old_entries):] != expected:
        raise AppendError(f"{display}: the new entries would not read back as written; nothing was changed")
    with open(file_path, "a", encoding="utf-8", newline="") as handle:
        handle.write(addition)
    return (old + separator).count("\n") + 1


def _entries(text: str, display: str) -> list:
    data, problems = load_yaml(text, display)
    if problems:
        raise AppendError(f"{problems[0]} (fix it before adding entries)")
    if data is not None and not isinstance(data, list):
        raise AppendError(f"{display}: not a YAML list of entries; cannot append to it")
    return data or []


def _separator(old: str, newline: str) -> str:
    """What goes between the old text and the new entries: end its last line, then one blank line."""
    if not old.removeprefix(BOM):
        return ""
    ending = "" if old.endswith("\n") else newline
    blank = newline if old.strip() and not (old + ending).endswith(newline * 2) else ""
    return ending + blank


def set_fields(old: str, display: str, key_field: str, changes: dict, order) -> str:
    """`old` (a YAML list of mappings) with fields of some items set; every other byte kept.

    `changes` maps an item's `key_field` value to {field: new value}. A field the item has is
    rewritten in place as `field: value` (a comment after it on its line stays); a new field goes on
    its own line after the nearest field before it in `order`. The result must parse to the old
    items with exactly these changes; otherwise AppendError is raised.
    """
    bom = BOM if old.startswith(BOM) else ""
    text = old[len(bom):]
    newline = "\r\n" if "\r\n" in text else "\n"
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    edits: list[tuple[int, int, str]] = []  # start, end, replacement: applied from the end so that offsets stay valid
    for item in root.value if isinstance(root, yaml.SequenceNode) else []:
        pairs = {name.value: (name, value) for name, value in item.value if isinstance(name, yaml.ScalarNode)}
        key = pairs.get(key_field, (None, None))[1]
        if not isinstance(key, yaml.ScalarNode) or key.value not in changes:
            continue
        for name, value in changes[key.value].items():
            line = f"{name}: {flow_list(value) if isinstance(value, list) else scalar(value)}"
            if name in pairs:
                key_node, value_node = pairs[name]
                edits.append((key_node.start_mark.index, _value_end(text, value_node), line))
                continue
            earlier = [field for field in order[:order.index(name)] if field in pairs] or list(pairs)
            key_node, value_node = pairs[earlier[-1]]
            end = text.find("\n", _value_end(text, value_node))
            end = len(text) if end < 0 else end - (text[end - 1] == "\r")
            edits.append((end, end, newline + " " * key_node.start_mark.column + line))
    new = text
    for start, end, replacement in sorted(edits, reverse=True):
        new = new[:start] + replacement + new[end:]
    expected = _entries(text, display)
    for entry in expected:
        if isinstance(entry, dict) and entry.get(key_field) in changes:
            entry.update(changes[entry[key_field]])
    if _entries(new, display) != expected:
        raise AppendError(f"{display}: the changed entries would not read back as written; nothing was changed")
    return bom + new


def _value_end(text: str, node: yaml.Node) -> int:
    """Where a value's own text ends: a block collection at its last item, a scalar before trailing blanks."""
    while isinstance(node, (yaml.SequenceNode, yaml.MappingNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    end = node.end_mark.index
    while end > node.start_mark.index and text[end - 1] in " \t\r\n":
        end -= 1
    return end
