"""When each note last changed, from the repository's history: one `git log` per build."""
from __future__ import annotations

import os
import subprocess


def last_changed(root: str, folder: str = "notes") -> dict[str, str]:
    """{path relative to `root` (notes/safety/rlhf.md): date of the last commit that changed it
    (YYYY-MM-DD)}; empty when `root` is not in a Git work tree or git is missing."""
    try:
        result = subprocess.run(["git", "log", "--format=%x00%cs", "--name-only", "--relative", "--", folder],
                                cwd=root, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if result.returncode != 0:
        return {}
    dates: dict[str, str] = {}
    date = ""
    for line in result.stdout.splitlines():
        if line.startswith("\0"):
            date = line[1:]
        elif line.strip() and date:
            dates.setdefault(line.strip().replace(os.sep, "/"), date)  # newest first: the first date seen is the last change
    return dates
