"""Notes: `notes/<section>/<name>.md` files with YAML front matter."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from markdown.extensions.toc import slugify as heading_slug

from .problems import FENCE, Problem
from .papers import tag_rule
from .textfile import read_text
from .yamlfile import LineDict, check_fields, describe, load_yaml, string_list

LINK_MODES = ("first", "all", "off")
SECTION_INTRO = "index.md"
FIELDS = frozenset({"title", "summary", "tags", "order", "glossary_links", "hide", "icon", "template"})
HIDE_OPTIONS = ("navigation", "toc", "footer", "tags")
RESERVED_SECTIONS = frozenset({"assets", "glossary", "graph", "papers", "search", "tags"})  # generated pages' folders
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\Z")  # a file or folder name that is its own URL segment
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
    icon: str | None = None  # Material's page icon and template: checked against the theme by the site
    template: str | None = None
    icon_line: int = 0
    template_line: int = 0

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
        marker = FENCE.match(line)
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


def unclosed_front_matter(text: str) -> bool:
    """Front matter whose closing `---` is the file's last line with no newline: MkDocs shows it as text."""
    lines = text.split("\n")
    return len(lines) > 1 and lines[0].strip() == "---" and lines[-1].strip() in ("---", "...") and all(
        line.strip() not in ("---", "...") for line in lines[1:-1])


def parse_note(text: str, path: str, section: str, name: str, file_path: str):
    """Parse one note's text (read from `file_path`); return (Note or None, problems)."""
    if unclosed_front_matter(text):
        return None, [Problem(path, text.count("\n") + 1, "front matter: end the closing '---' with a newline")]
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
    problems.extend(check_fields(meta, FIELDS, path, "front matter"))
    for key in ("title", "summary"):
        value = meta.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            where = meta.key_lines.get(key, 1)
            problems.append(Problem(path, where, f"front matter: missing required '{key}' (one line of text)"))
        elif not isinstance(value, str):
            problems.append(Problem(path, meta.line_of(key), f"front matter: '{key}' must be text (found {describe(value)}; quote it)"))
    tags = string_list(meta, "tags", path, "front matter", problems, tag_rule)
    order = meta.get("order")
    if order is not None and (isinstance(order, bool) or not isinstance(order, int)):
        problems.append(Problem(path, meta.line_of("order"), f"front matter: 'order' must be an integer (got '{describe(order)}')"))
    mode = meta.get("glossary_links")
    if mode is not None and mode not in LINK_MODES:
        problems.append(Problem(path, meta.line_of("glossary_links"),
                                f"front matter: 'glossary_links' must be one of {', '.join(LINK_MODES)}"))
    hide = string_list(meta, "hide", path, "front matter", problems,
                       lambda item: None if item in HIDE_OPTIONS else f"'{describe(item)}' is not one of {', '.join(HIDE_OPTIONS)}")
    for key in ("icon", "template"):
        if key in meta and (not isinstance(meta[key], str) or not meta[key].strip()):
            problems.append(Problem(path, meta.line_of(key), f"front matter: '{key}' must be text"))
    if problems:
        return None, problems
    note = Note(section, name, path, meta["title"].strip(), " ".join(meta["summary"].split()), file_path, body_line,
                heading_anchors(body_of(text, body_line)), tags, order, mode,
                meta.get("icon"), meta.get("template"), meta.line_of("icon"), meta.line_of("template"))
    return note, []


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
    (front matter `title`, body as intro) rather than a note. Anything else under
    `notes/` that would not become a page as written is a problem, never silently dropped.
    """
    sections, problems = [], []
    if not os.path.isdir(notes_dir):
        return sections, problems

    def display(*parts: str) -> str:
        return os.path.relpath(os.path.join(notes_dir, *parts), root_dir).replace(os.sep, "/")

    for slug in sorted(os.listdir(notes_dir)):
        folder = os.path.join(notes_dir, slug)
        if slug.startswith((".", "_")):
            continue
        if not os.path.isdir(folder):
            if slug.lower().endswith(".md"):
                problems.append(Problem(display(slug), 0, "a note must be in a section folder: notes/<section>/<name>.md"))
            continue
        if not _NAME.match(slug) or slug.lower() in RESERVED_SECTIONS:
            why = (f"'{slug}' is the folder of a generated page" if slug.lower() in RESERVED_SECTIONS
                   else "a section folder name may only use letters, digits, '-' and '_'")
            problems.append(Problem(display(slug), 0, f"section folder not used: {why}; rename it"))
            continue
        section = Section(slug, section_title(slug))
        for file_name in sorted(os.listdir(folder)):
            file_path = os.path.join(folder, file_name)
            shown = display(slug, file_name)
            problem = _file_problem(file_path, file_name)
            if problem:
                problems.append(Problem(shown, 0, problem))
                continue
            if not file_name.endswith(".md"):
                continue
            text, read_problems = read_text(file_path, shown)
            problems.extend(read_problems)
            if text is None:
                continue
            if file_name == SECTION_INTRO:
                front, body_line = split_front_matter(text)
                meta, meta_problems = load_yaml(front or "", shown, first_line=2)
                problems.extend(meta_problems)
                if isinstance(meta, dict) and meta.get("title") is not None:
                    if isinstance(meta["title"], str) and meta["title"].strip():
                        section.title = meta["title"].strip()
                    else:
                        problems.append(Problem(shown, meta.line_of("title"), "front matter: 'title' must be text"))
                section.intro = body_of(text, body_line)
                section.intro_path, section.intro_line = shown, body_line
                continue
            note, note_problems = parse_note(text, shown, slug, file_name[:-3], file_path)
            problems.extend(note_problems)
            if note is not None:
                section.notes.append(note)
        section.notes.sort(key=Note.sort_key)
        sections.append(section)
    return sections, problems


def _file_problem(file_path: str, file_name: str) -> str | None:
    """Why an entry of a section folder cannot be a note, or None (also None for non-Markdown files)."""
    if file_name.startswith("."):
        return None
    stem, dot, extension = file_name.rpartition(".")
    if os.path.isdir(file_path):
        return ("a folder named like a note; notes are files" if extension.lower() == "md"
                else "notes may not be nested: put the note in notes/<section>/<name>.md")
    if not os.path.exists(file_path):
        return "cannot be read (a broken symbolic link?)"
    if not dot or extension.lower() != "md":
        return None
    if extension != "md":
        return "write the extension in lower case: .md"
    if stem.lower() == "readme":
        return "README.md would replace the section's index page; use index.md for a section introduction"
    if not _NAME.match(stem):
        return "a note's file name may only use letters, digits, '-' and '_' (it becomes the note's URL)"
    return None
