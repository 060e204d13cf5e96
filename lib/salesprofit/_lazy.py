"""Lazy submodules: ``package.name`` imports ``package/name.py`` on first use.

Keeps ``import salesprofit`` fast (pandas, matplotlib and ipywidgets load only when a
module that needs them is used) and lets a new module work without registration.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def submodule_getattr(package: str, namespace: dict[str, Any]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package`` that imports submodules on first use.

    The imported module is stored in ``namespace`` (the package's globals) so the
    next access is a plain attribute lookup. A name that is not a submodule raises
    ``AttributeError``; an import error inside an existing submodule is not hidden.
    """

    def __getattr__(name: str) -> Any:  # noqa: N807 (the module hook Python calls)
        if not name.startswith("_"):
            try:
                module = importlib.import_module(f"{package}.{name}")
            except ModuleNotFoundError as exc:
                if exc.name != f"{package}.{name}":
                    raise
            else:
                namespace[name] = module
                return module
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
