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
    if name in _SUBMODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'salesprofit' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_SUBMODULES))
