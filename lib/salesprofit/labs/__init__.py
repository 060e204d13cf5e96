"""What each chapter's labs show, computed from the sample company's tables with the model
modules: pure functions, DataFrames in, results out; notebooks and calculators call these and
render. Model modules stay textbook models."""

from .._lazy import submodule_getattr

__all__ = []

__getattr__ = submodule_getattr(__name__, globals())
