import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from kbfixture import FILES  # noqa: E402
from sitebuild import build_site  # noqa: E402


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory):
    """The fixture knowledge base, built once with --strict."""
    result = build_site(tmp_path_factory.mktemp("kb"), FILES)
    assert result.returncode == 0, result.output
    return result
