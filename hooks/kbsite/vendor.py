"""Libraries from the npm registry (package.json), installed into node_modules by `make setup`."""
from __future__ import annotations

import os

PROJECT_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def dist_folder(package: str, site_root: str) -> str | None:
    """The `dist/` folder of an npm package: the site's own node_modules first, then the project's."""
    for base in (site_root, PROJECT_DIR):
        dist = os.path.join(base, "node_modules", package, "dist")
        if os.path.isdir(dist):
            return dist
    return None
