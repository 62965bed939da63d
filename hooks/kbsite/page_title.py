"""A page's title as the first heading of its content, so "Skip to content" lands on it.

Material's skip link points at the first entry of the table of contents. A note's Markdown has no
`# Title` (the title is in its front matter), so Material prints the `<h1>` from its template
without an id, outside the table of contents, and the skip link lands on the first `##` instead,
past the title and the introduction. Here the title becomes a level-1 entry holding the rest of
the table of contents; Material's sidebar shows that entry's children, as for a `# Title` page.
"""
from __future__ import annotations

from markupsafe import escape
from mkdocs.structure.toc import AnchorLink, TableOfContents

TITLE_ID = "kb-title"


def lead_with_title(html: str, page) -> str:
    """`html` with the page's title first as `<h1 id="kb-title">`, unless the content has its own `<h1>`.

    The title is escaped once here (`escape` leaves the already escaped `Markup` titles alone)."""
    if "<h1" in html or not page.title:
        return html
    heading = AnchorLink(str(escape(page.title)), TITLE_ID, 1)
    heading.children = list(page.toc)
    page.toc = TableOfContents([heading])
    return f'<h1 id="{TITLE_ID}">{escape(page.title)}</h1>\n{html}'
