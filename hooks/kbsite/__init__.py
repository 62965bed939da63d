"""kbsite: the knowledge-base library behind the MkDocs hook and the `kb` command.

Everything here is plain Python that tests can call without MkDocs: loading and
validating notes, the glossary and the paper registry, matching terms, and the
Python-Markdown extension that links terms and renders citations.
"""
