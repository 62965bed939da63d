"""`kb check`: the build's validation of a knowledge base, without a MkDocs build.

Nothing here re-implements a rule. The hook's own `KnowledgeSite` loads the knowledge
base (`load_knowledge`), adds the generated pages to MkDocs' file list, and points
the linker at each page (`start_page`), which is rendered with the site's Markdown
extensions; `finish_page` then locates each unresolved reference with the same
`unresolved_problems` as the build. Only relative links, which MkDocs itself
validates during a build, are checked here.
"""
from __future__ import annotations

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

from .knowledge import load_knowledge
from .problems import Problem
from .site import KnowledgeSite

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


class CheckedSite(KnowledgeSite):
    """The hook's site for one MkDocs config, collecting problems instead of logging them."""

    def __init__(self, config):
        self.problems: list = []
        super().__init__(config, log=None)
        self.config = config
        config.plugins._current_plugin = "kb"  # what MkDocs sets while it runs the hook's on_files
        self.files = self.add_files(get_files(config), config)
        self.targets = {file.src_uri for file in self.files}
        self.links = LinkCollector()
        self.md = markdown.Markdown(extensions=[*config.markdown_extensions, self.links],
                                    extension_configs=config.mdx_configs or {})

    def report(self, problem: Problem):
        self.problems.append(problem)

    def render(self, file):
        """Render one page as the build does; its findings go to `found` and `problems`."""
        page = Page(None, file, self.config)
        page.read_source(self.config)
        self.md.reset()
        html = self.md.convert(self.start_page(page.markdown, page))
        self.extension.page.unresolved += broken_links(file.src_uri, self.links.urls, self.targets)
        self.finish_page(html, page)

    def render_all(self, uris=None):
        """Render every page of the site, or only those whose docs path is in `uris`."""
        for file in list(self.files.documentation_pages()):
            if uris is None or file.src_uri in uris:
                self.render(file)


def load_site(root: str) -> CheckedSite:
    """The site under `root`, its pages not yet rendered; raises MkDocsException for a bad mkdocs.yml."""
    return CheckedSite(load_config(os.path.join(root, CONFIG_FILE)))


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
    except MkDocsException as error:
        return sorted(load_knowledge(root).problems + [Problem(CONFIG_FILE, 0, f"invalid configuration: {error}")])
    site.render_all()
    return sorted(set(site.problems))
