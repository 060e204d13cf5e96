"""Exercises that answer in the static book: adds ``offline/selfcheck.js`` to every page.

The script lives in ``_offline/static/offline/`` (served by ``offline_assets``) and checks
an exercise's typed answer in the page against the key the library wrote into it
(:meth:`salesprofit.teach.Exercise.static_key`). A missing script is a build warning, so
the ``-W`` build fails rather than shipping exercises that cannot answer.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)
SCRIPT = "offline/selfcheck.js"
SOURCE = Path(__file__).resolve().parent.parent / "_offline" / "static" / SCRIPT


def setup(app: Sphinx) -> dict:
    if not SOURCE.is_file():
        LOGGER.warning("the static self-check script is missing: %s", SOURCE)
    app.add_js_file(SCRIPT, loading_method="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
