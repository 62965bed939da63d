import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from kbfixture import FILES  # noqa: E402
from sitebuild import build_site  # noqa: E402
from browser import CHROMIUM_ARGS, chromium_path  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory):
    """The fixture knowledge base, built once with --strict."""
    result = build_site(tmp_path_factory.mktemp("kb"), FILES)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium under Playwright; missing in CI is a failure, not a skip."""
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: `make test` installs Debian's chromium package")
        pytest.skip("Chromium is not installed (run `make test`, which installs it)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def project_site(tmp_path_factory):
    """The project's own knowledge base, built once with --strict (content and accessibility tests)."""
    from sitebuild import build_project
    return build_project(tmp_path_factory.mktemp("project-site"), "0")
