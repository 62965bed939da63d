"""Notes: `notes/<section>/<name>.md` files with YAML front matter."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from markdown.extensions.toc import slugify as heading_slug

from .problems import Problem
from .yamlfile import LineDict, load_yaml

LINK_MODES = ("first", "all", "off")
SECTION_INTRO = "index.md"
_FENCE = re.compile(r"^\s*(```+|~~~+)")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")


@dataclass
class Note:
    """One note: where it comes from, its front matter and its Markdown source."""

    section: str
    name: str
    path: str  # relative to the site root, e.g. notes/safety/rlhf.md
    title: str
    summary: str
    file_path: str  # absolute, for reading the body again when a message needs its lines
    body_line: int  # the file line where the body starts
    headings: dict  # anchor id -> heading text, for `[[Note#Heading]]`
    tags: list = field(default_factory=list)
    order: int | None = None
    glossary_links: str | None = None

    @property
    def src_uri(self) -> str:
        """Where the note sits in the site's docs: `safety/rlhf.md`."""
        return f"{self.section}/{self.name}.md"

    @property
    def url(self) -> str:
        """The note's URL below the site root: `safety/rlhf/`."""
        return f"{self.section}/{self.name}/"

    def read_body(self) -> str:
        """The Markdown after the front matter, read from the file (it starts at line `body_line`)."""
        text, _ = read_text(self.file_path, self.path)
        return body_of(text or "", self.body_line)

    def sort_key(self):
        """Front matter `order` first, then title."""
        return (self.order is None, self.order or 0, self.title.casefold())


def body_of(text: str, body_line: int) -> str:
    """The lines of `text` from `body_line` on."""
    return "\n".join(text.split("\n")[body_line - 1:])


def heading_anchors(body: str) -> dict:
    """Anchor ids of the headings of a Markdown body, mapped to their text (fenced code skipped)."""
    anchors = {}
    fence = None
    for line in body.splitlines():
        marker = _FENCE.match(line)
        if marker:
            fence = None if fence and marker.group(1).startswith(fence) else (fence or marker.group(1))
            continue
        heading = None if fence else _HEADING.match(line)
        if heading:
            text = re.sub(r"\s*\{[^}]*\}\s*$", "", heading.group(1))
            anchors.setdefault(heading_slug(text, "-"), text)
    return anchors


def split_front_matter(text: str):
    """Split `---` front matter from the body; return (yaml_text or None, body_line)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, 1
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "\n".join(lines[1:index]), index + 2
    return None, 1


def parse_note(text: str, path: str, section: str, name: str, file_path: str):
    """Parse one note's text (read from `file_path`); return (Note or None, problems)."""
    front, body_line = split_front_matter(text)
    if front is None:
        return None, [Problem(path, 1, "missing front matter: start the file with '---', 'title:', 'summary:', '---'")]
    meta, problems = load_yaml(front, path, first_line=2)
    if problems:
        return None, problems
    if meta is None:
        meta = LineDict()
        meta.line, meta.key_lines = 1, {}
    if not isinstance(meta, LineDict):
        return None, [Problem(path, 2, "front matter must be a mapping of fields")]
    for key in ("title", "summary"):
        value = meta.get(key)
        if not isinstance(value, str) or not value.strip():
            where = meta.key_lines.get(key, 1)
            problems.append(Problem(path, where, f"front matter: missing required '{key}' (one line of text)"))
    tags = meta.get("tags", [])
    if isinstance(tags, str):
        tags = [tags]
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        problems.append(Problem(path, meta.line_of("tags"), "front matter: 'tags' must be a list of words"))
    order = meta.get("order")
    if order is not None and (isinstance(order, bool) or not isinstance(order, int)):
        problems.append(Problem(path, meta.line_of("order"), f"front matter: 'order' must be an integer (got {order!r})"))
    mode = meta.get("glossary_links")
    if mode is not None and mode not in LINK_MODES:
        problems.append(Problem(path, meta.line_of("glossary_links"),
                                f"front matter: 'glossary_links' must be one of {', '.join(LINK_MODES)}"))
    if problems:
        return None, problems
    note = Note(section, name, path, meta["title"].strip(), " ".join(meta["summary"].split()), file_path, body_line,
                heading_anchors(body_of(text, body_line)), tags, order, mode)
    return note, []


def read_text(file_path: str, display_path: str):
    """Read a UTF-8 file; return (text or None, problems)."""
    with open(file_path, "rb") as handle:
        raw = handle.read()
    try:
        return raw.decode("utf-8-sig").replace("\r\n", "\n"), []
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        return None, [Problem(display_path, line, f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8")]


@dataclass
class Section:
    """A folder of notes: its slug, title, optional intro and notes in display order."""

    slug: str
    title: str
    intro: str = ""
    intro_path: str | None = None
    intro_line: int = 1
    notes: list = field(default_factory=list)

    @property
    def index_uri(self) -> str:
        """The generated index page: `safety/index.md`."""
        return f"{self.slug}/index.md"


def section_title(slug: str) -> str:
    """`reading-lists` -> `Reading lists`."""
    words = slug.replace("_", "-").split("-")
    return " ".join(words).capitalize()


def load_notes(notes_dir: str, root_dir: str):
    """Load every `notes/<section>/<name>.md`; return (sections, problems).

    `notes/<section>/index.md`, when present, is the section's introduction
    (front matter `title`, body as intro) rather than a note.
    """
    sections, problems = [], []
    if not os.path.isdir(notes_dir):
        return sections, problems
    for slug in sorted(os.listdir(notes_dir)):
        folder = os.path.join(notes_dir, slug)
        if not os.path.isdir(folder) or slug.startswith((".", "_")):
            continue
        section = Section(slug, section_title(slug))
        for file_name in sorted(os.listdir(folder)):
            if not file_name.endswith(".md"):
                continue
            file_path = os.path.join(folder, file_name)
            display = os.path.relpath(file_path, root_dir).replace(os.sep, "/")
            text, read_problems = read_text(file_path, display)
            problems.extend(read_problems)
            if text is None:
                continue
            if file_name == SECTION_INTRO:
                front, body_line = split_front_matter(text)
                meta, meta_problems = load_yaml(front or "", display, first_line=2)
                problems.extend(meta_problems)
                if isinstance(meta, dict) and isinstance(meta.get("title"), str):
                    section.title = meta["title"]
                section.intro = body_of(text, body_line)
                section.intro_path, section.intro_line = display, body_line
                continue
            note, note_problems = parse_note(text, display, slug, file_name[:-3], file_path)
            problems.extend(note_problems)
            if note is not None:
                section.notes.append(note)
        section.notes.sort(key=Note.sort_key)
        sections.append(section)
    return sections, problems
