"""Serve the book's vendored JavaScript so the static book works with no internet.

Jupyter Book 1 adds every ``.js``/``.css`` file found under ``html_static_path`` to
every page (when a ``_static/`` folder exists), which would put the 3.6 MB widget
manager on every page. So the vendored files live in ``_offline/static/`` and this
extension adds that folder to ``html_static_path`` only once the builder exists,
after Jupyter Book has scanned the configured static paths. Sphinx then copies the
folder's contents into ``_build/html/_static/`` (``_static/offline/...``).

It also guards the offline promise: a CDN URL in ``mathjax_path`` or in
``nb_ipywidgets_js`` (myst-nb's default) is reported as a warning, which fails the
``-W`` build, as does a missing vendored file.

Refresh the vendored files with ``sh _offline/update_vendor.sh``.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)

#: The folder whose contents are copied into ``_static/``.
OFFLINE_STATIC = Path(__file__).resolve().parent.parent / "_offline" / "static"

#: Files a page with widgets needs (relative to ``_static/``).
REQUIRED = (
    "offline/widgets-config.js",
    "offline/require.js",
    "offline/html-manager/dist/embed-amd.js",
)


def _is_remote(uri: str) -> bool:
    return "://" in uri or uri.startswith("//")


def add_offline_static(app: Sphinx) -> None:
    """Add ``_offline/static`` to ``html_static_path`` and check the offline setup."""
    if app.builder.format != "html":
        return
    missing = [rel for rel in REQUIRED if not (OFFLINE_STATIC / rel).is_file()]
    if missing:
        LOGGER.warning(
            "offline assets missing in %s: %s (run: sh _offline/update_vendor.sh)",
            OFFLINE_STATIC,
            ", ".join(missing),
            type="offline",
            subtype="assets",
        )
    # MathJax on every page, not only on pages with equations: calculators may put
    # math in widget labels, which the widget manager typesets through MathJax.
    app.set_html_assets_policy("always")
    static = str(OFFLINE_STATIC)
    if static not in app.config.html_static_path:
        app.config.html_static_path.append(static)

    mathjax_path = getattr(app.config, "mathjax_path", "") or ""
    if _is_remote(mathjax_path):
        LOGGER.warning(
            "mathjax_path points outside the book (%s); the offline book needs a local "
            "MathJax (sphinx-mathjax-offline)",
            mathjax_path,
            type="offline",
            subtype="mathjax",
        )
    for uri in getattr(app.config, "nb_ipywidgets_js", {}) or {}:
        if _is_remote(uri):
            LOGGER.warning(
                "nb_ipywidgets_js loads %s from outside the book; point it at "
                "offline/... (see _config.yml)",
                uri,
                type="offline",
                subtype="widgets",
            )


def setup(app: Sphinx) -> dict:
    # Priority above the default 500 so this runs after other extensions' handlers.
    app.connect("builder-inited", add_offline_static, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
