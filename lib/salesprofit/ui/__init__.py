"""Calculators: ipywidgets front ends to the models, one builder per calculator.

Each builder (``ui.pricing.breakeven_calculator()`` ...) returns a
:class:`~salesprofit.ui.base.Calculator`: sliders and boxes in percent, a
result area (``widgets.HTML``) and a chart (``widgets.Image``). The widgets do
no arithmetic: every change calls a pure compute function of the chapter's
model module and renders what it returns; a ``ValueError`` from the model is
shown in the calculator as the model's sentence.
"""

from __future__ import annotations

import importlib

_SUBMODULES = {"base", "pricing", "teach"}


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
    raise AttributeError(f"module 'salesprofit.ui' has no attribute {name!r}")
