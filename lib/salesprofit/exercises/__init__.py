"""The course's exercises, one module per chapter topic.

Each builder computes the right answer with the model modules and lists the wrong
answers that typical mistakes give (margin taken for markup, discount applied to
cost, a monthly rate used as yearly), so :class:`~salesprofit.teach.Exercise` can
tell a learner which mistake an answer looks like. A builder takes the scenario's
numbers, so a notebook (or a trainer) can pose the same exercise with other figures.

Modules: :mod:`.pricing` (chapter 3); the other chapters add their own
(``exercises.clv``, ``exercises.incentives`` ...), loaded on first use.
"""

from __future__ import annotations

from .._lazy import submodule_getattr
from .pricing import discount_volume, dynamic_price, optimal_price, pocket_margin

__all__ = ["discount_volume", "dynamic_price", "optimal_price", "pocket_margin"]


__getattr__ = submodule_getattr(__name__, globals())
