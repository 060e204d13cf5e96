"""salesprofit: the models, data and calculators of the Sales Profit Playbook.

Model modules are pure (numbers in, numbers out) and import only numpy, pandas and
scipy. Widgets live in :mod:`salesprofit.ui`, figures in :mod:`salesprofit.plots`,
the sample company in :mod:`salesprofit.data`. Submodules are imported lazily so
that ``import salesprofit`` stays fast.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_SUBMODULES = {
    "clv", "costs", "data", "experiments", "forecast", "funnel", "incentives",
    "kpi", "marketing", "plots", "pricing", "quality", "segmentation", "synth",
    "targets", "teach", "training", "ui", "variance",
}


def __getattr__(name: str):
    # Any submodule loads on first use (``salesprofit.clv``), so new modules need no
    # registration here; _SUBMODULES only feeds ``dir()`` and tab completion.
    if not name.startswith("_"):
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
        else:
            globals()[name] = module
            return module
    raise AttributeError(f"module 'salesprofit' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_SUBMODULES))
