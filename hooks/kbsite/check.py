"""`kb check`: the build's validation of a knowledge base, without a MkDocs build.

Nothing here re-implements a rule. The plugin's own `KnowledgeSite` loads the knowledge
base, adds the generated pages to MkDocs' file list (`SiteFiles`), and renders each page
with the site's Markdown extensions through the build's `PageRenderer`, which locates each
unresolved reference with the same `unresolved_problems` as the build. Only relative links, which MkDocs itself
validates during a build, are checked here.
"""
from __future__ import annotations

import logging
import os
import posixpath
from urllib.parse import unquote, urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from .config import option_line
from .knowledge import load_knowledge
from .problems import Problem

CONFIG_FILE = "mkdocs.yml"


class LinkCollector(Extension, Treeprocessor):
    """Collects the link and image targets of a page, after the linker has added its own links."""

    def __init__(self):
        Extension.__init__(self)
        self.urls: list = []

    def extendMarkdown(self, md):
        self.md = md
        md.treeprocessors.register(self, "kb-check-links", 0)

    def run(self, root):
        self.urls = [element.get("href" if element.tag == "a" else "src") or ""
                     for element in root.iter() if element.tag in ("a", "img")]


class CheckedSite:
    """The site of one MkDocs config after the build's `on_config` and `on_files` events, its pages
    rendered as the build renders them (the plugin's own page renderer), its problems collected."""

    def __init__(self, config):
        self.problems: list[Problem] = []
        plugin = config.plugins["kb"]
        plugin.report = self.problems.append
        self.config = config = config.plugins.on_config(config)  # the build's first two events, as MkDocs runs them
        self.files = config.plugins.on_files(get_files(config), config=config)
        self.site = plugin.site
        self.knowledge = self.site.knowledge
        self.found = self.site.renderer.found  # src_uri -> what the linker found, for `kb stats`
        self.targets = {file.src_uri for file in self.files}
        self.links = LinkCollector()
        self.md = markdown.Markdown(extensions=[*config.markdown_extensions, self.links],
                                    extension_configs=config.mdx_configs or {})

    def render(self, file) -> None:
        """Render one page as the build does; its problems go to `problems`."""
        page = Page(None, file, self.config)
        page.read_source(self.config)
        self.md.reset()
        html = self.md.convert(self.site.start_page(page.markdown, page))
        for needle, message in broken_links(file.src_uri, self.links.urls, self.targets):
            self.site.extension.findings.problem(needle, message)
        self.site.renderer.finish(html, page)

    def render_all(self, uris=None) -> None:
        """Render every page of the site, or only those whose docs path is in `uris`."""
        for file in list(self.files.documentation_pages()):
            if uris is None or file.src_uri in uris:
                self.render(file)


class ConfigProblems(Exception):
    """mkdocs.yml is not valid: MkDocs' own errors, each as a problem at the line of its key."""

    def __init__(self, problems: list[Problem]):
        super().__init__("invalid mkdocs.yml")
        self.problems = problems


class _Errors(logging.Handler):
    """The errors and warnings MkDocs logs while it validates a configuration (it raises only
    "Aborted", and a warning fails only `--strict`)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def load_site(root: str) -> CheckedSite:
    """The site under `root`, its pages not yet rendered; raises ConfigProblems for a bad mkdocs.yml
    or one without the `kb` plugin."""
    path = os.path.join(root, CONFIG_FILE)
    errors, logger = _Errors(), logging.getLogger("mkdocs.config")
    logger.addHandler(errors)
    try:
        config = load_config(path)
    except MkDocsException as error:
        messages = errors.messages or [str(error)]
        raise ConfigProblems([Problem(CONFIG_FILE, option_line(path, message), message) for message in messages]) from None
    finally:
        logger.removeHandler(errors)
    if "kb" not in config.plugins:
        raise ConfigProblems([Problem(CONFIG_FILE, option_line(path, "'plugins'"),
                                      "the `kb` plugin is not in its plugins: add `- kb` under `plugins:`")])
    site = CheckedSite(config)
    site.problems += [Problem(CONFIG_FILE, option_line(path, message), message) for message in errors.messages]
    return site


def link_target(src_uri: str, url: str) -> str | None:
    """The docs path of a relative link to a file; None for links MkDocs does not validate as errors."""
    scheme, netloc, path, _query, _fragment = urlsplit(url)
    if scheme or netloc or not path or url.startswith(("/", "\\")) or AMP_SUBSTITUTE in url:
        return None
    if not posixpath.splitext(path)[1]:
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), unquote(path)))


def broken_links(src_uri: str, urls: list, targets: set) -> list:
    """`(needle, message)` for each relative link whose target is no page or file of the site."""
    broken = []
    for url in urls:
        target = link_target(src_uri, url)
        if target is not None and target not in targets:
            broken.append((url, f"broken link '{url}': '{target}' is no note, generated page or docs file"))
    return broken


def check(root: str) -> list:
    """Every problem of the knowledge base under `root`, sorted."""
    try:
        site = load_site(root)
    except ConfigProblems as invalid:
        return sorted(load_knowledge(root).problems + invalid.problems)
    site.render_all()
    return sorted(set(site.problems))
