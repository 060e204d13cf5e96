"""Session fixtures shared by several test files, and the hypothesis profiles.

Hypothesis profiles (the same commit gives the same result on every machine):

- ``deterministic`` (the default, also registered as ``ci``): ``derandomize=True`` draws
  the examples from a seed derived from each test, ``database=None`` keeps no examples
  between runs, so ``make test``, ``make test-fast`` and CI see the same examples
  everywhere; no deadline (a shared 2-core machine is not a benchmark); a failure
  prints its reproduction blob.
- ``explore``: random examples, more of them, failures remembered in ``.hypothesis/``
  (for developers: ``make test-explore`` or ``pytest --hypothesis-profile=explore``).
  A failure found there becomes an ``@example`` on the test, so the deterministic run
  keeps checking it.

The profile in force: ``--hypothesis-profile NAME``, else the environment variable
``HYPOTHESIS_PROFILE``, else ``deterministic``.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from servers import Gallery, start_gallery, stop

settings.register_profile(
    "deterministic", derandomize=True, database=None, deadline=None, print_blob=True
)
settings.register_profile("ci", settings.get_profile("deterministic"))
settings.register_profile("explore", max_examples=500, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))


@pytest.fixture(scope="session")
def gallery(tmp_path_factory) -> Gallery:
    """The Voilà calculator gallery (``tools/app.py``) on 127.0.0.1 with a known token."""
    out = tmp_path_factory.mktemp("gallery") / "app"
    running = start_gallery(out)
    yield running
    stop(running.proc)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium through Playwright, offline, every request recorded (one per session)."""
    from test_browser import browser_context

    yield from browser_context()
