"""Calculators: ipywidgets front ends to the models, one builder per calculator.

Each builder (``ui.pricing.breakeven_calculator()`` ...) returns a
:class:`~salesprofit.ui.base.Calculator`: sliders and boxes in percent, a
result area (``widgets.HTML``) and a chart (``widgets.Image``). The widgets do
no arithmetic: every change calls a pure compute function of the chapter's
model module and renders what it returns; a ``ValueError`` from the model is
shown in the calculator as the model's sentence.
"""

from __future__ import annotations

from .._lazy import submodule_getattr

__getattr__ = submodule_getattr(__name__, globals())
