"""MkDocs hook: a thin adapter from MkDocs events to `kbsite.site.KnowledgeSite`."""
from kbsite.site import KnowledgeSite
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("kb")
site = None
dirty_build = False  # `--dirty`, set once per `mkdocs` command


def on_startup(command, dirty):
    global dirty_build
    dirty_build = dirty


def on_config(config):
    global site
    site = KnowledgeSite(config, log, dirty=dirty_build)
    return config


def on_files(files, config):
    return site.add_files(files, config)


def on_page_markdown(markdown, page, config, files):
    return site.start_page(markdown, page)


def on_page_content(html, page, config, files):
    return site.finish_page(html, page)


def on_env(env, config, files):
    site.fill_site_lists(files)
    return env


def on_post_page(output, page, config):
    return site.finish_output(output, page)


def on_post_build(config):
    site.write_graph(config.site_dir)
