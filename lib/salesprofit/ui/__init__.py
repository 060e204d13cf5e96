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
    if name in _SUBMODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'salesprofit.ui' has no attribute {name!r}")
