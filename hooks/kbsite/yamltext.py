"""YAML written as text, so that appending to a hand-edited file keeps every existing byte."""
from __future__ import annotations

import json

import yaml

from .yamlfile import load_yaml


class AppendError(Exception):
    """Entries could not be appended to a YAML list file safely; nothing was written."""


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
    old = _read(file_path, display)
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


def _read(file_path: str, display: str) -> str:
    try:
        with open(file_path, "rb") as handle:
            return handle.read().decode("utf-8-sig")
    except FileNotFoundError:
        return ""
    except UnicodeDecodeError:
        raise AppendError(f"{display}: not valid UTF-8; fix it before adding entries") from None


def _entries(text: str, display: str) -> list:
    data, problems = load_yaml(text, display)
    if problems:
        raise AppendError(f"{problems[0]} (fix it before adding entries)")
    if data is not None and not isinstance(data, list):
        raise AppendError(f"{display}: not a YAML list of entries; cannot append to it")
    return data or []


def _separator(old: str, newline: str) -> str:
    """What goes between the old text and the new entries: end its last line, then one blank line."""
    if not old:
        return ""
    ending = "" if old.endswith("\n") else newline
    blank = newline if old.strip() and not (old + ending).endswith(newline * 2) else ""
    return ending + blank
