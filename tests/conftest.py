"""Session fixtures shared by several test files (one server per test session)."""

from __future__ import annotations

import pytest

from servers import Gallery, start_gallery, stop


@pytest.fixture(scope="session")
def gallery(tmp_path_factory) -> Gallery:
    """The Voilà calculator gallery (``tools/app.py``) on 127.0.0.1 with a known token."""
    out = tmp_path_factory.mktemp("gallery") / "app"
    running = start_gallery(out)
    yield running
    stop(running.proc)
