"""salesprofit: the models, data and calculators of the Sales Profit Playbook.

Model modules are pure (numbers in, numbers out) and import only numpy, pandas and
scipy. Widgets live in :mod:`salesprofit.ui`, figures in :mod:`salesprofit.plots`,
the sample company in :mod:`salesprofit.data`. Submodules are imported lazily so
that ``import salesprofit`` stays fast. :func:`set_language` and :func:`get_language`
(or ``SALESPROFIT_LANG``) choose the language of what the library says.
"""

from __future__ import annotations

from ._lazy import submodule_getattr
from .i18n import get_language, set_language

__all__ = ["get_language", "set_language"]

__version__ = "0.1.0"

__getattr__ = submodule_getattr(__name__, globals())


def __dir__():
    import pkgutil

    return sorted(
        set(globals())
        | {m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")}
    )
