"""MkDocs hook: a thin adapter from MkDocs events to `kbsite.site.KnowledgeSite`."""
from kbsite.rebuild import BuildMemory
from kbsite.site import KnowledgeSite
from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger("kb")
site = None
dirty_build = False  # `--dirty`, set once per `mkdocs` command
memory = BuildMemory()  # pages built earlier in this process; checked against the knowledge base in every build


def on_startup(command, dirty):
    global dirty_build
    dirty_build = dirty


def on_config(config):
    global site
    site = KnowledgeSite(config, log, memory if dirty_build else None)
    return config


def on_files(files, config):
    return site.add_files(files, config)


def on_page_markdown(markdown, page, config, files):
    return site.start_page(markdown, page)


@event_priority(-100)  # last: it may hand MkDocs the HTML compressed, until on_page_context
def on_page_content(html, page, config, files):
    return site.finish_page(html, page)


@event_priority(100)  # first: Material's search reads the HTML there
def on_page_context(context, page, config, nav):
    site.restore_page(page)
    return context


def on_env(env, config, files):
    site.fill_site_lists(files)
    return env


def on_post_page(output, page, config):
    return site.finish_output(output, page)


def on_post_build(config):
    site.finish_build(config)
