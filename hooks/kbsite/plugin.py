"""The MkDocs plugin `kb` (`plugins: - kb` in mkdocs.yml): MkDocs events to `site.KnowledgeSite`."""
from __future__ import annotations

from collections.abc import Callable

from mkdocs.plugins import BasePlugin, get_plugin_logger

from .config import KnowledgeConfig
from .problems import Problem
from .rebuild import BuildMemory
from .site import KnowledgeSite

log = get_plugin_logger("kb")  # under `mkdocs.`: its warnings fail `--strict`


class KnowledgePlugin(BasePlugin[KnowledgeConfig]):
    """Having `on_startup` keeps one instance across `mkdocs serve` rebuilds (MkDocs' plugin API), so
    the memory of a `--dirty` build lives here; all other state is made again in every `on_config`."""

    supports_multiple_instances = False

    def __init__(self):
        self.dirty = False
        self.memory = BuildMemory()  # pages built earlier in this process, checked anew in every build
        self.site: KnowledgeSite | None = None
        self.report: Callable[[Problem], None] | None = None  # where problems go instead of the log (`kb check`)

    def on_startup(self, *, command, dirty):
        self.dirty = dirty

    def on_config(self, config):
        self.site = KnowledgeSite(config, self.config, log, self.memory if self.dirty else None, self.report)
        return config

    def on_files(self, files, *, config):
        return self.site.add_files(files, config)

    def on_page_markdown(self, markdown, *, page, config, files):
        return self.site.start_page(markdown, page)

    def on_page_content(self, html, *, page, config, files):
        return self.site.finish_page(html, page)

    def on_env(self, env, *, config, files):
        self.site.fill_site_lists(files)
        return env

    def on_post_page(self, output, *, page, config):
        return self.site.finish_output(output, page)

    def on_post_build(self, *, config):
        self.site.finish_build(config)
