"""The libraries from the npm registry the site uses (nothing is loaded from a CDN): what it serves
to readers and KaTeX, which renders its math during the build; copied into the `kbsite` package,
so an installed plugin carries them.

`python -m kbsite.vendor NODE_MODULES` copies them (`make setup` runs it after `npm ci`).
"""
from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable

VENDOR_DIR = os.path.join(os.path.dirname(__file__), "vendor")
FILES: dict[str, Callable[[str], list[str]]] = {  # npm package -> the files of its dist/ folder kept
    "katex": lambda dist: ["katex.min.js", "katex.min.css"] + [
        f"fonts/{name}" for name in sorted(os.listdir(os.path.join(dist, "fonts"))) if name.endswith(".woff2")],
    "force-graph": lambda dist: ["force-graph.min.js"],
}


BUILD_ONLY = {("katex", "katex.min.js")}  # run during the build (`math_render`), never sent to a reader


def path(package: str, name: str) -> str | None:
    """A copied file of `package`, or None if it is not there (`make setup` copies them)."""
    found = os.path.join(VENDOR_DIR, package, name)
    return found if os.path.isfile(found) else None


def vendored() -> dict[str, list[str]]:
    """package -> its files under VENDOR_DIR (relative paths); a package not copied is missing."""
    found = {}
    for package in FILES:
        folder = os.path.join(VENDOR_DIR, package)
        if os.path.isdir(folder):
            found[package] = sorted(os.path.relpath(os.path.join(base, name), folder).replace(os.sep, "/")
                                    for base, _dirs, names in os.walk(folder) for name in names)
    return found


def copy_from(node_modules: str) -> None:
    """Replace VENDOR_DIR with the served files of each package's dist/ folder."""
    shutil.rmtree(VENDOR_DIR, ignore_errors=True)
    for package, names in FILES.items():
        dist = os.path.join(node_modules, package, "dist")
        for name in names(dist):
            target = os.path.join(VENDOR_DIR, package, name)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(os.path.join(dist, name), target)


if __name__ == "__main__":
    copy_from(sys.argv[1] if len(sys.argv) > 1 else "node_modules")
