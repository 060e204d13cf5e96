"""The API reference appendix: document the library of this checkout.

The appendix pages (``book/appendix/api/``) call ``sphinx.ext.autodoc`` on the public
functions of ``salesprofit``; ``sphinx.ext.napoleon`` renders their numpydoc sections
(Parameters, Returns, Raises, References, Examples). Both ship with Sphinx, so the
book needs no extra dependency.

This extension puts the book's own ``lib/`` first on ``sys.path`` so autodoc reads the
docstrings of the code beside the book, not of whatever ``salesprofit`` an environment
has installed elsewhere. The settings keep the build clean under ``-W -n``: types are
written in the docstrings (plain text, no cross-reference to a class the book does not
document), signatures show names and defaults only.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sphinx.application import Sphinx

LIB = Path(__file__).resolve().parent.parent / "lib"

#: Sphinx settings of the appendix (set here, not in _config.yml, to keep them together).
SETTINGS = {
    # the types live in the Parameters/Returns sections, as text
    "autodoc_typehints": "none",
    "autodoc_default_options": {},
    "napoleon_google_docstring": False,
    "napoleon_numpy_docstring": True,
    # render Parameters/Returns as field lists with the type in parentheses, without
    # turning "float or array-like" into cross-references nobody can resolve
    "napoleon_use_param": False,
    "napoleon_use_rtype": False,
    "napoleon_use_ivar": True,
    "napoleon_preprocess_types": False,
    "add_module_names": True,
}


def _configure(app: Sphinx, config) -> None:
    for name, value in SETTINGS.items():
        setattr(config, name, value)


def setup(app: Sphinx) -> dict:
    if str(LIB) not in sys.path:
        sys.path.insert(0, str(LIB))
    # the library of this checkout, even if another copy was imported before
    for name in [m for m in sys.modules if m == "salesprofit" or m.startswith("salesprofit.")]:
        module_file = getattr(sys.modules[name], "__file__", None) or ""
        if not module_file.startswith(str(LIB)):
            del sys.modules[name]
    app.setup_extension("sphinx.ext.autodoc")
    app.setup_extension("sphinx.ext.napoleon")
    app.connect("config-inited", _configure, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
